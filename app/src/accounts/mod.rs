//! Organizations and the people in them. Sign-in, invitations and the authorization policy
//! arrive with the "Accounts" issue; for now the installation's first organization is the one
//! every page shows.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;

use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// An organization: the agency that runs Faro for its clients.
    OrganizationId
);
crate::typed_id!(
    /// A person who signs in: staff of the organization or a client user.
    UserId
);

/// What a person is in their organization.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Owner,
    Pm,
    Client,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Owner, Role::Pm, Role::Client];

    /// The short text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Pm => "pm",
            Role::Client => "client",
        }
    }

    pub fn is_staff(self) -> bool {
        matches!(self, Role::Owner | Role::Pm)
    }
}

impl TryFrom<String> for Role {
    type Error = String;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == value)
            .ok_or_else(|| format!("unknown role {value:?}"))
    }
}

/// What the interface shows of an organization.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Organization {
    pub id: OrganizationId,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip_through_their_stored_text() {
        for role in Role::ALL {
            assert_eq!(Role::try_from(role.as_str().to_string()), Ok(role));
        }
        assert!(Role::try_from("admin".to_string()).is_err());
        assert!(Role::Owner.is_staff() && Role::Pm.is_staff() && !Role::Client.is_staff());
    }
}
