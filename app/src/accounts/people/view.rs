//! `/admin/people`: the team and the clients' people, with role changes and removal for owners.

use super::api::{list_people, ChangeRole, RemovePerson};
use super::{PeoplePage, Person};
use crate::accounts::invitations::api::InvitePerson;
use crate::accounts::invitations::view::InvitedNotice;
use crate::accounts::resets::api::CreateResetLink;
use crate::accounts::resets::ResetLink;
use crate::accounts::{Role, UserId};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::ui::form::{action_error, Field, FormError, LinkField};
use crate::ui::{ErrorPanel, Loading, PageTitle};
use leptos::prelude::*;

#[component]
pub fn PeoplePage() -> impl IntoView {
    let t = use_strings();
    let change = ServerAction::<ChangeRole>::new();
    let remove = ServerAction::<RemovePerson>::new();
    let reset = ServerAction::<CreateResetLink>::new();
    let invite = ServerAction::<InvitePerson>::new();
    let page = Resource::new(
        move || {
            (
                change.version().get(),
                remove.version().get(),
                invite.version().get(),
            )
        },
        |_| list_people(),
    );
    let projects = Resource::new(|| (), |_| crate::projects::api::list_projects());
    let error = Signal::derive(move || {
        change
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| remove.value().get().and_then(Result::err))
            .or_else(|| reset.value().get().and_then(Result::err))
    });
    view! {
        <PageTitle text=|t| t.people_title />
        <header class="page-header">
            <h1>{move || t.get().people_title}</h1>
            <p class="page-intro">{move || t.get().people_intro}</p>
        </header>
        <FormError error id="people-error" />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let just_made = page.just_made.clone();
                        let link = move || {
                            reset.value().get().and_then(Result::ok).or_else(|| just_made.clone())
                        };
                        let just_invited = page.just_invited.clone();
                        let may_manage = page.may_manage;
                        let projects = projects.await.unwrap_or_default();
                        view! {
                            <div aria-live="polite">{move || link().map(|link| view! { <ResetNotice link /> })}</div>
                            <InviteToProject action=invite projects may_manage just_invited />
                            <PeopleTables page change remove reset />
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

#[component]
fn PeopleTables(
    page: PeoplePage,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemovePerson>,
    reset: ServerAction<CreateResetLink>,
) -> impl IntoView {
    let t = use_strings();
    let (staff, clients): (Vec<Person>, Vec<Person>) =
        page.people.into_iter().partition(|p| p.role.is_staff());
    let row = move |person: Person| {
        view! { <PersonRow person me=page.me may_manage=page.may_manage change remove reset /> }
    };
    let clients_view = if clients.is_empty() {
        view! { <p class="empty-note">{move || t.get().people_clients_empty}</p> }.into_any()
    } else {
        view! { <PeopleTable people=clients row /> }.into_any()
    };
    view! {
        <div class="stack">
        <section class="panel" aria-labelledby="staff-title">
            <h2 id="staff-title">{move || t.get().people_staff}</h2>
            <PeopleTable people=staff row />
        </section>
        <section class="panel" aria-labelledby="clients-title">
            <h2 id="clients-title">{move || t.get().people_clients}</h2>
            {clients_view}
        </section>
        </div>
    }
    .into_any()
}

#[component]
fn PeopleTable<R, V>(people: Vec<Person>, row: R) -> impl IntoView
where
    R: Fn(Person) -> V + Copy + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let t = use_strings();
    view! {
        <table class="people-table">
            <thead>
                <tr>
                    <th scope="col">{move || t.get().people_name}</th>
                    <th scope="col">{move || t.get().email_label}</th>
                    <th scope="col">{move || t.get().people_role}</th>
                    <th scope="col">{move || t.get().people_actions}</th>
                </tr>
            </thead>
            <tbody>{people.into_iter().map(row).collect_view()}</tbody>
        </table>
    }
    .into_any()
}

#[component]
fn PersonRow(
    person: Person,
    me: UserId,
    may_manage: bool,
    change: ServerAction<ChangeRole>,
    remove: ServerAction<RemovePerson>,
    reset: ServerAction<CreateResetLink>,
) -> impl IntoView {
    let t = use_strings();
    let is_me = person.id == me;
    let role = person.role;
    let company = person.client_company.clone();
    let name = person.name.clone();
    let role_change = (may_manage && !is_me && role.is_staff()).then(|| {
        let (to, label): (Role, fn(&crate::i18n::Strings) -> &'static str) = match role {
            Role::Owner => (Role::Pm, |t| t.make_pm),
            _ => (Role::Owner, |t| t.make_owner),
        };
        view! {
            <ActionForm action=change attr:class="inline-form">
                <input type="hidden" name="user" value=person.id.0 />
                <input type="hidden" name="role" value=to.as_str() />
                <button type="submit" class="link-button">{move || label(t.get())}</button>
            </ActionForm>
        }
    });
    let reset_link = (may_manage && !is_me).then(|| {
        view! {
            <ActionForm action=reset attr:class="inline-form">
                <input type="hidden" name="user" value=person.id.0 />
                <button type="submit" class="link-button">{move || t.get().reset_link_button}</button>
            </ActionForm>
        }
    });
    let removal = (may_manage && !is_me).then(|| {
        let name = name.clone();
        view! {
            <details class="confirm">
                <summary>{move || t.get().remove_button}</summary>
                <p>{move || (t.get().remove_confirm)(&name)}</p>
                <ActionForm action=remove attr:class="inline-form">
                    <input type="hidden" name="user" value=person.id.0 />
                    <button type="submit" class="button danger">{move || t.get().remove_yes}</button>
                </ActionForm>
            </details>
        }
    });
    view! {
        <tr>
            <td>
                {person.name}
                {is_me.then(|| view! { " " <span class="field-hint">{move || t.get().you_label}</span> })}
            </td>
            <td class="person-email">{person.email}</td>
            <td>
                {move || role.name(t.get())}
                {company.clone().map(|c| view! { <span class="field-hint">" · " {c}</span> })}
            </td>
            <td class="person-actions">{role_change} {reset_link} {removal}</td>
        </tr>
    }
    .into_any()
}

/// A reset link just made, for the owner to hand over.
#[component]
fn ResetNotice(link: ResetLink) -> impl IntoView {
    let t = use_strings();
    let ResetLink {
        name,
        url,
        expires_at,
        emailed,
    } = link;
    view! {
        <div class="invite-link" role="status">
            <p>
                {move || {
                    let t = t.get();
                    let ready = if emailed { t.reset_link_emailed } else { t.reset_link_ready };
                    ready(&name, &t.date_of(expires_at))
                }}
            </p>
            <LinkField id="reset-link" label=|t| t.reset_link_label value=url />
        </div>
    }
}

/// Inviting someone from the people page: to which project, and as what. PMs invite clients;
/// owners also staff (who land in the chosen project and see every project).
#[component]
fn InviteToProject(
    action: ServerAction<InvitePerson>,
    projects: Vec<crate::projects::ProjectSummary>,
    may_manage: bool,
    just_invited: Option<crate::accounts::invitations::Invited>,
) -> impl IntoView {
    let t = use_strings();
    let error = action_error(action);
    let invited = move || {
        action
            .value()
            .get()
            .and_then(Result::ok)
            .or_else(|| just_invited.clone())
    };
    if projects.is_empty() {
        return ().into_any();
    }
    let roles: Vec<Role> = if may_manage {
        vec![Role::Client, Role::Pm, Role::Owner]
    } else {
        vec![Role::Client]
    };
    view! {
        <section class="panel invite-panel" aria-labelledby="invite-title">
            <h2 id="invite-title">{move || t.get().invite_title}</h2>
            <p class="field-hint">{move || t.get().invite_intro}</p>
            <ActionForm action=action attr:class="form invite-form" attr:novalidate=true>
                <FormError error id="invite-error" />
                <Field name="email" label=|t| t.email_label kind="email" autocomplete="off" error />
                <label for="invite-project">{move || t.get().invite_project_label}</label>
                <select id="invite-project" name="project">
                    {projects
                        .into_iter()
                        .map(|p| view! { <option value=p.id.0>{format!("{} · {}", p.name, p.client_company)}</option> })
                        .collect_view()}
                </select>
                <label for="invite-role">{move || t.get().invite_role_label}</label>
                <select id="invite-role" name="role">
                    {roles
                        .into_iter()
                        .map(|role| {
                            view! {
                                <option value=role.as_str()>
                                    {move || match role {
                                        Role::Client => t.get().invite_role_client_any.to_string(),
                                        Role::Pm => t.get().invite_role_pm.to_string(),
                                        Role::Owner => t.get().invite_role_owner.to_string(),
                                    }}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.get().inviting } else { t.get().invite_button }}
                </button>
            </ActionForm>
            <div aria-live="polite">{move || invited().map(|invited| view! { <InvitedNotice invited /> })}</div>
        </section>
    }
    .into_any()
}
