//! The board's rules, as plain functions (server only): what each server function of
//! `board::api` does once it knows who asks and that they may. Every write is one transaction
//! with its history line, begun by [`begin_board_write`] and ended by [`commit`].
// `update_card` takes one argument per field, as its form posts them.
#![allow(clippy::too_many_arguments)]

use super::{Board, CardDetail, CardId, ColumnChange, ColumnId};
use crate::error::AppError;
use crate::patch::Patch;
use crate::projects::ProjectId;

/// The board of a project: its columns with the cards the viewer may see, in order; with a
/// `milestone` of the project, only the cards linked to it (another project's milestone answers
/// like a missing one).
pub async fn get_board(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    milestone: Option<crate::milestones::MilestoneId>,
) -> Result<Board, AppError> {
    let mut board = load_board(pool, record, actor.role.is_staff()).await?;
    if !actor.role.is_staff() {
        board.reached = crate::milestones::db::take_moments(pool, record.id, actor.id).await?;
    }
    let scope = crate::milestones::db::Scope::Project(record.id);
    board.milestone_risks = crate::milestones::alerts::risks(pool, actor, scope)
        .await?
        .into_iter()
        .map(|(_, milestone, risk)| (milestone, risk))
        .collect();
    match milestone {
        None => Ok(board),
        Some(id) => {
            let found = crate::milestones::db::find(pool, record.id, id)
                .await?
                .ok_or(AppError::NotFound)?;
            Ok(board.only(id, found.title))
        }
    }
}

/// One card with its rendered body and history. An internal card answers a client exactly like
/// a card that does not exist.
pub async fn get_card(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    record: &crate::projects::ProjectRecord,
    project: ProjectId,
    card: CardId,
) -> Result<CardDetail, AppError> {
    let staff = actor.role.is_staff();
    let (columns, assignees, milestones) = if staff {
        let columns = super::db::list_columns(pool, project).await?;
        (
            columns.into_iter().map(|c| (c.id, c.name)).collect(),
            super::db::list_assignees(pool, record.organization_id).await?,
            crate::milestones::db::list(pool, project)
                .await?
                .into_iter()
                .map(|m| (m.id, m.title))
                .collect(),
        )
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    };
    let found = super::db::find_card(pool, project, card, staff)
        .await?
        .ok_or(AppError::NotFound)?;
    let history = super::db::card_history(pool, card, staff).await?;
    Ok(CardDetail {
        id: found.id,
        column_id: found.column_id,
        column_name: found.column_name.clone(),
        title: found.title.clone(),
        body_html: crate::markdown::to_safe_html(&found.body),
        body: if staff {
            found.body.clone()
        } else {
            String::new()
        },
        assignee_id: found.assignee_id,
        assignee: found.assignee.clone(),
        due_on: found.due_date(),
        labels: found.label_list(),
        visibility: found.visibility(),
        milestone: found.milestone_id.zip(found.milestone.clone()),
        version: found.version,
        history,
        may_edit: staff && record.archived_at.is_none(),
        columns,
        assignees,
        milestones,
        // Added by the server function (the comments feature builds on the board's reads).
        thread: None,
    })
}

/// Adds a card at the bottom of a column.
pub async fn create_card(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    column: ColumnId,
    title: String,
    visibility: String,
) -> Result<CardId, AppError> {
    use super::{db, rank, EventKind, Visibility};

    let title = crate::text::CardTitle::parse(&title)?;
    let visibility = Visibility::parse(&visibility)?;
    let mut tx = begin_board_write(pool, project).await?;
    db::find_column(&mut *tx, project, column)
        .await?
        .ok_or_else(|| AppError::invalid("column", crate::error::Problem::WrongColumn))?;
    let (before, after) = place(&mut tx, column, None, None).await?;
    let rank = rank::between(before.as_deref(), after.as_deref());
    let card = db::insert_card(
        &mut tx,
        db::NewCard {
            project,
            column,
            rank: &rank,
            title: title.as_str(),
            visibility,
            created_by: actor.id,
        },
    )
    .await?;
    let internal = visibility == Visibility::Internal;
    db::record_event(
        &mut tx,
        project,
        Some(card),
        actor.id,
        EventKind::Created,
        "",
        internal,
    )
    .await?;
    commit(tx, pool, project).await?;
    Ok(card)
}

/// Saves a card's fields. `version` is the one the editor started from: when someone saved in
/// between, nothing is written and the answer is `Conflict` (the dialog then shows their
/// version). A field left out of the request keeps its stored value; a field sent is validated
/// (an empty one clears it).
pub async fn update_card(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    card: CardId,
    version: i64,
    title: Patch,
    body: Patch,
    assignee: Patch,
    due_on: Patch,
    labels: Patch,
    visibility: Patch,
    milestone: Patch,
) -> Result<i64, AppError> {
    use super::{db, CardBody, DueDate, EventKind, Labels, Visibility};
    use crate::error::Problem;

    let stored = db::find_card(pool, project, card, true)
        .await?
        .ok_or(AppError::NotFound)?;
    let stored_assignee = stored
        .assignee_id
        .map(|a| a.0.to_string())
        .unwrap_or_default();
    let title = crate::text::CardTitle::parse(title.or(&stored.title))?;
    let body = CardBody::parse(body.or(&stored.body))?;
    let due_on = DueDate::parse(due_on.or(stored.due_on.as_deref().unwrap_or("")))?;
    let labels = Labels::parse(labels.or(&stored.labels))?;
    // A card's audience is always said outright: an empty value never means "client".
    if visibility == Patch::Set(String::new()) {
        return Err(AppError::invalid("visibility", Problem::Malformed));
    }
    let visibility = Visibility::parse(visibility.or(&stored.visibility))?;
    let assignee = match assignee.or(&stored_assignee).trim() {
        "" => None,
        id => {
            Some(crate::accounts::UserId(id.parse().map_err(|_| {
                AppError::invalid("assignee", Problem::Malformed)
            })?))
        }
    };
    if let Some(person) = assignee {
        if !db::is_staff_of(pool, actor.organization_id, person).await? {
            return Err(AppError::invalid("assignee", Problem::Malformed));
        }
    }
    let stored_milestone = stored
        .milestone_id
        .map(|m| m.0.to_string())
        .unwrap_or_default();
    let milestone = match milestone.or(&stored_milestone).trim() {
        "" => None,
        id => Some(crate::milestones::MilestoneId(
            id.parse()
                .map_err(|_| AppError::invalid("milestone", Problem::Malformed))?,
        )),
    };
    let mut tx = begin_board_write(pool, project).await?;
    let before = db::find_card(&mut *tx, project, card, true)
        .await?
        .ok_or(AppError::NotFound)?;
    // Changed since the editor opened (its milestone deleted, say): the editor is out of date,
    // whatever else is wrong with what it sent.
    if before.version != version {
        return Err(AppError::Conflict);
    }
    // Checked under the project's lock: a milestone deleted at the same instant cannot be
    // linked after its deletion.
    if let Some(id) = milestone {
        if crate::milestones::db::find(&mut *tx, project, id)
            .await?
            .is_none()
        {
            return Err(AppError::invalid("milestone", Problem::Malformed));
        }
    }
    let edit = db::CardEdit {
        title: title.as_str(),
        body: body.as_str(),
        assignee,
        due_on: due_on.map(DueDate::iso),
        labels: labels.joined(),
        visibility,
        milestone,
    };
    if !db::update_card(&mut tx, card, version, &edit).await? {
        return Err(AppError::Conflict);
    }
    let changed: Vec<&str> = [
        ("title", before.title != edit.title),
        ("body", before.body != edit.body),
        ("assignee", before.assignee_id != edit.assignee),
        ("due_on", before.due_on != edit.due_on),
        ("labels", before.labels != edit.labels),
        ("visibility", before.visibility() != edit.visibility),
        ("milestone", before.milestone_id != edit.milestone),
    ]
    .into_iter()
    .filter_map(|(field, changed)| changed.then_some(field))
    .collect();
    // Clients learn of a change to a card they could see before or can see now (a card
    // made internal must leave their board).
    let internal =
        before.visibility() == Visibility::Internal && visibility == Visibility::Internal;
    // Saving without a change leaves no line in the history.
    if !changed.is_empty() {
        db::record_event(
            &mut tx,
            project,
            Some(card),
            actor.id,
            EventKind::Edited,
            &changed.join(","),
            internal,
        )
        .await?;
    }
    commit(tx, pool, project).await?;
    Ok(version + 1)
}

/// Moves a card to place `position` (0 = top) of `column`, a column of the same project.
pub async fn move_card(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    card: CardId,
    column: ColumnId,
    position: usize,
) -> Result<(), AppError> {
    use super::{db, rank, EventKind, Visibility};

    let mut tx = begin_board_write(pool, project).await?;
    let found = db::find_card(&mut *tx, project, card, true)
        .await?
        .ok_or(AppError::NotFound)?;
    let target = db::find_column(&mut *tx, project, column)
        .await?
        .ok_or_else(|| AppError::invalid("column", crate::error::Problem::WrongColumn))?;
    let (before, after) = place(&mut tx, column, Some(&found), Some(position)).await?;
    // Already there: nothing to write, nothing to tell.
    let stays = found.column_id == column
        && before.as_deref().is_none_or(|b| b < found.rank.as_str())
        && after.as_deref().is_none_or(|a| found.rank.as_str() < a);
    if stays {
        return Ok(());
    }
    let rank = rank::between(before.as_deref(), after.as_deref());
    db::place_card(&mut tx, card, column, &rank).await?;
    let detail = format!("{} → {}", found.column_name, target.name);
    let internal = found.visibility() == Visibility::Internal;
    db::record_event(
        &mut tx,
        project,
        Some(card),
        actor.id,
        EventKind::Moved,
        &detail,
        internal,
    )
    .await?;
    commit(tx, pool, project).await?;
    Ok(())
}

/// Adds a column at the right end of the board.
pub async fn add_column(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    column_name: String,
) -> Result<ColumnId, AppError> {
    let name = crate::text::ColumnName::parse(&column_name)?;
    let mut tx = begin_board_write(pool, project).await?;
    let column = super::db::insert_column(&mut tx, project, name.as_str()).await?;
    project_changed(&mut tx, project, actor.id, super::EventKind::Columns, false).await?;
    commit(tx, pool, project).await?;
    Ok(column)
}

pub async fn rename_column(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    column: ColumnId,
    column_name: String,
) -> Result<(), AppError> {
    let name = crate::text::ColumnName::parse(&column_name)?;
    let mut tx = begin_board_write(pool, project).await?;
    super::db::find_column(&mut *tx, project, column)
        .await?
        .ok_or(AppError::NotFound)?;
    super::db::rename_column(&mut tx, column, name.as_str()).await?;
    project_changed(&mut tx, project, actor.id, super::EventKind::Columns, false).await?;
    commit(tx, pool, project).await?;
    Ok(())
}

/// Moves a column one place, marks it as the done column, or deletes it when it is empty.
pub async fn change_column(
    pool: &crate::db::Pool,
    actor: &crate::accounts::Actor,
    project: ProjectId,
    column: ColumnId,
    change: ColumnChange,
) -> Result<(), AppError> {
    use super::db;
    use crate::error::Problem;

    let mut tx = begin_board_write(pool, project).await?;
    let columns = db::list_columns(&mut *tx, project).await?;
    let index = columns
        .iter()
        .position(|c| c.id == column)
        .ok_or(AppError::NotFound)?;
    match change {
        ColumnChange::Left | ColumnChange::Right => {
            let other = if change == ColumnChange::Left {
                index.checked_sub(1)
            } else {
                Some(index + 1).filter(|i| *i < columns.len())
            };
            let Some(other) = other else {
                return Ok(());
            };
            // Renumber in the current order with the two swapped: positions stay
            // distinct even if older rows shared one.
            let mut order: Vec<ColumnId> = columns.iter().map(|c| c.id).collect();
            order.swap(index, other);
            for (position, id) in (1_i64..).zip(order) {
                db::set_position(&mut tx, id, position).await?;
            }
        }
        ColumnChange::Done => db::set_done_column(&mut tx, project, column).await?,
        ColumnChange::Delete => {
            if db::count_cards(&mut tx, column).await? > 0 {
                return Err(AppError::invalid("column", Problem::ColumnNotEmpty));
            }
            if columns.len() == 1 {
                return Err(AppError::invalid("column", Problem::LastColumn));
            }
            db::delete_column(&mut tx, column).await?;
        }
    }
    project_changed(&mut tx, project, actor.id, super::EventKind::Columns, false).await?;
    commit(tx, pool, project).await?;
    Ok(())
}

/// Reads a board in four queries whatever its size: history position, columns, cards and
/// (for staff) the people cards can be assigned to; or in one, when this node read the board at
/// the same history position moments ago (`cache`).
pub async fn load_board(
    pool: &crate::db::Pool,
    project: &crate::projects::ProjectRecord,
    staff: bool,
) -> Result<Board, AppError> {
    // The history position is read first: a change landing during the reads is then sent
    // again by the live stream, never missed.
    let last_event = super::db::last_event(pool, project.id).await?;
    let cache = crate::request::context::<super::cache::BoardCache>();
    let may_edit = staff && project.archived_at.is_none();
    if let Some(mut board) = cache
        .as_ref()
        .and_then(|c| c.get(project.id, staff, last_event))
    {
        // What the project row says is read fresh: renaming or archiving writes no history.
        board.project_name = project.name.clone();
        board.may_edit = may_edit;
        return Ok(board);
    }
    let rows = super::db::list_columns(pool, project.id).await?;
    let cards = super::db::list_cards(pool, project.id, staff).await?;
    let assignees = if staff {
        super::db::list_assignees(pool, project.organization_id).await?
    } else {
        Vec::new()
    };
    let mut columns: Vec<super::BoardColumn> = rows
        .into_iter()
        .map(|c| super::BoardColumn {
            id: c.id,
            name: c.name,
            is_done: c.is_done.0,
            cards: Vec::new(),
        })
        .collect();
    for card in cards {
        if let Some(column) = columns.iter_mut().find(|c| c.id == card.column_id) {
            column.cards.push(card.summary());
        }
    }
    let board = Board {
        project: project.id,
        project_name: project.name.clone(),
        columns,
        may_edit,
        assignees,
        last_event,
        only_milestone: None,
        reached: Vec::new(),
        milestone_risks: Vec::new(),
    };
    if let Some(cache) = cache {
        cache.put(project.id, staff, last_event, &board);
    }
    Ok(board)
}

/// Inside a write begun on `project` (its row locked, see `projects::db::lock_open_project`): one
/// history entry, without a card, saying something of the project changed (its columns, its
/// milestones, its updates), so that open pages reload; an `internal` one reaches staff only.
/// Commit with [`commit`], which announces it.
pub async fn project_changed(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    actor: crate::accounts::UserId,
    kind: super::EventKind,
    internal: bool,
) -> Result<(), AppError> {
    super::db::record_event(tx, project, None, actor, kind, "", internal).await?;
    Ok(())
}

/// Begins a write to a project's board. Every board write of a project waits for the one before
/// it to commit (a lock on the project row): so the board's history ids commit in order and an
/// open stream that has sent entry N+1 can never miss N, and two moves or creates at once never
/// compute the same rank. An archived project is read-only until reopened.
pub(super) async fn begin_board_write(
    pool: &crate::db::Pool,
    project: ProjectId,
) -> Result<crate::db::Tx, AppError> {
    crate::projects::db::begin_project_write(pool, project).await
}

/// Commits a change to a board and announces it to every open board of the project (see
/// `live`): on PostgreSQL a NOTIFY inside the transaction, delivered at commit to every node;
/// on SQLite this node's hub, after commit. The one place a board change is announced.
pub async fn commit(
    mut tx: crate::db::Tx,
    pool: &crate::db::Pool,
    project: ProjectId,
) -> Result<(), AppError> {
    super::live::notify_in(&mut tx, project).await?;
    tx.commit().await?;
    super::live::published(pool, project);
    Ok(())
}

/// Where a card goes in `column`: the ranks around place `position` (0 = top; `None` or any
/// number past the last card = the bottom), not counting `moving`, the card being moved. A new
/// card's rank and a moved card's rank are both taken between these two.
async fn place(
    tx: &mut crate::db::Tx,
    column: ColumnId,
    moving: Option<&super::db::CardFull>,
    position: Option<usize>,
) -> Result<(Option<String>, Option<String>), AppError> {
    let already_there = moving.is_some_and(|card| card.column_id == column);
    let others = super::db::count_cards(tx, column).await? - i64::from(already_there);
    let bottom = usize::try_from(others).unwrap_or(0);
    let position = position.map_or(bottom, |p| p.min(bottom));
    Ok(super::db::neighbours(tx, column, moving.map(|card| card.id), position).await?)
}
