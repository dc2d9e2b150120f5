//! Database plumbing shared by the features' `db.rs` modules (server only): the pool that
//! server functions and pages find in their context.

use crate::error::AppError;
pub use sqlx::AnyPool as Pool;

/// The pool the server put in the reactive context of every page render and server function.
pub fn pool() -> Result<Pool, AppError> {
    leptos::prelude::use_context::<Pool>()
        .ok_or_else(|| AppError::internal("database pool missing from the request context"))
}

/// Whether the pool is on SQLite (the alternative is PostgreSQL).
pub fn is_sqlite(pool: &Pool) -> bool {
    pool.connect_options().database_url.scheme() == "sqlite"
}

/// Begins a transaction that will write after reading. SQLite must take its write lock at
/// `BEGIN IMMEDIATE` or concurrent writers deadlock on the lock upgrade; PostgreSQL takes row or
/// table locks inside the transaction instead (DATABASE.md).
pub async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if is_sqlite(pool) {
        pool.begin_with("BEGIN IMMEDIATE").await
    } else {
        pool.begin().await
    }
}
