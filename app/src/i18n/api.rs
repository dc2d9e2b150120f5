//! Server function that remembers a viewer's language choice in a cookie.

use super::Locale;
use crate::error::AppError;
use leptos::prelude::*;

/// Saves the chosen language for a year. Without JavaScript the form posts here and the browser
/// is sent back to the page it came from, now in the chosen language.
#[server(prefix = "/api", endpoint = "i18n/set_locale")]
pub async fn set_locale(locale: Locale) -> Result<Locale, AppError> {
    use http::header::{HeaderValue, SET_COOKIE};
    let cookie = format!(
        "{}={}; Path=/; Max-Age=31536000; SameSite=Lax",
        super::LOCALE_COOKIE,
        locale.code()
    );
    let value = HeaderValue::from_str(&cookie).map_err(AppError::internal)?;
    expect_context::<leptos_axum::ResponseOptions>().append_header(SET_COOKIE, value);
    Ok(locale)
}
