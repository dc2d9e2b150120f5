//! Faro's application: the page shell, the route table and every feature, compiled for the
//! server (`ssr`) and for the browser (`hydrate`).

pub mod accounts;
#[cfg(feature = "ssr")]
pub mod db;
pub mod error;
pub mod i18n;
pub mod ids;
pub mod projects;
#[cfg(feature = "ssr")]
pub mod request;
pub mod text;
pub mod ui;

use i18n::view::{provide_locale, use_strings};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, Html, MetaTags, Stylesheet, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app (server only): head, hydration scripts, body.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html>
            <head>
                <meta charset="utf-8" />
                <meta name="viewport" content="width=device-width, initial-scale=1" />
                <meta name="color-scheme" content="light dark" />
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

/// The app: frame, and the route table. Every route waits for its data on the server
/// (`SsrMode::Async`) so the page is complete without JavaScript.
#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    let locale = provide_locale();
    let t = use_strings();
    view! {
        <Html {..} lang=move || locale.get().code() />
        <Stylesheet id="leptos" href="/pkg/faro.css" />
        <Title formatter=move |page: String| format!("{page} · {}", t.get().app_name) />
        <Router>
            <a class="skip-link" href="#main">{move || t.get().skip_to_content}</a>
            <ui::Header />
            <main id="main" class="page" tabindex="-1">
                <Routes fallback=ui::NotFound>
                    <Route path=path!("") view=projects::view::HomePage ssr=SsrMode::Async />
                    <Route path=path!("login") view=accounts::view::LoginPage ssr=SsrMode::Async />
                </Routes>
            </main>
            <ui::Footer />
        </Router>
    }
}
