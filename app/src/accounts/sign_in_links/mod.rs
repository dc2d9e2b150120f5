//! Sign-in links for clients: on `/login/link` a client asks for a link by email instead of
//! typing a password; the link (`/login/link/{token}`) signs them in once, within
//! [`VALID_MINUTES`]. Asking again ends the earlier unused links. The database keeps only the
//! token's hash. Staff sign in with their password: for them, as for an address Faro does not
//! know, the answer is the same and no mail goes out (nobody learns who has an account).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use crate::ids::Timestamp;
use serde::{Deserialize, Serialize};

/// How long a sign-in link works.
pub const VALID_MINUTES: i64 = 15;

/// When a link made at `now` stops working.
pub fn expiry(now: Timestamp) -> Timestamp {
    Timestamp(now.0 + VALID_MINUTES * 60 * 1000)
}

/// Who an open link signs in, as its page shows it before the person confirms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct SignInLinkDetails {
    pub name: String,
    pub organization: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sign_in_link_works_for_a_quarter_of_an_hour() {
        assert_eq!(expiry(Timestamp(1_000)), Timestamp(1_000 + 900_000));
    }
}
