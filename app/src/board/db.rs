//! SQL for columns, cards and the board's history (server only). Every read that a client can
//! reach takes `staff`: when it is false, internal cards (and their history) are left out by the
//! query itself.

use super::{
    BoardEventId, CardId, CardSummary, ColumnId, DueDate, EventKind, HistoryEntry, Labels,
    Visibility,
};
use crate::accounts::{OrganizationId, UserId};
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

use crate::db::Tx;

/// A column as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ColumnRow {
    pub id: ColumnId,
    pub name: String,
    pub position: i64,
    #[sqlx(try_from = "i64")]
    pub is_done: crate::ids::Flag,
}

/// A card as the board reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardRow {
    pub id: CardId,
    pub column_id: ColumnId,
    pub title: String,
    pub assignee: Option<String>,
    pub due_on: Option<String>,
    pub labels: String,
    pub visibility: String,
    pub milestone_id: Option<crate::milestones::MilestoneId>,
    pub milestone: Option<String>,
}

impl CardRow {
    pub fn summary(self) -> CardSummary {
        CardSummary {
            id: self.id,
            column_id: self.column_id,
            title: self.title,
            assignee: self.assignee,
            due_on: stored_date(self.due_on),
            labels: stored_labels(&self.labels),
            visibility: Visibility::parse(&self.visibility).unwrap_or(Visibility::Internal),
            milestone: self.milestone_id.zip(self.milestone),
        }
    }
}

/// A card with everything its dialog shows.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct CardFull {
    pub id: CardId,
    pub project_id: ProjectId,
    pub column_id: ColumnId,
    pub column_name: String,
    pub rank: String,
    pub title: String,
    pub body: String,
    pub assignee_id: Option<UserId>,
    pub assignee: Option<String>,
    pub due_on: Option<String>,
    pub labels: String,
    pub visibility: String,
    pub version: i64,
    pub milestone_id: Option<crate::milestones::MilestoneId>,
    pub milestone: Option<String>,
}

impl CardFull {
    pub fn visibility(&self) -> Visibility {
        Visibility::parse(&self.visibility).unwrap_or(Visibility::Internal)
    }
    pub fn due_date(&self) -> Option<DueDate> {
        stored_date(self.due_on.clone())
    }
    pub fn label_list(&self) -> Vec<String> {
        stored_labels(&self.labels)
    }
}

fn stored_date(text: Option<String>) -> Option<DueDate> {
    text.and_then(|t| DueDate::parse(&t).ok().flatten())
}

fn stored_labels(text: &str) -> Vec<String> {
    Labels::parse(text)
        .map(|l| l.as_slice().to_vec())
        .unwrap_or_default()
}

const CARD_COLUMNS: &str = "c.id, c.column_id, c.title, u.name AS assignee, c.due_on, c.labels, \
                            c.visibility, c.milestone_id, m.title AS milestone";

/// The default columns of a new project's board, the last one marked done.
pub async fn create_default_columns(
    tx: &mut Tx,
    project: ProjectId,
    names: [&str; 4],
) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    for (position, name) in (1_i64..).zip(names) {
        sqlx::query(
            "INSERT INTO board_columns (project_id, name, position, is_done, created_at)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(project)
        .bind(name)
        .bind(position)
        .bind(i64::from(position == 4))
        .bind(now)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

pub async fn list_columns<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<ColumnRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, position, is_done FROM board_columns
         WHERE project_id = $1 ORDER BY position, id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

/// Every card of the board the viewer may see, by column and rank: one query whatever the count.
pub async fn list_cards<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    staff: bool,
) -> Result<Vec<CardRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {CARD_COLUMNS}
         FROM cards c LEFT JOIN users u ON u.id = c.assignee_id
         LEFT JOIN milestones m ON m.id = c.milestone_id
         WHERE c.project_id = $1 AND (c.visibility = 'client' OR $2 = 1)
         ORDER BY c.column_id, c.rank"
    ))
    .bind(project)
    .bind(i64::from(staff))
    .fetch_all(db)
    .await
}

/// The organization's staff, whom cards are assigned to.
pub async fn list_assignees<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<Vec<(UserId, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name FROM users WHERE organization_id = $1 AND role <> 'client'
         ORDER BY LOWER(name), id",
    )
    .bind(organization)
    .fetch_all(db)
    .await
}

/// Whether `user` is staff of `organization` (an assignee must be).
pub async fn is_staff_of<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
    user: UserId,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE id = $1 AND organization_id = $2 AND role <> 'client'",
    )
    .bind(user)
    .bind(organization)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// The newest history entry of the project's board (0 when it has none).
pub async fn last_event<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<BoardEventId, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(id), 0) FROM board_events WHERE project_id = $1")
        .bind(project)
        .fetch_one(db)
        .await
}

/// One card of the project, if the viewer may see it.
pub async fn find_card<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    card: CardId,
    staff: bool,
) -> Result<Option<CardFull>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, c.project_id, c.column_id, col.name AS column_name, c.rank, c.title, c.body,
                c.assignee_id, u.name AS assignee, c.due_on, c.labels, c.visibility, c.version,
                c.milestone_id, m.title AS milestone
         FROM cards c
         JOIN board_columns col ON col.id = c.column_id
         LEFT JOIN users u ON u.id = c.assignee_id
         LEFT JOIN milestones m ON m.id = c.milestone_id
         WHERE c.id = $1 AND c.project_id = $2 AND (c.visibility = 'client' OR $3 = 1)",
    )
    .bind(card)
    .bind(project)
    .bind(i64::from(staff))
    .fetch_optional(db)
    .await
}

/// What happened to a card, oldest first; for clients, only what happened while they could
/// see it.
pub async fn card_history<'e>(
    db: impl Executor<'e, Database = Any>,
    card: CardId,
    staff: bool,
) -> Result<Vec<HistoryEntry>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.kind, u.name AS actor, e.detail, e.created_at AS at
         FROM board_events e LEFT JOIN users u ON u.id = e.actor_id
         WHERE e.card_id = $1 AND (e.internal = 0 OR $2 = 1)
         ORDER BY e.id",
    )
    .bind(card)
    .bind(i64::from(staff))
    .fetch_all(db)
    .await
}

/// A column of the project (a column id of another project finds nothing).
pub async fn find_column<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    column: ColumnId,
) -> Result<Option<ColumnRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, name, position, is_done FROM board_columns WHERE id = $1 AND project_id = $2",
    )
    .bind(column)
    .bind(project)
    .fetch_optional(db)
    .await
}

/// The ranks around place `position` (0 = top) of a column, not counting `moving` (the card
/// being moved, if it is already there): (the rank before, the rank after).
pub async fn neighbours(
    tx: &mut Tx,
    column: ColumnId,
    moving: Option<CardId>,
    position: usize,
) -> Result<(Option<String>, Option<String>), sqlx::Error> {
    let offset = position.saturating_sub(1) as i64;
    let ranks: Vec<String> = sqlx::query_scalar(
        "SELECT rank FROM cards WHERE column_id = $1 AND id <> $2
         ORDER BY rank LIMIT 2 OFFSET $3",
    )
    .bind(column)
    .bind(moving.map_or(0, |c| c.0))
    .bind(offset)
    .fetch_all(&mut **tx)
    .await?;
    let mut ranks = ranks.into_iter();
    Ok(if position == 0 {
        (None, ranks.next())
    } else {
        (ranks.next(), ranks.next())
    })
}

/// A new card's fields, validated.
pub struct NewCard<'a> {
    pub project: ProjectId,
    pub column: ColumnId,
    pub rank: &'a str,
    pub title: &'a str,
    pub visibility: Visibility,
    pub created_by: UserId,
}

pub async fn insert_card(tx: &mut Tx, card: NewCard<'_>) -> Result<CardId, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query_scalar(
        "INSERT INTO cards (project_id, column_id, rank, title, visibility, created_by,
                            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(card.project)
    .bind(card.column)
    .bind(card.rank)
    .bind(card.title)
    .bind(card.visibility.as_str())
    .bind(card.created_by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// A card's editable fields, validated.
pub struct CardEdit<'a> {
    pub title: &'a str,
    pub body: &'a str,
    pub assignee: Option<UserId>,
    pub due_on: Option<String>,
    pub labels: String,
    pub visibility: Visibility,
    pub milestone: Option<crate::milestones::MilestoneId>,
}

/// Saves an edit made from `version`; `false` when the card has changed since (nothing saved).
pub async fn update_card(
    tx: &mut Tx,
    card: CardId,
    version: i64,
    edit: &CardEdit<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE cards SET title = $1, body = $2, assignee_id = $3, due_on = $4, labels = $5,
                          visibility = $6, version = version + 1, updated_at = $7,
                          milestone_id = $10
         WHERE id = $8 AND version = $9",
    )
    .bind(edit.title)
    .bind(edit.body)
    .bind(edit.assignee)
    .bind(edit.due_on.clone())
    .bind(edit.labels.clone())
    .bind(edit.visibility.as_str())
    .bind(Timestamp::now())
    .bind(card)
    .bind(version)
    .bind(edit.milestone)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn place_card(
    tx: &mut Tx,
    card: CardId,
    column: ColumnId,
    rank: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cards SET column_id = $1, rank = $2, updated_at = $3 WHERE id = $4")
        .bind(column)
        .bind(rank)
        .bind(Timestamp::now())
        .bind(card)
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Adds a line to the board's history (and the live stream's log); the change is announced when
/// its transaction commits (`api::commit`).
pub async fn record_event(
    tx: &mut Tx,
    project: ProjectId,
    card: Option<CardId>,
    actor: UserId,
    kind: EventKind,
    detail: &str,
    internal: bool,
) -> Result<BoardEventId, sqlx::Error> {
    let id = sqlx::query_scalar(
        "INSERT INTO board_events (project_id, card_id, actor_id, kind, detail, internal, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(project)
    .bind(card)
    .bind(actor)
    .bind(kind.as_str())
    .bind(detail)
    .bind(i64::from(internal))
    .bind(Timestamp::now())
    .fetch_one(&mut **tx)
    .await?;
    Ok(id)
}

/// A line of the board's history as the live stream sends it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct EventRow {
    pub id: BoardEventId,
    pub card_id: Option<CardId>,
    pub kind: String,
}

/// What happened on the board after `after` that the viewer may learn of, oldest first.
pub async fn events_since<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    after: BoardEventId,
    staff: bool,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, card_id, kind FROM board_events
         WHERE project_id = $1 AND id > $2 AND (internal = 0 OR $3 = 1)
         ORDER BY id LIMIT 500",
    )
    .bind(project)
    .bind(after)
    .bind(i64::from(staff))
    .fetch_all(db)
    .await
}

// ---- columns ----

pub async fn insert_column(
    tx: &mut Tx,
    project: ProjectId,
    name: &str,
) -> Result<ColumnId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO board_columns (project_id, name, position, is_done, created_at)
         SELECT $1, $2, COALESCE(MAX(position), 0) + 1, 0, $3 FROM board_columns
         WHERE project_id = $1
         RETURNING id",
    )
    .bind(project)
    .bind(name)
    .bind(Timestamp::now())
    .fetch_one(&mut **tx)
    .await
}

pub async fn rename_column(tx: &mut Tx, column: ColumnId, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE board_columns SET name = $1 WHERE id = $2")
        .bind(name)
        .bind(column)
        .execute(&mut **tx)
        .await
        .map(drop)
}

pub async fn set_position(tx: &mut Tx, column: ColumnId, position: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE board_columns SET position = $1 WHERE id = $2")
        .bind(position)
        .bind(column)
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Marks `column` as the project's done column (and no other).
pub async fn set_done_column(
    tx: &mut Tx,
    project: ProjectId,
    column: ColumnId,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE board_columns SET is_done = CASE WHEN id = $2 THEN 1 ELSE 0 END
         WHERE project_id = $1",
    )
    .bind(project)
    .bind(column)
    .execute(&mut **tx)
    .await
    .map(drop)
}

/// How many cards (internal ones too) sit in a column.
pub async fn count_cards(tx: &mut Tx, column: ColumnId) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM cards WHERE column_id = $1")
        .bind(column)
        .fetch_one(&mut **tx)
        .await
}

pub async fn delete_column(tx: &mut Tx, column: ColumnId) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM board_columns WHERE id = $1")
        .bind(column)
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Links a card of `project` to a milestone, or unlinks it (`None`).
pub async fn link_milestone(
    tx: &mut Tx,
    project: ProjectId,
    card: CardId,
    milestone: Option<crate::milestones::MilestoneId>,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE cards SET milestone_id = $1 WHERE id = $2 AND project_id = $3")
        .bind(milestone)
        .bind(card)
        .bind(project)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
