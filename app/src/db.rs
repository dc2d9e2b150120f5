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
    if let Some(pool) = crate::request::context::<Pool>() {
        return Ok(pool);
    }
    if !crate::request::is_open() {
        return Err(AppError::request_gone());
    }
    Err(AppError::internal(
        "database pool missing from the request context",
    ))
}

/// A transaction on the pool, as every write takes it.
pub type Tx = sqlx::Transaction<'static, sqlx::Any>;

/// Which database Faro runs on: the few places that differ ask this, and only this.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    pub fn of_pool(pool: &Pool) -> Backend {
        if pool.connect_options().database_url.scheme() == "sqlite" {
            Backend::Sqlite
        } else {
            Backend::Postgres
        }
    }

    pub fn of_tx(tx: &Tx) -> Backend {
        if tx.backend_name() == "PostgreSQL" {
            Backend::Postgres
        } else {
            Backend::Sqlite
        }
    }

    /// The name people know it by.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "SQLite",
            Backend::Postgres => "PostgreSQL",
        }
    }
}

/// Ids the server itself read, as a SQL list of numbers for `IN (…)`: one statement whatever
/// their count (never a visitor's text). An empty list is `NULL`, which matches nothing.
pub fn id_list(ids: impl IntoIterator<Item = i64>) -> String {
    let list: Vec<String> = ids.into_iter().map(|id| id.to_string()).collect();
    if list.is_empty() {
        "NULL".into()
    } else {
        list.join(",")
    }
}

/// Begins a transaction that will write after reading. SQLite must take its write lock at
/// `BEGIN IMMEDIATE` or concurrent writers deadlock on the lock upgrade; PostgreSQL takes row or
/// table locks inside the transaction instead (docs/database.md).
pub async fn begin_write(pool: &Pool) -> Result<Tx, sqlx::Error> {
    if Backend::of_pool(pool) == Backend::Sqlite {
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
pub async fn lock_row(tx: &mut Tx, table: &'static str, id: i64) -> Result<bool, sqlx::Error> {
    let suffix = if Backend::of_tx(tx) == Backend::Postgres {
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
