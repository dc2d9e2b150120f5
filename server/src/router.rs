//! The HTTP surface: pages, server functions, static files, `/healthz`, and the layers around
//! them (request id, one log line per request).

use crate::AppState;
use axum::body::Body;
use axum::routing::get;
use axum::Router;
use faro_app::request::REQUEST_ID_HEADER;
use faro_app::{shell, App};
use http::{HeaderName, Request};
use leptos::prelude::provide_context;
use leptos_axum::{file_and_error_handler_with_context, generate_route_list, LeptosRoutes};
use std::time::Duration;
use tower::ServiceBuilder;
use tower_http::compression::predicate::{NotForContentType, Predicate};
use tower_http::compression::{CompressionLayer, DefaultPredicate};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tower_http::LatencyUnit;
use tower_sessions::cookie::{time, SameSite};
use tower_sessions::{Expiry, SessionManagerLayer};
use tracing::Level;

pub fn router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let pool = state.pool.clone();
    let public_url = faro_app::request::PublicUrl(state.public_url.clone());
    let live = state.live.clone();
    let boards = faro_app::board::cache::BoardCache::default();
    let sending = faro_app::notifications::api::Sending(state.mail.is_some());
    let context = move || {
        provide_context(sending);
        provide_context(pool.clone());
        provide_context(public_url.clone());
        provide_context(live.clone());
        provide_context(boards.clone());
    };
    let options = state.leptos_options.clone();
    let request_id = HeaderName::from_static(REQUEST_ID_HEADER);
    let sessions =
        SessionManagerLayer::new(crate::sessions::DbSessionStore::new(state.pool.clone()))
            .with_name(SESSION_COOKIE)
            .with_http_only(true)
            .with_same_site(SameSite::Lax)
            .with_secure(state.secure_cookies)
            .with_expiry(Expiry::OnInactivity(time::Duration::days(
                SESSION_IDLE_DAYS,
            )));

    let pkg = std::path::Path::new(&*state.leptos_options.site_root)
        .join(&*state.leptos_options.site_pkg_dir);
    Router::new()
        .nest_service(
            "/pkg",
            crate::bundle::files(&pkg, state.hashed_files.clone()),
        )
        .route("/healthz", get(crate::health::healthz))
        .route("/events/projects/{id}", get(crate::live::board_events))
        .route(
            "/projects/{id}/feedback/{form}/responses.csv",
            get(crate::feedback_csv::responses_csv),
        )
        .route(
            "/unsubscribe/{token}",
            axum::routing::post(crate::unsubscribe::one_click),
        )
        .leptos_routes_with_context(&state, routes, context.clone(), move || {
            shell(options.clone())
        })
        .fallback(file_and_error_handler_with_context::<AppState, _>(
            context, shell,
        ))
        .layer(
            ServiceBuilder::new()
                .layer(axum::middleware::from_fn(drop_malformed_request_id))
                .layer(SetRequestIdLayer::new(request_id.clone(), MakeRequestUuid))
                .layer(
                    TraceLayer::new_for_http()
                        .make_span_with(|req: &Request<Body>| {
                            let id = req
                                .headers()
                                .get(REQUEST_ID_HEADER)
                                .and_then(|v| v.to_str().ok())
                                .unwrap_or("-");
                            let path = loggable_path(req.uri().path());
                            tracing::info_span!("request", id, method = %req.method(), %path)
                        })
                        .on_request(())
                        .on_response(
                            DefaultOnResponse::new()
                                .level(Level::INFO)
                                .latency_unit(LatencyUnit::Micros),
                        )
                        .on_failure(()),
                )
                .layer(PropagateRequestIdLayer::new(request_id))
                // Pages and server-function answers, brotli or gzip as the browser accepts;
                // never the live stream (it must flush each event) nor the wasm (served
                // precompressed, never compressed per request).
                .layer(CompressionLayer::new().compress_when(
                    DefaultPredicate::new().and(NotForContentType::new("application/wasm")),
                ))
                .layer(axum::middleware::from_fn_with_state(
                    state.trusted_proxies.clone(),
                    crate::client_address::layer,
                ))
                .layer(axum::middleware::from_fn(crate::security::defend))
                .layer(sessions)
                .layer(axum::middleware::from_fn(crate::sessions::keep_alive)),
        )
        .with_state(state)
}

/// A path as logs may show it: the secret part of invitation and password links replaced, so
/// that whoever reads the logs cannot use them.
pub fn loggable_path(path: &str) -> std::borrow::Cow<'_, str> {
    for secret in ["/invite/", "/reset/", "/login/link/", "/unsubscribe/"] {
        if let Some(rest) = path.strip_prefix(secret) {
            if !rest.is_empty() {
                return format!("{secret}…").into();
            }
        }
    }
    path.into()
}

/// Whether a request id sent by a client (or a proxy) may be used as ours: short, and only
/// letters, digits, `-` and `_`, so that logs cannot be forged or flooded through it.
pub fn is_well_formed_request_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Removes an `x-request-id` that is not well formed; the next layer then makes one.
async fn drop_malformed_request_id(
    mut request: Request<Body>,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let headers = request.headers_mut();
    let well_formed = headers
        .get_all(REQUEST_ID_HEADER)
        .iter()
        .map(|v| v.to_str().map(is_well_formed_request_id).unwrap_or(false))
        .collect::<Vec<_>>();
    if well_formed.len() > 1 || well_formed.contains(&false) {
        headers.remove(REQUEST_ID_HEADER);
    }
    next.run(request).await
}

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "faro_session";
/// A session ends after this many days without a request.
pub const SESSION_IDLE_DAYS: i64 = 14;

/// How long shutdown waits for requests in flight before giving up on them.
pub const SHUTDOWN_GRACE: Duration = Duration::from_secs(10);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_secrets_never_reach_the_log() {
        assert_eq!(loggable_path("/invite/AbC123secret"), "/invite/…");
        assert_eq!(loggable_path("/reset/AbC123secret"), "/reset/…");
        assert_eq!(loggable_path("/login/link/AbC123secret"), "/login/link/…");
        assert_eq!(loggable_path("/login/link"), "/login/link");
        assert_eq!(loggable_path("/projects/3/board"), "/projects/3/board");
        assert_eq!(loggable_path("/invite/"), "/invite/");
    }

    #[test]
    fn only_plain_short_request_ids_are_taken() {
        assert!(is_well_formed_request_id(
            "3f2a9c1e-7b4d-4e8a-9c2f-1a2b3c4d5e6f"
        ));
        assert!(!is_well_formed_request_id(""));
        assert!(!is_well_formed_request_id("a b"));
        assert!(!is_well_formed_request_id("x\nINFO forged line"));
        assert!(!is_well_formed_request_id(&"a".repeat(65)));
    }
}
