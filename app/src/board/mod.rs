//! The Kanban board: each project's columns, its cards in order, and which cards a client may
//! see. Internal cards are filtered in the SQL that reads them, so no path hands one to a client.

pub mod api;
#[cfg(feature = "ssr")]
pub mod cache;
pub mod cards_html;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod live;
pub mod moving;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod rank;
pub mod view;

use crate::accounts::UserId;
pub use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::ids::Timestamp;
use crate::projects::ProjectId;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// A column of one project's board.
    ColumnId
);
crate::typed_id!(
    /// A card on a board.
    CardId
);
crate::typed_id!(
    /// One entry of the board's history (a card created, edited or moved; columns changed). The
    /// live stream numbers its messages with it, so a reconnecting browser says where it was.
    BoardEventId
);

/// A new project's board: the default columns, named in `t`'s language (server only; the
/// projects feature calls it when it creates a project, in the same transaction).
#[cfg(feature = "ssr")]
pub async fn create_default_board(
    tx: &mut crate::db::Tx,
    project: ProjectId,
    t: &crate::i18n::Strings,
) -> Result<(), sqlx::Error> {
    db::create_default_columns(tx, project, default_columns(t)).await
}

/// Who sees a card: the client too, or only the agency's staff.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Client,
    Internal,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::Client => "client",
            Visibility::Internal => "internal",
        }
    }

    pub fn parse(raw: &str) -> Result<Visibility, AppError> {
        match raw.trim() {
            "client" | "" => Ok(Visibility::Client),
            "internal" => Ok(Visibility::Internal),
            _ => Err(AppError::invalid("visibility", Problem::Malformed)),
        }
    }
}

impl TryFrom<String> for Visibility {
    type Error = AppError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Visibility::parse(&value)
    }
}

/// A card's Markdown body: trimmed, bounded.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct CardBody(String);

impl CardBody {
    pub const MAX_CHARS: usize = 20_000;

    pub fn parse(raw: &str) -> Result<CardBody, AppError> {
        let body = raw.trim();
        if body.chars().count() > Self::MAX_CHARS {
            return Err(AppError::invalid(
                "body",
                Problem::TooLong {
                    max: Self::MAX_CHARS,
                },
            ));
        }
        Ok(CardBody(body.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A card's labels: short words the team filters by, at most [`Labels::MAX`], no duplicates.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Labels(Vec<String>);

impl Labels {
    pub const MAX: usize = 8;
    pub const MAX_CHARS: usize = 30;

    /// Labels typed as a comma-separated list.
    pub fn parse(raw: &str) -> Result<Labels, AppError> {
        let mut labels: Vec<String> = Vec::new();
        for label in raw.split(',').map(str::trim).filter(|l| !l.is_empty()) {
            if label.chars().count() > Self::MAX_CHARS {
                return Err(AppError::invalid(
                    "labels",
                    Problem::TooLong {
                        max: Self::MAX_CHARS,
                    },
                ));
            }
            if label.chars().any(char::is_control) {
                return Err(AppError::invalid("labels", Problem::ControlCharacters));
            }
            if !labels
                .iter()
                .any(|l| l.to_lowercase() == label.to_lowercase())
            {
                labels.push(label.to_string());
            }
        }
        if labels.len() > Self::MAX {
            return Err(AppError::invalid(
                "labels",
                Problem::TooMany { max: Self::MAX },
            ));
        }
        Ok(Labels(labels))
    }

    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// As stored and as the form shows it: `design, urgent`.
    pub fn joined(&self) -> String {
        self.0.join(", ")
    }
}

/// A card as the board shows it (the body is read in the card's dialog).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardSummary {
    pub id: CardId,
    pub column_id: ColumnId,
    pub title: String,
    pub assignee: Option<String>,
    pub due_on: Option<DueDate>,
    pub labels: Vec<String>,
    pub visibility: Visibility,
    /// The milestone it counts toward, with its title.
    pub milestone: Option<(crate::milestones::MilestoneId, String)>,
}

/// A column with its cards in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardColumn {
    pub id: ColumnId,
    pub name: String,
    /// Cards here count as done (milestone progress); one column per board.
    pub is_done: bool,
    pub cards: Vec<CardSummary>,
}

/// Everything the board page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub project: ProjectId,
    pub project_name: String,
    pub columns: Vec<BoardColumn>,
    /// Whether the viewer may add, edit and move cards and arrange columns (staff).
    pub may_edit: bool,
    /// The people a card may be assigned to (staff only; empty for clients).
    pub assignees: Vec<(UserId, String)>,
    /// The newest history entry the board includes, where a live stream starts from.
    pub last_event: BoardEventId,
    /// When the board shows only one milestone's cards: that milestone and its title.
    #[serde(default)]
    pub only_milestone: Option<(crate::milestones::MilestoneId, String)>,
    /// For a client: milestones reached since they last saw the project (shown once).
    #[serde(default)]
    pub reached: Vec<String>,
    /// The project's late and at-risk milestones on the viewer's day: their cards say so.
    #[serde(default)]
    pub milestone_risks: Vec<(crate::milestones::MilestoneId, crate::milestones::Risk)>,
}

impl Board {
    /// How many of the project's milestones are late and at risk, for the page header.
    pub fn alerts(&self) -> crate::projects::MilestoneAlerts {
        let overdue = self
            .milestone_risks
            .iter()
            .filter(|(_, r)| r.is_overdue())
            .count();
        crate::projects::MilestoneAlerts {
            overdue: overdue as u32,
            at_risk: (self.milestone_risks.len() - overdue) as u32,
        }
    }

    pub fn card_count(&self) -> usize {
        self.columns.iter().map(|c| c.cards.len()).sum()
    }

    /// The board with only the cards linked to `milestone` (a milestone of another project, or
    /// none at all, leaves no card).
    pub fn only(mut self, milestone: crate::milestones::MilestoneId, title: String) -> Board {
        for column in &mut self.columns {
            column
                .cards
                .retain(|c| c.milestone.as_ref().is_some_and(|(id, _)| *id == milestone));
        }
        self.only_milestone = Some((milestone, title));
        self
    }
}

/// What the live stream sends for each history entry a viewer may learn of (as JSON, with the
/// entry's id as the event id, so a reconnecting browser says where it stopped).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoardChange {
    pub id: BoardEventId,
    pub card: Option<CardId>,
    pub kind: EventKind,
}

impl BoardChange {
    /// The card a live message (this type as JSON) is about, read without a JSON parser in the
    /// browser: the field is a plain number or `null`.
    pub fn card_in(message: &str) -> Option<CardId> {
        let rest = message.split_once("\"card\":")?.1.trim_start();
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        digits.parse().ok().map(CardId)
    }

    /// Whether a live message (this type as JSON) is about status updates.
    pub fn is_about_updates(message: &str) -> bool {
        message.contains("\"kind\":\"updates\"")
    }

    /// Whether a live message (this type as JSON) is about feedback forms.
    pub fn is_about_feedback(message: &str) -> bool {
        message.contains("\"kind\":\"feedback\"")
    }

    /// Whether a live message (this type as JSON) is about a comment on a card or milestone.
    pub fn is_about_comments(message: &str) -> bool {
        message.contains("\"kind\":\"commented\"")
    }
}

/// What happened to a card, as its history lists it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EventKind {
    Created,
    Edited,
    Moved,
    /// Columns were added, renamed, reordered or deleted (no card).
    Columns,
    /// A milestone of the project changed (no card): open boards and timelines reload.
    Milestones,
    /// A status update was saved, published, corrected or seen (no card). A draft's entry is
    /// internal: clients never hear of it.
    Updates,
    /// Someone commented on a card (the card's entry) or a milestone (no card); on an internal
    /// card, internal. (A comment on an update is an `Updates` change: the feed follows those.)
    Commented,
    /// A feedback form was sent, answered or closed: always internal (clients never hear of
    /// other people's answers); staff's open results page reloads.
    Feedback,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Created => "created",
            EventKind::Edited => "edited",
            EventKind::Moved => "moved",
            EventKind::Columns => "columns",
            EventKind::Milestones => "milestones",
            EventKind::Updates => "updates",
            EventKind::Commented => "commented",
            EventKind::Feedback => "feedback",
        }
    }
}

impl TryFrom<String> for EventKind {
    type Error = AppError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        match value.as_str() {
            "created" => Ok(EventKind::Created),
            "edited" => Ok(EventKind::Edited),
            "moved" => Ok(EventKind::Moved),
            "columns" => Ok(EventKind::Columns),
            "milestones" => Ok(EventKind::Milestones),
            "updates" => Ok(EventKind::Updates),
            "commented" => Ok(EventKind::Commented),
            "feedback" => Ok(EventKind::Feedback),
            _ => Err(AppError::invalid("kind", Problem::Malformed)),
        }
    }
}

/// One line of a card's history: who did what, when. For a move, `detail` names the columns
/// ("Backlog → Review"); for an edit, the fields that changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ssr", derive(sqlx::FromRow))]
pub struct HistoryEntry {
    #[cfg_attr(feature = "ssr", sqlx(try_from = "String"))]
    pub kind: EventKind,
    pub actor: Option<String>,
    pub detail: String,
    pub at: Timestamp,
}

impl HistoryEntry {
    /// What happened, in the viewer's language, to follow the name of who did it.
    pub fn line(&self, t: &crate::i18n::Strings) -> String {
        match self.kind {
            EventKind::Created => t.history_created.to_string(),
            EventKind::Moved => format!("{} {}", t.history_moved, self.detail),
            EventKind::Edited => {
                let fields: Vec<&str> = self
                    .detail
                    .split(',')
                    .filter_map(|field| match field {
                        "title" => Some(t.title_label),
                        "body" => Some(t.description_label),
                        "assignee" => Some(t.assignee_label),
                        "due_on" => Some(t.due_label),
                        "labels" => Some(t.labels_label),
                        "visibility" => Some(t.visibility_label),
                        "milestone" => Some(t.milestone_label),
                        _ => None,
                    })
                    .collect();
                format!("{} {}", t.history_edited, fields.join(", ").to_lowercase())
            }
            EventKind::Commented => t.history_commented.to_string(),
            EventKind::Columns
            | EventKind::Milestones
            | EventKind::Updates
            | EventKind::Feedback => String::new(),
        }
    }
}

/// A card as its dialog shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CardDetail {
    pub id: CardId,
    pub column_id: ColumnId,
    pub column_name: String,
    pub title: String,
    /// The Markdown as written, for staff who edit it (empty for clients).
    pub body: String,
    /// The body rendered from Markdown and sanitized on the server.
    pub body_html: String,
    pub assignee_id: Option<UserId>,
    pub assignee: Option<String>,
    pub due_on: Option<DueDate>,
    pub labels: Vec<String>,
    pub visibility: Visibility,
    /// The milestone it counts toward, with its title.
    pub milestone: Option<(crate::milestones::MilestoneId, String)>,
    /// Changes with every saved edit; an edit made from an older version is refused.
    pub version: i64,
    pub history: Vec<HistoryEntry>,
    /// Whether the viewer may edit and move it (staff).
    pub may_edit: bool,
    /// For staff: the board's columns, to move the card to (empty for clients).
    pub columns: Vec<(ColumnId, String)>,
    /// For staff: the people the card may be assigned to (empty for clients).
    pub assignees: Vec<(UserId, String)>,
    /// For staff: the project's milestones, to link the card to (empty for clients).
    pub milestones: Vec<(crate::milestones::MilestoneId, String)>,
    /// The conversation on the card.
    #[serde(default)]
    pub thread: Option<crate::comments::Thread>,
}

/// A change to one column, from the column's menu.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ColumnChange {
    /// One place to the left.
    Left,
    /// One place to the right.
    Right,
    /// Mark it as the board's done column.
    Done,
    /// Delete it; only an empty column can go.
    Delete,
}

/// The default columns of a new board, in order; the last is the done column.
pub fn default_columns(t: &crate::i18n::Strings) -> [&'static str; 4] {
    [
        t.column_backlog,
        t.column_in_progress,
        t.column_review,
        t.column_done,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_trimmed_deduplicated_and_bounded() {
        let labels = Labels::parse(" design, Urgent ,, design ,urgent").unwrap();
        assert_eq!(labels.as_slice(), ["design", "Urgent"]);
        assert_eq!(labels.joined(), "design, Urgent");
        assert_eq!(
            Labels::parse(&"x".repeat(31)),
            Err(AppError::invalid("labels", Problem::TooLong { max: 30 }))
        );
        let nine = (1..=9)
            .map(|n| format!("l{n}"))
            .collect::<Vec<_>>()
            .join(",");
        assert_eq!(
            Labels::parse(&nine),
            Err(AppError::invalid("labels", Problem::TooMany { max: 8 }))
        );
    }

    #[test]
    fn titles_must_be_written_and_short() {
        use crate::text::CardTitle;
        assert!(CardTitle::parse("  ").is_err());
        assert!(CardTitle::parse(&"x".repeat(500)).is_err());
        assert_eq!(CardTitle::parse(" Logo ").unwrap().as_str(), "Logo");
    }

    #[test]
    fn a_live_message_names_its_card() {
        assert_eq!(
            BoardChange::card_in(r#"{"id":12,"card":345,"kind":"moved"}"#),
            Some(CardId(345))
        );
        assert_eq!(
            BoardChange::card_in(r#"{"id":12,"card":null,"kind":"columns"}"#),
            None
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn a_message_about_updates_is_told_apart_as_the_server_writes_it() {
        let message = |kind| {
            serde_json::to_string(&BoardChange {
                id: BoardEventId(3),
                card: None,
                kind,
            })
            .unwrap()
        };
        assert!(BoardChange::is_about_updates(&message(EventKind::Updates)));
        assert!(!BoardChange::is_about_updates(&message(
            EventKind::Milestones
        )));
        assert!(!BoardChange::is_about_updates(&message(EventKind::Moved)));
    }

    #[test]
    fn visibility_reads_only_its_two_words() {
        assert_eq!(Visibility::parse("internal"), Ok(Visibility::Internal));
        assert_eq!(Visibility::parse(""), Ok(Visibility::Client));
        assert!(Visibility::parse("secret").is_err());
    }
}
