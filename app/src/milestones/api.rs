//! Server functions of milestones. Staff create, edit, delete and move them
//! (`Action::EditMilestones`); the project's client members sign them off
//! (`Action::SignOffMilestone`). A milestone of another project answers like a missing one.

use super::{MilestoneId, Timeline};
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;

/// The project's milestones, by due date, as the viewer may see them.
#[server(prefix = "/api", endpoint = "milestones/get_timeline")]
pub async fn get_timeline(project: ProjectId) -> Result<Timeline, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            super::ops::get_timeline(&pool, &actor, &record, None).await
        }
        .await,
    )
}

/// One milestone on its own page, with its conversation.
#[server(prefix = "/api", endpoint = "milestones/get_milestone")]
pub async fn get_milestone(
    project: ProjectId,
    milestone: MilestoneId,
) -> Result<Timeline, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ViewProject).await?;
            let mut timeline =
                super::ops::get_timeline(&pool, &actor, &record, Some(milestone)).await?;
            let subject = crate::comments::Subject::Milestone(milestone.0);
            timeline.thread =
                Some(crate::comments::ops::thread(&pool, &actor, &record, subject).await?);
            Ok(timeline)
        }
        .await,
    )
}

/// Creates a milestone (no `milestone`) or saves its fields; `version` is the one the form
/// started from (a save in between answers `Conflict`).
#[server(prefix = "/api", endpoint = "milestones/save_milestone")]
pub async fn save_milestone(
    project: ProjectId,
    #[server(default)] milestone: Option<MilestoneId>,
    #[server(default)] version: i64,
    title: String,
    #[server(default)] description: String,
    #[server(default)] due_on: String,
) -> Result<MilestoneId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditMilestones).await?;
            super::ops::save_milestone(
                &pool,
                &actor,
                project,
                milestone,
                version,
                &title,
                &description,
                &due_on,
            )
            .await
        }
        .await,
    )
}

/// Staff move a milestone: `planned`, `in_progress` or `completed`.
#[server(prefix = "/api", endpoint = "milestones/set_milestone_status")]
pub async fn set_milestone_status(
    project: ProjectId,
    milestone: MilestoneId,
    status: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditMilestones).await?;
            let status = super::Status::parse(&status)?;
            super::ops::set_status(&pool, &actor, project, milestone, status).await
        }
        .await,
    )
}

/// Deletes a milestone; its cards stay on the board, linked to the milestone `cards_to` (an id)
/// or, when it is empty, to none.
#[server(prefix = "/api", endpoint = "milestones/delete_milestone")]
pub async fn delete_milestone(
    project: ProjectId,
    milestone: MilestoneId,
    #[server(default)] cards_to: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditMilestones).await?;
            super::ops::delete_milestone(&pool, &actor, project, milestone, &cards_to).await?;
            // From its own page (a milestone with cards), back to the timeline.
            leptos_axum::redirect(&format!("/projects/{project}/milestones"));
            Ok(())
        }
        .await,
    )
}

/// Staff move a milestone to place `to` (0 = first) in the project's list.
#[server(prefix = "/api", endpoint = "milestones/move_milestone")]
pub async fn move_milestone(
    project: ProjectId,
    milestone: MilestoneId,
    to: i64,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::EditMilestones).await?;
            super::ops::move_milestone(&pool, &actor, project, milestone, to).await
        }
        .await,
    )
}

/// A client member approves a completed milestone (`approved`) or asks for changes
/// (`changes_requested`, with a comment saying what).
#[server(prefix = "/api", endpoint = "milestones/sign_off_milestone")]
pub async fn sign_off_milestone(
    project: ProjectId,
    milestone: MilestoneId,
    decision: String,
    #[server(default)] comment: String,
    /// The completion the decision is about (`Milestone::round`, as the page showed it).
    round: i64,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::SignOffMilestone).await?;
            let decision = super::Decision::parse(&decision)?;
            super::ops::sign_off(&pool, &actor, project, milestone, decision, &comment, round).await
        }
        .await,
    )
}
