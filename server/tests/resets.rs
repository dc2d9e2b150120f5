//! Stories about password reset links, on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use faro_app::error::AppError;
use faro_server::database::Backend;
use serde_json::Value;

on_both_databases!(
    an_owner_hands_over_a_reset_link_and_the_old_sessions_end,
    a_reset_link_works_once_and_for_a_day,
    only_owners_make_reset_links,
);

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

/// An owner makes a reset link for `email`; answers the token.
async fn reset_token(app: &TestApp, owner: &reqwest::Client, email: &str) -> String {
    let response = owner
        .post(app.url("/api/accounts/create_reset_link"))
        .form(&[("user", user_id(app, email).await.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let link: Value = response.json().await.unwrap();
    let url = link["url"].as_str().unwrap();
    assert!(url.starts_with(&format!("{}/reset/", app.address)), "{url}");
    url.rsplit('/').next().unwrap().to_string()
}

async fn reset(
    app: &TestApp,
    browser: &reqwest::Client,
    token: &str,
    password: &str,
) -> reqwest::Response {
    browser
        .post(app.url("/api/accounts/reset_password"))
        .form(&[("token", token), ("password", password)])
        .send()
        .await
        .unwrap()
}

async fn an_owner_hands_over_a_reset_link_and_the_old_sessions_end(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let owner = app.signed_in("owner@demo.test").await;
    let old_device = app.signed_in("ana@cliente-uno.test").await;
    let token = reset_token(&app, &owner, "ana@cliente-uno.test").await;

    let ana = app.browser();
    let (status, html) = app.page(&ana, &format!("/reset/{token}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("For Ana García (ana@cliente-uno.test)"),
        "{html}"
    );
    let short = reset(&app, &ana, &token, "short").await;
    assert_eq!(short.status(), 422);
    assert_eq!(
        app.call(&old_device, "/api/projects/list_projects").await.0,
        200,
        "nothing changed yet"
    );

    let done = reset(&app, &ana, &token, "ana's new long password").await;
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    assert_eq!(
        app.call(&ana, "/api/projects/list_projects").await.0,
        200,
        "signed in here"
    );
    assert_eq!(
        app.call(&old_device, "/api/projects/list_projects").await.0,
        401,
        "and nowhere else"
    );
    let old = app
        .sign_in_with(
            &app.browser(),
            "ana@cliente-uno.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(old.status(), 422);
    let audited: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM audit_events WHERE action IN ('reset_link_made', 'password_reset')",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(audited, 2);
}

async fn a_reset_link_works_once_and_for_a_day(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let owner = app.signed_in("owner@demo.test").await;
    let token = reset_token(&app, &owner, "pm@demo.test").await;
    assert!(reset(&app, &app.browser(), &token, "first long password")
        .await
        .status()
        .is_success());
    let again = reset(&app, &app.browser(), &token, "second long password").await;
    assert_eq!(again.status(), 410);
    let error: AppError = again.json().await.unwrap();
    assert_eq!(error, AppError::LinkExpired);

    let late = reset_token(&app, &owner, "ben@client-two.test").await;
    sqlx::query("UPDATE password_resets SET expires_at = expires_at - $1")
        .bind(25_i64 * 60 * 60 * 1000)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        reset(&app, &app.browser(), &late, "a late long password")
            .await
            .status(),
        410
    );
    let (status, html) = app.page(&app.browser(), &format!("/reset/{late}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("expired or was already used"));
    let still = app
        .sign_in_with(
            &app.browser(),
            "ben@client-two.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert!(still.status().is_success() || still.status().is_redirection());
}

async fn only_owners_make_reset_links(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = user_id(&app, "ana@cliente-uno.test").await.to_string();
    for (who, expected) in [("pm@demo.test", 404), ("ben@client-two.test", 404)] {
        let browser = app.signed_in(who).await;
        let response = browser
            .post(app.url("/api/accounts/create_reset_link"))
            .form(&[("user", ana.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), expected, "{who}");
    }
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM password_resets")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(count, 0);
}
