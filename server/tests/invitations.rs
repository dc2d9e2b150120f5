//! Stories about inviting people to a project and accepting, and about project pages being
//! private, on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use faro_server::database::Backend;
use serde_json::Value;

on_both_databases!(
    a_pm_invites_a_client_who_joins_and_lands_in_the_project,
    an_invitation_link_works_once,
    an_expired_invitation_is_refused_and_creates_nobody,
    only_staff_invite_and_only_owners_invite_staff,
    an_email_of_another_company_cannot_be_invited,
    an_existing_colleague_is_added_without_a_link,
    without_javascript_the_link_is_shown_on_the_project_page,
    another_clients_project_looks_like_a_missing_one,
);

/// The id of the demo project called `name`.
async fn project_id(app: &TestApp, name: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM projects WHERE name = $1")
        .bind(name)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

/// Calls `invite_person` as a script does; answers status and JSON.
async fn invite(
    app: &TestApp,
    browser: &reqwest::Client,
    project: i64,
    email: &str,
    role: &str,
) -> (u16, Value) {
    let response = browser
        .post(app.url("/api/accounts/invite_person"))
        .form(&[
            ("project", project.to_string().as_str()),
            ("email", email),
            ("role", role),
        ])
        .send()
        .await
        .unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

/// The token at the end of an invitation link.
fn token_of(invited: &Value) -> String {
    let url = invited["Link"]["url"].as_str().expect("a link");
    url.rsplit('/').next().unwrap().to_string()
}

async fn accept(
    app: &TestApp,
    browser: &reqwest::Client,
    token: &str,
    name: &str,
    password: &str,
) -> reqwest::Response {
    browser
        .post(app.url("/api/accounts/accept_invitation"))
        .form(&[("token", token), ("name", name), ("password", password)])
        .send()
        .await
        .unwrap()
}

async fn a_pm_invites_a_client_who_joins_and_lands_in_the_project(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let pm = app.signed_in("pm@demo.test").await;
    let (status, invited) = invite(&app, &pm, shop, "  Carla@Cliente-Uno.test ", "client").await;
    assert_eq!(status, 200, "{invited}");
    assert_eq!(invited["Link"]["email"], "carla@cliente-uno.test");
    let url = invited["Link"]["url"].as_str().unwrap();
    assert!(
        url.starts_with(&format!("{}/invite/", app.address)),
        "{url}"
    );
    let token = token_of(&invited);
    let stored: String = sqlx::query_scalar("SELECT token_hash FROM invitations")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_ne!(stored, token, "only the token's hash is stored");

    // The PM's project page lists the invitation as waiting.
    let (_, html) = app.page(&pm, &format!("/projects/{shop}")).await;
    assert!(html.contains("carla@cliente-uno.test"), "{html}");

    // The invitee opens the link in another browser.
    let carla = app.browser();
    let (status, html) = app.page(&carla, &format!("/invite/{token}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains(
            "Pablo Martín invited you to the project “Tienda online” at Lighthouse Studio"
        ),
        "{html}"
    );
    assert!(html.contains("carla@cliente-uno.test"));

    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let short = accept(&app, &carla, &token, "Carla Ruiz", "short").await;
    assert_eq!(short.status(), 422);
    let error: faro_app::error::AppError = short.json().await.unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::En.strings()),
        "Use at least 10 characters."
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );

    let joined = accept(&app, &carla, &token, "Carla Ruiz", "a long enough password").await;
    assert!(
        joined.status().is_success() || joined.status().is_redirection(),
        "{}",
        joined.status()
    );
    let (status, html) = app.page(&carla, &format!("/projects/{shop}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Tienda online") && html.contains("Carla Ruiz"),
        "{html}"
    );
    let (status, json) = app.call(&carla, "/api/projects/list_projects").await;
    assert_eq!(status, 200);
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert!(
        !html.contains("Invite someone"),
        "a client gets no invite form"
    );

    // She signs in with her new password later, too.
    let later = app.browser();
    let response = app
        .sign_in_with(&later, "carla@cliente-uno.test", "a long enough password")
        .await;
    assert!(response.status().is_success() || response.status().is_redirection());

    for action in ["invitation_sent", "invitation_accepted"] {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = $1")
            .bind(action)
            .fetch_one(&app.pool)
            .await
            .unwrap();
        assert_eq!(n, 1, "{action} is audited");
    }
}

async fn an_invitation_link_works_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let pm = app.signed_in("pm@demo.test").await;
    let (_, invited) = invite(&app, &pm, shop, "dani@cliente-uno.test", "client").await;
    let token = token_of(&invited);
    let first = accept(&app, &app.browser(), &token, "Dani", "first long password").await;
    assert!(first.status().is_success() || first.status().is_redirection());
    let again = accept(
        &app,
        &app.browser(),
        &token,
        "Mallory",
        "second long password",
    )
    .await;
    assert_eq!(again.status(), 410);
    let error: faro_app::error::AppError = again.json().await.unwrap();
    assert_eq!(error, faro_app::error::AppError::LinkExpired);
    let (status, html) = app.page(&app.browser(), &format!("/invite/{token}")).await;
    assert_eq!(status, 410);
    assert!(html.contains("expired or was already used"), "{html}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users WHERE name = 'Mallory'").await,
        0
    );
    // A made-up token answers exactly the same.
    let (status, _) = app.page(&app.browser(), "/invite/not-a-real-token").await;
    assert_eq!(status, 410);
}

async fn an_expired_invitation_is_refused_and_creates_nobody(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let pm = app.signed_in("pm@demo.test").await;
    let (_, invited) = invite(&app, &pm, shop, "late@cliente-uno.test", "client").await;
    let token = token_of(&invited);
    // Eight days pass.
    sqlx::query("UPDATE invitations SET expires_at = expires_at - $1")
        .bind(8_i64 * 24 * 60 * 60 * 1000)
        .execute(&app.pool)
        .await
        .unwrap();
    let users_before = count(&app, "SELECT COUNT(*) FROM users").await;
    let response = accept(
        &app,
        &app.browser(),
        &token,
        "Late",
        "a long enough password",
    )
    .await;
    assert_eq!(response.status(), 410);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM users").await,
        users_before
    );
    let (_, html) = app.page(&pm, &format!("/projects/{shop}")).await;
    assert!(
        !html.contains("late@cliente-uno.test"),
        "no longer listed as waiting"
    );
}

async fn only_staff_invite_and_only_owners_invite_staff(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, _) = invite(&app, &ana, shop, "friend@cliente-uno.test", "client").await;
    assert_eq!(status, 404, "a client cannot invite");
    let (status, _) = invite(&app, &app.browser(), shop, "x@cliente-uno.test", "client").await;
    assert_eq!(status, 401, "nor can an anonymous visitor");
    let pm = app.signed_in("pm@demo.test").await;
    let (status, _) = invite(&app, &pm, shop, "colleague@demo.test", "pm").await;
    assert_eq!(status, 404, "a PM cannot bring in staff");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invitations").await, 0);
    let owner = app.signed_in("owner@demo.test").await;
    let (status, invited) = invite(&app, &owner, shop, "colleague@demo.test", "pm").await;
    assert_eq!(status, 200, "{invited}");
    let token = token_of(&invited);
    accept(
        &app,
        &app.browser(),
        &token,
        "Cora Colleague",
        "a long enough password",
    )
    .await;
    let role: String = sqlx::query_scalar("SELECT role FROM users WHERE email = $1")
        .bind("colleague@demo.test")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(role, "pm");
}

async fn an_email_of_another_company_cannot_be_invited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let brand = project_id(&app, "Brand refresh").await;
    let pm = app.signed_in("pm@demo.test").await;
    // Ana is a client of Cliente Uno; Brand refresh is Client Two's.
    let (status, json) = invite(&app, &pm, brand, "ana@cliente-uno.test", "client").await;
    assert_eq!(status, 422, "{json}");
    let error: faro_app::error::AppError = serde_json::from_value(json).unwrap();
    assert!(error
        .message(faro_app::i18n::Locale::Es.strings())
        .contains("ya tiene una cuenta"));
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, _) = app.page(&ana, &format!("/projects/{brand}")).await;
    assert_eq!(status, 404, "and she still cannot see it");
}

async fn an_existing_colleague_is_added_without_a_link(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let owner = app.signed_in("owner@demo.test").await;
    let (status, json) = invite(&app, &owner, shop, "pm@demo.test", "pm").await;
    assert_eq!(status, 200, "{json}");
    assert_eq!(json["Added"]["name"], "Pablo Martín");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM invitations").await, 0);
}

async fn without_javascript_the_link_is_shown_on_the_project_page(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = project_id(&app, "Tienda online").await;
    let pm = app.signed_in("pm@demo.test").await;
    let page = app.url(&format!("/projects/{shop}"));
    let response = pm
        .post(app.url("/api/accounts/invite_person"))
        .header("Accept", "text/html")
        .header("Referer", &page)
        .form(&[
            ("project", shop.to_string().as_str()),
            ("email", "nojs@cliente-uno.test"),
            ("role", "client"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let (_, html) = app.page(&pm, &format!("/projects/{shop}")).await;
    assert!(html.contains(&format!("{}/invite/", app.address)), "{html}");
    assert!(
        html.contains("Send this link to nojs@cliente-uno.test"),
        "{html}"
    );
    let (_, again) = app.page(&pm, &format!("/projects/{shop}")).await;
    assert!(!again.contains("/invite/"), "the link is shown once");
}

async fn another_clients_project_looks_like_a_missing_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let brand = project_id(&app, "Brand refresh").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (theirs, theirs_html) = app.page(&ana, &format!("/projects/{brand}")).await;
    let (missing, missing_html) = app.page(&ana, "/projects/999999").await;
    assert_eq!((theirs, missing), (404, 404));
    assert!(!theirs_html.contains("Brand refresh") && !theirs_html.contains("Client Two"));
    let title = |html: &str| {
        html.split("<h1>")
            .nth(1)
            .map(|s| s.split('<').next().unwrap().to_string())
    };
    assert_eq!(title(&theirs_html), title(&missing_html));

    let call = |id: i64| {
        let ana = ana.clone();
        let url = app.url("/api/projects/get_project");
        async move {
            let response = ana
                .post(url)
                .form(&[("id", id.to_string())])
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    assert_eq!(call(brand).await, call(999_999).await);
    let own = project_id(&app, "Tienda online").await;
    assert_eq!(call(own).await.0, 200);
}
