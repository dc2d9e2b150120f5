//! Digests (server only): the notification mail of a person who asked for it daily or weekly
//! is gathered as lines, and sent as one message at [`DIGEST_HOUR`] in their timezone (weekly:
//! on Mondays), grouped by project. A worker of `faro serve` gathers due digests into the
//! outbox (server/src/mailer.rs), which sends them like any message.

use super::preferences::Delivery;
use super::MailKind;
use crate::accounts::UserId;
use crate::db::{Backend, Pool, Tx};
use crate::ids::Timestamp;
use crate::projects::ProjectId;

/// The local hour digests go out.
pub const DIGEST_HOUR: u32 = 8;

/// How many due digests one call gathers.
const BATCH: i64 = 20;

/// The first moment after `now` that is [`DIGEST_HOUR`]:00 in `time_zone` (weekly: on a
/// Monday). On a day whose clocks skip that hour, an hour later.
pub fn next_send(now: Timestamp, time_zone: &str, cadence: Delivery) -> Timestamp {
    use chrono::{Datelike, TimeZone, Weekday};
    let tz: chrono_tz::Tz = time_zone.parse().unwrap_or(chrono_tz::UTC);
    let Some(local_now) = tz.timestamp_millis_opt(now.0).single() else {
        return Timestamp(now.0 + 24 * 60 * 60 * 1000);
    };
    let mut date = local_now.date_naive();
    for _ in 0..9 {
        if cadence != Delivery::Weekly || date.weekday() == Weekday::Mon {
            if let Some(naive) = date.and_hms_opt(DIGEST_HOUR, 0, 0) {
                let at = tz
                    .from_local_datetime(&naive)
                    .earliest()
                    .or_else(|| {
                        tz.from_local_datetime(&(naive + chrono::Duration::hours(1)))
                            .earliest()
                    })
                    .map(|at| at.timestamp_millis());
                if let Some(at) = at.filter(|at| *at > now.0) {
                    return Timestamp(at);
                }
            }
        }
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
    }
    Timestamp(now.0 + 24 * 60 * 60 * 1000)
}

/// One line of a digest, already in the person's language.
pub struct Item<'a> {
    pub user: UserId,
    pub cadence: Delivery,
    pub kind: MailKind,
    pub project: ProjectId,
    pub project_name: &'a str,
    pub line: &'a str,
    pub link: &'a str,
    /// The page it is about (`/forms/12`): closing a form removes its lines.
    pub thread: &'a str,
    /// When the line stops being worth reading (a feedback form closes): dropped then.
    pub expires_at: Option<Timestamp>,
}

/// Keeps `item` for the person's next digest (in `tx`, with the change it tells of), and
/// schedules that digest if none is.
pub async fn add(
    tx: &mut Tx,
    item: &Item<'_>,
    time_zone: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO digest_items (user_id, cadence, kind, project_id, project, line, link,
                                   created_at, thread, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(item.user)
    .bind(item.cadence.as_str())
    .bind(item.kind.as_str())
    .bind(item.project)
    .bind(item.project_name)
    .bind(item.line)
    .bind(item.link)
    .bind(now)
    .bind(item.thread)
    .bind(item.expires_at)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        // (An update that changes nothing, rather than DO NOTHING: on PostgreSQL it waits for
        // a gatherer holding the row, and inserts a new one if that gatherer removed it, so a
        // line never stays without a summary to carry it.)
        "INSERT INTO digest_schedule (user_id, cadence, next_at) VALUES ($1, $2, $3)
         ON CONFLICT (user_id, cadence) DO UPDATE SET next_at = digest_schedule.next_at",
    )
    .bind(item.user)
    .bind(item.cadence.as_str())
    .bind(next_send(now, time_zone, item.cadence))
    .execute(&mut **tx)
    .await
    .map(drop)
}

#[derive(sqlx::FromRow)]
struct DueDigest {
    user_id: UserId,
    cadence: String,
}

#[derive(sqlx::FromRow)]
struct Line {
    id: i64,
    project: String,
    line: String,
    link: String,
}

#[derive(sqlx::FromRow)]
struct Recipient {
    email: String,
    locale: Option<String>,
    timezone: String,
    organization_id: crate::accounts::OrganizationId,
    organization: String,
}

/// Turns the digests due at `now` into outbox messages, each in one transaction with the
/// removal of its lines and the next send time: a digest is queued once, whichever nodes look
/// (`FOR UPDATE SKIP LOCKED` on PostgreSQL). A line added meanwhile waits for the next one.
/// Answers how many were queued. Costs one read when none is due. `base`: Faro's public
/// address, for the links of the message.
pub async fn gather_due(pool: &Pool, base: &str, now: Timestamp) -> Result<usize, sqlx::Error> {
    let due: Option<i64> =
        sqlx::query_scalar("SELECT user_id FROM digest_schedule WHERE next_at <= $1 LIMIT 1")
            .bind(now)
            .fetch_optional(pool)
            .await?;
    if due.is_none() {
        return Ok(0);
    }
    let mut tx = crate::db::begin_write(pool).await?;
    let skip_locked = if Backend::of_tx(&tx) == Backend::Postgres {
        "FOR UPDATE SKIP LOCKED"
    } else {
        ""
    };
    let digests: Vec<DueDigest> = sqlx::query_as(&format!(
        "SELECT user_id, cadence FROM digest_schedule WHERE next_at <= $1
         ORDER BY next_at LIMIT $2 {skip_locked}"
    ))
    .bind(now)
    .bind(BATCH)
    .fetch_all(&mut *tx)
    .await?;
    let mut queued = 0;
    for digest in digests {
        let cadence = Delivery::parse(&digest.cadence).unwrap_or(Delivery::Daily);
        if gather_one(&mut tx, base, digest.user_id, cadence, now).await? {
            queued += 1;
        }
    }
    tx.commit().await?;
    Ok(queued)
}

async fn gather_one(
    tx: &mut Tx,
    base: &str,
    user: UserId,
    cadence: Delivery,
    now: Timestamp,
) -> Result<bool, sqlx::Error> {
    // A form that closed meanwhile is no longer asked for.
    sqlx::query(
        "DELETE FROM digest_items WHERE user_id = $1 AND cadence = $2 AND expires_at <= $3",
    )
    .bind(user)
    .bind(cadence.as_str())
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let lines: Vec<Line> = sqlx::query_as(
        "SELECT id, project, line, link FROM digest_items
         WHERE user_id = $1 AND cadence = $2 ORDER BY id",
    )
    .bind(user)
    .bind(cadence.as_str())
    .fetch_all(&mut **tx)
    .await?;
    let recipient: Option<Recipient> = sqlx::query_as(
        "SELECT u.email, u.locale, u.timezone, o.id AS organization_id, o.name AS organization
         FROM users u JOIN organizations o ON o.id = u.organization_id WHERE u.id = $1",
    )
    .bind(user)
    .fetch_optional(&mut **tx)
    .await?;
    let (Some(recipient), false) = (recipient, lines.is_empty()) else {
        // Nothing gathered (or the person is gone): no digest, and no schedule until a line.
        sqlx::query("DELETE FROM digest_schedule WHERE user_id = $1 AND cadence = $2")
            .bind(user)
            .bind(cadence.as_str())
            .execute(&mut **tx)
            .await?;
        return Ok(false);
    };
    let locale = recipient
        .locale
        .as_deref()
        .and_then(crate::i18n::Locale::from_tag)
        .unwrap_or_default();
    // Grouped by project, in the order each first appeared.
    let mut projects: Vec<(String, Vec<(String, String)>)> = Vec::new();
    for line in &lines {
        match projects.iter_mut().find(|(name, _)| *name == line.project) {
            Some((_, entries)) => entries.push((line.line.clone(), line.link.clone())),
            None => projects.push((
                line.project.clone(),
                vec![(line.line.clone(), line.link.clone())],
            )),
        }
    }
    // One link turns off every kind the person gets in summaries.
    let key = super::signing::signing_key(tx).await?;
    let token = super::signing::unsubscribe_token(&key, user, MailKind::Digest);
    let message = super::compose::digest(
        locale,
        &recipient.email,
        &super::compose::Digest {
            organization_id: recipient.organization_id,
            organization: &recipient.organization,
            weekly: cadence == Delivery::Weekly,
            projects: &projects,
            home: &format!("{}/", base.trim_end_matches('/')),
            unsubscribe: &format!("{}/unsubscribe/{token}", base.trim_end_matches('/')),
        },
    );
    super::db::enqueue(tx, &message, now).await?;
    sqlx::query(&format!(
        "DELETE FROM digest_items WHERE id IN ({})",
        crate::db::id_list(lines.iter().map(|l| l.id))
    ))
    .execute(&mut **tx)
    .await?;
    sqlx::query("UPDATE digest_schedule SET next_at = $1 WHERE user_id = $2 AND cadence = $3")
        .bind(next_send(now, &recipient.timezone, cadence))
        .bind(user)
        .bind(cadence.as_str())
        .execute(&mut **tx)
        .await?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(tz: chrono_tz::Tz, y: i32, m: u32, d: u32, h: u32) -> Timestamp {
        Timestamp(
            tz.with_ymd_and_hms(y, m, d, h, 0, 0)
                .earliest()
                .unwrap()
                .timestamp_millis(),
        )
    }

    #[test]
    fn a_daily_digest_goes_at_eight_in_the_persons_timezone() {
        let madrid = chrono_tz::Europe::Madrid;
        // Before eight: today; after: tomorrow.
        assert_eq!(
            next_send(at(madrid, 2026, 3, 10, 7), "Europe/Madrid", Delivery::Daily),
            at(madrid, 2026, 3, 10, 8)
        );
        assert_eq!(
            next_send(at(madrid, 2026, 3, 10, 8), "Europe/Madrid", Delivery::Daily),
            at(madrid, 2026, 3, 11, 8)
        );
        // Across the night the clocks go forward, still eight on the wall: 06:00 UTC.
        let sunday = next_send(at(madrid, 2026, 3, 28, 9), "Europe/Madrid", Delivery::Daily);
        assert_eq!(sunday, at(madrid, 2026, 3, 29, 8));
        assert_eq!(sunday.0 % 86_400_000, 6 * 3_600_000);
        // Mexico City, six hours behind UTC all year: 14:00 UTC.
        let mexico = next_send(
            at(madrid, 2026, 3, 10, 12),
            "America/Mexico_City",
            Delivery::Daily,
        );
        assert_eq!(mexico.0 % 86_400_000, 14 * 3_600_000);
    }

    #[test]
    fn a_weekly_digest_goes_on_monday_at_eight() {
        let madrid = chrono_tz::Europe::Madrid;
        // 2026-03-09 is a Monday.
        assert_eq!(
            next_send(
                at(madrid, 2026, 3, 8, 20),
                "Europe/Madrid",
                Delivery::Weekly
            ),
            at(madrid, 2026, 3, 9, 8)
        );
        assert_eq!(
            next_send(at(madrid, 2026, 3, 9, 9), "Europe/Madrid", Delivery::Weekly),
            at(madrid, 2026, 3, 16, 8)
        );
        // An unknown timezone is read as UTC.
        let utc = next_send(Timestamp(0), "Nowhere/Else", Delivery::Daily);
        assert_eq!(utc.0, 8 * 3_600_000);
    }
}
