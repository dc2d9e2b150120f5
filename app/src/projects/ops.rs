//! The rules about projects, as plain functions (server only): what each server function of
//! `projects::api` does once it knows who asks and that they may.

use super::{Charter, ProjectId, ProjectPage, ProjectRecord};
use crate::accounts::invitations::Invited;
use crate::accounts::Actor;
use crate::db::Pool;
use crate::error::{AppError, Problem};
use crate::text::{CompanyName, ProjectName};

/// The projects `actor` may see, with their client company and their milestones' alerts: all
/// of the organization's for staff, the ones they are a member of for a client.
pub async fn list_projects(
    pool: &Pool,
    actor: &Actor,
) -> Result<Vec<super::ProjectSummary>, AppError> {
    let mut projects = if actor.role.is_staff() {
        super::db::list_projects(pool, actor.organization_id).await?
    } else {
        super::db::list_member_projects(pool, actor.id).await?
    };
    let ids: Vec<ProjectId> = projects.iter().map(|p| p.id).collect();
    for (id, alerts) in alerts_of(pool, actor, &ids).await? {
        if let Some(project) = projects.iter_mut().find(|p| p.id == id) {
            project.alerts = alerts;
        }
    }
    for (id, standing) in crate::updates::ops::standings(pool, actor, &ids).await? {
        if let Some(project) = projects.iter_mut().find(|p| p.id == id) {
            // An archived project waits for no update.
            project.standing = super::Standing {
                update_due: standing.update_due && project.archived_at.is_none(),
                ..standing
            };
        }
    }
    Ok(projects)
}

async fn alerts_of(
    pool: &Pool,
    actor: &Actor,
    projects: &[ProjectId],
) -> Result<Vec<(ProjectId, super::MilestoneAlerts)>, AppError> {
    Ok(crate::milestones::alerts::alerts(pool, actor, projects)
        .await?
        .into_iter()
        .map(|(id, overdue, at_risk)| (id, super::MilestoneAlerts { overdue, at_risk }))
        .collect())
}

/// One project's page for `actor`, who may view it. `just_invited` is the link made by the
/// form post that led here (shown once, without JavaScript).
pub async fn project_page(
    pool: &Pool,
    actor: &Actor,
    project: ProjectRecord,
    just_invited: Option<(ProjectId, Invited)>,
) -> Result<ProjectPage, AppError> {
    use crate::accounts::invitations::db as invitations;
    use crate::accounts::policy::{may, Action, Target};
    use crate::accounts::Role;
    let id = project.id;
    let members = super::db::list_members(pool, id).await?;
    if !actor.role.is_staff() {
        // From now on the client's link to the project opens its board.
        super::db::record_visit(pool, id, actor.id).await?;
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
    .filter(|(action, _)| may(Some(actor), *action, target).is_ok())
    .map(|(_, role)| role)
    .collect();
    let (pending, just_invited) = if may_invite.is_empty() {
        (Vec::new(), None)
    } else {
        let now = crate::ids::Timestamp::now();
        let pending = invitations::list_pending_invitations(pool, id, now).await?;
        (
            pending,
            just_invited.filter(|(p, _)| *p == id).map(|(_, i)| i),
        )
    };
    let may_manage = may(Some(actor), Action::ManageProjects, target).is_ok();
    let charter = super::db::find_charter(pool, id).await?;
    let charter_html = super::CharterSection::ALL
        .into_iter()
        .filter(|section| !charter.section(*section).is_empty())
        .map(|section| {
            let html = crate::markdown::to_safe_html(charter.section(section));
            (section, html)
        })
        .collect();
    let alerts = alerts_of(pool, actor, &[project.id])
        .await?
        .pop()
        .map(|(_, a)| a)
        .unwrap_or_default();
    let reached = if actor.role.is_staff() {
        Vec::new()
    } else {
        crate::milestones::db::take_moments(pool, project.id, actor.id).await?
    };
    let standing = crate::updates::ops::standings(pool, actor, &[project.id])
        .await?
        .pop()
        .map(|(_, s)| super::Standing {
            update_due: s.update_due && project.archived_at.is_none(),
            ..s
        })
        .unwrap_or_default();
    Ok(ProjectPage {
        reached,
        alerts,
        standing,
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
            Charter {
                response_hours: charter.response_hours,
                update_cadence_days: charter.update_cadence_days,
                ..Default::default()
            }
        },
        charter_html,
    })
}

/// Creates a project for a client company named as typed (an existing company of the
/// organization, case ignored, or a new one), with its board, in one transaction. `t` names the
/// board's first columns.
pub async fn create_project(
    pool: &Pool,
    actor: &Actor,
    company: &CompanyName,
    name: &ProjectName,
    t: &crate::i18n::Strings,
) -> Result<ProjectId, AppError> {
    let mut tx = crate::db::begin_write(pool).await?;
    super::db::lock_client_companies(&mut tx, pool).await?;
    let organization = actor.organization_id;
    let company_id = match super::db::find_client_company(&mut *tx, organization, company).await? {
        Some(id) => id,
        None => super::db::create_client_company(&mut *tx, organization, company).await?,
    };
    let project = super::db::create_project(&mut *tx, organization, company_id, name).await?;
    crate::board::create_default_board(&mut tx, project, t).await?;
    crate::accounts::db::record_audit(
        &mut *tx,
        Some(organization),
        Some(actor.id),
        "project_created",
        &format!("{} for {}", name.as_str(), company.as_str()),
    )
    .await?;
    tx.commit().await?;
    Ok(project)
}

/// Renames a project that is not archived.
pub async fn rename_project(
    pool: &Pool,
    project: &ProjectRecord,
    name: &ProjectName,
) -> Result<(), AppError> {
    // Checked before, and again by the UPDATE itself (archived in the meantime).
    if project.archived_at.is_some() || !super::db::rename_project(pool, project.id, name).await? {
        return Err(AppError::invalid("project", Problem::Archived));
    }
    Ok(())
}

/// Archives a project (read-only, listed apart) or reopens it, with its audit line.
pub async fn archive_project(
    pool: &Pool,
    actor: &Actor,
    id: ProjectId,
    archived: bool,
) -> Result<(), AppError> {
    // Under the project's lock: archiving twice at once closes it (and asks for feedback) once.
    let mut tx = super::db::begin_project_lock(pool, id).await?;
    let was_archived = super::db::find_project(&mut *tx, id)
        .await?
        .is_some_and(|p| p.archived_at.is_some());
    let when = archived.then(crate::ids::Timestamp::now);
    super::db::set_archived(&mut *tx, id, when).await?;
    if archived && !was_archived {
        crate::feedback::ops::send_for_close(&mut tx, id, actor).await?;
    }
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

/// Saves the charter of a project that is not archived.
pub async fn update_charter(
    pool: &Pool,
    project: &ProjectRecord,
    charter: &Charter,
) -> Result<(), AppError> {
    if project.archived_at.is_some()
        || !super::db::update_charter(pool, project.id, charter).await?
    {
        return Err(AppError::invalid("project", Problem::Archived));
    }
    Ok(())
}
