//! Moving cards in the browser: by keyboard (Shift + arrow keys on a focused card) and by
//! dragging (pointer events, so mouse, pen and touch share one path). Both end in the same
//! `move_card` call; the plain form in the card's dialog is the way without JavaScript.

use super::CardId;

/// Where a keyboard move sends a card: (column index, place in that column counted without the
/// card). `None` when the key does not move it (the edge of the board, or not an arrow).
pub fn keyboard_target(columns: &[Vec<CardId>], card: CardId, key: &str) -> Option<(usize, usize)> {
    let (column, place) = columns
        .iter()
        .enumerate()
        .find_map(|(c, cards)| cards.iter().position(|id| *id == card).map(|p| (c, p)))?;
    let len = |c: usize| columns[c].len();
    match key {
        "ArrowUp" => place.checked_sub(1).map(|p| (column, p)),
        "ArrowDown" => (place + 1 < len(column)).then_some((column, place + 1)),
        "ArrowLeft" => column.checked_sub(1).map(|c| (c, place.min(len(c)))),
        "ArrowRight" => {
            (column + 1 < columns.len()).then(|| (column + 1, place.min(len(column + 1))))
        }
        _ => None,
    }
}

#[cfg(feature = "hydrate")]
pub use browser::*;

#[cfg(feature = "hydrate")]
mod browser {
    use super::super::{Board, CardId, ColumnId};
    use crate::projects::ProjectId;
    use leptos::prelude::*;
    use leptos::wasm_bindgen::JsCast;
    use leptos::web_sys::{Element, HtmlElement, PointerEvent};

    /// Below this many pixels a press is a click (opens the card), above it a drag.
    const DRAG_THRESHOLD: f64 = 6.0;

    /// A drag in progress.
    #[derive(Clone)]
    pub struct Drag {
        card: CardId,
        element: HtmlElement,
        start: (f64, f64),
        /// Past the threshold: the card follows the pointer.
        pub dragging: bool,
    }

    /// The column element and the place a pointer at `y` points to (cards counted without the
    /// dragged one).
    fn drop_target(x: f64, y: f64, dragged: &HtmlElement) -> Option<(ColumnId, usize)> {
        let document = leptos::prelude::document();
        let under = document.element_from_point(x as f32, y as f32)?;
        let column = under.closest("[data-column]").ok()??;
        let id = column.get_attribute("data-column")?.parse::<i64>().ok()?;
        let cards = column.query_selector_all("[data-card]").ok()?;
        let mut place = 0;
        for i in 0..cards.length() {
            let Some(card) = cards.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if card == **dragged {
                continue;
            }
            let rect = card.get_bounding_client_rect();
            if rect.top() + rect.height() / 2.0 < y {
                place += 1;
            }
        }
        Some((ColumnId(id), place))
    }

    fn mark_drop_target(column: Option<ColumnId>) {
        let document = leptos::prelude::document();
        if let Ok(all) = document.query_selector_all(".board-column.is-drop-target") {
            for i in 0..all.length() {
                if let Some(el) = all.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    let _ = el.class_list().remove_1("is-drop-target");
                }
            }
        }
        if let Some(column) = column {
            if let Ok(Some(el)) =
                document.query_selector(&format!(".board-column[data-column=\"{column}\"]"))
            {
                let _ = el.class_list().add_1("is-drop-target");
            }
        }
    }

    /// Starts a possible drag on a card (primary button or a touch).
    pub fn pointer_down(ev: &PointerEvent, drag: StoredValue<Option<Drag>, LocalStorage>) {
        if ev.button() != 0 {
            return;
        }
        let Some(element) = ev
            .target()
            .and_then(|t| t.dyn_into::<Element>().ok())
            .and_then(|t| t.closest("[data-card]").ok().flatten())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
        else {
            return;
        };
        let Some(card) = element
            .get_attribute("data-card")
            .and_then(|v| v.parse::<i64>().ok())
        else {
            return;
        };
        drag.set_value(Some(Drag {
            card: CardId(card),
            element,
            start: (f64::from(ev.client_x()), f64::from(ev.client_y())),
            dragging: false,
        }));
    }

    /// Follows the pointer: past the threshold the card follows it and the column under it is
    /// marked.
    pub fn pointer_move(ev: &PointerEvent, drag: StoredValue<Option<Drag>, LocalStorage>) {
        let Some(mut current) = drag.get_value() else {
            return;
        };
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let (dx, dy) = (x - current.start.0, y - current.start.1);
        if !current.dragging {
            if dx.hypot(dy) < DRAG_THRESHOLD {
                return;
            }
            current.dragging = true;
            let _ = current.element.set_pointer_capture(ev.pointer_id());
            let _ = current.element.class_list().add_1("is-dragging");
            drag.set_value(Some(current.clone()));
        }
        ev.prevent_default();
        let _ = current
            .element
            .style()
            .set_property("transform", &format!("translate({dx}px, {dy}px)"));
        mark_drop_target(drop_target(x, y, &current.element).map(|(c, _)| c));
    }

    /// Ends a press: a drag answers where the card was dropped (and the click that follows
    /// must not open the card); a click answers `None`.
    pub fn pointer_up(
        ev: &PointerEvent,
        drag: StoredValue<Option<Drag>, LocalStorage>,
    ) -> Option<(CardId, ColumnId, usize)> {
        let current = drag.get_value()?;
        drag.set_value(None);
        if !current.dragging {
            return None;
        }
        let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
        let target = drop_target(x, y, &current.element);
        let _ = current.element.style().remove_property("transform");
        let _ = current.element.class_list().remove_1("is-dragging");
        mark_drop_target(None);
        target.map(|(column, place)| (current.card, column, place))
    }

    /// Shift + an arrow key on a focused card moves it one place or one column.
    pub fn keyboard_move(
        ev: &leptos::web_sys::KeyboardEvent,
        board: &Board,
        state: super::super::view::state::BoardState,
    ) {
        if !ev.shift_key() || !board.may_edit {
            return;
        }
        let Some(card) = focused_card() else {
            return;
        };
        let columns: Vec<Vec<CardId>> = board
            .columns
            .iter()
            .map(|c| c.cards.iter().map(|x| x.id).collect())
            .collect();
        let Some((column, place)) = super::keyboard_target(&columns, card, &ev.key()) else {
            return;
        };
        ev.prevent_default();
        send_move(board, card, board.columns[column].id, place, state);
    }

    /// The card that has the keyboard focus, if any.
    pub fn focused_card() -> Option<CardId> {
        let active = leptos::prelude::document().active_element()?;
        active
            .closest("[data-card]")
            .ok()??
            .get_attribute("data-card")?
            .parse::<i64>()
            .ok()
            .map(CardId)
    }

    /// Gives the keyboard focus back to a card after the board was drawn again, if the focus was
    /// lost with the old drawing (it is then on the page's body).
    pub fn focus_card_if_lost(card: CardId) {
        let document = leptos::prelude::document();
        let lost = document
            .active_element()
            .is_none_or(|el| el.tag_name().eq_ignore_ascii_case("body"));
        if !lost {
            return;
        }
        if let Ok(Some(el)) =
            leptos::prelude::document().query_selector(&format!("[data-card=\"{card}\"]"))
        {
            if let Ok(el) = el.dyn_into::<HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// Moves a card on the server, then says so to screen readers, reloads the board and keeps
    /// the focus on the card.
    pub fn send_move(
        board: &Board,
        card: CardId,
        column: ColumnId,
        place: usize,
        state: super::super::view::state::BoardState,
    ) {
        let t = crate::i18n::view::use_strings().get_untracked();
        let project: ProjectId = board.project;
        let title = board
            .columns
            .iter()
            .flat_map(|c| c.cards.iter())
            .find(|c| c.id == card)
            .map(|c| c.title.clone())
            .unwrap_or_default();
        let target = board.columns.iter().find(|c| c.id == column);
        let name = target.map(|c| c.name.clone()).unwrap_or_default();
        let staying = target.is_some_and(|c| c.cards.iter().any(|x| x.id == card));
        let total = target.map_or(0, |c| c.cards.len()) + usize::from(!staying);
        leptos::task::spawn_local(async move {
            let answer = super::super::api::move_card(project, card, column, place).await;
            match answer {
                Ok(()) => {
                    state
                        .announcement
                        .set((t.card_moved)(&title, &name, place + 1, total));
                    state.focus.set_value(Some(card));
                    state.changed();
                }
                Err(error) => state.announcement.set(error.message(t)),
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Vec<Vec<CardId>> {
        vec![
            vec![CardId(1), CardId(2), CardId(3)],
            vec![CardId(4)],
            vec![],
        ]
    }

    #[test]
    fn arrows_move_within_and_between_columns() {
        let b = board();
        assert_eq!(keyboard_target(&b, CardId(2), "ArrowUp"), Some((0, 0)));
        assert_eq!(keyboard_target(&b, CardId(2), "ArrowDown"), Some((0, 2)));
        assert_eq!(keyboard_target(&b, CardId(3), "ArrowDown"), None);
        assert_eq!(keyboard_target(&b, CardId(1), "ArrowUp"), None);
        assert_eq!(keyboard_target(&b, CardId(3), "ArrowRight"), Some((1, 1)));
        assert_eq!(keyboard_target(&b, CardId(4), "ArrowRight"), Some((2, 0)));
        assert_eq!(keyboard_target(&b, CardId(4), "ArrowLeft"), Some((0, 0)));
        assert_eq!(keyboard_target(&b, CardId(1), "ArrowLeft"), None);
        assert_eq!(keyboard_target(&b, CardId(9), "ArrowUp"), None);
        assert_eq!(keyboard_target(&b, CardId(1), "Enter"), None);
    }
}
