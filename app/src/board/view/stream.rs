//! A project's live stream in the browser (`/events/projects/{id}`): every page that shows the
//! project's work (the board, the milestones, the updates) follows it the same way.

use crate::board::{BoardChange, CardId};
use gloo_net::eventsource::futures::EventSource;

/// What a page hears of one change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heard {
    /// The card it is about (`None` for a change without one: columns, milestones, updates).
    pub card: Option<CardId>,
    /// A status update changed (the board and the timeline have nothing to reload for it).
    pub updates: bool,
    /// Someone commented on a card (`card`) or a milestone: only pages showing that
    /// conversation reload.
    pub comments: bool,
    /// A feedback form was sent, answered or closed (staff only).
    pub feedback: bool,
}

/// Opens the stream after history entry `after` and calls `on_change` with each change. The
/// browser reconnects by itself and sends the last entry it saw, so nothing is missed. Dropping
/// the answer closes the stream.
pub fn open(project: i64, after: i64, on_change: impl Fn(Heard) + 'static) -> Option<EventSource> {
    use futures::StreamExt;
    let url = format!("/events/projects/{project}?after={after}");
    let mut source = EventSource::new(&url).ok()?;
    let mut changes = source.subscribe("change").ok()?;
    leptos::task::spawn_local(async move {
        while let Some(change) = changes.next().await {
            let Ok((_, message)) = change else {
                continue;
            };
            let data = message.data().as_string().unwrap_or_default();
            on_change(Heard {
                card: BoardChange::card_in(&data),
                updates: BoardChange::is_about_updates(&data),
                comments: BoardChange::is_about_comments(&data),
                feedback: BoardChange::is_about_feedback(&data),
            });
        }
    });
    Some(source)
}

/// Reloads a page's data (`live` is bumped) on every change of its project that `wanted` picks,
/// opening the project's stream once the data has loaded (after its `last_change`). While the
/// viewer is typing in one of the page's forms, the reload waits for them (`stale` offers it).
pub fn follow<T: Clone + Send + Sync + 'static>(
    id: impl Fn() -> Option<crate::projects::ProjectId> + Copy + 'static,
    data: leptos::prelude::Resource<Result<T, crate::error::AppError>>,
    last_change: fn(&T) -> i64,
    wanted: fn(Heard) -> bool,
    live: leptos::prelude::RwSignal<u64>,
    stale: leptos::prelude::RwSignal<bool>,
) {
    use leptos::prelude::*;
    let source: StoredValue<Option<(i64, EventSource)>, LocalStorage> =
        StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(project) = id() else {
            return;
        };
        let Some(Ok(loaded)) = data.get() else {
            return;
        };
        if source.with_value(|o| o.as_ref().is_some_and(|(p, _)| *p == project.0)) {
            return;
        }
        let on_change = move |heard: Heard| {
            if !wanted(heard) {
                return;
            }
            let typing = document()
                .active_element()
                .is_some_and(|e| matches!(e.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT"));
            if typing {
                stale.set(true);
            } else {
                live.update(|n| *n += 1);
            }
        };
        // Replacing the stored source drops (closes) the previous project's stream.
        if let Some(opened) = open(project.0, last_change(&loaded), on_change) {
            source.set_value(Some((project.0, opened)));
        }
    });
    on_cleanup(move || source.set_value(None));
}
