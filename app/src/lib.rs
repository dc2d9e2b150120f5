//! Faro's application: the page shell, the route table and every feature, compiled for the
//! server (`ssr`) and for the browser (`hydrate`).

pub mod accounts;
pub mod board;
pub mod calendar;
pub mod comments;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod feedback;
pub mod frame;
pub mod i18n;
pub mod ids;
#[cfg(feature = "ssr")]
pub mod markdown;
pub mod milestones;
pub mod patch;
pub mod projects;
#[cfg(feature = "ssr")]
pub mod request;
pub mod text;
pub mod ui;
pub mod updates;

use i18n::view::{provide_locale, use_strings};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The lighthouse mark as an inline SVG, so the icon costs no request.
const FAVICON: &str = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7.5' fill='%230b6e8a'/%3E%3Ccircle cx='8' cy='8' r='3' fill='%23f2a900'/%3E%3C/svg%3E";

/// The HTML document around the app (server only): head, hydration scripts, body.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_page_security_policy();
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
                <link rel="icon" href=FAVICON />
                // `/pkg/faro.<hash>.css` when the build hashed its files (see server/src/bundle.rs).
                <leptos_meta::HashedStylesheet options=options.clone() id="leptos" />
                <AutoReload options=options.clone() />
                <HydrationScripts options />
                <MetaTags />
            </head>
            <body>
                <App />
            </body>
        </html>
    }
}

/// Hands this render's script nonce to the server's security layer, which writes the page's
/// Content-Security-Policy with it.
#[cfg(feature = "ssr")]
fn set_page_security_policy() {
    let nonce = leptos::nonce::use_nonce();
    let slot = use_context::<http::request::Parts>()
        .and_then(|parts| parts.extensions.get::<request::PageNonce>().cloned());
    if let (Some(nonce), Some(slot)) = (nonce, slot) {
        slot.set(&nonce);
    }
}

/// The app: frame, and the route table. Every route waits for its data on the server
/// (`SsrMode::Async`) so the page is complete without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = provide_locale();
    let t = use_strings();
    view! {
        <Html {..} lang=move || locale.get().code() />
        <Title formatter=move |page: String| format!("{page} · {}", t.try_get().map_or("Faro", |t| t.app_name)) />
        <Router>
            <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
            <frame::Header />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=ui::NotFound>
                    <Route path=path!("") view=projects::view::HomePage ssr=SsrMode::Async />
                    <Route path=path!("login") view=accounts::view::LoginPage ssr=SsrMode::Async />
                    <Route path=path!("setup") view=accounts::view::SetupPage ssr=SsrMode::Async />
                    <Route
                        path=path!("invite/:token")
                        view=accounts::invitations::view::AcceptInvitationPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("projects/:id") view=projects::view::ProjectPage ssr=SsrMode::Async />
                    <ParentRoute path=path!("projects/:id/board") view=board::view::BoardPage ssr=SsrMode::Async>
                        <Route path=path!("") view=|| () />
                        <Route path=path!(":card") view=board::view::CardDialog />
                    </ParentRoute>
                    <Route
                        path=path!("projects/:id/milestones")
                        view=milestones::view::MilestonesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/milestones/:milestone")
                        view=milestones::view::MilestonePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/milestones/:milestone/delete")
                        view=milestones::view::DeleteMilestonePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/updates")
                        view=updates::view::UpdatesPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/updates/:update")
                        view=updates::view::UpdatePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/feedback")
                        view=feedback::view::FeedbackResultsPage
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("forms/:id") view=feedback::view::FormPage ssr=SsrMode::Async />
                    <Route
                        path=path!("reset/:token")
                        view=accounts::resets::view::ResetPage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("admin/people")
                        view=accounts::people::view::PeoplePage
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("account")
                        view=accounts::settings::view::AccountPage
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <frame::Footer />
        </Router>
    }
}
