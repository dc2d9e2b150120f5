//! The sign-in page, the first-run page and the signed-in person's menu.

use super::api::{needs_setup, SetUp, SignIn, SignOut};
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::PageTitle;
use leptos::prelude::*;

use leptos_router::components::{Redirect, A};

/// `/login`: email and password. Works as a plain form without JavaScript; errors come back in
/// the viewer's language above the form. On a new installation it leads to `/setup`.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignIn>::new();
    let error = action_error(action);
    let setup = Resource::new(|| (), |_| needs_setup());
    view! {
        <PageTitle text=|t| t.sign_in_title />
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
            <p class="field-hint forgot">{move || t.get().forgot_password}</p>
            <p class="sign-in-link-offer">
                <A href="/login/link">{move || t.get().link_offer}</A>
            </p>
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
        <PageTitle text=|t| t.setup_title />
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
            <leptos_router::components::A href="/account" attr:class="user-name">
                <span class="visually-hidden">{move || t.get().signed_in_as} " "</span>
                {name}
            </leptos_router::components::A>
            <ActionForm action=action>
                <button type="submit" class="link-button">{move || t.get().sign_out_button}</button>
            </ActionForm>
        </div>
    }
}
