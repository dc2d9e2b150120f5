//! `/projects/{id}/updates`: the project's status updates, newest first, and for staff the
//! composer; `/projects/{id}/updates/{update}`: one update on its own page. A draft is shown to
//! staff exactly as the client will see it, with "publish" beside it. Plain forms: all of it
//! works without JavaScript.

use super::api::{ChooseOption, DiscardUpdate, MarkUpdateSeen, PublishUpdate, SaveUpdate};
use super::{Feed, Health, Section, State, Update};
use crate::calendar::DueDate;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::form::{action_error, count_successes, invalid_when, FormError};
use crate::ui::{LoadFailed, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The page's actions; a success of any of them reloads the feed.
#[derive(Clone, Copy)]
struct Actions {
    /// Every composer's save (one action for the page, so that a refused save's message
    /// survives the feed being read again meanwhile); `saving` says which composer sent it last.
    save: ServerAction<SaveUpdate>,
    saving: RwSignal<Option<Option<super::UpdateId>>>,
    publish: ServerAction<PublishUpdate>,
    discard: ServerAction<DiscardUpdate>,
    seen: ServerAction<MarkUpdateSeen>,
    choose: ServerAction<ChooseOption>,
    /// Bumped by each success: the page reads the feed again (the conversations bump it too).
    done: RwSignal<u64>,
}

impl Actions {
    fn new(done: RwSignal<u64>) -> Actions {
        let actions = Actions {
            save: ServerAction::new(),
            saving: RwSignal::new(None),
            publish: ServerAction::new(),
            discard: ServerAction::new(),
            seen: ServerAction::new(),
            choose: ServerAction::new(),
            done,
        };
        count_successes(actions.save, done);
        // Which composer sent the last save: its update (none: the new one).
        let (save, saving) = (actions.save, actions.saving);
        Effect::new(move |_| {
            if let Some(input) = save.input().get() {
                saving.set(Some(input.update));
            }
        });
        count_successes(actions.publish, done);
        count_successes(actions.discard, done);
        count_successes(actions.seen, done);
        count_successes(actions.choose, done);
        actions
    }

    /// The error of whichever action failed last (the composer shows its own).
    fn error(self) -> Signal<Option<AppError>> {
        let errors = [
            action_error(self.publish),
            action_error(self.discard),
            action_error(self.seen),
            action_error(self.choose),
        ];
        Signal::derive(move || errors.iter().find_map(|e| e.get()))
    }
}

/// Every update of the project.
#[component]
pub fn UpdatesPage() -> impl IntoView {
    feed_page(false)
}

/// One update, on its own page.
#[component]
pub fn UpdatePage() -> impl IntoView {
    feed_page(true)
}

fn feed_page(single: bool) -> impl IntoView {
    let project_id = crate::ui::param_id("id");
    let update_id = crate::ui::param_id("update");
    // `?page=2`: older updates (a plain link).
    let query = leptos_router::hooks::use_query_map();
    let page = move || {
        query
            .read()
            .get("page")
            .and_then(|p| p.parse::<u32>().ok())
            .unwrap_or(0)
    };
    let id = move || project_id().map(ProjectId);
    let live = RwSignal::new(0_u64);
    let stale = RwSignal::new(false);
    let done = RwSignal::new(0_u64);
    let actions = Actions::new(done);
    let feed = Resource::new(
        move || (id(), update_id(), page(), live.get(), done.get()),
        move |(id, update, page, ..)| async move {
            match (id, single, update) {
                (Some(id), false, _) => super::api::get_updates(id, page).await,
                (Some(id), true, Some(update)) => {
                    super::api::get_update(id, super::UpdateId(update)).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    // Only the project's updates move this page.
    #[cfg(feature = "hydrate")]
    crate::board::view::stream::follow(
        id,
        feed,
        |f: &Feed| f.last_change,
        |heard| heard.updates,
        live,
        stale,
    );
    let t = use_strings();
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <crate::ui::LiveNote stale live />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match feed.await {
                    Ok(feed) => view! { <FeedView feed actions single /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn FeedView(feed: Feed, actions: Actions, single: bool) -> impl IntoView {
    let t = use_strings();
    let project = feed.project;
    let staff = feed.viewer_is_staff;
    let may_edit = feed.may_edit;
    let may_mark_seen = feed.may_mark_seen;
    let cadence = feed.cadence_days;
    let error = actions.error();
    let empty = feed.updates.is_empty();
    let due = feed.update_due;
    let suggested = feed.suggested_done.clone();
    view! {
        <Title text=format!("{} · {}", feed.project_name, t.get_untracked().tab_updates) />
        <header class="page-header">
            <h1>{feed.project_name.clone()}</h1>
            <crate::projects::view::ProjectTabs project current="updates" staff />
            <p class="page-intro">
                {move || if staff { t.get().updates_intro_staff } else { t.get().updates_intro_client }}
            </p>
            {(staff && due).then(|| view! { <p class="update-due">{move || (t.get().update_due_note)(cadence)}</p> })}
            {single
                .then(|| {
                    view! {
                        <p>
                            <A href=format!("/projects/{project}/updates")>{move || t.get().all_updates}</A>
                        </p>
                    }
                })}
        </header>
        <FormError error id="updates-error" />
        {(may_edit && !single && feed.page == 0).then(|| view! { <Composer project update=None suggested_done=suggested.clone() actions /> })}
        {if empty {
            view! {
                <p class="empty-note">
                    {move || if staff { t.get().updates_empty_staff } else { t.get().updates_empty_client }}
                </p>
            }
                .into_any()
        } else {
            view! {
                <ol class="update-list">
                    {feed
                        .updates
                        .into_iter()
                        .map(|update| {
                            view! { <UpdateItem update project staff may_edit may_mark_seen single actions /> }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        {(feed.page > 0 || feed.older)
            .then(|| {
                let (page, older) = (feed.page, feed.older);
                let link = move |p: u32| {
                    if p == 0 {
                        format!("/projects/{project}/updates")
                    } else {
                        format!("/projects/{project}/updates?page={p}")
                    }
                };
                view! {
                    <nav class="pager" aria-label=move || t.get().updates_pages>
                        {(page > 0).then(|| view! { <A href=link(page - 1)>{move || t.get().newer_updates}</A> })}
                        {older.then(|| view! { <A href=link(page + 1)>{move || t.get().older_updates}</A> })}
                    </nav>
                }
            })}
    }
}

#[component]
fn UpdateItem(
    update: Update,
    project: ProjectId,
    staff: bool,
    may_edit: bool,
    may_mark_seen: bool,
    single: bool,
    actions: Actions,
) -> impl IntoView {
    let t = use_strings();
    let u = update.clone();
    let thread = u.thread.clone();
    let id = u.id;
    let heading_id = format!("update-{id}-title");
    let draft = u.state == State::Draft;
    let (on, edited_on) = (u.on, u.edited_on);
    let author = u.author.clone().unwrap_or_default();
    let labelled_by = heading_id.clone();
    let summary = u.summary.clone();
    let sections = u.sections_html.clone();
    let has_revisions = !u.revisions.is_empty();
    let health = u.health;
    let decision = u.decision.clone();
    let (for_seen, for_seen_by, for_controls, for_revisions) = (u.clone(), u.clone(), u.clone(), u);
    view! {
        <li class=if draft { "update panel is-draft" } else { "update panel" } id=format!("update-{id}")>
            <article aria-labelledby=labelled_by>
                {draft
                    .then(|| view! { <p class="draft-note" role="note">{move || t.get().update_draft_note}</p> })}
                <header class="update-head">
                    <crate::projects::view::HealthBadge health />
                    <h2 id=heading_id>
                        <A href=format!("/projects/{project}/updates/{id}")>{summary}</A>
                    </h2>
                    <p class="update-meta">
                        {move || {
                            let t = t.get();
                            let date = on.in_words(t);
                            let mut text = if draft {
                                (t.update_saved_on)(&date)
                            } else {
                                (t.update_published_on)(&date, &author)
                            };
                            if let Some(day) = edited_on {
                                text.push_str(" · ");
                                text.push_str(&(t.update_edited_on)(&day.in_words(t)));
                            }
                            text
                        }}
                    </p>
                </header>
                <Sections sections />
                {decision.map(|decision| view! { <DecisionView decision project update=id staff action=actions.choose done=actions.done /> })}
                {(!staff && !draft).then(|| view! { <SeenControl update=for_seen project may_mark_seen action=actions.seen /> })}
                {(staff && !draft).then(|| view! { <SeenBy update=for_seen_by /> })}
                {may_edit.then(|| view! { <StaffControls update=for_controls project single actions /> })}
                {(staff && has_revisions).then(|| view! { <Revisions update=for_revisions /> })}
                {thread
                    .map(|thread| {
                        view! { <crate::comments::view::ThreadView thread done=actions.done also_labelled_by=format!("update-{id}-title") /> }
                    })}
            </article>
        </li>
    }
}

#[component]
fn Sections(sections: Vec<(Section, String)>) -> impl IntoView {
    let t = use_strings();
    sections
        .into_iter()
        .map(|(section, html)| {
            view! {
                <section class="update-section">
                    <h3>{move || section.title(t.get())}</h3>
                    <div class="markdown" inner_html=html></div>
                </section>
            }
        })
        .collect_view()
}

/// The decision an update asks: its options (the recommended one marked), the day to choose by,
/// and then who chose what. A client member who may choose gets the options as a radio group.
#[component]
fn DecisionView(
    decision: super::Decision,
    project: ProjectId,
    update: super::UpdateId,
    staff: bool,
    action: ServerAction<ChooseOption>,
    done: RwSignal<u64>,
) -> impl IntoView {
    let t = use_strings();
    let open = decision.open_to_viewer;
    let chosen = decision.choice.as_ref().map(|c| c.option);
    let heading = format!("decision-{update}");
    let labelled_by = heading.clone();
    let decide_by = decision.decide_by;
    let overdue = decision.overdue;
    let choice = decision.choice.clone();
    let letter_of = {
        let options = decision.options.clone();
        move |id| {
            options
                .iter()
                .find(|o| o.id == id)
                .map_or('?', |o| o.letter)
        }
    };
    let option_body = move |o: &super::DecisionOption| {
        let (what, cost, time, impact, recommended) = (
            o.what.clone(),
            o.cost.clone(),
            o.time.clone(),
            o.impact.clone(),
            o.recommended,
        );
        let letter = o.letter;
        view! {
            <strong>{move || format!("{letter}. ")} {what}</strong>
            {recommended.then(|| view! { " " <span class="badge option-recommended">{move || t.get().option_recommended}</span> })}
            <span class="option-facts">
                {(!cost.is_empty()).then(|| view! { <span>{move || t.get().option_cost} ": " {cost.clone()}</span> })}
                {(!time.is_empty()).then(|| view! { <span>{move || t.get().option_time} ": " {time.clone()}</span> })}
                {(!impact.is_empty()).then(|| view! { <span>{move || t.get().option_impact} ": " {impact.clone()}</span> })}
            </span>
        }
    };
    let list = decision
        .options
        .iter()
        .map(|o| {
            let is_chosen = chosen == Some(o.id);
            let body = option_body(o);
            if open {
                view! {
                    <li class="decision-option">
                        <label class="checkbox">
                            <input type="radio" name="option" value=o.id.0 required=true />
                            <span>{body}</span>
                        </label>
                    </li>
                }
                .into_any()
            } else {
                view! { <li class=if is_chosen { "decision-option is-chosen" } else { "decision-option" }>{body}</li> }.into_any()
            }
        })
        .collect_view();
    let status = move || {
        let t = t.get();
        match (&choice, open, overdue, decide_by) {
            (Some(c), _, _, _) => {
                (t.chose_option)(&c.person, letter_of(c.option), &c.on.in_words(t))
            }
            (None, _, true, Some(day)) => (t.decision_overdue)(&day.in_words(t)),
            (None, true, _, Some(day)) => format!(
                "{} {}",
                t.decision_waiting_you,
                (t.decide_by_note)(&day.in_words(t))
            ),
            (None, true, _, None) => t.decision_waiting_you.to_string(),
            (None, false, _, Some(day)) => format!(
                "{} {}",
                t.waiting_for_choice,
                (t.decide_by_note)(&day.in_words(t))
            ),
            (None, false, _, None) => t.waiting_for_choice.to_string(),
        }
    };
    let status_class = if overdue {
        "decision-status is-late"
    } else {
        "decision-status"
    };
    view! {
        <section class="decision" aria-labelledby=labelled_by>
            <h3 id=heading>
                {move || if staff { t.get().decision_title_staff } else { t.get().decision_title }}
                ": "
                {decision.question.clone()}
            </h3>
            <p class=status_class>{status}</p>
            {if open {
                view! {
                    <ActionForm action attr:class="form decision-form">
                        <input type="hidden" name="project" value=project.0 />
                        <input type="hidden" name="update" value=update.0 />
                        <fieldset>
                            <legend class="visually-hidden">{decision.question.clone()}</legend>
                            <ol class="decision-options">{list}</ol>
                        </fieldset>
                        <button type="submit" class="button" disabled=move || action.pending().get()>
                            {move || t.get().choose_button}
                        </button>
                    </ActionForm>
                }
                    .into_any()
            } else {
                view! { <ol class="decision-options">{list}</ol> }.into_any()
            }}
            {open
                .then(|| {
                    let subject = crate::comments::Subject::Update(update.0);
                    view! { <crate::comments::view::AskForm project=project.0 subject done /> }
                })}
        </section>
    }
}

/// A client: "Seen", once; then when they said so is not needed — the button becomes a note.
#[component]
fn SeenControl(
    update: Update,
    project: ProjectId,
    may_mark_seen: bool,
    action: ServerAction<MarkUpdateSeen>,
) -> impl IntoView {
    let t = use_strings();
    let heading = format!("update-{}-title", update.id);
    if update.seen_by_viewer {
        view! { <p class="seen-note">{move || t.get().update_seen_by_you}</p> }.into_any()
    } else if !may_mark_seen {
        // An archived project: nothing to say any more.
        ().into_any()
    } else {
        view! {
            <ActionForm action attr:class="inline-form">
                <input type="hidden" name="project" value=project.0 />
                <input type="hidden" name="update" value=update.id.0 />
                <button type="submit" class="button button-small" aria-describedby=heading disabled=move || action.pending().get()>
                    {move || t.get().mark_seen_button}
                </button>
                " "
                <span class="field-hint">{move || t.get().mark_seen_hint}</span>
            </ActionForm>
        }
            .into_any()
    }
}

/// Staff: which client members have seen it, when, and who has not.
#[component]
fn SeenBy(update: Update) -> impl IntoView {
    let t = use_strings();
    let seen = update.seen_by.clone();
    let not_seen = update.not_seen_by.join(", ");
    view! {
        <p class="seen-by">
            {move || {
                let t = t.get();
                let who: Vec<String> = seen
                    .iter()
                    .map(|s| format!("{} ({})", s.person, s.on.in_words(t)))
                    .collect();
                match (who.is_empty(), not_seen.is_empty()) {
                    (true, true) => t.update_seen_by_nobody.to_string(),
                    (true, false) => (t.update_unseen_by)(&not_seen),
                    (false, true) => (t.update_seen_by)(&who.join(", ")),
                    (false, false) => format!(
                        "{} · {}",
                        (t.update_seen_by)(&who.join(", ")),
                        (t.update_not_seen_by)(&not_seen)
                    ),
                }
            }}
        </p>
    }
}

/// Staff: publish or discard a draft; correct a published update.
#[component]
fn StaffControls(
    update: Update,
    project: ProjectId,
    single: bool,
    actions: Actions,
) -> impl IntoView {
    let t = use_strings();
    let id = update.id;
    let version = update.version;
    let draft = update.state == State::Draft;
    view! {
        <div class="update-actions">
            {draft
                .then(|| {
                    view! {
                        <ActionForm action=actions.publish attr:class="inline-form">
                            <input type="hidden" name="project" value=project.0 />
                            <input type="hidden" name="update" value=id.0 />
                            <input type="hidden" name="version" value=version />
                            <button type="submit" class="button" disabled=move || actions.publish.pending().get()>
                                {move || t.get().publish_update_button}
                            </button>
                        </ActionForm>
                    }
                })}
            // Edited on the update's own page: one form per update in the feed would make the feed
            // grow with every update's text twice.
            {if single {
                view! {
                    <details class="update-edit">
                        <summary class="button button-small button-secondary">
                            {move || if draft { t.get().edit_draft } else { t.get().correct_update }}
                        </summary>
                        <Composer project update=Some(update.clone()) suggested_done=String::new() actions />
                    </details>
                }
                    .into_any()
            } else {
                view! {
                    <A href=format!("/projects/{project}/updates/{id}") attr:class="button button-small button-secondary">
                        {move || if draft { t.get().edit_draft } else { t.get().correct_update }}
                    </A>
                }
                    .into_any()
            }}
            {draft
                .then(|| {
                    view! {
                        <details class="confirm">
                            <summary class="button button-small">{move || t.get().discard_draft}</summary>
                            <p>{move || t.get().discard_draft_confirm}</p>
                            <ActionForm action=actions.discard attr:class="inline-form">
                                <input type="hidden" name="project" value=project.0 />
                                <input type="hidden" name="update" value=id.0 />
                                <button type="submit" class="button button-small danger">{move || t.get().discard_draft_yes}</button>
                            </ActionForm>
                        </details>
                    }
                })}
        </div>
    }
}

/// Staff: the texts a published update had before each correction.
#[component]
fn Revisions(update: Update) -> impl IntoView {
    let t = use_strings();
    view! {
        <details class="update-revisions">
            <summary>{move || t.get().earlier_versions}</summary>
            <ol>
                {update
                    .revisions
                    .into_iter()
                    .map(|r| {
                        let by = r.by.clone().unwrap_or_else(|| "—".into());
                        let on = r.replaced_on;
                        view! {
                            <li>
                                <p class="update-meta">
                                    {move || (t.get().replaced_by)(&by, &on.in_words(t.get()))}
                                </p>
                                <p>
                                    <crate::projects::view::HealthBadge health=r.health />
                                    " "
                                    <strong>{r.summary.clone()}</strong>
                                </p>
                                <Sections sections=r.sections_html.clone() />
                                {(!r.decision.is_empty())
                                    .then(|| {
                                        let options = r.options.clone();
                                        view! {
                                            <p>
                                                <strong>{move || t.get().decision_title_staff} ": "</strong>
                                                {r.decision.clone()}
                                            </p>
                                            <ul>{options.into_iter().map(|o| view! { <li>{o}</li> }).collect_view()}</ul>
                                        }
                                    })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </details>
    }
}

/// A new update (none given: a draft) or an existing one's text (a draft, or a correction).
/// A refused save shows its message in the composer that sent it only.
#[component]
fn Composer(
    project: ProjectId,
    update: Option<Update>,
    suggested_done: String,
    actions: Actions,
) -> impl IntoView {
    let t = use_strings();
    let action = actions.save;
    let mine = update.as_ref().map(|u| u.id);
    let error = {
        let all = action_error(action);
        let saving = actions.saving;
        // Unknown which sent it (a page drawn on the server after a post without JavaScript):
        // every composer shows it.
        Signal::derive(move || {
            all.get()
                .filter(|_| saving.get().is_none_or(|sender| sender == mine))
        })
    };
    let key = update
        .as_ref()
        .map_or("new".to_string(), |u| u.id.to_string());
    let decision_key = key.clone();
    let field = move |name: &str| format!("update-{key}-{name}");
    let heading_id = field("heading");
    let labelled_by = heading_id.clone();
    let is_new = update.is_none();
    let health = update.as_ref().map_or(Health::OnTrack, |u| u.health);
    let summary = update
        .as_ref()
        .map(|u| u.summary.clone())
        .unwrap_or_default();
    let sections = update
        .as_ref()
        .map(|u| u.sections.clone())
        .unwrap_or_else(|| super::Sections {
            done: suggested_done.clone(),
            ..Default::default()
        });
    let summary_id = field("summary");
    view! {
        <section class=if is_new { "panel update-composer" } else { "update-editor" } aria-labelledby=labelled_by>
            <h2 id=heading_id class=if is_new { "" } else { "visually-hidden" }>
                {move || if is_new { t.get().new_update_title } else { t.get().edit_update_title }}
            </h2>
            <FormError error id=field("error") />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="project" value=project.0 />
                {update
                    .as_ref()
                    .map(|u| {
                        view! {
                            <input type="hidden" name="update" value=u.id.0 />
                            <input type="hidden" name="version" value=u.version />
                        }
                    })}
                <fieldset aria-invalid=invalid_when(error, "health")>
                    <legend>{move || t.get().health_label}</legend>
                    {Health::ALL
                        .into_iter()
                        .map(|h| {
                            view! {
                                <label class="checkbox">
                                    <input type="radio" name="health" value=h.as_str() checked=h == health />
                                    {move || h.name(t.get())}
                                </label>
                            }
                        })
                        .collect_view()}
                </fieldset>
                <label for=summary_id.clone()>{move || t.get().update_summary_label}</label>
                <input id=summary_id name="summary" type="text" required maxlength="200" autocomplete="off" value=summary aria-invalid=invalid_when(error, "summary") />
                {Section::ALL
                    .into_iter()
                    .map(|section| {
                        let id = field(section.field());
                        let hint_id = format!("{id}-hint");
                        let text = sections.get(section).to_string();
                        let prefilled = is_new && section == Section::Done && !text.is_empty();
                        view! {
                            <label for=id.clone()>{move || section.title(t.get())}</label>
                            <p class="field-hint" id=hint_id.clone()>
                                {move || if prefilled { t.get().update_hint_prefilled } else { section.hint(t.get()) }}
                            </p>
                            <textarea id=id name=section.field() rows="4" aria-describedby=hint_id aria-invalid=invalid_when(error, section.field())>{crate::ui::form::textarea_text(text)}</textarea>
                        }
                    })
                    .collect_view()}
                <p class="field-hint">{move || t.get().markdown_hint}</p>
                <DecisionFields update=update.clone() key=decision_key error />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if is_new { t.get().save_draft_button } else { t.get().save_update_button }}
                </button>
            </ActionForm>
        </section>
    }
}

/// The composer's decision: a question, up to four options (what, cost, time, impact), the one
/// recommended, and the day to choose by. Once the client has chosen, it is fixed.
#[component]
fn DecisionFields(
    update: Option<Update>,
    key: String,
    error: Signal<Option<AppError>>,
) -> impl IntoView {
    let t = use_strings();
    let existing = update.and_then(|u| u.decision);
    if existing.as_ref().is_some_and(|d| d.choice.is_some()) {
        return view! { <p class="field-hint">{move || t.get().decision_fixed}</p> }.into_any();
    }
    let question = existing
        .as_ref()
        .map(|d| d.question.clone())
        .unwrap_or_default();
    let decide_by = existing
        .as_ref()
        .and_then(|d| d.decide_by)
        .map(DueDate::iso)
        .unwrap_or_default();
    let options = existing.map(|d| d.options).unwrap_or_default();
    let recommended = options.iter().position(|o| o.recommended).unwrap_or(0);
    let field = move |name: &str| format!("update-{key}-{name}");
    let (question_id, by_id, hint_id) = (
        field("decision"),
        field("decide-by"),
        field("decision-hint"),
    );
    let describedby = hint_id.clone();
    view! {
        <fieldset class="decision-fields" aria-describedby=describedby>
            <legend>{move || t.get().decision_legend}</legend>
            <p class="field-hint" id=hint_id>{move || t.get().decision_hint}</p>
            <label for=question_id.clone()>{move || t.get().decision_question_label}</label>
            <input id=question_id name="decision" type="text" maxlength="300" autocomplete="off" value=question aria-invalid=invalid_when(error, "decision") />
            {(0..super::MAX_OPTIONS)
                .map(|i| {
                    let letter = (b'A' + i as u8) as char;
                    let row = options.get(i);
                    let value = |f: fn(&super::DecisionOption) -> &String| row.map(|o| f(o).clone()).unwrap_or_default();
                    let (what, cost, time, impact) = (
                        value(|o| &o.what),
                        value(|o| &o.cost),
                        value(|o| &o.time),
                        value(|o| &o.impact),
                    );
                    let id = |name: &str| field(&format!("option-{i}-{name}"));
                    let (what_id, cost_id, time_id, impact_id) = (id("what"), id("cost"), id("time"), id("impact"));
                    view! {
                        <fieldset class="option-fields" aria-invalid=invalid_when(error, "options")>
                            <legend>{move || (t.get().option_label)(letter)}</legend>
                            <label for=what_id.clone()>{move || t.get().option_what}</label>
                            <input id=what_id name=format!("options[{i}][what]") type="text" maxlength="300" autocomplete="off" value=what />
                            <div class="option-grid">
                                <span>
                                    <label for=cost_id.clone()>{move || t.get().option_cost}</label>
                                    <input id=cost_id name=format!("options[{i}][cost]") type="text" maxlength="100" autocomplete="off" value=cost />
                                </span>
                                <span>
                                    <label for=time_id.clone()>{move || t.get().option_time}</label>
                                    <input id=time_id name=format!("options[{i}][time]") type="text" maxlength="100" autocomplete="off" value=time />
                                </span>
                            </div>
                            <label for=impact_id.clone()>{move || t.get().option_impact}</label>
                            <input id=impact_id name=format!("options[{i}][impact]") type="text" maxlength="300" autocomplete="off" value=impact />
                            <label class="checkbox">
                                <input type="radio" name="recommended" value=i checked=i == recommended />
                                {move || t.get().option_recommended}
                            </label>
                        </fieldset>
                    }
                })
                .collect_view()}
            <label for=by_id.clone()>{move || t.get().decide_by_label}</label>
            <input id=by_id name="decide_by" type="date" value=decide_by aria-invalid=invalid_when(error, "decide_by") />
        </fieldset>
    }
    .into_any()
}
