//! The home page (the organization's projects) and a project's own page.

use super::api::{get_project, list_projects};
use super::ProjectSummary;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::{EmptyState, ErrorPanel, LoadFailed, Loading, PageTitle};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/`: every project with its client company; staff also create projects here and find the
/// archived ones below the active.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let projects = Resource::new(|| (), |_| list_projects());
    let session = Resource::new(|| (), |_| crate::accounts::api::get_session());
    view! {
        <PageTitle text=|t| t.home_title />
        <header class="page-header">
            <h1>{move || t.get().home_title}</h1>
        </header>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                let (staff, organization) = match session.await {
                    Ok(Some(s)) => (s.user.role.is_staff(), s.organization.name),
                    _ => (false, String::new()),
                };
                match projects.await {
                    Ok(list) => {
                        let (archived, active): (Vec<_>, Vec<_>) =
                            list.into_iter().partition(|p| p.archived_at.is_some());
                        let companies = {
                            let mut names: Vec<String> = active
                                .iter()
                                .chain(archived.iter())
                                .map(|p| p.client_company.clone())
                                .collect();
                            names.sort();
                            names.dedup();
                            names
                        };
                        let intro_organization = organization.clone();
                        view! {
                            <p class="page-intro home-intro">
                                {move || {
                                    if staff {
                                        t.get().home_intro.to_string()
                                    } else {
                                        (t.get().home_intro_client)(&intro_organization)
                                    }
                                }}
                            </p>
                            <crate::comments::view::AttentionLists />
                            {if staff {
                                view! { <crate::feedback::home::OrganizationScores /> }.into_any()
                            } else {
                                view! { <crate::feedback::home::WaitingForms /> }.into_any()
                            }}
                            <ProjectList projects=active staff organization />
                            {staff.then(|| view! { <NewProjectForm companies /> })}
                            {(!archived.is_empty())
                                .then(|| {
                                    view! {
                                        <section class="archived" aria-labelledby="archived-title">
                                            <h2 id="archived-title">{move || t.get().archived_title}</h2>
                                            <ProjectCards projects=archived />
                                        </section>
                                    }
                                })}
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ProjectList(projects: Vec<ProjectSummary>, staff: bool, organization: String) -> impl IntoView {
    let t = use_strings();
    if projects.is_empty() {
        return view! {
            <EmptyState
                title=Signal::derive(move || t.get().projects_empty_title)
                body=Signal::derive(move || {
                    if staff {
                        t.get().projects_empty_body.to_string()
                    } else {
                        (t.get().projects_empty_body_client)(&organization)
                    }
                })
            />
        }
        .into_any();
    }
    let count = projects.len();
    view! {
        <p class="project-count" aria-live="polite">{move || (t.get().project_count)(count)}</p>
        <ProjectCards projects />
    }
    .into_any()
}

#[component]
fn ProjectCards(projects: Vec<ProjectSummary>) -> impl IntoView {
    let t = use_strings();
    view! {
        <ul class="project-list">
            {projects
                .into_iter()
                .map(|project| {
                    view! {
                        <li class="project-card">
                            <h2 class="project-card-name">
                                <A href=if project.opens_board.0 {
                                    format!("/projects/{}/board", project.id)
                                } else {
                                    format!("/projects/{}", project.id)
                                }>{project.name}</A>
                            </h2>
                            <p class="project-card-client">
                                <span class="label">{move || t.get().project_client} ": "</span>
                                {project.client_company}
                            </p>
                            <MilestoneAlertsNote project=project.id alerts=project.alerts />
                            <StandingNote project=project.id standing=project.standing />
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// Staff create a project for a client company, existing or new; the browser goes to it.
#[component]
fn NewProjectForm(companies: Vec<String>) -> impl IntoView {
    use crate::ui::form::{action_error, invalid_when, Field, FormError};
    let t = use_strings();
    let action = ServerAction::<super::api::CreateProject>::new();
    let error = action_error(action);
    view! {
        <section class="panel new-project" aria-labelledby="new-project-title">
            <h2 id="new-project-title">{move || t.get().new_project_title}</h2>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="new-project-error" />
                <label for="company_name">{move || t.get().company_label}</label>
                <p class="field-hint" id="company_name-hint">{move || t.get().company_hint}</p>
                <input
                    id="company_name"
                    name="company_name"
                    type="text"
                    list="known-companies"
                    autocomplete="off"
                    required
                    aria-describedby="company_name-hint"
                    aria-invalid=invalid_when(error, "company_name")
                />
                <datalist id="known-companies">
                    {companies.into_iter().map(|c| view! { <option value=c></option> }).collect_view()}
                </datalist>
                <Field name="project_name" label=|t| t.project_name_label autocomplete="off" error />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.get().setting_up } else { t.get().create_project_button }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// `/projects/{id}`: the project, its client and its people; staff invite from here. A project
/// the viewer may not see looks exactly like one that does not exist.
#[component]
pub fn ProjectPage() -> impl IntoView {
    use crate::accounts::invitations::api::InvitePerson;
    let t = use_strings();
    let project_id = crate::ui::param_id("id");
    let id = move || project_id().map(super::ProjectId);
    let invite = ServerAction::<InvitePerson>::new();
    let page = Resource::new(
        move || (id(), invite.version().get()),
        |(id, _)| async move {
            match id {
                Some(id) => get_project(id).await,
                None => Err(AppError::NotFound),
            }
        },
    );
    view! {
        <nav class="breadcrumb" aria-label=move || t.get().nav_label>
            <A href="/">{move || t.get().all_projects}</A>
        </nav>
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => view! { <ProjectView page invite /> }.into_any(),
                    Err(error) => view! { <LoadFailed error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn ProjectView(
    page: super::ProjectPage,
    invite: ServerAction<crate::accounts::invitations::api::InvitePerson>,
) -> impl IntoView {
    use crate::accounts::invitations::view::InvitePanel;
    let t = use_strings();
    let name = page.name.clone();
    let members = page.members;
    let invite_panel = (!page.may_invite.is_empty()).then(|| {
        view! {
            <InvitePanel
                action=invite
                project=page.id
                client_company=page.client_company.clone()
                may_invite=page.may_invite
                pending=page.pending
                just_invited=page.just_invited
            />
        }
    });
    let charter_editor = page
        .may_manage
        .then(|| view! { <CharterEditor id=page.id charter=page.charter.clone() /> });
    view! {
        <Title text=name.clone() />
        <header class="page-header">
            <h1>{name}</h1>
            <ProjectTabs project=page.id current="welcome" staff=page.standing.viewer_is_staff />
            <p class="page-intro">
                <span class="label">{move || t.get().project_client} ": "</span>
                {page.client_company}
            </p>
            <MilestoneAlertsNote project=page.id alerts=page.alerts />
            <StandingNote project=page.id standing=page.standing />
        </header>
        <crate::ui::ReachedBanner titles=page.reached.clone() />
        <CharterView
            for_staff=page.may_manage
            sections=page.charter_html
            response_hours=page.charter.response_hours
            update_cadence_days=page.charter.update_cadence_days
        />
        {charter_editor}
        <div class="project-columns">
            <section class="people" aria-labelledby="people-title">
                <h2 id="people-title">{move || t.get().project_people_title}</h2>
                {if members.is_empty() {
                    view! { <p class="empty-note">{move || t.get().project_people_empty}</p> }.into_any()
                } else {
                    view! {
                        <ul class="people-list">
                            {members
                                .into_iter()
                                .map(|m| {
                                    let role = m.role;
                                    view! {
                                        <li>
                                            <span class="person-name">{m.name}</span>
                                            <span class="role-badge">{move || role.name(t.get())}</span>
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                    .into_any()
                }}
            </section>
            {invite_panel}
            {page.may_manage.then(|| view! { <ProjectSettings id=page.id name=page.name.clone() archived=page.archived /> })}
        </div>
    }
    .into_any()
}

/// "On track", with its colour; the words say it.
#[component]
pub fn HealthBadge(health: super::Health) -> impl IntoView {
    let t = use_strings();
    let class = format!("health-badge health-{}", health.as_str().replace('_', "-"));
    view! { <span class=class>{move || health.name(t.get())}</span> }
}

/// The project's latest health ("Latest update: On track", linking to the updates), the
/// decisions its updates wait for ("1 decision waits for you" to a client; "1 client decision
/// open · 1 overdue" to staff) and, for staff, "Update due"; nothing when there is none of these.
#[component]
pub fn StandingNote(project: super::ProjectId, standing: super::Standing) -> impl IntoView {
    let t = use_strings();
    let (waiting, overdue, staff) = (
        standing.decisions_waiting,
        standing.decisions_overdue,
        standing.viewer_is_staff,
    );
    let note_class = if overdue > 0 {
        "decisions-note is-late"
    } else {
        "decisions-note"
    };
    let (questions, oldest, promised) = (
        standing.open_questions,
        standing.oldest_question_hours,
        standing.response_hours,
    );
    let questions_class = if oldest > promised {
        "questions-note is-late"
    } else {
        "questions-note"
    };
    let (low, words) = (standing.low_scores, standing.low_score_words.clone());
    let (forms, first_form) = (standing.forms_waiting, standing.first_form_waiting);
    let shown = standing.health.is_some()
        || standing.update_due
        || waiting > 0
        || questions > 0
        || low > 0
        || forms > 0;
    shown.then(|| {
        view! {
            <p class="standing">
                {standing
                    .health
                    .map(|health| {
                        view! {
                            <A href=format!("/projects/{project}/updates")>
                                {move || t.get().latest_health}
                                " "
                                <HealthBadge health />
                            </A>
                        }
                    })}
                {standing
                    .update_due
                    .then(|| view! { " " <span class="badge update-due-badge">{move || t.get().update_due_badge}</span> })}
                {(waiting > 0)
                    .then(|| {
                        view! {
                            " "
                            <A href=format!("/projects/{project}/updates") attr:class=note_class>
                                {move || {
                                    if staff {
                                        (t.get().decisions_open_staff)(waiting, overdue)
                                    } else {
                                        (t.get().decisions_waiting_client)(waiting)
                                    }
                                }}
                            </A>
                        }
                    })}
                {(questions > 0)
                    .then(|| {
                        view! {
                            " "
                            <A href=format!("/projects/{project}/updates") attr:class=questions_class>
                                {move || (t.get().questions_open_staff)(questions, oldest, promised)}
                            </A>
                        }
                    })}
                {(low > 0)
                    .then(|| {
                        view! {
                            " "
                            <A href=format!("/projects/{project}/feedback") attr:class="low-score-note is-late">
                                {move || (t.get().low_score_flag)(low)}
                            </A>
                            {words.clone().map(|w| view! { " " <q class="low-score-words">{w}</q> })}
                        }
                    })}
                {first_form
                    .map(|form| {
                        view! {
                            " "
                            <A href=format!("/forms/{form}") attr:class="forms-note">
                                {move || (t.get().forms_waiting_note)(forms)}
                            </A>
                        }
                    })}
            </p>
        }
    })
}

/// "1 milestone late · 2 at risk", linking to the timeline; nothing when all is well.
#[component]
pub fn MilestoneAlertsNote(
    project: super::ProjectId,
    alerts: super::MilestoneAlerts,
) -> impl IntoView {
    let t = use_strings();
    let class = if alerts.overdue > 0 {
        "milestone-alerts is-late"
    } else {
        "milestone-alerts"
    };
    alerts.any().then(|| {
        view! {
            <p class=class>
                <A href=format!("/projects/{project}/milestones")>
                    {move || (t.get().milestone_alerts)(alerts.overdue, alerts.at_risk)}
                </A>
            </p>
        }
    })
}

/// Staff rename a project, archive it or reopen it.
#[component]
fn ProjectSettings(id: super::ProjectId, name: String, archived: bool) -> impl IntoView {
    use super::api::{ArchiveProject, RenameProject};
    use crate::ui::form::{action_error, either_error, Field, FormError};
    let t = use_strings();
    let rename = ServerAction::<RenameProject>::new();
    let archive = ServerAction::<ArchiveProject>::new();
    let rename_error = action_error(rename);
    let error = either_error(rename_error, action_error(archive));
    // After a change, the page shows the project as it now is.
    Effect::new(move |_| {
        if matches!(rename.value().get(), Some(Ok(())))
            || matches!(archive.value().get(), Some(Ok(())))
        {
            if let Some(window) = leptos::web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    view! {
        <section class="panel" aria-labelledby="project-settings-title">
            <h2 id="project-settings-title">{move || t.get().project_settings_title}</h2>
            <FormError error id="project-settings-error" />
            {archived.then(|| view! { <p class="field-hint">{move || t.get().archived_note}</p> })}
            <ActionForm action=rename attr:class="form" attr:novalidate=true>
                <input type="hidden" name="id" value=id.0 />
                <Field name="project_name" label=|t| t.project_name_label autocomplete="off" error=rename_error value=name />
                <button type="submit" class="button">{move || t.get().rename_button}</button>
            </ActionForm>
            <ActionForm action=archive attr:class="form">
                <input type="hidden" name="id" value=id.0 />
                <input type="hidden" name="archived" value=(!archived).to_string() />
                <button type="submit" class="button">
                    {move || if archived { t.get().reopen_button } else { t.get().archive_button }}
                </button>
            </ActionForm>
        </section>
    }
    .into_any()
}

/// The welcome page's charter: the commitments, then each written section (HTML rendered from
/// Markdown and sanitized on the server).
#[component]
fn CharterView(
    /// Staff write the charter; clients wait for it: the empty note speaks to each.
    for_staff: bool,
    sections: Vec<(super::CharterSection, String)>,
    response_hours: i64,
    update_cadence_days: i64,
) -> impl IntoView {
    let t = use_strings();
    let empty = sections.is_empty();
    view! {
        <section class="panel charter" aria-labelledby="charter-title">
            <h2 id="charter-title">{move || t.get().charter_title}</h2>
            <p class="charter-commitment">
                {move || (t.get().charter_commitment)(response_hours, update_cadence_days)}
            </p>
            {empty
                .then(|| {
                    view! {
                        <p class="empty-note">
                            {move || {
                                if for_staff { t.get().charter_empty } else { t.get().charter_empty_client }
                            }}
                        </p>
                    }
                })}
            {sections
                .into_iter()
                .map(|(section, html)| {
                    view! {
                        <section class="charter-section">
                            <h3>{move || section.title(t.get())}</h3>
                            <div class="markdown" inner_html=html></div>
                        </section>
                    }
                })
                .collect_view()}
        </section>
    }
    .into_any()
}

/// Staff write the charter: one Markdown field per section, and the two commitments.
#[component]
fn CharterEditor(id: super::ProjectId, charter: super::Charter) -> impl IntoView {
    use super::api::UpdateCharter;
    use super::CharterSection;
    use crate::ui::form::{action_error, invalid_when, FormError};
    let t = use_strings();
    let action = ServerAction::<UpdateCharter>::new();
    let error = action_error(action);
    Effect::new(move |_| {
        if matches!(action.value().get(), Some(Ok(()))) {
            if let Some(window) = leptos::web_sys::window() {
                let _ = window.location().reload();
            }
        }
    });
    let invalid = move |name| invalid_when(error, name);
    view! {
        <details class="panel charter-editor">
            <summary>{move || t.get().edit_charter}</summary>
            <ActionForm action=action attr:class="form" attr:novalidate=true>
                <FormError error id="charter-error" />
                <input type="hidden" name="id" value=id.0 />
                <p class="field-hint">{move || t.get().markdown_hint}</p>
                {CharterSection::ALL
                    .into_iter()
                    .map(|section| {
                        let field = section.field();
                        let text = charter.section(section).to_string();
                        view! {
                            <label for=field>{move || section.title(t.get())}</label>
                            <textarea id=field name=field rows="4" aria-invalid=invalid(field)>
                                {crate::ui::form::textarea_text(text)}
                            </textarea>
                        }
                    })
                    .collect_view()}
                <label for="response_hours">{move || t.get().response_hours_label}</label>
                <input
                    id="response_hours"
                    name="response_hours"
                    type="number"
                    min="1"
                    max="720"
                    value=charter.response_hours
                    aria-invalid=invalid("response_hours")
                />
                <label for="update_cadence_days">{move || t.get().cadence_label}</label>
                <input
                    id="update_cadence_days"
                    name="update_cadence_days"
                    type="number"
                    min="1"
                    max="90"
                    value=charter.update_cadence_days
                    aria-invalid=invalid("update_cadence_days")
                />
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.get().saving } else { t.get().save_charter }}
                </button>
            </ActionForm>
        </details>
    }
    .into_any()
}

/// The project's two tabs: its welcome page and its board.
#[component]
pub fn ProjectTabs(
    project: super::ProjectId,
    current: &'static str,
    /// Staff also get the feedback tab.
    #[prop(optional)]
    staff: bool,
) -> impl IntoView {
    let t = use_strings();
    let tab = move |key: &'static str,
                    href: String,
                    label: fn(&crate::i18n::Strings) -> &'static str| {
        view! {
            // `exact`: the welcome tab's address begins the other tabs' addresses, and must
            // not be marked current on them.
            <A href=href exact=true attr:class="tab" attr:aria-current=(current == key).then_some("page")>
                {move || label(t.get())}
            </A>
        }
    };
    view! {
        <nav class="tabs" aria-label=move || t.get().project_sections>
            {tab("welcome", format!("/projects/{project}"), |t| t.tab_welcome)}
            {tab("board", format!("/projects/{project}/board"), |t| t.tab_board)}
            {tab("milestones", format!("/projects/{project}/milestones"), |t| t.tab_milestones)}
            {tab("updates", format!("/projects/{project}/updates"), |t| t.tab_updates)}
            {staff.then(|| tab("feedback", format!("/projects/{project}/feedback"), |t| t.tab_feedback))}
        </nav>
    }
}
