//! The frame around every page: the header (organization, navigation, the signed-in person,
//! the language switch) and the footer. It belongs to the app, not to `ui`: it asks the accounts
//! feature who is signed in, and the shared components import no feature.

use crate::accounts::api::get_session;
use crate::accounts::view::UserMenu;
use crate::accounts::Role;
use crate::i18n::view::{use_strings, LanguageSwitch};
use leptos::prelude::*;
use leptos_router::components::A;

/// The bar at the top of every page: the organization's name, navigation and the signed-in
/// person (when someone is signed in), and the language switch.
#[component]
pub fn Header() -> impl IntoView {
    let t = use_strings();
    // Asked again after every navigation, so signing in or out shows at once.
    let location = leptos_router::hooks::use_location();
    let session = Resource::new(move || location.pathname.get(), |_| get_session());
    let signed_in = move || session.get().and_then(Result::ok).flatten();
    view! {
        <header class="site-header">
            <div class="site-header-inner">
                <A href="/" attr:class="brand">
                    <span class="brand-mark" aria-hidden="true"></span>
                    <Transition fallback=move || t.get().app_name>
                        <span class="brand-name">
                            {move || {
                                signed_in()
                                    .map(|s| s.organization.name)
                                    .unwrap_or_else(|| t.get().app_name.to_string())
                            }}
                        </span>
                    </Transition>
                </A>
                <Transition>
                    {move || {
                        signed_in()
                            .map(|s| {
                                view! {
                                    <nav class="site-nav" aria-label=move || t.get().nav_label>
                                        <A href="/" exact=true>{move || t.get().nav_projects}</A>
                                        {s
                                            .user
                                            .role
                                            .is_staff()
                                            .then(|| {
                                                view! {
                                                    <A href="/admin/people">{move || t.get().nav_people}</A>
                                                }
                                            })}
                                        {(s.user.role == Role::Owner)
                                            .then(|| {
                                                view! {
                                                    <A href="/admin/mail">{move || t.get().nav_mail}</A>
                                                }
                                            })}
                                    </nav>
                                    <UserMenu name=s.user.name />
                                }
                            })
                    }}
                </Transition>
                <LanguageSwitch />
            </div>
        </header>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    let t = use_strings();
    view! {
        <footer class="site-footer">
            <p>{move || t.get().footer_tagline}</p>
        </footer>
    }
}
