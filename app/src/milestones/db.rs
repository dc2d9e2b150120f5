//! SQL for milestones, their sign-offs and history (server only). Progress counts the cards
//! linked to a milestone in the board's done column, client-visible and internal apart.

use super::{Decision, MilestoneId, Progress, Status};
use crate::accounts::UserId;
use crate::calendar::DueDate;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use sqlx::{Any, Executor};

/// A milestone as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MilestoneRow {
    pub id: MilestoneId,
    pub project_id: ProjectId,
    pub title: String,
    pub description: String,
    pub due_on: Option<String>,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub round: i64,
    pub completed_at: Option<Timestamp>,
    pub version: i64,
}

impl MilestoneRow {
    pub fn due_date(&self) -> Option<DueDate> {
        self.due_on
            .as_deref()
            .and_then(|t| DueDate::parse(t).ok().flatten())
    }
}

const COLUMNS: &str =
    "id, project_id, title, description, due_on, status, round, completed_at, version";

/// A project's milestones in the order staff gave them.
pub async fn list<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM milestones WHERE project_id = $1 ORDER BY position, id"
    ))
    .bind(project)
    .fetch_all(db)
    .await
}

/// One milestone of `project`; `None` for a milestone of another project, as for a missing one.
pub async fn find<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
    id: MilestoneId,
) -> Result<Option<MilestoneRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM milestones WHERE id = $1 AND project_id = $2"
    ))
    .bind(id)
    .bind(project)
    .fetch_optional(db)
    .await
}

/// The fields staff write.
pub struct Fields<'a> {
    pub title: &'a str,
    pub description: &'a str,
    pub due_on: Option<String>,
}

pub async fn insert(
    tx: &mut Tx,
    project: ProjectId,
    fields: &Fields<'_>,
    by: UserId,
) -> Result<MilestoneId, sqlx::Error> {
    let now = Timestamp::now();
    sqlx::query_scalar(
        "INSERT INTO milestones (project_id, title, description, due_on, created_by, created_at,
                                 updated_at, position)
         VALUES ($1, $2, $3, $4, $5, $6, $6,
                 (SELECT COALESCE(MAX(position) + 1, 0) FROM milestones WHERE project_id = $1))
         RETURNING id",
    )
    .bind(project)
    .bind(fields.title)
    .bind(fields.description)
    .bind(fields.due_on.clone())
    .bind(by)
    .bind(now)
    .fetch_one(&mut **tx)
    .await
}

/// Writes the fields if the stored version is still `version`; answers whether it was.
pub async fn update(
    tx: &mut Tx,
    id: MilestoneId,
    version: i64,
    fields: &Fields<'_>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE milestones SET title = $1, description = $2, due_on = $3,
                version = version + 1, updated_at = $4
         WHERE id = $5 AND version = $6",
    )
    .bind(fields.title)
    .bind(fields.description)
    .bind(fields.due_on.clone())
    .bind(Timestamp::now())
    .bind(id)
    .bind(version)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Moves a milestone to `status`. Completing it starts a new round of sign-off.
pub async fn set_status(tx: &mut Tx, id: MilestoneId, status: Status) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    let completing = status == Status::Completed;
    sqlx::query(
        "UPDATE milestones SET status = $1, version = version + 1, updated_at = $2,
                round = round + $3,
                completed_at = CASE WHEN $3 = 1 THEN $2 ELSE completed_at END
         WHERE id = $4",
    )
    .bind(status.as_str())
    .bind(now)
    .bind(i64::from(completing))
    .bind(id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Gives milestones their places in the list: `order[i]` goes to position `i`.
pub async fn reorder(tx: &mut Tx, order: &[MilestoneId]) -> Result<(), sqlx::Error> {
    for (position, id) in order.iter().enumerate() {
        sqlx::query("UPDATE milestones SET position = $1 WHERE id = $2")
            .bind(position as i64)
            .bind(*id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Deletes a milestone (its sign-offs and history go with it); its cards move to `cards_to`,
/// or stay on the board without a milestone. Answers how many cards it had.
pub async fn delete(
    tx: &mut Tx,
    id: MilestoneId,
    cards_to: Option<MilestoneId>,
) -> Result<u64, sqlx::Error> {
    let moved = sqlx::query(
        "UPDATE cards SET milestone_id = $1, version = version + 1 WHERE milestone_id = $2",
    )
    .bind(cards_to)
    .bind(id)
    .execute(&mut **tx)
    .await?
    .rows_affected();
    sqlx::query("DELETE FROM milestones WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(moved)
}

/// Records a client's decision for this round; `false` when they had already decided (a
/// repeated or concurrent request counts once).
pub async fn insert_sign_off(
    tx: &mut Tx,
    id: MilestoneId,
    round: i64,
    by: UserId,
    name: &str,
    decision: Decision,
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO milestone_sign_offs (milestone_id, round, user_id, person, decision, comment,
                                          decided_at)
         VALUES ($1, $2, $3, $7, $4, $5, $6)
         ON CONFLICT (milestone_id, round, user_id) DO NOTHING",
    )
    .bind(id)
    .bind(round)
    .bind(by)
    .bind(decision.as_str())
    .bind(comment)
    .bind(Timestamp::now())
    .bind(name)
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(sqlx::FromRow)]
pub struct SignOffRow {
    pub milestone_id: MilestoneId,
    /// `None` once the person has been removed.
    pub user_id: Option<UserId>,
    pub person: String,
    #[sqlx(try_from = "String")]
    pub decision: Decision,
    pub comment: String,
    pub decided_at: Timestamp,
}

/// The decisions of each milestone's current round, oldest first, with who made them.
pub async fn current_sign_offs<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<SignOffRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.milestone_id, s.user_id, s.person, s.decision, s.comment, s.decided_at
         FROM milestone_sign_offs s
         JOIN milestones m ON m.id = s.milestone_id AND m.round = s.round
         WHERE m.project_id = $1
         ORDER BY s.decided_at, s.id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

pub async fn record_event(
    tx: &mut Tx,
    id: MilestoneId,
    actor: UserId,
    status: Option<Status>,
    decision: Option<Decision>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO milestone_events (milestone_id, actor_id, status, decision, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(id)
    .bind(actor)
    .bind(status.map(Status::as_str))
    .bind(decision.map(Decision::as_str))
    .bind(Timestamp::now())
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[derive(sqlx::FromRow)]
pub struct EventRow {
    pub milestone_id: MilestoneId,
    pub actor: Option<String>,
    pub status: Option<String>,
    pub decision: Option<String>,
    pub created_at: Timestamp,
}

/// Every milestone's history of a project, oldest first.
pub async fn history<'e>(
    db: impl Executor<'e, Database = Any>,
    project: ProjectId,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT e.milestone_id, u.name AS actor, e.status, e.decision, e.created_at
         FROM milestone_events e
         JOIN milestones m ON m.id = e.milestone_id
         LEFT JOIN users u ON u.id = e.actor_id
         WHERE m.project_id = $1
         ORDER BY e.id",
    )
    .bind(project)
    .fetch_all(db)
    .await
}

/// The titles of `project`'s milestones that client `user` has not yet been shown as reached:
/// completed (or approved) since their first visit to the project, in the current round of
/// completion. Each is marked shown as it is returned, by an insert that only one request can
/// make: two pages loading at the same instant show it once between them.
pub async fn take_moments(
    pool: &crate::db::Pool,
    project: ProjectId,
    user: UserId,
) -> Result<Vec<String>, sqlx::Error> {
    let candidates: Vec<(MilestoneId, i64, String)> = sqlx::query_as(
        "SELECT m.id, m.round, m.title
         FROM milestones m
         JOIN project_visits v ON v.project_id = m.project_id AND v.user_id = $2
         WHERE m.project_id = $1 AND m.status IN ('completed', 'approved')
           AND m.completed_at > v.first_at
           AND NOT EXISTS (SELECT 1 FROM milestone_moments mm
                           WHERE mm.milestone_id = m.id AND mm.user_id = $2
                             AND mm.round = m.round)
         ORDER BY m.completed_at, m.id",
    )
    .bind(project)
    .bind(user)
    .fetch_all(pool)
    .await?;
    let mut shown = Vec::new();
    for (milestone, round, title) in candidates {
        let inserted = sqlx::query(
            "INSERT INTO milestone_moments (milestone_id, user_id, round, shown_at)
             VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
        )
        .bind(milestone)
        .bind(user)
        .bind(round)
        .bind(Timestamp::now())
        .execute(pool)
        .await?;
        if inserted.rows_affected() == 1 {
            shown.push(title);
        }
    }
    Ok(shown)
}

/// Whose milestones a read covers: one project's, or every project of an organization's (the
/// project lists).
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    Project(ProjectId),
    Organization(crate::accounts::OrganizationId),
}

impl Scope {
    /// The condition on `alias.project_id`, with the id as `$1`.
    fn condition(self, alias: &str) -> String {
        match self {
            Scope::Project(_) => format!("{alias}.project_id = $1"),
            Scope::Organization(_) => format!(
                "{alias}.project_id IN (SELECT id FROM projects WHERE organization_id = $1)"
            ),
        }
    }

    fn id(self) -> i64 {
        match self {
            Scope::Project(p) => p.0,
            Scope::Organization(o) => o.0,
        }
    }
}

/// The milestones not yet finished (planned or in progress) in `scope`: the ones that can be
/// late or at risk.
pub async fn unfinished<'e>(
    db: impl Executor<'e, Database = Any>,
    scope: Scope,
) -> Result<Vec<MilestoneRow>, sqlx::Error> {
    // An archived project's milestones stay as they were: nobody can act on them any more.
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM milestones m WHERE {} AND status IN ('planned', 'in_progress')
           AND m.project_id IN (SELECT id FROM projects WHERE archived_at IS NULL)",
        scope.condition("m")
    ))
    .bind(scope.id())
    .fetch_all(db)
    .await
}

#[derive(sqlx::FromRow)]
struct ProgressRow {
    milestone_id: MilestoneId,
    internal: i64,
    done: i64,
    cards: i64,
}

/// Each milestone's linked cards in `scope`, done and in all, client-visible and internal apart.
pub async fn progress<'e>(
    db: impl Executor<'e, Database = Any>,
    scope: Scope,
) -> Result<Vec<(MilestoneId, Progress)>, sqlx::Error> {
    let rows: Vec<ProgressRow> = sqlx::query_as(&format!(
        "SELECT c.milestone_id,
                CAST(CASE WHEN c.visibility = 'internal' THEN 1 ELSE 0 END AS BIGINT) AS internal,
                CAST(SUM(CASE WHEN col.is_done = 1 THEN 1 ELSE 0 END) AS BIGINT) AS done,
                COUNT(*) AS cards
         FROM cards c
         JOIN board_columns col ON col.id = c.column_id
         WHERE {} AND c.milestone_id IS NOT NULL
         GROUP BY c.milestone_id, CASE WHEN c.visibility = 'internal' THEN 1 ELSE 0 END",
        scope.condition("c")
    ))
    .bind(scope.id())
    .fetch_all(db)
    .await?;
    let mut out: Vec<(MilestoneId, Progress)> = Vec::new();
    for row in rows {
        let index = match out.iter().position(|(id, _)| *id == row.milestone_id) {
            Some(index) => index,
            None => {
                out.push((row.milestone_id, Progress::default()));
                out.len() - 1
            }
        };
        let progress = &mut out[index].1;
        let (done, total) = (
            u32::try_from(row.done).unwrap_or(0),
            u32::try_from(row.cards).unwrap_or(0),
        );
        if row.internal == 1 {
            progress.internal_done = done;
            progress.internal_total = total;
        } else {
            progress.done = done;
            progress.total = total;
        }
    }
    Ok(out)
}
