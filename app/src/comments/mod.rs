//! Comments: the conversation on whatever a project shows — a status update, a card, a
//! milestone. One shape for all three: Markdown (sanitized), edits and deletions marked (never
//! silent), a client's comment may be a question that stays open until staff answer it, and
//! "@Name" mentions a project member, who then sees it on their home page.
//!
//! A comment can only be read where its subject can: clients never see an internal card, nor a
//! draft update (a draft has no conversation at all).

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod view;

use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::ids::Timestamp;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// One comment.
    CommentId
);

/// What a comment is about. The ids are the subjects' own (an update's, a card's, a
/// milestone's); they are plain numbers here so that the features which show a conversation
/// can depend on this module without it depending back on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Subject {
    Update(i64),
    Card(i64),
    Milestone(i64),
}

impl Subject {
    /// The form field that names the subject (and its column).
    pub fn field(self) -> &'static str {
        match self {
            Subject::Update(_) => "update",
            Subject::Card(_) => "card",
            Subject::Milestone(_) => "milestone",
        }
    }

    pub fn id(self) -> i64 {
        match self {
            Subject::Update(id) | Subject::Card(id) | Subject::Milestone(id) => id,
        }
    }

    /// From the form's fields: exactly one of them.
    pub fn from_fields(
        update: Option<i64>,
        card: Option<i64>,
        milestone: Option<i64>,
    ) -> Result<Subject, AppError> {
        match (update, card, milestone) {
            (Some(id), None, None) => Ok(Subject::Update(id)),
            (None, Some(id), None) => Ok(Subject::Card(id)),
            (None, None, Some(id)) => Ok(Subject::Milestone(id)),
            _ => Err(AppError::invalid("subject", Problem::Malformed)),
        }
    }

    /// From a comment row's three subject columns (the table's CHECK holds exactly one).
    pub fn of_columns(update: Option<i64>, card: Option<i64>, milestone: Option<i64>) -> Subject {
        match (update, card, milestone) {
            (Some(id), _, _) => Subject::Update(id),
            (_, Some(id), _) => Subject::Card(id),
            (_, _, id) => Subject::Milestone(id.unwrap_or_default()),
        }
    }

    /// Its page, where the conversation is shown.
    pub fn href(self, project: i64) -> String {
        match self {
            Subject::Update(id) => format!("/projects/{project}/updates/{id}"),
            Subject::Card(id) => format!("/projects/{project}/board/{id}"),
            Subject::Milestone(id) => format!("/projects/{project}/milestones/{id}"),
        }
    }

    /// A stable element id prefix for its conversation on a page.
    pub fn anchor(self) -> String {
        format!("{}-{}", self.field(), self.id())
    }
}

/// Longest comment, in characters.
pub const COMMENT_MAX_CHARS: usize = 10_000;

/// A comment's Markdown: trimmed, not empty, bounded.
pub fn parse_comment(raw: &str) -> Result<String, AppError> {
    // A browser posts a line break as two characters and counts it as one.
    let text = raw.replace("\r\n", "\n");
    let text = text.trim();
    if text.is_empty() {
        return Err(AppError::invalid("body", Problem::Required));
    }
    if text.chars().count() > COMMENT_MAX_CHARS {
        return Err(AppError::invalid(
            "body",
            Problem::TooLong {
                max: COMMENT_MAX_CHARS,
            },
        ));
    }
    if text.contains('\0') {
        return Err(AppError::invalid("body", Problem::ControlCharacters));
    }
    Ok(text.to_string())
}

/// Whole hours a question has been (or was) open: from `asked` to `until` (its answer, or now).
/// Calendar hours — elapsed time, whatever the timezone or the clock's midnight.
pub fn hours_open(asked: Timestamp, until: Timestamp) -> i64 {
    ((until.0 - asked.0).max(0)) / 3_600_000
}

/// The people `body` mentions: each of `members` (id, name) whose name follows an `@`, matched
/// without regard to case and only as a whole name ("@Ana" is not "@Ana García"'s mention, and
/// "@Ana Garcíax" is nobody's). The longest name wins where two start alike.
pub fn mentioned<Id: Copy + PartialEq>(body: &str, members: &[(Id, String)]) -> Vec<Id> {
    // NFC is not applied: names and text typed on one keyboard compare as they are.
    let lower = body.to_lowercase();
    // Each name lowercased once, longest first.
    let mut by_length: Vec<(Id, String)> = members
        .iter()
        .map(|(id, name)| (*id, name.trim().to_lowercase()))
        .filter(|(_, name)| !name.is_empty())
        .collect();
    by_length.sort_by_key(|(_, name)| std::cmp::Reverse(name.chars().count()));
    let mut found = Vec::new();
    for (at, _) in lower.match_indices('@') {
        // "ana@example.com" is an address, not a mention.
        if lower[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let rest = &lower[at + 1..];
        // The longest name that matches whole; everyone of that name (two people may share it).
        let mut matched: Option<usize> = None;
        for (id, name) in &by_length {
            if matched.is_some_and(|len| len != name.len()) {
                break;
            }
            let whole = rest.starts_with(name.as_str())
                && !rest[name.len()..]
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
            if whole {
                matched = Some(name.len());
                if !found.contains(id) {
                    found.push(*id);
                }
            }
        }
    }
    found
}

/// A comment as one viewer sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comment {
    pub id: CommentId,
    pub author: String,
    pub by_staff: bool,
    /// Rendered and sanitized; empty once deleted.
    pub body_html: String,
    /// Markdown as written, for its author's edit form (empty for everyone else).
    pub body: String,
    pub on: DueDate,
    pub edited: bool,
    pub deleted: bool,
    pub is_question: bool,
    /// A question: whether staff have answered it.
    pub answered: bool,
    /// A question: whole hours it has been open (or took to answer).
    pub hours_open: i64,
    /// The viewer wrote it: they may edit or delete it.
    pub mine: bool,
}

/// The conversation on one subject, as one viewer sees it, with what they may do there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Thread {
    pub project: i64,
    pub subject: Subject,
    /// Oldest first.
    pub comments: Vec<Comment>,
    /// The viewer may comment (a member of a project not archived).
    pub may_comment: bool,
    /// The viewer is staff: they answer questions, and see how long each has been open.
    pub staff: bool,
    /// The charter's promise: an answer within this many hours.
    pub response_hours: i64,
}

/// A client's question still open, as the organization's list shows it to staff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenQuestion {
    pub id: CommentId,
    pub project: i64,
    pub project_name: String,
    pub subject: Subject,
    pub author: String,
    /// The start of the question, as plain text.
    pub excerpt: String,
    pub hours_open: i64,
    pub response_hours: i64,
}

/// A comment that mentions the viewer, not yet marked read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    pub comment: CommentId,
    pub project: i64,
    pub project_name: String,
    pub subject: Subject,
    pub author: String,
    pub excerpt: String,
    pub on: DueDate,
}

/// What the home page lists above the projects: the comments that mention the viewer, and for
/// staff the organization's open client questions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attention {
    pub mentions: Vec<Mention>,
    pub questions: Vec<OpenQuestion>,
}

/// The start of a comment's Markdown as one line of plain text, for lists.
pub fn excerpt(body: &str) -> String {
    const MAX: usize = 140;
    let flat: String = body
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '#' | '>'))
        .collect();
    if flat.chars().count() <= MAX {
        flat
    } else {
        let cut: String = flat.chars().take(MAX).collect();
        format!("{}…", cut.trim_end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_question_is_open_for_whole_elapsed_hours_across_midnight() {
        let hour = 3_600_000;
        // Asked at 22:30 UTC, still open at 00:29 the next day: one hour, not "a day".
        let asked = Timestamp(1_796_250_600_000);
        assert_eq!(hours_open(asked, Timestamp(asked.0 + 2 * hour - 60_000)), 1);
        assert_eq!(hours_open(asked, Timestamp(asked.0 + 26 * hour)), 26);
        assert_eq!(
            hours_open(asked, Timestamp(asked.0 - hour)),
            0,
            "never negative"
        );
    }

    #[test]
    fn a_comment_says_something_and_is_bounded() {
        assert_eq!(
            parse_comment("   "),
            Err(AppError::invalid("body", Problem::Required))
        );
        assert!(parse_comment(&"x".repeat(COMMENT_MAX_CHARS + 1)).is_err());
        assert_eq!(parse_comment(" Why? ").as_deref(), Ok("Why?"));
        assert_eq!(parse_comment("a\r\nb").as_deref(), Ok("a\nb"));
    }

    #[test]
    fn mentions_match_whole_names_whatever_the_case() {
        let members = vec![
            (1, "Ana García".to_string()),
            (2, "Ana".to_string()),
            (3, "Bruno Díaz".to_string()),
            (4, "  ".to_string()),
        ];
        assert_eq!(mentioned("Thanks @ana garcía!", &members), vec![1]);
        assert_eq!(
            mentioned("@Ana, @BRUNO DÍAZ and @Ana", &members),
            vec![2, 3]
        );
        assert_eq!(mentioned("@Anabel", &members), Vec::<i32>::new());
        let namesakes = vec![(7, "Luis Gil".to_string()), (8, "luis gil".to_string())];
        assert_eq!(
            mentioned("@Luis Gil?", &namesakes),
            vec![7, 8],
            "both namesakes hear of it"
        );
        assert_eq!(
            mentioned("mail ana@example.com", &members),
            Vec::<i32>::new()
        );
        assert_eq!(mentioned("@ nobody", &members), Vec::<i32>::new());
        assert_eq!(mentioned("no mention", &members), Vec::<i32>::new());
    }

    #[test]
    fn a_subject_is_exactly_one_of_its_fields() {
        assert_eq!(
            Subject::from_fields(None, Some(4), None),
            Ok(Subject::Card(4))
        );
        assert!(Subject::from_fields(Some(1), Some(4), None).is_err());
        assert!(Subject::from_fields(None, None, None).is_err());
        assert_eq!(Subject::Milestone(7).href(3), "/projects/3/milestones/7");
    }

    #[test]
    fn an_excerpt_is_one_short_line() {
        assert_eq!(excerpt("**Why**\n\nthe  delay?"), "Why the delay?");
        let long = excerpt(&"word ".repeat(100));
        assert!(long.ends_with('…') && long.chars().count() <= 141);
    }
}
