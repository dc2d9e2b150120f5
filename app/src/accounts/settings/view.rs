//! `/account`: the signed-in person's name, language, timezone and password.

use super::api::{get_account, ChangePassword, UpdateProfile};
use super::AccountSettings;
use crate::error::AppError;
use crate::i18n::view::{use_locale, use_strings};
use crate::i18n::Locale;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::{ErrorPanel, Loading, PageTitle};
use leptos::prelude::*;

#[component]
pub fn AccountPage() -> impl IntoView {
    let t = use_strings();
    let save = ServerAction::<UpdateProfile>::new();
    let change = ServerAction::<ChangePassword>::new();
    let account = Resource::new(move || save.version().get(), |_| get_account());
    // Made here, beside the page's own, not inside its view: a resource made while the page's
    // view resolves was not always matched with the server's copy when the page hydrated.
    let mail = Resource::new(
        || (),
        |_| crate::notifications::preferences::api::get_mail_preferences(),
    );
    view! {
        <PageTitle text=|t| t.account_title />
        <header class="page-header">
            <h1>{move || t.get().account_title}</h1>
            <p class="page-intro">{move || t.get().account_intro}</p>
        </header>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match account.await {
                    Ok(account) => {
                        // (No mail choices to show is no reason to fail the page.)
                        let preferences = mail.await.unwrap_or_default();
                        view! {
                            <div class="project-columns">
                                <ProfileForm action=save account />
                                <PasswordForm action=change />
                                <crate::notifications::preferences::view::MailPreferences preferences />
                            </div>
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProfileForm(action: ServerAction<UpdateProfile>, account: AccountSettings) -> impl IntoView {
    let t = use_strings();
    let locale = use_locale();
    let error = action_error(action);
    // A language chosen here becomes this browser's language at once.
    Effect::new(move |_| {
        if let Some(Ok(Some(chosen))) = action.value().get() {
            locale.set(chosen);
        }
    });
    let saved = move || matches!(action.value().get(), Some(Ok(_)));
    let chosen = account.locale;
    let timezone = account.timezone.clone();
    view! {
        <section class="panel" aria-labelledby="profile-title">
            <h2 id="profile-title">{move || t.get().profile_title}</h2>
            <p class="field-hint">{account.email}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="profile-error" />
                <Field name="name" label=|t| t.name_label autocomplete="name" error value=account.name />
                <label for="locale">{move || t.get().language_label}</label>
                <select id="locale" name="locale">
                    <option value="" selected=chosen.is_none()>
                        {move || t.get().language_follow_browser}
                    </option>
                    {Locale::ALL
                        .into_iter()
                        .map(|l| {
                            view! {
                                <option value=l.code() selected=chosen == Some(l) lang=l.code()>
                                    {l.native_name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <label for="timezone">{move || t.get().timezone_label}</label>
                <p class="field-hint" id="timezone-hint">{move || t.get().timezone_hint}</p>
                <select id="timezone" name="timezone" aria-describedby="timezone-hint">
                    {account
                        .timezones
                        .into_iter()
                        .map(|zone| {
                            let selected = zone == timezone;
                            view! { <option selected=selected>{zone}</option> }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.get().saving } else { t.get().save_button }}
                </button>
                <p class="form-success" role="status">{move || saved().then(|| t.get().saved)}</p>
            </ActionForm>
        </section>
    }
    .into_any()
}

#[component]
fn PasswordForm(action: ServerAction<ChangePassword>) -> impl IntoView {
    let t = use_strings();
    let error = action_error(action);
    let changed = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <section class="panel" aria-labelledby="password-title">
            <h2 id="password-title">{move || t.get().password_title}</h2>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="password-error" />
                <Field
                    name="current_password"
                    label=|t| t.current_password_label
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <Field
                    name="new_password"
                    label=|t| t.new_password_label
                    kind="password"
                    autocomplete="new-password"
                    error
                    hint=|t| t.new_password_hint
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() {
                            t.get().changing_password
                        } else {
                            t.get().change_password_button
                        }
                    }}
                </button>
                <p class="form-success" role="status">{move || changed().then(|| t.get().password_changed)}</p>
            </ActionForm>
        </section>
    }
    .into_any()
}
