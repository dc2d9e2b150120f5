//! Server-side sessions in Faro's own database (SQLite or PostgreSQL through the one `AnyPool`).
//!
//! tower-sessions does the cookie and session life cycle; its published sqlx store only has
//! SQLite-only and PostgreSQL-only types (docs/database.md), so this ~80-line store keeps sessions
//! in a table of our own migrations, over the same pool and SQL as everything else.

use async_trait::async_trait;
use faro_app::accounts::db as accounts_db;
use faro_app::accounts::session::USER_KEY;
use faro_app::accounts::UserId;
use faro_app::ids::Timestamp;
use sqlx::AnyPool;
use std::time::Duration;
use tower_sessions::cookie::time::OffsetDateTime;
use tower_sessions::session::{Id, Record};
use tower_sessions::session_store::{self, ExpiredDeletion, SessionStore};

#[derive(Debug, Clone)]
pub struct DbSessionStore {
    pool: AnyPool,
}

impl DbSessionStore {
    pub fn new(pool: AnyPool) -> Self {
        DbSessionStore { pool }
    }

    /// Deletes expired sessions now and then, for as long as the server runs.
    pub fn spawn_cleanup(&self, every: Duration) -> tokio::task::JoinHandle<()> {
        let store = self.clone();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            loop {
                tick.tick().await;
                if let Err(err) = store.delete_expired().await {
                    tracing::warn!(error = %err, "could not delete expired sessions");
                }
                let window = faro_app::accounts::SIGN_IN_WINDOW_MINUTES * 60_000;
                let before = Timestamp(Timestamp::now().0 - window);
                if let Err(err) = accounts_db::delete_old_attempts(&store.pool, before).await {
                    tracing::warn!(error = %err, "could not forget old password attempts");
                }
            }
        })
    }
}

fn backend(err: sqlx::Error) -> session_store::Error {
    session_store::Error::Backend(err.to_string())
}

/// The parts of a record as stored: data as JSON, the user copied out, expiry in millis.
fn columns(record: &Record) -> session_store::Result<(String, Option<UserId>, Timestamp)> {
    let data = serde_json::to_string(&record.data)
        .map_err(|e| session_store::Error::Encode(e.to_string()))?;
    let user = record
        .data
        .get(USER_KEY)
        .and_then(|v| v.as_i64())
        .map(UserId);
    let expires = Timestamp((record.expiry_date.unix_timestamp_nanos() / 1_000_000) as i64);
    Ok((data, user, expires))
}

#[async_trait]
impl SessionStore for DbSessionStore {
    async fn create(&self, record: &mut Record) -> session_store::Result<()> {
        let (data, user, expires) = columns(record)?;
        // A 128-bit random id colliding is unlikely, but never overwrite someone's session.
        while !accounts_db::insert_session(&self.pool, &record.id.to_string(), user, &data, expires)
            .await
            .map_err(backend)?
        {
            record.id = Id::default();
        }
        Ok(())
    }

    /// Updates only: a session deleted while a request held it stays deleted (that request's
    /// save writes nothing). tower-sessions sends new and re-keyed sessions to `create`.
    async fn save(&self, record: &Record) -> session_store::Result<()> {
        let (data, user, expires) = columns(record)?;
        accounts_db::update_session(&self.pool, &record.id.to_string(), user, &data, expires)
            .await
            .map_err(backend)
    }

    async fn load(&self, id: &Id) -> session_store::Result<Option<Record>> {
        let Some((data, expires)) =
            accounts_db::load_session(&self.pool, &id.to_string(), Timestamp::now())
                .await
                .map_err(backend)?
        else {
            return Ok(None);
        };
        let data =
            serde_json::from_str(&data).map_err(|e| session_store::Error::Decode(e.to_string()))?;
        let expiry_date =
            OffsetDateTime::from_unix_timestamp_nanos(i128::from(expires.0) * 1_000_000)
                .map_err(|e| session_store::Error::Decode(e.to_string()))?;
        Ok(Some(Record {
            id: *id,
            data,
            expiry_date,
        }))
    }

    async fn delete(&self, id: &Id) -> session_store::Result<()> {
        accounts_db::delete_session(&self.pool, &id.to_string())
            .await
            .map_err(backend)
    }
}

#[async_trait]
impl ExpiredDeletion for DbSessionStore {
    async fn delete_expired(&self) -> session_store::Result<()> {
        accounts_db::delete_expired_sessions(&self.pool, Timestamp::now())
            .await
            .map(drop)
            .map_err(backend)
    }
}

/// Keeps the sessions of people who use Faro alive (see `faro_app::accounts::session::keep_alive`):
/// every request except the browser bundle's files and the health check.
pub async fn keep_alive(
    session: tower_sessions::Session,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let path = request.uri().path();
    if !(path.starts_with("/pkg/") || path == "/healthz") {
        let now = Timestamp::now().0 / 1000;
        faro_app::accounts::session::keep_alive(&session, now).await;
    }
    next.run(request).await
}
