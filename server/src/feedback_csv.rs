//! `GET /projects/{id}/feedback/{form}/responses.csv`: a form's responses as a CSV download
//! (staff only; anyone else, or a form of another project, gets 404 like a missing file).

use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use faro_app::feedback::FormId;
use faro_app::projects::ProjectId;
use http::{header, StatusCode};
use tower_sessions::Session;

pub async fn responses_csv(
    State(state): State<AppState>,
    session: Session,
    Path((project, form)): Path<(i64, i64)>,
) -> Response {
    let Some(session_id) = session.id().map(|id| id.to_string()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let actor = match faro_app::accounts::session::actor_of_session(&state.pool, &session_id).await
    {
        Ok(Some(actor)) => actor,
        Ok(None) => return StatusCode::UNAUTHORIZED.into_response(),
        Err(err) => {
            tracing::error!(error = %err, "feedback csv: reading the session");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let project = ProjectId(project);
    let csv = faro_app::feedback::ops::csv(&state.pool, &actor, project, FormId(form)).await;
    match csv {
        // A byte-order mark first: spreadsheets then read the file as UTF-8.
        Ok(csv) => (
            [
                (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
                (
                    header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"feedback-{project}-{form}.csv\""),
                ),
                (header::CACHE_CONTROL, "no-store".to_string()),
            ],
            format!("\u{feff}{csv}"),
        )
            .into_response(),
        Err(error) => error.status().into_response(),
    }
}
