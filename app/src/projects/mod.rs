//! Projects and the client companies they are for.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// A project shared with one client company.
    ProjectId
);
crate::typed_id!(
    /// A client company of the organization.
    ClientCompanyId
);

/// A project as the project list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub name: String,
    pub client_company: String,
}
