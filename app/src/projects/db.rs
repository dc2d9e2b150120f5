//! SQL for client companies and projects (server only).

use super::{ClientCompanyId, ProjectId, ProjectSummary};
use crate::accounts::OrganizationId;
use crate::ids::Timestamp;
use crate::text::{CompanyName, ProjectName};
use sqlx::{Any, Executor};

/// The organization's projects with their client company, by name: one query whatever the
/// number of projects.
pub async fn list_projects<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.name, c.name AS client_company
         FROM projects p JOIN client_companies c ON c.id = p.client_company_id
         WHERE p.organization_id = $1
         ORDER BY LOWER(p.name), p.id",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

pub async fn create_client_company<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    name: &CompanyName,
) -> Result<ClientCompanyId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO client_companies (organization_id, name, created_at)
         VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(organization)
    .bind(name.as_str())
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

/// A new project. The database refuses a client company of another organization.
pub async fn create_project<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    client_company: ClientCompanyId,
    name: &ProjectName,
) -> Result<ProjectId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO projects (organization_id, client_company_id, name, created_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(organization)
    .bind(client_company)
    .bind(name.as_str())
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}
