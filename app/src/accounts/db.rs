//! SQL for organizations and users (server only).

use super::{Actor, Email, Organization, OrganizationId, Role, UserId};
use crate::ids::Timestamp;
use crate::text::{OrganizationName, PersonName};
use sqlx::{Any, Executor};

pub async fn find_organization_by_slug<'e>(
    db: impl Executor<'e, Database = Any>,
    slug: &str,
) -> Result<Option<Organization>, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM organizations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db)
        .await
}

pub async fn create_organization<'e>(
    db: impl Executor<'e, Database = Any>,
    name: &OrganizationName,
    slug: &str,
) -> Result<OrganizationId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO organizations (name, slug, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(name.as_str())
    .bind(slug)
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

/// A new user. `client_company` is required for clients and must be empty for staff (the
/// database refuses anything else).
pub struct NewUser<'a> {
    pub organization: OrganizationId,
    pub client_company: Option<crate::ids::ClientCompanyId>,
    pub email: &'a Email,
    pub name: &'a PersonName,
    pub role: Role,
}

pub async fn create_user<'e>(
    db: impl Executor<'e, Database = Any>,
    user: NewUser<'_>,
) -> Result<UserId, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO users (organization_id, client_company_id, email, name, role, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(user.organization)
    .bind(user.client_company)
    .bind(user.email.as_str())
    .bind(user.name.as_str())
    .bind(user.role.as_str())
    .bind(Timestamp::now())
    .fetch_one(db)
    .await
}

const ACTOR_COLUMNS: &str = "id, organization_id, client_company_id, role, name, email";

pub async fn find_actor<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
) -> Result<Option<Actor>, sqlx::Error> {
    sqlx::query_as(&format!("SELECT {ACTOR_COLUMNS} FROM users WHERE id = $1"))
        .bind(user)
        .fetch_optional(db)
        .await
}

/// A person as sign-in needs them: who they are and their password hash, if they chose one.
#[derive(sqlx::FromRow)]
pub struct SignInRow {
    #[sqlx(flatten)]
    pub actor: Actor,
    pub password_hash: Option<String>,
}

pub async fn find_sign_in<'e>(
    db: impl Executor<'e, Database = Any>,
    email: &Email,
) -> Result<Option<SignInRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {ACTOR_COLUMNS}, password_hash FROM users WHERE email = $1"
    ))
    .bind(email.as_str())
    .fetch_optional(db)
    .await
}

/// The language a person reads (their account's, English when unset).
pub async fn locale_of<'e>(
    db: impl Executor<'e, Database = Any>,
    user: super::UserId,
) -> Result<crate::i18n::Locale, sqlx::Error> {
    let tag: Option<String> = sqlx::query_scalar("SELECT locale FROM users WHERE id = $1")
        .bind(user)
        .fetch_optional(db)
        .await?
        .flatten();
    Ok(tag
        .as_deref()
        .and_then(crate::i18n::Locale::from_tag)
        .unwrap_or_default())
}

pub async fn find_organization<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: OrganizationId,
) -> Result<Organization, sqlx::Error> {
    sqlx::query_as("SELECT id, name FROM organizations WHERE id = $1")
        .bind(organization)
        .fetch_one(db)
        .await
}

pub async fn set_password_hash<'e>(
    db: impl Executor<'e, Database = Any>,
    user: UserId,
    password_hash: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user)
        .execute(db)
        .await
        .map(drop)
}

/// One security event (sign-in, failed sign-in, sign-out …) for the organization's audit trail.
pub async fn record_audit<'e>(
    db: impl Executor<'e, Database = Any>,
    organization: Option<OrganizationId>,
    user: Option<UserId>,
    action: &str,
    detail: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO audit_events (organization_id, user_id, action, detail, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(organization)
    .bind(user)
    .bind(action)
    .bind(detail)
    .bind(Timestamp::now())
    .execute(db)
    .await
    .map(drop)
}

// ---- sessions (the server's session store calls these) ----

/// Writes a session's data and expiry, only if the session still exists: a request that was in
/// flight while its session was ended (sign-out, password change, removal) must never bring
/// the row back. New sessions go through [`insert_session`].
pub async fn update_session<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    user: Option<UserId>,
    data: &str,
    expires_at: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE sessions SET user_id = $2, data = $3, expires_at = $4 WHERE id = $1")
        .bind(id)
        .bind(user)
        .bind(data)
        .bind(expires_at)
        .execute(db)
        .await
        .map(drop)
}

/// Who a live session belongs to, read from the database (not from a copy a long request
/// holds); `None` when the session ended, expired, or is anonymous.
pub async fn session_user<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    now: Timestamp,
) -> Result<Option<UserId>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<UserId>>(
        "SELECT user_id FROM sessions WHERE id = $1 AND expires_at > $2",
    )
    .bind(id)
    .bind(now)
    .fetch_optional(db)
    .await
    .map(Option::flatten)
}

/// Inserts a new session; `false` when the id is taken (the store then picks another).
pub async fn insert_session<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    user: Option<UserId>,
    data: &str,
    expires_at: Timestamp,
) -> Result<bool, sqlx::Error> {
    sqlx::query(
        "INSERT INTO sessions (id, user_id, data, expires_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (id) DO NOTHING",
    )
    .bind(id)
    .bind(user)
    .bind(data)
    .bind(expires_at)
    .execute(db)
    .await
    .map(|done| done.rows_affected() == 1)
}

/// A live session's data and expiry; `None` when missing or expired.
pub async fn load_session<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
    now: Timestamp,
) -> Result<Option<(String, Timestamp)>, sqlx::Error> {
    sqlx::query_as("SELECT data, expires_at FROM sessions WHERE id = $1 AND expires_at > $2")
        .bind(id)
        .bind(now)
        .fetch_optional(db)
        .await
}

/// A session found still there, with its person.
#[derive(sqlx::FromRow)]
pub struct LiveSession {
    pub session_id: String,
    #[sqlx(flatten)]
    pub actor: Actor,
}

/// Of the sessions `ids`, those that still exist and have not expired, with their person (as
/// they are now): one query for many open live streams (their node checks them together).
pub async fn live_sessions<'e>(
    db: impl Executor<'e, Database = Any>,
    ids: &[&str],
    now: Timestamp,
) -> Result<Vec<LiveSession>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders = (2..ids.len() + 2)
        .map(|n| format!("${n}"))
        .collect::<Vec<_>>()
        .join(", ");
    let columns = ACTOR_COLUMNS
        .split(", ")
        .map(|c| format!("u.{c}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT s.id AS session_id, {columns} FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.expires_at > $1 AND s.id IN ({placeholders})"
    );
    let mut query = sqlx::query_as(&sql).bind(now);
    for id in ids {
        query = query.bind(*id);
    }
    query.fetch_all(db).await
}

pub async fn delete_session<'e>(
    db: impl Executor<'e, Database = Any>,
    id: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE id = $1")
        .bind(id)
        .execute(db)
        .await
        .map(drop)
}

/// Forgets password attempts older than `before` (the server does it now and then).
pub async fn delete_old_attempts<'e>(
    db: impl Executor<'e, Database = Any>,
    before: Timestamp,
) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM failed_sign_ins WHERE created_at <= $1")
        .bind(before)
        .execute(db)
        .await
        .map(|done| done.rows_affected())
}

pub async fn delete_expired_sessions<'e>(
    db: impl Executor<'e, Database = Any>,
    now: Timestamp,
) -> Result<u64, sqlx::Error> {
    sqlx::query("DELETE FROM sessions WHERE expires_at <= $1")
        .bind(now)
        .execute(db)
        .await
        .map(|done| done.rows_affected())
}

// ---- the sign-in rate limit ----

/// Records a password attempt for `email` from `ip` before its password is checked, unless
/// more than `email_limit` / `ip_limit` attempts were recorded since `since`: then records
/// nothing and answers `None`. Count and record are one step: attempts for the same email or
/// address wait for each other (an advisory lock on PostgreSQL, the single writer on SQLite),
/// so of many attempts at the same instant exactly as many as the limit allows are checked.
/// A checked attempt stays as a failure unless its password was right ([`forget_attempt`]).
pub async fn record_attempt(
    db: &sqlx::AnyPool,
    email: &Email,
    ip: &str,
    since: Timestamp,
    email_limit: i64,
    ip_limit: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let mut tx = crate::db::begin_write(db).await?;
    if crate::db::Backend::of_tx(&tx) == crate::db::Backend::Postgres {
        // Always the email first, then the address: two attempts never wait on each other
        // in opposite orders.
        for key in [
            format!("faro sign-in email {}", email.as_str()),
            format!("faro sign-in address {ip}"),
        ] {
            sqlx::query("SELECT pg_advisory_xact_lock(hashtext($1))")
                .bind(key)
                .execute(&mut *tx)
                .await?;
        }
    }
    let (by_email, by_ip): (i64, i64) = sqlx::query_as(
        "SELECT CAST(COALESCE(SUM(CASE WHEN email = $1 THEN 1 ELSE 0 END), 0) AS BIGINT),
                CAST(COALESCE(SUM(CASE WHEN ip = $2 THEN 1 ELSE 0 END), 0) AS BIGINT)
         FROM failed_sign_ins WHERE (email = $1 OR ip = $2) AND created_at > $3",
    )
    .bind(email.as_str())
    .bind(ip)
    .bind(since)
    .fetch_one(&mut *tx)
    .await?;
    if by_email >= email_limit || by_ip >= ip_limit {
        tx.commit().await?;
        return Ok(None);
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO failed_sign_ins (email, ip, created_at) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(email.as_str())
    .bind(ip)
    .bind(Timestamp::now())
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// Forgets one recorded attempt (refused by the limit, or its password was right).
pub async fn forget_attempt<'e>(
    db: impl Executor<'e, Database = Any>,
    attempt: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM failed_sign_ins WHERE id = $1")
        .bind(attempt)
        .execute(db)
        .await
        .map(drop)
}

/// A successful sign-in clears the email's failures.
pub async fn clear_failed_sign_ins<'e>(
    db: impl Executor<'e, Database = Any>,
    email: &Email,
) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM failed_sign_ins WHERE email = $1")
        .bind(email.as_str())
        .execute(db)
        .await
        .map(drop)
}

// ---- a new organization with its first owner ----

/// What the first-run page and `faro user add` need to create an owner.
pub struct NewOwner<'a> {
    pub organization: &'a OrganizationName,
    pub name: &'a PersonName,
    pub email: &'a Email,
    pub password_hash: &'a str,
}

pub async fn count_organizations<'e>(
    db: impl Executor<'e, Database = Any>,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(db)
        .await
}

/// Creates the organization and its owner in one transaction. With `only_if_first`, refuses
/// (`Ok(None)`) when any organization exists already: the first-run page cannot be replayed.
pub async fn create_organization_with_owner(
    pool: &sqlx::AnyPool,
    owner: NewOwner<'_>,
    only_if_first: bool,
) -> Result<Option<(OrganizationId, UserId)>, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    if only_if_first {
        if crate::db::Backend::of_pool(pool) == crate::db::Backend::Postgres {
            // Two first-runs at once: the second waits here, then sees the first's organization.
            sqlx::query("LOCK TABLE organizations IN SHARE ROW EXCLUSIVE MODE")
                .execute(&mut *tx)
                .await?;
        }
        if count_organizations(&mut *tx).await? > 0 {
            return Ok(None);
        }
    }
    let organization = create_organization(
        &mut *tx,
        owner.organization,
        &super::slug_for(owner.organization.as_str()),
    )
    .await?;
    let user = create_user(
        &mut *tx,
        NewUser {
            organization,
            client_company: None,
            email: owner.email,
            name: owner.name,
            role: Role::Owner,
        },
    )
    .await?;
    set_password_hash(&mut *tx, user, owner.password_hash).await?;
    record_audit(
        &mut *tx,
        Some(organization),
        Some(user),
        "organization_created",
        "",
    )
    .await?;
    tx.commit().await?;
    Ok(Some((organization, user)))
}

/// Adds a staff member (owner or PM) with a password to an existing organization, with its
/// audit row, in one transaction. `faro user add` uses it.
pub async fn add_staff_member(
    pool: &sqlx::AnyPool,
    organization: OrganizationId,
    name: &PersonName,
    email: &Email,
    role: Role,
    password_hash: &str,
) -> Result<UserId, sqlx::Error> {
    let mut tx = crate::db::begin_write(pool).await?;
    let user = create_user(
        &mut *tx,
        NewUser {
            organization,
            client_company: None,
            email,
            name,
            role,
        },
    )
    .await?;
    set_password_hash(&mut *tx, user, password_hash).await?;
    record_audit(
        &mut *tx,
        Some(organization),
        Some(user),
        "user_added",
        &format!(
            "{} as {} from the command line",
            email.as_str(),
            role.as_str()
        ),
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}
