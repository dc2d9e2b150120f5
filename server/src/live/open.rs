//! The open live streams of one node: how many each session and the node may hold, and one
//! node-wide check that their viewers may still see their boards.
//!
//! A stream is authorized in full when it opens (the session, the person, the project's rules).
//! After that, instead of each stream asking the database again, the node asks every
//! [`RECHECK`](super::RECHECK), for all its open streams together, whether each session still
//! exists for the same person and whether that person may still see the project (three queries
//! per 500 pairs of session and board, whatever the number of tabs), and ends the streams of
//! those who may not: signed out, password changed or reset, removed, expired, or no longer a
//! member of the project. A stream whose check failed [`UNCONFIRMED_CHECKS`] times in a row (the
//! database kept failing) ends too: it reconnects and is authorized in full.

use faro_app::accounts::UserId;
use faro_app::ids::Timestamp;
use faro_app::projects::ProjectId;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;
use tokio::sync::watch;

/// How many live streams one session may hold open on one node (a few tabs); more answer 503.
pub const STREAMS_PER_SESSION: usize = 8;

/// How many (session, board) pairs one check reads at a time.
const PAIRS_PER_QUERY: usize = 500;

/// After this many checks in a row that could not confirm it (the database failing), a stream
/// ends rather than go on unchecked. (Counted in checks, not time: a slow check of a busy node
/// ends nobody.)
const UNCONFIRMED_CHECKS: u32 = 3;

/// The streams of one session on one board.
struct Viewing {
    streams: usize,
    /// The person they were authorized for; `None` when two of them were authorized for
    /// different people (the session changed hands between them).
    user: Option<UserId>,
    /// Checks in a row that failed to answer for the viewer.
    unconfirmed: u32,
    /// Set to `true` when the viewer may no longer see the board: the streams end.
    ended: watch::Sender<bool>,
}

#[derive(Default)]
struct Open {
    streams: usize,
    per_session: HashMap<String, usize>,
    viewing: HashMap<(String, ProjectId), Viewing>,
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

    /// How many rounds of queries the node-wide check has made (tests compare it with the
    /// number of open streams).
    pub fn checks(&self) -> u64 {
        self.checks.load(Ordering::Relaxed)
    }

    /// A place for one more stream of `session` on `project`, just authorized for `user`, held
    /// until the ticket is dropped; `None` when the session or the node is at its limit.
    pub(super) fn admit(
        &self,
        session: &str,
        user: UserId,
        project: ProjectId,
    ) -> Option<StreamTicket> {
        let mut open = self.lock();
        let of_session = open.per_session.get(session).copied().unwrap_or(0);
        if open.streams >= self.per_node || of_session >= STREAMS_PER_SESSION {
            return None;
        }
        open.streams += 1;
        *open.per_session.entry(session.to_string()).or_default() += 1;
        let key = (session.to_string(), project);
        let fresh = || Viewing {
            streams: 0,
            user: Some(user),
            unconfirmed: 0,
            ended: watch::channel(false).0,
        };
        let viewing = open.viewing.entry(key.clone()).or_insert_with(fresh);
        if *viewing.ended.borrow() {
            // The earlier streams are ending; this one was authorized just now, afresh.
            *viewing = Viewing {
                streams: viewing.streams,
                ..fresh()
            };
        } else if viewing.user != Some(user) {
            // Authorized for someone else than the streams already open: the session changed
            // hands meanwhile; the next check ends them all, and each reconnects as who it is.
            viewing.user = None;
        }
        viewing.streams += 1;
        let ended = viewing.ended.subscribe();
        Some(StreamTicket {
            streams: self.clone(),
            key,
            ended,
        })
    }

    /// Checks once that every open stream's viewer may still see its board, and ends the
    /// streams of those who may not, or could not be confirmed for too long.
    async fn check(&self, pool: &AnyPool) {
        let open: Vec<((String, ProjectId), Option<UserId>)> = self
            .lock()
            .viewing
            .iter()
            .filter(|(_, v)| !*v.ended.borrow())
            .map(|(key, v)| (key.clone(), v.user))
            .collect();
        for chunk in open.chunks(PAIRS_PER_QUERY) {
            self.checks.fetch_add(1, Ordering::Relaxed);
            let answer = allowed(pool, chunk).await;
            if let Err(err) = &answer {
                tracing::warn!(error = %err, "live streams: checking viewers");
            }
            let mut open = self.lock();
            for (i, (key, _)) in chunk.iter().enumerate() {
                let Some(viewing) = open.viewing.get_mut(key) else {
                    continue;
                };
                let ends = match &answer {
                    Ok(allowed) => {
                        viewing.unconfirmed = 0;
                        !allowed[i]
                    }
                    Err(_) => {
                        viewing.unconfirmed += 1;
                        viewing.unconfirmed >= UNCONFIRMED_CHECKS
                    }
                };
                if ends {
                    viewing.ended.send_replace(true);
                }
            }
        }
    }

    /// Checks the open streams every `every` for as long as the server runs.
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

/// For each (session, board) of `chunk` and the person its streams were authorized for,
/// whether that session still exists for that person and they may still see the board.
async fn allowed(
    pool: &AnyPool,
    chunk: &[((String, ProjectId), Option<UserId>)],
) -> Result<Vec<bool>, sqlx::Error> {
    let mut sessions: Vec<&str> = chunk.iter().map(|((id, _), _)| id.as_str()).collect();
    sessions.sort_unstable();
    sessions.dedup();
    let live = faro_app::accounts::db::live_sessions(pool, &sessions, Timestamp::now()).await?;
    let actors: HashMap<&str, &faro_app::accounts::Actor> = live
        .iter()
        .map(|s| (s.session_id.as_str(), &s.actor))
        .collect();
    // The pairs whose session is still there for the same person, and where they are.
    let mut pairs = Vec::new();
    let mut at = Vec::new();
    for (i, ((session, project), user)) in chunk.iter().enumerate() {
        if let Some(actor) = actors.get(session.as_str()) {
            if Some(actor.id) == *user {
                pairs.push((*actor, *project));
                at.push(i);
            }
        }
    }
    let mut answer = vec![false; chunk.len()];
    let may = faro_app::projects::may_still_view(pool, &pairs).await?;
    for (i, may) in at.into_iter().zip(may) {
        answer[i] = may;
    }
    Ok(answer)
}

/// One open stream's place; it frees the place when dropped.
pub(super) struct StreamTicket {
    streams: OpenStreams,
    key: (String, ProjectId),
    ended: watch::Receiver<bool>,
}

impl StreamTicket {
    /// Whether the stream's viewer was found no longer allowed.
    pub(super) fn is_ended(&self) -> bool {
        *self.ended.borrow()
    }

    /// Resolves once the stream's viewer is found no longer allowed.
    pub(super) async fn ended(&mut self) {
        // An error means its sender was replaced, which happens only once it said "ended".
        let _ = self.ended.wait_for(|ended| *ended).await;
    }
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        let mut open = self.streams.lock();
        open.streams = open.streams.saturating_sub(1);
        let session = &self.key.0;
        if let Some(n) = open.per_session.get_mut(session) {
            *n -= 1;
            if *n == 0 {
                open.per_session.remove(session);
            }
        }
        if let Some(viewing) = open.viewing.get_mut(&self.key) {
            viewing.streams -= 1;
            if viewing.streams == 0 {
                open.viewing.remove(&self.key);
            }
        }
    }
}
