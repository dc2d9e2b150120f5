//! Languages: which one a viewer gets, and every user-visible string in English and Spanish.
//!
//! A hand-written module rather than leptos_i18n: measured on this stack (TOOLCHAIN.md),
//! leptos_i18n 0.6 adds 18–49 KB brotli to the wasm every client downloads and nearly doubles a
//! clean build (137 s → 258 s), while this module costs ~2 KB. The strings are fields of one
//! struct, so a key missing in either language is a compile error, not a warning.

pub mod api;
mod en;
mod es;
pub mod view;

use serde::{Deserialize, Serialize};

/// The cookie that remembers a viewer's chosen language (a year, whole site).
pub const LOCALE_COOKIE: &str = "faro_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The BCP 47 code, as used in `<html lang>`, the cookie and forms.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// Reads a language tag such as `es`, `es-MX` or `EN_us`; `None` when it is not one we speak.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// The language's own name, so a speaker recognises it whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::STRINGS,
            Locale::Es => &es::STRINGS,
        }
    }

    /// The viewer's language: the cookie they chose, else the best match of the browser's
    /// `Accept-Language` (q-values honoured), else English.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie_header
            .and_then(|h| cookie_value(h, LOCALE_COOKIE))
            .and_then(Locale::from_tag)
            .or_else(|| accept_language.and_then(best_accepted))
            .unwrap_or_default()
    }
}

/// The value of cookie `name` in a `Cookie:` header.
fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == name).then(|| v.trim())
    })
}

/// The supported language with the highest q-value in an `Accept-Language` header; on a tie,
/// the one listed first.
fn best_accepted(header: &str) -> Option<Locale> {
    let mut best: Option<(Locale, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(locale) = parts.next().and_then(Locale::from_tag) else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .unwrap_or(0.0);
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((locale, q));
        }
    }
    best.map(|(l, _)| l)
}

/// Every user-visible string of the interface. Adding a field makes both languages fail to
/// compile until they have it.
pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_projects: &'static str,
    pub language_label: &'static str,
    pub footer_tagline: &'static str,
    pub loading: &'static str,

    pub home_title: &'static str,
    pub home_intro: &'static str,
    pub projects_empty_title: &'static str,
    pub projects_empty_body: &'static str,
    pub project_client: &'static str,
    pub project_count: fn(usize) -> String,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    pub error_reference: &'static str,

    pub error_unauthenticated: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_too_many_attempts: fn(i64) -> String,
    pub error_internal: &'static str,
    pub error_network: &'static str,

    pub invalid_required: &'static str,
    pub invalid_too_short: fn(usize) -> String,
    pub invalid_too_long: fn(usize) -> String,
    pub invalid_email: &'static str,
    pub invalid_credentials: &'static str,

    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub signing_in: &'static str,
    pub sign_out_button: &'static str,
    pub signed_in_as: &'static str,

    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub organization_label: &'static str,
    pub your_name_label: &'static str,
    pub new_password_hint: &'static str,
    pub setup_button: &'static str,
    pub setting_up: &'static str,
    pub invalid_control_characters: &'static str,
    pub invalid_malformed: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cookie_wins_over_browser_language() {
        assert_eq!(
            Locale::negotiate(Some("a=b; faro_lang=es"), Some("en-US,en;q=0.9")),
            Locale::Es
        );
    }

    #[test]
    fn an_unknown_cookie_value_falls_back_to_the_browser() {
        assert_eq!(
            Locale::negotiate(Some("faro_lang=fr"), Some("es-MX")),
            Locale::Es
        );
    }

    #[test]
    fn q_values_are_honoured_and_spaces_trimmed() {
        assert_eq!(best_accepted("fr, es;q=0.8, en;q=0.5"), Some(Locale::Es));
        assert_eq!(best_accepted("en;q=0.2 , es-ES ; q=0.9"), Some(Locale::Es));
        assert_eq!(best_accepted("es;q=0, en"), Some(Locale::En));
        assert_eq!(best_accepted("de, fr"), None);
    }

    #[test]
    fn first_listed_wins_a_tie() {
        assert_eq!(best_accepted("es, en"), Some(Locale::Es));
        assert_eq!(best_accepted("en-GB, es"), Some(Locale::En));
    }

    #[test]
    fn english_when_nothing_is_known() {
        assert_eq!(Locale::negotiate(None, None), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("ja")), Locale::En);
    }

    #[test]
    fn both_languages_differ_where_they_should() {
        let (en, es) = (Locale::En.strings(), Locale::Es.strings());
        assert_ne!(en.home_title, es.home_title);
        assert_eq!((en.project_count)(1), "1 project");
        assert_eq!((es.project_count)(2), "2 proyectos");
    }
}
