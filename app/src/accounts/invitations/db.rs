//! SQL for invitations (server only).

use super::{InvitationDetails, PendingInvitation};
use crate::accounts::{Email, OrganizationId, Role, UserId};
use crate::ids::ClientCompanyId;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

/// A new invitation, stored by the hash of its token.
pub struct NewInvitation<'a> {
    pub organization: OrganizationId,
    pub project: Option<ProjectId>,
    pub client_company: Option<ClientCompanyId>,
    pub email: &'a Email,
    pub role: Role,
    pub token_hash: &'a str,
    pub invited_by: UserId,
    pub created_at: Timestamp,
    pub expires_at: Timestamp,
}

/// Stores an invitation, replacing any unanswered one for the same person and project: only
/// the newest link works.
pub async fn replace_invitation(
    tx: &mut crate::db::Tx,
    invitation: NewInvitation<'_>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "DELETE FROM invitations
         WHERE organization_id = $1 AND email = $2 AND accepted_at IS NULL
           AND (project_id = $3 OR (project_id IS NULL AND $3 IS NULL))",
    )
    .bind(invitation.organization)
    .bind(invitation.email.as_str())
    .bind(invitation.project)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO invitations (organization_id, project_id, client_company_id, email, role,
                                  token_hash, invited_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(invitation.organization)
    .bind(invitation.project)
    .bind(invitation.client_company)
    .bind(invitation.email.as_str())
    .bind(invitation.role.as_str())
    .bind(invitation.token_hash)
    .bind(invitation.invited_by)
    .bind(invitation.created_at)
    .bind(invitation.expires_at)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// An open invitation (not used, not expired) by its token's hash, with what its page shows.
pub async fn find_open_invitation<'e>(
    db: impl Executor<'e, Database = Any>,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<InvitationDetails>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.name AS organization, p.name AS project, i.email, i.role,
                u.name AS invited_by, i.expires_at
         FROM invitations i
         JOIN organizations o ON o.id = i.organization_id
         LEFT JOIN projects p ON p.id = i.project_id
         LEFT JOIN users u ON u.id = i.invited_by
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at > $2",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(db)
    .await
}

/// An invitation as accepting it needs it.
#[derive(sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub organization_id: OrganizationId,
    pub project_id: Option<ProjectId>,
    pub client_company_id: Option<ClientCompanyId>,
    pub email: String,
    #[sqlx(try_from = "String")]
    pub role: Role,
}

/// Marks an open invitation used and returns it; `None` when it is unknown, used or expired.
/// The conditional update is what makes a link single-use, also when two people click at once.
pub async fn claim_invitation(
    tx: &mut crate::db::Tx,
    token_hash: &str,
    now: Timestamp,
) -> Result<Option<Claimed>, sqlx::Error> {
    sqlx::query_as(
        "UPDATE invitations SET accepted_at = $2
         WHERE token_hash = $1 AND accepted_at IS NULL AND expires_at > $2
         RETURNING id, organization_id, project_id, client_company_id, email, role",
    )
    .bind(token_hash)
    .bind(now)
    .fetch_optional(&mut **tx)
    .await
}

/// The project's unanswered, unexpired invitations, newest first.
pub async fn list_pending_invitations<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    now: Timestamp,
) -> Result<Vec<PendingInvitation>, sqlx::Error> {
    sqlx::query_as(
        "SELECT email, role, expires_at FROM invitations
         WHERE project_id = $1 AND accepted_at IS NULL AND expires_at > $2
         ORDER BY created_at DESC, id DESC",
    )
    .bind(project)
    .bind(now)
    .fetch_all(db)
    .await
}
