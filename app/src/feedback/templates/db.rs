//! SQL for the organization's feedback templates (server only). Every query names the
//! organization: another organization's template answers like a missing one.

use super::{OwnTemplate, TemplateChoice};
use crate::accounts::{OrganizationId, UserId};
use crate::db::Tx;
use crate::feedback::Question;
use crate::i18n::Locale;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    language: String,
    questions: String,
    version: i64,
}

impl Row {
    fn template(self) -> OwnTemplate {
        OwnTemplate {
            id: self.id,
            title: self.title,
            language: Locale::from_tag(&self.language).unwrap_or_default(),
            questions: serde_json::from_str(&self.questions).unwrap_or_default(),
            version: self.version,
        }
    }
}

/// The organization's templates, oldest first.
pub async fn list<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<Vec<TemplateChoice>, sqlx::Error> {
    let rows: Vec<(i64, String, String)> = sqlx::query_as(
        "SELECT id, title, language FROM feedback_templates WHERE organization_id = $1
         ORDER BY id",
    )
    .bind(organization)
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|(id, title, language)| TemplateChoice {
            id,
            title,
            language: Locale::from_tag(&language).unwrap_or_default(),
        })
        .collect())
}

/// Template `id` of the organization.
pub async fn find<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    id: i64,
) -> Result<Option<OwnTemplate>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT id, title, language, questions, version FROM feedback_templates
         WHERE id = $1 AND organization_id = $2",
    )
    .bind(id)
    .bind(organization)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Row::template))
}

/// Template `id`, if it belongs to the organization of `project` (to send it there).
pub async fn find_for_project<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    id: i64,
) -> Result<Option<OwnTemplate>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(
        "SELECT t.id, t.title, t.language, t.questions, t.version FROM feedback_templates t
         JOIN projects p ON p.organization_id = t.organization_id
         WHERE t.id = $1 AND p.id = $2",
    )
    .bind(id)
    .bind(project)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Row::template))
}

/// A new template of the organization; answers its id.
pub async fn insert(
    tx: &mut Tx,
    organization: OrganizationId,
    title: &str,
    language: Locale,
    questions: &[Question],
    by: UserId,
) -> Result<i64, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query_scalar(
        "INSERT INTO feedback_templates (organization_id, title, language, questions, created_by,
                                         created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id",
    )
    .bind(organization)
    .bind(title)
    .bind(language.code())
    .bind(serde_json::to_string(questions).unwrap_or_else(|_| "[]".into()))
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Saves template `id` if it is still at `version` (one statement: of two saves from the same
/// page, one wins and the other changes nothing). Answers whether it saved.
pub async fn update(
    tx: &mut Tx,
    organization: OrganizationId,
    id: i64,
    version: i64,
    title: &str,
    questions: &[Question],
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE feedback_templates
         SET title = $1, questions = $2, version = version + 1, updated_at = $3
         WHERE id = $4 AND organization_id = $5 AND version = $6",
    )
    .bind(title)
    .bind(serde_json::to_string(questions).unwrap_or_else(|_| "[]".into()))
    .bind(Timestamp::now())
    .bind(id)
    .bind(organization)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Deletes template `id` of the organization. Answers whether there was one.
pub async fn delete(
    tx: &mut Tx,
    organization: OrganizationId,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM feedback_templates WHERE id = $1 AND organization_id = $2")
        .bind(id)
        .bind(organization)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// The name of an open project of the organization that sends the template of `key` by
/// itself. (A closed project cannot change its choice; if reopened and closed again without
/// the template, it sends nothing.)
pub async fn used_by<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    key: &str,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT name FROM projects
         WHERE organization_id = $1 AND archived_at IS NULL
           AND (feedback_on_approval = $2 OR feedback_on_close = $2)
         ORDER BY id LIMIT 1",
    )
    .bind(organization)
    .bind(key)
    .fetch_optional(db)
    .await
}
