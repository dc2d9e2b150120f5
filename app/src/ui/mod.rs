//! Shared components: page titles, empty states, loading and error panels, and the not-found
//! page. The frame around every page (header, footer) is the app's, in `frame.rs`.

pub mod form;

use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::i18n::Strings;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The page's title in the viewer's language. The title is written into the page after the
/// body, when a redirect may already have disposed the page's signals: reading them with
/// `try_get` keeps that from panicking (a panic there lost the whole response).
#[component]
pub fn PageTitle(text: fn(&Strings) -> &'static str) -> impl IntoView {
    let t = use_strings();
    view! { <Title text=move || t.try_get().map(text).unwrap_or_default() /> }
}

/// Shown while a page's data is on its way.
#[component]
pub fn Loading() -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="loading" role="status">
            <span class="spinner" aria-hidden="true"></span>
            {move || t.get().loading}
        </p>
    }
}

/// What a list shows when it has nothing in it yet.
#[component]
pub fn EmptyState(
    #[prop(into)] title: Signal<&'static str>,
    #[prop(into)] body: Signal<String>,
) -> impl IntoView {
    view! {
        <section class="empty-state">
            <h2>{title}</h2>
            <p>{body}</p>
        </section>
    }
}

/// The numeric route parameter `name` (`/projects/:id`), if the address has a number there.
pub fn param_id(name: &'static str) -> impl Fn() -> Option<i64> + Copy {
    let params = leptos_router::hooks::use_params_map();
    move || params.read().get(name).and_then(|v| v.parse::<i64>().ok())
}

/// "Milestone reached: …", once per milestone, above a project's page for its client.
#[component]
pub fn ReachedBanner(titles: Vec<String>) -> impl IntoView {
    let t = use_strings();
    (!titles.is_empty()).then(|| {
        view! {
            <div class="reached" role="status">
                {titles
                    .into_iter()
                    .map(|title| view! { <p>{move || (t.get().milestone_reached)(&title)}</p> })
                    .collect_view()}
            </div>
        }
    })
}

/// A failed load: the error in the viewer's language and, for server faults, the request id to
/// quote. On the server it also sets the page's HTTP status.
#[component]
pub fn ErrorPanel(error: AppError) -> impl IntoView {
    let t = use_strings();
    set_status(error.status());
    let request_id = error.request_id().map(str::to_string);
    let message = error.clone();
    let expired = error == AppError::LinkExpired;
    view! {
        <section class="error-panel" role="alert">
            <h2>
                {move || if expired { t.get().link_expired_title } else { t.get().error_title }}
            </h2>
            <p>{move || message.message(t.get())}</p>
            {request_id
                .map(|id| {
                    view! {
                        <p class="error-reference">
                            {move || t.get().error_reference} " " <code class="request-id">{id}</code>
                        </p>
                    }
                })}
        </section>
    }
}

/// Why a link (invitation, password reset) cannot be used; for one that expired or was used,
/// also the way to sign in.
#[component]
pub fn LinkProblem(error: AppError) -> impl IntoView {
    let t = use_strings();
    let expired = error == AppError::LinkExpired;
    view! {
        <ErrorPanel error />
        {expired
            .then(|| {
                view! {
                    <p>
                        <A href="/login" attr:class="button">{move || t.get().go_to_sign_in}</A>
                    </p>
                }
            })}
    }
}

/// What a page about one thing (a project, a board) shows when its data did not load: sign-in
/// for an anonymous visitor, the not-found page for what is missing or not theirs, else the
/// error with its reference.
#[component]
pub fn LoadFailed(error: AppError) -> impl IntoView {
    match error {
        AppError::Unauthenticated => {
            view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
        }
        AppError::NotFound => view! { <NotFound /> }.into_any(),
        error => view! { <ErrorPanel error /> }.into_any(),
    }
}

/// Any address that leads nowhere (HTTP 404).
#[component]
pub fn NotFound() -> impl IntoView {
    let t = use_strings();
    set_status(http::StatusCode::NOT_FOUND);
    view! {
        <PageTitle text=|t| t.not_found_title />
        <section class="not-found">
            <h1>{move || t.get().not_found_title}</h1>
            <p>{move || t.get().not_found_body}</p>
            <p>
                <A href="/" attr:class="button">{move || t.get().back_home}</A>
            </p>
        </section>
    }
}

/// Sets the HTTP status of the page being rendered on the server; nothing in the browser.
pub fn set_status(status: http::StatusCode) {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(status);
    }
    #[cfg(not(feature = "ssr"))]
    let _ = status;
}

/// "Someone has just changed this page. Show the changes": shown when the live stream brought a
/// change while the viewer was typing (`stale`); their text stays until they ask. Asking bumps
/// `live`, which reloads the page's data.
#[component]
pub fn LiveNote(stale: RwSignal<bool>, live: RwSignal<u64>) -> impl IntoView {
    let t = use_strings();
    view! {
        <p class="live-note" aria-live="polite">
            {move || {
                stale
                    .get()
                    .then(|| {
                        view! {
                            {move || t.get().page_changed_elsewhere}
                            " "
                            <button
                                type="button"
                                class="link-button"
                                on:click=move |_| {
                                    stale.set(false);
                                    live.update(|n| *n += 1);
                                }
                            >
                                {move || t.get().show_changes}
                            </button>
                        }
                    })
            }}
        </p>
    }
}
