//! The status updates' rules, as plain functions (server only): what each server function of
//! `updates::api` does once it knows who asks and that they may. Every write is one transaction:
//! it locks the project (refusing an archived one), re-reads the update, writes, records a line
//! of the project's history (internal for a draft: clients never hear of drafts) and commits.
// `save_update` takes one argument per field, as its form posts them.
#![allow(clippy::too_many_arguments)]

use super::{
    db, Choice, Decision, DecisionDraft, DecisionOption, Feed, Health, OptionId, OptionInput,
    Revision, Section, Sections, Seen, Standing, State, Update, UpdateId,
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
    page: u32,
) -> Result<Feed, AppError> {
    let staff = actor.role.is_staff();
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    let day = |instant: Timestamp| DueDate::day_of(&time_zone, instant);
    // Read first: a change committed while the rest is read is sent again, never missed.
    let last_change = crate::board::db::last_event(pool, record.id).await?.0;
    let (rows, older) = match only {
        None => {
            // One more than a page: whether there are older ones.
            let per_page = i64::from(super::PER_PAGE);
            let offset = i64::from(page) * per_page;
            let mut rows = db::list(pool, record.id, staff, per_page + 1, offset).await?;
            let older = rows.len() as i64 > per_page;
            rows.truncate(super::PER_PAGE as usize);
            (rows, older)
        }
        Some(id) => (
            vec![db::find(pool, record.id, id, staff)
                .await?
                .ok_or(AppError::NotFound)?],
            false,
        ),
    };
    // Everything else is read for this page's updates only, one query each.
    let ids: Vec<UpdateId> = rows.iter().map(|r| r.id).collect();
    let seen = db::seen(pool, &ids).await?;
    let options = db::options(pool, &ids).await?;
    let choices = db::choices(pool, &ids).await?;
    let published: Vec<crate::comments::Subject> = rows
        .iter()
        .filter(|r| r.published_at.is_some())
        .map(|r| crate::comments::Subject::Update(r.id.0))
        .collect();
    let threads =
        crate::comments::ops::threads(pool, actor, record, &time_zone, &published).await?;
    let today = day(Timestamp::now());
    let (clients, revisions) = if staff {
        let members = crate::projects::db::list_members(pool, record.id).await?;
        let clients: Vec<_> = members.into_iter().filter(|m| !m.role.is_staff()).collect();
        (clients, db::revisions(pool, &ids).await?)
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
                        decision: r.decision.clone(),
                        options: r
                            .options
                            .lines()
                            .filter(|l| !l.is_empty())
                            .map(str::to_string)
                            .collect(),
                    })
                    .collect(),
                decision: (!row.decision.is_empty()).then(|| {
                    let choice = choices.iter().find(|c| c.update_id == row.id);
                    let decide_by = row
                        .decide_by
                        .as_deref()
                        .and_then(|d| DueDate::parse(d).ok().flatten());
                    Decision {
                        question: row.decision.clone(),
                        decide_by,
                        options: options
                            .iter()
                            .filter(|o| o.update_id == row.id)
                            .zip('A'..='Z')
                            .map(|(o, letter)| DecisionOption {
                                id: o.id,
                                letter,
                                what: o.what.clone(),
                                cost: o.cost.clone(),
                                time: o.time_needed.clone(),
                                impact: o.impact.clone(),
                                recommended: o.recommended == 1,
                            })
                            .collect(),
                        choice: choice.map(|c| Choice {
                            option: c.option_id,
                            person: c.person.clone(),
                            on: day(c.chosen_at),
                        }),
                        // Staff are told it is late; a client is asked to choose.
                        overdue: staff
                            && choice.is_none()
                            && row.published_at.is_some()
                            && decide_by.is_some_and(|d| d < today),
                        open_to_viewer: !staff
                            && choice.is_none()
                            && row.published_at.is_some()
                            && record.archived_at.is_none(),
                    }
                }),
                thread: threads
                    .iter()
                    .find(|t| t.subject == crate::comments::Subject::Update(row.id.0))
                    .cloned(),
                version: row.version,
            }
        })
        .collect();
    let (cadence_days, created, response_hours) = db::promises(pool, record.id).await?;
    let (update_due, suggested_done) = if staff {
        let published = db::list(pool, record.id, false, 1, 0)
            .await?
            .into_iter()
            .next();
        (
            super::update_due(
                published.as_ref().and_then(|r| r.published_at),
                created,
                cadence_days,
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
        page,
        older,
        viewer_is_staff: staff,
        may_mark_seen: !staff && record.archived_at.is_none(),
        update_due: update_due && record.archived_at.is_none(),
        cadence_days,
        response_hours,
        may_comment: record.archived_at.is_none(),
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
    let open = db::open_decisions(pool, actor.organization_id).await?;
    let (questions, low_scores) = if actor.role.is_staff() {
        (
            db::open_questions(pool, actor.organization_id).await?,
            crate::feedback::ops::low_scores(pool, actor.organization_id).await?,
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // A client: the forms waiting for them (oldest first), for each project's header.
    let forms = crate::feedback::ops::waiting_forms_by_project(pool, actor).await?;
    let now = Timestamp::now();
    let today = if open.is_empty() {
        DueDate::today_in("UTC", now)
    } else {
        let (_, _, _, time_zone) =
            crate::accounts::settings::db::find_settings(pool, actor.id).await?;
        DueDate::today_in(&time_zone, now)
    };
    Ok(projects
        .iter()
        .map(|project| {
            let last = latest.iter().find(|(p, _, _)| p == project);
            let health = last.and_then(|(_, h, _)| Health::parse(h).ok());
            let charter = cadences.iter().find(|(p, _, _, _)| p == project);
            let update_due = charter.is_some_and(|(_, days, created, _)| {
                super::update_due(last.map(|l| l.2), *created, *days, now)
            });
            let asked: Vec<_> = questions.iter().filter(|(p, _)| p == project).collect();
            let oldest_question_hours = asked
                .iter()
                .map(|(_, at)| crate::comments::hours_open(*at, now))
                .max()
                .unwrap_or(0);
            let mine = || open.iter().filter(|(p, _)| p == project);
            let decisions_waiting = mine().count() as u32;
            let decisions_overdue = mine()
                .filter(|(_, by)| {
                    by.as_deref()
                        .and_then(|d| DueDate::parse(d).ok().flatten())
                        .is_some_and(|d| d < today)
                })
                .count() as u32;
            (
                *project,
                Standing {
                    health,
                    update_due,
                    decisions_waiting,
                    decisions_overdue,
                    viewer_is_staff: actor.role.is_staff(),
                    open_questions: asked.len() as u32,
                    oldest_question_hours,
                    response_hours: charter.map_or(0, |c| c.3),
                    low_scores: low_scores
                        .iter()
                        .find(|(p, _, _)| p == project)
                        .map_or(0, |(_, n, _)| *n),
                    low_score_words: low_scores
                        .iter()
                        .find(|(p, _, _)| p == project)
                        .and_then(|(_, _, words)| words.clone()),
                    forms_waiting: forms.iter().filter(|(p, _)| p == project).count() as u32,
                    first_form_waiting: forms
                        .iter()
                        .find(|(p, _)| p == project)
                        .map(|(_, form)| *form),
                },
            )
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
    decision: DecisionFields<'_>,
) -> Result<UpdateId, AppError> {
    let summary = crate::text::UpdateSummary::parse(summary)?;
    let health = Health::parse(health)?;
    let [done, next, questions, risks] = sections;
    let sections = Sections::parse(done, next, questions, risks)?;
    let decision = DecisionDraft::parse(
        decision.question,
        decision.decide_by,
        decision.recommended,
        decision.options,
    )?;
    let fields = db::Fields {
        health,
        summary: summary.as_str(),
        sections: &sections,
    };
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let (id, internal) = match id {
        None => (db::insert(&mut tx, project, &fields, actor.id).await?, true),
        Some(id) => {
            let stored = lock_update(&mut tx, project, id, true).await?;
            if stored.version != version {
                return Err(AppError::Conflict);
            }
            let published = stored.published_at.is_some();
            // A correction without a change (and no decision to compare): nothing to record,
            // no "edited" to show, nobody to tell.
            if published
                && stored.health == health
                && stored.summary == summary.as_str()
                && stored.sections() == sections
                && stored.decision.is_empty()
                && decision.is_none()
            {
                return Ok(id);
            }
            if published {
                db::keep_revision(&mut tx, &stored, actor.id).await?;
            }
            if !db::update(&mut tx, id, version, &fields).await? {
                return Err(AppError::Conflict);
            }
            (id, !published)
        }
    };
    // Once the client has chosen, the decision stays as it was when they did.
    if db::chosen(&mut *tx, id).await?.is_none() {
        db::replace_decision(&mut tx, id, decision.as_ref()).await?;
    }
    commit(tx, pool, project, actor, internal).await?;
    Ok(id)
}

/// What the composer posts of a decision, as written.
pub struct DecisionFields<'a> {
    pub question: &'a str,
    pub decide_by: &'a str,
    /// The number of the recommended row, from 0.
    pub recommended: &'a str,
    pub options: &'a [OptionInput],
}

/// A client member chooses an option of a published update's decision. The first choice is the
/// client's answer: choosing the same again changes nothing (a double click); another option
/// after that, or an option not on the update, is refused.
pub async fn choose(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: UpdateId,
    option: OptionId,
) -> Result<(), AppError> {
    let closed = || AppError::invalid("option", crate::error::Problem::ChoiceClosed);
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let update = lock_update(&mut tx, project, id, false).await?;
    if update.decision.is_empty() || !db::has_option(&mut *tx, id, option).await? {
        return Err(closed());
    }
    if !db::choose(&mut tx, id, option, actor.id, &actor.name).await? {
        return match db::chosen(&mut *tx, id).await? {
            Some(chosen) if chosen == option => Ok(()),
            _ => Err(closed()),
        };
    }
    commit(tx, pool, project, actor, false).await
}

/// Publishes a draft. Publishing one already published changes nothing and succeeds (a double
/// click): exactly one publication.
pub async fn publish(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: UpdateId,
    version: i64,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let stored = lock_update(&mut tx, project, id, true).await?;
    // Published already (a double click): done. Saved by someone else since this page showed
    // it: the text about to be published is not the one the publisher read.
    if stored.published_at.is_some() {
        return Ok(());
    }
    if stored.version != version {
        return Err(AppError::Conflict);
    }
    if !db::publish(&mut tx, id).await? {
        return Ok(());
    }
    crate::notifications::notify::update_published(
        &mut tx,
        &crate::notifications::notify::PublishedUpdate {
            project,
            update: id.0,
            summary: &stored.summary,
            health: stored.health,
            asks_decision: !stored.decision.is_empty(),
            author: &actor.name,
        },
        Timestamp::now(),
    )
    .await?;
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
    let stored = lock_update(&mut tx, project, id, true).await?;
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
    lock_update(&mut tx, project, id, false).await?;
    if !db::mark_seen(&mut tx, id, actor.id).await? {
        return Ok(());
    }
    // Staff see who has seen it, live; other clients have nothing new to show.
    commit(tx, pool, project, actor, true).await
}

/// Reads update `id` of `project` as it now is (a draft only `with_drafts`), inside a write that
/// holds the project's lock; another project's update answers like a missing one.
async fn lock_update(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    id: UpdateId,
    with_drafts: bool,
) -> Result<db::UpdateRow, AppError> {
    db::find(&mut **tx, project, id, with_drafts)
        .await?
        .ok_or(AppError::NotFound)
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
