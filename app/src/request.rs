//! What the server knows about the request being rendered or served (server only).

use crate::i18n::Locale;
use http::request::Parts;
use leptos::prelude::{use_context, Owner};

/// A value the server put in the request's reactive context, read safely from work that may
/// outlive its request.
///
/// Why not `use_context` alone: when a browser hangs up, leptos tears the page's owners down
/// while data loads may still run. `use_context` walks up the owners holding a read lock on the
/// current one; if the walk upgrades a parent whose other references are dropped meanwhile,
/// the walk drops the last one, and that parent's cleanup waits for a write lock on the very
/// owner being read: the worker thread hangs for good (seen in the hang-up test, 1 run in ~4).
/// Holding every ancestor for the duration of the lookup means the lookup never drops the
/// last reference; dropping them afterwards, with no lock held, runs any cleanup safely.
pub fn context<T: Clone + 'static>() -> Option<T> {
    let mut ancestors = Vec::new();
    let mut next = Owner::current().and_then(|owner| owner.parent());
    while let Some(owner) = next {
        next = owner.parent();
        ancestors.push(owner);
    }
    let found = use_context::<T>();
    drop(ancestors);
    found
}

/// The address people reach Faro at (`--base-url`), without a trailing slash: links in pages
/// and emails start with it. The server puts it in every request's context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicUrl(pub String);

/// `path` as a full link on Faro's public address, for people to open from elsewhere.
pub fn public_link(path: &str) -> String {
    let base = context::<PublicUrl>().map(|u| u.0).unwrap_or_default();
    format!("{}{path}", base.trim_end_matches('/'))
}

/// Where a page render leaves the nonce of its inline scripts, for the server's security layer
/// to put in the page's Content-Security-Policy. The layer puts an empty one in each request.
#[derive(Debug, Clone, Default)]
pub struct PageNonce(std::sync::Arc<std::sync::Mutex<Option<String>>>);

impl PageNonce {
    pub fn set(&self, nonce: &str) {
        if let Ok(mut slot) = self.0.lock() {
            *slot = Some(nonce.to_string());
        }
    }

    pub fn get(&self) -> Option<String> {
        self.0.lock().ok().and_then(|slot| slot.clone())
    }
}

/// The header that carries the id of each request, set by the server's request-id layer and
/// echoed in the response; logs and error pages quote it.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

fn header(parts: &Parts, name: impl http::header::AsHeaderName) -> Option<&str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

/// Whether the request is a plain HTML form post or navigation (no JavaScript), which is
/// answered with a page or a redirect rather than with JSON.
pub fn wants_html() -> bool {
    context::<Parts>().is_some_and(|parts| {
        header(&parts, http::header::ACCEPT).is_some_and(|a| a.contains("text/html"))
    })
}

/// Whether the code runs for a request that is still there: a render torn down because its
/// browser went away leaves its pending data loads without any request context.
pub fn is_open() -> bool {
    context::<Parts>().is_some()
}

/// The current request's id, when rendering or serving one.
pub fn request_id() -> Option<String> {
    let parts = context::<Parts>()?;
    header(&parts, REQUEST_ID_HEADER).map(str::to_string)
}

/// The language negotiated for the current request.
pub fn locale() -> Locale {
    match context::<Parts>() {
        Some(parts) => Locale::negotiate(
            header(&parts, http::header::COOKIE),
            header(&parts, http::header::ACCEPT_LANGUAGE),
        ),
        None => Locale::default(),
    }
}

/// The address a request came from, as the server's client-address layer decided it (the TCP
/// peer, or what trusted proxies forwarded for). Sign-in limits count by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClientAddress(pub std::net::IpAddr);
