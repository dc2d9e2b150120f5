//! The route table's pages, each its own file of the browser bundle.
//!
//! Built with `cargo leptos build --split`, the code of a page (and what only it uses) leaves the
//! first download: the browser fetches it when the page is first shown — on the server-rendered
//! first visit before hydrating (the server links it as a `modulepreload`), on a later
//! client-side navigation alongside the page's data. The first download keeps only what every
//! page needs: the reactive system, the router, the frame and the strings.
//!
//! A page's data still loads inside the page (its resources), as it does when server-rendered.

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
