//! `faro user add`: the first owner of a new installation (creating its organization), or
//! another staff member of an existing one, from the command line.

use crate::config::StaffRole;
use crate::StartError;
use faro_app::accounts::db::{
    add_staff_member, create_organization_with_owner, find_organization_by_slug, find_sign_in,
    NewOwner,
};
use faro_app::accounts::{password, slug_for, Email, Password, Role};
use faro_app::error::AppError;
use faro_app::i18n::Locale;
use faro_app::text::{OrganizationName, PersonName};
use sqlx::AnyPool;

/// Who to add, as given on the command line.
pub struct NewStaff<'a> {
    pub organization: &'a str,
    pub name: &'a str,
    pub email: &'a str,
    pub role: StaffRole,
}

/// Adds the person; answers the sentence to print. Nothing is written when anything is wrong.
pub async fn add(pool: &AnyPool, who: NewStaff<'_>, password: &str) -> Result<String, StartError> {
    let invalid = |what: &str, err: AppError| {
        StartError::User(format!("{what}: {}", err.message(Locale::En.strings())))
    };
    let organization =
        OrganizationName::parse(who.organization).map_err(|e| invalid("--organization", e))?;
    let name = PersonName::parse(who.name).map_err(|e| invalid("--name", e))?;
    let email = Email::parse(who.email).map_err(|e| invalid("--email", e))?;
    let password = Password::parse(password).map_err(|e| invalid("the password", e))?;
    let role = match who.role {
        StaffRole::Owner => Role::Owner,
        StaffRole::Pm => Role::Pm,
    };
    let database = |e: sqlx::Error| StartError::User(format!("the database refused it: {e}"));
    if find_sign_in(pool, &email)
        .await
        .map_err(database)?
        .is_some()
    {
        return Err(StartError::User(format!(
            "someone with the email {} already exists",
            email.as_str()
        )));
    }
    let hash = password::hash(password.expose().to_string())
        .await
        .map_err(|e| invalid("the password", e))?;
    let existing = find_organization_by_slug(pool, &slug_for(organization.as_str()))
        .await
        .map_err(database)?;
    match existing {
        Some(org) => {
            add_staff_member(pool, org.id, &name, &email, role, &hash)
                .await
                .map_err(database)?;
            Ok(format!(
                "Added {} <{}> to {} as {}.",
                name.as_str(),
                email.as_str(),
                org.name,
                role.as_str()
            ))
        }
        None if role == Role::Owner => {
            let owner = NewOwner {
                organization: &organization,
                name: &name,
                email: &email,
                password_hash: &hash,
            };
            create_organization_with_owner(pool, owner, false)
                .await
                .map_err(database)?;
            Ok(format!(
                "Created the organization {} with its owner {} <{}>.",
                organization.as_str(),
                name.as_str(),
                email.as_str()
            ))
        }
        None => Err(StartError::User(format!(
            "there is no organization called \"{}\"; create it by adding its owner first \
             (--role owner)",
            organization.as_str()
        ))),
    }
}
