//! The route table's pages, each its own file of the browser bundle.
//!
//! Built with `cargo leptos build --split`, the code of a page (and what only it uses) leaves the
//! first download: the browser fetches it when the page is first shown — on the server-rendered
//! first visit before hydrating (the server links it as a `modulepreload`), on a later
//! client-side navigation alongside the page's data. The first download keeps only what every
//! page needs: the reactive system, the router, the frame and the strings.
//!
//! A page's data still loads inside the page (its resources), as it does when server-rendered.
//! The links to a page's files are written by [`link_page_code`], not by Leptos.

use leptos::prelude::*;
use leptos_router::{lazy_route, LazyRoute};

/// A page of the route table, downloaded when first shown.
macro_rules! page {
    ($($route:ident => $component:path,)*) => {$(
        #[doc = concat!("`", stringify!($component), "`, downloaded when first shown.")]
        pub struct $route;

        #[lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self {
                $route
            }

            fn view(_this: Self) -> AnyView {
                #[cfg(feature = "ssr")]
                link_page_code();
                $component().into_any()
            }
        }
    )*};
}

page! {
    Home => crate::projects::view::HomePage,
    Login => crate::accounts::view::LoginPage,
    Setup => crate::accounts::view::SetupPage,
    AcceptInvitation => crate::accounts::invitations::view::AcceptInvitationPage,
    Project => crate::projects::view::ProjectPage,
    Board => crate::board::view::BoardPage,
    Card => crate::board::view::CardDialog,
    Milestones => crate::milestones::view::MilestonesPage,
    Milestone => crate::milestones::view::MilestonePage,
    DeleteMilestone => crate::milestones::view::DeleteMilestonePage,
    Updates => crate::updates::view::UpdatesPage,
    Update => crate::updates::view::UpdatePage,
    FeedbackResults => crate::feedback::view::FeedbackResultsPage,
    Form => crate::feedback::view::FormPage,
    FeedbackTemplates => crate::feedback::templates::view::TemplatesPage,
    FeedbackTemplate => crate::feedback::templates::view::TemplateEditorPage,
    Reset => crate::accounts::resets::view::ResetPage,
    SignInLinkRequest => crate::accounts::sign_in_links::view::SignInLinkRequestPage,
    SignInLink => crate::accounts::sign_in_links::view::SignInLinkPage,
    People => crate::accounts::people::view::PeoplePage,
    Account => crate::accounts::settings::view::AccountPage,
    Mail => crate::notifications::view::MailPage,
    Unsubscribe => crate::notifications::preferences::view::UnsubscribePage,
}

/// The files of the bundle a server-rendered page has linked so far (one request; server only).
#[cfg(feature = "ssr")]
#[derive(Clone, Default)]
pub struct LinkedCode(std::sync::Arc<std::sync::Mutex<std::collections::HashSet<String>>>);

/// Links the files of the page's code in the page's head as preloads (server only), so that the
/// browser fetches them beside the main bundle rather than once the main bundle has run. Called
/// by each page of the route table as it renders; a page inside another (a card on the board)
/// links only what the outer page has not.
///
/// Leptos (leptos_integration_utils 0.8.9) writes these links itself after rendering, but reads
/// the bundle's manifest outside the request's reactive owner, from whatever owner the thread
/// had last: measured, about every other page went out without them. Here the links are made
/// inside the page's own render, and the page's entries are taken out of Leptos' list so it
/// adds none of its own.
#[cfg(feature = "ssr")]
fn link_page_code() {
    use leptos::{PrefetchLazyFn, WasmSplitManifest};
    use leptos_meta::Link;
    let (Some(wanted), Some(manifest), Some(linked)) = (
        use_context::<PrefetchLazyFn>(),
        use_context::<WasmSplitManifest>(),
        use_context::<LinkedCode>(),
    ) else {
        return;
    };
    let pages: Vec<&'static str> = wanted
        .0
        .try_update_value(|pages| pages.drain().collect())
        .unwrap_or_default();
    let Some(manifest) = manifest.0.try_read_value() else {
        return;
    };
    let (pkg, files, loader) = &*manifest;
    let Ok(mut linked) = linked.0.lock() else {
        return;
    };
    for file in pages
        .iter()
        .flat_map(|page| files.get(*page).into_iter().flatten())
    {
        if linked.insert(file.clone()) {
            let _ = view! {
                <Link
                    rel="preload"
                    href=format!("{pkg}/{file}.wasm")
                    as_="fetch"
                    type_="application/wasm"
                    crossorigin="anonymous"
                />
            }
            .to_html();
        }
    }
    if !pages.is_empty() && linked.insert(loader.clone()) {
        let _ = view! { <Link rel="modulepreload" href=format!("{pkg}/{loader}") crossorigin="anonymous" /> }
            .to_html();
    }
}
