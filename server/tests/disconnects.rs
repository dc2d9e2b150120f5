//! A browser that goes away mid-request is not a server fault: nothing is logged above debug
//! level for it. (Its own test binary: it installs the process's log subscriber.)

mod common;

use common::TestApp;
use faro_server::database::Backend;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Every log line at ERROR level, as the server would print it.
#[derive(Clone, Default)]
struct Errors(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Errors {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_hang_up_mid_page_leave_no_error_in_the_log() {
    let errors = Errors::default();
    let writer = errors.clone();
    tracing_subscriber::fmt()
        .with_max_level(tracing::Level::ERROR)
        .with_writer(move || writer.clone())
        .init();
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let app = TestApp::spawn_with_demo(backend).await;
        let project: i64 =
            sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
                .fetch_one(&app.pool)
                .await
                .unwrap();
        let pm = app.signed_in("pm@demo.test").await;
        let pages = [
            "/".to_string(),
            format!("/projects/{project}"),
            format!("/projects/{project}/board"),
            "/admin/people".to_string(),
        ];
        let mut requests = tokio::task::JoinSet::new();
        for n in 0..240_u64 {
            let (pm, url) = (pm.clone(), app.url(&pages[n as usize % pages.len()]));
            requests.spawn(async move {
                // Hang up after a moment: some requests are cut mid-render.
                let _ = pm
                    .get(url)
                    .header("Accept", "text/html")
                    .timeout(Duration::from_millis(1 + n % 25))
                    .send()
                    .await;
            });
        }
        while requests.join_next().await.is_some() {}
        tokio::time::sleep(Duration::from_secs(1)).await;
        // The server still answers in full.
        let (status, _) = app.page(&pm, &format!("/projects/{project}/board")).await;
        assert_eq!(status, 200);
    }
    let logged = String::from_utf8_lossy(&errors.0.lock().unwrap()).to_string();
    assert!(logged.is_empty(), "errors logged for hang-ups:\n{logged}");
}
