//! Server functions about projects.

use super::ProjectSummary;
use crate::error::AppError;
use leptos::prelude::*;

/// The organization's projects with their client company. Until sign-in exists ("Accounts"),
/// that is the installation's first organization.
#[server(prefix = "/api", endpoint = "projects/list_projects")]
pub async fn list_projects() -> Result<Vec<ProjectSummary>, AppError> {
    crate::error::with_status(
        async {
            let pool = crate::db::pool()?;
            let Some(organization) = crate::accounts::db::first_organization(&pool).await? else {
                return Ok(Vec::new());
            };
            Ok(super::db::list_projects(&pool, organization.id).await?)
        }
        .await,
    )
}
