//! Reading a board's new history once per change, for every open stream of this node.
//!
//! Each (project, viewer kind) with open streams has a feed: staff see internal entries,
//! clients do not, so there are at most two per project. When the hub says a project changed,
//! one task reads what is new for that project's feeds (one query per kind, whatever the number
//! of viewers) and hands the batch to every stream of the feed. A stream reads the database
//! itself only to catch up when it connects (or when it fell behind). Nothing polls per stream;
//! one node-wide re-read every `safety` interval covers a signal lost on the way.

use faro_app::board::live::{LiveHub, LiveSignal};
use faro_app::board::{BoardChange, BoardEventId, EventKind};
use faro_app::projects::ProjectId;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::broadcast;

/// What a feed hands to its streams: new history entries, oldest first.
pub type Batch = Arc<Vec<BoardChange>>;

/// (project, read as staff)
type Key = (ProjectId, bool);

struct Feed {
    sender: broadcast::Sender<Batch>,
    /// The newest entry this feed has handed on.
    position: BoardEventId,
}

/// What happened on `project`'s board after `after` that a viewer of this kind may learn of,
/// oldest first, read in pages of 500: the changes, the position after the last row read (past
/// entries of a kind this node does not know, written by a newer node), and the number of reads.
/// The feeds and a stream catching up both read history through this.
pub async fn changes_since(
    pool: &AnyPool,
    project: ProjectId,
    mut after: BoardEventId,
    staff: bool,
) -> Result<(Vec<BoardChange>, BoardEventId, u64), sqlx::Error> {
    let (mut changes, mut reads) = (Vec::new(), 0);
    loop {
        reads += 1;
        let rows = faro_app::board::db::events_since(pool, project, after, staff).await?;
        let full = rows.len() >= 500;
        for row in rows {
            after = row.id;
            if let Ok(kind) = EventKind::try_from(row.kind) {
                changes.push(BoardChange {
                    id: row.id,
                    card: row.card_id,
                    kind,
                });
            }
        }
        if !full {
            return Ok((changes, after, reads));
        }
    }
}

/// This node's feeds; cheap to clone.
#[derive(Clone)]
pub struct Feeds {
    pool: AnyPool,
    feeds: Arc<Mutex<HashMap<Key, Feed>>>,
    reads: Arc<AtomicU64>,
    /// Set when the server stops: a stream joining after that gets a feed already closed.
    closed: Arc<std::sync::atomic::AtomicBool>,
}

impl Feeds {
    pub fn new(pool: AnyPool) -> Feeds {
        Feeds {
            pool,
            feeds: Arc::default(),
            reads: Arc::default(),
            closed: Arc::default(),
        }
    }

    /// How many history reads the feeds have made (tests compare it with the number of viewers).
    pub fn reads(&self) -> u64 {
        self.reads.load(Ordering::Relaxed)
    }

    /// Joins the feed of `project` for a viewer, creating it at the board's present position.
    /// Join first, then catch up from the database: nothing falls between the two.
    pub async fn join(
        &self,
        project: ProjectId,
        staff: bool,
    ) -> Result<broadcast::Receiver<Batch>, sqlx::Error> {
        if let Some(receiver) = self.subscribe((project, staff)) {
            return Ok(receiver);
        }
        let position = faro_app::board::db::last_event(&self.pool, project).await?;
        let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
        if self.closed.load(Ordering::Relaxed) {
            let (sender, receiver) = broadcast::channel(1);
            drop(sender);
            return Ok(receiver);
        }
        let feed = feeds.entry((project, staff)).or_insert_with(|| Feed {
            sender: broadcast::channel(256).0,
            position,
        });
        Ok(feed.sender.subscribe())
    }

    fn subscribe(&self, key: Key) -> Option<broadcast::Receiver<Batch>> {
        let feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
        feeds.get(&key).map(|feed| feed.sender.subscribe())
    }

    /// Reads what is new for the feeds of `project` (all feeds when `None`), once per feed, and
    /// hands it on; feeds nobody listens to any more are closed.
    async fn advance(&self, project: Option<ProjectId>) {
        let due: Vec<(Key, BoardEventId)> = {
            let feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
            feeds
                .iter()
                .filter(|(key, _)| project.is_none_or(|p| key.0 == p))
                .map(|(key, feed)| (*key, feed.position))
                .collect()
        };
        for ((project, staff), position) in due {
            let (batch, position, reads) =
                match changes_since(&self.pool, project, position, staff).await {
                    Ok(read) => read,
                    Err(err) => {
                        // Read again at the next signal or safety tick.
                        tracing::warn!(error = %err, "live feed: reading changes");
                        continue;
                    }
                };
            self.reads.fetch_add(reads, Ordering::Relaxed);
            let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
            let Some(feed) = feeds.get_mut(&(project, staff)) else {
                continue;
            };
            feed.position = position;
            if feed.sender.receiver_count() == 0 {
                feeds.remove(&(project, staff));
            } else if !batch.is_empty() {
                let _ = feed.sender.send(Arc::new(batch));
            }
        }
    }

    /// Closes every feed: their streams end (the server is stopping).
    fn close_all(&self) {
        let mut feeds = self.feeds.lock().unwrap_or_else(|e| e.into_inner());
        self.closed.store(true, Ordering::Relaxed);
        feeds.clear();
    }

    /// Follows the hub for as long as the server runs.
    pub fn spawn(&self, hub: &LiveHub, safety: Duration) -> tokio::task::JoinHandle<()> {
        let feeds = self.clone();
        let mut signals = hub.subscribe();
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(safety);
            tick.tick().await;
            loop {
                tokio::select! {
                    signal = signals.recv() => match signal {
                        Ok(LiveSignal::Changed(project)) => feeds.advance(Some(project)).await,
                        Ok(LiveSignal::CatchUp) | Err(broadcast::error::RecvError::Lagged(_)) => {
                            feeds.advance(None).await
                        }
                        Ok(LiveSignal::Closing) | Err(broadcast::error::RecvError::Closed) => {
                            feeds.close_all();
                            return;
                        }
                    },
                    _ = tick.tick() => feeds.advance(None).await,
                }
            }
        })
    }
}
