//! `POST /unsubscribe/{token}`: the one-click unsubscribe of RFC 8058. A mail program that shows
//! "Unsubscribe" for a message with `List-Unsubscribe` and `List-Unsubscribe-Post` headers posts
//! `List-Unsubscribe=One-Click` here, without cookies; the signed token says whose mail and which
//! kind. `GET` on the same address is the page with a button (the app's route), so a person who
//! opens the link sees what it does before it does it.

use crate::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use faro_app::error::AppError;
use http::StatusCode;

pub async fn one_click(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    match faro_app::notifications::preferences::api::unsubscribe_with(&state.pool, &token).await {
        Ok(()) => (StatusCode::OK, "Unsubscribed.").into_response(),
        Err(AppError::LinkExpired) => {
            (StatusCode::NOT_FOUND, "This unsubscribe link is not valid.").into_response()
        }
        Err(err) => {
            tracing::error!(error = ?err, "one-click unsubscribe");
            StatusCode::INTERNAL_SERVER_ERROR.into_response()
        }
    }
}
