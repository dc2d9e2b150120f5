//! Server functions about projects.

use super::ProjectSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The projects the signed-in person may see, with their client company: all of the
/// organization's for staff, the ones they are a member of for a client.
#[server(prefix = "/api", endpoint = "projects/list_projects")]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    use crate::accounts::policy::{may, Action, Target};
    use crate::accounts::OrganizationId;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::current_actor().await?;
            let organization = actor
                .as_ref()
                .map_or(OrganizationId(0), |a| a.organization_id);
            may(
                actor.as_ref(),
                Action::ListProjects,
                Target::Organization(organization),
            )?;
            let actor = actor.ok_or(AppError::Unauthenticated)?;
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
