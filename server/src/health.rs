//! `/healthz`: is the process alive and does the database answer?

use crate::database::Backend;
use crate::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use serde_json::{json, Value};

/// 200 with `{"status":"ok","database":"SQLite"}` when a query round trip succeeds, 503 when it
/// does not (load balancers take the node out of rotation).
pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let database = Backend::of_pool(&state.pool).name();
    match sqlx::query_scalar::<_, i32>("SELECT 1")
        .fetch_one(&state.pool)
        .await
    {
        Ok(_) => (
            StatusCode::OK,
            Json(json!({"status": "ok", "database": database})),
        ),
        Err(err) => {
            tracing::error!(error = %err, "health check: database does not answer");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({"status": "unavailable", "database": database})),
            )
        }
    }
}
