//! The board page (`/projects/{id}/board`) and a card's dialog (`/projects/{id}/board/{card}`,
//! shareable). Every control is a plain form first, so the board works without JavaScript;
//! with it, the same forms submit in place and the board refreshes.
//!
//! `state` is what the parts share; `columns` draws the board and its forms; `card` is the
//! card's dialog; the pointer and keyboard moves are in `board::moving`.

mod card;
mod columns;
pub mod state;
#[cfg(feature = "hydrate")]
pub mod stream;

pub use card::CardDialog;

use crate::board::api::get_board;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::{LoadFailed, Loading};
use columns::BoardView;
use leptos::prelude::*;
use leptos_router::components::Outlet;
use state::{param_id, BoardState};

/// `/projects/{id}/board`.
#[component]
pub fn BoardPage() -> impl IntoView {
    let id = param_id("id");
    let reload = RwSignal::new(0_u32);
    // `?milestone=7`: only that milestone's cards (a plain link, from the timeline).
    let query = leptos_router::hooks::use_query_map();
    let only = move || {
        query
            .read()
            .get("milestone")
            .and_then(|m| m.parse::<i64>().ok())
            .map(crate::milestones::MilestoneId)
    };
    let board = Resource::new(
        move || (id(), reload.get(), only()),
        |(id, _, only)| async move {
            match id {
                Some(id) => get_board(ProjectId(id), only).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    let state = BoardState {
        board,
        reload,
        announcement: RwSignal::new(String::new()),
        focus: StoredValue::new(None),
        dragging: StoredValue::new(false),
        missed: StoredValue::new(false),
        card_changed: RwSignal::new((None, 0)),
    };
    provide_context(state);
    #[cfg(feature = "hydrate")]
    follow_live_changes(id, state);
    // While a card's dialog is open, the board behind it takes no focus or clicks (the dialog is
    // modal for keyboards too).
    let location = leptos_router::hooks::use_location();
    let dialog_open = move || {
        location
            .pathname
            .read()
            .trim_end_matches('/')
            .rsplit_once("/board/")
            .is_some_and(|(_, card)| !card.is_empty())
    };
    view! {
        <div class="board-page" inert=move || dialog_open().then_some("")>
        <Transition fallback=Loading>
            {move || {
                // Read here, so a change of language draws the board again in it.
                let strings = use_strings().get();
                Suspend::new(async move {
                match board.await {
                    Ok(board) => view! { <BoardView board strings /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
                })
            }}
        </Transition>
        </div>
        <Outlet />
        <p class="visually-hidden" aria-live="polite" id="board-announcer">
            {move || state.announcement.get()}
        </p>
    }
}

/// Keeps the board current: opens the project's live stream once the board is loaded (starting
/// after the history position it was drawn at) and reloads the board on every change. The
/// browser's EventSource reconnects by itself and sends the last change it saw, so the stream
/// resumes where it stopped. Closed when the page goes away.
#[cfg(feature = "hydrate")]
fn follow_live_changes(id: impl Fn() -> Option<i64> + Copy + 'static, state: BoardState) {
    use gloo_net::eventsource::futures::EventSource;
    let open: StoredValue<Option<(i64, EventSource)>, LocalStorage> = StoredValue::new_local(None);
    Effect::new(move |_| {
        let Some(project) = id() else {
            return;
        };
        let Some(Ok(board)) = state.board.get() else {
            return;
        };
        if open.with_value(|o| o.as_ref().is_some_and(|(p, _)| *p == project)) {
            return;
        }
        let on_change = move |heard: stream::Heard| {
            // Updates and feedback are not on the board.
            if heard.updates || heard.feedback {
                return;
            }
            let card = heard.card;
            state.card_changed.update(|(c, n)| {
                *c = card;
                *n += 1;
            });
            // A comment shows only in its card's dialog (read again above), not on the board.
            if heard.comments {
                return;
            }
            if state.dragging.get_value() {
                state.missed.set_value(true);
            } else {
                state.changed();
            }
        };
        // Replacing the stored source drops (closes) the previous project's stream.
        if let Some(source) = stream::open(project, board.last_event.0, on_change) {
            open.set_value(Some((project, source)));
        }
    });
    on_cleanup(move || open.set_value(None));
}
