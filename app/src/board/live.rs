//! Live board updates (server only). A change is first a `board_events` row, written in the
//! change's own transaction; then every open board of the project is told to read what is new.
//!
//! On PostgreSQL the telling is a `NOTIFY` inside that transaction: PostgreSQL delivers it at
//! commit to every Faro node listening on the same database, and each node's listener passes it
//! to its [`LiveHub`]. On SQLite there is one node: the change publishes to the hub after commit.

use crate::projects::ProjectId;
use tokio::sync::broadcast;

/// The PostgreSQL channel that carries the id of a project whose board changed.
pub const CHANNEL: &str = "faro_board";

/// What an open board's stream hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LiveSignal {
    /// This project's board has new history.
    Changed(ProjectId),
    /// Something may have been missed (the database listener reconnected): every stream reads.
    CatchUp,
    /// The server is stopping: streams end, browsers reconnect to another node or later.
    Closing,
}

/// One node's fan-out to its open streams.
#[derive(Debug, Clone)]
pub struct LiveHub(broadcast::Sender<LiveSignal>);

impl Default for LiveHub {
    fn default() -> Self {
        LiveHub(broadcast::channel(1024).0)
    }
}

impl LiveHub {
    pub fn subscribe(&self) -> broadcast::Receiver<LiveSignal> {
        self.0.subscribe()
    }

    pub fn publish(&self, signal: LiveSignal) {
        // No open stream is not an error.
        let _ = self.0.send(signal);
    }
}

/// Inside a change's transaction: on PostgreSQL, tells every node at commit.
pub async fn notify_in(tx: &mut crate::db::Tx, project: ProjectId) -> Result<(), sqlx::Error> {
    if crate::db::Backend::of_tx(tx) == crate::db::Backend::Postgres {
        sqlx::query("SELECT pg_notify($1, $2)")
            .bind(CHANNEL)
            .bind(project.0.to_string())
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// After a change committed: on SQLite, tells this node's open boards (PostgreSQL's NOTIFY
/// already did it for every node).
pub fn published(pool: &crate::db::Pool, project: ProjectId) {
    if crate::db::Backend::of_pool(pool) == crate::db::Backend::Sqlite {
        if let Some(hub) = crate::request::context::<LiveHub>() {
            hub.publish(LiveSignal::Changed(project));
        }
    }
}
