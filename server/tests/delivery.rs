//! How responses travel, on SQLite and PostgreSQL: pages and answers compressed as the browser
//! accepts, the browser bundle served precompressed (never compressed per request) and
//! revalidated, the live stream never compressed, and nothing personal kept by shared caches.

mod common;

use common::TestApp;
use faro_server::database::Backend;

on_both_databases!(
    pages_are_compressed_as_the_browser_accepts,
    the_bundle_is_served_precompressed_and_revalidated,
    hashed_bundle_files_are_kept_a_year,
    the_live_stream_is_never_compressed,
);

async fn pages_are_compressed_as_the_browser_accepts(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    for (accepts, expected) in [
        ("br, gzip", Some("br")),
        ("gzip", Some("gzip")),
        ("identity", None),
    ] {
        let response = pm
            .get(app.url("/"))
            .header("Accept", "text/html")
            .header("Accept-Encoding", accepts)
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 200);
        let encoding = response
            .headers()
            .get("content-encoding")
            .map(|v| v.to_str().unwrap().to_string());
        assert_eq!(encoding.as_deref(), expected, "Accept-Encoding: {accepts}");
        assert_eq!(response.headers()["cache-control"], "private, no-cache");
        let body = response.bytes().await.unwrap();
        let looks_like_html = body.starts_with(b"<!DOCTYPE html>");
        assert_eq!(looks_like_html, expected.is_none(), "{accepts}");
    }
    // A server function's answer too.
    let response = pm
        .post(app.url("/api/projects/list_projects"))
        .header("Accept-Encoding", "gzip")
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "gzip");
}

async fn the_bundle_is_served_precompressed_and_revalidated(backend: Backend) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    let wasm = vec![0_u8; 4096];
    std::fs::write(pkg.join("faro.wasm"), &wasm).unwrap();
    std::fs::write(pkg.join("faro.wasm.br"), b"brotli bytes made at build time").unwrap();
    std::fs::write(pkg.join("faro.wasm.gz"), b"gzip bytes made at build time").unwrap();
    std::fs::write(pkg.join("plain.wasm"), &wasm).unwrap();
    let app = TestApp::spawn_with_site(backend, site.path().to_str().unwrap()).await;
    let get = |path: &str, accepts: &str| {
        app.client
            .get(app.url(path))
            .header("Accept-Encoding", accepts)
            .send()
    };
    let response = get("/pkg/faro.wasm", "gzip, deflate, br").await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-encoding"], "br");
    assert_eq!(response.headers()["content-type"], "application/wasm");
    assert_eq!(response.headers()["cache-control"], "public, no-cache");
    assert_eq!(response.headers()["vary"], "accept-encoding");
    let modified = response.headers()["last-modified"].clone();
    assert_eq!(
        &response.bytes().await.unwrap()[..],
        b"brotli bytes made at build time"
    );
    let response = get("/pkg/faro.wasm", "gzip").await.unwrap();
    assert_eq!(response.headers()["content-encoding"], "gzip");
    let response = get("/pkg/faro.wasm", "identity").await.unwrap();
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(response.bytes().await.unwrap().len(), 4096);
    // Without a precompressed copy the file goes as it is: no compression per request.
    let response = get("/pkg/plain.wasm", "gzip, br").await.unwrap();
    assert!(response.headers().get("content-encoding").is_none());
    assert_eq!(response.bytes().await.unwrap().len(), 4096);
    // A browser that has it asks whether it changed.
    let again = app
        .client
        .get(app.url("/pkg/faro.wasm"))
        .header("Accept-Encoding", "br")
        .header("If-Modified-Since", modified)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 304);
}

async fn hashed_bundle_files_are_kept_a_year(backend: Backend) {
    let site = tempfile::tempdir().unwrap();
    let pkg = site.path().join("pkg");
    std::fs::create_dir_all(&pkg).unwrap();
    std::fs::write(pkg.join("faro.Hx3_9kQ.wasm"), [0_u8; 64]).unwrap();
    std::fs::write(pkg.join("faro.Hx3_9kQ.wasm.br"), b"brotli").unwrap();
    std::fs::write(pkg.join("faro.Hx3_9kQ.js"), "export {}").unwrap();
    // A file of an earlier build, no longer in hash.txt: it may still change, so it is revalidated.
    std::fs::write(pkg.join("faro.0ld.wasm"), [0_u8; 64]).unwrap();
    let app = TestApp::spawn_configured(backend, site.path().to_str().unwrap(), |state| {
        state.hashed_files =
            faro_server::bundle::HashedFiles::parse("js: Hx3_9kQ\nwasm: Hx3_9kQ\n", "faro");
    })
    .await;
    let get = |path: &str| {
        app.client
            .get(app.url(path))
            .header("Accept-Encoding", "br")
            .send()
    };
    let wasm = get("/pkg/faro.Hx3_9kQ.wasm").await.unwrap();
    assert_eq!(wasm.status(), 200);
    assert_eq!(wasm.headers()["content-encoding"], "br");
    assert_eq!(
        wasm.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    assert_eq!(wasm.headers()["vary"], "accept-encoding");
    let js = get("/pkg/faro.Hx3_9kQ.js").await.unwrap();
    assert_eq!(
        js.headers()["cache-control"],
        "public, max-age=31536000, immutable"
    );
    let old = get("/pkg/faro.0ld.wasm").await.unwrap();
    assert_eq!(old.status(), 200);
    assert_eq!(old.headers()["cache-control"], "public, no-cache");
    // A name that is not there is not promised to anyone for a year.
    let missing = get("/pkg/faro.Nope.wasm").await.unwrap();
    assert_eq!(missing.status(), 404);
    let kept = missing
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_string());
    assert!(!kept.unwrap_or_default().contains("immutable"));
}

async fn the_live_stream_is_never_compressed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let pm = app.signed_in("pm@demo.test").await;
    let response = pm
        .get(app.url(&format!("/events/projects/{project}")))
        .header("Accept", "text/event-stream")
        .header("Accept-Encoding", "br, gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    assert!(response.headers().get("content-encoding").is_none());
}
