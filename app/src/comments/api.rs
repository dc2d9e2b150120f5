//! Server functions of comments. Members of a project comment on what they may see of it
//! (`Action::Comment`); staff answer and mark questions (`Action::AnswerQuestions`). A comment,
//! update, card or milestone of another project — or one the viewer may not see — answers like
//! a missing one.

use super::CommentId;
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;

/// Comments on one subject: exactly one of `update`, `card`, `milestone`. A client member may
/// mark theirs as a question (`question=on`). `seen_through`: the newest comment the page
/// showed (0: none) — a staff comment answers the open questions up to it.
#[server(prefix = "/api", endpoint = "comments/add_comment")]
pub async fn add_comment(
    project: ProjectId,
    #[server(default)] update: Option<i64>,
    #[server(default)] card: Option<i64>,
    #[server(default)] milestone: Option<i64>,
    body: String,
    #[server(default)] question: Option<String>,
    #[server(default)] seen_through: Option<CommentId>,
) -> Result<CommentId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let subject = super::Subject::from_fields(update, card, milestone)?;
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::Comment).await?;
            let question = question.is_some_and(|q| !q.is_empty());
            super::ops::add(
                &pool,
                &actor,
                project,
                subject,
                &body,
                question,
                seen_through,
            )
            .await
        }
        .await,
    )
}

/// Its author corrects a comment (it shows "edited").
#[server(prefix = "/api", endpoint = "comments/edit_comment")]
pub async fn edit_comment(
    project: ProjectId,
    comment: CommentId,
    body: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::Comment).await?;
            super::ops::edit(&pool, &actor, project, comment, &body).await
        }
        .await,
    )
}

/// Its author deletes a comment (it keeps its place and says so).
#[server(prefix = "/api", endpoint = "comments/delete_comment")]
pub async fn delete_comment(project: ProjectId, comment: CommentId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::Comment).await?;
            super::ops::delete(&pool, &actor, project, comment).await
        }
        .await,
    )
}

/// Staff mark a client's question answered.
#[server(prefix = "/api", endpoint = "comments/mark_answered")]
pub async fn mark_answered(project: ProjectId, comment: CommentId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::AnswerQuestions).await?;
            super::ops::mark_answered(&pool, &actor, project, comment).await
        }
        .await,
    )
}

/// Staff mark a client's comment as a question (open until answered).
#[server(prefix = "/api", endpoint = "comments/mark_question")]
pub async fn mark_question(project: ProjectId, comment: CommentId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::AnswerQuestions).await?;
            super::ops::mark_question(&pool, &actor, project, comment).await
        }
        .await,
    )
}

/// The mentioned person marks a mention read (it leaves their home page).
#[server(prefix = "/api", endpoint = "comments/read_mention")]
pub async fn read_mention(comment: CommentId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::EditOwnAccount).await?;
            let pool = crate::db::pool()?;
            super::ops::read_mention(&pool, &actor, comment).await
        }
        .await,
    )
}

/// The viewer's unread mentions and, for staff, the organization's open client questions.
#[server(prefix = "/api", endpoint = "comments/get_attention")]
pub async fn get_attention() -> Result<super::Attention, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            Ok(super::Attention {
                mentions: super::ops::mentions(&pool, &actor).await?,
                questions: super::ops::open_questions(&pool, &actor).await?,
            })
        }
        .await,
    )
}
