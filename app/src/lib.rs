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
pub mod notifications;
pub mod pages;
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
use leptos_router::{path, Lazy, SsrMode};

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
    #[cfg(feature = "ssr")]
    provide_context(pages::LinkedCode::default());
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
                    <Route path=path!("") view={Lazy::<pages::Home>::new()} ssr=SsrMode::Async />
                    <Route path=path!("login") view={Lazy::<pages::Login>::new()} ssr=SsrMode::Async />
                    <Route path=path!("setup") view={Lazy::<pages::Setup>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("login/link")
                        view={Lazy::<pages::SignInLinkRequest>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("login/link/:token")
                        view={Lazy::<pages::SignInLink>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("invite/:token")
                        view={Lazy::<pages::AcceptInvitation>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("projects/:id") view={Lazy::<pages::Project>::new()} ssr=SsrMode::Async />
                    <ParentRoute path=path!("projects/:id/board") view={Lazy::<pages::Board>::new()} ssr=SsrMode::Async>
                        <Route path=path!("") view=|| () />
                        <Route path=path!(":card") view={Lazy::<pages::Card>::new()} />
                    </ParentRoute>
                    <Route
                        path=path!("projects/:id/milestones")
                        view={Lazy::<pages::Milestones>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/milestones/:milestone")
                        view={Lazy::<pages::Milestone>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/milestones/:milestone/delete")
                        view={Lazy::<pages::DeleteMilestone>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/updates")
                        view={Lazy::<pages::Updates>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/updates/:update")
                        view={Lazy::<pages::Update>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("projects/:id/feedback")
                        view={Lazy::<pages::FeedbackResults>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("forms/:id") view={Lazy::<pages::Form>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("feedback/templates")
                        view={Lazy::<pages::FeedbackTemplates>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("feedback/templates/:id")
                        view={Lazy::<pages::FeedbackTemplate>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("reset/:token")
                        view={Lazy::<pages::Reset>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("admin/people")
                        view={Lazy::<pages::People>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route path=path!("admin/mail") view={Lazy::<pages::Mail>::new()} ssr=SsrMode::Async />
                    <Route
                        path=path!("unsubscribe/:token")
                        view={Lazy::<pages::Unsubscribe>::new()}
                        ssr=SsrMode::Async
                    />
                    <Route
                        path=path!("account")
                        view={Lazy::<pages::Account>::new()}
                        ssr=SsrMode::Async
                    />
                </Routes>
            </main>
            <frame::Footer />
        </Router>
    }
}
