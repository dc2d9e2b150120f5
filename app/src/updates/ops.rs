//! The status updates' rules, as plain functions (server only): what each server function of
//! `updates::api` does once it knows who asks and that they may. Every write is one transaction:
//! it locks the project (refusing an archived one), re-reads the update, writes, records a line
//! of the project's history (internal for a draft: clients never hear of drafts) and commits.
// `save_update` takes one argument per field, as its form posts them.
#![allow(clippy::too_many_arguments)]

use super::{
    db, Feed, Health, Revision, Section, Sections, Seen, Standing, State, Update, UpdateId,
};
use crate::calendar::DueDate;
use crate::error::AppError;
use crate::ids::Timestamp;
use crate::projects::ProjectId;

/// The rendered sections that have text, in order.
fn rendered(sections: &Sections) -> Vec<(Section, String)> {
    Section::ALL
        .into_iter()
        .filter(|s| !sections.get(*s).is_empty())
        .map(|s| (s, crate::markdown::to_safe_html(sections.get(s))))
        .collect()
}

/// The project's updates as `actor` may see them: clients get published ones only, without the
/// Markdown source, the earlier texts or who has seen them.
pub async fn get_feed(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    only: Option<UpdateId>,
) -> Result<Feed, AppError> {
    let staff = actor.role.is_staff();
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    let day = |instant: Timestamp| DueDate::day_of(&time_zone, instant);
    // Read first: a change committed while the rest is read is sent again, never missed.
    let last_change = crate::board::db::last_event(pool, record.id).await?.0;
    let rows = match only {
        None => db::list(pool, record.id, staff).await?,
        Some(id) => vec![db::find(pool, record.id, id, staff)
            .await?
            .ok_or(AppError::NotFound)?],
    };
    let seen = db::seen(pool, record.id).await?;
    let (clients, revisions) = if staff {
        let members = crate::projects::db::list_members(pool, record.id).await?;
        let clients: Vec<_> = members.into_iter().filter(|m| !m.role.is_staff()).collect();
        (clients, db::revisions(pool, record.id).await?)
    } else {
        (Vec::new(), Vec::new())
    };
    let updates = rows
        .iter()
        .map(|row| {
            let mine: Vec<_> = seen.iter().filter(|s| s.update_id == row.id).collect();
            let sections = row.sections();
            Update {
                id: row.id,
                state: if row.published_at.is_some() {
                    State::Published
                } else {
                    State::Draft
                },
                health: row.health,
                summary: row.summary.clone(),
                sections_html: rendered(&sections),
                sections: if staff { sections } else { Sections::default() },
                author: row.author.clone(),
                on: day(row.published_at.unwrap_or(row.updated_at)),
                edited_on: row.edited_at.map(day),
                seen_by: if staff {
                    mine.iter()
                        .map(|s| Seen {
                            person: s.person.clone(),
                            on: day(s.seen_at),
                        })
                        .collect()
                } else {
                    Vec::new()
                },
                not_seen_by: if staff && row.published_at.is_some() {
                    clients
                        .iter()
                        .filter(|c| !mine.iter().any(|s| s.user_id == c.id))
                        .map(|c| c.name.clone())
                        .collect()
                } else {
                    Vec::new()
                },
                seen_by_viewer: mine.iter().any(|s| s.user_id == actor.id),
                revisions: revisions
                    .iter()
                    .filter(|r| r.update_id == row.id)
                    .map(|r| Revision {
                        health: r.health,
                        summary: r.summary.clone(),
                        sections_html: rendered(&Sections {
                            done: r.done.clone(),
                            next: r.next_steps.clone(),
                            questions: r.questions.clone(),
                            risks: r.risks.clone(),
                        }),
                        by: r.by.clone(),
                        replaced_on: day(r.replaced_at),
                    })
                    .collect(),
                version: row.version,
            }
        })
        .collect();
    let (update_due, suggested_done) = if staff {
        let published = match only {
            None => rows.iter().find(|r| r.published_at.is_some()).cloned(),
            Some(_) => db::list(pool, record.id, false).await?.into_iter().next(),
        };
        let cadence = crate::projects::db::find_charter(pool, record.id)
            .await?
            .update_cadence_days;
        (
            super::update_due(
                published.as_ref().and_then(|r| r.published_at),
                cadence,
                Timestamp::now(),
            ),
            published.map(|r| r.next_steps).unwrap_or_default(),
        )
    } else {
        (false, String::new())
    };
    Ok(Feed {
        project: record.id,
        project_name: record.name.clone(),
        updates,
        may_edit: staff && record.archived_at.is_none(),
        update_due: update_due && record.archived_at.is_none(),
        suggested_done,
        last_change,
    })
}

/// Each of `projects`' latest published health and, for staff, whether an update is due: two
/// reads for the whole organization, whatever the number of projects.
pub async fn standings(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    projects: &[ProjectId],
) -> Result<Vec<(ProjectId, Standing)>, AppError> {
    let latest = db::latest(pool, actor.organization_id).await?;
    let cadences = if actor.role.is_staff() {
        db::cadences(pool, actor.organization_id).await?
    } else {
        Vec::new()
    };
    let now = Timestamp::now();
    Ok(projects
        .iter()
        .map(|project| {
            let last = latest.iter().find(|(p, _, _)| p == project);
            let health = last.and_then(|(_, h, _)| Health::parse(h).ok());
            let update_due = cadences
                .iter()
                .find(|(p, _)| p == project)
                .is_some_and(|(_, days)| super::update_due(last.map(|l| l.2), *days, now));
            (*project, Standing { health, update_due })
        })
        .collect())
}

/// Creates a draft (`id` none) or saves an update's text: a draft stays a draft; a published
/// update is corrected (marked edited, its earlier text kept). `version` is the one the form
/// started from: when someone saved in between, nothing is written and the answer is
/// `Conflict`.
pub async fn save_update(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: Option<UpdateId>,
    version: i64,
    health: &str,
    summary: &str,
    sections: [&str; 4],
) -> Result<UpdateId, AppError> {
    let summary = crate::text::UpdateSummary::parse(summary)?;
    let health = Health::parse(health)?;
    let [done, next, questions, risks] = sections;
    let sections = Sections::parse(done, next, questions, risks)?;
    let fields = db::Fields {
        health,
        summary: summary.as_str(),
        sections: &sections,
    };
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let (id, internal) = match id {
        None => (db::insert(&mut tx, project, &fields, actor.id).await?, true),
        Some(id) => {
            let stored = db::find(&mut *tx, project, id, true)
                .await?
                .ok_or(AppError::NotFound)?;
            if stored.version != version {
                return Err(AppError::Conflict);
            }
            let published = stored.published_at.is_some();
            if published {
                db::keep_revision(&mut tx, &stored, actor.id).await?;
            }
            if !db::update(&mut tx, id, version, &fields).await? {
                return Err(AppError::Conflict);
            }
            (id, !published)
        }
    };
    commit(tx, pool, project, actor, internal).await?;
    Ok(id)
}

/// Publishes a draft. Publishing one already published changes nothing and succeeds (a double
/// click): exactly one publication.
pub async fn publish(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: UpdateId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    db::find(&mut *tx, project, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::publish(&mut tx, id).await? {
        return Ok(());
    }
    commit(tx, pool, project, actor, false).await
}

/// Discards a draft; a published update cannot be discarded (it is corrected instead).
pub async fn discard(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: UpdateId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let stored = db::find(&mut *tx, project, id, true)
        .await?
        .ok_or(AppError::NotFound)?;
    if stored.published_at.is_some() {
        return Err(AppError::invalid(
            "update",
            crate::error::Problem::AlreadyPublished,
        ));
    }
    db::delete_draft(&mut tx, id).await?;
    commit(tx, pool, project, actor, true).await
}

/// A client member marks a published update seen; again changes nothing (the first time
/// stands).
pub async fn mark_seen(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: UpdateId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    db::find(&mut *tx, project, id, false)
        .await?
        .ok_or(AppError::NotFound)?;
    if !db::mark_seen(&mut tx, id, actor.id).await? {
        return Ok(());
    }
    // Staff see who has seen it, live; other clients have nothing new to show.
    commit(tx, pool, project, actor, true).await
}

/// Ends an update write: a line in the project's history (internal ones reach staff only), then
/// the commit, announced like any board change.
async fn commit(
    mut tx: crate::db::Tx,
    pool: &crate::db::Pool,
    project: ProjectId,
    actor: &crate::accounts::Actor,
    internal: bool,
) -> Result<(), AppError> {
    let kind = crate::board::EventKind::Updates;
    crate::board::ops::project_changed(&mut tx, project, actor.id, kind, internal).await?;
    crate::board::ops::commit(tx, pool, project).await
}
