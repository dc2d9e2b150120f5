//! Organizations and the people in them: who is signed in ([`Actor`]), what they may do
//! ([`policy`]), signing in and out.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod invitations;
#[cfg(feature = "ssr")]
pub mod password;
pub mod people;
pub mod policy;
pub mod resets;
#[cfg(feature = "ssr")]
pub mod session;
pub mod settings;
pub mod sign_in_links;
#[cfg(feature = "ssr")]
pub mod token;
pub mod view;

use crate::error::{AppError, Problem};
use crate::ids::ClientCompanyId;

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
    /// The role's name, in the viewer's language.
    pub fn name(self, t: &crate::i18n::Strings) -> &'static str {
        match self {
            Role::Owner => t.role_owner,
            Role::Pm => t.role_pm,
            Role::Client => t.role_client,
        }
    }

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

/// The signed-in person a request acts for, as the policy needs them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Actor {
    pub id: UserId,
    pub organization_id: OrganizationId,
    pub client_company_id: Option<ClientCompanyId>,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
    pub name: String,
    pub email: String,
}

/// What the interface shows about the session: who is signed in, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    pub user: Actor,
    pub organization: Organization,
}

/// An email address: trimmed, lower-cased, one `@` with text on both sides and a dot in the
/// domain. Deliverability is proven by the invitation email, not by this check.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Email, AppError> {
        let email = raw.trim().to_lowercase();
        if email.is_empty() {
            return Err(AppError::invalid("email", Problem::Required));
        }
        let valid = email.len() <= 254
            && !email.chars().any(|c| c.is_whitespace() || c.is_control())
            && match email.split_once('@') {
                Some((local, domain)) => {
                    !local.is_empty()
                        && !domain.contains('@')
                        && domain.contains('.')
                        && !domain.starts_with('.')
                        && !domain.ends_with('.')
                }
                None => false,
            };
        if valid {
            Ok(Email(email))
        } else {
            Err(AppError::invalid("email", Problem::Email))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The short name of an organization in the database: lower-case letters and digits joined by
/// dashes (`Lighthouse Studio` → `lighthouse-studio`).
pub fn slug_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_string()
}

/// How many failed sign-ins are allowed in [`SIGN_IN_WINDOW_MINUTES`], for one email and from
/// one address, before further attempts are refused until the window has passed.
pub const SIGN_IN_FAILURES_PER_EMAIL: i64 = 5;
pub const SIGN_IN_FAILURES_PER_ADDRESS: i64 = 30;
pub const SIGN_IN_WINDOW_MINUTES: i64 = 15;

/// A new password: at least [`Password::MIN_CHARS`] characters (length beats complexity rules),
/// at most 256 so hashing stays cheap.
pub struct Password(String);

impl Password {
    pub const MIN_CHARS: usize = 10;
    pub const MAX_CHARS: usize = 256;

    pub fn parse(raw: &str) -> Result<Password, AppError> {
        let chars = raw.chars().count();
        if chars < Self::MIN_CHARS {
            return Err(AppError::invalid(
                "password",
                Problem::TooShort {
                    min: Self::MIN_CHARS,
                },
            ));
        }
        if chars > Self::MAX_CHARS {
            return Err(AppError::invalid(
                "password",
                Problem::TooLong {
                    max: Self::MAX_CHARS,
                },
            ));
        }
        Ok(Password(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalised_and_checked() {
        assert_eq!(
            Email::parse(" Ana@Cliente-Uno.TEST ").unwrap().as_str(),
            "ana@cliente-uno.test"
        );
        for bad in [
            "ana",
            "ana@",
            "@x.test",
            "ana@localhost",
            "a b@x.test",
            "a@b@x.test",
            "a@x.test.",
        ] {
            assert_eq!(
                Email::parse(bad),
                Err(AppError::invalid("email", Problem::Email)),
                "{bad}"
            );
        }
        assert_eq!(
            Email::parse("  "),
            Err(AppError::invalid("email", Problem::Required))
        );
    }

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slug_for("Lighthouse Studio"), "lighthouse-studio");
        assert_eq!(slug_for("  Ñandú & Co. "), "ñandú-co");
    }

    #[test]
    fn a_short_password_is_refused_with_the_rule() {
        let err = Password::parse("short").err().unwrap();
        assert_eq!(
            err.message(crate::i18n::Locale::En.strings()),
            "Use at least 10 characters."
        );
        assert!(Password::parse("ten chars!").is_ok());
    }

    #[test]
    fn roles_round_trip_through_their_stored_text() {
        for role in Role::ALL {
            assert_eq!(Role::try_from(role.as_str().to_string()), Ok(role));
        }
        assert!(Role::try_from("admin".to_string()).is_err());
        assert!(Role::Owner.is_staff() && Role::Pm.is_staff() && !Role::Client.is_staff());
    }
}
