//! The sign-in page, the first-run page and the signed-in person's menu.

use super::api::{needs_setup, SetUp, SignIn, SignOut};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::i18n::Strings;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Redirect;

/// The error an action answered with, if it did (also after a plain form post without
/// JavaScript, which comes back with the error in the address).
fn action_error<S>(action: ServerAction<S>) -> Signal<Option<AppError>>
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    Signal::derive(move || action.value().get().and_then(Result::err))
}

/// The message above a form, read out when it appears.
#[component]
fn FormError(error: Signal<Option<AppError>>, id: &'static str) -> impl IntoView {
    let t = use_strings();
    move || {
        error.get().map(|e| {
            view! {
                <p class="form-error" role="alert" id=id>
                    {move || e.message(t.get())}
                </p>
            }
        })
    }
}

/// One labelled input of a form; marked invalid when the action's error is about it.
#[component]
fn Field(
    name: &'static str,
    label: fn(&Strings) -> &'static str,
    #[prop(default = "text")] kind: &'static str,
    autocomplete: &'static str,
    error: Signal<Option<AppError>>,
    #[prop(optional)] hint: Option<fn(&Strings) -> &'static str>,
) -> impl IntoView {
    let t = use_strings();
    let invalid = move || {
        error
            .get()
            .is_some_and(|e| matches!(&e, AppError::Invalid { field, .. } if field == name))
    };
    let hint_id = format!("{name}-hint");
    let described_by = hint.map(|_| hint_id.clone());
    view! {
        <label for=name>{move || label(t.get())}</label>
        {hint.map(|hint| view! { <p class="field-hint" id=hint_id.clone()>{move || hint(t.get())}</p> })}
        <input
            id=name
            name=name
            type=kind
            autocomplete=autocomplete
            required
            aria-invalid=move || invalid().to_string()
            aria-describedby=described_by
        />
    }
}

/// `/login`: email and password. Works as a plain form without JavaScript; errors come back in
/// the viewer's language above the form. On a new installation it leads to `/setup`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    let setup = Resource::new(|| (), |_| needs_setup());
    view! {
        <Title text=move || t.get().sign_in_title />
        <Suspense>
            {move || Suspend::new(async move {
                matches!(setup.await, Ok(true)).then(|| view! { <Redirect path="/setup" /> })
            })}
        </Suspense>
        <section class="sign-in">
            <h1>{move || t.get().sign_in_title}</h1>
            <p class="page-intro">{move || t.get().sign_in_intro}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="sign-in-error" />
                <Field name="email" label=|t| t.email_label kind="email" autocomplete="username" error />
                <Field
                    name="password"
                    label=|t| t.password_label
                    kind="password"
                    autocomplete="current-password"
                    error
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() { t.get().signing_in } else { t.get().sign_in_button }
                    }}
                </button>
            </ActionForm>
        </section>
    }
}

/// `/setup`: the first run of a new installation creates the organization and its owner.
/// Once an organization exists, it leads to the sign-in page.
#[component]
pub fn SetupPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SetUp>::new();
    let error = action_error(action);
    let setup = Resource::new(|| (), |_| needs_setup());
    view! {
        <Title text=move || t.get().setup_title />
        <Suspense>
            {move || Suspend::new(async move {
                matches!(setup.await, Ok(false)).then(|| view! { <Redirect path="/login" /> })
            })}
        </Suspense>
        <section class="sign-in">
            <h1>{move || t.get().setup_title}</h1>
            <p class="page-intro">{move || t.get().setup_intro}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="setup-error" />
                <Field
                    name="organization"
                    label=|t| t.organization_label
                    autocomplete="organization"
                    error
                />
                <Field name="name" label=|t| t.your_name_label autocomplete="name" error />
                <Field name="email" label=|t| t.email_label kind="email" autocomplete="email" error />
                <Field
                    name="password"
                    label=|t| t.password_label
                    kind="password"
                    autocomplete="new-password"
                    error
                    hint=|t| t.new_password_hint
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() { t.get().setting_up } else { t.get().setup_button }
                    }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The signed-in person's name and the sign-out button.
#[component]
pub fn UserMenu(name: String) -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignOut>::new();
    view! {
        <div class="user-menu">
            <span class="user-name">
                <span class="visually-hidden">{move || t.get().signed_in_as} " "</span>
                {name}
            </span>
            <ActionForm action=action>
                <button type="submit" class="link-button">{move || t.get().sign_out_button}</button>
            </ActionForm>
        </div>
    }
}
