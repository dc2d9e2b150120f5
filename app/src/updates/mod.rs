//! Status updates: what the project manager tells the client, proactively — the project's health,
//! a one-line summary, and sections on what was done, what comes next, the questions the client
//! is likely to have (answered before they ask) and the risks.
//!
//! An update is written as a draft (only staff see it; its page shows it exactly as the client
//! will), then published. A published update can still be corrected: it shows "edited", and the
//! text it had before stays in its history for staff. Clients mark an update seen; staff see who
//! has and who has not.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod view;

use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::i18n::Strings;
use crate::projects::ProjectId;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// One status update of a project.
    UpdateId
);

pub use crate::projects::Health;

/// The Markdown sections of an update, in the order the page shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Section {
    Done,
    Next,
    Questions,
    Risks,
}

impl Section {
    pub const ALL: [Section; 4] = [
        Section::Done,
        Section::Next,
        Section::Questions,
        Section::Risks,
    ];

    /// The form field (and column).
    pub fn field(self) -> &'static str {
        match self {
            Section::Done => "done",
            Section::Next => "next_steps",
            Section::Questions => "questions",
            Section::Risks => "risks",
        }
    }

    pub fn title(self, t: &Strings) -> &'static str {
        match self {
            Section::Done => t.update_section_done,
            Section::Next => t.update_section_next,
            Section::Questions => t.update_section_questions,
            Section::Risks => t.update_section_risks,
        }
    }

    pub fn hint(self, t: &Strings) -> &'static str {
        match self {
            Section::Done => t.update_hint_done,
            Section::Next => t.update_hint_next,
            Section::Questions => t.update_hint_questions,
            Section::Risks => t.update_hint_risks,
        }
    }
}

/// What staff write: the four sections' Markdown, by [`Section`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sections {
    pub done: String,
    pub next: String,
    pub questions: String,
    pub risks: String,
}

impl Sections {
    pub fn get(&self, section: Section) -> &str {
        match section {
            Section::Done => &self.done,
            Section::Next => &self.next,
            Section::Questions => &self.questions,
            Section::Risks => &self.risks,
        }
    }

    /// Each section trimmed and bounded; the first one too long is named in the error.
    pub fn parse(
        done: &str,
        next: &str,
        questions: &str,
        risks: &str,
    ) -> Result<Sections, AppError> {
        let one = |section: Section, raw: &str| -> Result<String, AppError> {
            let text = raw.trim();
            let max = SECTION_MAX_CHARS;
            if text.chars().count() > max {
                return Err(AppError::invalid(section.field(), Problem::TooLong { max }));
            }
            // PostgreSQL stores no NUL character in text.
            if text.contains('\0') {
                return Err(AppError::invalid(
                    section.field(),
                    Problem::ControlCharacters,
                ));
            }
            Ok(text.to_string())
        };
        Ok(Sections {
            done: one(Section::Done, done)?,
            next: one(Section::Next, next)?,
            questions: one(Section::Questions, questions)?,
            risks: one(Section::Risks, risks)?,
        })
    }
}

/// Updates per page of the feed, newest first (a project with a weekly update fills one in
/// about five months).
pub const PER_PAGE: u32 = 20;

/// Longest section, in characters (as a card's body).
pub const SECTION_MAX_CHARS: usize = 20_000;

/// Whether a project's next update is due: more than the charter's cadence (`cadence_days`, whole
/// days of 24 h) has passed since its last published update — or, before the first one, since
/// the project was created. A cadence of 0 or less would mean none (the charter's range is 1 to
/// 90 days): never due.
pub fn update_due(
    last_published: Option<crate::ids::Timestamp>,
    project_created: crate::ids::Timestamp,
    cadence_days: i64,
    now: crate::ids::Timestamp,
) -> bool {
    let since = last_published.unwrap_or(project_created);
    cadence_days > 0 && now.0 - since.0 > cadence_days * 86_400_000
}

/// One option of a decision, as the composer posts it (`options[0][what]` …). A row whose
/// `what` is empty is no option.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionInput {
    #[serde(default)]
    pub what: String,
    #[serde(default)]
    pub cost: String,
    #[serde(default)]
    pub time: String,
    #[serde(default)]
    pub impact: String,
}

/// At most this many options, at least [`MIN_OPTIONS`].
pub const MAX_OPTIONS: usize = 4;
pub const MIN_OPTIONS: usize = 2;

/// A decision asked of the client, checked: the question, the day to choose by, the options
/// (trimmed, empty rows dropped) and which one is recommended (an index into them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecisionDraft {
    pub question: String,
    pub decide_by: Option<DueDate>,
    pub options: Vec<OptionInput>,
    pub recommended: usize,
}

impl DecisionDraft {
    /// `None` when nothing of a decision was written. A question needs 2 to 4 options and one
    /// of them recommended (`recommended` is the number of the row, from 0); options need a
    /// question.
    pub fn parse(
        question: &str,
        decide_by: &str,
        recommended: &str,
        rows: &[OptionInput],
    ) -> Result<Option<DecisionDraft>, AppError> {
        fn text(field: &str, raw: &str, max: usize) -> Result<String, AppError> {
            let text = raw.trim();
            if text.chars().count() > max {
                return Err(AppError::invalid(field, Problem::TooLong { max }));
            }
            if text.chars().any(char::is_control) {
                return Err(AppError::invalid(field, Problem::ControlCharacters));
            }
            Ok(text.to_string())
        }
        let question = text("decision", question, 300)?;
        if rows.len() > MAX_OPTIONS * 2 {
            return Err(AppError::invalid(
                "options",
                Problem::TooMany { max: MAX_OPTIONS },
            ));
        }
        let mut options = Vec::new();
        let mut recommended_at = None;
        for (index, row) in rows.iter().enumerate() {
            let option = OptionInput {
                what: text("options", &row.what, 300)?,
                cost: text("options", &row.cost, 100)?,
                time: text("options", &row.time, 100)?,
                impact: text("options", &row.impact, 300)?,
            };
            if option.what.is_empty() {
                continue;
            }
            if recommended.trim() == index.to_string() {
                recommended_at = Some(options.len());
            }
            options.push(option);
        }
        if question.is_empty() {
            if options.is_empty() {
                return Ok(None);
            }
            return Err(AppError::invalid("decision", Problem::Required));
        }
        if !(MIN_OPTIONS..=MAX_OPTIONS).contains(&options.len()) {
            return Err(AppError::invalid("options", Problem::OptionCount));
        }
        let recommended =
            recommended_at.ok_or_else(|| AppError::invalid("recommended", Problem::Required))?;
        let decide_by =
            DueDate::parse(decide_by).map_err(|_| AppError::invalid("decide_by", Problem::Date))?;
        Ok(Some(DecisionDraft {
            question,
            decide_by,
            options,
            recommended,
        }))
    }
}

/// One option as the update shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionOption {
    pub id: OptionId,
    /// "A", "B", … in the order written.
    pub letter: char,
    pub what: String,
    pub cost: String,
    pub time: String,
    pub impact: String,
    pub recommended: bool,
}

crate::typed_id!(
    /// One option of a decision.
    OptionId
);

/// The client's choice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub option: OptionId,
    pub person: String,
    pub on: DueDate,
}

/// A decision an update asks of the client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub question: String,
    pub decide_by: Option<DueDate>,
    pub options: Vec<DecisionOption>,
    pub choice: Option<Choice>,
    /// Not chosen and past its day (in the viewer's timezone).
    pub overdue: bool,
    /// A client member may choose now (published, not chosen, project not archived).
    pub open_to_viewer: bool,
}

/// Where an update stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    /// Only staff see it.
    Draft,
    Published,
}

/// A person and the day they did something, in the viewer's timezone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Seen {
    pub person: String,
    pub on: DueDate,
}

/// One option as a line of text: "A. Wait · 2 000 € · 2 weeks · launch moves".
pub fn option_line(letter: char, what: &str, cost: &str, time: &str, impact: &str) -> String {
    let mut line = format!("{letter}. {what}");
    for fact in [cost, time, impact] {
        if !fact.is_empty() {
            line.push_str(" · ");
            line.push_str(fact);
        }
    }
    line
}

/// An earlier text of a published update (staff only), replaced on `replaced_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub health: Health,
    pub summary: String,
    pub sections_html: Vec<(Section, String)>,
    /// The decision it asked then (empty: none), and its options, one a line.
    #[serde(default)]
    pub decision: String,
    #[serde(default)]
    pub options: Vec<String>,
    pub by: Option<String>,
    pub replaced_on: DueDate,
}

/// An update as one viewer may see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    pub id: UpdateId,
    pub state: State,
    pub health: Health,
    pub summary: String,
    /// Markdown as written (staff only; empty for clients).
    pub sections: Sections,
    /// The written sections, rendered and sanitized on the server, in order.
    pub sections_html: Vec<(Section, String)>,
    pub author: Option<String>,
    /// The day it was published (the day it was last saved, for a draft).
    pub on: DueDate,
    /// The day it was last corrected after publishing.
    pub edited_on: Option<DueDate>,
    /// Staff: the project's client members who marked it seen, and when.
    pub seen_by: Vec<Seen>,
    /// Staff: the project's client members who have not.
    pub not_seen_by: Vec<String>,
    /// A client: whether they marked it seen.
    pub seen_by_viewer: bool,
    /// Staff: earlier texts, oldest first.
    pub revisions: Vec<Revision>,
    /// What the update asks the client to decide, if anything.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The conversation on it (a published one: a draft has none).
    #[serde(default)]
    pub thread: Option<crate::comments::Thread>,
    pub version: i64,
}

/// The updates tab: a project's updates, newest first (staff also see drafts, first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feed {
    pub project: ProjectId,
    pub project_name: String,
    pub updates: Vec<Update>,
    /// Staff may write and publish (and the project is not archived).
    pub may_edit: bool,
    /// Which page of the feed this is (0: the newest, with the drafts and the composer).
    #[serde(default)]
    pub page: u32,
    /// Older updates follow on the next page.
    #[serde(default)]
    pub older: bool,
    /// The viewer is staff (on an archived project too: they still see drafts and who saw what).
    pub viewer_is_staff: bool,
    /// A client member may say "Seen" (not on an archived project).
    pub may_mark_seen: bool,
    /// The charter's promise: an update every this many days.
    pub cadence_days: i64,
    /// The charter's promise: an answer within this many hours.
    #[serde(default)]
    pub response_hours: i64,
    /// The viewer may comment (a member of a project not archived).
    #[serde(default)]
    pub may_comment: bool,
    /// Staff: the charter's cadence has passed since the last published update.
    pub update_due: bool,
    /// Staff: the last published update's "next steps", offered as this one's "done".
    pub suggested_done: String,
    /// The project's last history entry when this was read: the live stream starts after it.
    pub last_change: i64,
}

pub use crate::projects::Standing;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::Timestamp;

    const DAY: i64 = 86_400_000;

    #[test]
    fn an_update_is_due_once_the_cadence_has_passed() {
        let now = Timestamp(100 * DAY);
        let created = Timestamp(50 * DAY);
        let due = |last: Option<i64>, created: Timestamp, days| {
            update_due(last.map(Timestamp), created, days, now)
        };
        assert!(
            due(None, created, 7),
            "never published, project 50 days old"
        );
        assert!(
            !due(None, Timestamp(95 * DAY), 7),
            "a new project is not late yet"
        );
        assert!(!due(Some(93 * DAY), created, 7), "exactly 7 days");
        assert!(due(Some(93 * DAY - 1), created, 7), "7 days and a moment");
        assert!(!due(Some(99 * DAY), created, 7));
        assert!(!due(None, created, 0), "no cadence");
    }

    #[test]
    fn sections_are_bounded_and_named_when_too_long() {
        let long = "x".repeat(SECTION_MAX_CHARS + 1);
        assert_eq!(
            Sections::parse("", "", &long, ""),
            Err(AppError::invalid(
                "questions",
                Problem::TooLong {
                    max: SECTION_MAX_CHARS
                }
            ))
        );
        let ok = Sections::parse(" a ", "b", "", "").unwrap();
        assert_eq!((ok.done.as_str(), ok.next.as_str()), ("a", "b"));
        assert!(Sections::parse("\0", "", "", "").is_err());
    }

    fn row(what: &str) -> OptionInput {
        OptionInput {
            what: what.into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_decision_needs_a_question_two_to_four_options_and_one_recommended() {
        let parse = DecisionDraft::parse;
        assert_eq!(
            parse("", "", "", &[row(""), row("  ")]),
            Ok(None),
            "nothing written"
        );
        assert_eq!(
            parse("", "", "0", &[row("Wait")]),
            Err(AppError::invalid("decision", Problem::Required))
        );
        assert_eq!(
            parse("Which?", "", "0", &[row("Wait")]),
            Err(AppError::invalid("options", Problem::OptionCount))
        );
        let five: Vec<_> = (0..5).map(|i| row(&format!("O{i}"))).collect();
        assert_eq!(
            parse("Which?", "", "0", &five),
            Err(AppError::invalid("options", Problem::OptionCount))
        );
        assert_eq!(
            parse("Which?", "", "", &[row("A"), row("B")]),
            Err(AppError::invalid("recommended", Problem::Required))
        );
        // The recommended row counts as written: empty rows between do not shift it.
        let ok = parse("Which?", "2026-12-11", "2", &[row("A"), row(""), row("C")])
            .unwrap()
            .unwrap();
        assert_eq!(ok.options.len(), 2);
        assert_eq!(ok.options[ok.recommended].what, "C");
        assert_eq!(
            ok.decide_by.map(DueDate::iso).as_deref(),
            Some("2026-12-11")
        );
        assert_eq!(
            parse("Which?", "soon", "0", &[row("A"), row("B")]),
            Err(AppError::invalid("decide_by", Problem::Date))
        );
        assert_eq!(
            parse("Which?", "", "1", &[row("A"), row("")]),
            Err(AppError::invalid("options", Problem::OptionCount)),
            "a recommended empty row is no option"
        );
    }

    #[test]
    fn health_reads_only_its_three_values() {
        assert_eq!(Health::parse("at_risk"), Ok(Health::AtRisk));
        assert!(Health::parse("great").is_err());
    }
}
