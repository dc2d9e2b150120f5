//! What the board's parts share while the board page is open: the board as loaded and how to
//! reload it, the route's ids, and what the screen reader is told.

use crate::board::Board;
use crate::error::AppError;
use leptos::prelude::*;

/// What the board's parts share: the board as loaded, and a counter that reloads it after a
/// change made here.
#[derive(Clone, Copy)]
pub struct BoardState {
    pub board: Resource<Result<Board, AppError>>,
    pub reload: RwSignal<u32>,
    /// What the screen reader is told (a card moved, or why it could not).
    pub announcement: RwSignal<String>,
    /// The card to give the focus back to once the board is drawn again.
    pub focus: StoredValue<Option<crate::board::CardId>>,
    /// A card is being dragged: changes from others wait until it is dropped (drawing the
    /// board again would take the card from under the pointer).
    pub dragging: StoredValue<bool>,
    /// A change arrived during a drag.
    pub missed: StoredValue<bool>,
    /// The card of the newest live change, with a count so that two changes of one card differ.
    pub card_changed: RwSignal<(Option<crate::board::CardId>, u32)>,
}

impl BoardState {
    pub fn changed(&self) {
        self.reload.update(|n| *n += 1);
    }
}

pub(super) use crate::ui::param_id;

/// Refreshes the board after one of its forms succeeded.
pub(super) fn reload_after<S>(action: ServerAction<S>)
where
    S: leptos::server_fn::ServerFn<Error = AppError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    let state = use_context::<BoardState>();
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(_))) {
            if let Some(state) = state {
                state.changed();
            }
        }
    });
}
