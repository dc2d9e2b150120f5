//! The forms waiting for a client member, on their home page (its own file: the home page
//! draws it, and the feedback pages draw the project's tabs).

use crate::calendar::DueDate;
use crate::i18n::view::use_strings;
use leptos::prelude::*;
use leptos_router::components::A;

fn date_text(t: &crate::i18n::Strings, day: DueDate) -> String {
    (t.date)(day.year, day.month, day.day)
}

/// A client member's home: the forms waiting for their answers.
#[component]
pub fn WaitingForms() -> impl IntoView {
    let t = use_strings();
    let waiting = Resource::new(|| (), |_| super::api::get_waiting());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let forms = waiting.await.unwrap_or_default();
                (!forms.is_empty())
                    .then(|| {
                        view! {
                            <section class="waiting-forms" aria-labelledby="waiting-forms-title">
                                <h2 id="waiting-forms-title">{move || t.get().forms_waiting_title}</h2>
                                <ul class="attention-list">
                                    {forms
                                        .into_iter()
                                        .map(|f| {
                                            let closes_on = f.closes_on;
                                            let project = f.project_name.clone();
                                            view! {
                                                <li>
                                                    <A href=format!("/forms/{}", f.id)>
                                                        {f.title.clone()}
                                                        {f.milestone.clone().map(|m| view! { " · " {m} })}
                                                    </A>
                                                    <span class="attention-meta">
                                                        {move || format!("{} · {}", project, (t.get().form_open_until)(&date_text(t.get(), closes_on)))}
                                                    </span>
                                                </li>
                                            }
                                        })
                                        .collect_view()}
                                </ul>
                            </section>
                        }
                    })
            })}
        </Transition>
    }
}
