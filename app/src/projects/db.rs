//! SQL for client companies and projects (server only).

use super::{ClientCompanyId, ProjectId, ProjectSummary};
use crate::accounts::{OrganizationId, UserId};
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

/// The projects a person is a member of, with their client company, by name.
pub async fn list_member_projects<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<Vec<ProjectSummary>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.name, c.name AS client_company
         FROM project_members m
         JOIN projects p ON p.id = m.project_id
         JOIN users u ON u.id = m.user_id
         JOIN client_companies c ON c.id = p.client_company_id
         WHERE m.user_id = $1
           AND p.organization_id = u.organization_id
           AND (u.role <> 'client' OR p.client_company_id = u.client_company_id)
         ORDER BY LOWER(p.name), p.id",
    )
    .bind(user)
    .fetch_all(db)
    .await
}

pub async fn add_project_member<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO project_members (project_id, user_id, created_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(project)
    .bind(user)
    .bind(Timestamp::now())
    .execute(db)
    .await
    .map(drop)
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
