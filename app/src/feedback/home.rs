//! The forms waiting for a client member, on their home page (its own file: the home page
//! draws it, and the feedback pages draw the project's tabs).

use crate::i18n::view::use_strings;
use leptos::prelude::*;
use leptos_router::components::A;

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
                                                        {move || format!("{} · {}", project, (t.get().form_open_until)(&closes_on.in_words(t.get())))}
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

/// Staff's home: the organization's CSAT and NPS over the last 90 days, each with the 90 days
/// before, in words ("up from", "down from").
#[component]
pub fn OrganizationScores() -> impl IntoView {
    let t = use_strings();
    let scores = Resource::new(|| (), |_| super::api::get_organization_scores());
    view! {
        <Transition>
            {move || Suspend::new(async move {
                let scores = scores.await.unwrap_or_default();
                (scores.csat.is_some() || scores.nps.is_some())
                    .then(|| {
                        let (csat, csat_before, nps, nps_before) =
                            (scores.csat, scores.csat_before, scores.nps, scores.nps_before);
                        view! {
                            <section class="organization-scores" aria-labelledby="organization-scores-title">
                                <h2 id="organization-scores-title">{move || t.get().organization_scores_title}</h2>
                                <dl class="feedback-figures">
                                    {csat
                                        .map(|c| {
                                            view! {
                                                <dt>"CSAT"</dt>
                                                <dd>
                                                    {move || {
                                                        let t = t.get();
                                                        let mut text = (t.csat_figure)(c.average_tenths, c.satisfied_percent, c.count);
                                                        if let Some(b) = csat_before {
                                                            text.push_str(" · ");
                                                            text.push_str(&(t.trend_csat)(c.average_tenths, b.average_tenths));
                                                        }
                                                        text
                                                    }}
                                                </dd>
                                            }
                                        })}
                                    {nps
                                        .map(|n| {
                                            view! {
                                                <dt>"NPS"</dt>
                                                <dd>
                                                    {move || {
                                                        let t = t.get();
                                                        let mut text = (t.nps_figure)(n.score, n.promoters, n.passives, n.detractors);
                                                        if let Some(b) = nps_before {
                                                            text.push_str(" · ");
                                                            text.push_str(&(t.trend_nps)(n.score, b.score));
                                                        }
                                                        text
                                                    }}
                                                </dd>
                                            }
                                        })}
                                </dl>
                            </section>
                        }
                    })
            })}
        </Transition>
    }
}
