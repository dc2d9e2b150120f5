//! Who hears of what by email (server only): the notification messages a change queues, in the
//! transaction of that change, for the people who want them; and the signed links that turn a
//! kind of mail off without signing in.

use super::compose;
use super::MailKind;
use crate::accounts::UserId;
use crate::db::Tx;
use crate::ids::Timestamp;
use crate::projects::{Health, ProjectId};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{Any, Executor};

/// A status update just published, as its mail tells of it.
pub struct PublishedUpdate<'a> {
    pub project: ProjectId,
    pub update: i64,
    pub summary: &'a str,
    pub health: Health,
    pub asks_decision: bool,
    pub author: &'a str,
}

/// Queues, in `tx`, the mail about `update` for each client member of its project who wants
/// it right away, in their language.
pub async fn update_published(
    tx: &mut Tx,
    update: &PublishedUpdate<'_>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let kind = MailKind::UpdatePublished;
    let recipients: Vec<(i64, String, Option<String>)> = sqlx::query_as(
        "SELECT u.id, u.email, u.locale
         FROM project_members m
         JOIN users u ON u.id = m.user_id
         LEFT JOIN mail_preferences p ON p.user_id = u.id AND p.kind = $2
         WHERE m.project_id = $1 AND u.role = 'client'
           AND COALESCE(p.delivery, 'immediately') = 'immediately'
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
    for (user, email, locale) in recipients {
        let locale = locale
            .as_deref()
            .and_then(crate::i18n::Locale::from_tag)
            .unwrap_or_default();
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
                health: update.health.name(locale.strings()),
                asks_decision: update.asks_decision,
                link: &link,
                unsubscribe: &unsubscribe,
            },
        );
        super::db::enqueue(tx, &message, now).await?;
    }
    Ok(())
}

const UNSUBSCRIBE_KEY: &str = "unsubscribe";

/// The key that signs unsubscribe links: made by the first node that needs it (two at once
/// both insert, one row stays) and read from the database by every node.
async fn signing_key(tx: &mut Tx) -> Result<Vec<u8>, sqlx::Error> {
    if let Some(key) = find_signing_key(&mut **tx).await? {
        return Ok(key);
    }
    let fresh: [u8; 32] = rand::random();
    sqlx::query(
        "INSERT INTO signing_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
    )
    .bind(UNSUBSCRIBE_KEY)
    .bind(URL_SAFE_NO_PAD.encode(fresh))
    .execute(&mut **tx)
    .await?;
    Ok(find_signing_key(&mut **tx).await?.unwrap_or(fresh.to_vec()))
}

/// The unsubscribe key, if one was ever made (before that, no link can be valid).
pub async fn find_signing_key<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let secret: Option<String> =
        sqlx::query_scalar("SELECT secret FROM signing_keys WHERE name = $1")
            .bind(UNSUBSCRIBE_KEY)
            .fetch_optional(db)
            .await?;
    Ok(secret.and_then(|s| URL_SAFE_NO_PAD.decode(s).ok()))
}

fn mac(key: &[u8], user: UserId, kind: MailKind) -> Hmac<Sha256> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).expect("HMAC takes any key length");
    mac.update(format!("unsubscribe\n{}\n{}", user.0, kind.as_str()).as_bytes());
    mac
}

/// The token of the link that turns `kind` off for `user`: who, what, and a signature of both.
pub fn unsubscribe_token(key: &[u8], user: UserId, kind: MailKind) -> String {
    let signature = mac(key, user, kind).finalize().into_bytes();
    format!(
        "{}.{}.{}",
        user.0,
        kind.as_str(),
        URL_SAFE_NO_PAD.encode(signature)
    )
}

/// Whom and what a token is about, if `key` signed it; a changed person, kind or signature is
/// refused (the comparison takes the same time whatever differs).
pub fn verify_unsubscribe_token(key: &[u8], token: &str) -> Option<(UserId, MailKind)> {
    let mut parts = token.split('.');
    let user = UserId(parts.next()?.parse().ok()?);
    let kind = MailKind::parse(parts.next()?).filter(|k| k.is_notification())?;
    let signature = URL_SAFE_NO_PAD.decode(parts.next()?).ok()?;
    if parts.next().is_some() {
        return None;
    }
    mac(key, user, kind).verify_slice(&signature).ok()?;
    Some((user, kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unsubscribe_token_is_accepted_only_as_signed() {
        let key = b"a key of the installation".to_vec();
        let token = unsubscribe_token(&key, UserId(7), MailKind::UpdatePublished);
        assert!(token.starts_with("7.update_published."));
        assert_eq!(
            verify_unsubscribe_token(&key, &token),
            Some((UserId(7), MailKind::UpdatePublished))
        );
        // Someone else's, the same signature.
        let other = token.replacen('7', "8", 1);
        assert_eq!(verify_unsubscribe_token(&key, &other), None);
        // Account mail cannot be turned off.
        let account = token.replacen("update_published", "password_link", 1);
        assert_eq!(verify_unsubscribe_token(&key, &account), None);
        // Another installation's key, a cut signature, extra parts.
        assert_eq!(verify_unsubscribe_token(b"another key", &token), None);
        assert_eq!(
            verify_unsubscribe_token(&key, &token[..token.len() - 2]),
            None
        );
        assert_eq!(verify_unsubscribe_token(&key, &format!("{token}.x")), None);
        assert_eq!(verify_unsubscribe_token(&key, ""), None);
    }
}
