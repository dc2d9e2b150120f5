//! Database plumbing shared by the features' `db.rs` modules (server only): the pool that
//! server functions and pages find in their context.

use crate::error::AppError;
pub use sqlx::AnyPool as Pool;

/// The pool the server put in the reactive context of every page render and server function.
///
/// A render whose browser went away (a closed tab, a client that hung up) is torn down while its
/// data loads may still be running; they then find no context at all. That is no server fault:
/// it is logged at debug level and answered with an error nobody will read. A pool missing from
/// a request that is still there is a bug, and logged as one.
pub fn pool() -> Result<Pool, AppError> {
    use leptos::prelude::use_context;
    if let Some(pool) = use_context::<Pool>() {
        return Ok(pool);
    }
    if !crate::request::is_open() {
        return Err(AppError::request_gone());
    }
    Err(AppError::internal(
        "database pool missing from the request context",
    ))
}

/// Whether the pool is on SQLite (the alternative is PostgreSQL).
pub fn is_sqlite(pool: &Pool) -> bool {
    pool.connect_options().database_url.scheme() == "sqlite"
}

/// Begins a transaction that will write after reading. SQLite must take its write lock at
/// `BEGIN IMMEDIATE` or concurrent writers deadlock on the lock upgrade; PostgreSQL takes row or
/// table locks inside the transaction instead (docs/database.md).
pub async fn begin_write(
    pool: &Pool,
) -> Result<sqlx::Transaction<'static, sqlx::Any>, sqlx::Error> {
    if is_sqlite(pool) {
        pool.begin_with("BEGIN IMMEDIATE").await
    } else {
        pool.begin().await
    }
}

/// Inside a write transaction, makes other writers of the same row of `table` wait until this
/// one commits. On PostgreSQL a row lock that still lets others insert rows referring to it
/// (`FOR NO KEY UPDATE`); on SQLite nothing, since `BEGIN IMMEDIATE` already lets one writer in
/// at a time. Use it to serialise a read-then-write (counting owners, placing cards, numbering
/// a project's history) among concurrent requests. Answers whether the row exists.
pub async fn lock_row(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    table: &'static str,
    id: i64,
) -> Result<bool, sqlx::Error> {
    let suffix = if tx.backend_name() == "PostgreSQL" {
        " FOR NO KEY UPDATE"
    } else {
        ""
    };
    let found: Option<i64> =
        sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE id = $1{suffix}"))
            .bind(id)
            .fetch_optional(&mut **tx)
            .await?;
    Ok(found.is_some())
}
