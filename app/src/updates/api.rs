//! Server functions of status updates. Staff write, publish, correct and discard them
//! (`Action::WriteUpdates`); the project's client members read published ones and mark them
//! seen (`Action::MarkUpdateSeen`). A draft, or an update of another project, answers a client
//! like a missing one.
// `save_update` takes one argument per field, as its form posts them.
#![allow(clippy::too_many_arguments)]

use super::{Feed, UpdateId};
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;

/// The project's updates, newest first, as the viewer may see them.
#[server(prefix = "/api", endpoint = "updates/get_updates")]
pub async fn get_updates(
    project: ProjectId,
    /// 0: the newest page.
    #[server(default)]
    page: u32,
) -> Result<Feed, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            super::ops::get_feed(&pool, &actor, &record, None, page).await
        }
        .await,
    )
}

/// One update (its own page): the feed with only that update.
#[server(prefix = "/api", endpoint = "updates/get_update")]
pub async fn get_update(project: ProjectId, update: UpdateId) -> Result<Feed, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            super::ops::get_feed(&pool, &actor, &record, Some(update), 0).await
        }
        .await,
    )
}

/// Writes a new draft (no `update`) or saves an update's text (a published one is corrected);
/// `version` is the one the form started from (a save in between answers `Conflict`).
#[server(prefix = "/api", endpoint = "updates/save_update")]
pub async fn save_update(
    project: ProjectId,
    #[server(default)] update: Option<UpdateId>,
    #[server(default)] version: i64,
    health: String,
    summary: String,
    #[server(default)] done: String,
    #[server(default)] next_steps: String,
    #[server(default)] questions: String,
    #[server(default)] risks: String,
    /// The question asked of the client (empty: none), with its options (`options[0][what]`,
    /// `[cost]`, `[time]`, `[impact]`), the recommended row's number and the day to choose by.
    #[server(default)]
    decision: String,
    #[server(default)] decide_by: String,
    #[server(default)] recommended: String,
    #[server(default)] options: Vec<super::OptionInput>,
) -> Result<UpdateId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::WriteUpdates).await?;
            super::ops::save_update(
                &pool,
                &actor,
                project,
                update,
                version,
                &health,
                &summary,
                [&done, &next_steps, &questions, &risks],
                super::ops::DecisionFields {
                    question: &decision,
                    decide_by: &decide_by,
                    recommended: &recommended,
                    options: &options,
                },
            )
            .await
        }
        .await,
    )
}

/// Publishes a draft to the project's client members, as the publisher read it.
#[server(prefix = "/api", endpoint = "updates/publish_update")]
pub async fn publish_update(
    project: ProjectId,
    update: UpdateId,
    /// The version the publisher read (a save in between answers `Conflict`).
    version: i64,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::WriteUpdates).await?;
            super::ops::publish(&pool, &actor, project, update, version).await
        }
        .await,
    )
}

/// Discards a draft.
#[server(prefix = "/api", endpoint = "updates/discard_update")]
pub async fn discard_update(project: ProjectId, update: UpdateId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::WriteUpdates).await?;
            super::ops::discard(&pool, &actor, project, update).await
        }
        .await,
    )
}

/// A client member says they have read an update.
#[server(prefix = "/api", endpoint = "updates/mark_update_seen")]
pub async fn mark_update_seen(project: ProjectId, update: UpdateId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::MarkUpdateSeen).await?;
            super::ops::mark_seen(&pool, &actor, project, update).await
        }
        .await,
    )
}

/// A client member chooses one of the options an update offers (the first choice is the
/// client's answer).
#[server(prefix = "/api", endpoint = "updates/choose_option")]
pub async fn choose_option(
    project: ProjectId,
    update: UpdateId,
    option: super::OptionId,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::DecideOnUpdate).await?;
            super::ops::choose(&pool, &actor, project, update, option).await
        }
        .await,
    )
}
