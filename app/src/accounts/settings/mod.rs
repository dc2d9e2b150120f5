//! A person's own account: their name, language, timezone and password (`/account`).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// What the account page shows and edits.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSettings {
    pub name: String,
    pub email: String,
    /// The chosen language; `None` follows the browser.
    pub locale: Option<Locale>,
    pub timezone: String,
    /// Every timezone a person can choose, by IANA name.
    pub timezones: Vec<String>,
}

/// An IANA timezone name such as `Europe/Madrid`, checked against the tz database.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZone(String);

impl TimeZone {
    #[cfg(feature = "ssr")]
    pub fn parse(raw: &str) -> Result<TimeZone, AppError> {
        let raw = raw.trim();
        raw.parse::<chrono_tz::Tz>()
            .map(|tz| TimeZone(tz.name().to_string()))
            .map_err(|_| AppError::invalid("timezone", Problem::TimeZone))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The names offered in the account page: regions' zones and UTC, sorted.
    #[cfg(feature = "ssr")]
    pub fn choices() -> Vec<String> {
        let mut names: Vec<String> = chrono_tz::TZ_VARIANTS
            .iter()
            .map(|tz| tz.name())
            .filter(|name| name.contains('/') && !name.starts_with("Etc/"))
            .map(str::to_string)
            .collect();
        names.push("UTC".to_string());
        names.sort();
        names
    }
}

/// The language chosen in the form: `""` follows the browser.
pub fn parse_locale(raw: &str) -> Result<Option<Locale>, AppError> {
    if raw.is_empty() {
        return Ok(None);
    }
    Locale::ALL
        .into_iter()
        .find(|l| l.code() == raw)
        .map(Some)
        .ok_or_else(|| AppError::invalid("locale", Problem::Malformed))
}

#[cfg(all(test, feature = "ssr"))]
mod tests {
    use super::*;

    #[test]
    fn timezones_are_checked_against_the_tz_database() {
        assert_eq!(
            TimeZone::parse(" Europe/Madrid ").unwrap().as_str(),
            "Europe/Madrid"
        );
        assert_eq!(TimeZone::parse("UTC").unwrap().as_str(), "UTC");
        assert!(TimeZone::parse("Mars/Olympus").is_err());
        assert!(TimeZone::parse("").is_err());
        let choices = TimeZone::choices();
        assert!(choices.contains(&"America/Mexico_City".to_string()));
        assert!(choices.len() > 300, "{}", choices.len());
    }

    #[test]
    fn the_language_may_follow_the_browser() {
        assert_eq!(parse_locale("").unwrap(), None);
        assert_eq!(parse_locale("es").unwrap(), Some(Locale::Es));
        assert!(parse_locale("fr").is_err());
    }
}
