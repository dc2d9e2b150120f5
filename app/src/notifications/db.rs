//! SQL for the outbox (server only): queueing a message inside the caller's transaction,
//! claiming due messages for one node, recording each attempt, and the owners' page.

use super::{MailKind, MailStatus};
use crate::accounts::OrganizationId;
use crate::db::{Backend, Pool, Tx};
use crate::i18n::Locale;
use crate::ids::Timestamp;

/// A message ready to queue: composed in the recipient's language (see `compose`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Outgoing {
    pub organization: Option<OrganizationId>,
    pub kind: MailKind,
    pub recipient: String,
    pub locale: Locale,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// When the link the message carries stops working (or, for a feedback form's
    /// notification, the form closes): a message still unsent then is not sent at all
    /// ("expired"), rather than arriving with a dead link.
    pub expires_at: Option<Timestamp>,
    /// Notification mail: the address that turns this kind of mail off for the recipient in
    /// one click, without signing in (the `List-Unsubscribe` header and the footer's link).
    pub unsubscribe_url: Option<String>,
    /// What it is about among the messages of its kind to the recipient (an invitation's
    /// project; a notification's page): a newer one of the same thread replaces it (see
    /// `MailKind::replaces_earlier`), or it is withdrawn with its page (`notify::form_closed`).
    pub thread: String,
}

/// Queues `message` in `tx`: it exists exactly when the change that causes it commits. A kind
/// whose newest message replaces the older ones (a password link) marks the person's unsent
/// ones "superseded" in the same transaction.
pub async fn enqueue(tx: &mut Tx, message: &Outgoing, now: Timestamp) -> Result<(), sqlx::Error> {
    if message.kind.replaces_earlier() {
        sqlx::query(
            "UPDATE outbox SET status = 'superseded', claimed_by = NULL, claimed_until = NULL
             WHERE organization_id = $1 AND kind = $2 AND recipient = $3 AND thread = $4
               AND status IN ('queued', 'dead')",
        )
        .bind(message.organization)
        .bind(message.kind.as_str())
        .bind(&message.recipient)
        .bind(&message.thread)
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query(
        "INSERT INTO outbox (organization_id, kind, recipient, locale, subject, text_body,
                             html_body, status, attempts, next_attempt_at, created_at, expires_at,
                             unsubscribe_url, thread)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'queued', 0, $8, $8, $9, $10, $11)",
    )
    .bind(message.organization)
    .bind(message.kind.as_str())
    .bind(&message.recipient)
    .bind(message.locale.code())
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(now)
    .bind(message.expires_at)
    .bind(&message.unsubscribe_url)
    .bind(&message.thread)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// A message a node claimed, to send.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub attempts: i64,
    pub unsubscribe_url: Option<String>,
}

/// Claims up to `limit` queued messages that are due at `now` and held by no live claim, for
/// `node` until `until`. On PostgreSQL several nodes claim at once and each message goes to
/// one of them (`FOR UPDATE SKIP LOCKED`); SQLite lets one writer in at a time. Due messages
/// whose link has expired are marked so instead. An idle outbox costs one read, no write lock.
pub async fn claim_due(
    pool: &Pool,
    node: &str,
    now: Timestamp,
    until: Timestamp,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    let due: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE status = 'queued' AND next_attempt_at <= $1 LIMIT 1",
    )
    .bind(now)
    .fetch_optional(pool)
    .await?;
    if due.is_none() {
        return Ok(Vec::new());
    }
    let skip_locked = match Backend::of_pool(pool) {
        Backend::Postgres => "FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let mut tx = crate::db::begin_write(pool).await?;
    sqlx::query(
        "UPDATE outbox SET status = 'expired'
         WHERE status = 'queued' AND next_attempt_at <= $1 AND expires_at <= $1
           AND (claimed_until IS NULL OR claimed_until <= $1)",
    )
    .bind(now)
    .execute(&mut *tx)
    .await?;
    let claimed = sqlx::query_as::<_, Claimed>(&format!(
        "UPDATE outbox SET claimed_by = $1, claimed_until = $2
         WHERE id IN (SELECT id FROM outbox
                      WHERE status = 'queued' AND next_attempt_at <= $3
                        AND (claimed_until IS NULL OR claimed_until <= $3)
                        AND (expires_at IS NULL OR expires_at > $3)
                      ORDER BY next_attempt_at, id
                      LIMIT $4 {skip_locked})
         RETURNING id, kind, recipient, subject, text_body, html_body, attempts, unsubscribe_url"
    ))
    .bind(node)
    .bind(until)
    .bind(now)
    .bind(limit)
    .fetch_all(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(claimed)
}

/// Extends `node`'s claim on message `id` to `until`, just before sending it: a batch that
/// takes long (a slow server) keeps what it holds. Answers whether `node` still held it (no
/// when it was superseded, or a slower node's claim passed to another).
pub async fn renew_claim(
    pool: &Pool,
    id: i64,
    node: &str,
    now: Timestamp,
    until: Timestamp,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET claimed_until = $1
         WHERE id = $2 AND claimed_by = $3 AND status = 'queued'
           AND (expires_at IS NULL OR expires_at > $4)",
    )
    .bind(until)
    .bind(id)
    .bind(node)
    .bind(now)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Lets go of `node`'s claims on `ids` (a batch stopped half-way), for any node to send them.
pub async fn release_claims(
    pool: &Pool,
    node: &str,
    ids: impl IntoIterator<Item = i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(&format!(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL
         WHERE claimed_by = $1 AND id IN ({})",
        crate::db::id_list(ids)
    ))
    .bind(node)
    .execute(pool)
    .await?;
    Ok(())
}

/// Lets go of every unsent message `node` holds (the node stops). Answers how many.
pub async fn release_node(pool: &Pool, node: &str) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET claimed_by = NULL, claimed_until = NULL
         WHERE claimed_by = $1 AND status = 'queued'",
    )
    .bind(node)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// How an attempt ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Sent,
    /// The message was refused for now: counted, tried again at this time.
    RetryAt(Timestamp),
    /// The server failed (unreachable, refused Faro's login or sender): not counted against
    /// the message, which waits until this time.
    PausedUntil(Timestamp),
    Dead,
}

/// Records attempt `attempt` of message `id` by `node` at `now` with the SMTP server's
/// `answer`, and where the message stands after it; lets go of the claim. A sent message that
/// carried a link which expires keeps no text (see below). Answers whether
/// `node` still held the message (a node slower than its claim may find another one took it
/// over: the attempt is still recorded).
pub async fn record_attempt(
    pool: &Pool,
    id: i64,
    node: &str,
    now: Timestamp,
    answer: &str,
    outcome: &Outcome,
) -> Result<bool, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    // Two nodes recording attempts of one message (a claim that passed) number them in turn.
    crate::db::lock_row(&mut tx, "outbox", id).await?;
    let delivered = *outcome == Outcome::Sent;
    sqlx::query(
        "INSERT INTO outbox_attempts (message_id, attempt, node, at, delivered, answer)
         SELECT $1, COALESCE(MAX(attempt), 0) + 1, $2, $3, $4, $5
         FROM outbox_attempts WHERE message_id = $1",
    )
    .bind(id)
    .bind(node)
    .bind(now)
    .bind(i64::from(delivered))
    .bind(answer)
    .execute(&mut *tx)
    .await?;
    let (status, next, sent_at, counted) = match outcome {
        Outcome::Sent => (MailStatus::Sent, now, Some(now), 1_i64),
        Outcome::RetryAt(at) => (MailStatus::Queued, *at, None, 1),
        Outcome::PausedUntil(at) => (MailStatus::Queued, *at, None, 0),
        Outcome::Dead => (MailStatus::Dead, now, None, 1),
    };
    let held = sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + $7, next_attempt_at = $2,
                           sent_at = $3, last_answer = $4, claimed_by = NULL, claimed_until = NULL
         WHERE id = $5 AND claimed_by = $6 AND status = 'queued'",
    )
    .bind(status.as_str())
    .bind(next)
    .bind(sent_at)
    .bind(answer)
    .bind(id)
    .bind(node)
    .bind(counted)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if delivered && held {
        // A message with a link that signs in or sets a password (it expires) keeps it only in
        // the recipient's mailbox: the outbox forgets the text once the server has taken it.
        // (Only when this attempt is the one recorded as sent: a node whose claim passed must
        // not empty a message another node still has to send.)
        // (A feedback form's notification expires too, when the form closes, but its link
        // opens nothing by itself: its text stays.)
        sqlx::query(
            "UPDATE outbox SET text_body = '', html_body = ''
             WHERE id = $1 AND status = 'sent' AND expires_at IS NOT NULL
               AND kind IN ($2, $3, $4)",
        )
        .bind(id)
        .bind(MailKind::Invitation.as_str())
        .bind(MailKind::PasswordLink.as_str())
        .bind(MailKind::SignInLink.as_str())
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(held)
}

/// Counts against message `id` an attempt recorded as the server's failure (uncounted), found
/// to be the message's own: one more attempt, then `outcome` (retry later, or dead). Only while
/// no node holds it.
pub async fn count_failure(pool: &Pool, id: i64, outcome: &Outcome) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    let (status, next) = match outcome {
        Outcome::RetryAt(at) => (MailStatus::Queued, *at),
        Outcome::Dead => (MailStatus::Dead, now),
        Outcome::Sent | Outcome::PausedUntil(_) => return Ok(()),
    };
    sqlx::query(
        "UPDATE outbox SET status = $1, attempts = attempts + 1, next_attempt_at = $2
         WHERE id = $3 AND status = 'queued' AND claimed_by IS NULL",
    )
    .bind(status.as_str())
    .bind(next)
    .bind(id)
    .execute(pool)
    .await
    .map(drop)
}

/// A message as the owners' page reads it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Listed {
    pub id: i64,
    pub kind: String,
    pub recipient: String,
    pub subject: String,
    pub text_body: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: Timestamp,
    pub last_answer: Option<String>,
    pub created_at: Timestamp,
    pub sent_at: Option<Timestamp>,
    pub expires_at: Option<Timestamp>,
}

/// The organization's newest `limit` messages.
pub async fn list(
    pool: &Pool,
    organization: OrganizationId,
    limit: i64,
) -> Result<Vec<Listed>, sqlx::Error> {
    sqlx::query_as::<_, Listed>(
        "SELECT id, kind, recipient, subject, text_body, status, attempts, next_attempt_at,
                last_answer, created_at, sent_at, expires_at
         FROM outbox WHERE organization_id = $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(organization)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// What asking to send a message again did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Again {
    Queued,
    /// The link in it no longer works: a new invitation or password link is needed.
    LinkExpired,
    /// No dead message of the organization has this id (sent again already, or another's).
    NotDead,
}

/// Queues a dead message of `organization` again, due at `now` with a fresh count of attempts,
/// unless the link it carries has expired.
pub async fn send_again(
    pool: &Pool,
    organization: OrganizationId,
    id: i64,
    now: Timestamp,
) -> Result<Again, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE outbox SET status = 'queued', attempts = 0, next_attempt_at = $1,
                           claimed_by = NULL, claimed_until = NULL
         WHERE id = $2 AND organization_id = $3 AND status = 'dead'
           AND (expires_at IS NULL OR expires_at > $1)",
    )
    .bind(now)
    .bind(id)
    .bind(organization)
    .execute(pool)
    .await?;
    if done.rows_affected() == 1 {
        return Ok(Again::Queued);
    }
    let dead: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM outbox WHERE id = $1 AND organization_id = $2 AND status = 'dead'",
    )
    .bind(id)
    .bind(organization)
    .fetch_optional(pool)
    .await?;
    Ok(if dead.is_some() {
        Again::LinkExpired
    } else {
        Again::NotDead
    })
}
