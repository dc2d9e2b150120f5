//! `/projects/{id}/milestones`: the timeline (an SVG axis on wide screens) and every milestone
//! with its status, due date, progress, risk and sign-off; staff add, edit, move and delete
//! milestones, client members approve or ask for changes. Plain forms: all of it works without
//! JavaScript.

use super::api::{
    DeleteMilestone, MoveMilestone, SaveMilestone, SetMilestoneStatus, SignOffMilestone,
};
use super::{Decision, Milestone, Status, Timeline};
use crate::calendar::DueDate;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::form::{action_error, invalid_when, FormError};
use crate::ui::{LoadFailed, Loading};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// The five actions of the page; a success of any of them reloads the timeline.
#[derive(Clone, Copy)]
struct Actions {
    save: ServerAction<SaveMilestone>,
    status: ServerAction<SetMilestoneStatus>,
    delete: ServerAction<DeleteMilestone>,
    sign_off: ServerAction<SignOffMilestone>,
    reorder: ServerAction<MoveMilestone>,
}

/// The error of whichever action failed last.
fn page_error(actions: Actions) -> Signal<Option<AppError>> {
    let (status, delete, sign_off, reorder) = (
        action_error(actions.status),
        action_error(actions.delete),
        action_error(actions.sign_off),
        action_error(actions.reorder),
    );
    Signal::derive(move || {
        status
            .get()
            .or_else(|| delete.get())
            .or_else(|| sign_off.get())
            .or_else(|| reorder.get())
    })
}

/// `/projects/{id}/milestones`: every milestone.
#[component]
pub fn MilestonesPage() -> impl IntoView {
    timeline_page(false)
}

/// `/projects/{id}/milestones/{milestone}`: one milestone and the conversation on it.
#[component]
pub fn MilestonePage() -> impl IntoView {
    timeline_page(true)
}

fn timeline_page(single: bool) -> impl IntoView {
    let t = use_strings();
    let project_id = crate::ui::param_id("id");
    let milestone_id = crate::ui::param_id("milestone");
    let id = move || project_id().map(ProjectId);
    let actions = Actions {
        save: ServerAction::new(),
        status: ServerAction::new(),
        delete: ServerAction::new(),
        sign_off: ServerAction::new(),
        reorder: ServerAction::new(),
    };
    // Bumped by the live stream: someone changed the project's milestones or cards.
    let live = RwSignal::new(0_u64);
    let stale = RwSignal::new(false);
    // Read again after each success (a refused form keeps what was typed).
    let done = RwSignal::new(0_u64);
    crate::ui::form::count_successes(actions.save, done);
    crate::ui::form::count_successes(actions.status, done);
    crate::ui::form::count_successes(actions.delete, done);
    crate::ui::form::count_successes(actions.sign_off, done);
    crate::ui::form::count_successes(actions.reorder, done);
    let timeline = Resource::new(
        move || (id(), milestone_id(), live.get(), done.get()),
        move |(id, milestone, ..)| async move {
            match (id, single, milestone) {
                (Some(id), false, _) => super::api::get_timeline(id).await,
                (Some(id), true, Some(m)) => {
                    super::api::get_milestone(id, super::MilestoneId(m)).await
                }
                _ => Err(AppError::NotFound),
            }
        },
    );
    // Every change of the project's cards and milestones (not its updates) moves the timeline.
    #[cfg(feature = "hydrate")]
    crate::board::view::stream::follow(
        id,
        timeline,
        |t: &Timeline| t.last_change,
        // (A card's comment shows in its dialog only.)
        |heard| !(heard.updates || heard.feedback || (heard.comments && heard.card.is_some())),
        live,
        stale,
    );
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <crate::ui::LiveNote stale live />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match timeline.await {
                    Ok(timeline) => view! { <TimelineView timeline actions single done /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn TimelineView(
    timeline: Timeline,
    actions: Actions,
    single: bool,
    done: RwSignal<u64>,
) -> impl IntoView {
    let t = use_strings();
    let staff = timeline.may_edit;
    let project = timeline.project;
    let today = timeline.today;
    let svg = Signal::derive({
        let milestones = timeline.milestones.clone();
        move || super::timeline::svg(&milestones, today, t.get())
    });
    let any_dated = timeline.milestones.iter().any(|m| m.due_on.is_some());
    let empty = timeline.milestones.is_empty();
    let error = page_error(actions);
    view! {
        <Title text=timeline.project_name.clone() />
        <header class="page-header">
            <h1>{timeline.project_name.clone()}</h1>
            <crate::projects::view::ProjectTabs project current="milestones" staff />
            {if single {
                view! {
                    <p>
                        <A href=format!("/projects/{project}/milestones")>{move || t.get().all_milestones}</A>
                    </p>
                }
                    .into_any()
            } else {
                view! {
                    <p class="page-intro">
                        {move || if staff { t.get().milestones_intro_staff } else { t.get().milestones_intro_client }}
                    </p>
                }
                    .into_any()
            }}
        </header>
        <crate::ui::ReachedBanner titles=timeline.reached.clone() />
        <FormError error id="milestones-error" />
        {(any_dated && !single).then(|| view! { <figure class="timeline-axis" inner_html=svg></figure> })}
        {if empty {
            view! {
                <p class="empty-note">
                    {move || if staff { t.get().milestones_empty_staff } else { t.get().milestones_empty_client }}
                </p>
            }
                .into_any()
        } else {
            let count = timeline.milestones.len();
            view! {
                {(staff && count > 1 && any_dated)
                    .then(|| view! { <p class="field-hint">{move || t.get().milestone_order_hint}</p> })}
                <ol class="milestone-list">
                    {timeline
                        .milestones
                        .into_iter()
                        .enumerate()
                        .map(|(index, milestone)| {
                            let place = Place { index, count };
                            view! { <MilestoneItem milestone project staff actions place single /> }
                        })
                        .collect_view()}
                </ol>
            }
                .into_any()
        }}
        {timeline.thread.map(|thread| view! { <crate::comments::view::ThreadView thread done /> })}
        {(staff && !single).then(|| view! { <MilestoneForm project milestone=None action=actions.save /> })}
    }
}

/// Where a milestone sits in the list.
#[derive(Clone, Copy)]
struct Place {
    index: usize,
    count: usize,
}

#[component]
fn MilestoneItem(
    milestone: Milestone,
    project: ProjectId,
    staff: bool,
    actions: Actions,
    place: Place,
    /// On its own page: its conversation follows, and staff edit it on the timeline.
    single: bool,
) -> impl IntoView {
    let t = use_strings();
    let m = milestone.clone();
    let comment_count = m.comment_count;
    let heading_id = format!("milestone-{}", m.id);
    let status = m.status;
    let risk = m.risk;
    let progress = m.progress;
    let due_on = m.due_on;
    let completed_on = m.completed_on;
    let waiting = status == Status::Completed && m.sign_offs.is_empty();
    let status_class = format!("status-badge status-{}", status.as_str().replace('_', "-"));
    view! {
        <li class="milestone panel">
            <div class="milestone-head">
                <h2 id=heading_id>{m.title.clone()}</h2>
                <span class=status_class>{move || status.name(t.get())}</span>
                {risk
                    .map(|risk| {
                        let class = if risk.is_overdue() { "risk-badge risk-overdue" } else { "risk-badge" };
                        view! {
                            <span class=class>
                                {move || if risk.is_overdue() { t.get().milestone_overdue } else { t.get().milestone_at_risk }}
                                ": "
                                {move || risk.reason(t.get())}
                            </span>
                        }
                    })}
            </div>
            <p class="milestone-facts">
                <span>
                    {move || match due_on {
                        Some(day) => format!("{} {}", t.get().due_prefix, day.in_words(t.get())),
                        None => t.get().milestone_no_due.to_string(),
                    }}
                </span>
                " · "
                <span class="milestone-progress">
                    {move || {
                        if progress.total == 0 {
                            t.get().milestone_no_cards.to_string()
                        } else {
                            (t.get().milestone_progress)(progress.done, progress.total)
                        }
                    }}
                </span>
                {(progress.total + progress.internal_total > 0)
                    .then(|| {
                        view! {
                            " · "
                            <A href=format!("/projects/{project}/board?milestone={}", m.id)>
                                {move || t.get().show_cards_on_board}
                            </A>
                        }
                    })}
                {(progress.internal_total > 0)
                    .then(|| {
                        view! {
                            " · "
                            <span class="internal-progress">
                                {move || (t.get().milestone_internal_progress)(progress.internal_done, progress.internal_total)}
                            </span>
                        }
                    })}
                {(!single)
                    .then(|| {
                        view! {
                            " · "
                            // A plain link (the router still navigates in place): 50 `<A>`s cost the
                            // staff timeline a third of its throughput in `make bench`.
                            <a href=format!("/projects/{project}/milestones/{}", m.id)>
                                {move || (t.get().milestone_comments_link)(comment_count)}
                            </a>
                        }
                    })}
            </p>
            // The sentence above says it in words; the bar is for the eye (no inline style: the
            // page's security policy allows none).
            {(progress.total > 0)
                .then(|| {
                    view! {
                        <progress class="milestone-bar" aria-hidden="true" max=progress.total value=progress.done></progress>
                    }
                })}
            {(!m.description_html.is_empty())
                .then(|| view! { <div class="markdown" inner_html=m.description_html.clone()></div> })}
            {waiting
                .then(|| {
                    view! {
                        <p class="waiting-note">
                            {move || {
                                if staff {
                                    let since = completed_on.map(|d| d.in_words(t.get())).unwrap_or_default();
                                    (t.get().milestone_waiting_client)(&since)
                                } else {
                                    t.get().milestone_waiting_you.to_string()
                                }
                            }}
                        </p>
                    }
                })}
            <SignOffs milestone=m.clone() />
            {m.awaits_viewer.then(|| view! { <SignOffForm project milestone=m.id round=m.round action=actions.sign_off /> })}
            {(staff && !single).then(|| view! { <StaffControls milestone=m.clone() project actions place /> })}
            <MilestoneHistory milestone=m />
        </li>
    }
}

/// Who decided what in this round of sign-off.
#[component]
fn SignOffs(milestone: Milestone) -> impl IntoView {
    let t = use_strings();
    (!milestone.sign_offs.is_empty()).then(|| {
        view! {
            <ul class="sign-offs">
                {milestone
                    .sign_offs
                    .into_iter()
                    .map(|s| {
                        let (person, on, decision) = (s.person.clone(), s.on, s.decision);
                        let comment = s.comment.clone();
                        view! {
                            <li class=if decision == Decision::Approved { "sign-off approved" } else { "sign-off changes" }>
                                {move || {
                                    let date = on.in_words(t.get());
                                    match decision {
                                        Decision::Approved => (t.get().milestone_approved_by)(&person, &date),
                                        Decision::ChangesRequested => (t.get().milestone_changes_by)(&person, &date),
                                    }
                                }}
                                {(!comment.is_empty()).then(|| view! { <blockquote>{comment.clone()}</blockquote> })}
                            </li>
                        }
                    })
                    .collect_view()}
            </ul>
        }
    })
}

/// A client member's answer: approve, or ask for changes saying what.
#[component]
fn SignOffForm(
    project: ProjectId,
    milestone: super::MilestoneId,
    round: i64,
    action: ServerAction<SignOffMilestone>,
) -> impl IntoView {
    let t = use_strings();
    let comment_id = format!("sign-off-comment-{milestone}");
    let error = action_error(action);
    let invalid = invalid_when(error, "comment");
    view! {
        <ActionForm action attr:class="form sign-off-form">
            <input type="hidden" name="project" value=project.0 />
            <input type="hidden" name="milestone" value=milestone.0 />
            <input type="hidden" name="round" value=round />
            <p class="field-hint">{move || t.get().milestone_sign_off_note}</p>
            <label for=comment_id.clone()>{move || t.get().changes_comment_label}</label>
            <textarea id=comment_id name="comment" rows="3" maxlength="4000" aria-invalid=invalid></textarea>
            <div class="button-row">
                <button type="submit" name="decision" value="approved" class="button" disabled=move || action.pending().get()>
                    {move || t.get().approve_button}
                </button>
                <button type="submit" name="decision" value="changes_requested" class="button button-secondary" disabled=move || action.pending().get()>
                    {move || t.get().request_changes_button}
                </button>
            </div>
        </ActionForm>
    }
}

/// Staff: move the milestone on, up or down the list, edit it, delete it.
#[component]
fn StaffControls(
    milestone: Milestone,
    project: ProjectId,
    actions: Actions,
    place: Place,
) -> impl IntoView {
    let t = use_strings();
    let id = milestone.id;
    let current = milestone.status;
    let heading_id = format!("milestone-{id}");
    let move_button = move |to: usize, label: fn(&crate::i18n::Strings) -> &'static str| {
        let heading_id = heading_id.clone();
        view! {
            <ActionForm action=actions.reorder attr:class="inline-form">
                <input type="hidden" name="project" value=project.0 />
                <input type="hidden" name="milestone" value=id.0 />
                <input type="hidden" name="to" value=to />
                <button type="submit" class="button button-small button-secondary" aria-describedby=heading_id disabled=move || actions.reorder.pending().get()>
                    {move || label(t.get())}
                </button>
            </ActionForm>
        }
    };
    let linked = milestone.progress.total + milestone.progress.internal_total;
    let status_button = move |to: Status, label: fn(&crate::i18n::Strings) -> &'static str| {
        current.staff_may_set(to).then(|| {
            view! {
                <ActionForm action=actions.status attr:class="inline-form">
                    <input type="hidden" name="project" value=project.0 />
                    <input type="hidden" name="milestone" value=id.0 />
                    <input type="hidden" name="status" value=to.as_str() />
                    <button type="submit" class="button button-small" disabled=move || actions.status.pending().get()>
                        {move || label(t.get())}
                    </button>
                </ActionForm>
            }
        })
    };
    view! {
        <div class="milestone-actions">
            {(current == Status::Planned).then(|| status_button(Status::InProgress, |t| t.start_milestone))}
            {status_button(Status::Completed, |t| t.complete_milestone)}
            {(current == Status::Completed).then(|| status_button(Status::InProgress, |t| t.reopen_milestone))}
            <details class="milestone-edit">
                <summary class="button button-small">{move || t.get().edit_milestone}</summary>
                <MilestoneForm project milestone=Some(milestone.clone()) action=actions.save />
            </details>
            {(place.index > 0).then(|| move_button(place.index - 1, |t| t.move_milestone_up))}
            {(place.index + 1 < place.count).then(|| move_button(place.index + 1, |t| t.move_milestone_down))}
            // With cards, deleting asks where they go: on a page of its own (listing every
            // other milestone under each one would make the timeline grow with the square of
            // their number).
            {if linked > 0 {
                view! {
                    <A href=format!("/projects/{project}/milestones/{id}/delete") attr:class="button button-small">
                        {move || t.get().delete_milestone}
                    </A>
                }
                    .into_any()
            } else {
                view! {
                    <details class="confirm">
                        <summary class="button button-small">{move || t.get().delete_milestone}</summary>
                        <ActionForm action=actions.delete attr:class="form delete-milestone-form">
                            <input type="hidden" name="project" value=project.0 />
                            <input type="hidden" name="milestone" value=id.0 />
                            <p>{move || t.get().delete_milestone_confirm}</p>
                            <button type="submit" class="button button-small danger" disabled=move || actions.delete.pending().get()>
                                {move || t.get().delete_milestone_yes}
                            </button>
                        </ActionForm>
                    </details>
                }
                    .into_any()
            }}
        </div>
    }
}

/// A new milestone (none given) or an existing one's fields.
#[component]
fn MilestoneForm(
    project: ProjectId,
    milestone: Option<Milestone>,
    action: ServerAction<SaveMilestone>,
) -> impl IntoView {
    let t = use_strings();
    let error = action_error(action);
    let key = milestone
        .as_ref()
        .map_or("new".to_string(), |m| m.id.to_string());
    let field = |name: &str| format!("milestone-{key}-{name}");
    let (title_id, description_id, due_id) = (field("title"), field("description"), field("due"));
    let heading_id = field("heading");
    let labelled_by = heading_id.clone();
    let is_new = milestone.is_none();
    let (title, description, due_on) = milestone
        .as_ref()
        .map(|m| {
            (
                m.title.clone(),
                m.description.clone(),
                m.due_on.map(DueDate::iso).unwrap_or_default(),
            )
        })
        .unwrap_or_default();
    view! {
        <section class=if is_new { "panel new-milestone" } else { "milestone-editor" } aria-labelledby=labelled_by>
            <h2 id=heading_id class=if is_new { "" } else { "visually-hidden" }>
                {move || if is_new { t.get().new_milestone_title } else { t.get().edit_milestone }}
            </h2>
            <FormError error id=field("error") />
            <ActionForm action attr:class="form" attr:novalidate=true>
                <input type="hidden" name="project" value=project.0 />
                {milestone
                    .as_ref()
                    .map(|m| {
                        view! {
                            <input type="hidden" name="milestone" value=m.id.0 />
                            <input type="hidden" name="version" value=m.version />
                        }
                    })}
                <label for=title_id.clone()>{move || t.get().title_label}</label>
                <input id=title_id name="title" type="text" required maxlength="200" autocomplete="off" value=title aria-invalid=invalid_when(error, "title") />
                <label for=due_id.clone()>{move || t.get().due_label}</label>
                <input id=due_id name="due_on" type="date" value=due_on aria-invalid=invalid_when(error, "due_on") />
                <label for=description_id.clone()>{move || t.get().description_label}</label>
                <p class="field-hint">{move || t.get().markdown_hint}</p>
                <textarea id=description_id name="description" rows="4" aria-invalid=invalid_when(error, "description")>{crate::ui::form::textarea_text(description)}</textarea>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if is_new { t.get().add_milestone_button } else { t.get().save_milestone_button }}
                </button>
            </ActionForm>
        </section>
    }
}

/// Every status change and decision, oldest first.
#[component]
fn MilestoneHistory(milestone: Milestone) -> impl IntoView {
    let t = use_strings();
    (!milestone.history.is_empty()).then(|| {
        view! {
            <details class="milestone-history">
                <summary>{move || t.get().history_title}</summary>
                <ol>
                    {milestone
                        .history
                        .into_iter()
                        .enumerate()
                        .map(|(index, line)| {
                            let actor = line.actor.clone().unwrap_or_else(|| "—".into());
                            view! {
                                <li>
                                    {move || {
                                        let t = t.get();
                                        let what = match (line.decision, line.status) {
                                            (Some(Decision::Approved), _) => t.milestone_history_approved.to_string(),
                                            (Some(Decision::ChangesRequested), _) => t.milestone_history_changes.to_string(),
                                            (None, Some(Status::Planned)) if index == 0 => t.milestone_history_created.to_string(),
                                            (None, Some(status)) => (t.milestone_history_moved)(status.name(t)),
                                            (None, None) => t.milestone_history_edited.to_string(),
                                        };
                                        format!("{} · {actor} {what}", line.on.in_words(t))
                                    }}
                                </li>
                            }
                        })
                        .collect_view()}
                </ol>
            </details>
        }
    })
}

/// `/projects/{id}/milestones/{milestone}/delete`: deleting a milestone that has cards asks
/// where they go — stay on the board without a milestone, or join another milestone.
#[component]
pub fn DeleteMilestonePage() -> impl IntoView {
    let t = use_strings();
    let project_id = crate::ui::param_id("id");
    let milestone_id = crate::ui::param_id("milestone");
    let action = ServerAction::<DeleteMilestone>::new();
    let error = action_error(action);
    let timeline = Resource::new(project_id, |id| async move {
        match id {
            Some(id) => super::api::get_timeline(ProjectId(id)).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                let found = timeline.await.and_then(|timeline| {
                    let id = milestone_id().ok_or(AppError::NotFound)?;
                    let milestone = timeline
                        .milestones
                        .iter()
                        .find(|m| m.id.0 == id && timeline.may_edit)
                        .cloned()
                        .ok_or(AppError::NotFound)?;
                    Ok((timeline, milestone))
                });
                let (timeline, milestone) = match found {
                    Ok(found) => found,
                    Err(error) => return view! { <LoadFailed error /> }.into_any(),
                };
                let project = timeline.project;
                let back = format!("/projects/{project}/milestones");
                let linked = milestone.progress.total + milestone.progress.internal_total;
                let title = milestone.title.clone();
                let others: Vec<_> = timeline
                    .milestones
                    .iter()
                    .filter(|m| m.id != milestone.id)
                    .map(|m| (m.id, m.title.clone()))
                    .collect();
                view! {
                    <Title text=timeline.project_name.clone() />
                    <nav class="breadcrumb" aria-label=move || t.get().nav_label>
                        <A href=back.clone()>{timeline.project_name.clone()}</A>
                    </nav>
                    <section class="panel delete-milestone" aria-labelledby="delete-milestone-title">
                        <h1 id="delete-milestone-title">{move || (t.get().delete_milestone_title)(&title)}</h1>
                        <FormError error id="delete-milestone-error" />
                        <ActionForm action attr:class="form">
                            <input type="hidden" name="project" value=project.0 />
                            <input type="hidden" name="milestone" value=milestone.id.0 />
                            <p>{move || t.get().delete_milestone_confirm}</p>
                            <fieldset>
                                <legend>{move || (t.get().delete_milestone_cards)(linked)}</legend>
                                <label class="checkbox">
                                    <input type="radio" name="cards_to" value="" checked=true />
                                    {move || (t.get().delete_keep_cards)(linked)}
                                </label>
                                {others
                                    .into_iter()
                                    .map(|(other, title)| {
                                        view! {
                                            <label class="checkbox">
                                                <input type="radio" name="cards_to" value=other.0 />
                                                {move || (t.get().delete_move_cards)(linked, &title)}
                                            </label>
                                        }
                                    })
                                    .collect_view()}
                            </fieldset>
                            <div class="button-row">
                                <button type="submit" class="button danger" disabled=move || action.pending().get()>
                                    {move || t.get().delete_milestone_yes}
                                </button>
                                <A href=back attr:class="button button-secondary">{move || t.get().cancel}</A>
                            </div>
                        </ActionForm>
                    </section>
                }
                    .into_any()
            })}
        </Transition>
    }
}
