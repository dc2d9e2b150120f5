//! Server functions of the board. Reads filter internal cards for clients in the SQL itself;
//! every write is staff-only (`Action::EditBoard`) and is one transaction with its history line.
// `update_card` takes one argument per field, as its form posts them (also without JavaScript).
#![allow(clippy::too_many_arguments)]

use super::{Board, CardDetail, CardId, ColumnChange, ColumnId};
use crate::error::AppError;
use crate::patch::Patch;
use crate::projects::ProjectId;
use leptos::prelude::*;

/// The board of a project: its columns with the cards the viewer may see, in order; with a
/// `milestone`, only the cards linked to it.
#[server(prefix = "/api", endpoint = "board/get_board")]
pub async fn get_board(
    project: ProjectId,
    #[server(default)] milestone: Option<crate::milestones::MilestoneId>,
) -> Result<Board, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            super::ops::get_board(&pool, &actor, &record, milestone).await
        }
        .await,
    )
}

/// One card with its rendered body and history. An internal card answers a client exactly like
/// a card that does not exist.
#[server(prefix = "/api", endpoint = "board/get_card")]
pub async fn get_card(project: ProjectId, card: CardId) -> Result<CardDetail, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            let mut detail = super::ops::get_card(&pool, &actor, &record, project, card).await?;
            let subject = crate::comments::Subject::Card(card.0);
            detail.thread =
                Some(crate::comments::ops::thread(&pool, &actor, &record, subject).await?);
            Ok(detail)
        }
        .await,
    )
}

/// Adds a card at the bottom of a column.
#[server(prefix = "/api", endpoint = "board/create_card")]
pub async fn create_card(
    project: ProjectId,
    column: ColumnId,
    title: String,
    #[server(default)] visibility: String,
) -> Result<CardId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::create_card(&pool, &actor, project, column, title, visibility).await
        }
        .await,
    )
}

/// Saves a card's fields. `version` is the one the editor started from: when someone saved in
/// between, nothing is written and the answer is `Conflict` (the dialog then shows their
/// version). A field left out of the request keeps its stored value; a field sent is validated
/// (an empty one clears it).
#[server(prefix = "/api", endpoint = "board/update_card")]
pub async fn update_card(
    project: ProjectId,
    card: CardId,
    version: i64,
    #[server(default)] title: Patch,
    #[server(default)] body: Patch,
    #[server(default)] assignee: Patch,
    #[server(default)] due_on: Patch,
    #[server(default)] labels: Patch,
    #[server(default)] visibility: Patch,
    #[server(default)] milestone: Patch,
) -> Result<i64, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::update_card(
                &pool, &actor, project, card, version, title, body, assignee, due_on, labels,
                visibility, milestone,
            )
            .await
        }
        .await,
    )
}

/// Moves a card to place `position` (0 = top) of `column`, a column of the same project.
#[server(prefix = "/api", endpoint = "board/move_card")]
pub async fn move_card(
    project: ProjectId,
    card: CardId,
    column: ColumnId,
    position: usize,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::move_card(&pool, &actor, project, card, column, position).await
        }
        .await,
    )
}

/// Adds a column at the right end of the board.
#[server(prefix = "/api", endpoint = "board/add_column")]
pub async fn add_column(project: ProjectId, column_name: String) -> Result<ColumnId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::add_column(&pool, &actor, project, column_name).await
        }
        .await,
    )
}

#[server(prefix = "/api", endpoint = "board/rename_column")]
pub async fn rename_column(
    project: ProjectId,
    column: ColumnId,
    column_name: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::rename_column(&pool, &actor, project, column, column_name).await
        }
        .await,
    )
}

/// Moves a column one place, marks it as the done column, or deletes it when it is empty.
#[server(prefix = "/api", endpoint = "board/change_column")]
pub async fn change_column(
    project: ProjectId,
    column: ColumnId,
    change: ColumnChange,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditBoard).await?;
            super::ops::change_column(&pool, &actor, project, column, change).await
        }
        .await,
    )
}
