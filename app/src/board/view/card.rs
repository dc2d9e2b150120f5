//! A card's dialog over the board: its details and history, the editor (staff), and the form
//! that moves it without a mouse or JavaScript.

use super::state::{param_id, reload_after, BoardState};
use crate::board::api::get_card;
use crate::board::{CardDetail, ColumnId, Visibility};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::{ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/projects/{id}/board/{card}`: the card in a dialog over the board.
#[component]
pub fn CardDialog() -> impl IntoView {
    use crate::board::api::{MoveCard, UpdateCard};
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
    // Bumped by the card's conversation after each success: the card is read again, unless the
    // editor holds typing (then it says the card changed, as for someone else's change).
    let commented = RwSignal::new(0_u64);
    Effect::new(move |first: Option<()>| {
        commented.track();
        if first.is_some() {
            if typing.get_untracked() {
                outdated.set(true);
            } else {
                saved.update(|n| *n += 1);
            }
        }
    });
    let detail = Resource::new(
        move || (id(), card(), saved.get()),
        |(id, card, ..)| async move {
            match (id, card) {
                (Some(id), Some(card)) => get_card(ProjectId(id), crate::board::CardId(card)).await,
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
                                        commented
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
    update: ServerAction<crate::board::api::UpdateCard>,
    moved: ServerAction<crate::board::api::MoveCard>,
    heading: NodeRef<leptos::html::H2>,
    typing: RwSignal<bool>,
    outdated: RwSignal<bool>,
    commented: RwSignal<u64>,
) -> impl IntoView {
    let t = use_strings();
    let internal = card.visibility == Visibility::Internal;
    let thread = card.thread.clone();
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
            {card
                .milestone
                .clone()
                .map(|(_, title)| {
                    view! {
                        <dt>{move || t.get().milestone_label}</dt>
                        <dd>{title}</dd>
                    }
                })}
            <dt>{move || t.get().due_label}</dt>
            <dd>
                {match due {
                    Some(d) => view! { {move || d.in_words(t.get())} }.into_any(),
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
        {thread
            .map(|thread| {
                view! { <crate::comments::view::ThreadView thread done=commented also_labelled_by="card-dialog-title" /> }
            })}
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
                                {move || entry.line(t.get())}
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
    update: ServerAction<crate::board::api::UpdateCard>,
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
    let milestone = card.milestone.as_ref().map(|(id, _)| *id);
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
                    {crate::ui::form::textarea_text(card.body.clone())}
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
                <label for="card-milestone">{move || t.get().milestone_label}</label>
                <select id="card-milestone" name="milestone" aria-invalid=invalid("milestone")>
                    <option value="" selected=milestone.is_none()>{move || t.get().no_milestone}</option>
                    {card
                        .milestones
                        .into_iter()
                        .map(|(id, title)| {
                            view! { <option value=id.0 selected=milestone == Some(id)>{title}</option> }
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
                    value=card.due_on.map(crate::board::DueDate::iso)
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
    card: crate::board::CardId,
    current: ColumnId,
    columns: Vec<(ColumnId, String)>,
    moved: ServerAction<crate::board::api::MoveCard>,
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
