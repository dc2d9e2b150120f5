//! Who may do what on one project (server only): the one place that finds a project and asks the
//! policy about it. A project of another organization, or one a client is not a member of,
//! answers exactly like a missing one.

use super::ProjectId;
use crate::error::AppError;

/// The project `id` for `actor`, if the policy lets them do `action` on it. A project of another
/// organization, or one a client is not a member of, answers exactly like a missing one.
pub async fn authorize_project(
    pool: &crate::db::Pool,
    actor: Option<&crate::accounts::Actor>,
    action: crate::accounts::policy::Action,
    id: ProjectId,
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
    // An archived project is read-only for everyone until it is reopened.
    if project.archived_at.is_some() && action.changes_project_content() {
        return Err(AppError::invalid(
            "project",
            crate::error::Problem::Archived,
        ));
    }
    Ok(project)
}

/// The signed-in person and the project, if they may do `action` on it.
pub async fn project_access(
    project: ProjectId,
    action: crate::accounts::policy::Action,
) -> Result<
    (
        crate::db::Pool,
        crate::accounts::Actor,
        super::ProjectRecord,
    ),
    AppError,
> {
    let actor = crate::accounts::session::current_actor().await?;
    let pool = crate::db::pool()?;
    let record = authorize_project(&pool, actor.as_ref(), action, project).await?;
    let actor = actor.ok_or(AppError::Unauthenticated)?;
    Ok((pool, actor, record))
}

/// For each (person, project) of `pairs`, whether the policy still lets the person see the
/// project: two reads for any number of pairs (a node checks its open live streams together).
pub async fn may_still_view(
    pool: &crate::db::Pool,
    pairs: &[(&crate::accounts::Actor, ProjectId)],
) -> Result<Vec<bool>, sqlx::Error> {
    use crate::accounts::policy::{may, Action, Target};
    use crate::accounts::{OrganizationId, UserId};
    use crate::ids::ClientCompanyId;
    if pairs.is_empty() {
        return Ok(Vec::new());
    }
    let projects = crate::db::id_list(pairs.iter().map(|(_, project)| project.0));
    let found: Vec<(ProjectId, OrganizationId, ClientCompanyId)> = sqlx::query_as(&format!(
        "SELECT id, organization_id, client_company_id FROM projects WHERE id IN ({projects})"
    ))
    .fetch_all(pool)
    .await?;
    let clients = pairs.iter().filter(|(actor, _)| !actor.role.is_staff());
    let clients = crate::db::id_list(clients.map(|(actor, _)| actor.id.0));
    let members: std::collections::HashSet<(ProjectId, UserId)> = sqlx::query_as(&format!(
        "SELECT project_id, user_id FROM project_members
         WHERE project_id IN ({projects}) AND user_id IN ({clients})"
    ))
    .fetch_all(pool)
    .await?
    .into_iter()
    .collect();
    let found: std::collections::HashMap<ProjectId, (OrganizationId, ClientCompanyId)> = found
        .into_iter()
        .map(|(id, organization, company)| (id, (organization, company)))
        .collect();
    Ok(pairs
        .iter()
        .map(|&(actor, project)| {
            found
                .get(&project)
                .is_some_and(|&(organization, client_company)| {
                    let target = Target::Project {
                        organization,
                        client_company,
                        // (Only clients' memberships were read, as `authorize_project` asks
                        // it: membership matters for clients only.)
                        actor_is_member: members.contains(&(project, actor.id)),
                    };
                    may(Some(actor), Action::ViewProject, target).is_ok()
                })
        })
        .collect())
}
