//! The sign-in page and the signed-in person's menu.

use super::api::{SignIn, SignOut};
use crate::i18n::view::use_strings;
use leptos::prelude::*;
use leptos_meta::Title;

/// `/login`: email and password. Works as a plain form without JavaScript; errors come back in
/// the viewer's language beside the form.
#[component]
pub fn LoginPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<SignIn>::new();
    let error = move || action.value().get().and_then(Result::err);
    let field_has_error = move |field: &'static str| {
        move || {
            error()
                .is_some_and(|e| matches!(&e, crate::error::AppError::Invalid { field: f, .. } if f == field))
                .to_string()
        }
    };
    view! {
        <Title text=move || t.get().sign_in_title />
        <section class="sign-in">
            <h1>{move || t.get().sign_in_title}</h1>
            <p class="page-intro">{move || t.get().sign_in_intro}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                {move || {
                    error()
                        .map(|e| {
                            view! {
                                <p class="form-error" role="alert" id="sign-in-error">
                                    {move || e.message(t.get())}
                                </p>
                            }
                        })
                }}
                <label for="email">{move || t.get().email_label}</label>
                <input
                    id="email"
                    name="email"
                    type="email"
                    autocomplete="username"
                    required
                    aria-invalid=field_has_error("email")
                    aria-describedby="sign-in-error"
                />
                <label for="password">{move || t.get().password_label}</label>
                <input
                    id="password"
                    name="password"
                    type="password"
                    autocomplete="current-password"
                    required
                    aria-invalid=field_has_error("password")
                    aria-describedby="sign-in-error"
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() {
                            t.get().signing_in
                        } else {
                            t.get().sign_in_button
                        }
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
