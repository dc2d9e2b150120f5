//! The open live streams of one node: how many each session and the node may hold, and one
//! node-wide check that their sessions still exist.
//!
//! A stream is authorized in full when it opens (the session, the person, the project's rules).
//! After that, everything that takes a board away from someone ends their session row: signing
//! out, a password change or reset, being removed from the organization (the row cascades), and
//! expiry. Roles change only between owner and PM, who both see every board, and a client is not
//! taken off a project. So instead of each stream asking the database again, the node asks once
//! per [`RECHECK`](super::RECHECK) which of its open sessions are still there (one query per 500
//! sessions), and ends the streams of the others. A future way to lose access that keeps the
//! session (taking a client off one project, say) must end that person's streams here too.

use faro_app::accounts::UserId;
use faro_app::ids::Timestamp;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// How many live streams one session may hold open on one node (a few tabs); more answer 503.
pub const STREAMS_PER_SESSION: usize = 8;

/// How many sessions one check reads at a time.
const SESSIONS_PER_QUERY: usize = 500;

struct Session {
    streams: usize,
    /// The person the streams were authorized for; `None` when two streams of the session were
    /// authorized for different people (it changed hands between them).
    user: Option<UserId>,
    /// Set to `true` when the session is gone: its streams end.
    ended: watch::Sender<bool>,
}

#[derive(Default)]
struct Open {
    streams: usize,
    sessions: HashMap<String, Session>,
}

/// The open live streams of one node, counted per session and in all, so that one browser or
/// a crowd cannot hold every connection (see `--max-live-streams`); cheap to clone.
#[derive(Clone)]
pub struct OpenStreams {
    per_node: usize,
    open: Arc<Mutex<Open>>,
    checks: Arc<AtomicU64>,
}

impl OpenStreams {
    pub fn new(per_node: usize) -> OpenStreams {
        OpenStreams {
            per_node,
            open: Arc::default(),
            checks: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, Open> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// How many queries the node-wide session check has made (tests compare it with the number
    /// of open streams).
    pub fn checks(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }

    /// A place for one more stream of `session`, authorized for `user`, held until the ticket is
    /// dropped; `None` when the session or the node is at its limit.
    pub(super) fn admit(&self, session: &str, user: UserId) -> Option<StreamTicket> {
        let mut open = self.lock();
        let of_session = open.sessions.get(session).map_or(0, |s| s.streams);
        if open.streams >= self.per_node || of_session >= STREAMS_PER_SESSION {
            return None;
        }
        open.streams += 1;
        let entry = open
            .sessions
            .entry(session.to_string())
            .or_insert_with(|| Session {
                streams: 0,
                user: Some(user),
                ended: watch::channel(false).0,
            });
        entry.streams += 1;
        // Authorized for someone else than the streams already open: the session changed hands
        // meanwhile; the next check ends them all, and each reconnects as who it now is.
        if entry.user != Some(user) {
            entry.user = None;
        }
        let ended = entry.ended.subscribe();
        Some(StreamTicket {
            streams: self.clone(),
            session: session.to_string(),
            ended,
        })
    }

    /// Checks once that every open stream's session still exists, for its person, and ends the
    /// streams of those that do not.
    async fn check(&self, pool: &AnyPool) {
        let open: Vec<(String, Option<UserId>)> = self
            .lock()
            .sessions
            .iter()
            .map(|(id, s)| (id.clone(), s.user))
            .collect();
        let now = Timestamp::now();
        for chunk in open.chunks(SESSIONS_PER_QUERY) {
            let ids: Vec<&str> = chunk.iter().map(|(id, _)| id.as_str()).collect();
            self.checks.fetch_add(1, Ordering::Relaxed);
            let live = match faro_app::accounts::db::live_sessions(pool, &ids, now).await {
                Ok(live) => live,
                Err(err) => {
                    // Checked again at the next tick; a stream ends only on a clear answer.
                    tracing::warn!(error = %err, "live streams: checking sessions");
                    continue;
                }
            };
            let live: HashMap<String, Option<UserId>> = live.into_iter().collect();
            let sessions = &self.lock().sessions;
            for (id, user) in chunk {
                let still =
                    matches!((live.get(id), user), (Some(Some(now)), Some(was)) if now == was);
                if !still {
                    if let Some(session) = sessions.get(id) {
                        session.ended.send_replace(true);
                    }
                }
            }
        }
    }

    /// Checks the open sessions every `every` for as long as the server runs.
    pub fn spawn_check(&self, pool: &AnyPool, every: Duration) -> tokio::task::JoinHandle<()> {
        let (streams, pool) = (self.clone(), pool.clone());
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            tick.tick().await;
            loop {
                tick.tick().await;
                streams.check(&pool).await;
            }
        })
    }
}

/// One open stream's place; it frees the place when dropped.
pub(super) struct StreamTicket {
    streams: OpenStreams,
    session: String,
    ended: watch::Receiver<bool>,
}

impl StreamTicket {
    /// Resolves once the stream's session is found gone.
    pub(super) async fn ended(&mut self) {
        // An error means the sender is gone, which a held ticket prevents: wait forever then.
        if self.ended.wait_for(|ended| *ended).await.is_err() {
            std::future::pending::<()>().await;
        }
    }
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut open = self.streams.lock();
        open.streams = open.streams.saturating_sub(1);
        if let Some(session) = open.sessions.get_mut(&self.session) {
            session.streams -= 1;
            if session.streams == 0 {
                open.sessions.remove(&self.session);
            }
        }
    }
}
