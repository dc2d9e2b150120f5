//! What the server knows about the request being rendered or served (server only).

use crate::i18n::Locale;
use http::request::Parts;
use leptos::prelude::use_context;

/// The header that carries the id of each request, set by the server's request-id layer and
/// echoed in the response; logs and error pages quote it.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

fn header(parts: &Parts, name: impl http::header::AsHeaderName) -> Option<&str> {
    parts.headers.get(name).and_then(|v| v.to_str().ok())
}

/// The current request's id, when rendering or serving one.
pub fn request_id() -> Option<String> {
    let parts = use_context::<Parts>()?;
    header(&parts, REQUEST_ID_HEADER).map(str::to_string)
}

/// The language negotiated for the current request.
pub fn locale() -> Locale {
    match use_context::<Parts>() {
        Some(parts) => Locale::negotiate(
            header(&parts, http::header::COOKIE),
            header(&parts, http::header::ACCEPT_LANGUAGE),
        ),
        None => Locale::default(),
    }
}
