//! The "Email" panel of `/account`, and `/unsubscribe/{token}`.

use super::api::{get_unsubscribe, SetMailPreference, Unsubscribe};
use super::{Delivery, Preference};
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, FormError};
use crate::ui::{LinkProblem, Loading, PageTitle};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;

/// For each kind of notification mail the person can get, a choice of how (`preferences`, as
/// `get_mail_preferences` answers; none: nothing shows).
#[component]
pub fn MailPreferences(preferences: Vec<Preference>) -> impl IntoView {
    let t = use_strings();
    (!preferences.is_empty()).then(move || {
        view! {
            <section class="panel" aria-labelledby="mail-preferences-title">
                <h2 id="mail-preferences-title">{move || t.get().mail_preferences_title}</h2>
                <p class="field-hint">{move || t.get().mail_preferences_intro}</p>
                {preferences
                    .into_iter()
                    .map(|preference| view! { <PreferenceForm preference /> })
                    .collect_view()}
            </section>
        }
    })
}

/// One kind: a radio group and its own save button (each kind saves on its own).
#[component]
fn PreferenceForm(preference: Preference) -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SetMailPreference>::new();
    let error = action_error(action);
    let kind = preference.kind;
    // Saved with JavaScript, or (without) the reload the save leads to: `?saved={kind}`.
    let query = leptos_router::hooks::use_query_map();
    let saved = move || {
        matches!(action.value().get(), Some(Ok(())))
            || query.read().get("saved").as_deref() == Some(kind.as_str())
    };
    let name = format!("delivery-{}", kind.as_str());
    view! {
        <ActionForm action=action attr:class="form">
            <FormError error id=format!("{name}-error") />
            <input type="hidden" name="kind" value=kind.as_str() />
            <fieldset class="question">
                <legend>{move || super::topic_title(kind, t.get())}</legend>
                <div class="choices">
                    {Delivery::ALL
                        .into_iter()
                        .map(|delivery| {
                            let id = format!("{name}-{}", delivery.as_str());
                            let label_for = id.clone();
                            view! {
                                <label class="checkbox" for=label_for>
                                    <input
                                        id=id
                                        type="radio"
                                        name="delivery"
                                        value=delivery.as_str()
                                        checked=delivery == preference.delivery
                                    />
                                    {move || delivery.name(t.get())}
                                </label>
                            }
                        })
                        .collect_view()}
                </div>
            </fieldset>
            <button type="submit" class="button secondary" disabled=move || action.pending().get()>
                {move || if action.pending().get() { t.get().saving } else { t.get().save_button }}
            </button>
            <p class="form-success" role="status">{move || saved().then(|| t.get().saved)}</p>
        </ActionForm>
    }
}

/// `/unsubscribe/{token}`: what the link turns off, and the button that does it. No sign-in.
#[component]
pub fn UnsubscribePage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let action = ServerAction::<Unsubscribe>::new();
    let error = action_error(action);
    let details = Resource::new(
        move || (token(), action.version().get()),
        |(token, _)| get_unsubscribe(token),
    );
    view! {
        <PageTitle text=|t| t.unsubscribe_title />
        <section class="sign-in">
            <h1>{move || t.get().unsubscribe_title}</h1>
            <Transition fallback=Loading>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(details) if details.off => {
                            let kind = details.kind;
                            view! {
                                <p class="notice" role="status">
                                    {move || (t.get().unsubscribe_done)(super::topic(kind, t.get()), &details.email)}
                                </p>
                                <p>
                                    <A href="/account">{move || t.get().unsubscribe_manage}</A>
                                </p>
                            }
                                .into_any()
                        }
                        Ok(details) => {
                            let kind = details.kind;
                            view! {
                                <p class="page-intro">
                                    {move || (t.get().unsubscribe_intro)(super::topic(kind, t.get()), &details.email)}
                                </p>
                                <ActionForm action=action attr:class="form">
                                    <FormError error id="unsubscribe-error" />
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="button" disabled=move || action.pending().get()>
                                        {move || t.get().unsubscribe_button}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <LinkProblem error /> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
    .into_any()
}
