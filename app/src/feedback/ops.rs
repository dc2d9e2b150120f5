//! The feedback rules, as plain functions (server only). Staff send and close forms and read
//! the results (`Action::ManageFeedback`); the project's client members answer
//! (`Action::AnswerFeedback`). A form of a project the viewer may not see — or, for a client,
//! another client's answers — answers like a missing one. Every write locks the project,
//! re-reads the form, writes and records an internal line of the project's history (so an open
//! results page reloads; clients never hear of other people's answers) before it commits.

use super::{db, Answer, Form, FormId, FormResults, Question, Response, Template, Waiting};
// (`serde_json` reads the stored copies of questions and answers for the organization's flags.)
use crate::accounts::policy::Action;
use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::ids::Timestamp;
use crate::projects::ProjectId;

use super::MAX_DAYS;

async fn time_zone(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<String, AppError> {
    let (_, _, _, time_zone) = crate::accounts::settings::db::find_settings(pool, actor.id).await?;
    Ok(time_zone)
}

fn form_of(row: &db::FormRow, time_zone: &str, mine: Option<&db::ResponseRow>) -> Form {
    let day = |t: Timestamp| DueDate::day_of(time_zone, t);
    Form {
        id: row.id,
        project: row.project_id.0,
        project_name: row.project_name.clone(),
        title: row.title.clone(),
        questions: row.questions(),
        milestone: row.milestone.clone(),
        sent_on: day(row.sent_at),
        // The last day it takes answers: the day of the last instant before it closes.
        closes_on: day(Timestamp(row.closed_at.unwrap_or(row.closes_at).0 - 1)),
        open: row.open_at(Timestamp::now()),
        mine: mine.map(|r| r.answers()).unwrap_or_default(),
        answered: mine.is_some(),
    }
}

/// A form of a project `actor` may see (`action` on it); anything else answers like a missing
/// one.
async fn visible_form(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    id: FormId,
    action: Action,
) -> Result<(db::FormRow, crate::projects::ProjectRecord), AppError> {
    let row = db::find(pool, id).await?.ok_or(AppError::NotFound)?;
    let record =
        crate::projects::authorize_project(pool, Some(actor), action, row.project_id).await?;
    Ok((row, record))
}

/// `/forms/{id}`: the form, with the viewer's answers so far (a client member), or as a preview
/// (staff).
pub async fn get_form(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    id: FormId,
) -> Result<Form, AppError> {
    let (row, _) = visible_form(pool, actor, id, Action::ViewProject).await?;
    let mine = db::response_of(pool, id, actor.id).await?;
    Ok(form_of(&row, &time_zone(pool, actor).await?, mine.as_ref()))
}

/// A client member answers (again: their answers replace the earlier ones) while the form is
/// open. Refused whole when anything is wrong: nothing partial is saved.
pub async fn answer(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    id: FormId,
    raw: &std::collections::HashMap<String, String>,
) -> Result<(), AppError> {
    let (row, record) = visible_form(pool, actor, id, Action::AnswerFeedback).await?;
    // A closed project's client answers its close form.
    let mut tx = crate::projects::db::begin_project_lock(pool, record.id).await?;
    // Read again under the lock: closed meanwhile, it takes nothing.
    let row = db::find(&mut *tx, row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !row.open_at(Timestamp::now()) {
        return Err(AppError::invalid("form", Problem::FormClosed));
    }
    let questions = row.questions();
    let answers = super::parse_answers(&questions, raw)?;
    let low = super::low_score(&questions, &answers);
    db::answer(&mut tx, id, actor.id, &actor.name, &answers, low).await?;
    commit(tx, pool, record.id, actor).await
}

/// Staff send a form from a template, in `language`, open for `days` days (1 to 60).
pub async fn send(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    template: &str,
    language: &str,
    days: &str,
) -> Result<FormId, AppError> {
    let language = crate::i18n::Locale::from_tag(language)
        .ok_or_else(|| AppError::invalid("language", Problem::Malformed))?;
    let days = days
        .trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (1..=MAX_DAYS).contains(d))
        .ok_or_else(|| {
            AppError::invalid(
                "days",
                Problem::OutOfRange {
                    min: 1,
                    max: MAX_DAYS,
                },
            )
        })?;
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    let contents = contents(&mut tx, project, template.trim(), language)
        .await?
        .ok_or_else(|| AppError::invalid("template", Problem::NotAChoice))?;
    // The same form sent by the same person a moment ago (a double click, a repeated post
    // without JavaScript): that one, not a second form and a second email.
    if let Some(id) = db::just_sent(&mut *tx, project, &contents, days, actor.id).await? {
        return Ok(id);
    }
    let id = db::send(&mut tx, project, None, &contents, actor.id, days)
        .await?
        .ok_or(AppError::Conflict)?;
    announce(&mut tx, project, id).await?;
    commit(tx, pool, project, actor).await?;
    Ok(id)
}

/// What the template of `key` sends on `project`: a built-in one in `language`, or one of the
/// organization's own (in its own language; its row is locked until the transaction ends, so
/// it cannot be deleted meanwhile). `None`: no such template for this project.
async fn contents(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    key: &str,
    language: crate::i18n::Locale,
) -> Result<Option<db::Contents>, AppError> {
    if let Ok(template) = Template::parse(key) {
        return Ok(Some(db::Contents::built_in(template, language)));
    }
    let Some(id) = super::templates::parse_custom_key(key) else {
        return Ok(None);
    };
    crate::db::lock_row(tx, "feedback_templates", id).await?;
    let own = super::templates::db::find_for_project(&mut **tx, project, id).await?;
    Ok(own.map(|own| db::Contents {
        key: super::templates::custom_key(own.id),
        title: own.title,
        questions: own.questions,
    }))
}

/// Emails the project's clients that form `id` waits for their answers.
async fn announce(tx: &mut crate::db::Tx, project: ProjectId, id: FormId) -> Result<(), AppError> {
    let (title, closes_at): (String, Timestamp) =
        sqlx::query_as("SELECT title, closes_at FROM feedback_forms WHERE id = $1")
            .bind(id)
            .fetch_one(&mut **tx)
            .await?;
    crate::notifications::notify::form_waiting(
        tx,
        project,
        id.0,
        &title,
        closes_at,
        Timestamp::now(),
    )
    .await?;
    Ok(())
}

/// How long a form sent by itself stays open, in days.
const AUTOMATIC_DAYS: i64 = 14;

/// The form a milestone's approval sends (inside the approval's own transaction): the
/// project's choice (the milestone check-in unless staff chose otherwise, or nothing), in the
/// approving client's language. One per round of sign-off, however many approvals arrive.
pub async fn send_for_milestone(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    milestone: crate::milestones::MilestoneId,
    round: i64,
    approver: &crate::accounts::Actor,
) -> Result<(), AppError> {
    let (on_approval, _) = db::settings(&mut **tx, project).await?;
    let language = crate::accounts::db::locale_of(&mut **tx, approver.id).await?;
    let Some(contents) = contents(tx, project, &on_approval, language).await? else {
        return Ok(());
    };
    let milestone = Some((milestone, round));
    let sent = db::send(
        tx,
        project,
        milestone,
        &contents,
        approver.id,
        AUTOMATIC_DAYS,
    )
    .await?;
    if let Some(id) = sent {
        announce(tx, project, id).await?;
    }
    Ok(())
}

/// A client member asked for changes after another approved: the phase is not over, so the
/// check-in that approval sent closes (answers given stay in the results; the next approval
/// asks again).
pub async fn withdraw_for_milestone(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    milestone: crate::milestones::MilestoneId,
    round: i64,
    actor: &crate::accounts::Actor,
) -> Result<(), AppError> {
    let Some(id) = db::open_for_milestone(tx, milestone, round).await? else {
        return Ok(());
    };
    if db::close(tx, id).await? {
        crate::notifications::notify::form_closed(tx, id.0, Timestamp::now()).await?;
        // Open results pages learn of it, as of any form closed.
        let kind = crate::board::EventKind::Feedback;
        crate::board::ops::project_changed(tx, project, actor.id, kind, true).await?;
    }
    Ok(())
}

/// The form a project's closing sends (inside the archive's own transaction), in its first
/// client member's language; nothing when staff chose none.
pub async fn send_for_close(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    by: &crate::accounts::Actor,
) -> Result<(), AppError> {
    let (_, on_close) = db::settings(&mut **tx, project).await?;
    let language = db::client_locale(&mut **tx, project).await?;
    let Some(contents) = contents(tx, project, &on_close, language).await? else {
        return Ok(());
    };
    // Reopened and closed again: the client was asked already.
    if db::sent_already(&mut **tx, project, &contents.key).await? {
        return Ok(());
    }
    if let Some(id) = db::send(tx, project, None, &contents, by.id, AUTOMATIC_DAYS).await? {
        announce(tx, project, id).await?;
    }
    Ok(())
}

/// Staff choose what the project sends by itself: a template key, or empty for nothing.
pub async fn set_settings(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    on_approval: &str,
    on_close: &str,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_write(pool, project).await?;
    // The templates' rows are locked in one order, whatever the fields: two projects choosing
    // the same two templates crosswise never wait for each other.
    let mut ids: Vec<i64> = [on_approval, on_close]
        .iter()
        .filter_map(|raw| super::templates::parse_custom_key(raw.trim()))
        .collect();
    ids.sort_unstable();
    for id in ids {
        crate::db::lock_row(&mut tx, "feedback_templates", id).await?;
    }
    let mut keys = Vec::new();
    for (field, raw) in [("on_approval", on_approval), ("on_close", on_close)] {
        let raw = raw.trim();
        if raw.is_empty() {
            keys.push(String::new());
            continue;
        }
        // (The language does not matter here: only whether the template exists for the project.)
        let found = contents(&mut tx, project, raw, crate::i18n::Locale::En).await?;
        let found = found.ok_or_else(|| AppError::invalid(field, Problem::NotAChoice))?;
        keys.push(found.key);
    }
    db::set_settings(&mut tx, project, &keys[0], &keys[1]).await?;
    commit(tx, pool, project, actor).await
}

/// Staff close a form before its day. Again changes nothing.
pub async fn close(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: FormId,
) -> Result<(), AppError> {
    let mut tx = crate::projects::db::begin_project_lock(pool, project).await?;
    let row = db::find(&mut *tx, id)
        .await?
        .filter(|f| f.project_id == project)
        .ok_or(AppError::NotFound)?;
    if !db::close(&mut tx, row.id).await? {
        return Ok(());
    }
    crate::notifications::notify::form_closed(&mut tx, row.id.0, Timestamp::now()).await?;
    commit(tx, pool, project, actor).await
}

/// Staff say what was done about a low score (the flag then leaves the project). Again changes
/// nothing; a response that is not low, or of another project, answers like a missing one.
pub async fn handle(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    form: FormId,
    person: crate::accounts::UserId,
    answered_at: i64,
    note: &str,
) -> Result<(), AppError> {
    let note = note.replace("\r\n", "\n");
    let note = note.trim();
    if note.is_empty() {
        return Err(AppError::invalid("note", Problem::Required));
    }
    if note.chars().count() > super::NOTE_MAX_CHARS {
        let max = super::NOTE_MAX_CHARS;
        return Err(AppError::invalid("note", Problem::TooLong { max }));
    }
    if note.contains('\0') {
        return Err(AppError::invalid("note", Problem::ControlCharacters));
    }
    let mut tx = crate::projects::db::begin_project_lock(pool, project).await?;
    db::find(&mut *tx, form)
        .await?
        .filter(|f| f.project_id == project)
        .ok_or(AppError::NotFound)?;
    let response = db::response_of(&mut *tx, form, person)
        .await?
        .filter(|r| r.low == 1)
        .ok_or(AppError::NotFound)?;
    if response.handled_at.is_some() {
        return Ok(());
    }
    // The client answered again since the page showed it: that answer was not read yet.
    if response.updated_at.0 != answered_at {
        return Err(AppError::Conflict);
    }
    if !db::handle(&mut tx, form, person, &actor.name, note).await? {
        return Ok(());
    }
    commit(tx, pool, project, actor).await
}

/// Each of the organization's projects' low scores not yet handled: how many, and the words of
/// the newest one (staff's project lists and project page show them).
pub async fn low_scores(
    pool: &crate::db::Pool,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<(ProjectId, u32, Option<String>)>, AppError> {
    let mut out: Vec<(ProjectId, u32, Option<String>)> = Vec::new();
    for row in db::unhandled_low(pool, organization).await? {
        let questions: Vec<Question> = serde_json::from_str(&row.questions).unwrap_or_default();
        let answers: Vec<Option<Answer>> = serde_json::from_str(&row.answers).unwrap_or_default();
        let words = super::first_text(&questions, &answers);
        match out.iter_mut().find(|(p, _, _)| *p == row.project_id) {
            Some((_, n, first)) => {
                *n += 1;
                if first.is_none() {
                    *first = words;
                }
            }
            None => out.push((row.project_id, 1, words)),
        }
    }
    Ok(out)
}

/// The organization's CSAT and NPS over the last 90 days and the 90 before (staff; nothing for
/// clients).
pub async fn organization_scores(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<super::OrganizationScores, AppError> {
    if !actor.role.is_staff() {
        return Ok(super::OrganizationScores::default());
    }
    const PERIOD: i64 = 90 * 86_400_000;
    let now = Timestamp::now();
    let rows =
        db::responses_since(pool, actor.organization_id, Timestamp(now.0 - 2 * PERIOD)).await?;
    let (mut recent, mut before) = (Vec::new(), Vec::new());
    for (questions, answers, at) in rows {
        let questions: Vec<Question> = serde_json::from_str(&questions).unwrap_or_default();
        let answers: Vec<Option<Answer>> = serde_json::from_str(&answers).unwrap_or_default();
        if at.0 >= now.0 - PERIOD {
            recent.push((questions, answers));
        } else {
            before.push((questions, answers));
        }
    }
    let (csat, nps) = (super::Kind::Csat, super::Kind::Nps);
    Ok(super::OrganizationScores {
        csat: super::csat(&super::scores_of(&csat, &recent)),
        csat_before: super::csat(&super::scores_of(&csat, &before)),
        nps: super::nps(&super::scores_of(&nps, &recent)),
        nps_before: super::nps(&super::scores_of(&nps, &before)),
    })
}

/// `/projects/{id}/feedback`: every form of the project with its results (staff).
pub async fn results(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
) -> Result<super::FeedbackPage, AppError> {
    let last_change = crate::board::db::last_event(pool, record.id).await?.0;
    let time_zone = time_zone(pool, actor).await?;
    let forms = db::list(pool, record.id).await?;
    let responses = db::responses(pool, record.id).await?;
    let asked = db::client_members(pool, record.id).await? as u32;
    let day = |t: Timestamp| DueDate::day_of(&time_zone, t);
    let results = forms
        .iter()
        .map(|row| {
            let form = form_of(row, &time_zone, None);
            let mine: Vec<_> = responses.iter().filter(|r| r.form_id == row.id).collect();
            let answered: Vec<Vec<Option<Answer>>> = mine.iter().map(|r| r.answers()).collect();
            let scores = |pick: fn(&Question) -> bool| -> Vec<i64> {
                answered
                    .iter()
                    .flat_map(|answers| {
                        form.questions
                            .iter()
                            .zip(answers)
                            .filter_map(move |(q, a)| match (pick(q), a) {
                                (true, Some(Answer::Score(s))) => Some(*s),
                                _ => None,
                            })
                    })
                    .collect()
            };
            let csat = super::csat(&scores(|q| q.kind == super::Kind::Csat));
            let nps = super::nps(&scores(|q| q.kind == super::Kind::Nps));
            FormResults {
                asked: asked.max(mine.len() as u32),
                responses: mine
                    .iter()
                    .zip(answered.iter())
                    .map(|(r, answers)| Response {
                        user: r.user_id.0,
                        answered_at: r.updated_at.0,
                        person: r.person.clone(),
                        on: day(r.updated_at),
                        answers: answers.clone(),
                        low: r.low == 1,
                        handled: r.handled_at.map(|at| {
                            (
                                r.handled_by.clone().unwrap_or_default(),
                                day(at),
                                r.handled_note.clone(),
                            )
                        }),
                    })
                    .collect(),
                csat,
                nps,
                form,
            }
        })
        .collect();
    let (on_approval, on_close) = db::settings(pool, record.id).await?;
    let templates = super::templates::db::list(pool, record.organization_id).await?;
    Ok(super::FeedbackPage {
        on_approval,
        on_close,
        templates,
        project: record.id.0,
        project_name: record.name.clone(),
        forms: results,
        may_send: record.archived_at.is_none(),
        last_change,
    })
}

/// A form's responses as CSV (UTF-8, one row per response; staff): who, when (UTC, ISO 8601),
/// then one column per question.
pub async fn csv(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    id: FormId,
) -> Result<String, AppError> {
    let (row, _) = visible_form(pool, actor, id, Action::ManageFeedback).await?;
    if row.project_id != project {
        return Err(AppError::NotFound);
    }
    let questions = row.questions();
    let mut header = vec!["person".to_string(), "answered_at_utc".to_string()];
    header.extend(questions.iter().map(|q| q.text.clone()));
    let mut out = super::csv_line(&header);
    for response in db::responses(pool, project)
        .await?
        .iter()
        .filter(|r| r.form_id == id)
    {
        let answers = response.answers();
        let mut cells = vec![response.person.clone(), iso_utc(response.updated_at)];
        cells.extend(
            questions
                .iter()
                .enumerate()
                .map(|(i, q)| super::answer_text(q, answers.get(i).and_then(Option::as_ref))),
        );
        out.push_str(&super::csv_line(&cells));
    }
    Ok(out)
}

fn iso_utc(at: Timestamp) -> String {
    chrono::DateTime::from_timestamp_millis(at.0)
        .map(|t| t.format("%Y-%m-%dT%H:%M:%SZ").to_string())
        .unwrap_or_default()
}

/// The forms waiting for a client member, oldest first, as (project, form): for their projects'
/// headers. Staff are asked nothing.
pub async fn waiting_forms_by_project(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<Vec<(ProjectId, i64)>, AppError> {
    if actor.role.is_staff() {
        return Ok(Vec::new());
    }
    let rows = db::waiting_for(pool, actor.id).await?;
    Ok(rows.iter().map(|row| (row.project_id, row.id.0)).collect())
}

/// The forms waiting for a client member, for their home page.
pub async fn waiting(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
) -> Result<Vec<Waiting>, AppError> {
    if actor.role.is_staff() {
        return Ok(Vec::new());
    }
    let rows = db::waiting_for(pool, actor.id).await?;
    if rows.is_empty() {
        return Ok(Vec::new());
    }
    let time_zone = time_zone(pool, actor).await?;
    Ok(rows
        .iter()
        .map(|row| {
            let form = form_of(row, &time_zone, None);
            Waiting {
                id: form.id,
                project_name: form.project_name,
                title: form.title,
                milestone: form.milestone,
                closes_on: form.closes_on,
            }
        })
        .collect())
}

/// Ends a feedback write: an internal line in the project's history (staff's open results
/// page reloads), then the commit.
async fn commit(
    mut tx: crate::db::Tx,
    pool: &crate::db::Pool,
    project: ProjectId,
    actor: &crate::accounts::Actor,
) -> Result<(), AppError> {
    let kind = crate::board::EventKind::Feedback;
    crate::board::ops::project_changed(&mut tx, project, actor.id, kind, true).await?;
    crate::board::ops::commit(tx, pool, project).await
}
