//! `/login/link`: a client asks for a sign-in link by email; `/login/link/{token}`: the link,
//! which signs them in when they press the button (opening it alone uses nothing).

use super::api::{get_sign_in_link, RequestSignInLink, UseSignInLink};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, Field, FormError};
use crate::ui::{LinkProblem, Loading, PageTitle};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_params_map, use_query_map};

#[component]
pub fn SignInLinkRequestPage() -> impl IntoView {
    let t = use_strings();
    let action = ServerAction::<RequestSignInLink>::new();
    let error = action_error(action);
    let query = use_query_map();
    // `?sent=mail` (or `hand`, without a mail server) is where the request leads, with or
    // without JavaScript; a later refusal (too many requests) replaces the notice.
    let sent = move || {
        error
            .get()
            .is_none()
            .then(|| query.read().get("sent"))
            .flatten()
    };
    view! {
        <PageTitle text=|t| t.link_request_title />
        <section class="sign-in">
            <h1>{move || t.get().link_request_title}</h1>
            {move || {
                sent()
                    .map(|how| {
                        let text = if how == "hand" {
                            t.get().link_request_waiting
                        } else {
                            t.get().link_request_sent
                        };
                        view! { <p class="notice" role="status">{text}</p> }
                    })
            }}
            <p class="page-intro">{move || (t.get().link_request_intro)(super::VALID_MINUTES)}</p>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="link-request-error" />
                <Field name="email" label=|t| t.email_label kind="email" autocomplete="email" error />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || {
                        if action.pending().get() { t.get().link_requesting } else { t.get().link_request_button }
                    }}
                </button>
            </ActionForm>
            <p class="field-hint forgot">
                <A href="/login">{move || t.get().link_back_to_password}</A>
            </p>
        </section>
    }
}

#[component]
pub fn SignInLinkPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, get_sign_in_link);
    let action = ServerAction::<UseSignInLink>::new();
    let error = action_error(action);
    view! {
        <PageTitle text=|t| t.link_use_title />
        <section class="sign-in">
            <h1>{move || t.get().link_use_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(details) => {
                            view! {
                                <p class="page-intro">
                                    {move || (t.get().link_use_intro)(&details.name, &details.organization)}
                                </p>
                                <ActionForm action=action attr:class="form">
                                    <FormError error id="link-use-error" />
                                    <input type="hidden" name="token" value=token() />
                                    <button type="submit" class="button" disabled=move || action.pending().get()>
                                        {move || {
                                            if action.pending().get() { t.get().signing_in } else { t.get().sign_in_button }
                                        }}
                                    </button>
                                </ActionForm>
                            }
                                .into_any()
                        }
                        Err(AppError::LinkExpired) => {
                            crate::ui::set_status(AppError::LinkExpired.status());
                            view! {
                                <div class="error-panel" role="alert">
                                    <h2>{move || t.get().link_expired_title}</h2>
                                    <p>{move || (t.get().link_use_expired)(super::VALID_MINUTES)}</p>
                                </div>
                                <p>
                                    <A href="/login/link" attr:class="button">
                                        {move || t.get().link_ask_again}
                                    </A>
                                </p>
                            }
                                .into_any()
                        }
                        Err(error) => view! { <LinkProblem error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
    .into_any()
}
