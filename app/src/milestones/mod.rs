//! Milestones: the steps of a project with a due date, their progress (derived from the cards
//! linked to them), whether they are at risk, and the client's sign-off once staff complete one.
//!
//! A milestone moves planned → in progress → completed (staff), then the client approves it or
//! asks for changes; changes requested put it back in progress. Each change is a line of its
//! history.

#[cfg(feature = "ssr")]
pub mod alerts;
pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod timeline;
pub mod view;

use crate::accounts::UserId;
use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::i18n::Strings;
use crate::projects::ProjectId;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// One milestone of a project.
    MilestoneId
);

/// Where a milestone stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Planned,
    InProgress,
    /// Staff say it is done; the client's sign-off is awaited.
    Completed,
    /// A client member approved it.
    Approved,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Planned,
        Status::InProgress,
        Status::Completed,
        Status::Approved,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Planned => "planned",
            Status::InProgress => "in_progress",
            Status::Completed => "completed",
            Status::Approved => "approved",
        }
    }

    pub fn parse(raw: &str) -> Result<Status, AppError> {
        Status::ALL
            .into_iter()
            .find(|s| s.as_str() == raw.trim())
            .ok_or_else(|| AppError::invalid("status", Problem::Malformed))
    }

    /// Done from the team's side: no longer late or at risk.
    pub fn is_finished(self) -> bool {
        matches!(self, Status::Completed | Status::Approved)
    }

    pub fn name(self, t: &Strings) -> &'static str {
        match self {
            Status::Planned => t.milestone_planned,
            Status::InProgress => t.milestone_in_progress,
            Status::Completed => t.milestone_completed,
            Status::Approved => t.milestone_approved,
        }
    }

    /// The status staff may set by hand from this one: planned and in progress move between
    /// each other and to completed; completed may be taken back to in progress. Approval and
    /// changes requested are the client's.
    pub fn staff_may_set(self, to: Status) -> bool {
        use Status::*;
        matches!(
            (self, to),
            (Planned, InProgress)
                | (Planned, Completed)
                | (InProgress, Planned)
                | (InProgress, Completed)
                | (Completed, InProgress)
        )
    }
}

impl TryFrom<String> for Status {
    type Error = AppError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Status::parse(&value)
    }
}

/// A client's answer to a completed milestone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Approved,
    ChangesRequested,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Approved => "approved",
            Decision::ChangesRequested => "changes_requested",
        }
    }

    pub fn parse(raw: &str) -> Result<Decision, AppError> {
        match raw.trim() {
            "approved" => Ok(Decision::Approved),
            "changes_requested" => Ok(Decision::ChangesRequested),
            _ => Err(AppError::invalid("decision", Problem::Malformed)),
        }
    }
}

impl TryFrom<String> for Decision {
    type Error = AppError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Decision::parse(&value)
    }
}

/// Longest description, in characters (as a card's body).
pub const DESCRIPTION_MAX_CHARS: usize = 20_000;

/// A milestone's Markdown description: trimmed, bounded.
pub fn parse_description(raw: &str) -> Result<String, AppError> {
    let text = raw.trim();
    let max = DESCRIPTION_MAX_CHARS;
    if text.chars().count() > max {
        return Err(AppError::invalid("description", Problem::TooLong { max }));
    }
    // PostgreSQL stores no NUL character in text.
    if text.contains('\0') {
        return Err(AppError::invalid("description", Problem::ControlCharacters));
    }
    Ok(text.to_string())
}

/// What a client's comment on "changes requested" may hold.
pub fn parse_comment(raw: &str, decision: Decision) -> Result<String, AppError> {
    let text = raw.trim();
    const MAX: usize = 4_000;
    if text.chars().count() > MAX {
        return Err(AppError::invalid("comment", Problem::TooLong { max: MAX }));
    }
    if text.contains('\0') {
        return Err(AppError::invalid("comment", Problem::ControlCharacters));
    }
    // Asking for changes without saying which helps nobody.
    if decision == Decision::ChangesRequested && text.is_empty() {
        return Err(AppError::invalid("comment", Problem::Required));
    }
    Ok(text.to_string())
}

/// How far a milestone is: its linked cards in the board's done column, out of all its linked
/// cards. The client-visible cards and the internal ones are counted apart, so that clients and
/// staff see the same number for the part the client sees.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Progress {
    pub done: u32,
    pub total: u32,
    /// Internal cards (zero in what a client receives).
    pub internal_done: u32,
    pub internal_total: u32,
}

impl Progress {
    /// Whole percent of the client-visible cards done, rounded down; `None` without cards.
    pub fn percent(self) -> Option<u32> {
        (self.total > 0).then(|| self.done * 100 / self.total)
    }
}

/// When a milestone counts as at risk: due within `days`, with less than `percent` of its
/// client-visible cards done.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RiskRule {
    pub days: i64,
    pub percent: u32,
}

impl RiskRule {
    /// Faro's rule: due within a week and under half done.
    pub const DEFAULT: RiskRule = RiskRule {
        days: 7,
        percent: 50,
    };
}

/// Why a milestone needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Risk {
    /// Past its due date and not completed: `days` late (≥ 1).
    Overdue { days: i64 },
    /// Due in `days` (0 = today) with only `percent` % of its cards done.
    DueSoon { days: i64, percent: u32 },
}

impl Risk {
    /// The reason in words, e.g. "due in 3 days, 40 % done".
    pub fn reason(self, t: &Strings) -> String {
        match self {
            Risk::Overdue { days } => (t.risk_overdue)(days),
            Risk::DueSoon { days, percent } => (t.risk_due_soon)(days, percent),
        }
    }

    pub fn is_overdue(self) -> bool {
        matches!(self, Risk::Overdue { .. })
    }
}

/// Whether a milestone is at risk on `today` (the viewer's day, in their timezone):
/// - not finished (completed or approved) and past its due date: overdue;
/// - not finished, due within `rule.days` (today included), and its client-visible progress
///   under `rule.percent`: due soon.
///
/// A milestone without a due date is never at risk, and one without client-visible cards is
/// judged only by its date (there is no progress to judge), so that clients and staff always see
/// the same verdict.
pub fn at_risk(
    status: Status,
    due: Option<DueDate>,
    progress: Progress,
    today: DueDate,
    rule: RiskRule,
) -> Option<Risk> {
    if status.is_finished() {
        return None;
    }
    let days = today.days_until(due?);
    if days < 0 {
        return Some(Risk::Overdue { days: -days });
    }
    let percent = progress.percent()?;
    (days <= rule.days && percent < rule.percent).then_some(Risk::DueSoon { days, percent })
}

/// A client's sign-off, as the milestone shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignOff {
    pub person: String,
    pub decision: Decision,
    pub comment: String,
    /// The day, in the viewer's timezone.
    pub on: DueDate,
}

/// One line of a milestone's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryLine {
    pub actor: Option<String>,
    /// The status it moved to, or `None` for an edit.
    pub status: Option<Status>,
    pub decision: Option<Decision>,
    /// The day, in the viewer's timezone.
    pub on: DueDate,
}

/// A milestone as the timeline shows it to one viewer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: MilestoneId,
    pub title: String,
    /// Markdown as written (staff only; empty for clients).
    pub description: String,
    /// Rendered and sanitized on the server.
    pub description_html: String,
    pub due_on: Option<DueDate>,
    pub status: Status,
    /// The day staff last completed it (the client's wait starts then), in the viewer's
    /// timezone.
    pub completed_on: Option<DueDate>,
    pub progress: Progress,
    pub risk: Option<Risk>,
    /// The decisions of the current round of sign-off (since it was last completed).
    pub sign_offs: Vec<SignOff>,
    /// Whether the viewer (a client member) may approve or ask for changes now.
    pub awaits_viewer: bool,
    pub history: Vec<HistoryLine>,
    pub version: i64,
    /// How many times staff have completed it: a sign-off names the completion it is about.
    pub round: i64,
    /// Comments on it (not deleted).
    #[serde(default)]
    pub comment_count: i64,
}

/// The timeline page: every milestone of a project, by due date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timeline {
    pub project: ProjectId,
    pub project_name: String,
    pub client_company: String,
    /// Today, in the viewer's timezone.
    pub today: DueDate,
    pub milestones: Vec<Milestone>,
    /// Staff may create, edit and complete milestones (and the project is not archived).
    pub may_edit: bool,
    pub viewer: UserId,
    /// The project's last history entry when this was read: the live stream starts after it.
    pub last_change: i64,
    /// For a client: milestones reached since they last saw the project (shown once).
    #[serde(default)]
    pub reached: Vec<String>,
    /// A milestone's own page: the conversation on it.
    #[serde(default)]
    pub thread: Option<crate::comments::Thread>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> DueDate {
        DueDate::parse(text).unwrap().unwrap()
    }

    fn progress(done: u32, total: u32) -> Progress {
        Progress {
            done,
            total,
            ..Progress::default()
        }
    }

    const TODAY: &str = "2026-12-02";

    fn risk(due: &str, p: Progress) -> Option<Risk> {
        at_risk(
            Status::InProgress,
            Some(day(due)),
            p,
            day(TODAY),
            RiskRule::DEFAULT,
        )
    }

    #[test]
    fn overdue_counts_whole_days_late() {
        assert_eq!(
            risk("2026-12-01", progress(9, 10)),
            Some(Risk::Overdue { days: 1 })
        );
        assert_eq!(
            risk("2026-11-02", progress(0, 0)),
            Some(Risk::Overdue { days: 30 })
        );
        // Due today is not late yet.
        assert_eq!(
            risk("2026-12-02", progress(9, 10)),
            None,
            "due today and nearly done"
        );
    }

    #[test]
    fn due_soon_boundaries_are_the_rule_s_days_and_percent() {
        // Exactly 7 days away, under half done: at risk.
        assert_eq!(
            risk("2026-12-09", progress(4, 10)),
            Some(Risk::DueSoon {
                days: 7,
                percent: 40
            })
        );
        // 8 days away: not yet.
        assert_eq!(risk("2026-12-10", progress(0, 10)), None);
        // Exactly half done: not at risk; one card less: at risk.
        assert_eq!(risk("2026-12-05", progress(5, 10)), None);
        assert_eq!(
            risk("2026-12-05", progress(4, 9)),
            Some(Risk::DueSoon {
                days: 3,
                percent: 44
            })
        );
        // Due today, nothing done.
        assert_eq!(
            risk("2026-12-02", progress(0, 3)),
            Some(Risk::DueSoon {
                days: 0,
                percent: 0
            })
        );
    }

    #[test]
    fn without_cards_or_date_only_the_date_can_say_risk() {
        assert_eq!(risk("2026-12-03", progress(0, 0)), None, "no cards");
        let only_internal = Progress {
            done: 0,
            total: 0,
            internal_done: 0,
            internal_total: 6,
        };
        assert_eq!(
            risk("2026-12-03", only_internal),
            None,
            "only internal cards"
        );
        assert_eq!(
            at_risk(
                Status::Planned,
                None,
                progress(0, 5),
                day(TODAY),
                RiskRule::DEFAULT
            ),
            None,
            "no due date"
        );
    }

    #[test]
    fn all_done_or_finished_is_never_at_risk() {
        assert_eq!(risk("2026-12-03", progress(10, 10)), None, "all done");
        for status in [Status::Completed, Status::Approved] {
            assert_eq!(
                at_risk(
                    status,
                    Some(day("2026-11-01")),
                    progress(0, 4),
                    day(TODAY),
                    RiskRule::DEFAULT
                ),
                None,
                "{status:?}"
            );
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_day_is_the_viewer_s_day() {
        // 23:30 UTC on the 2nd is already the 3rd in Madrid: a milestone due on the 2nd is
        // late there and due today in London.
        let now = crate::ids::Timestamp(1_796_254_200_000);
        let due = Some(day("2026-12-02"));
        let madrid = DueDate::today_in("Europe/Madrid", now);
        let london = DueDate::today_in("Europe/London", now);
        let judge = |today| {
            at_risk(
                Status::InProgress,
                due,
                progress(9, 10),
                today,
                RiskRule::DEFAULT,
            )
        };
        assert_eq!(judge(madrid), Some(Risk::Overdue { days: 1 }));
        assert_eq!(judge(london), None);
    }

    #[test]
    fn reasons_read_as_sentences_in_both_languages() {
        let en = crate::i18n::Locale::En.strings();
        let es = crate::i18n::Locale::Es.strings();
        let soon = Risk::DueSoon {
            days: 3,
            percent: 40,
        };
        assert_eq!(soon.reason(en), "due in 3 days, 40 % done");
        assert_eq!(soon.reason(es), "vence en 3 días, 40 % hecho");
        assert_eq!(
            Risk::DueSoon {
                days: 0,
                percent: 0
            }
            .reason(en),
            "due today, 0 % done"
        );
        assert_eq!(Risk::Overdue { days: 1 }.reason(en), "1 day late");
        assert_eq!(Risk::Overdue { days: 4 }.reason(es), "4 días de retraso");
    }

    #[test]
    fn staff_move_the_status_but_never_approve() {
        assert!(Status::Planned.staff_may_set(Status::InProgress));
        assert!(Status::InProgress.staff_may_set(Status::Completed));
        assert!(Status::Completed.staff_may_set(Status::InProgress));
        assert!(!Status::Completed.staff_may_set(Status::Approved));
        assert!(!Status::InProgress.staff_may_set(Status::Approved));
        assert!(!Status::Approved.staff_may_set(Status::InProgress));
    }

    #[test]
    fn changes_must_say_what_and_comments_are_bounded() {
        assert_eq!(
            parse_comment("  ", Decision::ChangesRequested),
            Err(AppError::invalid("comment", Problem::Required))
        );
        assert_eq!(parse_comment("", Decision::Approved), Ok(String::new()));
        assert!(parse_comment(&"x".repeat(4_001), Decision::Approved).is_err());
        assert!(parse_description(&"x".repeat(1_000_000)).is_err());
    }
}
