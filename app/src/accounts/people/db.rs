//! SQL for the people page (server only).

use super::Person;
use crate::accounts::{OrganizationId, Role, UserId};
use sqlx::{Any, Executor};

/// Everyone in the organization: staff first, then clients by company, each by name.
pub async fn list_people<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<Vec<Person>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.name, u.email, u.role, c.name AS client_company
         FROM users u LEFT JOIN client_companies c ON c.id = u.client_company_id
         WHERE u.organization_id = $1
         ORDER BY CASE u.role WHEN 'owner' THEN 0 WHEN 'pm' THEN 1 ELSE 2 END,
                  LOWER(COALESCE(c.name, '')), LOWER(u.name), u.id",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

pub async fn count_owners<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE organization_id = $1 AND role = 'owner'")
        .bind(organization)
        .fetch_one(db)
        .await
}

pub async fn set_role<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
    role: Role,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(user)
        .execute(db)
        .await
        .map(drop)
}

/// Removes a person; their memberships and sessions go with them (foreign keys cascade).
pub async fn delete_person<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM users WHERE id = $1")
        .bind(user)
        .execute(db)
        .await
        .map(drop)
}
