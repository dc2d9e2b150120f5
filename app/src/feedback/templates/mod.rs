//! The organization's own feedback templates: copies of the built-in ones (milestone check-in,
//! project close) that staff edit — title and questions of every kind — and then send, or have a
//! project send by itself, like the built-in ones. A template is written in one language; a form
//! sent from it keeps its own copy of the questions (editing the template later changes no form).
//!
//! The editor is one plain form (`questions[0][text]` …), so it works without JavaScript: each
//! question's fields, a place number to reorder, a box to remove it, and empty rows to add more.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use super::{Kind, Question, SHORT_MAX_CHARS};
use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

/// At most this many questions in a template.
pub const MAX_QUESTIONS: usize = 20;
/// A template's title, in characters.
pub const TITLE_MAX_CHARS: usize = 120;
/// A choice of a single or multiple choice question, and a rating's end label, in characters.
pub const CHOICE_MAX_CHARS: usize = 100;
/// Choices of one question: at least two, at most this many.
pub const MAX_CHOICES: usize = 10;
/// Empty rows the editor offers for new questions.
pub const NEW_ROWS: usize = 2;

/// The key under which one of the organization's templates is sent or chosen for a project
/// (built-in ones have their own keys, `milestone_check_in` …).
pub fn custom_key(id: i64) -> String {
    format!("custom:{id}")
}

/// The template id in a key made by [`custom_key`].
pub fn parse_custom_key(raw: &str) -> Option<i64> {
    raw.strip_prefix("custom:")?
        .parse()
        .ok()
        .filter(|id| *id > 0)
}

/// One of the organization's templates, as a list or a select shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateChoice {
    pub id: i64,
    pub title: String,
    pub language: Locale,
}

impl TemplateChoice {
    pub fn key(&self) -> String {
        custom_key(self.id)
    }
}

/// One of the organization's templates, as the editor shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OwnTemplate {
    pub id: i64,
    pub title: String,
    pub language: Locale,
    pub questions: Vec<Question>,
    /// Changes with every save: a save from an older page is refused (someone saved meanwhile).
    pub version: i64,
}

/// The kinds of question, as the editor names them (`kind` field).
pub const KINDS: [&str; 7] = [
    "csat", "nps", "rating", "single", "multiple", "short", "long",
];

/// The editor's name of a question's kind.
pub fn kind_key(kind: &Kind) -> &'static str {
    match kind {
        Kind::Csat => "csat",
        Kind::Nps => "nps",
        Kind::Rating { .. } => "rating",
        Kind::Single { .. } => "single",
        Kind::Multiple { .. } => "multiple",
        Kind::Short => "short",
        Kind::Long => "long",
    }
}

/// One question as the editor posts it. A row whose text is empty is no question (the empty
/// rows for new questions); `remove` drops a question; `position` orders them: a question given
/// another place than its own takes it (moved up, before the one that had it; moved down, after
/// it); rows without one go last.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionInput {
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub required: Option<String>,
    /// Single and multiple choice: one choice per line.
    #[serde(default)]
    pub choices: String,
    /// Rating: the words at 1 and at 5.
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub remove: Option<String>,
}

impl QuestionInput {
    /// The editor's row for `question` at place `index` (from 0).
    pub fn of(question: &Question, index: usize) -> QuestionInput {
        let (choices, low, high) = match &question.kind {
            Kind::Single { choices } | Kind::Multiple { choices } => {
                (choices.join("\n"), String::new(), String::new())
            }
            Kind::Rating { low, high } => (String::new(), low.clone(), high.clone()),
            _ => (String::new(), String::new(), String::new()),
        };
        QuestionInput {
            text: question.text.clone(),
            kind: kind_key(&question.kind).to_string(),
            required: question.required.then(|| "on".to_string()),
            choices,
            low,
            high,
            position: (index + 1).to_string(),
            remove: None,
        }
    }
}

/// The name of field `name` of question row `row` (from 0), as the editor's inputs are named.
pub fn question_field(row: usize, name: &str) -> String {
    format!("questions[{row}][{name}]")
}

/// A title and the editor's rows made into a template's questions, in order. Each problem names
/// the field it is about (`questions[2][choices]`), so the editor marks that input; nothing is
/// half-taken.
pub fn parse_template(
    title: &str,
    rows: &[QuestionInput],
) -> Result<(String, Vec<Question>), AppError> {
    let title = one_line(title, "title", TITLE_MAX_CHARS)?;
    if title.is_empty() {
        return Err(AppError::invalid("title", Problem::Required));
    }
    let mut kept: Vec<(i64, u8, usize, Question)> = Vec::new();
    for (row, input) in rows.iter().enumerate() {
        if input.remove.as_deref().is_some_and(|r| !r.is_empty()) {
            continue;
        }
        let text = one_line(&input.text, &question_field(row, "text"), SHORT_MAX_CHARS)?;
        if text.is_empty() {
            continue;
        }
        let kind = parse_kind(row, input)?;
        let position = match input.position.trim() {
            "" => i64::MAX,
            raw => raw
                .parse::<i64>()
                .ok()
                .filter(|p| (1..=100).contains(p))
                .ok_or_else(|| {
                    AppError::invalid(
                        &question_field(row, "position"),
                        Problem::OutOfRange { min: 1, max: 100 },
                    )
                })?,
        };
        let required = input.required.as_deref().is_some_and(|r| !r.is_empty());
        // Moved up: before the question that had the place; moved down: after it.
        let own = row as i64 + 1;
        let stays = match position.cmp(&own) {
            std::cmp::Ordering::Less => 0,
            std::cmp::Ordering::Equal => 1,
            std::cmp::Ordering::Greater => 2,
        };
        kept.push((
            position,
            stays,
            row,
            Question {
                text,
                kind,
                required,
            },
        ));
    }
    if kept.is_empty() {
        return Err(AppError::invalid(
            &question_field(0, "text"),
            Problem::Required,
        ));
    }
    if kept.len() > MAX_QUESTIONS {
        return Err(AppError::invalid(
            "questions",
            Problem::TooMany { max: MAX_QUESTIONS },
        ));
    }
    kept.sort_by_key(|(position, stays, row, _)| (*position, *stays, *row));
    Ok((title, kept.into_iter().map(|(_, _, _, q)| q).collect()))
}

fn parse_kind(row: usize, input: &QuestionInput) -> Result<Kind, AppError> {
    let label = |name: &str, raw: &str| one_line(raw, &question_field(row, name), CHOICE_MAX_CHARS);
    Ok(match input.kind.as_str() {
        "csat" => Kind::Csat,
        "nps" => Kind::Nps,
        "short" => Kind::Short,
        "long" => Kind::Long,
        "rating" => {
            let (low, high) = (label("low", &input.low)?, label("high", &input.high)?);
            for (name, words) in [("low", &low), ("high", &high)] {
                if words.is_empty() {
                    return Err(AppError::invalid(
                        &question_field(row, name),
                        Problem::Required,
                    ));
                }
            }
            Kind::Rating { low, high }
        }
        "single" | "multiple" => {
            let field = question_field(row, "choices");
            let mut choices: Vec<String> = Vec::new();
            let too_many = || {
                AppError::invalid(
                    &field,
                    Problem::ChoiceCount {
                        min: 2,
                        max: MAX_CHOICES,
                    },
                )
            };
            for line in input.choices.lines() {
                let choice = label("choices", line)?;
                if !choice.is_empty() && !choices.contains(&choice) {
                    // Stops at once: a huge list costs nothing more.
                    if choices.len() == MAX_CHOICES {
                        return Err(too_many());
                    }
                    choices.push(choice);
                }
            }
            if !(2..=MAX_CHOICES).contains(&choices.len()) {
                return Err(AppError::invalid(
                    &field,
                    Problem::ChoiceCount {
                        min: 2,
                        max: MAX_CHOICES,
                    },
                ));
            }
            if input.kind == "single" {
                Kind::Single { choices }
            } else {
                Kind::Multiple { choices }
            }
        }
        _ => {
            return Err(AppError::invalid(
                &question_field(row, "kind"),
                Problem::NotAChoice,
            ))
        }
    })
}

/// `raw` trimmed, one line, at most `max` characters, without control characters.
fn one_line(raw: &str, field: &str, max: usize) -> Result<String, AppError> {
    let text = raw.trim();
    if text.chars().count() > max {
        return Err(AppError::invalid(field, Problem::TooLong { max }));
    }
    if text.chars().any(char::is_control) {
        return Err(AppError::invalid(field, Problem::ControlCharacters));
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(text: &str, kind: &str) -> QuestionInput {
        QuestionInput {
            text: text.into(),
            kind: kind.into(),
            ..QuestionInput::default()
        }
    }

    fn field_of(error: AppError) -> String {
        match error {
            AppError::Invalid { field, .. } => field,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn rows_become_questions_in_the_order_asked_and_empty_rows_are_none() {
        let rows = vec![
            QuestionInput {
                position: "2".into(),
                required: Some("on".into()),
                ..row("How satisfied are you?", "csat")
            },
            QuestionInput {
                position: "1".into(),
                choices: "Design\n\nCode\nDesign\n Support ".into(),
                ..row("What helped most?", "single")
            },
            row("", "short"),
            QuestionInput {
                remove: Some("on".into()),
                ..row("Gone", "long")
            },
        ];
        let (title, questions) = parse_template("  Sprint review ", &rows).unwrap();
        assert_eq!(title, "Sprint review");
        assert_eq!(questions.len(), 2);
        assert_eq!(
            questions[0].kind,
            Kind::Single {
                choices: vec!["Design".into(), "Code".into(), "Support".into()]
            }
        );
        assert!(!questions[0].required);
        assert_eq!(questions[1].kind, Kind::Csat);
        assert!(questions[1].required);
        // Moved down one place, a question goes after the one that had it.
        let abc: Vec<_> = ["A", "B", "C"]
            .iter()
            .enumerate()
            .map(|(i, t)| QuestionInput {
                position: (i + 1).to_string(),
                ..row(t, "short")
            })
            .collect();
        let mut down = abc.clone();
        down[0].position = "2".into();
        let order = |rows: &[QuestionInput]| -> Vec<String> {
            parse_template("T", rows)
                .unwrap()
                .1
                .into_iter()
                .map(|q| q.text)
                .collect()
        };
        assert_eq!(order(&down), ["B", "A", "C"]);
        down[0].position = "3".into();
        assert_eq!(order(&down), ["B", "C", "A"]);
        let mut up = abc.clone();
        up[2].position = "1".into();
        assert_eq!(order(&up), ["C", "A", "B"]);
        // What the editor shows of a question is what it reads back.
        let again: Vec<_> = questions
            .iter()
            .enumerate()
            .map(|(i, q)| QuestionInput::of(q, i))
            .collect();
        assert_eq!(
            parse_template("Sprint review", &again).unwrap().1,
            questions
        );
    }

    #[test]
    fn each_problem_names_its_field() {
        assert_eq!(
            field_of(parse_template("", &[row("Q", "csat")]).unwrap_err()),
            "title"
        );
        assert_eq!(
            field_of(parse_template("T", &[row("", "csat")]).unwrap_err()),
            "questions[0][text]",
            "a template asks something"
        );
        let one_choice = QuestionInput {
            choices: "Only".into(),
            ..row("Pick", "multiple")
        };
        assert_eq!(
            field_of(parse_template("T", &[row("Q", "nps"), one_choice]).unwrap_err()),
            "questions[1][choices]"
        );
        assert_eq!(
            field_of(parse_template("T", &[row("Rate", "rating")]).unwrap_err()),
            "questions[0][low]"
        );
        assert_eq!(
            field_of(parse_template("T", &[row("Q", "essay")]).unwrap_err()),
            "questions[0][kind]"
        );
        let long = "x".repeat(100_000);
        assert_eq!(
            field_of(parse_template("T", &[row(&long, "long")]).unwrap_err()),
            "questions[0][text]"
        );
        let many: Vec<_> = (0..=MAX_QUESTIONS)
            .map(|i| row(&format!("Q{i}"), "short"))
            .collect();
        assert_eq!(
            field_of(parse_template("T", &many).unwrap_err()),
            "questions"
        );
    }

    #[test]
    fn custom_keys_name_a_template_and_nothing_else() {
        assert_eq!(parse_custom_key(&custom_key(12)), Some(12));
        assert_eq!(parse_custom_key("custom:0"), None);
        assert_eq!(parse_custom_key("custom:x"), None);
        assert_eq!(parse_custom_key("milestone_check_in"), None);
    }
}
