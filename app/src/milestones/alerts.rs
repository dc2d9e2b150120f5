//! Which milestones are late or at risk on the viewer's day (server only): read by the board,
//! the project page and the project lists. Only reads; the writes are in `ops`.

use super::{db, MilestoneId, Risk, RiskRule};
use crate::calendar::DueDate;
use crate::error::AppError;
use crate::ids::Timestamp;
use crate::projects::ProjectId;

/// Every late or at-risk milestone in `scope` on the viewer's day (the timeline's rule, on the
/// client-visible cards), with its project: one read of the unfinished milestones and, only when
/// one of them is due soon enough to be at risk, one of their progress and the viewer's
/// timezone, whatever the number of projects. (Every board load asks this.)
pub async fn risks(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    scope: db::Scope,
) -> Result<Vec<(ProjectId, MilestoneId, Risk)>, AppError> {
    let rule = RiskRule::DEFAULT;
    let open = db::unfinished(pool, scope).await?;
    // Nothing due within the rule's days of today in UTC (a day either way covers every
    // timezone): nothing can be at risk, and there is nothing more to read.
    let horizon = DueDate::today_in("UTC", Timestamp::now()).ordinal() + rule.days + 1;
    if !open
        .iter()
        .any(|m| m.due_date().is_some_and(|d| d.ordinal() <= horizon))
    {
        return Ok(Vec::new());
    }
    let progress = db::progress(pool, scope).await?;
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    let today = DueDate::today_in(&time_zone, Timestamp::now());
    Ok(open
        .iter()
        .filter_map(|row| {
            let done = progress
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, p)| *p)
                .unwrap_or_default();
            super::at_risk(row.status, row.due_date(), done, today, rule)
                .map(|risk| (row.project_id, row.id, risk))
        })
        .collect())
}

/// How many milestones of each of `projects` are late, and how many at risk (see [`risks`]).
pub async fn alerts(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    projects: &[ProjectId],
) -> Result<Vec<(ProjectId, u32, u32)>, AppError> {
    let scope = db::Scope::Organization(actor.organization_id);
    let mut out: Vec<(ProjectId, u32, u32)> = Vec::new();
    for (project, _, risk) in risks(pool, actor, scope).await? {
        if !projects.contains(&project) {
            continue;
        }
        let entry = match out.iter().position(|(p, _, _)| *p == project) {
            Some(i) => &mut out[i],
            None => {
                out.push((project, 0, 0));
                out.last_mut().expect("just pushed")
            }
        };
        if risk.is_overdue() {
            entry.1 += 1;
        } else {
            entry.2 += 1;
        }
    }
    Ok(out)
}
