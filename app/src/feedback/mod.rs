//! Feedback after milestones: short forms the project's client members answer — CSAT, NPS,
//! ratings, choices and text — and the results staff act on. A sent form keeps its own copy of
//! its questions, so changing a template later never changes what a client was asked.
//!
//! This module holds the rules as plain functions (the arithmetic, the answers' checks, the CSV),
//! tested without a database; `db`, `ops`, `api` and `view` do the rest.

pub mod api;
pub mod chart;
#[cfg(feature = "ssr")]
pub mod db;
pub mod home;
#[cfg(feature = "ssr")]
pub mod ops;
pub mod templates;
pub mod view;

use crate::calendar::DueDate;
use crate::error::{AppError, Problem};
use crate::i18n::Locale;
use serde::{Deserialize, Serialize};

crate::typed_id!(
    /// One form sent to a project's client members.
    FormId
);

/// What a question asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    /// Customer satisfaction, 1 (very unsatisfied) to 5 (very satisfied).
    Csat,
    /// Net Promoter Score, 0 to 10.
    Nps,
    /// 1 to 5 with the team's own words at each end.
    Rating { low: String, high: String },
    /// One of the choices.
    Single { choices: Vec<String> },
    /// Any of the choices.
    Multiple { choices: Vec<String> },
    /// One line.
    Short,
    /// A paragraph.
    Long,
}

/// One question of a form, in the order the form asks them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    pub text: String,
    pub kind: Kind,
    pub required: bool,
}

/// The built-in templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Template {
    /// After each milestone the client approves.
    MilestoneCheckIn,
    /// When the project closes.
    ProjectClose,
}

impl Template {
    pub const ALL: [Template; 2] = [Template::MilestoneCheckIn, Template::ProjectClose];

    pub fn key(self) -> &'static str {
        match self {
            Template::MilestoneCheckIn => "milestone_check_in",
            Template::ProjectClose => "project_close",
        }
    }

    pub fn parse(raw: &str) -> Result<Template, AppError> {
        Template::ALL
            .into_iter()
            .find(|t| t.key() == raw)
            .ok_or_else(|| AppError::invalid("template", Problem::Malformed))
    }

    /// The form's title and questions, in `language` (the project's client's).
    pub fn questions(self, language: Locale) -> (String, Vec<Question>) {
        let es = language == Locale::Es;
        let q = |text_en: &str, text_es: &str, kind: Kind, required: bool| Question {
            text: if es { text_es } else { text_en }.to_string(),
            kind,
            required,
        };
        match self {
            Template::MilestoneCheckIn => (
                if es {
                    "Cómo fue esta fase"
                } else {
                    "Milestone check-in"
                }
                .into(),
                vec![
                    q(
                        "How satisfied are you with this phase of the project?",
                        "¿Qué tan satisfecho estás con esta fase del proyecto?",
                        Kind::Csat,
                        true,
                    ),
                    q(
                        "What could we have done better in this phase?",
                        "¿Qué podríamos haber hecho mejor en esta fase?",
                        Kind::Long,
                        false,
                    ),
                    q(
                        "Anything we should know before the next phase?",
                        "¿Hay algo que debamos saber antes de la siguiente fase?",
                        Kind::Long,
                        false,
                    ),
                ],
            ),
            Template::ProjectClose => (
                if es {
                    "Cierre del proyecto"
                } else {
                    "Project close"
                }
                .into(),
                vec![
                    q(
                        "How satisfied are you with the project overall?",
                        "En conjunto, ¿qué tan satisfecho estás con el proyecto?",
                        Kind::Csat,
                        true,
                    ),
                    q(
                        "How likely are you to recommend us to a friend or colleague?",
                        "¿Qué probabilidad hay de que nos recomiendes a un amigo o colega?",
                        Kind::Nps,
                        true,
                    ),
                    q("What went well?", "¿Qué salió bien?", Kind::Long, false),
                    q(
                        "What should we improve?",
                        "¿Qué deberíamos mejorar?",
                        Kind::Long,
                        false,
                    ),
                    q(
                        "May we quote you?",
                        "¿Podemos citar tus palabras?",
                        Kind::Single {
                            choices: if es {
                                vec![
                                    "Sí, con mi nombre".into(),
                                    "Sí, sin mi nombre".into(),
                                    "No".into(),
                                ]
                            } else {
                                vec![
                                    "Yes, with my name".into(),
                                    "Yes, without my name".into(),
                                    "No".into(),
                                ]
                            },
                        },
                        false,
                    ),
                ],
            ),
        }
    }
}

/// One answer, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Answer {
    /// A score: CSAT and ratings 1–5, NPS 0–10.
    Score(i64),
    /// The number of the choice, from 0.
    Choice(usize),
    Choices(Vec<usize>),
    Text(String),
}

/// Longest a form may stay open, in days.
pub const MAX_DAYS: i64 = 60;

/// Longest text answer, in characters.
pub const TEXT_MAX_CHARS: usize = 5_000;
/// Longest one-line answer.
pub const SHORT_MAX_CHARS: usize = 300;

/// The form field of question `index` (`q0`, `q1`, …); a multiple choice posts one field a
/// ticked choice (`q3_0`, `q3_2`).
pub fn field(index: usize) -> String {
    format!("q{index}")
}

/// Whether `key` is a field a form posts: `q3`, or a ticked choice `q3_1`.
pub fn is_answer_field(key: &str) -> bool {
    let Some(rest) = key.strip_prefix('q') else {
        return false;
    };
    let mut parts = rest.splitn(2, '_');
    let number = |p: Option<&str>| {
        p.is_some_and(|n| !n.is_empty() && n.len() <= 3 && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let first = parts.next();
    match parts.next() {
        None => number(first),
        second => number(first) && number(second),
    }
}

/// Checks a response against the form's questions: `raw` holds the posted fields. Answers each
/// question (`None`: left unanswered, allowed when optional). A required question left out, a
/// score out of range or a choice not on the list is refused; every question missing is named
/// (by its number, from 1), so the page can mark each one and keep the rest as typed.
pub fn parse_answers(
    questions: &[Question],
    raw: &std::collections::HashMap<String, String>,
) -> Result<Vec<Option<Answer>>, AppError> {
    let mut answers = Vec::with_capacity(questions.len());
    let mut missing = Vec::new();
    for (index, question) in questions.iter().enumerate() {
        let answer = parse_answer(index, question, raw)?;
        if answer.is_none() && question.required {
            missing.push(index + 1);
        }
        answers.push(answer);
    }
    if !missing.is_empty() {
        return Err(AppError::invalid(
            "answers",
            Problem::Unanswered { questions: missing },
        ));
    }
    Ok(answers)
}

/// What a refused response held, to fill the form in again: each answer that is valid by
/// itself (a missing or wrong one is left empty).
pub fn typed_answers(
    questions: &[Question],
    raw: &std::collections::HashMap<String, String>,
) -> Vec<Option<Answer>> {
    questions
        .iter()
        .enumerate()
        .map(|(index, question)| parse_answer(index, question, raw).ok().flatten())
        .collect()
}

/// The answer to question `index` in the posted fields (`None`: left unanswered).
fn parse_answer(
    index: usize,
    question: &Question,
    raw: &std::collections::HashMap<String, String>,
) -> Result<Option<Answer>, AppError> {
    let name = field(index);
    let value = raw.get(&name).map(|v| v.trim()).unwrap_or("");
    Ok(match &question.kind {
        Kind::Csat | Kind::Rating { .. } | Kind::Nps => {
            let (min, max) = if question.kind == Kind::Nps {
                (0, 10)
            } else {
                (1, 5)
            };
            if value.is_empty() {
                None
            } else {
                match value.parse::<i64>() {
                    Ok(n) if (min..=max).contains(&n) => Some(Answer::Score(n)),
                    _ => return Err(AppError::invalid(&name, Problem::OutOfRange { min, max })),
                }
            }
        }
        Kind::Single { choices } => {
            if value.is_empty() {
                None
            } else {
                match value.parse::<usize>() {
                    Ok(n) if n < choices.len() => Some(Answer::Choice(n)),
                    _ => return Err(AppError::invalid(&name, Problem::NotAChoice)),
                }
            }
        }
        Kind::Multiple { choices } => {
            let prefix = format!("{name}_");
            let mut ticked = Vec::new();
            for key in raw.keys().filter(|k| k.starts_with(&prefix)) {
                match key[prefix.len()..].parse::<usize>() {
                    Ok(n) if n < choices.len() => ticked.push(n),
                    _ => return Err(AppError::invalid(&name, Problem::NotAChoice)),
                }
            }
            ticked.sort_unstable();
            ticked.dedup();
            (!ticked.is_empty()).then_some(Answer::Choices(ticked))
        }
        Kind::Short | Kind::Long => {
            let max = if question.kind == Kind::Short {
                SHORT_MAX_CHARS
            } else {
                TEXT_MAX_CHARS
            };
            let text = value.replace("\r\n", "\n");
            if text.chars().count() > max {
                return Err(AppError::invalid(&name, Problem::TooLong { max }));
            }
            if text.contains('\0') {
                return Err(AppError::invalid(&name, Problem::ControlCharacters));
            }
            (!text.is_empty()).then_some(Answer::Text(text))
        }
    })
}

/// Customer satisfaction over some answers (1–5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Csat {
    pub count: u32,
    /// The average, in tenths (4.25 → 43: rounded half away from zero).
    pub average_tenths: i64,
    /// Answers of 4 or 5, as a whole percentage of all.
    pub satisfied_percent: i64,
}

/// Net Promoter Score over some answers (0–10).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Nps {
    /// 9–10.
    pub promoters: u32,
    /// 7–8.
    pub passives: u32,
    /// 0–6.
    pub detractors: u32,
    /// % promoters − % detractors, a whole number from −100 to 100.
    pub score: i64,
}

/// `numerator / denominator` rounded to the nearest whole number, halves away from zero.
fn round_div(numerator: i64, denominator: i64) -> i64 {
    let twice = 2 * numerator.abs() + denominator;
    let rounded = twice / (2 * denominator);
    if numerator < 0 {
        -rounded
    } else {
        rounded
    }
}

/// `None` without answers: "no responses" is not a score of zero.
pub fn csat(scores: &[i64]) -> Option<Csat> {
    if scores.is_empty() {
        return None;
    }
    let n = scores.len() as i64;
    let sum: i64 = scores.iter().sum();
    let satisfied = scores.iter().filter(|s| **s >= 4).count() as i64;
    Some(Csat {
        count: n as u32,
        average_tenths: round_div(10 * sum, n),
        satisfied_percent: round_div(100 * satisfied, n),
    })
}

pub fn nps(scores: &[i64]) -> Option<Nps> {
    if scores.is_empty() {
        return None;
    }
    let count = |f: fn(i64) -> bool| scores.iter().filter(|s| f(**s)).count() as i64;
    let promoters = count(|s| s >= 9);
    let detractors = count(|s| s <= 6);
    let n = scores.len() as i64;
    Some(Nps {
        promoters: promoters as u32,
        passives: (n - promoters - detractors) as u32,
        detractors: detractors as u32,
        score: round_div(100 * (promoters - detractors), n),
    })
}

/// Whether a response's scores call for the team's attention: CSAT 2 or less, NPS 6 or less.
pub fn low_score(questions: &[Question], answers: &[Option<Answer>]) -> bool {
    questions
        .iter()
        .zip(answers)
        .any(|(q, a)| match (&q.kind, a) {
            (Kind::Csat, Some(Answer::Score(s))) => *s <= 2,
            (Kind::Nps, Some(Answer::Score(s))) => *s <= 6,
            _ => false,
        })
}

/// One CSV cell per RFC 4180: quoted when it holds a comma, a quote or a line break (quotes
/// doubled). A cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, a tab or a
/// carriage return first) starts with `'` instead, so opening the file runs nothing.
pub fn csv_cell(text: &str) -> String {
    let mut cell = String::with_capacity(text.len() + 2);
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        cell.push('\'');
    }
    cell.push_str(text);
    if cell.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", cell.replace('"', "\"\""))
    } else {
        cell
    }
}

/// One CSV line (CRLF-terminated, as RFC 4180 says).
pub fn csv_line(cells: &[String]) -> String {
    let mut line = cells
        .iter()
        .map(|c| csv_cell(c))
        .collect::<Vec<_>>()
        .join(",");
    line.push_str("\r\n");
    line
}

/// An answer as text, for the CSV and the results page.
pub fn answer_text(question: &Question, answer: Option<&Answer>) -> String {
    match (answer, &question.kind) {
        (None, _) => String::new(),
        (Some(Answer::Score(s)), _) => s.to_string(),
        (Some(Answer::Choice(n)), Kind::Single { choices }) => {
            choices.get(*n).cloned().unwrap_or_default()
        }
        (Some(Answer::Choices(ns)), Kind::Multiple { choices }) => ns
            .iter()
            .filter_map(|n| choices.get(*n).cloned())
            .collect::<Vec<_>>()
            .join("; "),
        (Some(Answer::Text(t)), _) => t.clone(),
        _ => String::new(),
    }
}

/// A form as one viewer sees it: a client member answering, or staff reading the results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Form {
    pub id: FormId,
    pub project: i64,
    pub project_name: String,
    pub title: String,
    pub questions: Vec<Question>,
    /// What it follows, when it was sent for a milestone.
    pub milestone: Option<String>,
    pub sent_on: DueDate,
    /// The last day it takes answers (in the viewer's timezone).
    pub closes_on: DueDate,
    pub open: bool,
    /// A client member: their answers so far (empty: none yet), one per question.
    pub mine: Vec<Option<Answer>>,
    /// A client member: they have answered.
    pub answered: bool,
}

/// One response as staff read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Response {
    /// Who answered (the response's key with the form).
    pub user: i64,
    /// When they last answered (ms): handling a low score names the answer staff read.
    #[serde(default)]
    pub answered_at: i64,
    pub person: String,
    pub on: DueDate,
    pub answers: Vec<Option<Answer>>,
    pub low: bool,
    /// A low score: who said what was done about it, when, and what.
    pub handled: Option<(String, DueDate, String)>,
}

/// The first text answer of a response, as one short line: what a low score's flag quotes.
pub fn first_text(questions: &[Question], answers: &[Option<Answer>]) -> Option<String> {
    questions
        .iter()
        .zip(answers)
        .find_map(|(q, a)| match (&q.kind, a) {
            (Kind::Short | Kind::Long, Some(Answer::Text(text))) => {
                Some(crate::comments::excerpt(text))
            }
            _ => None,
        })
}

/// Longest note on a handled low score, in characters.
pub const NOTE_MAX_CHARS: usize = 1_000;

/// A form's results (staff only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormResults {
    pub form: Form,
    /// How many of the project's client members were asked (when it was read), and answered.
    pub asked: u32,
    pub responses: Vec<Response>,
    pub csat: Option<Csat>,
    pub nps: Option<Nps>,
}

impl FormResults {
    /// Answered, as a whole percentage of those asked.
    pub fn response_rate(&self) -> Option<i64> {
        (self.asked > 0)
            .then(|| round_div(100 * self.responses.len() as i64, i64::from(self.asked)))
    }
}

/// `/projects/{id}/feedback`: the project's forms with their results (staff).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeedbackPage {
    pub project: i64,
    pub project_name: String,
    /// Newest first.
    pub forms: Vec<FormResults>,
    /// Staff may send a form (the project is not archived).
    pub may_send: bool,
    /// The project's last history entry when this was read: the live stream starts after it.
    pub last_change: i64,
    /// What the project sends by itself when a milestone is approved, and when it is closed: a
    /// template's key, or empty for nothing.
    #[serde(default)]
    pub on_approval: String,
    #[serde(default)]
    pub on_close: String,
    /// The organization's own templates, to send or choose besides the built-in ones.
    #[serde(default)]
    pub templates: Vec<templates::TemplateChoice>,
}

/// The organization's client feedback over the last 90 days, and the 90 days before (staff's
/// home page): is the relationship with clients getting better or worse?
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OrganizationScores {
    pub csat: Option<Csat>,
    pub csat_before: Option<Csat>,
    pub nps: Option<Nps>,
    pub nps_before: Option<Nps>,
}

/// The scores given to questions of `kind` in some responses (each with its form's questions).
pub fn scores_of(kind: &Kind, responses: &[(Vec<Question>, Vec<Option<Answer>>)]) -> Vec<i64> {
    responses
        .iter()
        .flat_map(|(questions, answers)| {
            questions
                .iter()
                .zip(answers)
                .filter_map(|(q, a)| match (q.kind == *kind, a) {
                    (true, Some(Answer::Score(s))) => Some(*s),
                    _ => None,
                })
        })
        .collect()
}

/// A form waiting for a client member's answers, for their home page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Waiting {
    pub id: FormId,
    pub project_name: String,
    pub title: String,
    pub milestone: Option<String>,
    pub closes_on: DueDate,
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn answer_fields_are_the_forms_own() {
        for good in ["q0", "q12", "q3_1", "q19_999"] {
            assert!(is_answer_field(good), "{good}");
        }
        for bad in [
            "", "q", "q_1", "q1_", "x1", "q1a", "q1_2_3", "q1234", "form", "__err",
        ] {
            assert!(!is_answer_field(bad), "{bad}");
        }
    }

    #[test]
    fn no_responses_is_no_score() {
        assert_eq!(csat(&[]), None);
        assert_eq!(nps(&[]), None);
    }

    #[test]
    fn all_promoters_and_all_detractors_are_the_ends_of_the_scale() {
        assert_eq!(nps(&[9, 10, 10]).unwrap().score, 100);
        let all_down = nps(&[0, 6, 3]).unwrap();
        assert_eq!(all_down.score, -100);
        assert_eq!(
            (all_down.detractors, all_down.passives, all_down.promoters),
            (3, 0, 0)
        );
        let passives = nps(&[7, 8]).unwrap();
        assert_eq!((passives.score, passives.passives), (0, 2));
    }

    #[test]
    fn scores_round_half_away_from_zero() {
        // 1 promoter, 2 detractors of 3: −33.3… → −33; 2 of 3 promoters: 66.6… → 67.
        assert_eq!(nps(&[10, 0, 0]).unwrap().score, -33);
        assert_eq!(nps(&[10, 10, 7]).unwrap().score, 67);
        // One promoter, one detractor... of 8 → 12.5 − 25 = −12.5 → −13.
        assert_eq!(nps(&[10, 0, 0, 7, 7, 7, 7, 7]).unwrap().score, -13);
        let c = csat(&[4, 5, 4, 4]).unwrap();
        assert_eq!(
            (c.average_tenths, c.satisfied_percent),
            (43, 100),
            "4.25 → 4.3"
        );
        let c = csat(&[1, 2, 4]).unwrap();
        assert_eq!((c.average_tenths, c.satisfied_percent), (23, 33));
        assert_eq!(
            csat(&[5, 4, 3, 2, 2, 4, 4, 5]).unwrap().satisfied_percent,
            63,
            "62.5 → 63"
        );
    }

    fn posted(pairs: &[(&str, &str)]) -> HashMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn optional_questions_may_stay_unanswered_and_every_missing_one_is_named() {
        let (_, questions) = Template::ProjectClose.questions(Locale::En);
        let answers = parse_answers(&questions, &posted(&[("q0", "5"), ("q1", "9")])).unwrap();
        assert_eq!(answers[0], Some(Answer::Score(5)));
        assert_eq!(answers[1], Some(Answer::Score(9)));
        assert!(answers[2..].iter().all(Option::is_none));
        assert_eq!(
            parse_answers(&questions, &posted(&[("q2", "Great team")])),
            Err(AppError::invalid(
                "answers",
                Problem::Unanswered {
                    questions: vec![1, 2]
                }
            ))
        );
        let only_text: Vec<i64> = Vec::new();
        assert_eq!(
            csat(&only_text),
            None,
            "a form whose scores were all skipped has none"
        );
    }

    #[test]
    fn scores_and_choices_outside_the_form_are_refused() {
        let (_, questions) = Template::ProjectClose.questions(Locale::Es);
        assert_eq!(
            parse_answers(&questions, &posted(&[("q0", "5"), ("q1", "11")])),
            Err(AppError::invalid(
                "q1",
                Problem::OutOfRange { min: 0, max: 10 }
            ))
        );
        assert_eq!(
            parse_answers(&questions, &posted(&[("q0", "0"), ("q1", "5")])),
            Err(AppError::invalid(
                "q0",
                Problem::OutOfRange { min: 1, max: 5 }
            ))
        );
        assert_eq!(
            parse_answers(
                &questions,
                &posted(&[("q0", "5"), ("q1", "5"), ("q4", "7")])
            ),
            Err(AppError::invalid("q4", Problem::NotAChoice))
        );
        let long = "x".repeat(TEXT_MAX_CHARS + 1);
        assert_eq!(
            parse_answers(
                &questions,
                &posted(&[("q0", "5"), ("q1", "5"), ("q2", &long)])
            ),
            Err(AppError::invalid(
                "q2",
                Problem::TooLong {
                    max: TEXT_MAX_CHARS
                }
            ))
        );
        let multiple = vec![Question {
            text: "Which?".into(),
            kind: Kind::Multiple {
                choices: vec!["a".into(), "b".into()],
            },
            required: true,
        }];
        assert_eq!(
            parse_answers(&multiple, &posted(&[("q0_1", "on"), ("q0_0", "on")])).unwrap(),
            vec![Some(Answer::Choices(vec![0, 1]))]
        );
        assert!(parse_answers(&multiple, &posted(&[("q0_2", "on")])).is_err());
    }

    #[test]
    fn low_scores_call_for_attention() {
        let (_, questions) = Template::ProjectClose.questions(Locale::En);
        let with = |c, n| {
            vec![
                Some(Answer::Score(c)),
                Some(Answer::Score(n)),
                None,
                None,
                None,
            ]
        };
        assert!(low_score(&questions, &with(2, 9)));
        assert!(low_score(&questions, &with(5, 6)));
        assert!(!low_score(&questions, &with(3, 7)));
    }

    #[test]
    fn csv_cells_survive_commas_quotes_newlines_and_formulas() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("two\nlines"), "\"two\nlines\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1+2"), "'-1+2");
        assert_eq!(csv_line(&["a".into(), "b,c".into()]), "a,\"b,c\"\r\n");
    }
}
