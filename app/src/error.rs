//! `AppError`: the one error type that crosses the wire between server and browser.
//!
//! Every server function returns `Result<T, AppError>`. Each variant maps to an HTTP status and
//! to a sentence in the viewer's language; `Internal` never carries details (they are logged on
//! the server with the request id, which the user can quote).

use crate::i18n::Strings;
use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

/// Which input a validation message is about, so a form can show it beside the right field.
pub type Field = String;

/// What is wrong with an input; turned into a sentence in the viewer's language by
/// [`AppError::message`], so the server never sends English to a Spanish reader.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Problem {
    Required,
    TooShort {
        min: usize,
    },
    TooLong {
        max: usize,
    },
    ControlCharacters,
    Email,
    /// Email and password do not match a person (never says which of the two is wrong).
    WrongCredentials,
    /// The request itself could not be read (a tampered or outdated form).
    Malformed,
    /// The current password given to change it is not the person's password.
    WrongPassword,
    /// A timezone that is not an IANA name such as Europe/Madrid.
    TimeZone,
    /// The change would leave the organization without an owner.
    LastOwner,
    /// Something one cannot do to oneself (remove one's own account).
    Yourself,
    /// A whole number outside `min..=max` (or not a number).
    OutOfRange {
        min: i64,
        max: i64,
    },
    /// The email belongs to an account that cannot take this place (another organization, or
    /// a client of another company).
    EmailTaken,
    /// Not a calendar date, or a year outside four digits.
    Date,
    /// More items than allowed (labels).
    TooMany {
        max: usize,
    },
    /// A column that is not on the card's board.
    WrongColumn,
    /// A column that still holds cards cannot be deleted.
    ColumnNotEmpty,
    /// The board's only column cannot be deleted.
    LastColumn,
    /// The project is archived: nothing in it changes until it is reopened.
    Archived,
    /// A milestone cannot move to that status from the one it has.
    StatusChange,
    /// A sign-off on a milestone that is not completed (or was reopened meanwhile).
    NotAwaitingSignOff,
    /// A published update is corrected, never discarded.
    AlreadyPublished,
    /// A decision offers 2 to 4 options.
    OptionCount,
    /// The client's choice is made (someone chose first), or the option is not on the update.
    ChoiceClosed,
    /// An answer that is not one of the question's choices.
    NotAChoice,
    /// Required questions left unanswered, by their number (from 1).
    Unanswered {
        questions: Vec<usize>,
    },
    /// The form no longer takes answers.
    FormClosed,
    /// A message whose link stopped working cannot be sent again: a new link is needed.
    MailLinkExpired,
    /// A choice question offers between `min` and `max` choices.
    ChoiceCount {
        min: usize,
        max: usize,
    },
    /// A template a project sends by itself cannot be deleted (the project is named).
    TemplateInUse {
        project: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum AppError {
    #[error("sign-in required")]
    Unauthenticated,
    #[error("forbidden")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("invalid {field}: {problem:?}")]
    Invalid { field: Field, problem: Problem },
    #[error("conflict")]
    Conflict,
    /// Too many attempts (sign-in); try again after `minutes`.
    #[error("too many attempts")]
    TooManyAttempts { minutes: i64 },
    /// A link (invitation, password reset) that expired, was used already, or never existed:
    /// the three look the same, so a guessed token learns nothing.
    #[error("link expired or used")]
    LinkExpired,
    /// The server has too much work of this kind at the moment (password hashing); nothing was
    /// done. Answered with 503 and `Retry-After`.
    #[error("busy")]
    Busy,
    /// Something failed on the server. The details went to the log under `request_id`.
    #[error("internal error (request {request_id})")]
    Internal { request_id: String },
    /// The browser could not reach the server, or could not read its answer.
    #[error("network error: {0}")]
    Network(String),
}

impl AppError {
    /// The HTTP status this error is answered with.
    pub fn status(&self) -> http::StatusCode {
        use http::StatusCode as S;
        match self {
            AppError::Unauthenticated => S::UNAUTHORIZED,
            // Forbidden answers like NotFound so that nobody can probe for other tenants' ids.
            AppError::Forbidden | AppError::NotFound => S::NOT_FOUND,
            AppError::Invalid { .. } => S::UNPROCESSABLE_ENTITY,
            AppError::Conflict => S::CONFLICT,
            AppError::TooManyAttempts { .. } => S::TOO_MANY_REQUESTS,
            AppError::LinkExpired => S::GONE,
            AppError::Busy => S::SERVICE_UNAVAILABLE,
            AppError::Internal { .. } => S::INTERNAL_SERVER_ERROR,
            AppError::Network(_) => S::BAD_GATEWAY,
        }
    }

    /// A sentence a person understands, in their language.
    pub fn message(&self, t: &Strings) -> String {
        match self {
            AppError::Unauthenticated => t.error_unauthenticated.to_string(),
            AppError::Forbidden | AppError::NotFound => t.error_not_found.to_string(),
            AppError::Invalid { problem, .. } => match problem {
                Problem::Required => t.invalid_required.to_string(),
                Problem::TooShort { min } => (t.invalid_too_short)(*min),
                Problem::TooLong { max } => (t.invalid_too_long)(*max),
                Problem::Email => t.invalid_email.to_string(),
                Problem::WrongCredentials => t.invalid_credentials.to_string(),
                Problem::ControlCharacters => t.invalid_control_characters.to_string(),
                Problem::Malformed => t.invalid_malformed.to_string(),
                Problem::EmailTaken => t.invalid_email_taken.to_string(),
                Problem::WrongPassword => t.invalid_wrong_password.to_string(),
                Problem::TimeZone => t.invalid_time_zone.to_string(),
                Problem::LastOwner => t.invalid_last_owner.to_string(),
                Problem::Yourself => t.invalid_yourself.to_string(),
                Problem::OutOfRange { min, max } => (t.invalid_out_of_range)(*min, *max),
                Problem::Date => t.invalid_date.to_string(),
                Problem::TooMany { max } => (t.invalid_too_many)(*max),
                Problem::WrongColumn => t.invalid_wrong_column.to_string(),
                Problem::ColumnNotEmpty => t.invalid_column_not_empty.to_string(),
                Problem::LastColumn => t.invalid_last_column.to_string(),
                Problem::Archived => t.invalid_archived.to_string(),
                Problem::StatusChange => t.invalid_status_change.to_string(),
                Problem::NotAwaitingSignOff => t.invalid_not_awaiting_sign_off.to_string(),
                Problem::AlreadyPublished => t.invalid_already_published.to_string(),
                Problem::OptionCount => t.invalid_option_count.to_string(),
                Problem::ChoiceClosed => t.invalid_choice_closed.to_string(),
                Problem::NotAChoice => t.invalid_not_a_choice.to_string(),
                Problem::Unanswered { questions } => (t.invalid_unanswered)(questions),
                Problem::FormClosed => t.invalid_form_closed.to_string(),
                Problem::MailLinkExpired => t.invalid_mail_link_expired.to_string(),
                Problem::ChoiceCount { min, max } => (t.invalid_choice_count)(*min, *max),
                Problem::TemplateInUse { project } => (t.invalid_template_in_use)(project),
            },
            AppError::Conflict => t.error_conflict.to_string(),
            AppError::TooManyAttempts { minutes } => (t.error_too_many_attempts)(*minutes),
            AppError::LinkExpired => t.error_link_expired.to_string(),
            AppError::Busy => t.error_busy.to_string(),
            AppError::Internal { .. } => t.error_internal.to_string(),
            AppError::Network(_) => t.error_network.to_string(),
        }
    }

    /// The id of the request whose log lines explain this error, when there is one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            AppError::Internal { request_id } => Some(request_id),
            _ => None,
        }
    }

    pub fn invalid(field: &str, problem: Problem) -> Self {
        AppError::Invalid {
            field: field.to_string(),
            problem,
        }
    }

    /// The answer for work that outlived its request (the browser went away mid-render): not a
    /// server fault, so logged at debug level only; nobody reads the answer.
    #[cfg(feature = "ssr")]
    pub fn request_gone() -> Self {
        tracing::debug!("a data load outlived its request (the client went away)");
        AppError::Internal {
            request_id: "-".to_string(),
        }
    }

    /// Logs `cause` with the current request id and returns an `Internal` error that carries only
    /// that id. Use it for every failure the user cannot fix (database down, bug).
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let request_id = crate::request::request_id().unwrap_or_else(|| "-".to_string());
        tracing::error!(%request_id, error = %cause, "internal error");
        AppError::Internal { request_id }
    }
}

/// The `Retry-After` of a [`AppError::Busy`] answer, in seconds.
pub const BUSY_RETRY_AFTER_SECS: &str = "5";

/// Gives a server function's error its HTTP status (server functions otherwise answer every
/// error with 500). Wrap each server function's result in it.
///
/// Not for a plain HTML form post (no JavaScript): that one must stay a redirect back to the
/// form, which then shows the error; pages set their own status when they show an error.
#[cfg(feature = "ssr")]
pub fn with_status<T>(result: Result<T, AppError>) -> Result<T, AppError> {
    if let Err(err) = &result {
        let wants_html = crate::request::wants_html();
        if let (false, Some(response)) = (
            wants_html,
            crate::request::context::<leptos_axum::ResponseOptions>(),
        ) {
            response.set_status(err.status());
            if *err == AppError::Busy {
                response.insert_header(
                    http::header::RETRY_AFTER,
                    http::HeaderValue::from_static(BUSY_RETRY_AFTER_SECS),
                );
            }
        }
    }
    result
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    /// Database errors are classified once, here: a missing row is `NotFound`, a unique
    /// violation is `Conflict`, anything else is logged and becomes `Internal`.
    fn from(err: sqlx::Error) -> Self {
        match &err {
            sqlx::Error::RowNotFound => AppError::NotFound,
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::Conflict,
            _ => AppError::internal(err),
        }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            ServerFnErrorErr::Request(msg) | ServerFnErrorErr::Deserialization(msg) => {
                AppError::Network(msg)
            }
            ServerFnErrorErr::Args(_) | ServerFnErrorErr::MissingArg(_) => {
                AppError::invalid("", Problem::Malformed)
            }
            #[cfg(feature = "ssr")]
            other => AppError::internal(other),
            #[cfg(not(feature = "ssr"))]
            other => AppError::Network(other.to_string()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forbidden_and_not_found_look_the_same() {
        let t = crate::i18n::Locale::En.strings();
        assert_eq!(AppError::Forbidden.status(), AppError::NotFound.status());
        assert_eq!(
            AppError::Forbidden.message(t),
            AppError::NotFound.message(t)
        );
    }

    #[test]
    fn internal_message_carries_no_details() {
        let err = AppError::Internal {
            request_id: "abc".into(),
        };
        for locale in crate::i18n::Locale::ALL {
            let msg = err.message(locale.strings());
            assert!(!msg.contains("abc"), "{msg}");
        }
        assert_eq!(err.request_id(), Some("abc"));
    }
}
