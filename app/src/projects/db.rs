//! SQL for client companies and projects (server only).

use super::{ClientCompanyId, Member, ProjectId, ProjectRecord, ProjectSummary};
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
        "SELECT p.id, p.name, c.name AS client_company, p.archived_at, 0 AS opens_board
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
        "SELECT p.id, p.name, c.name AS client_company, p.archived_at,
                CASE WHEN u.role = 'client' AND v.user_id IS NOT NULL THEN 1 ELSE 0 END
                    AS opens_board
         FROM project_members m
         JOIN projects p ON p.id = m.project_id
         JOIN users u ON u.id = m.user_id
         JOIN client_companies c ON c.id = p.client_company_id
         LEFT JOIN project_visits v ON v.project_id = p.id AND v.user_id = m.user_id
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

/// One project with the facts the policy needs; `None` when no project has this id.
pub async fn find_project<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Option<ProjectRecord>, sqlx::Error> {
    sqlx::query_as(
        "SELECT p.id, p.organization_id, p.client_company_id, p.name, c.name AS client_company,
                p.archived_at
         FROM projects p JOIN client_companies c ON c.id = p.client_company_id
         WHERE p.id = $1",
    )
    .bind(project)
    .fetch_optional(db)
    .await
}

pub async fn is_member<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar::<_, i64>(
        "SELECT COUNT(*) FROM project_members WHERE project_id = $1 AND user_id = $2",
    )
    .bind(project)
    .bind(user)
    .fetch_one(db)
    .await
    .map(|n| n > 0)
}

/// The people who are members of a project: staff first, then clients, by name.
pub async fn list_members<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<Member>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.name, u.role
         FROM project_members m JOIN users u ON u.id = m.user_id
         WHERE m.project_id = $1
         ORDER BY CASE WHEN u.role = 'client' THEN 1 ELSE 0 END, LOWER(u.name), u.id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

/// The organization's client company called `name` (ignoring case), if there is one.
pub async fn find_client_company<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    name: &CompanyName,
) -> Result<Option<ClientCompanyId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM client_companies WHERE organization_id = $1 AND LOWER(name) = LOWER($2)
         ORDER BY id LIMIT 1",
    )
    .bind(organization)
    .bind(name.as_str())
    .fetch_optional(db)
    .await
}

pub async fn rename_project<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    name: &ProjectName,
) -> Result<bool, sqlx::Error> {
    sqlx::query("UPDATE projects SET name = $1 WHERE id = $2 AND archived_at IS NULL")
        .bind(name.as_str())
        .bind(project)
        .execute(db)
        .await
        .map(|done| done.rows_affected() == 1)
}

/// Archives (`Some(when)`) or reopens (`None`) a project.
pub async fn set_archived<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    archived_at: Option<Timestamp>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE projects SET archived_at = $1 WHERE id = $2")
        .bind(archived_at)
        .bind(project)
        .execute(db)
        .await
        .map(drop)
}

pub async fn find_charter<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<super::Charter, sqlx::Error> {
    sqlx::query_as(
        "SELECT scope_in, scope_out, communication_plan, payment_terms, change_process,
                response_hours, update_cadence_days
         FROM projects WHERE id = $1",
    )
    .bind(project)
    .fetch_one(db)
    .await
}

pub async fn update_charter<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    charter: &super::Charter,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "UPDATE projects SET scope_in = $1, scope_out = $2, communication_plan = $3,
                payment_terms = $4, change_process = $5, response_hours = $6,
                update_cadence_days = $7
         WHERE id = $8 AND archived_at IS NULL",
    )
    .bind(&charter.scope_in)
    .bind(&charter.scope_out)
    .bind(&charter.communication_plan)
    .bind(&charter.payment_terms)
    .bind(&charter.change_process)
    .bind(charter.response_hours)
    .bind(charter.update_cadence_days)
    .bind(project)
    .execute(db)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// Makes concurrent writers that look a client company up by name, then create it, wait for
/// each other (PostgreSQL; on SQLite the write transaction already does), so that two people
/// starting projects for the same new client at once get one company, not a conflict.
pub async fn lock_client_companies(
    tx: &mut crate::db::Tx,
    pool: &sqlx::AnyPool,
) -> Result<(), sqlx::Error> {
    if crate::db::Backend::of_pool(pool) == crate::db::Backend::Postgres {
        sqlx::query("LOCK TABLE client_companies IN SHARE ROW EXCLUSIVE MODE")
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Remembers that `user` has opened the project's welcome page (the first time only).
pub async fn record_visit<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    user: UserId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO project_visits (project_id, user_id, first_at) VALUES ($1, $2, $3)
         ON CONFLICT DO NOTHING",
    )
    .bind(project)
    .bind(user)
    .bind(Timestamp::now())
    .execute(db)
    .await
    .map(drop)
}

/// Begins a write inside a project (its board, its milestones): the transaction holds the
/// project's row (see [`lock_open_project`]), so the project's writes commit one after another,
/// and an archived project refuses with `Problem::Archived`.
pub async fn begin_project_write(
    pool: &crate::db::Pool,
    project: ProjectId,
) -> Result<crate::db::Tx, crate::error::AppError> {
    let mut tx = crate::db::begin_write(pool).await?;
    if !lock_open_project(&mut tx, project).await? {
        return Err(crate::error::AppError::invalid(
            "project",
            crate::error::Problem::Archived,
        ));
    }
    Ok(tx)
}

/// Begins a write holding the project's lock, archived or not: archiving and reopening it, and
/// the feedback a closed project still receives, and is read and handled for.
pub async fn begin_project_lock(
    pool: &crate::db::Pool,
    project: ProjectId,
) -> Result<crate::db::Tx, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    crate::db::lock_row(&mut tx, "projects", project.0).await?;
    Ok(tx)
}

/// Inside a write transaction: locks the project's row (see `db::lock_row`) and answers whether
/// the project takes changes, i.e. exists and is not archived. Checked under the lock, an
/// archive committed at the same instant cannot be overtaken.
pub async fn lock_open_project(
    tx: &mut crate::db::Tx,
    project: ProjectId,
) -> Result<bool, sqlx::Error> {
    crate::db::lock_row(tx, "projects", project.0).await?;
    Ok(find_project(&mut **tx, project)
        .await?
        .is_some_and(|p| p.archived_at.is_none()))
}
