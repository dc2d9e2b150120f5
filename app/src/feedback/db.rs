//! SQL for feedback forms and responses (server only). Questions and answers are stored as JSON
//! text: a form's copy of its questions, a response's answers in question order.

use super::{Answer, FormId, Question};
use crate::accounts::UserId;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

const DAY: i64 = 86_400_000;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FormRow {
    pub id: FormId,
    pub project_id: ProjectId,
    pub project_name: String,
    pub milestone: Option<String>,
    pub title: String,
    pub questions: String,
    pub sent_at: Timestamp,
    pub closes_at: Timestamp,
    pub closed_at: Option<Timestamp>,
}

impl FormRow {
    /// The form's questions (a copy that cannot be read is no question: never expected).
    pub fn questions(&self) -> Vec<Question> {
        serde_json::from_str(&self.questions).unwrap_or_default()
    }

    /// Takes answers at `now`: not closed by staff, and before the day it closes.
    pub fn open_at(&self, now: Timestamp) -> bool {
        self.closed_at.is_none() && now.0 < self.closes_at.0
    }
}

const SELECT: &str = "SELECT f.id, f.project_id, p.name AS project_name, m.title AS milestone,
                             f.title, f.questions, f.sent_at, f.closes_at, f.closed_at
                      FROM feedback_forms f
                      JOIN projects p ON p.id = f.project_id
                      LEFT JOIN milestones m ON m.id = f.milestone_id";

/// A form about to be sent: the key of the template it comes from (`milestone_check_in`,
/// `custom:7`), its title and its own copy of the questions.
pub struct Contents {
    pub key: String,
    pub title: String,
    pub questions: Vec<Question>,
}

impl Contents {
    /// A built-in template's form, in `language`.
    pub fn built_in(template: super::Template, language: crate::i18n::Locale) -> Contents {
        let (title, questions) = template.questions(language);
        Contents {
            key: template.key().to_string(),
            title,
            questions,
        }
    }
}

/// Sends a form of `contents`, open for `days` days. For a milestone's round of sign-off
/// (`milestone`), at most one form: a second send answers `None`.
pub async fn send(
    tx: &mut Tx,
    project: ProjectId,
    milestone: Option<(crate::milestones::MilestoneId, i64)>,
    contents: &Contents,
    by: UserId,
    days: i64,
) -> Result<Option<FormId>, sqlx::Error> {
    let questions = serde_json::to_string(&contents.questions).unwrap_or_else(|_| "[]".into());
    let now = Timestamp::now();
    sqlx::query_scalar(
        "INSERT INTO feedback_forms (project_id, milestone_id, milestone_round, template, title,
                                     questions, sent_by, sent_at, closes_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (milestone_id, milestone_round) DO NOTHING
         RETURNING id",
    )
    .bind(project)
    .bind(milestone.map(|(m, _)| m))
    .bind(milestone.map(|(_, round)| round))
    .bind(&contents.key)
    .bind(&contents.title)
    .bind(questions)
    .bind(by)
    .bind(now)
    .bind(Timestamp(now.0 + days * DAY))
    .fetch_optional(&mut **tx)
    .await
}

/// The project's forms, newest first.
pub async fn list<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<FormRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE f.project_id = $1 ORDER BY f.sent_at DESC, f.id DESC"
    ))
    .bind(project)
    .fetch_all(db)
    .await
}

/// One form, with its project; `None` for a form that does not exist.
pub async fn find<'e>(
    db: impl Executor<'e, Database = Any>,
    id: FormId,
) -> Result<Option<FormRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE f.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Staff close a form before its day; `false` when it was closed already.
pub async fn close(tx: &mut Tx, id: FormId) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE feedback_forms SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL")
            .bind(Timestamp::now())
            .bind(id)
            .execute(&mut **tx)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// The check-in a milestone's round of sign-off sent, if it is still open.
pub async fn open_for_milestone(
    tx: &mut Tx,
    milestone: crate::milestones::MilestoneId,
    round: i64,
) -> Result<Option<FormId>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT id FROM feedback_forms
         WHERE milestone_id = $1 AND milestone_round = $2 AND closed_at IS NULL",
    )
    .bind(milestone)
    .bind(round)
    .fetch_optional(&mut **tx)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ResponseRow {
    pub form_id: FormId,
    pub user_id: UserId,
    pub person: String,
    pub answers: String,
    pub low: i64,
    pub updated_at: Timestamp,
    pub handled_at: Option<Timestamp>,
    pub handled_by: Option<String>,
    pub handled_note: String,
}

impl ResponseRow {
    pub fn answers(&self) -> Vec<Option<Answer>> {
        serde_json::from_str(&self.answers).unwrap_or_default()
    }
}

/// The responses to some forms of one project, oldest first.
pub async fn responses<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<ResponseRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT r.form_id, r.user_id, r.person, r.answers, r.low, r.updated_at, r.handled_at,
                r.handled_by, r.handled_note
         FROM feedback_responses r JOIN feedback_forms f ON f.id = r.form_id
         WHERE f.project_id = $1
         ORDER BY r.submitted_at, r.user_id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

/// One person's response to a form, if any.
pub async fn response_of<'e>(
    db: impl Executor<'e, Database = Any>,
    form: FormId,
    user: UserId,
) -> Result<Option<ResponseRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT form_id, user_id, person, answers, low, updated_at, handled_at, handled_by,
                handled_note
         FROM feedback_responses WHERE form_id = $1 AND user_id = $2",
    )
    .bind(form)
    .bind(user)
    .fetch_optional(db)
    .await
}

/// Writes a person's response, replacing the one they gave before.
pub async fn answer(
    tx: &mut Tx,
    form: FormId,
    user: UserId,
    person: &str,
    answers: &[Option<Answer>],
    low: bool,
) -> Result<(), sqlx::Error> {
    let answers = serde_json::to_string(answers).unwrap_or_else(|_| "[]".into());
    let now = Timestamp::now();
    sqlx::query(
        "INSERT INTO feedback_responses (form_id, user_id, person, answers, low, submitted_at,
                                         updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)
         ON CONFLICT (form_id, user_id)
         DO UPDATE SET answers = excluded.answers, low = excluded.low,
                       updated_at = excluded.updated_at, person = excluded.person,
                       handled_at = NULL, handled_by = NULL, handled_note = ''",
    )
    .bind(form)
    .bind(user)
    .bind(person)
    .bind(answers)
    .bind(i64::from(low))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The open forms waiting for `user` (a client member): on projects they belong to (a closed
/// project's too: its close form is sent then), not closed, before their day, not answered by them. Oldest first.
pub async fn waiting_for<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<Vec<FormRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT}
         WHERE f.closed_at IS NULL AND f.closes_at > $2
           AND EXISTS (SELECT 1 FROM project_members pm
                       WHERE pm.project_id = f.project_id AND pm.user_id = $1)
           AND NOT EXISTS (SELECT 1 FROM feedback_responses r
                           WHERE r.form_id = f.id AND r.user_id = $1)
         ORDER BY f.sent_at, f.id"
    ))
    .bind(user)
    .bind(Timestamp::now())
    .fetch_all(db)
    .await
}

/// How many client members the project has (those a form asks).
pub async fn client_members<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM project_members pm JOIN users u ON u.id = pm.user_id
         WHERE pm.project_id = $1 AND u.role = 'client'",
    )
    .bind(project)
    .fetch_one(db)
    .await
}

/// Staff say what was done about a low score; `false` when that response is not low, or was
/// handled already.
pub async fn handle(
    tx: &mut Tx,
    form: FormId,
    user: UserId,
    by: &str,
    note: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE feedback_responses SET handled_at = $1, handled_by = $2, handled_note = $3
         WHERE form_id = $4 AND user_id = $5 AND low = 1 AND handled_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(by)
    .bind(note)
    .bind(form)
    .bind(user)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct LowRow {
    pub project_id: ProjectId,
    pub questions: String,
    pub answers: String,
}

/// The low scores not yet handled on the organization's projects (closed ones too: the close
/// form is answered then), newest first.
pub async fn unhandled_low<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<LowRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT f.project_id, f.questions, r.answers
         FROM feedback_responses r
         JOIN feedback_forms f ON f.id = r.form_id
         JOIN projects p ON p.id = f.project_id
         WHERE p.organization_id = $1 AND r.low = 1 AND r.handled_at IS NULL
         ORDER BY r.updated_at DESC",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// What a project sends by itself: (on a milestone's approval, on closing), template keys or
/// empty.
pub async fn settings<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("SELECT feedback_on_approval, feedback_on_close FROM projects WHERE id = $1")
        .bind(project)
        .fetch_one(db)
        .await
}

pub async fn set_settings(
    tx: &mut Tx,
    project: ProjectId,
    on_approval: &str,
    on_close: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE projects SET feedback_on_approval = $1, feedback_on_close = $2 WHERE id = $3",
    )
    .bind(on_approval)
    .bind(on_close)
    .bind(project)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The language of the project's first client member (English when none, or unset).
pub async fn client_locale<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<crate::i18n::Locale, sqlx::Error> {
    let tag: Option<Option<String>> = sqlx::query_scalar(
        "SELECT u.locale FROM project_members pm JOIN users u ON u.id = pm.user_id
         WHERE pm.project_id = $1 AND u.role = 'client' ORDER BY pm.created_at, u.id LIMIT 1",
    )
    .bind(project)
    .fetch_optional(db)
    .await?;
    Ok(tag
        .flatten()
        .as_deref()
        .and_then(crate::i18n::Locale::from_tag)
        .unwrap_or_default())
}

/// Every response given on the organization's projects since `since`: its form's questions,
/// its answers, and when.
pub async fn responses_since<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
    since: Timestamp,
) -> Result<Vec<(String, String, Timestamp)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT f.questions, r.answers, r.updated_at
         FROM feedback_responses r
         JOIN feedback_forms f ON f.id = r.form_id
         JOIN projects p ON p.id = f.project_id
         WHERE p.organization_id = $1 AND r.updated_at >= $2",
    )
    .bind(organization)
    .bind(since)
    .fetch_all(db)
    .await
}

/// How long after sending a form the same person sending it again is taken for a repeat.
pub const REPEAT_MS: i64 = 10_000;

/// The same one-off form (template, title and questions, days open) that `by` sent on
/// `project` in the last [`REPEAT_MS`], still open.
pub async fn just_sent<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    contents: &Contents,
    days: i64,
    by: UserId,
) -> Result<Option<FormId>, sqlx::Error> {
    let now = Timestamp::now();
    let questions = serde_json::to_string(&contents.questions).unwrap_or_default();
    sqlx::query_scalar(
        "SELECT id FROM feedback_forms
         WHERE project_id = $1 AND template = $2 AND sent_by = $3 AND milestone_id IS NULL
           AND sent_at > $4 AND closed_at IS NULL AND title = $5 AND questions = $6
           AND closes_at - sent_at = $7
         ORDER BY id DESC LIMIT 1",
    )
    .bind(project)
    .bind(&contents.key)
    .bind(by)
    .bind(Timestamp(now.0 - REPEAT_MS))
    .bind(&contents.title)
    .bind(questions)
    .bind(days * DAY)
    .fetch_optional(db)
    .await
}

/// Whether the project was ever sent a form of the template of `key`.
pub async fn sent_already<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    key: &str,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM feedback_forms WHERE project_id = $1 AND template = $2",
    )
    .bind(project)
    .bind(key)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}
