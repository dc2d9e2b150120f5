//! The milestones' rules, as plain functions (server only): what each server function of
//! `milestones::api` does once it knows who asks and that they may. Every write is one
//! transaction: it locks the project (refusing an archived one), then the milestone, re-reads
//! it, writes the change with its history line, and commits once.
// `save_milestone` takes one argument per field, as its form posts them.
#![allow(clippy::too_many_arguments)]

use super::{
    db, Decision, HistoryLine, Milestone, MilestoneId, RiskRule, SignOff, Status, Timeline,
};
use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::ids::Timestamp;
use crate::projects::ProjectId;

/// Every milestone of a project as `actor` may see it: clients get no internal card counts, no
/// Markdown source and no history of who did what inside the team beyond status changes.
pub async fn get_timeline(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    only: Option<MilestoneId>,
) -> Result<Timeline, AppError> {
    let staff = actor.role.is_staff();
    // A milestone's own page does not take the moments the timeline announces once.
    let reached = if staff || only.is_some() {
        Vec::new()
    } else {
        db::take_moments(pool, record.id, actor.id).await?
    };
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    let day = |instant: Timestamp| DueDate::day_of(&time_zone, instant);
    let today = day(Timestamp::now());
    // Read first: a change committed while the rest is read is sent again, never missed.
    let last_change = crate::board::db::last_event(pool, record.id).await?.0;
    let mut rows = db::list(pool, record.id).await?;
    if let Some(only) = only {
        rows.retain(|row| row.id == only);
        if rows.is_empty() {
            return Err(AppError::NotFound);
        }
    }
    let comment_counts = crate::comments::db::milestone_counts(pool, record.id).await?;
    let progress = db::progress(pool, db::Scope::Project(record.id)).await?;
    let sign_offs = db::current_sign_offs(pool, record.id).await?;
    let history = db::history(pool, record.id).await?;
    let milestones = rows
        .into_iter()
        .map(|row| {
            let mut progress = progress
                .iter()
                .find(|(id, _)| *id == row.id)
                .map(|(_, p)| *p)
                .unwrap_or_default();
            if !staff {
                progress.internal_done = 0;
                progress.internal_total = 0;
            }
            let mine: Vec<_> = sign_offs
                .iter()
                .filter(|s| s.milestone_id == row.id)
                .collect();
            let decided = mine.iter().any(|s| s.user_id == Some(actor.id));
            let due_on = row.due_date();
            Milestone {
                id: row.id,
                title: row.title.clone(),
                description: if staff {
                    row.description.clone()
                } else {
                    String::new()
                },
                description_html: crate::markdown::to_safe_html(&row.description),
                due_on,
                status: row.status,
                completed_on: row.completed_at.map(day),
                progress,
                risk: super::at_risk(row.status, due_on, progress, today, RiskRule::DEFAULT),
                sign_offs: mine
                    .iter()
                    .map(|s| SignOff {
                        person: s.person.clone(),
                        decision: s.decision,
                        comment: s.comment.clone(),
                        on: day(s.decided_at),
                    })
                    .collect(),
                awaits_viewer: !staff
                    && record.archived_at.is_none()
                    && matches!(row.status, Status::Completed | Status::Approved)
                    && !decided,
                // Clients read the steps and decisions; staff also see who edited it.
                history: history
                    .iter()
                    .filter(|e| e.milestone_id == row.id)
                    .filter(|e| staff || e.status.is_some() || e.decision.is_some())
                    .map(|e| HistoryLine {
                        actor: e.actor.clone(),
                        status: e.status.as_deref().and_then(|s| Status::parse(s).ok()),
                        decision: e.decision.as_deref().and_then(|d| Decision::parse(d).ok()),
                        on: day(e.created_at),
                    })
                    .collect(),
                version: row.version,
                round: row.round,
                comment_count: comment_counts
                    .iter()
                    .find(|(m, _)| *m == row.id.0)
                    .map_or(0, |(_, n)| *n),
            }
        })
        .collect();
    Ok(Timeline {
        project: record.id,
        project_name: record.name.clone(),
        client_company: record.client_company.clone(),
        today,
        milestones,
        may_edit: staff && record.archived_at.is_none(),
        viewer: actor.id,
        last_change,
        reached,
        thread: None,
    })
}

/// Creates a milestone (`id` none) or saves one's fields. `version` is the one the editor
/// started from: when someone saved in between, nothing is written and the answer is `Conflict`.
pub async fn save_milestone(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: Option<MilestoneId>,
    version: i64,
    title: &str,
    description: &str,
    due_on: &str,
) -> Result<MilestoneId, AppError> {
    let title = crate::text::MilestoneTitle::parse(title)?;
    let description = super::parse_description(description)?;
    let due_on = DueDate::parse(due_on).map_err(|_| AppError::invalid("due_on", Problem::Date))?;
    let fields = db::Fields {
        title: title.as_str(),
        description: &description,
        due_on: due_on.map(DueDate::iso),
    };
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let id = match id {
        None => {
            let id = db::insert(&mut tx, project, &fields, actor.id).await?;
            db::record_event(&mut tx, id, actor.id, Some(Status::Planned), None).await?;
            id
        }
        Some(id) => {
            lock_milestone(&mut tx, project, id).await?;
            if !db::update(&mut tx, id, version, &fields).await? {
                return Err(AppError::Conflict);
            }
            db::record_event(&mut tx, id, actor.id, None, None).await?;
            id
        }
    };
    commit(tx, pool, project, actor).await?;
    Ok(id)
}

/// Staff move a milestone to `status` (see [`Status::staff_may_set`]). Asking for the status it
/// already has changes nothing and succeeds (a double click).
pub async fn set_status(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: MilestoneId,
    status: Status,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let stored = lock_milestone(&mut tx, project, id).await?;
    if stored.status == status {
        return Ok(());
    }
    if !stored.status.staff_may_set(status) {
        return Err(AppError::invalid("status", Problem::StatusChange));
    }
    db::set_status(&mut tx, id, status).await?;
    db::record_event(&mut tx, id, actor.id, Some(status), None).await?;
    if status == Status::Completed {
        crate::notifications::notify::sign_off_waiting(
            &mut tx,
            project,
            id.0,
            &stored.title,
            &actor.name,
            crate::ids::Timestamp::now(),
        )
        .await?;
    }
    commit(tx, pool, project, actor).await?;
    Ok(())
}

/// Deletes a milestone. Its cards stay on the board: linked to `cards_to` (another milestone of
/// the project, given as its id), or to none when `cards_to` is empty.
pub async fn delete_milestone(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: MilestoneId,
    cards_to: &str,
) -> Result<(), AppError> {
    let malformed = || AppError::invalid("cards_to", Problem::Malformed);
    let cards_to = match cards_to.trim() {
        "" => None,
        raw => Some(MilestoneId(raw.parse().map_err(|_| malformed())?)),
    };
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    lock_milestone(&mut tx, project, id).await?;
    // Checked under the project's lock: the milestone the cards go to cannot vanish meanwhile.
    if let Some(to) = cards_to {
        if to == id || db::find(&mut *tx, project, to).await?.is_none() {
            return Err(malformed());
        }
    }
    db::delete(&mut tx, id, cards_to).await?;
    commit(tx, pool, project, actor).await?;
    Ok(())
}

/// Moves a milestone to place `to` (0 = first) in the project's list; the others keep their
/// order. A place past either end is the end. Asking for the place it already has changes
/// nothing (a repeated click).
pub async fn move_milestone(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: MilestoneId,
    to: i64,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let mut order: Vec<MilestoneId> = db::list(&mut *tx, project)
        .await?
        .into_iter()
        .map(|m| m.id)
        .collect();
    let from = order
        .iter()
        .position(|m| *m == id)
        .ok_or(AppError::NotFound)?;
    let to = usize::try_from(to.max(0)).unwrap_or(0).min(order.len() - 1);
    if from == to {
        return Ok(());
    }
    order.remove(from);
    order.insert(to, id);
    db::reorder(&mut tx, &order).await?;
    commit(tx, pool, project, actor).await?;
    Ok(())
}

/// A client member approves a completed milestone or asks for changes. One decision per person
/// per completion: a repeated or concurrent request counts once (the first one stands). The
/// first approval marks it approved; later members may still add theirs. Changes requested put
/// it back in progress (and close the check-in an approval sent).
pub async fn sign_off(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: MilestoneId,
    decision: Decision,
    comment: &str,
    round: i64,
) -> Result<(), AppError> {
    let comment = super::parse_comment(comment, decision)?;
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let stored = lock_milestone(&mut tx, project, id).await?;
    if !matches!(stored.status, Status::Completed | Status::Approved) {
        return Err(AppError::invalid("decision", Problem::NotAwaitingSignOff));
    }
    // The decision is about the completion the client saw: reopened and completed again
    // meanwhile, the form is out of date.
    if round != stored.round {
        return Err(AppError::Conflict);
    }
    if !db::insert_sign_off(
        &mut tx,
        id,
        stored.round,
        actor.id,
        &actor.name,
        decision,
        &comment,
    )
    .await?
    {
        // Already decided in this round: the first decision stands.
        return Ok(());
    }
    let next = match (decision, stored.status) {
        (Decision::Approved, Status::Completed) => Some(Status::Approved),
        (Decision::ChangesRequested, _) => Some(Status::InProgress),
        (Decision::Approved, _) => None,
    };
    if let Some(next) = next {
        db::set_status(&mut tx, id, next).await?;
    }
    // Approved: the client is asked how the phase went (one form per round of sign-off).
    // Changes asked for after that: the phase goes on, and the question waits for its end.
    match next {
        Some(Status::Approved) => {
            crate::feedback::ops::send_for_milestone(&mut tx, project, id, stored.round, actor)
                .await?
        }
        Some(Status::InProgress) => {
            crate::feedback::ops::withdraw_for_milestone(&mut tx, project, id, stored.round, actor)
                .await?
        }
        _ => {}
    }
    db::record_event(&mut tx, id, actor.id, next, Some(decision)).await?;
    commit(tx, pool, project, actor).await?;
    Ok(())
}

/// Ends a milestone write: a line in the project's history without a card (so the live stream
/// tells open boards and timelines), then the commit, announced like any board change.
async fn commit(
    mut tx: crate::db::Tx,
    pool: &crate::db::Pool,
    project: ProjectId,
    actor: &crate::accounts::Actor,
) -> Result<(), AppError> {
    let kind = crate::board::EventKind::Milestones;
    crate::board::ops::project_changed(&mut tx, project, actor.id, kind, false).await?;
    crate::board::ops::commit(tx, pool, project).await
}

/// Reads milestone `id` of `project` as it now is, inside a write that holds the project's lock
/// (every milestone write takes it first, so this is the milestone's lock too, and no other
/// project's row is ever touched); another project's milestone answers like a missing one.
async fn lock_milestone(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    id: MilestoneId,
) -> Result<db::MilestoneRow, AppError> {
    db::find(&mut **tx, project, id)
        .await?
        .ok_or(AppError::NotFound)
}
