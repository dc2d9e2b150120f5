//! Password resets: a link (`/reset/{token}`) that lets a person choose a new password. It works
//! once and for [`VALID_HOURS`]; the database keeps only the token's hash. Until Faro sends
//! email, an owner makes the link on the people page and hands it over.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use crate::ids::Timestamp;
use serde::{Deserialize, Serialize};

/// How long a reset link works.
pub const VALID_HOURS: i64 = 24;

/// When a link made at `now` stops working.
pub fn expiry(now: Timestamp) -> Timestamp {
    Timestamp(now.0 + VALID_HOURS * 60 * 60 * 1000)
}

/// A link just made, for the owner to hand over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetLink {
    pub name: String,
    pub url: String,
    pub expires_at: Timestamp,
    /// Whether the link is also on its way by email (this Faro sends email).
    pub emailed: bool,
}

/// Whose password an open link resets, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ResetDetails {
    pub name: String,
    pub email: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reset_link_works_for_a_day() {
        assert_eq!(expiry(Timestamp(0)), Timestamp(86_400_000));
    }
}
