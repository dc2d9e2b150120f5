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
            Ok(if actor.role.is_staff() {
                super::db::list_projects(&pool, actor.organization_id).await?
            } else {
                super::db::list_member_projects(&pool, actor.id).await?
            })
        }
        .await,
    )
}

/// One project's page: its client, its people and, for staff, the invitations waiting for an
/// answer and the roles they may invite.
#[server(prefix = "/api", endpoint = "projects/get_project")]
pub async fn get_project(id: super::ProjectId) -> Result<super::ProjectPage, AppError> {
    use crate::accounts::invitations::{db as invitations, Invited};
    use crate::accounts::policy::{may, Action, Target};
    use crate::accounts::{session, Role};
    crate::error::with_status(
        async {
            let actor = session::current_actor().await?;
            let pool = crate::db::pool()?;
            let project =
                super::authorize_project(&pool, actor.as_ref(), Action::ViewProject, id).await?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
            let members = super::db::list_members(&pool, id).await?;
            if !actor.role.is_staff() {
                // From now on the client's link to the project opens its board.
                super::db::record_visit(&pool, id, actor.id).await?;
            }
            let target = Target::Project {
                organization: project.organization_id,
                client_company: project.client_company_id,
                actor_is_member: false,
            };
            let may_invite: Vec<Role> = [
                (Action::InviteClient, Role::Client),
                (Action::InviteStaff, Role::Pm),
                (Action::InviteStaff, Role::Owner),
            ]
            .into_iter()
            .filter(|(action, _)| may(Some(&actor), *action, target).is_ok())
            .map(|(_, role)| role)
            .collect();
            let (pending, just_invited) = if may_invite.is_empty() {
                (Vec::new(), None)
            } else {
                let now = crate::ids::Timestamp::now();
                let pending = invitations::list_pending_invitations(&pool, id, now).await?;
                let flash = session::take_flash::<(super::ProjectId, Invited)>(
                    crate::accounts::invitations::JUST_INVITED_KEY,
                )
                .await?;
                (pending, flash.filter(|(p, _)| *p == id).map(|(_, i)| i))
            };
            let may_manage = may(Some(&actor), Action::ManageProjects, target).is_ok();
            let charter = super::db::find_charter(&pool, id).await?;
            let charter_html = super::CharterSection::ALL
                .into_iter()
                .filter(|section| !charter.section(*section).is_empty())
                .map(|section| {
                    let html = crate::markdown::to_safe_html(charter.section(section));
                    (section, html)
                })
                .collect();
            Ok(super::ProjectPage {
                id: project.id,
                name: project.name,
                client_company: project.client_company,
                members,
                pending,
                may_invite,
                just_invited,
                archived: project.archived_at.is_some(),
                may_manage,
                // The Markdown as written goes to those who edit it; readers get the HTML.
                charter: if may_manage {
                    charter
                } else {
                    super::Charter {
                        response_hours: charter.response_hours,
                        update_cadence_days: charter.update_cadence_days,
                        ..Default::default()
                    }
                },
                charter_html,
            })
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
            let mut tx = crate::db::begin_write(&pool).await?;
            super::db::lock_client_companies(&mut tx, &pool).await?;
            let organization = actor.organization_id;
            let company_id = match super::db::find_client_company(&mut *tx, organization, &company)
                .await?
            {
                Some(id) => id,
                None => super::db::create_client_company(&mut *tx, organization, &company).await?,
            };
            let project =
                super::db::create_project(&mut *tx, organization, company_id, &name).await?;
            let t = crate::request::locale().strings();
            crate::board::db::create_default_columns(
                &mut tx,
                project,
                crate::board::default_columns(t),
            )
            .await?;
            crate::accounts::db::record_audit(
                &mut *tx,
                Some(organization),
                Some(actor.id),
                "project_created",
                &format!("{} for {}", name.as_str(), company.as_str()),
            )
            .await?;
            tx.commit().await?;
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
            if project.archived_at.is_some() {
                return Err(AppError::invalid(
                    "project",
                    crate::error::Problem::Archived,
                ));
            }
            let name = crate::text::ProjectName::parse(&project_name)?;
            // Archived in the meantime: the UPDATE itself refuses.
            if !super::db::rename_project(&pool, id, &name).await? {
                return Err(AppError::invalid(
                    "project",
                    crate::error::Problem::Archived,
                ));
            }
            Ok(())
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
            let mut tx = crate::db::begin_write(&pool).await?;
            let when = archived.then(crate::ids::Timestamp::now);
            super::db::set_archived(&mut *tx, id, when).await?;
            crate::accounts::db::record_audit(
                &mut *tx,
                Some(actor.organization_id),
                Some(actor.id),
                if archived {
                    "project_archived"
                } else {
                    "project_reopened"
                },
                &format!("project {id}"),
            )
            .await?;
            tx.commit().await?;
            Ok(())
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
            if project.archived_at.is_some() {
                return Err(AppError::invalid(
                    "project",
                    crate::error::Problem::Archived,
                ));
            }
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
            if !super::db::update_charter(&pool, id, &charter).await? {
                return Err(AppError::invalid(
                    "project",
                    crate::error::Problem::Archived,
                ));
            }
            Ok(())
        }
        .await,
    )
}
