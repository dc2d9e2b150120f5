//! The outbox worker: sends the messages the app queued (`faro_app::notifications`) over SMTP.
//!
//! Each node of `faro serve` with an SMTP server configured runs one. It claims a batch of due
//! messages (on PostgreSQL, several nodes claim at once and each message goes to one of them),
//! hands each to the SMTP server, and records the attempt and the server's answer: sent; or
//! tried again later with exponential backoff and jitter (a 4xx for the message); or dead (a 5xx
//! for the message, or too many attempts). A server that cannot be reached or refuses Faro
//! itself (login, sender address) fails no message: the batch stops, its messages wait
//! uncounted, and the worker pauses, longer each time. A claim lasts [`CLAIM_MS`] and is renewed
//! before each send: a node that died with messages claimed lets them go when it passes.
//!
//! Delivery is at least once: a node that dies after the SMTP server took a message and before
//! it recorded so sends that message again after the claim passes (README, "Email").
//!
//! SMTP with lettre (the maintained Rust SMTP client: pooled connections, STARTTLS and TLS with
//! rustls, so no OpenSSL to install) rather than a hand-written client.

use faro_app::db::Pool;
use faro_app::ids::Timestamp;
use faro_app::notifications::db::{self as outbox, Claimed, Outcome};
use faro_app::notifications::{after_failure, retry_delay_ms, AfterFailure, Failure, CLAIM_MS};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::Error as SmtpError;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Duration;

/// How many messages a node claims at once.
const BATCH: i64 = 20;

/// How long a stopping node waits for the message it is handing over.
const STOP_GRACE: Duration = Duration::from_secs(10);

/// How a node sends mail.
#[derive(Clone)]
pub struct MailSettings {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
    /// How often an idle worker looks for due messages.
    pub poll: Duration,
    /// The first wait after a failed attempt (doubled after each further failure).
    pub retry_base: Duration,
    /// This node's name in claims and attempts.
    pub node: String,
    /// Whether the server answered a message since its last failure: then a failure that
    /// looks like the server's, on one message alone, is taken for that message's own.
    server_answered: Arc<AtomicBool>,
    /// Set when the node stops: the worker ends between two messages.
    stopping: Arc<AtomicBool>,
    /// Wakes a sleeping worker to stop.
    wake: Arc<tokio::sync::Notify>,
}

/// A running mail worker. [`Worker::stop`] ends it gracefully; dropped, it is aborted.
pub struct Worker {
    handle: Option<tokio::task::JoinHandle<()>>,
    settings: MailSettings,
    pool: Pool,
}

impl Worker {
    /// Ends the worker between two messages (one being handed over is finished first, for up
    /// to [`STOP_GRACE`]), then lets go of the messages this node still holds, so another node
    /// sends them now rather than when the claims pass.
    pub async fn stop(mut self) {
        self.settings.stopping.store(true, Ordering::Relaxed);
        self.settings.wake.notify_one();
        if let Some(mut handle) = self.handle.take() {
            if tokio::time::timeout(STOP_GRACE, &mut handle).await.is_err() {
                handle.abort();
                let _ = handle.await;
            }
        }
        match outbox::release_node(&self.pool, &self.settings.node).await {
            Ok(0) => {}
            Ok(released) => tracing::info!(released, "mail worker let go of its messages"),
            Err(e) => tracing::warn!(error = %e, "mail worker could not let go of its messages"),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        if let Some(handle) = &self.handle {
            handle.abort();
        }
    }
}

impl std::fmt::Debug for MailSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MailSettings")
            .field("from", &self.from.to_string())
            .field("node", &self.node)
            .finish_non_exhaustive()
    }
}

/// Why the mail settings cannot be used, in words for the operator.
#[derive(Debug, thiserror::Error)]
pub enum SettingsError {
    #[error("FARO_SMTP_URL is not an SMTP address (smtp://user:password@host:587, smtps://host:465 or smtp://host:25): {0}")]
    Url(String),
    #[error("FARO_MAIL_FROM is not an email address (\"Faro <faro@example.com>\"): {0}")]
    From(String),
}

impl MailSettings {
    /// Settings for `smtp_url`:
    /// - `smtp://user:password@host:587`: STARTTLS, required (credentials never go in clear);
    /// - `smtps://user:password@host:465`: TLS from the start;
    /// - `smtp://host:25` without credentials: a local relay, STARTTLS when it offers it.
    ///
    /// `?tls=…` in the address (lettre's own setting) overrides these.
    pub fn new(smtp_url: &str, from: &str, node: String) -> Result<MailSettings, SettingsError> {
        let url = with_tls_policy(smtp_url)?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&url)
            .map_err(|e| SettingsError::Url(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from: Mailbox = from
            .parse()
            .map_err(|e: lettre::address::AddressError| SettingsError::From(e.to_string()))?;
        Ok(MailSettings {
            transport,
            from,
            poll: Duration::from_secs(2),
            retry_base: Duration::from_millis(
                u64::try_from(faro_app::notifications::RETRY_BASE_MS).unwrap_or(60_000),
            ),
            node,
            server_answered: Default::default(),
            stopping: Default::default(),
            wake: Default::default(),
        })
    }

    /// Starts this node's worker; it runs until [`Worker::stop`] (or, killed, until the
    /// claims of what it held pass after [`CLAIM_MS`] and another node sends them).
    pub fn spawn(&self, pool: &Pool) -> Worker {
        // Its own stop signal: settings whose worker was stopped may start another one.
        let settings = MailSettings {
            stopping: Arc::default(),
            wake: Arc::default(),
            ..self.clone()
        };
        let running = settings.clone();
        let worker_pool = pool.clone();
        Worker {
            handle: Some(tokio::spawn(async move { running.run(worker_pool).await })),
            settings,
            pool: pool.clone(),
        }
    }

    async fn run(self, pool: Pool) {
        tracing::info!(node = %self.node, "mail worker started");
        // Failures of the server itself in a row: each doubles the pause before the next try.
        let mut server_failures = 0;
        while !self.stopping.load(Ordering::Relaxed) {
            let wait = match self.send_due(&pool).await {
                Ok(Batch::ServerFailed) => {
                    server_failures += 1;
                    self.pause(server_failures)
                }
                // A full batch: there may be more waiting.
                Ok(Batch::Done(n)) if n as i64 == BATCH => {
                    server_failures = 0;
                    continue;
                }
                Ok(Batch::Done(_)) => {
                    server_failures = 0;
                    self.poll
                }
                Err(e) => {
                    tracing::warn!(error = %e, "mail worker could not read the outbox");
                    self.poll
                }
            };
            tokio::select! {
                _ = tokio::time::sleep(wait) => {}
                _ = self.wake.notified() => {}
            }
        }
        tracing::info!(node = %self.node, "mail worker stopped");
    }

    /// How long to leave a failing mail server alone after `failures` failures in a row.
    fn pause(&self, failures: i64) -> Duration {
        let base = i64::try_from(self.retry_base.as_millis()).unwrap_or(i64::MAX);
        let ms = retry_delay_ms(base, failures, rand::random::<f64>());
        Duration::from_millis(u64::try_from(ms).unwrap_or(0))
    }

    /// Claims and sends one batch of due messages. When the server itself fails (cannot be
    /// reached, refuses Faro's login or sender address), the rest of the batch is let go at
    /// once, uncounted, rather than each message waiting for its own timeout.
    ///
    /// A failure that looks like the server's (no answer, 421) may be one message's own (a
    /// relay that times out checking that one recipient). So the batch goes on to the next
    /// message once, and such a failure is counted against its message like a refusal for now
    /// when the server had just taken another message (earlier in this batch, or — for the
    /// batch's first such failure — since the server last failed): one message never holds
    /// back the others, and it ends as dead after its attempts. A failure followed by a
    /// success is not counted (the server may have come back in between); it is judged again
    /// on its next attempt. Two such failures with none through stop the batch.
    pub async fn send_due(&self, pool: &Pool) -> Result<Batch, sqlx::Error> {
        let now = Timestamp::now();
        let claimed =
            outbox::claim_due(pool, &self.node, now, Timestamp(now.0 + CLAIM_MS), BATCH).await?;
        let count = claimed.len();
        let answered_before = self.server_answered.load(Ordering::Relaxed);
        let mut messages = claimed.into_iter();
        let mut server_works = false;
        let mut failed_once = false;
        while let Some(message) = messages.next() {
            if self.stopping.load(Ordering::Relaxed) {
                // The node stops: what is left goes back for any node to send.
                let rest = std::iter::once(message.id).chain(messages.map(|m| m.id));
                outbox::release_claims(pool, &self.node, rest).await?;
                return Ok(Batch::Done(count));
            }
            let (id, attempts) = (message.id, message.attempts);
            match self.deliver(pool, message).await? {
                Delivery::ServerFailed if server_works || (answered_before && !failed_once) => {
                    failed_once = true;
                    self.count_as_own(pool, id, attempts).await?;
                }
                // Not judged yet: the next message tells whether the server works.
                Delivery::ServerFailed if !failed_once && messages.len() > 0 => {
                    failed_once = true;
                }
                Delivery::ServerFailed => {
                    self.server_answered.store(false, Ordering::Relaxed);
                    outbox::release_claims(pool, &self.node, messages.map(|m| m.id)).await?;
                    return Ok(Batch::ServerFailed);
                }
                Delivery::Tried => server_works = true,
                Delivery::Skipped => {}
            }
        }
        if server_works {
            self.server_answered.store(true, Ordering::Relaxed);
        }
        Ok(Batch::Done(count))
    }

    /// Counts a failure first taken for the server's against its message after all.
    async fn count_as_own(&self, pool: &Pool, id: i64, attempts: i64) -> Result<(), sqlx::Error> {
        let base = i64::try_from(self.retry_base.as_millis()).unwrap_or(i64::MAX);
        let now = Timestamp::now();
        let outcome = match after_failure(now, attempts + 1, false, base, rand::random::<f64>()) {
            AfterFailure::RetryAt(at) => Outcome::RetryAt(at),
            AfterFailure::GiveUp => Outcome::Dead,
        };
        tracing::warn!(
            message = id,
            "a failure that looked like the mail server's was this message's own"
        );
        outbox::count_failure(pool, id, &outcome).await
    }

    /// Sends one claimed message and records how it went.
    async fn deliver(&self, pool: &Pool, message: Claimed) -> Result<Delivery, sqlx::Error> {
        let now = Timestamp::now();
        let until = Timestamp(now.0 + CLAIM_MS);
        if !outbox::renew_claim(pool, message.id, &self.node, now, until).await? {
            // Superseded meanwhile, its link expired while the batch went, or a claim that
            // passed to another node: not ours to send (the next claim marks it expired).
            return Ok(Delivery::Skipped);
        }
        let (answer, outcome) = match self.send(&message).await {
            Ok(answer) => (answer, Outcome::Sent),
            Err(Refused { failure, answer }) => {
                let base = i64::try_from(self.retry_base.as_millis()).unwrap_or(i64::MAX);
                let now = Timestamp::now();
                let outcome = match failure {
                    Failure::Server => Outcome::PausedUntil(Timestamp(
                        now.0 + retry_delay_ms(base, 1, rand::random::<f64>()),
                    )),
                    Failure::Later | Failure::Final => match after_failure(
                        now,
                        message.attempts + 1,
                        failure == Failure::Final,
                        base,
                        rand::random::<f64>(),
                    ) {
                        AfterFailure::RetryAt(at) => Outcome::RetryAt(at),
                        AfterFailure::GiveUp => Outcome::Dead,
                    },
                };
                tracing::warn!(
                    message = message.id,
                    attempt = message.attempts + 1,
                    answer = %answer,
                    failure = ?failure,
                    gave_up = outcome == Outcome::Dead,
                    "mail not delivered"
                );
                (answer, outcome)
            }
        };
        let held = outbox::record_attempt(
            pool,
            message.id,
            &self.node,
            Timestamp::now(),
            &answer,
            &outcome,
        )
        .await?;
        if !held {
            tracing::warn!(
                message = message.id,
                "mail claim had passed to another node"
            );
        }
        Ok(match outcome {
            Outcome::PausedUntil(_) => Delivery::ServerFailed,
            _ => Delivery::Tried,
        })
    }

    /// Hands one message to the SMTP server: its answer, or why it failed.
    async fn send(&self, message: &Claimed) -> Result<String, Refused> {
        let final_refusal = |answer: String| Refused {
            failure: Failure::Final,
            answer,
        };
        let to: Mailbox = message
            .recipient
            .parse()
            .map_err(|e| final_refusal(format!("not an email address: {e}")))?;
        let mut email = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(&message.subject)
            // One Message-ID per outbox row: a message sent twice (a node died after handing it
            // over) is recognised as one by mail systems that deduplicate.
            .message_id(Some(format!(
                "<faro-outbox-{}@{}>",
                message.id,
                self.from.email.domain()
            )))
            .header(OutboxId(message.id.to_string()))
            .header(FaroKind(message.kind.clone()));
        if let Some(url) = &message.unsubscribe_url {
            email = email.header(ListUnsubscribe(url.clone())).header(OneClick);
        }
        let email = email
            .multipart(
                MultiPart::alternative()
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_PLAIN)
                            .body(message.text_body.clone()),
                    )
                    .singlepart(
                        SinglePart::builder()
                            .header(ContentType::TEXT_HTML)
                            .body(message.html_body.clone()),
                    ),
            )
            .map_err(|e| final_refusal(format!("could not build the message: {e}")))?;
        self.send_message(email).await
    }

    /// Sends `email` as it is and answers the SMTP server's words (`faro mail test`).
    pub async fn send_message(&self, email: Message) -> Result<String, Refused> {
        match self.transport.send(email).await {
            Ok(response) => Ok(format!(
                "{} {}",
                response.code(),
                response.message().collect::<Vec<_>>().join(" ")
            )),
            Err(e) => Err(Refused::of(&e)),
        }
    }

    /// The sender of every message.
    pub fn from(&self) -> &Mailbox {
        &self.from
    }
}

/// What one batch came to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Batch {
    /// This many messages were claimed and tried.
    Done(usize),
    /// The mail server failed; the batch stopped and let its other messages go.
    ServerFailed,
}

/// What became of one claimed message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delivery {
    /// Handed over, or refused: recorded either way.
    Tried,
    /// No longer this node's to send.
    Skipped,
    /// The server failed: recorded without counting against the message.
    ServerFailed,
}

/// An attempt that failed: why, and the server's words (or the connection's error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub failure: Failure,
    pub answer: String,
}

impl Refused {
    fn of(error: &SmtpError) -> Refused {
        let answer = error.to_string();
        let code = error
            .status()
            .and_then(|code| code.to_string().parse::<u16>().ok());
        Refused {
            failure: Failure::classify(code, &answer),
            answer,
        }
    }
}

/// A header whose value is written as it is: `$name: <the string>`.
macro_rules! text_header {
    ($(#[$doc:meta])* $type:ident, $name:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone)]
        struct $type(String);

        impl lettre::message::header::Header for $type {
            fn name() -> lettre::message::header::HeaderName {
                lettre::message::header::HeaderName::new_from_ascii_str($name)
            }

            fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
                Ok($type(s.to_string()))
            }

            fn display(&self) -> lettre::message::header::HeaderValue {
                lettre::message::header::HeaderValue::new(Self::name(), self.0.clone())
            }
        }
    };
}

text_header!(
    /// `X-Faro-Message: <outbox id>`: which outbox row a delivered message came from (support,
    /// and the tests' exactly-once count).
    OutboxId,
    "X-Faro-Message"
);

text_header!(
    /// `X-Faro-Kind: mention`: what the message is about, for people's mail filters.
    FaroKind,
    "X-Faro-Kind"
);

/// `List-Unsubscribe: <https://…/unsubscribe/…>` of a notification message (RFC 2369): the
/// address that turns this kind of mail off.
#[derive(Debug, Clone)]
struct ListUnsubscribe(String);

impl lettre::message::header::Header for ListUnsubscribe {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe")
    }

    fn parse(s: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(ListUnsubscribe(s.to_string()))
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(Self::name(), format!("<{}>", self.0))
    }
}

/// `List-Unsubscribe-Post: List-Unsubscribe=One-Click` (RFC 8058): the mail program may
/// unsubscribe with one POST to the `List-Unsubscribe` address, without opening a page.
#[derive(Debug, Clone)]
struct OneClick;

impl lettre::message::header::Header for OneClick {
    fn name() -> lettre::message::header::HeaderName {
        lettre::message::header::HeaderName::new_from_ascii_str("List-Unsubscribe-Post")
    }

    fn parse(_: &str) -> Result<Self, Box<dyn std::error::Error + Send + Sync>> {
        Ok(OneClick)
    }

    fn display(&self) -> lettre::message::header::HeaderValue {
        lettre::message::header::HeaderValue::new(
            Self::name(),
            "List-Unsubscribe=One-Click".to_string(),
        )
    }
}

/// The TLS rule of [`MailSettings::new`], as lettre's `?tls=` setting: credentials only over
/// TLS (`required` added unless the address says otherwise; `tls=none` or `opportunistic` with
/// credentials refused); without credentials, plain unless the address asks for TLS
/// (`tls=none` is accepted and means the same).
fn with_tls_policy(url: &str) -> Result<String, SettingsError> {
    if !url.starts_with("smtp://") {
        return Ok(url.to_string());
    }
    let has_credentials = url["smtp://".len()..]
        .split(['/', '?'])
        .next()
        .is_some_and(|authority| authority.contains('@'));
    let (address, query) = url.split_once('?').unwrap_or((url, ""));
    let tls = query.split('&').find_map(|pair| pair.strip_prefix("tls="));
    let others: Vec<&str> = query
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("tls="))
        .collect();
    let tls = match (tls, has_credentials) {
        (None, true) | (Some("required"), _) => Some("required"),
        (Some("opportunistic"), false) => Some("opportunistic"),
        (None | Some("none"), false) => None,
        (Some("none" | "opportunistic"), true) => {
            return Err(SettingsError::Url(
                "a password would travel unencrypted: use tls=required (STARTTLS) or smtps://"
                    .into(),
            ))
        }
        (Some(other), _) => {
            return Err(SettingsError::Url(format!(
                "tls={other} is not one of required, opportunistic, none"
            )))
        }
    };
    let mut query: Vec<String> = others.iter().map(|pair| pair.to_string()).collect();
    if let Some(tls) = tls {
        query.push(format!("tls={tls}"));
    }
    Ok(if query.is_empty() {
        address.to_string()
    } else {
        format!("{address}?{}", query.join("&"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_never_travel_without_tls() {
        let policy = |url: &str| with_tls_policy(url).map_err(|e| e.to_string());
        assert_eq!(
            policy("smtp://me:secret@mail.example.com:587").unwrap(),
            "smtp://me:secret@mail.example.com:587?tls=required"
        );
        assert_eq!(
            policy("smtps://me:secret@mail.example.com").unwrap(),
            "smtps://me:secret@mail.example.com"
        );
        assert!(policy("smtp://me:secret@mail.example.com?tls=none").is_err());
        assert!(policy("smtp://me:secret@mail.example.com?tls=opportunistic").is_err());
        assert!(policy("smtp://relay?tls=sometimes").is_err());
    }

    #[test]
    fn a_local_relay_without_credentials_is_plain_unless_asked() {
        let policy = |url: &str| with_tls_policy(url).map_err(|e| e.to_string());
        assert_eq!(
            policy("smtp://127.0.0.1:25").unwrap(),
            "smtp://127.0.0.1:25"
        );
        assert_eq!(policy("smtp://relay?tls=none").unwrap(), "smtp://relay");
        assert_eq!(
            policy("smtp://relay/faro.example?tls=opportunistic").unwrap(),
            "smtp://relay/faro.example?tls=opportunistic"
        );
    }

    // The pooled transport starts its upkeep task on the runtime as it is built.
    #[tokio::test]
    async fn bad_settings_are_explained() {
        assert!(matches!(
            MailSettings::new("http://mail.example.com", "faro@example.com", "n".into()),
            Err(SettingsError::Url(_))
        ));
        assert!(matches!(
            MailSettings::new("smtp://127.0.0.1:25", "not an address", "n".into()),
            Err(SettingsError::From(_))
        ));
        assert!(
            MailSettings::new("smtp://127.0.0.1:25", "Faro <faro@example.com>", "n".into()).is_ok()
        );
    }
}
