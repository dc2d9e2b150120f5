//! Database plumbing shared by the features' `db.rs` modules (server only): the pool that
//! server functions and pages find in their context.

use crate::error::AppError;
pub use sqlx::AnyPool as Pool;

/// The pool the server put in the reactive context of every page render and server function.
pub fn pool() -> Result<Pool, AppError> {
    leptos::prelude::use_context::<Pool>()
        .ok_or_else(|| AppError::internal("database pool missing from the request context"))
}
