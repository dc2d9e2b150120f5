//! Password hashing with Argon2id (RustCrypto's `argon2`, the OWASP-recommended algorithm), run
//! on the blocking pool so a sign-in never stalls other requests.
//!
//! Each hash takes ~19 MiB and most of a core for a moment, so at most one hash per core runs at
//! once ([`HASHING`]); a request that cannot start its hash within [`WAIT`] is answered
//! [`AppError::Busy`] (503 with `Retry-After`) instead of piling up behind a flood of bogus
//! sign-ins while the rest of Faro stops answering.

use crate::error::AppError;
use argon2::password_hash::{
    rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString,
};
use argon2::Argon2;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::sync::OnceLock;
use std::time::Duration;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// How long a request waits for its turn to hash before it is told to come back later.
const WAIT: Duration = Duration::from_secs(10);

/// One hash at a time per core. A turn is held by the blocking task itself, so a request whose
/// client hung up does not give its turn back while its hash still runs.
fn hashing() -> &'static Arc<Semaphore> {
    static HASHING: OnceLock<Arc<Semaphore>> = OnceLock::new();
    HASHING.get_or_init(|| {
        Arc::new(Semaphore::new(
            std::thread::available_parallelism().map_or(2, |n| n.get()),
        ))
    })
}

/// How many hashes and verifications this process has started (for the tests that check that
/// anonymous requests cause none).
static STARTED: AtomicU64 = AtomicU64::new(0);

pub fn hashes_started() -> u64 {
    STARTED.load(Ordering::Relaxed)
}

async fn turn() -> Result<OwnedSemaphorePermit, AppError> {
    turn_within(WAIT).await
}

async fn turn_within(wait: Duration) -> Result<OwnedSemaphorePermit, AppError> {
    match tokio::time::timeout(wait, hashing().clone().acquire_owned()).await {
        Ok(Ok(permit)) => {
            STARTED.fetch_add(1, Ordering::Relaxed);
            Ok(permit)
        }
        Ok(Err(closed)) => Err(AppError::internal(closed)),
        Err(_) => Err(AppError::Busy),
    }
}

/// Hashes a new password (PHC string with its own salt and parameters).
pub async fn hash(password: String) -> Result<String, AppError> {
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(password.as_bytes(), &salt)
            .map(|h| h.to_string())
    })
    .await
    .map_err(AppError::internal)?
    .map_err(AppError::internal)
}

/// Whether `password` matches `stored`. With no stored hash (unknown email, or a person who has
/// not chosen a password yet) a dummy hash is checked anyway, so both answers take the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    let turn = turn().await?;
    tokio::task::spawn_blocking(move || {
        let _turn = turn;
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| dummy_hash().to_string());
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        let matches = Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        known && matches
    })
    .await
    .map_err(AppError::internal)
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default()
            .hash_password(b"no one has this password", &salt)
            .map(|h| h.to_string())
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_that_cannot_start_in_time_is_refused_as_busy() {
        let all = u32::try_from(hashing().available_permits()).unwrap();
        let held = hashing().acquire_many(all).await.unwrap();
        assert_eq!(
            turn_within(Duration::from_millis(50)).await.err(),
            Some(AppError::Busy)
        );
        drop(held);
        assert!(turn_within(Duration::from_millis(50)).await.is_ok());
        assert_eq!(
            AppError::Busy.status(),
            http::StatusCode::SERVICE_UNAVAILABLE
        );
    }
}
