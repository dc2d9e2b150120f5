//! Server functions of feedback. Staff send and close forms and read results
//! (`Action::ManageFeedback`); the project's client members answer (`Action::AnswerFeedback`).

use super::{FeedbackPage, Form, FormId};
use crate::error::AppError;
use crate::projects::ProjectId;
use leptos::prelude::*;
use std::collections::HashMap;

/// A form to answer (a client member, with their answers so far) or to preview (staff).
#[server(prefix = "/api", endpoint = "feedback/get_form")]
pub async fn get_form(form: FormId) -> Result<Form, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            super::ops::get_form(&pool, &actor, form).await
        }
        .await,
    )
}

/// A client member's answers: `answers[q0]=5`, `answers[q2]=text`, a ticked choice of a
/// multiple-choice question as `answers[q3_1]=on`. Answering again replaces the answers.
#[server(prefix = "/api", endpoint = "feedback/answer_form")]
pub async fn answer_form(
    form: FormId,
    #[server(default)] answers: HashMap<String, String>,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            let answered = super::ops::answer(&pool, &actor, form, &answers).await;
            if crate::request::wants_html() {
                match &answered {
                    Ok(()) => leptos_axum::redirect(&format!("/forms/{}?saved=1", form.0)),
                    Err(error @ AppError::Invalid { .. }) => {
                        back_with_answers(form, &answers, error)
                    }
                    Err(_) => {}
                }
            }
            answered
        }
        .await,
    )
}

/// The most bytes the typed answers may take in the address a refused post without JavaScript
/// is sent back to: a proxy in front of Faro commonly refuses response headers and request lines
/// past 8 KiB (nginx' defaults), so the whole address stays well inside that.
#[cfg(feature = "ssr")]
pub(crate) const TYPED_ANSWERS_MAX_BYTES: usize = 5 * 1024;

/// Without JavaScript a refused response goes back to its form with the error and what was
/// typed (under the form's own field names) in the address; the page fills the answers in again
/// ("the other answers are kept"). A value too long to be valid, or past the address' budget,
/// is left out: the error names the first, the second is rare (texts of thousands of characters).
#[cfg(feature = "ssr")]
fn back_with_answers(form: FormId, answers: &HashMap<String, String>, error: &AppError) {
    use leptos::server_fn::{error::ServerFnUrlError, ServerFn};
    let Ok(mut url) = ServerFnUrlError::new(AnswerForm::PATH, error.clone())
        .to_url(&format!("http://faro.invalid/forms/{}", form.0))
    else {
        return;
    };
    let mut typed: Vec<(&String, &String)> = answers
        .iter()
        .filter(|(key, value)| {
            super::is_answer_field(key)
                && !value.is_empty()
                && value.chars().count() <= super::TEXT_MAX_CHARS
        })
        .collect();
    typed.sort();
    let mut budget = TYPED_ANSWERS_MAX_BYTES;
    {
        let mut query = url.query_pairs_mut();
        for (key, value) in typed {
            // `&answers%5B` … `%5D=`: 16 bytes; percent-encoding at most triples a byte.
            let cost = 16 + key.len() + 3 * value.len();
            if cost > budget {
                continue;
            }
            budget -= cost;
            query.append_pair(&format!("answers[{key}]"), value);
        }
    }
    leptos_axum::redirect(&format!(
        "{}?{}",
        url.path(),
        url.query().unwrap_or_default()
    ));
}

/// The project's forms and their results (staff).
#[server(prefix = "/api", endpoint = "feedback/get_feedback")]
pub async fn get_feedback(project: ProjectId) -> Result<FeedbackPage, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, record) =
                crate::projects::project_access(project, Action::ManageFeedback).await?;
            super::ops::results(&pool, &actor, &record).await
        }
        .await,
    )
}

/// Staff send a form from a template (`milestone_check_in`, `project_close`), in a language
/// (`en`, `es`), open for a number of days.
#[server(prefix = "/api", endpoint = "feedback/send_form")]
pub async fn send_form(
    project: ProjectId,
    template: String,
    language: String,
    days: String,
) -> Result<FormId, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::ManageFeedback).await?;
            super::ops::send(&pool, &actor, project, &template, &language, &days).await
        }
        .await,
    )
}

/// Staff close a form before its day.
#[server(prefix = "/api", endpoint = "feedback/close_form")]
pub async fn close_form(project: ProjectId, form: FormId) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::ManageFeedback).await?;
            super::ops::close(&pool, &actor, project, form).await
        }
        .await,
    )
}

/// The forms waiting for the signed-in client member's answers (none for staff).
#[server(prefix = "/api", endpoint = "feedback/get_waiting")]
pub async fn get_waiting() -> Result<Vec<super::Waiting>, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            super::ops::waiting(&pool, &actor).await
        }
        .await,
    )
}

/// Staff say what was done about a client's low score (`person`: who answered).
#[server(prefix = "/api", endpoint = "feedback/handle_low_score")]
pub async fn handle_low_score(
    project: ProjectId,
    form: FormId,
    person: crate::accounts::UserId,
    /// When the answer staff read was given (a newer one answers `Conflict`).
    answered_at: i64,
    note: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::ManageFeedback).await?;
            super::ops::handle(&pool, &actor, project, form, person, answered_at, &note).await
        }
        .await,
    )
}

/// Staff choose what the project sends by itself: a template's key for a milestone's approval
/// and for the project's closing (empty: nothing).
#[server(prefix = "/api", endpoint = "feedback/set_feedback_settings")]
pub async fn set_feedback_settings(
    project: ProjectId,
    #[server(default)] on_approval: String,
    #[server(default)] on_close: String,
) -> Result<(), AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let (pool, actor, _) =
                crate::projects::project_access(project, Action::ManageFeedback).await?;
            super::ops::set_settings(&pool, &actor, project, &on_approval, &on_close).await
        }
        .await,
    )
}

/// The organization's client feedback over the last 90 days, with the 90 before (staff).
#[server(prefix = "/api", endpoint = "feedback/get_organization_scores")]
pub async fn get_organization_scores() -> Result<super::OrganizationScores, AppError> {
    use crate::accounts::policy::Action;
    crate::error::with_status(
        async {
            let actor = crate::accounts::session::authorize(Action::ListProjects).await?;
            let pool = crate::db::pool()?;
            super::ops::organization_scores(&pool, &actor).await
        }
        .await,
    )
}
