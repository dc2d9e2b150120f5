//! The viewer's language in the reactive tree, and the language switch.

use super::api::SetLocale;
use super::{Locale, Strings};
use leptos::prelude::*;

/// Puts the viewer's language into context. On the server it is negotiated from the request
/// (cookie, then `Accept-Language`); in the browser it is read back from `<html lang>`, which
/// the server rendered, so hydration starts from the same language.
pub fn provide_locale() -> RwSignal<Locale> {
    let locale = RwSignal::new(initial_locale());
    provide_context(locale);
    locale
}

#[cfg(feature = "ssr")]
fn initial_locale() -> Locale {
    crate::request::locale()
}

#[cfg(not(feature = "ssr"))]
fn initial_locale() -> Locale {
    #[cfg(feature = "hydrate")]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|lang| Locale::from_tag(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(feature = "hydrate"))]
    Locale::default()
}

/// The viewer's language.
pub fn use_locale() -> RwSignal<Locale> {
    use_context::<RwSignal<Locale>>().unwrap_or_else(|| RwSignal::new(Locale::default()))
}

/// The strings of the viewer's language; read them inside a closure to follow a switch.
pub fn use_strings() -> Signal<&'static Strings> {
    let locale = use_locale();
    Signal::derive(move || locale.get().strings())
}

/// One button per language, each labelled in its own language. A plain form without
/// JavaScript (the server sets the cookie and sends the browser back); with JavaScript the page
/// switches in place, without reloading.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let locale = use_locale();
    let t = use_strings();
    let action = ServerAction::<SetLocale>::new();
    Effect::new(move |_| {
        if let Some(Ok(chosen)) = action.value().get() {
            locale.set(chosen);
        }
    });
    view! {
        <ActionForm action=action attr:class="language-switch">
            <fieldset>
                <legend class="visually-hidden">{move || t.get().language_label}</legend>
                {Locale::ALL
                    .into_iter()
                    .map(|option| {
                        view! {
                            <button
                                type="submit"
                                name="locale"
                                value=option.code()
                                lang=option.code()
                                aria-pressed=move || (locale.get() == option).to_string()
                                class="language-option"
                            >
                                {option.native_name()}
                            </button>
                        }
                    })
                    .collect_view()}
            </fieldset>
        </ActionForm>
    }
}
