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
use std::collections::VecDeque;
use std::time::Duration;
use tokio::sync::broadcast;
use tower_sessions::Session;

mod open;

pub use open::{OpenStreams, STREAMS_PER_SESSION};

/// How often the node checks that its open streams' viewers may still see their boards (the
/// default of [`AppState::live_recheck`]): a person signed out, removed or taken off a project
/// stops receiving within it.
pub const RECHECK: Duration = Duration::from_secs(20);

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
    let Some(ticket) = state.open_streams.admit(&session_id, viewer.id, project) else {
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
        ticket,
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

/// The signed-in person, if they may see the project, read from the database (the session row,
/// not the copy the request loaded). While the stream is open, the node checks it again with
/// all its other streams ([`OpenStreams`]).
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
    /// Its place among the node's open streams; says when its session is gone.
    ticket: open::StreamTicket,
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
            // A viewer who lost the board gets nothing more, not even what was queued.
            if self.ticket.is_ended() {
                return None;
            }
            if let Some(change) = self.pending.pop_front() {
                return Some(change);
            }
            if !self.caught_up {
                self.catch_up().await?;
                self.caught_up = true;
                continue;
            }
            tokio::select! {
                biased;
                // The viewer signed out, was removed, the session expired, or they may no
                // longer see the project.
                () = self.ticket.ended() => return None,
                batch = self.feed.recv() => match batch {
                    Ok(batch) => self.take(batch.iter().cloned()),
                    // Fell behind the feed: read what was missed from the database.
                    Err(broadcast::error::RecvError::Lagged(_)) => self.caught_up = false,
                    // The feed closed: the server is stopping.
                    Err(broadcast::error::RecvError::Closed) => return None,
                },
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
