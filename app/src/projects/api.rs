//! Server functions about projects.

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

/// The project `id` for `actor`, if the policy lets them do `action` on it. A project of another
/// organization, or one a client is not a member of, answers exactly like a missing one.
#[cfg(feature = "ssr")]
pub async fn authorize_project(
    pool: &crate::db::Pool,
    actor: Option<&crate::accounts::Actor>,
    action: crate::accounts::policy::Action,
    id: super::ProjectId,
) -> Result<super::ProjectRecord, AppError> {
    use crate::accounts::policy::{may, Target};
    let Some(actor) = actor else {
        return Err(AppError::Unauthenticated);
    };
    let project = super::db::find_project(pool, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let actor_is_member = if actor.role.is_staff() {
        false
    } else {
        super::db::is_member(pool, id, actor.id).await?
    };
    may(
        Some(actor),
        action,
        Target::Project {
            organization: project.organization_id,
            client_company: project.client_company_id,
            actor_is_member,
        },
    )?;
    Ok(project)
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
            let project = authorize_project(&pool, actor.as_ref(), Action::ViewProject, id).await?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
            let members = super::db::list_members(&pool, id).await?;
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
                let flash = session::session()
                    .await?
                    .remove::<(super::ProjectId, Invited)>(
                        crate::accounts::invitations::api::JUST_INVITED_KEY,
                    )
                    .await
                    .map_err(AppError::internal)?;
                (pending, flash.filter(|(p, _)| *p == id).map(|(_, i)| i))
            };
            Ok(super::ProjectPage {
                id: project.id,
                name: project.name,
                client_company: project.client_company,
                members,
                pending,
                may_invite,
                just_invited,
            })
        }
        .await,
    )
}
