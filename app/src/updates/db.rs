//! SQL for status updates, their corrections and who has seen them (server only).

use super::{Health, Sections, UpdateId};
use crate::accounts::UserId;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

/// An update as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UpdateRow {
    pub id: UpdateId,
    pub project_id: ProjectId,
    #[sqlx(try_from = "String")]
    pub health: Health,
    pub summary: String,
    pub done: String,
    pub next_steps: String,
    pub questions: String,
    pub risks: String,
    pub author: Option<String>,
    pub updated_at: Timestamp,
    pub published_at: Option<Timestamp>,
    pub edited_at: Option<Timestamp>,
    pub version: i64,
    /// The question asked of the client; empty: none.
    pub decision: String,
    pub decide_by: Option<String>,
}

impl UpdateRow {
    pub fn sections(&self) -> Sections {
        Sections {
            done: self.done.clone(),
            next: self.next_steps.clone(),
            questions: self.questions.clone(),
            risks: self.risks.clone(),
        }
    }
}

const SELECT: &str = "SELECT s.id, s.project_id, s.health, s.summary, s.done, s.next_steps,
                             s.questions, s.risks, u.name AS author, s.updated_at,
                             s.published_at, s.edited_at, s.version, s.decision, s.decide_by
                      FROM status_updates s LEFT JOIN users u ON u.id = s.author_id";

/// Updates `ids` as a SQL list (see `crate::db::id_list`).
fn id_list(ids: &[UpdateId]) -> String {
    crate::db::id_list(ids.iter().map(|id| id.0))
}

/// The condition that leaves drafts out, unless `with_drafts` (staff).
fn drafts_clause(with_drafts: bool) -> &'static str {
    if with_drafts {
        ""
    } else {
        "AND s.published_at IS NOT NULL"
    }
}

/// A project's updates, newest first: drafts first (staff only), then published ones; `limit`
/// of them after skipping `offset`.
pub async fn list<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    with_drafts: bool,
    limit: i64,
    offset: i64,
) -> Result<Vec<UpdateRow>, sqlx::Error> {
    let drafts = drafts_clause(with_drafts);
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.project_id = $1 {drafts}
         ORDER BY CASE WHEN s.published_at IS NULL THEN 0 ELSE 1 END, s.published_at DESC,
                  s.updated_at DESC, s.id DESC
         LIMIT $2 OFFSET $3"
    ))
    .bind(project)
    .bind(limit)
    .bind(offset)
    .fetch_all(db)
    .await
}

/// One update of `project` (a draft only `with_drafts`); `None` for another project's, as for a
/// missing one.
pub async fn find<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    id: UpdateId,
    with_drafts: bool,
) -> Result<Option<UpdateRow>, sqlx::Error> {
    let drafts = drafts_clause(with_drafts);
    sqlx::query_as(&format!(
        "{SELECT} WHERE s.id = $1 AND s.project_id = $2 {drafts}"
    ))
    .bind(id)
    .bind(project)
    .fetch_optional(db)
    .await
}

/// What staff write.
pub struct Fields<'a> {
    pub health: Health,
    pub summary: &'a str,
    pub sections: &'a Sections,
}

/// A new draft.
pub async fn insert(
    tx: &mut Tx,
    project: ProjectId,
    fields: &Fields<'_>,
    by: UserId,
) -> Result<UpdateId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO status_updates (project_id, health, summary, done, next_steps, questions,
                                     risks, author_id, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
    )
    .bind(project)
    .bind(fields.health.as_str())
    .bind(fields.summary)
    .bind(fields.sections.done.as_str())
    .bind(fields.sections.next.as_str())
    .bind(fields.sections.questions.as_str())
    .bind(fields.sections.risks.as_str())
    .bind(by)
    .bind(Timestamp::now())
    .fetch_one(&mut **tx)
    .await
}

/// Writes the fields if the stored version is still `version`; answers whether it was. A
/// published update is marked edited.
pub async fn update(
    tx: &mut Tx,
    id: UpdateId,
    version: i64,
    fields: &Fields<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE status_updates
         SET health = $1, summary = $2, done = $3, next_steps = $4, questions = $5, risks = $6,
             version = version + 1, updated_at = $7,
             edited_at = CASE WHEN published_at IS NULL THEN NULL ELSE $7 END
         WHERE id = $8 AND version = $9",
    )
    .bind(fields.health.as_str())
    .bind(fields.summary)
    .bind(fields.sections.done.as_str())
    .bind(fields.sections.next.as_str())
    .bind(fields.sections.questions.as_str())
    .bind(fields.sections.risks.as_str())
    .bind(Timestamp::now())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Keeps the text a published update had before a correction, with the decision it asked (its
/// options one a line, as the client read them).
pub async fn keep_revision(tx: &mut Tx, before: &UpdateRow, by: UserId) -> Result<(), sqlx::Error> {
    let options = self::options(&mut **tx, &[before.id]).await?;
    let options: Vec<String> = options
        .iter()
        .zip('A'..='Z')
        .map(|(o, letter)| super::option_line(letter, &o.what, &o.cost, &o.time_needed, &o.impact))
        .collect();
    sqlx::query(
        "INSERT INTO status_update_revisions (update_id, health, summary, done, next_steps,
                                              questions, risks, edited_by, replaced_at, decision,
                                              options)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(before.id)
    .bind(before.health.as_str())
    .bind(before.summary.as_str())
    .bind(before.done.as_str())
    .bind(before.next_steps.as_str())
    .bind(before.questions.as_str())
    .bind(before.risks.as_str())
    .bind(by)
    .bind(Timestamp::now())
    .bind(before.decision.as_str())
    .bind(options.join("\n"))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Publishes a draft; `false` when it was already published (a repeated request).
pub async fn publish(tx: &mut Tx, id: UpdateId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE status_updates SET published_at = $1, version = version + 1
         WHERE id = $2 AND published_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes a draft (a published update is never deleted); `false` when there was none.
pub async fn delete_draft(tx: &mut Tx, id: UpdateId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM status_updates WHERE id = $1 AND published_at IS NULL")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct RevisionRow {
    pub update_id: UpdateId,
    #[sqlx(try_from = "String")]
    pub health: Health,
    pub summary: String,
    pub done: String,
    pub next_steps: String,
    pub questions: String,
    pub risks: String,
    pub by: Option<String>,
    pub replaced_at: Timestamp,
    pub decision: String,
    pub options: String,
}

/// Every earlier text of updates `ids`, oldest first.
pub async fn revisions<'e>(
    db: impl Executor<'e, Database = Any>,
    ids: &[UpdateId],
) -> Result<Vec<RevisionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT r.update_id, r.health, r.summary, r.done, r.next_steps, r.questions, r.risks,
                u.name AS by, r.replaced_at, r.decision, r.options
         FROM status_update_revisions r
         LEFT JOIN users u ON u.id = r.edited_by
         WHERE r.update_id IN ({})
         ORDER BY r.id",
        id_list(ids)
    ))
    .fetch_all(db)
    .await
}

/// Marks an update seen by `user`; `false` when they already had (the first time stands).
pub async fn mark_seen(tx: &mut Tx, id: UpdateId, user: UserId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO status_update_seen (update_id, user_id, seen_at) VALUES ($1, $2, $3)
         ON CONFLICT (update_id, user_id) DO NOTHING",
    )
    .bind(id)
    .bind(user)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct SeenRow {
    pub update_id: UpdateId,
    pub user_id: UserId,
    pub person: String,
    pub seen_at: Timestamp,
}

/// Who has seen updates `ids`, in the order they did.
pub async fn seen<'e>(
    db: impl Executor<'e, Database = Any>,
    ids: &[UpdateId],
) -> Result<Vec<SeenRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT v.update_id, v.user_id, u.name AS person, v.seen_at
         FROM status_update_seen v
         JOIN users u ON u.id = v.user_id
         WHERE v.update_id IN ({})
         ORDER BY v.seen_at, v.user_id",
        id_list(ids)
    ))
    .fetch_all(db)
    .await
}

/// The latest published update of each of the organization's projects: its health and when.
pub async fn latest<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<(ProjectId, String, Timestamp)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.project_id, s.health, s.published_at
         FROM status_updates s
         JOIN projects p ON p.id = s.project_id
         WHERE p.organization_id = $1 AND s.published_at IS NOT NULL
           AND s.id = (SELECT s2.id FROM status_updates s2
                       WHERE s2.project_id = s.project_id AND s2.published_at IS NOT NULL
                       ORDER BY s2.published_at DESC, s2.id DESC LIMIT 1)",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// Each of the organization's projects' update cadence (days), when it was created, and its
/// promised response time (hours).
pub async fn cadences<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<(ProjectId, i64, Timestamp, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, update_cadence_days, created_at, response_hours
         FROM projects WHERE organization_id = $1",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// One project's charter promises: the update cadence (days), when it was created (the cadence
/// counts from then before the first update), and the response time (hours).
pub async fn promises<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<(i64, Timestamp, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT update_cadence_days, created_at, response_hours FROM projects WHERE id = $1",
    )
    .bind(project)
    .fetch_one(db)
    .await
}

/// Writes the decision an update asks (or none) and its options. An option left exactly as it
/// was keeps its row and id (a client choosing "B" while staff correct option A still chooses
/// B); a changed one is a new option (a choice made from the old text is refused: the client
/// never saw the new one); options beyond the new count go.
pub async fn replace_decision(
    tx: &mut Tx,
    id: UpdateId,
    decision: Option<&super::DecisionDraft>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE status_updates SET decision = $1, decide_by = $2 WHERE id = $3")
        .bind(decision.map_or("", |d| d.question.as_str()))
        .bind(
            decision
                .and_then(|d| d.decide_by)
                .map(crate::calendar::DueDate::iso),
        )
        .bind(id)
        .execute(&mut **tx)
        .await?;
    let count = decision.map_or(0, |d| d.options.len() as i64);
    sqlx::query("DELETE FROM update_options WHERE update_id = $1 AND position >= $2")
        .bind(id)
        .bind(count)
        .execute(&mut **tx)
        .await?;
    let Some(decision) = decision else {
        return Ok(());
    };
    for (position, option) in decision.options.iter().enumerate() {
        let recommended = i64::from(position == decision.recommended);
        let kept = sqlx::query(
            "UPDATE update_options SET recommended = $1
             WHERE update_id = $2 AND position = $3
               AND what = $4 AND cost = $5 AND time_needed = $6 AND impact = $7",
        )
        .bind(recommended)
        .bind(id)
        .bind(position as i64)
        .bind(option.what.as_str())
        .bind(option.cost.as_str())
        .bind(option.time.as_str())
        .bind(option.impact.as_str())
        .execute(&mut **tx)
        .await?;
        if kept.rows_affected() > 0 {
            continue;
        }
        sqlx::query("DELETE FROM update_options WHERE update_id = $1 AND position = $2")
            .bind(id)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "INSERT INTO update_options (update_id, position, what, cost, time_needed, impact,
                                         recommended)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(id)
        .bind(position as i64)
        .bind(option.what.as_str())
        .bind(option.cost.as_str())
        .bind(option.time.as_str())
        .bind(option.impact.as_str())
        .bind(recommended)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct OptionRow {
    pub id: super::OptionId,
    pub update_id: UpdateId,
    pub what: String,
    pub cost: String,
    pub time_needed: String,
    pub impact: String,
    pub recommended: i64,
}

/// Every option of updates `ids`, in each update's order.
pub async fn options<'e>(
    db: impl Executor<'e, Database = Any>,
    ids: &[UpdateId],
) -> Result<Vec<OptionRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT o.id, o.update_id, o.what, o.cost, o.time_needed, o.impact, o.recommended
         FROM update_options o
         WHERE o.update_id IN ({})
         ORDER BY o.update_id, o.position",
        id_list(ids)
    ))
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
pub struct ChoiceRow {
    pub update_id: UpdateId,
    pub option_id: super::OptionId,
    pub person: String,
    pub chosen_at: Timestamp,
}

/// The choices made on updates `ids`.
pub async fn choices<'e>(
    db: impl Executor<'e, Database = Any>,
    ids: &[UpdateId],
) -> Result<Vec<ChoiceRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT c.update_id, c.option_id, c.person, c.chosen_at
         FROM update_choices c
         WHERE c.update_id IN ({})",
        id_list(ids)
    ))
    .fetch_all(db)
    .await
}

/// The option already chosen on an update, if any.
pub async fn chosen<'e>(
    db: impl Executor<'e, Database = Any>,
    id: UpdateId,
) -> Result<Option<super::OptionId>, sqlx::Error> {
    sqlx::query_scalar("SELECT option_id FROM update_choices WHERE update_id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Whether `option` is one of update `id`'s options.
pub async fn has_option<'e>(
    db: impl Executor<'e, Database = Any>,
    id: UpdateId,
    option: super::OptionId,
) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM update_options WHERE id = $1 AND update_id = $2")
            .bind(option)
            .bind(id)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

/// Records the client's choice; `false` when a choice was already made (the first stands).
pub async fn choose(
    tx: &mut Tx,
    id: UpdateId,
    option: super::OptionId,
    by: UserId,
    name: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO update_choices (update_id, option_id, user_id, person, chosen_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (update_id) DO NOTHING",
    )
    .bind(id)
    .bind(option)
    .bind(by)
    .bind(name)
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The decisions still open on the organization's published updates: project and the day to
/// choose by.
pub async fn open_decisions<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<(ProjectId, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.project_id, s.decide_by
         FROM status_updates s JOIN projects p ON p.id = s.project_id
         WHERE p.organization_id = $1 AND p.archived_at IS NULL
           AND s.published_at IS NOT NULL AND s.decision <> ''
           AND NOT EXISTS (SELECT 1 FROM update_choices c WHERE c.update_id = s.id)",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// The client's questions still open on the organization's projects (on updates, cards and
/// milestones): project and when asked.
pub async fn open_questions<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<(ProjectId, Timestamp)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.project_id, c.created_at
         FROM comments c
         JOIN projects p ON p.id = c.project_id
         WHERE p.organization_id = $1 AND p.archived_at IS NULL AND c.is_question = 1
           AND c.answered_at IS NULL AND c.deleted_at IS NULL",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}
