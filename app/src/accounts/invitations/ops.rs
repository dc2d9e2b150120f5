//! The rules of invitations, as plain functions (server only): inviting someone to a project
//! and accepting an invitation, each one transaction with its audit line.

use super::Invited;
use crate::accounts::{db as accounts, token, Actor, Email, Role, UserId};
use crate::db::Pool;
use crate::error::{AppError, Problem};
use crate::ids::Timestamp;
use crate::projects::{ProjectId, ProjectRecord};
use crate::text::PersonName;

/// Invites `email` to `record`'s project as `role`, for `actor` who may. A person new to Faro
/// gets a link, emailed to them in `locale` (the outbox row commits with the invitation); a
/// person of the organization who has an account already is added at once.
pub async fn invite(
    pool: &Pool,
    actor: &Actor,
    record: &ProjectRecord,
    email: &Email,
    role: Role,
    locale: crate::i18n::Locale,
) -> Result<Invited, AppError> {
    let project = record.id;
    let client_company = (role == Role::Client).then_some(record.client_company_id);

    let mut tx = crate::db::begin_write(pool).await?;
    // Archived in the meantime? Checked again under the project's lock.
    if !crate::projects::db::lock_open_project(&mut tx, project).await? {
        return Err(AppError::invalid("project", Problem::Archived));
    }
    if let Some(existing) = accounts::find_sign_in(&mut *tx, email).await? {
        let person = existing.actor;
        let fits = person.organization_id == record.organization_id
            && person.client_company_id == client_company
            && person.role.is_staff() == role.is_staff();
        if !fits {
            return Err(AppError::invalid("email", Problem::EmailTaken));
        }
        crate::projects::db::add_project_member(&mut *tx, project, person.id).await?;
        accounts::record_audit(
            &mut *tx,
            Some(record.organization_id),
            Some(actor.id),
            "member_added",
            &format!("{} to project {project}", email.as_str()),
        )
        .await?;
        tx.commit().await?;
        return Ok(Invited::Added { name: person.name });
    }

    let (token, token_hash) = token::generate();
    let now = Timestamp::now();
    let expires_at = super::expiry(now);
    super::db::replace_invitation(
        &mut tx,
        super::db::NewInvitation {
            organization: record.organization_id,
            project: Some(project),
            client_company,
            email,
            role,
            token_hash: &token_hash,
            invited_by: actor.id,
            created_at: now,
            expires_at,
        },
    )
    .await?;
    accounts::record_audit(
        &mut *tx,
        Some(record.organization_id),
        Some(actor.id),
        "invitation_sent",
        &format!(
            "{} as {} to project {project}",
            email.as_str(),
            role.as_str()
        ),
    )
    .await?;
    let url = crate::request::public_link(&format!("/invite/{token}"));
    let organization = accounts::find_organization(&mut *tx, record.organization_id).await?;
    let message = crate::notifications::compose::invitation(
        locale,
        email.as_str(),
        &crate::notifications::compose::Invitation {
            organization_id: record.organization_id,
            organization: &organization.name,
            project_id: project,
            project: &record.name,
            inviter: &actor.name,
            link: &url,
            expires: &locale.strings().date_of(expires_at),
            expires_at,
        },
    );
    crate::notifications::db::enqueue(&mut tx, &message, now).await?;
    tx.commit().await?;

    let invited = Invited::Link {
        email: email.as_str().to_string(),
        url,
        expires_at,
        emailed: crate::request::context::<crate::notifications::api::Sending>()
            .unwrap_or_default()
            .0,
    };
    Ok(invited)
}

/// Accepts the open invitation whose token hashes to `token_hash`: creates the person with the
/// name and password (hash) they chose and adds them to the project, all or nothing. Answers
/// the new person and the project they were invited to.
pub async fn accept(
    pool: &Pool,
    token_hash: &str,
    name: &PersonName,
    password_hash: &str,
) -> Result<(UserId, Option<ProjectId>), AppError> {
    let mut tx = crate::db::begin_write(pool).await?;
    let Some(invitation) =
        super::db::claim_invitation(&mut tx, token_hash, Timestamp::now()).await?
    else {
        return Err(AppError::LinkExpired);
    };
    if let Some(project) = invitation.project_id {
        // An archived project takes no new people until it is reopened.
        if !crate::projects::db::lock_open_project(&mut tx, project).await? {
            return Err(AppError::LinkExpired);
        }
    }
    let email = Email::parse(&invitation.email)?;
    if accounts::find_sign_in(&mut *tx, &email).await?.is_some() {
        // Someone signed up with this address since the link was made.
        return Err(AppError::invalid("email", Problem::EmailTaken));
    }
    let user = accounts::create_user(
        &mut *tx,
        accounts::NewUser {
            organization: invitation.organization_id,
            client_company: invitation.client_company_id,
            email: &email,
            name,
            role: invitation.role,
        },
    )
    .await?;
    accounts::set_password_hash(&mut *tx, user, password_hash).await?;
    if let Some(project) = invitation.project_id {
        crate::projects::db::add_project_member(&mut *tx, project, user).await?;
    }
    accounts::record_audit(
        &mut *tx,
        Some(invitation.organization_id),
        Some(user),
        "invitation_accepted",
        &format!("invitation {}", invitation.id),
    )
    .await?;
    tx.commit().await?;
    Ok((user, invitation.project_id))
}
