//! Server functions about the organization.

use super::Organization;
use crate::error::AppError;
use leptos::prelude::*;

/// The organization whose portal this is, for the header; `None` on a new installation.
#[server(prefix = "/api", endpoint = "accounts/get_organization")]
pub async fn get_organization() -> Result<Option<Organization>, AppError> {
    crate::error::with_status(
        async {
            let pool = crate::db::pool()?;
            Ok(super::db::first_organization(&pool).await?)
        }
        .await,
    )
}
