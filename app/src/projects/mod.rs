//! Projects and the client companies they are for.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use crate::accounts::invitations::{Invited, PendingInvitation};
use crate::accounts::{OrganizationId, Role, UserId};
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
    /// When the project was archived; `None` while it is active.
    pub archived_at: Option<crate::ids::Timestamp>,
}

/// A project with what the policy decides on (server side).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectRecord {
    pub id: ProjectId,
    pub organization_id: OrganizationId,
    pub client_company_id: ClientCompanyId,
    pub name: String,
    pub client_company: String,
    pub archived_at: Option<crate::ids::Timestamp>,
}

/// A person on a project, as its page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Member {
    pub id: UserId,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
}

/// Everything the project page shows. Staff also get the unanswered invitations and what they
/// may invite; for clients those are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPage {
    pub id: ProjectId,
    pub name: String,
    pub client_company: String,
    pub members: Vec<Member>,
    pub pending: Vec<PendingInvitation>,
    /// The roles the viewer may invite to this project (empty for clients).
    pub may_invite: Vec<Role>,
    /// The link of an invitation just made, when the page follows a form post without
    /// JavaScript (it is shown once, then forgotten).
    pub just_invited: Option<Invited>,
    pub archived: bool,
    /// Whether the viewer may rename, archive and reopen it.
    pub may_manage: bool,
}
