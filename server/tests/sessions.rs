//! Stories about sessions, on SQLite and PostgreSQL: an ended session stays ended even while
//! another tab or device is using it, and a session lives 14 days after the last visit while
//! being written at most once an hour.

mod common;

use common::{session_cookie, TestApp};
use faro_server::database::Backend;
use faro_server::demo::DEMO_PASSWORD;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

on_both_databases_at_once!(
    a_session_ended_by_a_password_change_stays_ended_while_in_use,
    a_session_ended_by_sign_out_stays_ended_while_another_tab_loads_pages,
);

on_both_databases!(a_visit_keeps_a_session_alive_but_writes_it_at_most_hourly,);

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

/// Signs `email` in on a fresh device and answers its session cookie.
async fn device(app: &TestApp, email: &str) -> String {
    let response = app.sign_in_with(&app.client, email, DEMO_PASSWORD).await;
    assert!(response.status().is_redirection() || response.status().is_success());
    session_cookie(&response)
}

async fn call_with(app: &TestApp, cookie: &str, path: &str, body: String) -> u16 {
    app.client
        .post(app.url(path))
        .header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Four loops loading the project page's data and the people page with `cookie` until `stop`,
/// as a second device or tab does while the session is ended elsewhere.
fn hammer(
    app: &TestApp,
    cookie: &str,
    project: i64,
    stop: Arc<AtomicBool>,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..4)
        .map(|n| {
            let (client, base, cookie, stop) = (
                app.client.clone(),
                app.address.clone(),
                cookie.to_string(),
                stop.clone(),
            );
            tokio::spawn(async move {
                while !stop.load(Ordering::Relaxed) {
                    let (path, body) = if n % 2 == 0 {
                        ("/api/projects/get_project", format!("id={project}"))
                    } else {
                        ("/api/accounts/list_people", String::new())
                    };
                    let _ = client
                        .post(format!("{base}{path}"))
                        .header("Cookie", &cookie)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .body(body)
                        .send()
                        .await;
                }
            })
        })
        .collect()
}

async fn a_session_ended_by_a_password_change_stays_ended_while_in_use(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = scalar(&app, "SELECT id FROM projects WHERE name = 'Tienda online'").await;
    let laptop = device(&app, "owner@demo.test").await;
    let phone = device(&app, "owner@demo.test").await;
    let stop = Arc::new(AtomicBool::new(false));
    let loops = hammer(&app, &laptop, project, stop.clone());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let status = call_with(
        &app,
        &phone,
        "/api/accounts/change_password",
        format!("current_password={DEMO_PASSWORD}&new_password=a%20brand%20new%20passphrase"),
    )
    .await;
    assert_eq!(status, 200);
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for l in loops {
        l.await.unwrap();
    }
    assert_eq!(
        call_with(&app, &laptop, "/api/accounts/list_people", String::new()).await,
        401,
        "the laptop's session ended with the password change and stays ended"
    );
    assert_eq!(
        call_with(&app, &phone, "/api/accounts/list_people", String::new()).await,
        401,
        "the phone's old cookie was replaced by a new session"
    );
    let owner_sessions = scalar(
        &app,
        "SELECT COUNT(*) FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE u.email = 'owner@demo.test'",
    )
    .await;
    assert_eq!(
        owner_sessions, 1,
        "only the session that changed the password"
    );
}

async fn a_session_ended_by_sign_out_stays_ended_while_another_tab_loads_pages(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = scalar(&app, "SELECT id FROM projects WHERE name = 'Tienda online'").await;
    let cookie = device(&app, "pm@demo.test").await;
    let stop = Arc::new(AtomicBool::new(false));
    let loops = hammer(&app, &cookie, project, stop.clone());
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    let status = call_with(&app, &cookie, "/api/accounts/sign_out", String::new()).await;
    assert!(status == 200 || status == 302, "{status}");
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    stop.store(true, Ordering::Relaxed);
    for l in loops {
        l.await.unwrap();
    }
    assert_eq!(
        call_with(&app, &cookie, "/api/accounts/list_people", String::new()).await,
        401
    );
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM sessions").await, 0);
}

async fn a_visit_keeps_a_session_alive_but_writes_it_at_most_hourly(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = scalar(&app, "SELECT id FROM projects WHERE name = 'Tienda online'").await;
    for email in ["ana@cliente-uno.test", "pm@demo.test"] {
        sqlx::query("DELETE FROM sessions")
            .execute(&app.pool)
            .await
            .unwrap();
        let browser = app.signed_in(email).await;
        let expires = || async { scalar(&app, "SELECT MAX(expires_at) FROM sessions").await };
        let signed_in_until = expires().await;
        let now = faro_app::ids::Timestamp::now().0;
        let fourteen_days = 14 * 24 * 3600 * 1000;
        assert!((signed_in_until - (now + fourteen_days)).abs() < 60_000);
        // Visits within the hour write nothing.
        for _ in 0..3 {
            let (status, _) = app.page(&browser, &format!("/projects/{project}")).await;
            assert_eq!(status, 200);
            let (status, _) = app
                .page(&browser, &format!("/projects/{project}/board"))
                .await;
            assert_eq!(status, 200);
        }
        assert_eq!(
            expires().await,
            signed_in_until,
            "{email}: no write within the hour"
        );

        // An hour and a bit later (the session's clock turned back), a visit moves the end to
        // 14 days from now.
        let (id, data): (String, String) = sqlx::query_as("SELECT id, data FROM sessions")
            .fetch_one(&app.pool)
            .await
            .unwrap();
        let mut data: serde_json::Value = serde_json::from_str(&data).unwrap();
        data["seen"] = serde_json::json!(now / 1000 - 3700);
        sqlx::query("UPDATE sessions SET data = $1, expires_at = $2 WHERE id = $3")
            .bind(data.to_string())
            .bind(now + 1_000_000)
            .bind(&id)
            .execute(&app.pool)
            .await
            .unwrap();
        let (status, _) = app.page(&browser, "/").await;
        assert_eq!(status, 200);
        let later = expires().await;
        assert!(
            (later - (now + fourteen_days)).abs() < 60_000,
            "{email}: a visit after an hour keeps the session for 14 more days"
        );
    }
}
