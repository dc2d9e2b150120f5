//! The digest worker of a node: every [`POLL`], it turns the daily and weekly summaries that are
//! due into outbox messages (`faro_app::notifications::digest`), which the mail worker sends, or
//! which wait at `/admin/mail` without a mail server. Every node runs one; a summary is
//! gathered once whichever nodes look.

use faro_app::db::Pool;
use faro_app::ids::Timestamp;
use std::time::Duration;

/// How often a node looks for due summaries: they go out within this of 8:00.
pub const POLL: Duration = Duration::from_secs(30);

pub fn spawn(pool: &Pool, base_url: &str, poll: Duration) -> tokio::task::JoinHandle<()> {
    let pool = pool.clone();
    let base_url = base_url.to_string();
    tokio::spawn(async move {
        loop {
            match faro_app::notifications::digest::gather_due(&pool, &base_url, Timestamp::now())
                .await
            {
                Ok(0) => {}
                Ok(n) => tracing::info!(digests = n, "summaries queued"),
                Err(e) => tracing::warn!(error = %e, "could not gather the summaries due"),
            }
            tokio::time::sleep(poll).await;
        }
    })
}
