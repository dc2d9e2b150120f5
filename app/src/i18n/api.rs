//! Server function that remembers a viewer's language choice in a cookie.

use super::Locale;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the chosen language (`en` or `es`) for a year. Without JavaScript the form posts here
/// and the browser is sent back to the page it came from, now in the chosen language.
#[server(prefix = "/api", endpoint = "i18n/set_locale")]
pub async fn set_locale(locale: String) -> Result<Locale, AppError> {
    crate::error::with_status(remember_locale(&locale))
}

/// Sets the language cookie for `code` on the current response; `Invalid` when it is not a
/// language Faro speaks.
#[cfg(feature = "ssr")]
pub fn remember_locale(code: &str) -> Result<Locale, AppError> {
    use crate::error::Problem;
    use http::header::{HeaderValue, SET_COOKIE};
    let locale = Locale::ALL
        .into_iter()
        .find(|l| l.code() == code)
        .ok_or_else(|| AppError::invalid("locale", Problem::Malformed))?;
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        super::LOCALE_COOKIE,
        locale.code()
    );
    let value = HeaderValue::from_str(&cookie).map_err(AppError::internal)?;
    if let Some(response) = crate::request::context::<leptos_axum::ResponseOptions>() {
        response.append_header(SET_COOKIE, value);
    }
    Ok(locale)
}
