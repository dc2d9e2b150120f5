//! Browser-facing defences applied to every response: refusing state-changing requests sent
//! from another site, and the security headers.

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use faro_app::request::PageNonce;
use http::header::{self, HeaderValue};
use http::{Method, StatusCode};

/// The policy for responses that are not pages (server-function JSON, files, health): they
/// never need to run or embed anything.
const NON_PAGE_CSP: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'";

/// The policy of a page: only this site's scripts plus the inline hydration scripts that carry
/// this render's nonce, WebAssembly allowed, never framed.
fn page_csp(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; \
         frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    )
}

/// Refuses POST/PUT/PATCH/DELETE that a browser says come from another site, then adds the
/// security headers to whatever the app answers.
pub async fn defend(request: Request, next: Next) -> Response {
    if is_cross_site_write(&request) {
        tracing::warn!(
            origin = ?request.headers().get(header::ORIGIN),
            "refused a cross-site request"
        );
        return (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.",
        )
            .into_response();
    }
    // The page's render writes its script nonce here (see `faro_app::shell`). Set through
    // leptos' ResponseOptions instead, the header was seen missing from 1 page in ~30 in the
    // browser tests, leaving the page unable to run its scripts.
    let nonce = PageNonce::default();
    let mut request = request;
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if let Some(policy) = nonce
        .get()
        .and_then(|n| HeaderValue::from_str(&page_csp(&n)).ok())
    {
        headers.insert(header::CONTENT_SECURITY_POLICY, policy);
    }
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers
        .entry(header::CONTENT_SECURITY_POLICY)
        .or_insert(HeaderValue::from_static(NON_PAGE_CSP));
    // Pages and answers are made for one signed-in person: never kept by shared caches, and
    // asked for again each time (the bundle's files set their own policy).
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("private, no-cache"));
    response
}

/// A write whose `Origin` names another host than the one addressed, or which the browser
/// marks `Sec-Fetch-Site: cross-site`. Requests without either header (scripts, curl) pass:
/// the defence is against other sites riding a signed-in browser.
fn is_cross_site_write(request: &Request<Body>) -> bool {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return false;
    }
    let headers = request.headers();
    let text = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(origin) = text(header::ORIGIN) {
        let origin_host = origin.split_once("://").map(|(_, rest)| rest);
        return origin_host != text(header::HOST);
    }
    text(header::HeaderName::from_static("sec-fetch-site")) == Some("cross-site")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn post(headers: &[(&str, &str)]) -> Request<Body> {
        let mut builder = Request::builder().method(Method::POST).uri("/api/x");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(Body::empty()).unwrap()
    }

    #[test]
    fn writes_from_another_site_are_recognised() {
        let host = ("host", "faro.example.com");
        assert!(is_cross_site_write(&post(&[
            host,
            ("origin", "https://evil.example")
        ])));
        assert!(is_cross_site_write(&post(&[host, ("origin", "null")])));
        assert!(is_cross_site_write(&post(&[
            host,
            ("sec-fetch-site", "cross-site")
        ])));
        assert!(!is_cross_site_write(&post(&[
            host,
            ("origin", "https://faro.example.com")
        ])));
        assert!(!is_cross_site_write(&post(&[
            host,
            ("sec-fetch-site", "same-origin")
        ])));
        assert!(!is_cross_site_write(&post(&[host])));
        let get = Request::builder()
            .uri("/")
            .header("origin", "https://evil.example")
            .body(Body::empty())
            .unwrap();
        assert!(!is_cross_site_write(&get));
    }
}
