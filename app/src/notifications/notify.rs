//! Who hears of what by email (server only): the notification messages a change queues, in the
//! transaction of that change, for the people who want them (right away, or as a line of their
//! next digest).

use super::compose;
use super::preferences::Delivery;
use super::signing::{signing_key, unsubscribe_token};
use super::MailKind;
use crate::accounts::UserId;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::{Health, ProjectId};

/// A status update just published, as its mail tells of it.
pub struct PublishedUpdate<'a> {
    pub project: ProjectId,
    pub update: i64,
    pub summary: &'a str,
    pub health: Health,
    pub asks_decision: bool,
    pub author: &'a str,
}

/// Queues, in `tx`, the mail about `update` for each client member of its project, in their
/// language: a message for those who want it right away, a line of their next digest for those
/// who want a summary, nothing for those who turned it off.
pub async fn update_published(
    tx: &mut Tx,
    update: &PublishedUpdate<'_>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let kind = MailKind::UpdatePublished;
    let recipients: Vec<(i64, String, Option<String>, String, String)> = sqlx::query_as(
        "SELECT u.id, u.email, u.locale, u.timezone, COALESCE(p.delivery, 'immediately')
         FROM project_members m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN mail_preferences p ON p.user_id = u.id AND p.kind = $2
         WHERE m.project_id = $1 AND u.role = 'client'
           AND COALESCE(p.delivery, 'immediately') <> 'off'
         ORDER BY u.id",
    )
    .bind(update.project)
    .bind(kind.as_str())
    .fetch_all(&mut **tx)
    .await?;
    if recipients.is_empty() {
        return Ok(());
    }
    let (project, organization_id, organization): (String, i64, String) = sqlx::query_as(
        "SELECT p.name, o.id, o.name FROM projects p JOIN organizations o ON o.id = p.organization_id
         WHERE p.id = $1",
    )
    .bind(update.project)
    .fetch_one(&mut **tx)
    .await?;
    let key = signing_key(tx).await?;
    let link = crate::request::public_link(&format!(
        "/projects/{}/updates/{}",
        update.project.0, update.update
    ));
    for (user, email, locale, time_zone, delivery) in recipients {
        let locale = locale
            .as_deref()
            .and_then(crate::i18n::Locale::from_tag)
            .unwrap_or_default();
        let health = update.health.name(locale.strings());
        let delivery = Delivery::parse(&delivery).unwrap_or(Delivery::Immediately);
        if matches!(delivery, Delivery::Daily | Delivery::Weekly) {
            let line = compose::update_line(locale, update.author, health, update.summary);
            let item = super::digest::Item {
                user: UserId(user),
                cadence: delivery,
                kind,
                project: update.project,
                project_name: &project,
                line: &line,
                link: &link,
            };
            super::digest::add(tx, &item, &time_zone, now).await?;
            continue;
        }
        let token = unsubscribe_token(&key, UserId(user), kind);
        let unsubscribe = crate::request::public_link(&format!("/unsubscribe/{token}"));
        let message = compose::update_published(
            locale,
            &email,
            &compose::UpdatePublished {
                organization_id: crate::accounts::OrganizationId(organization_id),
                organization: &organization,
                project: &project,
                author: update.author,
                summary: update.summary,
                health,
                asks_decision: update.asks_decision,
                link: &link,
                unsubscribe: &unsubscribe,
            },
        );
        super::db::enqueue(tx, &message, now).await?;
    }
    Ok(())
}
