//! Server functions about projects.
// `update_charter` takes one field per charter section, as its form posts them (also without
// JavaScript); the server macro's generated client function cannot carry an item-level allow.
#![allow(clippy::too_many_arguments)]

use super::ProjectSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The projects the signed-in person may see, with their client company: all of the
/// organization's for staff, the ones they are a member of for a client.
#[server(prefix = "/api", endpoint = "projects/list_projects")]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            super::ops::list_projects(&pool, &actor).await
        }
        .await,
    )
}

/// One project's page: its client, its people and, for staff, the invitations waiting for an
/// answer and the roles they may invite.
#[server(prefix = "/api", endpoint = "projects/get_project")]
pub async fn get_project(id: super::ProjectId) -> Result<super::ProjectPage, AppError> {
    use crate::accounts::invitations::Invited;
    use crate::accounts::policy::Action;
    use crate::accounts::session;
    crate::error::with_status(
        async {
            let actor = session::current_actor().await?;
            let pool = crate::db::pool()?;
            let project =
                super::authorize_project(&pool, actor.as_ref(), Action::ViewProject, id).await?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
            // Only staff invite; only they can have a link waiting to be shown.
            let just_invited = if actor.role.is_staff() {
                session::take_flash::<(super::ProjectId, Invited)>(
                    crate::accounts::invitations::JUST_INVITED_KEY,
                )
                .await?
            } else {
                None
            };
            super::ops::project_page(&pool, &actor, project, just_invited).await
        }
        .await,
    )
}

/// Creates a project for a client company, named as typed: an existing company of the
/// organization (case ignored) or a new one. Sends the browser to the new project's page.
#[server(prefix = "/api", endpoint = "projects/create_project")]
pub async fn create_project(
    company_name: String,
    project_name: String,
) -> Result<super::ProjectId, AppError> {
    use crate::accounts::policy::Action;
    use crate::text::{CompanyName, ProjectName};
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ManageProjects).await?;
            let company = CompanyName::parse(&company_name)?;
            let name = ProjectName::parse(&project_name)?;
            let pool = crate::db::pool()?;
            let t = crate::request::locale().strings();
            let project = super::ops::create_project(&pool, &actor, &company, &name, t).await?;
            leptos_axum::redirect(&format!("/projects/{project}"));
            Ok(project)
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "projects/rename_project")]
pub async fn rename_project(id: super::ProjectId, project_name: String) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::current_actor().await?;
            let pool = crate::db::pool()?;
            let project =
                super::authorize_project(&pool, actor.as_ref(), Action::ManageProjects, id).await?;
            let name = crate::text::ProjectName::parse(&project_name)?;
            super::ops::rename_project(&pool, &project, &name).await
        }
        .await,
    )
}

/// Archives a project (it leaves the clients' lists) or reopens it.
#[server(prefix = "/api", endpoint = "projects/archive_project")]
pub async fn archive_project(id: super::ProjectId, archived: bool) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::current_actor().await?;
            let pool = crate::db::pool()?;
            super::authorize_project(&pool, actor.as_ref(), Action::ManageProjects, id).await?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
            super::ops::archive_project(&pool, &actor, id, archived).await
        }
        .await,
    )
}

/// Saves the project's charter (the welcome page), every section and both commitments at once.
#[server(prefix = "/api", endpoint = "projects/update_charter")]
pub async fn update_charter(
    id: super::ProjectId,
    scope_in: String,
    scope_out: String,
    communication_plan: String,
    payment_terms: String,
    change_process: String,
    response_hours: String,
    update_cadence_days: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::current_actor().await?;
            let pool = crate::db::pool()?;
            let project =
                super::authorize_project(&pool, actor.as_ref(), Action::ManageProjects, id).await?;
            let charter = super::Charter::parse(
                [
                    &scope_in,
                    &scope_out,
                    &communication_plan,
                    &payment_terms,
                    &change_process,
                ],
                &response_hours,
                &update_cadence_days,
            )?;
            super::ops::update_charter(&pool, &project, &charter).await
        }
        .await,
    )
}
