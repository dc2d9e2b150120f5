//! The comments' rules, as plain functions (server only). Every write is one transaction: it
//! locks the project (refusing an archived one), checks the subject is there and the writer may
//! see it, writes, records a line of the project's history (internal when the subject is an
//! internal card: clients never hear of it) and commits, announced like any board change.

use super::{db, Comment, CommentId, Mention, OpenQuestion, Subject, Thread};
use crate::calendar::DueDate;
use crate::error::AppError;
use crate::ids::Timestamp;
use crate::projects::ProjectId;

/// The conversations on `subjects` (all of one kind) of a project, as `actor` sees them, in
/// the order asked: one read whatever their number. The caller has checked the actor may see
/// the subjects themselves.
pub async fn threads(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    time_zone: &str,
    subjects: &[Subject],
) -> Result<Vec<Thread>, AppError> {
    let Some(first) = subjects.first() else {
        return Ok(Vec::new());
    };
    let ids: Vec<i64> = subjects.iter().map(|s| s.id()).collect();
    let staff = actor.role.is_staff();
    let rows = db::on_subjects(pool, record.id, first.field(), &ids, staff).await?;
    let response_hours = db::response_hours(pool, record.id).await?;
    let now = Timestamp::now();
    Ok(subjects
        .iter()
        .map(|subject| Thread {
            project: record.id.0,
            subject: *subject,
            comments: rows
                .iter()
                .filter(|c| c.subject() == *subject)
                .map(|c| {
                    let deleted = c.deleted_at.is_some();
                    let mine = c.author_id == Some(actor.id) && !deleted;
                    Comment {
                        id: c.id,
                        author: c.author.clone(),
                        by_staff: c.by_staff == 1,
                        body_html: crate::markdown::to_safe_html(&c.body),
                        body: if mine { c.body.clone() } else { String::new() },
                        on: DueDate::day_of(time_zone, c.created_at),
                        edited: c.edited_at.is_some(),
                        deleted,
                        is_question: c.is_question == 1,
                        answered: c.answered_at.is_some(),
                        hours_open: super::hours_open(c.created_at, c.answered_at.unwrap_or(now)),
                        mine,
                    }
                })
                .collect(),
            may_comment: record.archived_at.is_none(),
            staff,
            response_hours,
        })
        .collect())
}

/// The conversation on one subject (the caller has checked the actor may see it).
pub async fn thread(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    subject: Subject,
) -> Result<Thread, AppError> {
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    let mut all = threads(pool, actor, record, &time_zone, &[subject]).await?;
    all.pop().ok_or(AppError::NotFound)
}

/// Checks, inside a write holding the project's lock, that `subject` is of `project` and that
/// `actor` may see it: a published update, a card (a client: not an internal one), a milestone.
/// Anything else answers like a missing one. Answers whether the subject is internal (staff
/// only).
async fn lock_subject(
    tx: &mut crate::db::Tx,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    subject: Subject,
) -> Result<bool, AppError> {
    let staff = actor.role.is_staff();
    let internal = match subject {
        Subject::Update(id) => {
            // A draft has no conversation: a note written on it would reach the client once it
            // is published.
            crate::updates::db::find(&mut **tx, project, crate::updates::UpdateId(id), false)
                .await?
                .map(|_| false)
        }
        Subject::Card(id) => {
            crate::board::db::find_card(&mut **tx, project, crate::board::CardId(id), staff)
                .await?
                .map(|card| card.visibility() == crate::board::Visibility::Internal)
        }
        Subject::Milestone(id) => {
            crate::milestones::db::find(&mut **tx, project, crate::milestones::MilestoneId(id))
                .await?
                .map(|_| false)
        }
    };
    internal.ok_or(AppError::NotFound)
}

/// Adds a comment. A client's may be a question; a staff comment answers the open questions on
/// the same subject that were on the writer's screen (`seen_through`: the newest comment the
/// page showed — a question asked after that is still open). "@Name" mentions are recorded for
/// the people who may see the subject.
pub async fn add(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    subject: Subject,
    body: &str,
    question: bool,
    seen_through: Option<CommentId>,
) -> Result<CommentId, AppError> {
    let body = super::parse_comment(body)?;
    let staff = actor.role.is_staff();
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let internal = lock_subject(&mut tx, actor, project, subject).await?;
    let id = db::insert(
        &mut tx,
        project,
        subject,
        actor,
        &body,
        question && !staff,
        internal,
    )
    .await?;
    let mut told = Vec::new();
    if staff {
        // Without `seen_through` (a call from outside the page), every open question.
        let through = seen_through.map_or(i64::MAX, |c| c.0);
        let asked = db::answer_questions(&mut tx, project, subject, through, None).await?;
        // A card made internal since its client asked: the answer is not theirs to read.
        if !internal {
            told = tell_askers(&mut tx, actor, project, subject, &asked, Some(&body)).await?;
        }
    }
    let mut named = record_mentions(&mut tx, actor, project, id, &body, internal).await?;
    // Someone whose question this answers has that message already, with the answer in it.
    named.retain(|person| !told.contains(person));
    tell_mentioned(&mut tx, actor, project, subject, id, &named, &body).await?;
    commit(tx, pool, actor, project, subject, internal).await?;
    Ok(id)
}

/// Emails the clients whose questions (`asked`: author and text) were just answered, with
/// `answer` (none: marked answered without a reply). Answers who was told (by mail now or in a
/// summary).
async fn tell_askers(
    tx: &mut crate::db::Tx,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    subject: Subject,
    asked: &[(Option<crate::accounts::UserId>, String)],
    answer: Option<&str>,
) -> Result<Vec<crate::accounts::UserId>, AppError> {
    let asked: Vec<_> = asked
        .iter()
        .filter_map(|(author, body)| author.map(|a| (a, super::excerpt(body))))
        .collect();
    let answer = answer.map(super::excerpt);
    let told = crate::notifications::notify::questions_answered(
        tx,
        project,
        &subject.href(project.0),
        &asked,
        &actor.name,
        answer.as_deref(),
        crate::ids::Timestamp::now(),
    )
    .await?;
    Ok(told)
}

/// Records who a comment names; answers those it newly names.
async fn record_mentions(
    tx: &mut crate::db::Tx,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
    body: &str,
    internal: bool,
) -> Result<Vec<crate::accounts::UserId>, AppError> {
    if !body.contains('@') {
        // An edit that removed every name withdraws their mentions.
        db::mention(tx, id, &[]).await?;
        return Ok(Vec::new());
    }
    let people = db::mentionable(&mut **tx, project, !internal).await?;
    let named: Vec<_> = super::mentioned(body, &people)
        .into_iter()
        .filter(|user| *user != actor.id)
        .collect();
    Ok(db::mention(tx, id, &named).await?)
}

/// Emails the people comment `id` (`body`) newly names — once per person and comment, however
/// often an edit takes the name out and puts it back.
async fn tell_mentioned(
    tx: &mut crate::db::Tx,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    subject: Subject,
    id: CommentId,
    named: &[crate::accounts::UserId],
    body: &str,
) -> Result<(), AppError> {
    let first_time = db::first_mention_mails(tx, id, named).await?;
    crate::notifications::notify::mentioned(
        tx,
        project,
        &subject.href(project.0),
        &first_time,
        &actor.name,
        &super::excerpt(body),
        crate::ids::Timestamp::now(),
    )
    .await?;
    Ok(())
}

/// The comment `id` of `project`, not deleted, on a subject `actor` may still see, with whether
/// that subject is internal; `own`: only if `actor` wrote it. Anything else answers like a
/// missing one.
async fn lock_comment(
    tx: &mut crate::db::Tx,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
    own: bool,
) -> Result<(db::CommentRow, bool), AppError> {
    let comment = db::find(&mut **tx, project, id)
        .await?
        .filter(|c| !own || c.author_id == Some(actor.id))
        .filter(|c| c.deleted_at.is_none())
        .ok_or(AppError::NotFound)?;
    let internal = lock_subject(tx, actor, project, comment.subject()).await?;
    Ok((comment, internal))
}

/// Its author corrects a comment: it then shows "edited". Newly named people are mentioned.
pub async fn edit(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
    body: &str,
) -> Result<(), AppError> {
    let body = super::parse_comment(body)?;
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let (comment, internal) = lock_comment(&mut tx, actor, project, id, true).await?;
    if comment.body == body {
        return Ok(());
    }
    db::edit(&mut tx, id, &body).await?;
    let named = record_mentions(&mut tx, actor, project, id, &body, internal).await?;
    tell_mentioned(
        &mut tx,
        actor,
        project,
        comment.subject(),
        id,
        &named,
        &body,
    )
    .await?;
    commit(tx, pool, actor, project, comment.subject(), internal).await
}

/// Its author deletes a comment: it keeps its place and says it was deleted. Again (a double
/// click) changes nothing.
pub async fn delete(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let comment = db::find(&mut *tx, project, id)
        .await?
        .filter(|c| c.author_id == Some(actor.id))
        .ok_or(AppError::NotFound)?;
    if comment.deleted_at.is_some() {
        return Ok(());
    }
    let internal = lock_subject(&mut tx, actor, project, comment.subject()).await?;
    db::delete(&mut tx, id).await?;
    commit(tx, pool, actor, project, comment.subject(), internal).await
}

/// Staff mark a client's question answered (answered elsewhere, say by phone). Again changes
/// nothing.
pub async fn mark_answered(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let Some(comment) = db::find(&mut *tx, project, id).await? else {
        return Err(AppError::NotFound);
    };
    let subject = comment.subject();
    let internal = lock_subject(&mut tx, actor, project, subject).await?;
    let asked = db::answer_questions(&mut tx, project, subject, i64::MAX, Some(id)).await?;
    if asked.is_empty() {
        return Ok(());
    }
    if !internal {
        tell_askers(&mut tx, actor, project, subject, &asked, None).await?;
    }
    commit(tx, pool, actor, project, subject, internal).await
}

/// Staff decide a client's comment asks something: it becomes a question, open until answered.
/// Again (or on a staff comment) changes nothing.
pub async fn mark_question(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: CommentId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let (comment, internal) = lock_comment(&mut tx, actor, project, id, false).await?;
    if !db::make_question(&mut tx, id).await? {
        return Ok(());
    }
    commit(tx, pool, actor, project, comment.subject(), internal).await
}

/// The organization's open client questions, oldest first (staff only).
pub async fn open_questions(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<Vec<OpenQuestion>, AppError> {
    if !actor.role.is_staff() {
        return Ok(Vec::new());
    }
    let now = Timestamp::now();
    Ok(db::open_questions(pool, actor.organization_id)
        .await?
        .into_iter()
        .map(|q| OpenQuestion {
            id: q.id,
            project: q.project_id.0,
            project_name: q.project_name,
            subject: Subject::of_columns(q.update_id, q.card_id, q.milestone_id),
            author: q.author,
            excerpt: super::excerpt(&q.body),
            hours_open: super::hours_open(q.created_at, now),
            response_hours: q.response_hours,
        })
        .collect())
}

/// The comments that mention `actor`, not yet read.
pub async fn mentions(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<Vec<Mention>, AppError> {
    let rows = db::unread_mentions(pool, actor.id, actor.role.is_staff()).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    Ok(rows
        .into_iter()
        .map(|m| Mention {
            comment: m.comment_id,
            project: m.project_id.0,
            project_name: m.project_name,
            subject: Subject::of_columns(m.update_id, m.card_id, m.milestone_id),
            author: m.author,
            excerpt: super::excerpt(&m.body),
            on: DueDate::day_of(&time_zone, m.created_at),
        })
        .collect())
}

/// The mentioned person marks a mention read. Again changes nothing; anyone else's answers like
/// a missing one.
pub async fn read_mention(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    comment: CommentId,
) -> Result<(), AppError> {
    let mut tx = crate::db::begin_write(pool).await?;
    db::read_mention(&mut tx, comment, actor.id).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends a comment write: a line in the project's history (on the card, for a card's comment),
/// then the commit, announced like any board change.
async fn commit(
    mut tx: crate::db::Tx,
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    subject: Subject,
    internal: bool,
) -> Result<(), AppError> {
    use crate::board::EventKind;
    match subject {
        // The feed follows its updates' kind.
        Subject::Update(_) => {
            crate::board::ops::project_changed(
                &mut tx,
                project,
                actor.id,
                EventKind::Updates,
                false,
            )
            .await?
        }
        Subject::Card(card) => {
            let card = Some(crate::board::CardId(card));
            crate::board::db::record_event(
                &mut tx,
                project,
                card,
                actor.id,
                EventKind::Commented,
                "",
                internal,
            )
            .await?;
        }
        Subject::Milestone(_) => {
            crate::board::ops::project_changed(
                &mut tx,
                project,
                actor.id,
                EventKind::Commented,
                internal,
            )
            .await?
        }
    }
    crate::board::ops::commit(tx, pool, project).await
}
