//! The `faro` server: configuration, database, HTTP router, demo data. `main.rs` only parses
//! the command line and reports errors; tests build the same router through [`AppState`].

pub mod bundle;
pub mod client_address;
pub mod config;
pub mod database;
pub mod demo;
pub mod digests;
mod error;
pub mod feedback_csv;
pub mod feeds;
pub mod health;
pub mod live;
pub mod mailer;
pub mod router;
pub mod security;
pub mod sessions;
pub mod unsubscribe;
pub mod users;

pub use error::StartError;

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use sqlx::AnyPool;
use std::net::SocketAddr;
use tokio::net::TcpListener;

/// How many live streams one node holds open at most unless `--max-live-streams` says.
pub const DEFAULT_MAX_LIVE_STREAMS: usize = 10_000;

/// What every handler can reach.
#[derive(Clone, FromRef)]
pub struct AppState {
    pub leptos_options: LeptosOptions,
    /// The bundle's files whose names carry their hash (browsers keep them a year).
    pub hashed_files: bundle::HashedFiles,
    pub pool: AnyPool,
    /// Cookies get `Secure` when the public address is https.
    pub secure_cookies: bool,
    /// Where people reach Faro (`--base-url`), for links; no trailing slash.
    pub public_url: String,
    /// This node's fan-out of board changes to its open live streams.
    pub live: faro_app::board::live::LiveHub,
    /// How often this node checks that its open live streams' viewers may still see their boards.
    pub live_recheck: std::time::Duration,
    /// The live streams this node holds open, per session and in all.
    pub open_streams: live::OpenStreams,
    /// This node's shared reads of board history for its open streams.
    pub feeds: feeds::Feeds,
    /// Proxies whose `X-Forwarded-For` tells the client's address (`--trusted-proxy`).
    pub trusted_proxies: client_address::TrustedProxies,
    /// How this node sends the outbox's mail (`--smtp-url`); none: messages wait in the outbox.
    pub mail: Option<mailer::MailSettings>,
    /// How often this node looks for digests due (they go at 8:00 in each person's timezone).
    #[from_ref(skip)]
    pub digest_poll: std::time::Duration,
}

impl AppState {
    pub fn new(pool: AnyPool, addr: SocketAddr, site_root: &str, base_url: &str) -> AppState {
        let hashed_files = bundle::HashedFiles::beside_binary(
            "faro",
            &std::path::Path::new(site_root).join("pkg"),
        );
        let leptos_options = LeptosOptions::builder()
            .output_name("faro")
            // The page links the hashed names only when the build wrote them.
            .hash_files(!hashed_files.is_empty())
            .site_root(site_root)
            .site_pkg_dir("pkg")
            .site_addr(addr)
            .env(match std::env::var("LEPTOS_ENV").as_deref() {
                Ok("DEV") => leptos::config::Env::DEV,
                _ => leptos::config::Env::PROD,
            })
            .build();
        AppState {
            leptos_options,
            hashed_files,
            feeds: feeds::Feeds::new(pool.clone()),
            pool,
            secure_cookies: base_url.starts_with("https://"),
            public_url: base_url.trim_end_matches('/').to_string(),
            live: Default::default(),
            live_recheck: live::RECHECK,
            open_streams: live::OpenStreams::new(DEFAULT_MAX_LIVE_STREAMS),
            trusted_proxies: Default::default(),
            mail: None,
            digest_poll: digests::POLL,
        }
    }
}

/// Binds `addr`, explaining an address in use in one sentence.
pub async fn bind(addr: SocketAddr) -> Result<TcpListener, StartError> {
    TcpListener::bind(addr).await.map_err(|source| {
        if source.kind() == std::io::ErrorKind::AddrInUse {
            StartError::AddressInUse(addr)
        } else {
            StartError::Listen { addr, source }
        }
    })
}

/// Serves until `shutdown` resolves, then lets requests in flight finish (up to
/// [`router::SHUTDOWN_GRACE`]).
pub async fn serve(
    listener: TcpListener,
    state: AppState,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let cleanup = sessions::DbSessionStore::new(state.pool.clone())
        .spawn_cleanup(std::time::Duration::from_secs(3600));
    live::spawn_listener(&state.pool, state.live.clone());
    let _stop_feeds = AbortOnDrop(state.feeds.spawn(&state.live, state.live_recheck));
    let _check_streams = AbortOnDrop(
        state
            .open_streams
            .spawn_check(&state.pool, state.live_recheck),
    );
    let mail_worker = state.mail.as_ref().map(|mail| mail.spawn(&state.pool));
    let _stop_digests = AbortOnDrop(digests::spawn(
        &state.pool,
        &state.public_url,
        state.digest_poll,
    ));
    let hub = state.live.clone();
    let app = router::router(state);
    let (stopping_tx, stopping_rx) = tokio::sync::oneshot::channel::<()>();
    let app = app.into_make_service_with_connect_info::<SocketAddr>();
    let server = axum::serve(listener, app).with_graceful_shutdown(async move {
        shutdown.await;
        // Live streams never end by themselves: close them so shutdown does not wait on them.
        hub.publish(faro_app::board::live::LiveSignal::Closing);
        let _ = stopping_tx.send(());
    });
    let server = tokio::spawn(async move { server.await });
    tokio::pin!(server);
    let _stop_cleanup = AbortOnDrop(cleanup);
    let finished = tokio::select! {
        result = &mut server => Some(result),
        _ = stopping_rx => None,
    };
    // The mail worker stops as soon as the node does (while requests finish), and the messages
    // it held go back to the outbox at once, for any node to send.
    let stop_mail = async move {
        if let Some(worker) = mail_worker {
            worker.stop().await;
        }
    };
    let served = match finished {
        Some(result) => {
            stop_mail.await;
            Some(result)
        }
        None => {
            let (served, ()) = tokio::join!(
                tokio::time::timeout(router::SHUTDOWN_GRACE, &mut server),
                stop_mail
            );
            match served {
                Ok(result) => Some(result),
                Err(_) => {
                    tracing::warn!("requests still open after the grace period; stopping anyway");
                    None
                }
            }
        }
    };
    match served {
        Some(result) => result
            .map_err(|e| StartError::Serve(std::io::Error::other(e)))?
            .map_err(StartError::Serve),
        None => Ok(()),
    }
}

struct AbortOnDrop(tokio::task::JoinHandle<()>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}
