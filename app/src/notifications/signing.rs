//! The signed links that turn a kind of notification mail off without signing in (server
//! only): "person.kind.signature", HMAC-SHA-256 with a key each installation makes once and
//! keeps in the database, so that every node checks what any node signed.

use super::MailKind;
use crate::accounts::UserId;
use crate::db::Tx;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::{Any, Executor};

const UNSUBSCRIBE_KEY: &str = "unsubscribe";

/// The key that signs unsubscribe links: made by the first node that needs it (two at once
/// both insert, one row stays) and read from the database by every node.
pub async fn signing_key(tx: &mut Tx) -> Result<Vec<u8>, sqlx::Error> {
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
    let kind =
        MailKind::parse(parts.next()?).filter(|k| k.is_notification() || *k == MailKind::Digest)?;
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
        // A summary's link is about summaries.
        let summary = unsubscribe_token(&key, UserId(7), MailKind::Digest);
        assert_eq!(
            verify_unsubscribe_token(&key, &summary),
            Some((UserId(7), MailKind::Digest))
        );
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
