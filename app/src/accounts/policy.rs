//! The one authorization policy: every server function and page load asks [`may`] before it
//! reads or writes. A decision depends only on who acts (role, organization, client company,
//! project membership) and on what they act upon.

use super::{Actor, OrganizationId, Role};
use crate::error::AppError;
use crate::ids::ClientCompanyId;

/// Everything a person can ask Faro to do. Adding a server function means adding its action
/// here; the policy matrix test then fails until the decision for every kind of person is
/// written down.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// See the list of projects (staff: all of the organization's; clients: their own).
    ListProjects,
    /// Open one project.
    ViewProject,
    /// Invite a client user of the project's company to the project.
    InviteClient,
    /// Invite a colleague (staff) to the organization, through a project.
    InviteStaff,
    /// Read and change one's own name, language, timezone and password.
    EditOwnAccount,
    /// See everyone in the organization (`/admin/people`).
    ViewPeople,
    /// Change staff roles and remove people.
    ManagePeople,
    /// Create, rename, archive and reopen projects.
    ManageProjects,
    /// Add, edit and move cards; add, rename, reorder and delete columns.
    EditBoard,
    /// Create, edit, delete milestones and move them through planned, in progress, completed.
    EditMilestones,
    /// Approve a completed milestone or ask for changes: the project's client members only.
    SignOffMilestone,
    /// Write, publish, correct and discard status updates.
    WriteUpdates,
    /// Say "seen" to a published update: the project's client members only.
    MarkUpdateSeen,
    /// Choose one of the options an update offers: the project's client members only.
    DecideOnUpdate,
    /// Comment on the project's updates, cards and milestones (and edit or delete one's own
    /// comments): its members.
    Comment,
    /// Mark a client's comment a question, or a question answered: staff.
    AnswerQuestions,
    /// Send and close feedback forms, read their results: staff. Not refused on a closed
    /// project (its close form is answered then, and read and handled after); sending and the
    /// project's settings refuse an archived project themselves.
    ManageFeedback,
    /// Answer a feedback form: the project's client members only (also once the project is
    /// closed: the project-close form is sent then).
    AnswerFeedback,
    /// See the organization's outgoing mail (`/admin/mail`) and send an undelivered message
    /// again: owners.
    ReadMail,
}

impl Action {
    /// Whether the action writes inside a project (its board, its people): refused while the
    /// project is archived. Archiving and reopening (`ManageProjects`) are not.
    pub fn changes_project_content(self) -> bool {
        matches!(
            self,
            Action::EditBoard
                | Action::InviteClient
                | Action::InviteStaff
                | Action::EditMilestones
                | Action::SignOffMilestone
                | Action::WriteUpdates
                | Action::MarkUpdateSeen
                | Action::DecideOnUpdate
                | Action::Comment
                | Action::AnswerQuestions
        )
    }

    pub const ALL: [Action; 19] = [
        Action::ListProjects,
        Action::ViewProject,
        Action::InviteClient,
        Action::InviteStaff,
        Action::EditOwnAccount,
        Action::ViewPeople,
        Action::ManagePeople,
        Action::ManageProjects,
        Action::EditBoard,
        Action::EditMilestones,
        Action::SignOffMilestone,
        Action::WriteUpdates,
        Action::MarkUpdateSeen,
        Action::DecideOnUpdate,
        Action::Comment,
        Action::AnswerQuestions,
        Action::ManageFeedback,
        Action::AnswerFeedback,
        Action::ReadMail,
    ];
}

/// How a server function is guarded. Public ones answer only about the caller themselves
/// (their session, their language) or are the way in (sign-in).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Guard {
    Public,
    Checks(Action),
}

/// Every server function's address and guard. A test compares it with the functions the
/// server actually registers: a new server function without an entry here fails it.
pub const SERVER_FUNCTIONS: &[(&str, Guard)] = &[
    ("/api/i18n/set_locale", Guard::Public),
    ("/api/accounts/get_session", Guard::Public),
    ("/api/accounts/sign_in", Guard::Public),
    ("/api/accounts/sign_out", Guard::Public),
    ("/api/accounts/needs_setup", Guard::Public),
    // Open only while the installation has no organization at all (checked in one transaction).
    ("/api/accounts/set_up", Guard::Public),
    // Answers only whether a link is open, and to whom it was sent; the token is the secret.
    ("/api/accounts/get_invitation", Guard::Public),
    ("/api/accounts/accept_invitation", Guard::Public),
    (
        "/api/accounts/invite_person",
        // InviteStaff too, when the role asked for is staff.
        Guard::Checks(Action::InviteClient),
    ),
    (
        "/api/projects/list_projects",
        Guard::Checks(Action::ListProjects),
    ),
    (
        "/api/projects/get_project",
        Guard::Checks(Action::ViewProject),
    ),
    (
        "/api/accounts/get_account",
        Guard::Checks(Action::EditOwnAccount),
    ),
    (
        "/api/accounts/update_profile",
        Guard::Checks(Action::EditOwnAccount),
    ),
    (
        "/api/accounts/change_password",
        Guard::Checks(Action::EditOwnAccount),
    ),
    (
        "/api/accounts/list_people",
        Guard::Checks(Action::ViewPeople),
    ),
    (
        "/api/accounts/change_role",
        Guard::Checks(Action::ManagePeople),
    ),
    (
        "/api/accounts/remove_person",
        Guard::Checks(Action::ManagePeople),
    ),
    (
        "/api/accounts/create_reset_link",
        Guard::Checks(Action::ManagePeople),
    ),
    // Like invitations: the token is the secret; an unknown, used or expired one says so.
    ("/api/accounts/get_reset", Guard::Public),
    ("/api/mail/list_mail", Guard::Checks(Action::ReadMail)),
    ("/api/mail/send_again", Guard::Checks(Action::ReadMail)),
    (
        "/api/mail/get_mail_preferences",
        Guard::Checks(Action::EditOwnAccount),
    ),
    (
        "/api/mail/set_mail_preference",
        Guard::Checks(Action::EditOwnAccount),
    ),
    // The signed token names the person and the kind of mail: no sign-in, like the mail
    // program's one-click POST to the same address.
    ("/api/mail/get_unsubscribe", Guard::Public),
    ("/api/mail/unsubscribe", Guard::Public),
    ("/api/accounts/reset_password", Guard::Public),
    // Anyone may ask; only a client's address gets a link, and every address the same answer.
    ("/api/accounts/request_sign_in_link", Guard::Public),
    // Like password links: the token is the secret.
    ("/api/accounts/get_sign_in_link", Guard::Public),
    ("/api/accounts/use_sign_in_link", Guard::Public),
    (
        "/api/projects/create_project",
        Guard::Checks(Action::ManageProjects),
    ),
    (
        "/api/projects/rename_project",
        Guard::Checks(Action::ManageProjects),
    ),
    (
        "/api/projects/archive_project",
        Guard::Checks(Action::ManageProjects),
    ),
    (
        "/api/projects/update_charter",
        Guard::Checks(Action::ManageProjects),
    ),
    // Clients get the cards they may see; internal ones are filtered in the query.
    ("/api/board/get_board", Guard::Checks(Action::ViewProject)),
    ("/api/board/get_card", Guard::Checks(Action::ViewProject)),
    ("/api/board/create_card", Guard::Checks(Action::EditBoard)),
    ("/api/board/update_card", Guard::Checks(Action::EditBoard)),
    ("/api/board/move_card", Guard::Checks(Action::EditBoard)),
    ("/api/board/add_column", Guard::Checks(Action::EditBoard)),
    ("/api/board/rename_column", Guard::Checks(Action::EditBoard)),
    ("/api/board/change_column", Guard::Checks(Action::EditBoard)),
    // Clients get their project's milestones with internal card counts left out.
    (
        "/api/milestones/get_timeline",
        Guard::Checks(Action::ViewProject),
    ),
    (
        "/api/milestones/get_milestone",
        Guard::Checks(Action::ViewProject),
    ),
    (
        "/api/milestones/save_milestone",
        Guard::Checks(Action::EditMilestones),
    ),
    (
        "/api/milestones/set_milestone_status",
        Guard::Checks(Action::EditMilestones),
    ),
    (
        "/api/milestones/delete_milestone",
        Guard::Checks(Action::EditMilestones),
    ),
    (
        "/api/milestones/move_milestone",
        Guard::Checks(Action::EditMilestones),
    ),
    (
        "/api/milestones/sign_off_milestone",
        Guard::Checks(Action::SignOffMilestone),
    ),
    // Clients get published updates only, without the source, earlier texts or who saw them.
    (
        "/api/updates/get_updates",
        Guard::Checks(Action::ViewProject),
    ),
    (
        "/api/updates/get_update",
        Guard::Checks(Action::ViewProject),
    ),
    (
        "/api/updates/save_update",
        Guard::Checks(Action::WriteUpdates),
    ),
    (
        "/api/updates/publish_update",
        Guard::Checks(Action::WriteUpdates),
    ),
    (
        "/api/updates/discard_update",
        Guard::Checks(Action::WriteUpdates),
    ),
    (
        "/api/updates/mark_update_seen",
        Guard::Checks(Action::MarkUpdateSeen),
    ),
    (
        "/api/updates/choose_option",
        Guard::Checks(Action::DecideOnUpdate),
    ),
    // The subject (an update, a card, a milestone) is checked inside: a client never reaches
    // a draft or an internal card.
    ("/api/comments/add_comment", Guard::Checks(Action::Comment)),
    ("/api/comments/edit_comment", Guard::Checks(Action::Comment)),
    (
        "/api/comments/delete_comment",
        Guard::Checks(Action::Comment),
    ),
    (
        "/api/comments/mark_answered",
        Guard::Checks(Action::AnswerQuestions),
    ),
    (
        "/api/comments/mark_question",
        Guard::Checks(Action::AnswerQuestions),
    ),
    // One's own mentions, on projects one may still see; staff also get the open questions.
    (
        "/api/comments/get_attention",
        Guard::Checks(Action::ListProjects),
    ),
    // A form of a project the viewer may see; clients get their own answers only.
    ("/api/feedback/get_form", Guard::Checks(Action::ViewProject)),
    // Only the caller's own waiting forms.
    (
        "/api/feedback/get_waiting",
        Guard::Checks(Action::ListProjects),
    ),
    (
        "/api/feedback/answer_form",
        Guard::Checks(Action::AnswerFeedback),
    ),
    (
        "/api/feedback/get_feedback",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/send_form",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/close_form",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/handle_low_score",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/set_feedback_settings",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/list_templates",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/get_template",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/copy_template",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/save_template",
        Guard::Checks(Action::ManageFeedback),
    ),
    (
        "/api/feedback/delete_template",
        Guard::Checks(Action::ManageFeedback),
    ),
    // Staff only inside (clients get nothing): the organization's own figures.
    (
        "/api/feedback/get_organization_scores",
        Guard::Checks(Action::ListProjects),
    ),
    // Only one's own mentions, on projects one may still see.
    (
        "/api/comments/read_mention",
        Guard::Checks(Action::EditOwnAccount),
    ),
];

/// What an action is about, with the facts the decision needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Organization(OrganizationId),
    Project {
        organization: OrganizationId,
        client_company: ClientCompanyId,
        /// Whether the actor is a member of this project.
        actor_is_member: bool,
    },
}

impl Target {
    fn organization(self) -> OrganizationId {
        match self {
            Target::Organization(org)
            | Target::Project {
                organization: org, ..
            } => org,
        }
    }
}

/// Allowed, or the error to answer with. Anonymous callers are told to sign in; anything else
/// that is refused looks exactly like a missing resource, so nobody can probe for the ids of
/// another tenant.
pub fn may(actor: Option<&Actor>, action: Action, target: Target) -> Result<(), AppError> {
    let Some(actor) = actor else {
        return Err(AppError::Unauthenticated);
    };
    if actor.organization_id != target.organization() {
        return Err(AppError::NotFound);
    }
    let allowed = match (actor.role, action, target) {
        // Signing off is the client's word on the team's work, never the team's own.
        (
            Role::Owner | Role::Pm,
            Action::SignOffMilestone
            | Action::MarkUpdateSeen
            | Action::DecideOnUpdate
            | Action::AnswerFeedback,
            _,
        ) => false,
        (Role::Owner, _, _) => true,
        // Bringing in staff (who see every project) and managing people is the owner's call.
        // So is reading the organization's mail: it holds everyone's invitation links.
        (Role::Pm, Action::InviteStaff | Action::ManagePeople | Action::ReadMail, _) => false,
        (Role::Pm, _, _) => true,
        (Role::Client, Action::ListProjects | Action::EditOwnAccount, Target::Organization(_)) => {
            true
        }
        (
            Role::Client,
            Action::ViewProject
            | Action::SignOffMilestone
            | Action::MarkUpdateSeen
            | Action::DecideOnUpdate
            | Action::Comment
            | Action::AnswerFeedback,
            Target::Project {
                client_company,
                actor_is_member,
                ..
            },
        ) => actor_is_member && actor.client_company_id == Some(client_company),
        (Role::Client, _, _) => false,
    };
    if allowed {
        Ok(())
    } else {
        Err(AppError::NotFound)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::UserId;

    const ORG: OrganizationId = OrganizationId(1);
    const OTHER_ORG: OrganizationId = OrganizationId(2);
    const COMPANY: ClientCompanyId = ClientCompanyId(10);
    const OTHER_COMPANY: ClientCompanyId = ClientCompanyId(11);

    fn person(role: Role, org: OrganizationId, company: Option<ClientCompanyId>) -> Actor {
        Actor {
            id: UserId(1),
            organization_id: org,
            client_company_id: company,
            role,
            name: "x".into(),
            email: "x@x.test".into(),
        }
    }

    /// The people of the matrix, with whether each is a member of the project under test.
    fn people() -> Vec<(&'static str, Option<Actor>, bool)> {
        vec![
            ("anonymous", None, false),
            (
                "client member",
                Some(person(Role::Client, ORG, Some(COMPANY))),
                true,
            ),
            (
                "client of another project in the same org",
                Some(person(Role::Client, ORG, Some(OTHER_COMPANY))),
                false,
            ),
            ("pm", Some(person(Role::Pm, ORG, None)), false),
            ("owner", Some(person(Role::Owner, ORG, None)), false),
            (
                "staff of another org",
                Some(person(Role::Owner, OTHER_ORG, None)),
                false,
            ),
        ]
    }

    fn target(action: Action, member: bool) -> Target {
        match action {
            Action::ListProjects
            | Action::EditOwnAccount
            | Action::ViewPeople
            | Action::ManagePeople
            | Action::ReadMail => Target::Organization(ORG),
            Action::ViewProject
            | Action::InviteClient
            | Action::InviteStaff
            | Action::ManageProjects
            | Action::EditBoard
            | Action::EditMilestones
            | Action::SignOffMilestone
            | Action::WriteUpdates
            | Action::MarkUpdateSeen
            | Action::DecideOnUpdate
            | Action::Comment
            | Action::AnswerQuestions
            | Action::ManageFeedback
            | Action::AnswerFeedback => Target::Project {
                organization: ORG,
                client_company: COMPANY,
                actor_is_member: member,
            },
        }
    }

    /// The expected decision for every action and every kind of person. A new `Action` makes
    /// the `match` below fail to compile until its row is written.
    fn expected(action: Action, who: &str) -> Result<(), AppError> {
        use AppError::{NotFound, Unauthenticated};
        let row: [Result<(), AppError>; 6] = match action {
            Action::ListProjects => [
                Err(Unauthenticated),
                Ok(()),
                Ok(()),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
            Action::ViewProject | Action::Comment => [
                Err(Unauthenticated),
                Ok(()),
                Err(NotFound),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
            Action::InviteClient => [
                Err(Unauthenticated),
                Err(NotFound),
                Err(NotFound),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
            Action::InviteStaff => [
                Err(Unauthenticated),
                Err(NotFound),
                Err(NotFound),
                Err(NotFound),
                Ok(()),
                Err(NotFound),
            ],
            Action::EditOwnAccount => [
                Err(Unauthenticated),
                Ok(()),
                Ok(()),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
            Action::ViewPeople => [
                Err(Unauthenticated),
                Err(NotFound),
                Err(NotFound),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
            Action::ManagePeople | Action::ReadMail => [
                Err(Unauthenticated),
                Err(NotFound),
                Err(NotFound),
                Err(NotFound),
                Ok(()),
                Err(NotFound),
            ],
            Action::SignOffMilestone
            | Action::MarkUpdateSeen
            | Action::DecideOnUpdate
            | Action::AnswerFeedback => [
                Err(Unauthenticated),
                Ok(()),
                Err(NotFound),
                Err(NotFound),
                Err(NotFound),
                Err(NotFound),
            ],
            Action::ManageProjects
            | Action::EditBoard
            | Action::EditMilestones
            | Action::WriteUpdates
            | Action::AnswerQuestions
            | Action::ManageFeedback => [
                Err(Unauthenticated),
                Err(NotFound),
                Err(NotFound),
                Ok(()),
                Ok(()),
                Err(NotFound),
            ],
        };
        let index = people()
            .iter()
            .position(|(name, _, _)| *name == who)
            .unwrap();
        row[index].clone()
    }

    #[test]
    fn policy_matrix() {
        for action in Action::ALL {
            for (who, actor, member) in people() {
                assert_eq!(
                    may(actor.as_ref(), action, target(action, member)),
                    expected(action, who),
                    "{action:?} by {who}"
                );
            }
        }
    }

    #[test]
    fn a_client_member_of_a_project_of_another_company_is_still_refused() {
        // Membership rows are checked against the company too: a stray row cannot leak.
        let client = person(Role::Client, ORG, Some(OTHER_COMPANY));
        let project = Target::Project {
            organization: ORG,
            client_company: COMPANY,
            actor_is_member: true,
        };
        assert_eq!(
            may(Some(&client), Action::ViewProject, project),
            Err(AppError::NotFound)
        );
    }
}
