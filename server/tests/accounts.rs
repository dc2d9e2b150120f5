//! Stories about signing in and what each person may see, on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use faro_app::accounts::policy::SERVER_FUNCTIONS;
use faro_server::database::Backend;

on_both_databases!(
    an_anonymous_visitor_is_sent_to_sign_in,
    a_client_sees_only_their_own_projects,
    unknown_email_and_wrong_password_get_the_same_answer,
    a_malformed_email_is_explained_in_the_viewers_language,
    the_session_cookie_is_http_only_and_lax,
    a_session_cookie_stops_working_after_sign_out,
    sign_in_is_refused_after_too_many_failures,
    a_write_from_another_site_is_refused,
    pages_carry_a_script_policy_with_their_nonce,
    a_new_installation_is_set_up_once_by_its_owner,
);

async fn an_anonymous_visitor_is_sent_to_sign_in(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app.get_page("/").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/login");
    let (status, body) = app.call(&app.client, "/api/projects/list_projects").await;
    assert_eq!(status, 401, "{body}");
    let (status, html) = app.page(&app.client, "/login").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Sign in") && html.contains(r#"name="password""#),
        "{html}"
    );
    assert!(!html.contains("Tienda online") && !html.contains("Lighthouse Studio"));
}

async fn a_client_sees_only_their_own_projects(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    for (client, own, other) in [
        ("ana@cliente-uno.test", "Tienda online", "Brand refresh"),
        ("ben@client-two.test", "Brand refresh", "Tienda online"),
    ] {
        let browser = app.signed_in(client).await;
        let (status, html) = app.page(&browser, "/").await;
        assert_eq!(status, 200);
        assert!(html.contains(own), "{client} sees {own}");
        assert!(!html.contains(other), "{client} must not see {other}");
        let (status, json) = app.call(&browser, "/api/projects/list_projects").await;
        assert_eq!(status, 200);
        let names: Vec<&str> = json
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, [own]);
    }
}

async fn unknown_email_and_wrong_password_get_the_same_answer(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let browser = app.browser();
    let unknown = app
        .sign_in_with(&browser, "nobody@demo.test", "whatever password")
        .await;
    let (unknown_status, unknown_body) = (unknown.status(), unknown.text().await.unwrap());
    let wrong = app
        .sign_in_with(&browser, "pm@demo.test", "wrong password!")
        .await;
    let (wrong_status, wrong_body) = (wrong.status(), wrong.text().await.unwrap());
    assert_eq!(unknown_status, 422);
    assert_eq!((unknown_status, &unknown_body), (wrong_status, &wrong_body));
    let error: faro_app::error::AppError = serde_json::from_str(&wrong_body).unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::En.strings()),
        "That email and password do not match. Check both and try again."
    );
    let (status, _) = app.call(&browser, "/api/projects/list_projects").await;
    assert_eq!(status, 401, "a failed sign-in signs nobody in");
    let failures: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in_failed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(failures, 2);
}

async fn a_malformed_email_is_explained_in_the_viewers_language(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app
        .sign_in_with(&app.client, "not-an-email", "some password")
        .await;
    assert_eq!(response.status(), 422);
    let error: faro_app::error::AppError = response.json().await.unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::Es.strings()),
        "Escribe un correo como nombre@ejemplo.com."
    );
}

async fn the_session_cookie_is_http_only_and_lax(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app
        .sign_in_with(
            &app.client,
            "pm@demo.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("faro_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(!cookie.contains("Secure"), "plain http here: {cookie}");
    let signed_in: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(signed_in, 1);
}

async fn a_session_cookie_stops_working_after_sign_out(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app
        .sign_in_with(
            &app.client,
            "ana@cliente-uno.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .split(';')
        .next()
        .unwrap()
        .to_string();
    let with_cookie = |path: &str| {
        app.client
            .post(app.url(path))
            .header("Cookie", cookie.clone())
            .header("Content-Type", "application/x-www-form-urlencoded")
            .body("")
    };
    assert_eq!(
        with_cookie("/api/projects/list_projects")
            .send()
            .await
            .unwrap()
            .status(),
        200
    );
    let out = with_cookie("/api/accounts/sign_out").send().await.unwrap();
    assert!(
        out.status().is_success() || out.status().is_redirection(),
        "{}",
        out.status()
    );
    let after = with_cookie("/api/projects/list_projects")
        .send()
        .await
        .unwrap();
    assert_eq!(after.status(), 401, "the old cookie is worth nothing now");
    let sessions: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(sessions, 0);
}

async fn sign_in_is_refused_after_too_many_failures(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let browser = app.browser();
    for _ in 0..faro_app::accounts::SIGN_IN_FAILURES_PER_EMAIL {
        let response = app
            .sign_in_with(&browser, "pm@demo.test", "guessing wrong")
            .await;
        assert_eq!(response.status(), 422);
    }
    // Even the right password is refused now: the limit holds until the window has passed.
    let response = app
        .sign_in_with(&browser, "pm@demo.test", faro_server::demo::DEMO_PASSWORD)
        .await;
    assert_eq!(response.status(), 429);
    let error: faro_app::error::AppError = response.json().await.unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::Es.strings()),
        "Demasiados intentos. Espera 15 minutos y vuelve a intentarlo."
    );
    let (status, _) = app.call(&browser, "/api/projects/list_projects").await;
    assert_eq!(status, 401);
    // Another person at the same address is not locked out by someone else's guessing.
    let other = app
        .sign_in_with(
            &app.browser(),
            "ben@client-two.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert!(
        other.status().is_success() || other.status().is_redirection(),
        "{}",
        other.status()
    );
}

async fn a_write_from_another_site_is_refused(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let refused = app
        .client
        .post(app.url("/api/accounts/sign_in"))
        .header("Origin", "https://evil.example")
        .form(&[
            ("email", "pm@demo.test"),
            ("password", faro_server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 403);
    assert!(refused.headers().get("set-cookie").is_none());
    let own_origin = app.address.clone();
    let accepted = app
        .client
        .post(app.url("/api/accounts/sign_in"))
        .header("Origin", own_origin)
        .form(&[
            ("email", "pm@demo.test"),
            ("password", faro_server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(accepted.status().is_success() || accepted.status().is_redirection());
}

async fn pages_carry_a_script_policy_with_their_nonce(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.get_page("/login").await;
    let header = |name: &str| response.headers()[name].to_str().unwrap().to_string();
    let policy = header("content-security-policy");
    assert_eq!(header("x-content-type-options"), "nosniff");
    assert!(policy.contains("frame-ancestors 'none'"), "{policy}");
    let nonce = policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a nonce in the policy")
        .to_string();
    let html = response.text().await.unwrap();
    assert!(
        html.contains(&format!(r#"nonce="{nonce}""#)),
        "scripts carry the policy's nonce"
    );

    let call = app
        .client
        .post(app.url("/api/accounts/get_session"))
        .send()
        .await
        .unwrap();
    let policy = call.headers()["content-security-policy"].to_str().unwrap();
    assert!(policy.starts_with("default-src 'none'"), "{policy}");
}

async fn a_new_installation_is_set_up_once_by_its_owner(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.get_page("/login").await;
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["location"], "/setup");

    let owner = app.browser();
    let set_up = |browser: &reqwest::Client, password: &str| {
        browser.post(app.url("/api/accounts/set_up")).form(&[
            ("organization", "Faro Agency"),
            ("name", "Olga Owner"),
            ("email", "olga@agency.test"),
            ("password", password),
        ])
    };
    let short = set_up(&owner, "short").send().await.unwrap();
    assert_eq!(short.status(), 422);
    let error: faro_app::error::AppError = short.json().await.unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::En.strings()),
        "Use at least 10 characters."
    );
    let count = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM organizations")
            .fetch_one(&app.pool)
            .await
            .unwrap()
    };
    assert_eq!(count().await, 0, "nothing is created half-way");

    let done = set_up(&owner, "a good long password").send().await.unwrap();
    assert!(
        done.status().is_success() || done.status().is_redirection(),
        "{}",
        done.status()
    );
    let (status, html) = app.page(&owner, "/").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Faro Agency") && html.contains("No projects yet"),
        "{html}"
    );

    let intruder = app.browser();
    let again = set_up(&intruder, "another long password")
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), 404, "the first run cannot be replayed");
    assert_eq!(count().await, 1);
    let (status, _) = app.call(&intruder, "/api/projects/list_projects").await;
    assert_eq!(status, 401);
    let response = app.get_page("/setup").await;
    assert_eq!(response.headers()["location"], "/login");
}

/// Every server function the server registers has an entry in the policy's table, and every
/// entry is a registered function.
#[test]
fn every_server_function_has_a_policy_entry() {
    let mut registered: Vec<String> = leptos::server_fn::axum::server_fn_paths()
        .map(|(path, _)| path.to_string())
        .collect();
    registered.sort();
    let mut listed: Vec<String> = SERVER_FUNCTIONS
        .iter()
        .map(|(p, _)| p.to_string())
        .collect();
    listed.sort();
    assert_eq!(registered, listed);
}
