//! The browser bundle under `/pkg/`: the files cargo-leptos builds (JS, wasm, CSS), served as
//! they were compressed at build time, and kept by browsers for a year when their names carry
//! their content's hash.
//!
//! With `hash-files = true` (Cargo.toml), cargo-leptos names each file `faro.<hash>.<ext>` and
//! writes the hashes to `hash.txt` beside the server binary; leptos reads the same file to link
//! the page to them. A new release has new names, so a name, once served, never changes content.
//! The split build (`--split`) adds a file per page (`<page>.<hash>.wasm`) and their loader
//! (`__wasm_split.<hash>.js`), hashed the same way but not listed in `hash.txt`.

use axum::body::Body;
use axum::Router;
use http::{HeaderValue, Request, Response};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

/// The file names of this build whose content is fixed by the hash in them.
#[derive(Clone, Debug, Default)]
pub struct HashedFiles(Arc<HashSet<String>>);

impl HashedFiles {
    /// What cargo-leptos wrote beside the running binary, with the split files found in
    /// `pkg_dir`; none when it built without hashes (or when the binary was copied without its
    /// `hash.txt`).
    pub fn beside_binary(output_name: &str, pkg_dir: &Path) -> HashedFiles {
        let Some(text) = std::env::current_exe()
            .ok()
            .and_then(|exe| std::fs::read_to_string(exe.with_file_name("hash.txt")).ok())
        else {
            return HashedFiles::default();
        };
        let listed = HashedFiles::parse(&text, output_name);
        if listed.is_empty() {
            return listed;
        }
        let mut names = (*listed.0).clone();
        // cargo-leptos empties `pkg/` before each build, so what is there is this build's.
        if let Ok(entries) = std::fs::read_dir(pkg_dir) {
            names.extend(
                entries
                    .flatten()
                    .filter_map(|entry| entry.file_name().into_string().ok())
                    .filter(|name| carries_content_hash(name))
                    .map(|name| {
                        let served = name.strip_suffix(".br").or(name.strip_suffix(".gz"));
                        served.unwrap_or(&name).to_string()
                    }),
            );
        }
        HashedFiles(Arc::new(names))
    }

    /// Reads `hash.txt`: lines such as `wasm: 7r2Kd…`, one per kind of file.
    pub fn parse(text: &str, output_name: &str) -> HashedFiles {
        let names = text
            .lines()
            .filter_map(|line| line.split_once(':'))
            .filter_map(|(kind, hash)| {
                let kind = kind.trim();
                let hash = hash.trim();
                (["js", "wasm", "css"].contains(&kind) && !hash.is_empty())
                    .then(|| format!("{output_name}.{hash}.{kind}"))
            })
            .collect();
        HashedFiles(Arc::new(names))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, file_name: &str) -> bool {
        self.0.contains(file_name)
    }
}

/// `name.<hash>.ext` (or its `.br` / `.gz`), with the 22-character MD5 in base64url that
/// cargo-leptos puts in every name it hashes.
fn carries_content_hash(name: &str) -> bool {
    let name = name
        .strip_suffix(".br")
        .or(name.strip_suffix(".gz"))
        .unwrap_or(name);
    let mut parts = name.rsplit('.');
    let (Some(_ext), Some(hash), Some(stem)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    !stem.is_empty()
        && hash.len() == 22
        && hash
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// `/pkg/…`: every file as the browser accepts it (`--precompress` writes `.br` and `.gz` beside
/// each at build time; nothing is compressed per request). Hashed names may be kept for a year
/// without asking again; anything else is revalidated (If-Modified-Since → 304).
///
/// Served here rather than by leptos' file fallback: that one answers a file inside a fresh
/// reactive owner, which could inherit the owner of a page rendering at the same time on the
/// same thread and take that page's status and headers (seen under load: 2,311 of 3,000
/// requests for the stylesheet answered with a page's redirect to /login).
pub fn files(pkg_dir: &Path, hashed: HashedFiles) -> Router {
    let service = ServiceBuilder::new()
        // One address, several encodings: caches must keep them apart.
        .layer(SetResponseHeaderLayer::appending(
            http::header::VARY,
            HeaderValue::from_static("accept-encoding"),
        ))
        .service(
            tower_http::services::ServeDir::new(pkg_dir)
                .precompressed_br()
                .precompressed_gzip(),
        );
    Router::new()
        .fallback_service(service)
        .layer(axum::middleware::from_fn(
            move |request: Request<Body>, next: axum::middleware::Next| {
                let immutable = request
                    .uri()
                    .path()
                    .rsplit('/')
                    .next()
                    .is_some_and(|name| hashed.contains(name));
                async move {
                    let mut response: Response<Body> = next.run(request).await;
                    if response.status().is_success() || response.status().as_u16() == 304 {
                        response.headers_mut().insert(
                            http::header::CACHE_CONTROL,
                            HeaderValue::from_static(if immutable {
                                "public, max-age=31536000, immutable"
                            } else {
                                "public, no-cache"
                            }),
                        );
                    }
                    response
                }
            },
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_file_lines_name_the_files_of_the_build() {
        let hashed = HashedFiles::parse(
            "js: AbC_12-x\nwasm: 99zz\ncss: Qq\nsplit: nope\nbroken line\nwasm:\n",
            "faro",
        );
        assert!(hashed.contains("faro.AbC_12-x.js"));
        assert!(hashed.contains("faro.99zz.wasm"));
        assert!(hashed.contains("faro.Qq.css"));
        assert!(!hashed.contains("faro.wasm"));
        assert!(!hashed.contains("faro.nope.split"));
        assert_eq!(hashed.0.len(), 3);
        assert!(HashedFiles::parse("", "faro").is_empty());
    }

    #[test]
    fn split_files_are_known_by_the_hash_in_their_name() {
        assert!(carries_content_hash(
            "board_view_123.Bmrvuj168nvaJ3Oy6txGFw.wasm"
        ));
        assert!(carries_content_hash(
            "__wasm_split.Bmrvuj168nvaJ3Oy6txGFw.js.br"
        ));
        assert!(carries_content_hash("faro.Bmrvuj168nvaJ3Oy6txGFw.wasm.gz"));
        assert!(!carries_content_hash("faro.wasm"));
        assert!(!carries_content_hash("faro.0ld.wasm"));
        assert!(!carries_content_hash(".Bmrvuj168nvaJ3Oy6txGFw.wasm"));
        assert!(!carries_content_hash("faro.Bmrvuj168nva!3Oy6txGFw.wasm"));
    }
}
