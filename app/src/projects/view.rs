//! The home page (the organization's projects) and a project's own page.

use super::api::{get_project, list_projects};
use super::ProjectSummary;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::{EmptyState, ErrorPanel, Loading, NotFound, PageTitle};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::A;

/// `/`: every project with its client company.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let projects = Resource::new(|| (), |_| list_projects());
    view! {
        <PageTitle text=|t| t.home_title />
        <header class="page-header">
            <h1>{move || t.get().home_title}</h1>
            <p class="page-intro">{move || t.get().home_intro}</p>
        </header>
        <Suspense fallback=Loading>
            {move || Suspend::new(async move {
                match projects.await {
                    Ok(list) => view! { <ProjectList projects=list /> }.into_any(),
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
fn ProjectList(projects: Vec<ProjectSummary>) -> impl IntoView {
    let t = use_strings();
    if projects.is_empty() {
        return view! {
            <EmptyState
                title=Signal::derive(move || t.get().projects_empty_title)
                body=Signal::derive(move || t.get().projects_empty_body)
            />
        }
        .into_any();
    }
    let count = projects.len();
    view! {
        <p class="project-count" aria-live="polite">{move || (t.get().project_count)(count)}</p>
        <ul class="project-list">
            {projects
                .into_iter()
                .map(|project| {
                    view! {
                        <li class="project-card">
                            <h2 class="project-card-name">
                                <A href=format!("/projects/{}", project.id)>{project.name}</A>
                            </h2>
                            <p class="project-card-client">
                                <span class="label">{move || t.get().project_client} ": "</span>
                                {project.client_company}
                            </p>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}

/// `/projects/{id}`: the project, its client and its people; staff invite from here. A project
/// the viewer may not see looks exactly like one that does not exist.
#[component]
pub fn ProjectPage() -> impl IntoView {
    use crate::accounts::invitations::api::InvitePerson;
    let t = use_strings();
    let params = leptos_router::hooks::use_params_map();
    let id = move || {
        params
            .read()
            .get("id")
            .and_then(|id| id.parse::<i64>().ok())
            .map(super::ProjectId)
    };
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
                    Err(AppError::Unauthenticated) => {
                        view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
                    }
                    Err(AppError::NotFound) => view! { <NotFound /> }.into_any(),
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
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
    view! {
        <Title text=name.clone() />
        <header class="page-header">
            <h1>{name}</h1>
            <p class="page-intro">
                <span class="label">{move || t.get().project_client} ": "</span>
                {page.client_company}
            </p>
        </header>
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
                                            <span class="role-badge">{move || t.get().role(role)}</span>
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
        </div>
    }
    .into_any()
}
