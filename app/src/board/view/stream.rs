//! A project's live stream in the browser (`/events/projects/{id}`): every page that shows the
//! project's work (the board, the milestones) follows it the same way.

use crate::board::{BoardChange, CardId};
use gloo_net::eventsource::futures::EventSource;

/// Opens the stream after history entry `after` and calls `on_change` with each change's card
/// (`None` for a change without one: columns, milestones). The browser reconnects by itself and
/// sends the last entry it saw, so nothing is missed. Dropping the answer closes the stream.
pub fn open(
    project: i64,
    after: i64,
    on_change: impl Fn(Option<CardId>) + 'static,
) -> Option<EventSource> {
    use futures::StreamExt;
    let url = format!("/events/projects/{project}?after={after}");
    let mut source = EventSource::new(&url).ok()?;
    let mut changes = source.subscribe("change").ok()?;
    leptos::task::spawn_local(async move {
        while let Some(change) = changes.next().await {
            let Ok((_, message)) = change else {
                continue;
            };
            let card = message
                .data()
                .as_string()
                .and_then(|data| BoardChange::card_in(&data));
            on_change(card);
        }
    });
    Some(source)
}
