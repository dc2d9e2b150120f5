//! The board page (`/projects/{id}/board`) and a card's dialog (`/projects/{id}/board/{card}`,
//! shareable). Every control is a plain form first, so the board works without JavaScript;
//! with it, the same forms submit in place and the board refreshes.

use super::api::{get_board, get_card};
use super::{Board, BoardColumn, CardDetail, ColumnId, Visibility};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::{ErrorPanel, LoadFailed, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_params_map;

/// What the board's parts share: the board as loaded, and a counter that reloads it after a
/// change made here.
#[derive(Clone, Copy)]
pub struct BoardState {
    pub board: Resource<Result<Board, AppError>>,
    pub reload: RwSignal<u32>,
    /// What the screen reader is told (a card moved, or why it could not).
    pub announcement: RwSignal<String>,
    /// The card to give the focus back to once the board is drawn again.
    pub focus: StoredValue<Option<super::CardId>>,
    /// A card is being dragged: changes from others wait until it is dropped (drawing the
    /// board again would take the card from under the pointer).
    pub dragging: StoredValue<bool>,
    /// A change arrived during a drag.
    pub missed: StoredValue<bool>,
    /// The card of the newest live change, with a count so that two changes of one card differ.
    pub card_changed: RwSignal<(Option<super::CardId>, u32)>,
}

impl BoardState {
    pub fn changed(&self) {
        self.reload.update(|n| *n += 1);
    }
}

fn param_id(name: &'static str) -> impl Fn() -> Option<i64> + Copy {
    let params = use_params_map();
    move || params.read().get(name).and_then(|v| v.parse::<i64>().ok())
}

/// `/projects/{id}/board`.
#[component]
pub fn BoardPage() -> impl IntoView {
    let id = param_id("id");
    let reload = RwSignal::new(0_u32);
    let board = Resource::new(
        move || (id(), reload.get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_board(ProjectId(id)).await,
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
    use futures::StreamExt;
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
        let url = format!("/events/projects/{project}?after={}", board.last_event);
        let Ok(mut source) = EventSource::new(&url) else {
            return;
        };
        let Ok(mut changes) = source.subscribe("change") else {
            return;
        };
        // Replacing the stored source drops (closes) the previous project's stream.
        open.set_value(Some((project, source)));
        leptos::task::spawn_local(async move {
            while let Some(change) = changes.next().await {
                let Ok((_, message)) = change else {
                    continue;
                };
                let card = message
                    .data()
                    .as_string()
                    .and_then(|data| super::BoardChange::card_in(&data));
                state.card_changed.update(|(c, n)| {
                    *c = card;
                    *n += 1;
                });
                if state.dragging.get_value() {
                    state.missed.set_value(true);
                } else {
                    state.changed();
                }
            }
        });
    });
    on_cleanup(move || open.set_value(None));
}

/// The project's two tabs: its welcome page and its board.
#[component]
pub fn ProjectTabs(project: ProjectId, current: &'static str) -> impl IntoView {
    let t = use_strings();
    let tab =
        move |key: &'static str, href: String, label: fn(&crate::i18n::Strings) -> &'static str| {
            view! {
                <A href=href attr:class="tab" attr:aria-current=(current == key).then_some("page")>
                    {move || label(t.get())}
                </A>
            }
        };
    view! {
        <nav class="tabs" aria-label=move || t.get().project_sections>
            {tab("welcome", format!("/projects/{project}"), |t| t.tab_welcome)}
            {tab("board", format!("/projects/{project}/board"), |t| t.tab_board)}
        </nav>
    }
}

#[component]
fn BoardView(board: Board, strings: &'static crate::i18n::Strings) -> impl IntoView {
    let t = use_strings();
    let project = board.project;
    let may_edit = board.may_edit;
    let total = board.card_count();
    let column_count = board.columns.len();
    let handlers = BoardHandlers::new(&board);
    view! {
        <Title text=format!("{} · {}", board.project_name, t.get_untracked().tab_board) />
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <header class="page-header">
            <h1>{board.project_name.clone()}</h1>
            <ProjectTabs project current="board" />
            <p class="page-intro">
                {move || (t.get().card_count)(total)}
                {may_edit.then(|| view! { " · " {move || t.get().board_staff_hint} })}
            </p>
        </header>
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
                    view! { <ColumnView project column index column_count may_edit strings /> }
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
    drag: StoredValue<Option<super::moving::Drag>, LocalStorage>,
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
                            super::moving::focus_card_if_lost(card);
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
                .with_value(|board| super::moving::keyboard_move(&ev, board, state));
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn pointer_down(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        if self.editable() {
            super::moving::pointer_down(&ev, self.drag);
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    }

    fn pointer_move(&self, ev: leptos::ev::PointerEvent) {
        #[cfg(feature = "hydrate")]
        {
            super::moving::pointer_move(&ev, self.drag);
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
            let dropped = super::moving::pointer_up(&ev, self.drag);
            if let Some(state) = self.state {
                state.dragging.set_value(false);
                if let Some((card, column, place)) = dropped {
                    self.swallow_click.set_value(true);
                    self.board.with_value(|board| {
                        super::moving::send_move(board, card, column, place, state)
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
            state.focus.set_value(super::moving::focused_card());
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
                inner_html=super::cards_html::cards_html(project, &column.cards, may_edit, strings)
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

/// Refreshes the board after one of its forms succeeded.
fn reload_after<S>(action: ServerAction<S>)
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

/// Staff add a card at the bottom of a column.
#[component]
fn AddCardForm(project: ProjectId, column: ColumnId) -> impl IntoView {
    use crate::ui::form::{action_error, FormError};
    let t = use_strings();
    let action = ServerAction::<super::api::CreateCard>::new();
    let error = action_error(action);
    reload_after(action);
    let field = format!("new-card-{column}");
    let error_id = format!("new-card-error-{column}");
    view! {
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
    use super::api::{ChangeColumn, RenameColumn};
    use super::ColumnChange;
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
    let action = ServerAction::<super::api::AddColumn>::new();
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

/// `/projects/{id}/board/{card}`: the card in a dialog over the board.
#[component]
pub fn CardDialog() -> impl IntoView {
    use super::api::{MoveCard, UpdateCard};
    let t = use_strings();
    let id = param_id("id");
    let card = param_id("card");
    let update = ServerAction::<UpdateCard>::new();
    let moved = ServerAction::<MoveCard>::new();
    reload_after(update);
    reload_after(moved);
    // The card is read again after a save or a move, and after a refused save whose card changed
    // meanwhile; a save refused for bad input keeps the form as typed.
    let saved = RwSignal::new(0_u32);
    Effect::new(move |_| {
        if matches!(
            update.value().get(),
            Some(Ok(_)) | Some(Err(AppError::Conflict))
        ) {
            saved.update(|n| *n += 1);
        }
    });
    Effect::new(move |_| {
        if matches!(moved.value().get(), Some(Ok(_))) {
            saved.update(|n| *n += 1);
        }
    });
    // A change someone else made to this card: read it again, unless the editor holds typing
    // (then say so; saving shows their version first, as a conflict).
    let typing = RwSignal::new(false);
    let outdated = RwSignal::new(false);
    if let Some(state) = use_context::<BoardState>() {
        Effect::new(move |first: Option<()>| {
            let (changed, _) = state.card_changed.get();
            // The change that was newest when the dialog opened is already in what it reads.
            if first.is_some() && changed.is_some_and(|c| Some(c.0) == card()) {
                if typing.get_untracked() {
                    outdated.set(true);
                } else {
                    saved.update(|n| *n += 1);
                }
            }
        });
    }
    Effect::new(move |_| {
        saved.track();
        typing.set(false);
        outdated.set(false);
    });
    let detail = Resource::new(
        move || (id(), card(), saved.get()),
        |(id, card, _)| async move {
            match (id, card) {
                (Some(id), Some(card)) => get_card(ProjectId(id), super::CardId(card)).await,
                _ => Err(AppError::NotFound),
            }
        },
    );
    let board_href = move || format!("/projects/{}/board", id().unwrap_or_default());
    let navigate = leptos_router::hooks::use_navigate();
    let close_on_escape = move |ev: leptos::ev::KeyboardEvent| {
        if ev.key() == "Escape" {
            navigate(&board_href(), Default::default());
        }
    };
    let heading = NodeRef::<leptos::html::H2>::new();
    // Focus moves into the dialog when it opens, so keyboard and screen-reader users land on it.
    Effect::new(move |_| {
        if let Some(h) = heading.get() {
            let _ = h.focus();
        }
    });
    view! {
        <div class="dialog-backdrop">
            <div
                class="dialog card-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="card-dialog-title"
                on:keydown=close_on_escape
            >
                <A href=board_href attr:class="dialog-close" attr:aria-label=move || t.get().close>
                    "×"
                </A>
                <Transition fallback=Loading>
                    {move || Suspend::new(async move {
                        match detail.await {
                            Ok(card) => {
                                view! {
                                    <CardDetailView
                                        project=ProjectId(id().unwrap_or_default())
                                        card
                                        update
                                        moved
                                        heading
                                        typing
                                        outdated
                                    />
                                }
                                    .into_any()
                            }
                            Err(error) => {
                                view! {
                                    <h2 id="card-dialog-title" tabindex="-1" node_ref=heading>
                                        {move || t.get().card_missing}
                                    </h2>
                                    <ErrorPanel error />
                                }
                                    .into_any()
                            }
                        }
                    })}
                </Transition>
            </div>
        </div>
    }
}

#[component]
fn CardDetailView(
    project: ProjectId,
    card: CardDetail,
    update: ServerAction<super::api::UpdateCard>,
    moved: ServerAction<super::api::MoveCard>,
    heading: NodeRef<leptos::html::H2>,
    typing: RwSignal<bool>,
    outdated: RwSignal<bool>,
) -> impl IntoView {
    let t = use_strings();
    let internal = card.visibility == Visibility::Internal;
    let may_edit = card.may_edit;
    let due = card.due_on;
    let history = card.history.clone();
    let body_html = card.body_html.clone();
    let editor = may_edit.then(|| {
        view! {
            <CardEditor project card=card.clone() update typing outdated />
            <MoveForm project card=card.id current=card.column_id columns=card.columns.clone() moved />
        }
    });
    view! {
        <Title text=card.title.clone() />
        <h2 id="card-dialog-title" tabindex="-1" node_ref=heading>{card.title.clone()}</h2>
        <dl class="card-facts">
            <dt>{move || t.get().column_label}</dt>
            <dd>{card.column_name.clone()}</dd>
            <dt>{move || t.get().assignee_label}</dt>
            <dd>{card.assignee.clone().unwrap_or_else(|| t.get_untracked().unassigned.to_string())}</dd>
            <dt>{move || t.get().due_label}</dt>
            <dd>
                {match due {
                    Some(d) => view! { {move || (t.get().date)(d.year, d.month, d.day)} }.into_any(),
                    None => view! { {move || t.get().no_due_date} }.into_any(),
                }}
            </dd>
            {(!card.labels.is_empty())
                .then(|| {
                    view! {
                        <dt>{move || t.get().labels_label}</dt>
                        <dd>
                            {card.labels.iter().map(|l| view! { <span class="label-chip">{l.clone()}</span> }).collect_view()}
                        </dd>
                    }
                })}
        </dl>
        {internal.then(|| view! { <p class="badge badge-internal">{move || t.get().internal_note}</p> })}
        {if body_html.is_empty() {
            view! { <p class="empty-note">{move || t.get().no_description}</p> }.into_any()
        } else {
            view! { <div class="markdown card-body" inner_html=body_html></div> }.into_any()
        }}
        {editor}
        <section class="card-history" aria-labelledby="card-history-title">
            <h3 id="card-history-title">{move || t.get().history_title}</h3>
            <ol>
                {history
                    .into_iter()
                    .map(|entry| {
                        let who = entry.actor.clone().unwrap_or_default();
                        let at = entry.at;
                        view! {
                            <li>
                                <strong>{who}</strong>
                                " "
                                {move || t.get().history_line(&entry)}
                                " · "
                                <time>{move || t.get().date_of(at)}</time>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}

/// Staff edit a card. The editor keeps what was typed when the save is refused, and shows why.
#[component]
fn CardEditor(
    project: ProjectId,
    card: CardDetail,
    update: ServerAction<super::api::UpdateCard>,
    /// Set once something is typed, so a change from someone else does not redraw the form.
    typing: RwSignal<bool>,
    /// Someone else changed the card while this form held typing.
    outdated: RwSignal<bool>,
) -> impl IntoView {
    use crate::ui::form::{action_error, invalid_when, FormError};
    let t = use_strings();
    let error = action_error(update);
    let invalid = move |name| invalid_when(error, name);
    let assignee = card.assignee_id;
    let internal = card.visibility == Visibility::Internal;
    view! {
        <details class="card-editor" open=error.get_untracked().is_some()>
            <summary>{move || t.get().edit_card}</summary>
            <ActionForm
                action=update
                attr:class="form"
                attr:novalidate=true
                on:input=move |_| typing.set(true)
            >
                <FormError error id="card-error" />
                {move || {
                    outdated
                        .get()
                        .then(|| {
                            view! {
                                <p class="field-hint" role="status">
                                    {move || t.get().card_changed_elsewhere}
                                </p>
                            }
                        })
                }}
                {move || {
                    matches!(error.get(), Some(AppError::Conflict))
                        .then(|| view! { <p class="field-hint">{move || t.get().card_conflict_hint}</p> })
                }}
                <input type="hidden" name="project" value=project.0 />
                <input type="hidden" name="card" value=card.id.0 />
                <input type="hidden" name="version" value=card.version />
                <label for="card-title">{move || t.get().title_label}</label>
                <input
                    id="card-title"
                    name="title"
                    type="text"
                    required
                    value=card.title.clone()
                    aria-invalid=invalid("title")
                />
                <label for="card-body">{move || t.get().description_label}</label>
                <p class="field-hint" id="card-body-hint">{move || t.get().markdown_hint}</p>
                <textarea id="card-body" name="body" rows="6" aria-describedby="card-body-hint" aria-invalid=invalid("body")>
                    {card.body.clone()}
                </textarea>
                <label for="card-assignee">{move || t.get().assignee_label}</label>
                <select id="card-assignee" name="assignee">
                    <option value="" selected=assignee.is_none()>{move || t.get().unassigned}</option>
                    {card
                        .assignees
                        .into_iter()
                        .map(|(id, name)| {
                            view! { <option value=id.0 selected=assignee == Some(id)>{name}</option> }
                        })
                        .collect_view()}
                </select>
                <label for="card-due">{move || t.get().due_label}</label>
                <input
                    id="card-due"
                    name="due_on"
                    type="date"
                    min="1900-01-01"
                    max="9999-12-31"
                    value=card.due_on.map(super::DueDate::iso)
                    aria-invalid=invalid("due_on")
                />
                <label for="card-labels">{move || t.get().labels_label}</label>
                <p class="field-hint" id="card-labels-hint">{move || t.get().labels_hint}</p>
                <input
                    id="card-labels"
                    name="labels"
                    type="text"
                    value=card.labels.join(", ")
                    aria-describedby="card-labels-hint"
                    aria-invalid=invalid("labels")
                />
                <fieldset>
                    <legend>{move || t.get().visibility_label}</legend>
                    <label class="checkbox">
                        <input type="radio" name="visibility" value="client" checked=!internal />
                        {move || t.get().visibility_client}
                    </label>
                    <label class="checkbox">
                        <input type="radio" name="visibility" value="internal" checked=internal />
                        {move || t.get().visibility_internal}
                    </label>
                </fieldset>
                <button type="submit" class="button" disabled=move || update.pending().get()>
                    {move || if update.pending().get() { t.get().saving } else { t.get().save_card }}
                </button>
            </ActionForm>
        </details>
    }
}

/// Moves the card with a plain form: a column and the top or the bottom of it (the way to move
/// without a mouse or JavaScript).
#[component]
fn MoveForm(
    project: ProjectId,
    card: super::CardId,
    current: ColumnId,
    columns: Vec<(ColumnId, String)>,
    moved: ServerAction<super::api::MoveCard>,
) -> impl IntoView {
    use crate::ui::form::{action_error, FormError};
    let t = use_strings();
    let error = action_error(moved);
    view! {
        <ActionForm action=moved attr:class="form move-form">
            <FormError error id="move-error" />
            <input type="hidden" name="project" value=project.0 />
            <input type="hidden" name="card" value=card.0 />
            <label for="move-column">{move || t.get().move_to_label}</label>
            <select id="move-column" name="column">
                {columns
                    .into_iter()
                    .map(|(id, name)| view! { <option value=id.0 selected=id == current>{name}</option> })
                    .collect_view()}
            </select>
            <label for="move-position">{move || t.get().position_label}</label>
            <select id="move-position" name="position">
                <option value="0">{move || t.get().position_top}</option>
                <option value="1000000" selected>{move || t.get().position_bottom}</option>
            </select>
            <button type="submit" class="button" disabled=move || moved.pending().get()>
                {move || t.get().move_button}
            </button>
        </ActionForm>
    }
}
