//! SQL for comments and mentions (server only).

use super::{CommentId, Subject};
use crate::accounts::UserId;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CommentRow {
    pub id: CommentId,
    pub project_id: ProjectId,
    pub update_id: Option<i64>,
    pub card_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub author_id: Option<UserId>,
    pub author: String,
    pub by_staff: i64,
    pub body: String,
    pub is_question: i64,
    pub answered_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub edited_at: Option<Timestamp>,
    pub deleted_at: Option<Timestamp>,
    pub internal: i64,
}

impl CommentRow {
    pub fn subject(&self) -> Subject {
        Subject::of_columns(self.update_id, self.card_id, self.milestone_id)
    }
}

const COLUMNS: &str = "c.id, c.project_id, c.update_id, c.card_id, c.milestone_id, c.author_id,
    c.author, c.by_staff, c.body, c.is_question, c.answered_at, c.created_at, c.edited_at,
    c.deleted_at, c.internal";

/// The comments on some subjects of one kind (`field`: "update", "card" or "milestone") of
/// `project`, oldest first: one read for a whole page of them. Without `staff`, none written
/// while their card was internal.
pub async fn on_subjects<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    field: &'static str,
    ids: &[i64],
    staff: bool,
) -> Result<Vec<CommentRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let list = crate::db::id_list(ids.iter().copied());
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM comments c
         WHERE c.project_id = $1 AND c.{field}_id IN ({list}) AND (c.internal = 0 OR $2 = 1)
         ORDER BY c.id"
    ))
    .bind(project)
    .bind(i64::from(staff))
    .fetch_all(db)
    .await
}

/// How many comments (not deleted) each milestone of `project` has.
pub async fn milestone_counts<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<(i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT milestone_id, COUNT(*) FROM comments
         WHERE project_id = $1 AND milestone_id IS NOT NULL AND deleted_at IS NULL
         GROUP BY milestone_id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

/// One comment of `project` (`None` for another project's).
pub async fn find<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    id: CommentId,
) -> Result<Option<CommentRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM comments c WHERE c.id = $1 AND c.project_id = $2"
    ))
    .bind(id)
    .bind(project)
    .fetch_optional(db)
    .await
}

pub async fn insert(
    tx: &mut Tx,
    project: ProjectId,
    subject: Subject,
    actor: &crate::accounts::Actor,
    body: &str,
    is_question: bool,
    internal: bool,
) -> Result<CommentId, sqlx::Error> {
    let field = subject.field();
    sqlx::query_scalar(&format!(
        "INSERT INTO comments (project_id, {field}_id, author_id, author, by_staff, body,
                               is_question, created_at, internal)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id"
    ))
    .bind(project)
    .bind(subject.id())
    .bind(actor.id)
    .bind(actor.name.as_str())
    .bind(i64::from(actor.role.is_staff()))
    .bind(body)
    .bind(i64::from(is_question))
    .bind(Timestamp::now())
    .bind(i64::from(internal))
    .fetch_one(&mut **tx)
    .await
}

pub async fn edit(tx: &mut Tx, id: CommentId, body: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE comments SET body = $1, edited_at = $2 WHERE id = $3")
        .bind(body)
        .bind(Timestamp::now())
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Marks a comment deleted and forgets its text (and whom it mentioned); `false` when it
/// already was.
pub async fn delete(tx: &mut Tx, id: CommentId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE comments SET body = '', deleted_at = $1 WHERE id = $2 AND deleted_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(id)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM mentions WHERE comment_id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Makes a client's comment a question (staff decide it asks something); `false` when it
/// already was one, or is deleted.
pub async fn make_question(tx: &mut Tx, id: CommentId) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE comments SET is_question = 1
         WHERE id = $1 AND is_question = 0 AND by_staff = 0 AND deleted_at IS NULL",
    )
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Answers the open questions on `subject` asked up to comment id `through` (the newest one the
/// answering person had on their screen), or only question `only`; how many it answered.
pub async fn answer_questions(
    tx: &mut Tx,
    project: ProjectId,
    subject: Subject,
    through: i64,
    only: Option<CommentId>,
) -> Result<Vec<(Option<UserId>, String)>, sqlx::Error> {
    let field = subject.field();
    // Read, then written by id: the caller holds the project's lock, so nothing changes between.
    let open: Vec<(CommentId, Option<UserId>, String)> = sqlx::query_as(&format!(
        "SELECT id, author_id, body FROM comments
         WHERE project_id = $1 AND {field}_id = $2 AND is_question = 1 AND answered_at IS NULL
           AND deleted_at IS NULL AND id <= $3 AND ($4 = 0 OR id = $4)
         ORDER BY id"
    ))
    .bind(project)
    .bind(subject.id())
    .bind(through)
    .bind(only.map_or(0, |c| c.0))
    .fetch_all(&mut **tx)
    .await?;
    if open.is_empty() {
        return Ok(Vec::new());
    }
    sqlx::query(&format!(
        "UPDATE comments SET answered_at = $1 WHERE id IN ({})",
        crate::db::id_list(open.iter().map(|(id, _, _)| id.0))
    ))
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(open
        .into_iter()
        .map(|(_, author, body)| (author, body))
        .collect())
}

#[derive(sqlx::FromRow)]
pub struct OpenQuestionRow {
    pub id: CommentId,
    pub project_id: ProjectId,
    pub project_name: String,
    pub update_id: Option<i64>,
    pub card_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub author: String,
    pub body: String,
    pub created_at: Timestamp,
    pub response_hours: i64,
}

/// The client questions still open on the organization's projects (not archived), oldest
/// first. Those on an internal card cannot exist: a client never sees one.
pub async fn open_questions<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: crate::accounts::OrganizationId,
) -> Result<Vec<OpenQuestionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.project_id, p.name AS project_name, c.update_id, c.card_id,
                c.milestone_id, c.author, c.body, c.created_at, p.response_hours
         FROM comments c JOIN projects p ON p.id = c.project_id
         WHERE p.organization_id = $1 AND p.archived_at IS NULL AND c.is_question = 1
           AND c.answered_at IS NULL AND c.deleted_at IS NULL
         ORDER BY c.created_at, c.id",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// Who may be mentioned on `project`: the organization's staff, and its client members unless
/// `with_clients` is false (an internal card).
pub async fn mentionable<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    with_clients: bool,
) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.name FROM users u
         WHERE u.organization_id = (SELECT organization_id FROM projects WHERE id = $1)
           AND (u.role <> 'client'
                OR ($2 = 1 AND EXISTS (SELECT 1 FROM project_members m
                                       WHERE m.project_id = $1 AND m.user_id = u.id)))",
    )
    .bind(project)
    .bind(i64::from(with_clients))
    .fetch_all(db)
    .await
}

/// Records that comment `id` mentions `users` (again: nothing new), and no one else (an edit
/// that drops a name withdraws that mention). Answers those newly mentioned.
pub async fn mention(
    tx: &mut Tx,
    id: CommentId,
    users: &[UserId],
) -> Result<Vec<UserId>, sqlx::Error> {
    // (Not `NOT IN (NULL)`: that is never true, and would keep everyone.)
    let others = if users.is_empty() {
        String::new()
    } else {
        let keep = crate::db::id_list(users.iter().map(|u| u.0));
        format!("AND user_id NOT IN ({keep})")
    };
    sqlx::query(&format!(
        "DELETE FROM mentions WHERE comment_id = $1 {others}"
    ))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    insert_new(tx, "mentions", id, users).await
}

/// Adds (`id`, user) rows to `table` for each of `users` not there yet; answers those added.
async fn insert_new(
    tx: &mut Tx,
    table: &'static str,
    id: CommentId,
    users: &[UserId],
) -> Result<Vec<UserId>, sqlx::Error> {
    let mut added = Vec::new();
    for user in users {
        let inserted = sqlx::query(&format!(
            "INSERT INTO {table} (comment_id, user_id) VALUES ($1, $2)
             ON CONFLICT (comment_id, user_id) DO NOTHING"
        ))
        .bind(id)
        .bind(*user)
        .execute(&mut **tx)
        .await?
        .rows_affected();
        if inserted > 0 {
            added.push(*user);
        }
    }
    Ok(added)
}

/// Of `users` named by comment `id`, those never emailed about it before (recorded now).
pub async fn first_mention_mails(
    tx: &mut Tx,
    id: CommentId,
    users: &[UserId],
) -> Result<Vec<UserId>, sqlx::Error> {
    insert_new(tx, "mention_mails", id, users).await
}

#[derive(sqlx::FromRow)]
pub struct MentionRow {
    pub comment_id: CommentId,
    pub project_id: ProjectId,
    pub project_name: String,
    pub update_id: Option<i64>,
    pub card_id: Option<i64>,
    pub milestone_id: Option<i64>,
    pub author: String,
    pub body: String,
    pub created_at: Timestamp,
}

/// The comments that mention `user` and that they have not marked read, newest first, on
/// projects they may still see: a client only on projects they are a member of, and never on
/// an internal card (they could not have been mentioned there; a card made internal since
/// hides it).
pub async fn unread_mentions<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
    staff: bool,
) -> Result<Vec<MentionRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id AS comment_id, c.project_id, p.name AS project_name, c.update_id, c.card_id,
                c.milestone_id, c.author, c.body, c.created_at
         FROM mentions m
         JOIN comments c ON c.id = m.comment_id
         JOIN projects p ON p.id = c.project_id
         JOIN users u ON u.id = m.user_id AND u.organization_id = p.organization_id
         LEFT JOIN cards k ON k.id = c.card_id
         WHERE m.user_id = $1 AND m.read_at IS NULL AND c.deleted_at IS NULL
           AND ($2 = 1 OR c.internal = 0)
           AND ($2 = 1 OR (EXISTS (SELECT 1 FROM project_members pm
                                   WHERE pm.project_id = c.project_id AND pm.user_id = $1)
                           AND (k.id IS NULL OR k.visibility = 'client')))
         ORDER BY c.id DESC LIMIT 50",
    )
    .bind(user)
    .bind(i64::from(staff))
    .fetch_all(db)
    .await
}

/// Marks a mention of `user` read; `false` when there was none unread.
pub async fn read_mention(
    tx: &mut Tx,
    comment: CommentId,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE mentions SET read_at = $1 WHERE comment_id = $2 AND user_id = $3 AND read_at IS NULL",
    )
    .bind(Timestamp::now())
    .bind(comment)
    .bind(user)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The charter's promise: an answer within this many hours.
pub async fn response_hours<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT response_hours FROM projects WHERE id = $1")
        .bind(project)
        .fetch_one(db)
        .await
}
