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

/// Longest section, in characters (as a card's body).
pub const SECTION_MAX_CHARS: usize = 20_000;

/// Whether a project's next update is due: its last published update is older than the charter's
/// cadence (`cadence_days`, whole days of 24 h), or none was ever published. A cadence of 0 or
/// less means the charter sets none: never due.
pub fn update_due(
    last_published: Option<crate::ids::Timestamp>,
    cadence_days: i64,
    now: crate::ids::Timestamp,
) -> bool {
    if cadence_days <= 0 {
        return false;
    }
    match last_published {
        None => true,
        Some(at) => now.0 - at.0 > cadence_days * 86_400_000,
    }
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

/// An earlier text of a published update (staff only), replaced on `replaced_on`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revision {
    pub health: Health,
    pub summary: String,
    pub sections_html: Vec<(Section, String)>,
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
        assert!(update_due(None, 7, now), "never published");
        assert!(
            !update_due(Some(Timestamp(93 * DAY)), 7, now),
            "exactly 7 days"
        );
        assert!(
            update_due(Some(Timestamp(93 * DAY - 1)), 7, now),
            "7 days and a moment"
        );
        assert!(!update_due(Some(Timestamp(99 * DAY)), 7, now));
        assert!(!update_due(None, 0, now), "no cadence in the charter");
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

    #[test]
    fn health_reads_only_its_three_values() {
        assert_eq!(Health::parse("at_risk"), Ok(Health::AtRisk));
        assert!(Health::parse("great").is_err());
    }
}
