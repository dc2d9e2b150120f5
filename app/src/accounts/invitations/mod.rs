//! Invitations: an owner or PM invites a person by email to a project; the person opens
//! `/invite/{token}`, chooses a name and a password, and lands in the project. A link works
//! once and for [`VALID_DAYS`]; the database keeps only the token's hash.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod view;

/// The session key under which the project page finds the link just made, after a form post
/// without JavaScript.
pub const JUST_INVITED_KEY: &str = "just_invited";

use super::Role;
use crate::ids::Timestamp;
use serde::{Deserialize, Serialize};

/// How long an invitation link works.
pub const VALID_DAYS: i64 = 7;

/// When a link made at `now` stops working.
pub fn expiry(now: Timestamp) -> Timestamp {
    Timestamp(now.0 + VALID_DAYS * 24 * 60 * 60 * 1000)
}

/// Whether a link can still be used: not accepted yet, and not expired.
pub fn is_open(accepted_at: Option<Timestamp>, expires_at: Timestamp, now: Timestamp) -> bool {
    accepted_at.is_none() && now < expires_at
}

/// What the inviter gets back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Invited {
    /// A person new to Faro: the link for them. `emailed` when this Faro sends email (the
    /// invitation is on its way); otherwise the inviter passes the link on.
    Link {
        email: String,
        url: String,
        expires_at: Timestamp,
        emailed: bool,
    },
    /// Someone of the organization who has an account already: added to the project at once.
    Added { name: String },
}

/// What the invitation page shows the person invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct InvitationDetails {
    pub organization: String,
    pub project: Option<String>,
    pub email: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    pub invited_by: Option<String>,
    pub expires_at: Timestamp,
}

/// An invitation not answered yet, as the project page lists it for staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct PendingInvitation {
    pub email: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    pub expires_at: Timestamp,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_works_for_seven_days_and_once() {
        let made = Timestamp(1_000);
        let expires = expiry(made);
        assert!(is_open(None, expires, made));
        assert!(is_open(None, expires, Timestamp(expires.0 - 1)));
        assert!(
            !is_open(None, expires, expires),
            "expired at the exact instant"
        );
        assert!(!is_open(Some(made), expires, made), "used once already");
        assert_eq!(expires.0 - made.0, 604_800_000);
    }
}
