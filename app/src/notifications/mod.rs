//! Email. Every message goes through the outbox: a row written in the same transaction as the
//! change that causes it (an invitation, a password link), sent afterwards by a worker of
//! `faro serve` (server/src/mailer.rs) over SMTP, retried with backoff until it is handed over
//! or given up ("dead"). Owners see every message at `/admin/mail`.
//!
//! Delivery is at least once: a node that dies after the SMTP server took a message and before
//! it marked the message sent will send it again (README, "Email").

pub mod api;
#[cfg(feature = "ssr")]
pub mod compose;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod digest;
#[cfg(feature = "ssr")]
pub mod notify;
pub mod preferences;
#[cfg(feature = "ssr")]
pub mod signing;
pub mod view;

use crate::calendar::DueDate;
use crate::ids::Timestamp;
use serde::{Deserialize, Serialize};

/// Attempts before a message is given up: the waits between them (see [`retry_delay_ms`]) add
/// up to about four hours with the default first wait of a minute.
pub const MAX_ATTEMPTS: i64 = 10;

/// The first wait after a failed attempt, doubled after each further failure.
pub const RETRY_BASE_MS: i64 = 60 * 1000;

/// The longest wait between two attempts.
pub const RETRY_CAP_MS: i64 = 60 * 60 * 1000;

/// How long a node holds a message it claimed. A node that died while holding one lets it go
/// when this has passed, and another node sends it.
pub const CLAIM_MS: i64 = 5 * 60 * 1000;

/// What a message is about. Account mail (invitations, password links) is always sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailKind {
    Invitation,
    PasswordLink,
    /// A client asked for a link to sign in without a password.
    SignInLink,
    /// Notification: a status update was published on a project the person follows as a client.
    UpdatePublished,
    /// Notification: staff completed a milestone, which waits for the client's sign-off.
    SignOffWaiting,
    /// Notification: a feedback form waits for the client's answers.
    FormWaiting,
    /// Notification: staff answered a question the client asked.
    QuestionAnswered,
    /// Notification: someone named the person in a comment ("@Ana").
    Mention,
    /// The notifications of a day or a week, for a person who chose a summary.
    Digest,
    /// `faro mail test` (never queued) and the tests.
    Test,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::Invitation => "invitation",
            MailKind::PasswordLink => "password_link",
            MailKind::SignInLink => "sign_in_link",
            MailKind::UpdatePublished => "update_published",
            MailKind::SignOffWaiting => "sign_off_waiting",
            MailKind::FormWaiting => "form_waiting",
            MailKind::QuestionAnswered => "question_answered",
            MailKind::Mention => "mention",
            MailKind::Digest => "digest",
            MailKind::Test => "test",
        }
    }

    pub fn parse(text: &str) -> Option<MailKind> {
        [
            MailKind::Invitation,
            MailKind::PasswordLink,
            MailKind::SignInLink,
            MailKind::UpdatePublished,
            MailKind::SignOffWaiting,
            MailKind::FormWaiting,
            MailKind::QuestionAnswered,
            MailKind::Mention,
            MailKind::Digest,
            MailKind::Test,
        ]
        .into_iter()
        .find(|kind| kind.as_str() == text)
    }

    /// The kinds a person may turn off or have less often (`/account`, unsubscribe links). The
    /// others are account mail, always sent.
    pub const NOTIFICATIONS: [MailKind; 5] = [
        MailKind::UpdatePublished,
        MailKind::SignOffWaiting,
        MailKind::FormWaiting,
        MailKind::QuestionAnswered,
        MailKind::Mention,
    ];

    pub fn is_notification(self) -> bool {
        MailKind::NOTIFICATIONS.contains(&self)
    }

    /// Whether a new message of this kind to a person makes the older unsent ones of the same
    /// thread useless: a new password or sign-in link ends the earlier ones, a new invitation
    /// to a project the earlier one to that project (their links no longer work).
    pub fn replaces_earlier(self) -> bool {
        matches!(
            self,
            MailKind::PasswordLink | MailKind::SignInLink | MailKind::Invitation
        )
    }
}

/// Where a message stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MailStatus {
    /// Waiting for its first attempt, or for the next one after a failure.
    Queued,
    /// The SMTP server took it.
    Sent,
    /// Given up: refused for good, or too many failed attempts. An owner may send it again.
    Dead,
    /// Not sent: a newer message of the same kind to the same person replaced it.
    Superseded,
    /// Not sent: the link it carries stopped working (or the form it asks for closed) before
    /// it could be sent.
    Expired,
}

const STATUSES: [MailStatus; 5] = [
    MailStatus::Queued,
    MailStatus::Sent,
    MailStatus::Dead,
    MailStatus::Superseded,
    MailStatus::Expired,
];

impl MailStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            MailStatus::Queued => "queued",
            MailStatus::Sent => "sent",
            MailStatus::Dead => "dead",
            MailStatus::Superseded => "superseded",
            MailStatus::Expired => "expired",
        }
    }

    pub fn parse(text: &str) -> Option<MailStatus> {
        STATUSES.into_iter().find(|status| status.as_str() == text)
    }
}

/// The wait before the next attempt after `failed` attempts have failed: `base` doubled for
/// each failure after the first, at most [`RETRY_CAP_MS`], spread by ±20 % (`jitter` in
/// `0.0..1.0`) so that messages refused together are not all retried at the same instant.
pub fn retry_delay_ms(base: i64, failed: i64, jitter: f64) -> i64 {
    let doublings = u32::try_from((failed - 1).clamp(0, 30)).unwrap_or(30);
    let delay = base
        .saturating_mul(1_i64 << doublings)
        .min(RETRY_CAP_MS.max(base));
    let spread = 0.8 + 0.4 * jitter.clamp(0.0, 1.0);
    (delay as f64 * spread) as i64
}

/// What to do with a message after an attempt failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AfterFailure {
    RetryAt(Timestamp),
    GiveUp,
}

/// After attempt number `failed` (1 for the first) failed at `now`: a permanent refusal of the
/// message (an SMTP 5xx: no such mailbox) or the last allowed attempt gives up; a 4xx is tried
/// again later. (A mail server that cannot be reached or refuses Faro itself is not the
/// message's failure: see [`Failure`].)
pub fn after_failure(
    now: Timestamp,
    failed: i64,
    permanent: bool,
    base: i64,
    jitter: f64,
) -> AfterFailure {
    if permanent || failed >= MAX_ATTEMPTS {
        AfterFailure::GiveUp
    } else {
        AfterFailure::RetryAt(Timestamp(now.0 + retry_delay_ms(base, failed, jitter)))
    }
}

/// Why an attempt to hand a message over failed, from the SMTP server's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The message was refused for now (4xx): try it again later.
    Later,
    /// The message was refused for good (5xx: no such mailbox, rejected content).
    Final,
    /// The server could not be reached, or refused Faro itself (its credentials, its sender
    /// address, TLS, "service not available"): no message can go until that is fixed, so the
    /// attempt counts against no message and the worker pauses.
    Server,
}

impl Failure {
    /// `code` is the SMTP reply code (none when no reply came: no connection, TLS, a timeout);
    /// `text` the reply, whose enhanced status code (RFC 3463, `5.1.8`) tells a refused sender
    /// from a refused recipient, which share reply codes.
    pub fn classify(code: Option<u16>, text: &str) -> Failure {
        let enhanced = text
            .split_whitespace()
            .find(|word| {
                let parts: Vec<&str> = word.split('.').collect();
                parts.len() == 3
                    && ["2", "4", "5"].contains(&parts[0])
                    && parts[1..]
                        .iter()
                        .all(|p| p.chars().all(|c| c.is_ascii_digit()))
            })
            .unwrap_or("");
        // X.1.7 / X.1.8: the sender's address; X.7.8 / X.7.9 / X.7.11: authentication.
        let about_faro = ["1.7", "1.8", "7.8", "7.9", "7.11"]
            .iter()
            .any(|tail| enhanced.get(2..) == Some(*tail));
        match code {
            None => Failure::Server,
            // Service not available; TLS not available; authentication required or refused.
            Some(421 | 454 | 530 | 534 | 535 | 538) => Failure::Server,
            Some(_) if about_faro => Failure::Server,
            Some(400..=499) => Failure::Later,
            Some(_) => Failure::Final,
        }
    }
}

/// A message as an owner sees it at `/admin/mail`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailRow {
    pub id: i64,
    pub kind: MailKind,
    pub recipient: String,
    pub subject: String,
    /// The plain-text body: its links are shown clickable.
    pub text_body: String,
    pub status: MailStatus,
    pub attempts: i64,
    /// Minutes until the next attempt, for a queued message that failed before.
    pub retry_in_minutes: Option<i64>,
    pub last_answer: Option<String>,
    /// Days in the owner's timezone.
    pub created_on: DueDate,
    pub sent_on: Option<DueDate>,
}

/// The outgoing mail page: the newest messages first, and whether Faro has an SMTP server to
/// send them through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailPage {
    pub messages: Vec<MailRow>,
    pub sending: bool,
    /// Faro's public address: only links to it are shown clickable (a project's name written
    /// like an address stays words).
    pub base: String,
}

/// How many messages the page shows.
pub const PAGE_SIZE: i64 = 100;

/// Pieces of a message's text for display: the links (`http://…`, `https://…`) apart from the
/// words around them, so a page can make them clickable without ever injecting markup.
pub fn split_links(text: &str) -> Vec<(bool, &str)> {
    let mut pieces = Vec::new();
    let mut rest = text;
    while let Some(start) = ["https://", "http://"]
        .iter()
        .filter_map(|scheme| rest.find(scheme))
        .min()
    {
        if start > 0 {
            pieces.push((false, &rest[..start]));
        }
        let tail = &rest[start..];
        let end = tail
            .find(|c: char| c.is_whitespace() || c == '<' || c == '>' || c == '"')
            .unwrap_or(tail.len());
        pieces.push((true, &tail[..end]));
        rest = &tail[end..];
    }
    if !rest.is_empty() {
        pieces.push((false, rest));
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let middle = 0.5; // no spread
        assert_eq!(retry_delay_ms(60_000, 1, middle), 60_000);
        assert_eq!(retry_delay_ms(60_000, 2, middle), 120_000);
        assert_eq!(retry_delay_ms(60_000, 4, middle), 480_000);
        assert_eq!(retry_delay_ms(60_000, 7, middle), RETRY_CAP_MS);
        assert_eq!(retry_delay_ms(60_000, 60, middle), RETRY_CAP_MS);
        // The spread keeps within ±20 %.
        assert_eq!(retry_delay_ms(60_000, 1, 0.0), 48_000);
        assert_eq!(retry_delay_ms(60_000, 1, 1.0), 72_000);
        // A short base (the tests') is never stretched to the cap.
        assert_eq!(retry_delay_ms(100, 1, middle), 100);
    }

    #[test]
    fn the_default_schedule_gives_up_after_about_four_hours() {
        let total: i64 = (1..MAX_ATTEMPTS)
            .map(|n| retry_delay_ms(RETRY_BASE_MS, n, 0.5))
            .sum();
        let hours = total as f64 / 3_600_000.0;
        assert!((3.0..6.0).contains(&hours), "{hours} hours");
    }

    #[test]
    fn a_refusal_for_good_or_the_last_attempt_gives_up() {
        let now = Timestamp(1_000);
        assert_eq!(after_failure(now, 1, true, 100, 0.5), AfterFailure::GiveUp);
        assert_eq!(
            after_failure(now, MAX_ATTEMPTS, false, 100, 0.5),
            AfterFailure::GiveUp
        );
        assert_eq!(
            after_failure(now, 1, false, 100, 0.5),
            AfterFailure::RetryAt(Timestamp(1_100))
        );
    }

    #[test]
    fn kinds_and_statuses_read_back_what_they_write() {
        for kind in [MailKind::Invitation, MailKind::PasswordLink, MailKind::Test] {
            assert_eq!(MailKind::parse(kind.as_str()), Some(kind));
        }
        for status in STATUSES {
            assert_eq!(MailStatus::parse(status.as_str()), Some(status));
        }
        assert_eq!(MailKind::parse("spam"), None);
    }

    #[test]
    fn a_refused_sender_or_login_is_the_servers_failure_not_the_messages() {
        assert_eq!(
            Failure::classify(None, "Connection refused"),
            Failure::Server
        );
        assert_eq!(
            Failure::classify(Some(535), "5.7.8 Authentication credentials invalid"),
            Failure::Server
        );
        assert_eq!(
            Failure::classify(Some(553), "5.1.8 Sender address rejected"),
            Failure::Server
        );
        assert_eq!(
            Failure::classify(Some(421), "4.3.2 Service shutting down"),
            Failure::Server
        );
        assert_eq!(
            Failure::classify(Some(451), "4.3.0 Try again later"),
            Failure::Later
        );
        assert_eq!(
            Failure::classify(Some(550), "5.1.1 No such user here"),
            Failure::Final
        );
        assert_eq!(Failure::classify(Some(554), "Rejected"), Failure::Final);
    }

    #[test]
    fn links_are_found_between_words() {
        assert_eq!(
            split_links("Open https://faro.test/invite/abc to join.\nThanks"),
            vec![
                (false, "Open "),
                (true, "https://faro.test/invite/abc"),
                (false, " to join.\nThanks"),
            ]
        );
        assert_eq!(split_links("no links"), vec![(false, "no links")]);
        assert_eq!(split_links("http://a.test"), vec![(true, "http://a.test")]);
    }
}
