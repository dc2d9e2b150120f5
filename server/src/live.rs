//! The live stream of a board, `/events/projects/{id}` (server-sent events), and the PostgreSQL
//! listener that brings other nodes' changes to this node's streams.
//!
//! A stream sends each new history entry the viewer may learn of, numbered with its id; the
//! browser's EventSource sends the last number back when it reconnects (`Last-Event-ID`), and the
//! stream starts after it, so nothing that happened while disconnected is missed. A first
//! connection starts after `?after=` (the position the page was rendered at) or now.

use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use faro_app::accounts::policy::Action;
use faro_app::accounts::Actor;
use faro_app::board::live::{LiveHub, LiveSignal, CHANNEL};
use faro_app::board::{BoardChange, BoardEventId};
use faro_app::db::Backend;
use faro_app::projects::ProjectId;
use http::{HeaderMap, StatusCode};
use sqlx::AnyPool;
use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;
use tower_sessions::Session;

/// A stream reads again, and checks again that its session still exists, at least this often,
/// even without a signal (the default of [`AppState::live_recheck`]).
pub const RECHECK: Duration = Duration::from_secs(20);

/// How many live streams one session may hold open on one node (a few tabs); more answer 503.
pub const STREAMS_PER_SESSION: usize = 8;

/// The open live streams of one node, counted per session and in all, so that one browser or
/// a crowd cannot hold every connection (see `--max-live-streams`).
#[derive(Debug, Clone)]
pub struct StreamLimits {
    per_node: usize,
    open: Arc<Mutex<(usize, HashMap<String, usize>)>>,
}

impl StreamLimits {
    pub fn new(per_node: usize) -> StreamLimits {
        StreamLimits {
            per_node,
            open: Arc::default(),
        }
    }

    /// A place for one more stream of `session`, held until the ticket is dropped; `None` when
    /// the session or the node is at its limit.
    fn admit(&self, session: &str) -> Option<StreamTicket> {
        let mut open = self.open.lock().ok()?;
        let of_session = open.1.get(session).copied().unwrap_or(0);
        if open.0 >= self.per_node || of_session >= STREAMS_PER_SESSION {
            return None;
        }
        open.0 += 1;
        open.1.insert(session.to_string(), of_session + 1);
        Some(StreamTicket {
            limits: self.clone(),
            session: session.to_string(),
        })
    }
}

struct StreamTicket {
    limits: StreamLimits,
    session: String,
}

impl Drop for StreamTicket {
    fn drop(&mut self) {
        if let Ok(mut open) = self.limits.open.lock() {
            open.0 = open.0.saturating_sub(1);
            if let Some(n) = open.1.get_mut(&self.session) {
                *n -= 1;
                if *n == 0 {
                    open.1.remove(&self.session);
                }
            }
        }
    }
}

/// 503 with a hint of when to come back: EventSource reconnects by itself.
fn busy() -> Response {
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [(http::header::RETRY_AFTER, "30")],
        "Too many live connections; try again later.",
    )
        .into_response()
}

#[derive(serde::Deserialize)]
pub struct StreamStart {
    after: Option<i64>,
}

pub async fn board_events(
    State(state): State<AppState>,
    session: Session,
    Path(project): Path<i64>,
    Query(start): Query<StreamStart>,
    headers: HeaderMap,
) -> Response {
    let project = ProjectId(project);
    let Some(session_id) = session.id().map(|id| id.to_string()) else {
        return StatusCode::UNAUTHORIZED.into_response();
    };
    let viewer = match authorized_viewer(&state.pool, &session_id, project).await {
        Ok(viewer) => viewer,
        Err(status) => return status.into_response(),
    };
    let Some(ticket) = state.stream_limits.admit(&session_id) else {
        return busy();
    };
    let resume = headers
        .get("last-event-id")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<i64>().ok())
        .or(start.after);
    let after = match resume {
        Some(after) => BoardEventId(after),
        None => match faro_app::board::db::last_event(&state.pool, project).await {
            Ok(last) => last,
            Err(err) => {
                tracing::error!(error = %err, "live stream: reading the board position");
                return StatusCode::INTERNAL_SERVER_ERROR.into_response();
            }
        },
    };
    let staff = viewer.role.is_staff();
    // Join the shared feed before catching up, so nothing falls between the two.
    let feed = match state.feeds.join(project, staff).await {
        Ok(feed) => feed,
        Err(err) => {
            tracing::error!(error = %err, "live stream: joining the board's feed");
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        }
    };
    let stream = BoardStream {
        pool: state.pool.clone(),
        session: session_id,
        _ticket: ticket,
        recheck: state.live_recheck,
        checked: std::time::Instant::now(),
        project,
        staff,
        after,
        caught_up: false,
        pending: VecDeque::new(),
        feed,
    };
    let events = futures::stream::unfold(stream, |mut stream| async move {
        let change = stream.next_change().await?;
        let event = Event::default()
            .id(change.id.0.to_string())
            .event("change")
            .json_data(&change)
            .unwrap_or_default();
        Some((Ok::<_, std::convert::Infallible>(event), stream))
    });
    Sse::new(events)
        .keep_alive(KeepAlive::new().interval(Duration::from_secs(15)))
        .into_response()
}

/// The signed-in person, if they may see the project. Read from the database each time (the
/// session row, not the copy the request loaded), and checked again every re-check interval
/// ([`RECHECK`] by default): a person signed out, removed or whose password changed stops
/// receiving within it.
async fn authorized_viewer(
    pool: &AnyPool,
    session: &str,
    project: ProjectId,
) -> Result<Actor, StatusCode> {
    let actor = faro_app::accounts::session::actor_of_session(pool, session)
        .await
        .map_err(|_| StatusCode::INTERNAL_SERVER_ERROR)?
        .ok_or(StatusCode::UNAUTHORIZED)?;
    faro_app::projects::authorize_project(pool, Some(&actor), Action::ViewProject, project)
        .await
        .map_err(|e| e.status())?;
    Ok(actor)
}

struct BoardStream {
    pool: AnyPool,
    session: String,
    _ticket: StreamTicket,
    recheck: Duration,
    /// When the viewer was last found allowed.
    checked: std::time::Instant,
    project: ProjectId,
    staff: bool,
    after: BoardEventId,
    /// Read the database once, at the start, for what happened since `after`.
    caught_up: bool,
    pending: VecDeque<BoardChange>,
    feed: broadcast::Receiver<crate::feeds::Batch>,
}

impl BoardStream {
    /// The next change to send; `None` ends the stream (server closing, access lost, error).
    async fn next_change(&mut self) -> Option<BoardChange> {
        loop {
            if let Some(change) = self.pending.pop_front() {
                return Some(change);
            }
            if !self.caught_up {
                self.catch_up().await?;
                self.caught_up = true;
                continue;
            }
            // Is the viewer still signed in and allowed? At least every `recheck`, on a busy
            // board as on a quiet one.
            if self.checked.elapsed() >= self.recheck {
                self.authorize().await?;
            }
            let wait = self.recheck.saturating_sub(self.checked.elapsed());
            match tokio::time::timeout(wait, self.feed.recv()).await {
                Ok(Ok(batch)) => self.take(batch.iter().cloned()),
                // Fell behind the feed: read what was missed from the database.
                Ok(Err(broadcast::error::RecvError::Lagged(_))) => self.caught_up = false,
                // The feed closed: the server is stopping.
                Ok(Err(broadcast::error::RecvError::Closed)) => return None,
                // Time to check the viewer again.
                Err(_) => {}
            }
        }
    }

    /// Queues the changes after the stream's position (a batch may repeat what the catch-up
    /// read already sent).
    fn take(&mut self, changes: impl Iterator<Item = BoardChange>) {
        for change in changes {
            if change.id > self.after {
                self.after = change.id;
                self.pending.push_back(change);
            }
        }
    }

    /// Checks the viewer again; `None` ends the stream.
    async fn authorize(&mut self) -> Option<()> {
        authorized_viewer(&self.pool, &self.session, self.project)
            .await
            .ok()?;
        self.checked = std::time::Instant::now();
        Some(())
    }

    /// What happened since the stream's position, from the database.
    async fn catch_up(&mut self) -> Option<()> {
        let (changes, position, _) =
            crate::feeds::changes_since(&self.pool, self.project, self.after, self.staff)
                .await
                .map_err(|err| tracing::warn!(error = %err, "live stream: reading changes"))
                .ok()?;
        self.take(changes.into_iter());
        self.after = self.after.max(position);
        Some(())
    }
}

/// On PostgreSQL, listens for other nodes' (and this node's) changes and hands them to the hub;
/// reconnects when the connection drops, then tells every stream to catch up.
pub fn spawn_listener(pool: &AnyPool, hub: LiveHub) {
    if Backend::of_pool(pool) == Backend::Sqlite {
        return;
    }
    let url = pool.connect_options().database_url.to_string();
    tokio::spawn(async move {
        loop {
            match sqlx::postgres::PgListener::connect(&url).await {
                Ok(mut listener) => {
                    if let Err(err) = listener.listen(CHANNEL).await {
                        tracing::warn!(error = %err, "live events: LISTEN failed");
                    } else {
                        hub.publish(LiveSignal::CatchUp);
                        loop {
                            match listener.try_recv().await {
                                Ok(Some(note)) => {
                                    if let Ok(id) = note.payload().parse::<i64>() {
                                        hub.publish(LiveSignal::Changed(ProjectId(id)));
                                    }
                                }
                                // The connection dropped and sqlx reconnected: notifications
                                // may have been lost meanwhile.
                                Ok(None) => hub.publish(LiveSignal::CatchUp),
                                Err(err) => {
                                    tracing::warn!(error = %err, "live events: listener failed");
                                    break;
                                }
                            }
                        }
                    }
                }
                Err(err) => tracing::warn!(error = %err, "live events: cannot listen"),
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
    });
}
