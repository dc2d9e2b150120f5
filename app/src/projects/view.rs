//! The home page: the organization's projects.

use super::api::list_projects;
use super::ProjectSummary;
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::{EmptyState, ErrorPanel, Loading};
use leptos::prelude::*;
use leptos_meta::Title;

/// `/`: every project with its client company.
#[component]
pub fn HomePage() -> impl IntoView {
    let t = use_strings();
    let projects = Resource::new(|| (), |_| list_projects());
    view! {
        <Title text=move || t.get().home_title />
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
                            <h2 class="project-card-name">{project.name}</h2>
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
