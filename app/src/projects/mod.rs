//! Projects and the client companies they are for.

#[cfg(feature = "ssr")]
mod access;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod view;

use crate::accounts::invitations::{Invited, PendingInvitation};
use crate::accounts::{OrganizationId, Role, UserId};
#[cfg(feature = "ssr")]
pub use access::{authorize_project, may_still_view, project_access};
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// A project shared with one client company.
    ProjectId
);
pub use crate::ids::ClientCompanyId;

/// A project as the project list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectSummary {
    pub id: ProjectId,
    pub name: String,
    pub client_company: String,
    /// When the project was archived; `None` while it is active.
    pub archived_at: Option<crate::ids::Timestamp>,
    /// Whether its link opens the board: for a client once they have read the welcome page
    /// (their first visit lands there). Staff land on the project page, where they invite and
    /// manage; the board is one tab away.
    #[cfg_attr(feature = "ssr", sqlx(try_from = "i64"))]
    pub opens_board: crate::ids::Flag,
    /// Its milestones that need attention.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    pub alerts: MilestoneAlerts,
    /// Its latest published health; for staff, whether an update is due.
    #[cfg_attr(feature = "ssr", sqlx(skip))]
    #[serde(default)]
    pub standing: Standing,
}

/// How many of a project's milestones are late, and how many at risk (see `milestones`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct MilestoneAlerts {
    pub overdue: u32,
    pub at_risk: u32,
}

impl MilestoneAlerts {
    pub fn any(self) -> bool {
        self.overdue + self.at_risk > 0
    }
}

/// How the project is going, in the PM's judgement: said by each status update (see `updates`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Health {
    OnTrack,
    AtRisk,
    OffTrack,
}

impl Health {
    pub const ALL: [Health; 3] = [Health::OnTrack, Health::AtRisk, Health::OffTrack];

    pub fn as_str(self) -> &'static str {
        match self {
            Health::OnTrack => "on_track",
            Health::AtRisk => "at_risk",
            Health::OffTrack => "off_track",
        }
    }

    pub fn parse(raw: &str) -> Result<Health, crate::error::AppError> {
        Health::ALL
            .into_iter()
            .find(|h| h.as_str() == raw.trim())
            .ok_or_else(|| {
                crate::error::AppError::invalid("health", crate::error::Problem::Malformed)
            })
    }

    pub fn name(self, t: &crate::i18n::Strings) -> &'static str {
        match self {
            Health::OnTrack => t.health_on_track,
            Health::AtRisk => t.health_at_risk,
            Health::OffTrack => t.health_off_track,
        }
    }
}

impl TryFrom<String> for Health {
    type Error = crate::error::AppError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Health::parse(&value)
    }
}

/// The project's latest published health, as headers and lists show it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Standing {
    pub health: Option<Health>,
    /// Staff only: the next update is due.
    pub update_due: bool,
    /// Decisions asked in published updates that the client has not made yet.
    #[serde(default)]
    pub decisions_waiting: u32,
    /// Of those, the ones past the day to choose by.
    #[serde(default)]
    pub decisions_overdue: u32,
    /// Whether this was read for staff (who are told of open decisions, not asked to decide).
    #[serde(default)]
    pub viewer_is_staff: bool,
    /// Staff: the client's questions not yet answered, and the oldest one's age in hours.
    #[serde(default)]
    pub open_questions: u32,
    #[serde(default)]
    pub oldest_question_hours: i64,
    /// Staff: the charter's response time, in hours.
    #[serde(default)]
    pub response_hours: i64,
    /// Staff: clients' low feedback scores not yet handled, and the newest one's words.
    #[serde(default)]
    pub low_scores: u32,
    #[serde(default)]
    pub low_score_words: Option<String>,
    /// A client: the feedback forms of the project waiting for their answers, and the oldest
    /// one (where the note leads).
    #[serde(default)]
    pub forms_waiting: u32,
    #[serde(default)]
    pub first_form_waiting: Option<i64>,
}

/// A project with what the policy decides on (server side).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct ProjectRecord {
    pub id: ProjectId,
    pub organization_id: OrganizationId,
    pub client_company_id: ClientCompanyId,
    pub name: String,
    pub client_company: String,
    pub archived_at: Option<crate::ids::Timestamp>,
}

/// A person on a project, as its page lists them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Member {
    pub id: UserId,
    pub name: String,
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub role: Role,
}

/// Everything the project page shows. Staff also get the unanswered invitations and what they
/// may invite; for clients those are empty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProjectPage {
    pub id: ProjectId,
    pub name: String,
    pub client_company: String,
    pub members: Vec<Member>,
    pub pending: Vec<PendingInvitation>,
    /// The roles the viewer may invite to this project (empty for clients).
    pub may_invite: Vec<Role>,
    /// The link of an invitation just made, when the page follows a form post without
    /// JavaScript (it is shown once, then forgotten).
    pub just_invited: Option<Invited>,
    pub archived: bool,
    /// Whether the viewer may rename, archive and reopen it, and edit its charter.
    pub may_manage: bool,
    /// The charter as written (what staff edit).
    pub charter: Charter,
    /// Each written section, rendered from Markdown and sanitized on the server.
    pub charter_html: Vec<(CharterSection, String)>,
    /// Its milestones that need attention.
    #[serde(default)]
    pub alerts: MilestoneAlerts,
    /// Its latest published health; for staff, whether an update is due.
    #[serde(default)]
    pub standing: Standing,
    /// For a client: milestones reached since they last saw the project (shown once).
    #[serde(default)]
    pub reached: Vec<String>,
}

/// The sections of a project's charter, in the order the welcome page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CharterSection {
    ScopeIn,
    ScopeOut,
    CommunicationPlan,
    PaymentTerms,
    ChangeProcess,
}

impl CharterSection {
    /// The section's title, in the viewer's language.
    pub fn title(self, t: &crate::i18n::Strings) -> &'static str {
        match self {
            CharterSection::ScopeIn => t.section_scope_in,
            CharterSection::ScopeOut => t.section_scope_out,
            CharterSection::CommunicationPlan => t.section_communication_plan,
            CharterSection::PaymentTerms => t.section_payment_terms,
            CharterSection::ChangeProcess => t.section_change_process,
        }
    }

    pub const ALL: [CharterSection; 5] = [
        CharterSection::ScopeIn,
        CharterSection::ScopeOut,
        CharterSection::CommunicationPlan,
        CharterSection::PaymentTerms,
        CharterSection::ChangeProcess,
    ];

    /// The form field (and column) of the section.
    pub fn field(self) -> &'static str {
        match self {
            CharterSection::ScopeIn => "scope_in",
            CharterSection::ScopeOut => "scope_out",
            CharterSection::CommunicationPlan => "communication_plan",
            CharterSection::PaymentTerms => "payment_terms",
            CharterSection::ChangeProcess => "change_process",
        }
    }
}

/// The charter as written: Markdown per section, and the two commitments.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct Charter {
    pub scope_in: String,
    pub scope_out: String,
    pub communication_plan: String,
    pub payment_terms: String,
    pub change_process: String,
    /// "We answer within … hours."
    pub response_hours: i64,
    /// "An update every … days."
    pub update_cadence_days: i64,
}

impl Charter {
    /// The longest a section may be, in characters.
    pub const MAX_SECTION_CHARS: usize = 20_000;
    pub const RESPONSE_HOURS: (i64, i64) = (1, 720);
    pub const CADENCE_DAYS: (i64, i64) = (1, 90);

    pub fn section(&self, section: CharterSection) -> &str {
        match section {
            CharterSection::ScopeIn => &self.scope_in,
            CharterSection::ScopeOut => &self.scope_out,
            CharterSection::CommunicationPlan => &self.communication_plan,
            CharterSection::PaymentTerms => &self.payment_terms,
            CharterSection::ChangeProcess => &self.change_process,
        }
    }

    /// A charter from the form's text: sections trimmed and bounded, numbers in range.
    pub fn parse(
        sections: [&str; 5],
        response_hours: &str,
        update_cadence_days: &str,
    ) -> Result<Charter, crate::error::AppError> {
        use crate::error::{AppError, Problem};
        let mut texts = sections.map(|s| s.trim().to_string());
        for (text, section) in texts.iter().zip(CharterSection::ALL) {
            if text.chars().count() > Self::MAX_SECTION_CHARS {
                return Err(AppError::invalid(
                    section.field(),
                    Problem::TooLong {
                        max: Self::MAX_SECTION_CHARS,
                    },
                ));
            }
        }
        let number = |field: &str, raw: &str, (min, max): (i64, i64)| {
            raw.trim()
                .parse::<i64>()
                .ok()
                .filter(|n| (min..=max).contains(n))
                .ok_or_else(|| AppError::invalid(field, Problem::OutOfRange { min, max }))
        };
        let response_hours = number("response_hours", response_hours, Self::RESPONSE_HOURS)?;
        let update_cadence_days = number(
            "update_cadence_days",
            update_cadence_days,
            Self::CADENCE_DAYS,
        )?;
        let [scope_in, scope_out, communication_plan, payment_terms, change_process] =
            std::mem::take(&mut texts);
        Ok(Charter {
            scope_in,
            scope_out,
            communication_plan,
            payment_terms,
            change_process,
            response_hours,
            update_cadence_days,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::{AppError, Problem};

    #[test]
    fn a_charter_is_trimmed_and_its_numbers_checked() {
        let charter = Charter::parse([" a ", "b", "", "", ""], "24", " 7 ").unwrap();
        assert_eq!(
            (
                charter.scope_in.as_str(),
                charter.response_hours,
                charter.update_cadence_days
            ),
            ("a", 24, 7)
        );
        assert_eq!(
            Charter::parse(["", "", "", "", ""], "0", "7").unwrap_err(),
            AppError::invalid("response_hours", Problem::OutOfRange { min: 1, max: 720 })
        );
        assert!(Charter::parse(["", "", "", "", ""], "24", "many").is_err());
        let long = "x".repeat(Charter::MAX_SECTION_CHARS + 1);
        assert_eq!(
            Charter::parse(["", &long, "", "", ""], "24", "7").unwrap_err(),
            AppError::invalid(
                "scope_out",
                Problem::TooLong {
                    max: Charter::MAX_SECTION_CHARS
                }
            )
        );
    }
}
