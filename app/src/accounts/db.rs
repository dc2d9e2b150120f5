//! SQL for organizations and users (server only).

use super::{Organization, OrganizationId, Role, UserId};
use crate::ids::Timestamp;
use crate::text::{OrganizationName, PersonName};
use sqlx::{Any, Executor};

/// The organization pages show until sign-in exists: the installation's first one.
pub async fn first_organization<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Option<Organization>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM organizations ORDER BY id LIMIT 1")
        .fetch_optional(db)
        .await
}

pub async fn find_organization_by_slug<'e>(
    db: impl Executor<'e, Database = Any>,
    slug: &str,
) -> Result<Option<Organization>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM organizations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await
}

pub async fn create_organization<'e>(
    db: impl Executor<'e, Database = Any>,
    name: &OrganizationName,
    slug: &str,
) -> Result<OrganizationId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO organizations (name, slug, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name.as_str())
    .bind(slug)
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

/// A new user. `client_company` is required for clients and must be empty for staff (the
/// database refuses anything else).
pub struct NewUser<'a> {
    pub organization: OrganizationId,
    pub client_company: Option<crate::projects::ClientCompanyId>,
    pub email: &'a str,
    pub name: &'a PersonName,
    pub role: Role,
}

pub async fn create_user<'e>(
    db: impl Executor<'e, Database = Any>,
    user: NewUser<'_>,
) -> Result<UserId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (organization_id, client_company_id, email, name, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user.organization)
    .bind(user.client_company)
    .bind(user.email.trim().to_lowercase())
    .bind(user.name.as_str())
    .bind(user.role.as_str())
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}
