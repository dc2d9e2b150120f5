//! The invitation parts of the interface: the invite form on a project page, and the page where
//! an invited person accepts (`/invite/{token}`).

use super::api::{get_invitation, AcceptInvitation, InvitePerson};
use super::{Invited, PendingInvitation};
use crate::accounts::Role;
use crate::i18n::view::use_strings;
use crate::projects::ProjectId;
use crate::ui::form::{action_error, Field, FormError, LinkField};
use crate::ui::{LinkProblem, Loading, PageTitle};
use leptos::prelude::*;

use leptos_router::hooks::use_params_map;

/// The invite form of a project page, with the link just made and the invitations still open.
/// `action` belongs to the page, so that its answer survives the page reloading its data.
#[component]
pub fn InvitePanel(
    action: ServerAction<InvitePerson>,
    project: ProjectId,
    client_company: String,
    may_invite: Vec<Role>,
    pending: Vec<PendingInvitation>,
    /// The link made by a form post without JavaScript, shown once.
    just_invited: Option<Invited>,
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
    let role_choice = if may_invite.len() > 1 {
        let company = client_company.clone();
        view! {
            <label for="invite-role">{move || t.get().invite_role_label}</label>
            <select id="invite-role" name="role">
                {may_invite
                    .iter()
                    .map(|role| {
                        let company = company.clone();
                        let role = *role;
                        view! {
                            <option value=role.as_str()>
                                {move || match role {
                                    Role::Client => (t.get().invite_role_client)(&company),
                                    Role::Pm => t.get().invite_role_pm.to_string(),
                                    Role::Owner => t.get().invite_role_owner.to_string(),
                                }}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        }
        .into_any()
    } else {
        view! { <input type="hidden" name="role" value=Role::Client.as_str() /> }.into_any()
    };
    view! {
        <section class="invite-panel" aria-labelledby="invite-title">
            <h2 id="invite-title">{move || t.get().invite_title}</h2>
            <p class="field-hint">{move || t.get().invite_intro}</p>
            <ActionForm action=action attr:class="form invite-form" attr:novalidate=true>
                <FormError error id="invite-error" />
                <input type="hidden" name="project" value=project.0 />
                <Field name="email" label=|t| t.email_label kind="email" autocomplete="off" error />
                {role_choice}
                <button type="submit" class="button" disabled=move || action.pending().get()>
                    {move || if action.pending().get() { t.get().inviting } else { t.get().invite_button }}
                </button>
            </ActionForm>
            <div aria-live="polite">{move || invited().map(|invited| view! { <InvitedNotice invited /> })}</div>
            {(!pending.is_empty())
                .then(|| {
                    view! {
                        <h3>{move || t.get().pending_title}</h3>
                        <ul class="pending-list">
                            {pending
                                .into_iter()
                                .map(|p| {
                                    view! {
                                        <li>
                                            <span class="person-email">{p.email}</span>
                                            " · "
                                            {move || p.role.name(t.get())}
                                            " · "
                                            {move || (t.get().pending_until)(&t.get().date_of(p.expires_at))}
                                        </li>
                                    }
                                })
                                .collect_view()}
                        </ul>
                    }
                })}
        </section>
    }
    .into_any()
}

/// What inviting did: the link to send (in a field that selects itself, ready to copy), or the
/// name of the person added straight away.
#[component]
pub fn InvitedNotice(invited: Invited) -> impl IntoView {
    let t = use_strings();
    match invited {
        Invited::Link {
            email,
            url,
            expires_at,
            emailed,
        } => view! {
            <div class="invite-link" role="status">
                <p>
                    {move || {
                        let t = t.get();
                        let ready = if emailed { t.invite_link_emailed } else { t.invite_link_ready };
                        ready(&email, &t.date_of(expires_at))
                    }}
                </p>
                <LinkField id="invite-link" label=|t| t.invite_link_label value=url />
            </div>
        }
        .into_any(),
        Invited::Added { name } => view! {
            <p class="invite-link" role="status">{move || (t.get().invite_added)(&name)}</p>
        }
        .into_any(),
    }
}

/// `/invite/{token}`: the invited person chooses a name and a password, and joins.
#[component]
pub fn AcceptInvitationPage() -> impl IntoView {
    let t = use_strings();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let details = Resource::new(token, get_invitation);
    let action = ServerAction::<AcceptInvitation>::new();
    let error = action_error(action);
    view! {
        <PageTitle text=|t| t.accept_title />
        <section class="sign-in">
            <h1>{move || t.get().accept_title}</h1>
            <Suspense fallback=Loading>
                {move || Suspend::new(async move {
                    match details.await {
                        Ok(details) => {
                            let role = details.role;
                            let email = details.email.clone();
                            view! {
                                <p class="page-intro">
                                    {move || {
                                        (t.get().accept_intro)(
                                            details.invited_by.as_deref(),
                                            &details.organization,
                                            details.project.as_deref(),
                                        )
                                    }}
                                </p>
                                <ActionForm action=action attr:class="form" attr:novalidate=true>
                                    <FormError error id="accept-error" />
                                    <input type="hidden" name="token" value=token() />
                                    <label for="invited-email">{move || t.get().email_label}</label>
                                    <p class="field-hint" id="invited-email-hint">
                                        {move || (t.get().accept_email_note)(role.name(t.get()))}
                                    </p>
                                    <input
                                        id="invited-email"
                                        type="email"
                                        readonly
                                        autocomplete="username"
                                        aria-describedby="invited-email-hint"
                                        value=email
                                    />
                                    <Field name="name" label=|t| t.your_name_label autocomplete="name" error />
                                    <Field
                                        name="password"
                                        label=|t| t.password_label
                                        kind="password"
                                        autocomplete="new-password"
                                        error
                                        hint=|t| t.new_password_hint
                                    />
                                    <button type="submit" class="button" disabled=move || action.pending().get()>
                                        {move || if action.pending().get() { t.get().accepting } else { t.get().accept_button }}
                                    </button>
                                </ActionForm>
                            }
                            .into_any()
                        }
                        Err(error) => view! { <LinkProblem error /> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}
