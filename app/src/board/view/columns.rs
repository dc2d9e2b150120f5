//! The board drawn: its columns and cards, the forms to add and arrange them, and the
//! pointer and keyboard handlers (set once on the board, not per card).

use super::state::reload_after;
#[cfg(feature = "hydrate")]
use super::state::BoardState;
use crate::board::{Board, BoardColumn, ColumnId};
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

#[component]
pub(super) fn BoardView(board: Board, strings: &'static crate::i18n::Strings) -> impl IntoView {
    let t = use_strings();
    let project = board.project;
    let may_edit = board.may_edit;
    let total = board.card_count();
    let column_count = board.columns.len();
    let handlers = BoardHandlers::new(&board);
    let alerts = board.alerts();
    let risks = std::sync::Arc::new(board.milestone_risks.clone());
    view! {
        <Title text=format!("{} · {}", board.project_name, t.get_untracked().tab_board) />
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <header class="page-header">
            <h1>{board.project_name.clone()}</h1>
            <crate::projects::view::ProjectTabs project current="board" staff=board.may_edit />
            <p class="page-intro">
                {move || (t.get().card_count)(total)}
                {may_edit.then(|| view! { " · " {move || t.get().board_staff_hint} })}
            </p>
            {board
                .only_milestone
                .clone()
                .map(|(_, title)| {
                    view! {
                        <p class="board-filter" role="status">
                            {move || (t.get().board_only_milestone)(&title)}
                            " "
                            <A href=format!("/projects/{project}/board")>{move || t.get().show_all_cards}</A>
                        </p>
                    }
                })}
            <crate::projects::view::MilestoneAlertsNote project alerts />
        </header>
        <crate::ui::ReachedBanner titles=board.reached.clone() />
        {may_edit
            .then(|| {
                view! {
                    <p id="move-instructions" class="visually-hidden">
                        {move || t.get().move_instructions}
                    </p>
                }
            })}
        <div
            class="board"
            data-project=project.0
            on:keydown=move |ev| handlers.key(ev)
            on:pointerdown=move |ev| handlers.pointer_down(ev)
            on:pointermove=move |ev| handlers.pointer_move(ev)
            on:pointerup=move |ev| handlers.pointer_up(ev)
            on:pointercancel=move |ev| handlers.pointer_up(ev)
            on:click=move |ev| handlers.click(ev)
            on:focusin=move |ev| handlers.focus_in(ev)
        >
            {board
                .columns
                .into_iter()
                .enumerate()
                .map(|(index, column)| {
                    let risks = risks.clone();
                    view! { <ColumnView project column index column_count may_edit risks strings /> }
                })
                .collect_view()}
            {may_edit.then(|| view! { <AddColumnForm project /> })}
        </div>
    }
    .into_any()
}

/// The board's keyboard and pointer handlers (staff only; they do nothing on the server or for
/// clients). One set on the board, not one per card.
#[derive(Clone, Copy)]
struct BoardHandlers {
    #[cfg(feature = "hydrate")]
    board: StoredValue<Board>,
    #[cfg(feature = "hydrate")]
    drag: StoredValue<Option<crate::board::moving::Drag>, LocalStorage>,
    /// Set when a drag ends over a card, so the click that follows does not open it.
    #[cfg(feature = "hydrate")]
    swallow_click: StoredValue<bool>,
    #[cfg(feature = "hydrate")]
    state: Option<BoardState>,
}

impl BoardHandlers {
    fn new(board: &Board) -> BoardHandlers {
        #[cfg(feature = "hydrate")]
        {
            let state = use_context::<BoardState>();
            // Once the board is drawn again (a move, or a change from someone else), the focus
            // goes back to the card that had it, unless it is somewhere else by then.
            if let Some(state) = state {
                Effect::new(move |_| {
                    request_animation_frame(move || {
                        if let Some(card) = state.focus.get_value() {
                            crate::board::moving::focus_card_if_lost(card);
                        }
                    });
                });
            }
            BoardHandlers {
                board: StoredValue::new(board.clone()),
                drag: StoredValue::new_local(None),
                swallow_click: StoredValue::new(false),
                state,
            }
        }
        #[cfg(not(feature = "hydrate"))]
        {
            let _ = board;
            BoardHandlers {}
        }
    }

    #[cfg(feature = "hydrate")]
    fn editable(&self) -> bool {
        self.state.is_some() && self.board.with_value(|b| b.may_edit)
    }

    fn key(&self, ev: leptos::ev::KeyboardEvent) {
        #[cfg(feature = "hydrate")]
        if let (true, Some(state)) = (self.editable(), self.state) {
            self.board
                .with_value(|board| crate::board::moving::keyboard_move(&ev, board, state));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn pointer_down(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        if self.editable() {
            crate::board::moving::pointer_down(&ev, self.drag);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn pointer_move(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            crate::board::moving::pointer_move(&ev, self.drag);
            let dragging = self
                .drag
                .with_value(|d| d.as_ref().is_some_and(|d| d.dragging));
            if let (true, Some(state)) = (dragging, self.state) {
                state.dragging.set_value(true);
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn pointer_up(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            let dropped = crate::board::moving::pointer_up(&ev, self.drag);
            if let Some(state) = self.state {
                state.dragging.set_value(false);
                if let Some((card, column, place)) = dropped {
                    self.swallow_click.set_value(true);
                    self.board.with_value(|board| {
                        crate::board::moving::send_move(board, card, column, place, state)
                    });
                }
                if state.missed.get_value() {
                    state.missed.set_value(false);
                    state.changed();
                }
            }
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    /// Remembers which card has the focus, to give it back after the board is drawn again.
    fn focus_in(&self, ev: leptos::ev::FocusEvent) {
        #[cfg(feature = "hydrate")]
        if let Some(state) = self.state {
            let _ = ev;
            state.focus.set_value(crate::board::moving::focused_card());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn click(&self, ev: leptos::ev::MouseEvent) {
        #[cfg(feature = "hydrate")]
        if self.swallow_click.get_value() {
            self.swallow_click.set_value(false);
            ev.prevent_default();
            ev.stop_propagation();
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }
}

#[component]
fn ColumnView(
    project: ProjectId,
    column: BoardColumn,
    index: usize,
    column_count: usize,
    may_edit: bool,
    risks: std::sync::Arc<Vec<(crate::milestones::MilestoneId, crate::milestones::Risk)>>,
    strings: &'static crate::i18n::Strings,
) -> impl IntoView {
    let t = use_strings();
    let heading = format!("column-{}-title", column.id);
    let labelled_by = heading.clone();
    let count = column.cards.len();
    let empty = column.cards.is_empty();
    view! {
        <section
            class="board-column"
            class:is-done=column.is_done
            aria-labelledby=labelled_by
            data-column=column.id.0
        >
            <header class="board-column-header">
                <h2 id=heading>{column.name.clone()}</h2>
                <span class="board-column-count" aria-label=move || (t.get().card_count)(count)>
                    {count}
                </span>
                {column.is_done.then(|| view! { <span class="badge">{move || t.get().column_done_badge}</span> })}
            </header>
            {empty.then(|| view! { <p class="empty-note">{move || t.get().column_empty}</p> })}
            <ol
                class="board-cards"
                inner_html=crate::board::cards_html::cards_html(project, &column.cards, may_edit, &risks, strings)
            ></ol>
            {may_edit
                .then(|| {
                    view! {
                        <AddCardForm project column=column.id />
                        <ColumnMenu
                            project
                            column=column.id
                            name=column.name.clone()
                            first=index == 0
                            last=index + 1 == column_count
                            is_done=column.is_done
                            empty
                        />
                    }
                })}
        </section>
    }
}

/// Staff add a card at the bottom of a column.
#[component]
fn AddCardForm(project: ProjectId, column: ColumnId) -> impl IntoView {
    use crate::ui::form::{action_error, FormError};
    let t = use_strings();
    let action = ServerAction::<crate::board::api::CreateCard>::new();
    let error = action_error(action);
    reload_after(action);
    let field = format!("new-card-{column}");
    let error_id = format!("new-card-error-{column}");
    // Closed until asked for, as boards people know do: a board of five columns shows its
    // work, not five forms. A plain <details>, so it opens without JavaScript too.
    view! {
        <details class="add-card-toggle">
            <summary>{move || t.get().add_card_toggle}</summary>
        <ActionForm action=action attr:class="add-card">
            <FormError error id=error_id />
            <input type="hidden" name="project" value=project.0 />
            <input type="hidden" name="column" value=column.0 />
            <label for=field.clone() class="visually-hidden">{move || t.get().new_card_label}</label>
            <input
                id=field
                name="title"
                type="text"
                required
                maxlength="200"
                autocomplete="off"
                placeholder=move || t.get().new_card_label
            />
            <label class="checkbox">
                <input type="checkbox" name="visibility" value="internal" />
                {move || t.get().internal_checkbox}
            </label>
            <button type="submit" class="button" disabled=move || action.pending().get()>
                {move || t.get().add_card_button}
            </button>
        </ActionForm>
        </details>
    }
}

/// A column's menu: rename, move left or right, mark as done, delete when empty.
#[component]
fn ColumnMenu(
    project: ProjectId,
    column: ColumnId,
    name: String,
    first: bool,
    last: bool,
    is_done: bool,
    empty: bool,
) -> impl IntoView {
    use crate::board::api::{ChangeColumn, RenameColumn};
    use crate::board::ColumnChange;
    use crate::ui::form::{action_error, either_error, FormError};
    let t = use_strings();
    let rename = ServerAction::<RenameColumn>::new();
    let change = ServerAction::<ChangeColumn>::new();
    reload_after(rename);
    reload_after(change);
    let error = either_error(action_error(rename), action_error(change));
    let field = format!("column-name-{column}");
    let change_button =
        move |what: ColumnChange, label: fn(&crate::i18n::Strings) -> &'static str| {
            view! {
                <ActionForm action=change attr:class="inline-form">
                    <input type="hidden" name="project" value=project.0 />
                    <input type="hidden" name="column" value=column.0 />
                    <input type="hidden" name="change" value=format!("{what:?}").to_lowercase() />
                    <button type="submit" class="button button-small">{move || label(t.get())}</button>
                </ActionForm>
            }
        };
    view! {
        <details class="column-menu">
            <summary>{move || t.get().column_menu}</summary>
            <FormError error id=format!("column-error-{column}") />
            <ActionForm action=rename attr:class="form">
                <input type="hidden" name="project" value=project.0 />
                <input type="hidden" name="column" value=column.0 />
                <label for=field.clone()>{move || t.get().column_name_label}</label>
                <input id=field name="column_name" type="text" required maxlength="60" value=name />
                <button type="submit" class="button button-small">{move || t.get().rename_button}</button>
            </ActionForm>
            {(!first).then(|| change_button(ColumnChange::Left, |t| t.column_left))}
            {(!last).then(|| change_button(ColumnChange::Right, |t| t.column_right))}
            {(!is_done).then(|| change_button(ColumnChange::Done, |t| t.column_make_done))}
            // Deleting asks first, in the page itself, so it also asks without JavaScript.
            {empty
                .then(|| {
                    view! {
                        <details class="confirm">
                            <summary class="button button-small">{move || t.get().column_delete}</summary>
                            <p>{move || t.get().delete_column_confirm}</p>
                            {change_button(ColumnChange::Delete, |t| t.column_delete_yes)}
                        </details>
                    }
                })}
        </details>
    }
}

#[component]
fn AddColumnForm(project: ProjectId) -> impl IntoView {
    use crate::ui::form::{action_error, FormError};
    let t = use_strings();
    let action = ServerAction::<crate::board::api::AddColumn>::new();
    let error = action_error(action);
    reload_after(action);
    view! {
        <section class="board-column board-column-new" aria-labelledby="new-column-title">
            <h2 id="new-column-title">{move || t.get().new_column_title}</h2>
            <ActionForm action=action attr:class="form">
                <FormError error id="new-column-error" />
                <input type="hidden" name="project" value=project.0 />
                <label for="new-column-name">{move || t.get().column_name_label}</label>
                <input id="new-column-name" name="column_name" type="text" required maxlength="60" />
                <button type="submit" class="button">{move || t.get().add_column_button}</button>
            </ActionForm>
        </section>
    }
}
