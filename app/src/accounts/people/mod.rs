//! `/admin/people`: everyone in the organization, staff and clients; owners change staff roles
//! and remove people.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use crate::accounts::{Role, UserId};
use serde::{Deserialize, Serialize};

/// One person as the people page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Person {
    pub id: UserId,
    pub name: String,
    pub email: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    /// The client company, for clients.
    pub client_company: Option<String>,
}

/// What the people page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeoplePage {
    pub people: Vec<Person>,
    /// Whether the viewer (an owner) may change roles and remove people.
    pub may_manage: bool,
    /// The viewer, who cannot remove themselves.
    pub me: UserId,
    /// A reset link just made by a form post without JavaScript, shown once.
    pub just_made: Option<crate::accounts::resets::ResetLink>,
    /// An invitation just made by a form post without JavaScript, shown once.
    pub just_invited: Option<crate::accounts::invitations::Invited>,
}

/// Whether a change would leave the organization without an owner: the rule behind refusing
/// to demote or remove the last one.
pub fn leaves_no_owner(owners: i64, person_is_owner: bool, stays_owner: bool) -> bool {
    person_is_owner && !stays_owner && owners <= 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_organization_keeps_at_least_one_owner() {
        assert!(leaves_no_owner(1, true, false), "the last owner cannot go");
        assert!(!leaves_no_owner(2, true, false), "one of two owners can");
        assert!(!leaves_no_owner(1, false, false), "a PM is not an owner");
        assert!(
            !leaves_no_owner(1, true, true),
            "staying owner changes nothing"
        );
    }
}
