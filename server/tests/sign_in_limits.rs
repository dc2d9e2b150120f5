//! Stories about what anonymous callers can make Faro do, on SQLite and PostgreSQL: the limit on
//! wrong passwords holds when they come all at once, the limit per address does not lock out
//! everyone behind one proxy, and bogus links never make the server hash passwords.

mod common;

use common::TestApp;
use faro_server::database::Backend;
use faro_server::demo::DEMO_PASSWORD;

on_both_databases_at_once!(
    forty_wrong_passwords_at_once_are_checked_at_most_five_times,
    bogus_links_cost_no_hashing_and_the_board_still_answers,
);

on_both_databases!(
    behind_a_trusted_proxy_one_guesser_does_not_lock_out_the_others,
    without_a_trusted_proxy_forwarded_addresses_are_ignored,
);

async fn sign_in_from(app: &TestApp, email: &str, password: &str, from: &str) -> u16 {
    app.browser()
        .post(app.url("/api/accounts/sign_in"))
        .header("X-Forwarded-For", from)
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

async fn forty_wrong_passwords_at_once_are_checked_at_most_five_times(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let hashes_before = faro_app::accounts::password::hashes_started();
    let mut attempts = tokio::task::JoinSet::new();
    for n in 0..40 {
        let (browser, url) = (app.browser(), app.url("/api/accounts/sign_in"));
        attempts.spawn(async move {
            browser
                .post(url)
                .form(&[
                    ("email", "pm@demo.test"),
                    ("password", &format!("guess {n}")),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let mut statuses = Vec::new();
    while let Some(status) = attempts.join_next().await {
        statuses.push(status.unwrap());
    }
    let checked = statuses.iter().filter(|s| **s == 422).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + refused, 40, "{statuses:?}");
    assert!(
        checked <= faro_app::accounts::SIGN_IN_FAILURES_PER_EMAIL as usize,
        "{checked} wrong passwords were checked"
    );
    assert!(
        faro_app::accounts::password::hashes_started() - hashes_before <= 5,
        "no more than five hashes were verified"
    );
    assert_eq!(
        checked, 5,
        "as many as the limit allows are checked: {statuses:?}"
    );
    // Each checked wrong password is remembered as a failure; refused ones are not.
    let failures: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM failed_sign_ins WHERE email = 'pm@demo.test'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(failures, checked as i64);
    // The right password is refused too until the window has passed.
    assert_eq!(
        sign_in_from(&app, "pm@demo.test", DEMO_PASSWORD, "-").await,
        429
    );
}

async fn behind_a_trusted_proxy_one_guesser_does_not_lock_out_the_others(backend: Backend) {
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.trusted_proxies = faro_server::client_address::TrustedProxies::new(vec![
            faro_server::client_address::parse_network("127.0.0.0/8").unwrap(),
        ]);
    })
    .await;
    let guesser = "203.0.113.9";
    let per_address = faro_app::accounts::SIGN_IN_FAILURES_PER_ADDRESS;
    for n in 0..per_address {
        let status = sign_in_from(&app, &format!("nobody{n}@x.test"), "wrong guess", guesser).await;
        assert_eq!(status, 422);
    }
    assert_eq!(
        sign_in_from(&app, "nobody-else@x.test", "wrong guess", guesser).await,
        429,
        "the guesser's address is limited"
    );
    // The client wrote a fake address in front; the proxy appended the real one.
    assert_eq!(
        sign_in_from(
            &app,
            "again@x.test",
            "wrong guess",
            &format!("198.51.100.1, {guesser}")
        )
        .await,
        429,
        "a forged left part does not escape the limit"
    );
    let owner = sign_in_from(&app, "owner@demo.test", DEMO_PASSWORD, "198.51.100.7").await;
    assert!(
        owner == 200 || owner == 302,
        "the owner behind the same proxy signs in: {owner}"
    );
    let recorded: Vec<String> = sqlx::query_scalar("SELECT DISTINCT ip FROM failed_sign_ins")
        .fetch_all(&app.pool)
        .await
        .unwrap();
    assert_eq!(recorded, [guesser.to_string()]);
}

async fn without_a_trusted_proxy_forwarded_addresses_are_ignored(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let per_address = faro_app::accounts::SIGN_IN_FAILURES_PER_ADDRESS;
    for n in 0..per_address {
        let from = format!("203.0.113.{n}");
        let status = sign_in_from(&app, &format!("nobody{n}@x.test"), "wrong guess", &from).await;
        assert_eq!(status, 422);
    }
    assert_eq!(
        sign_in_from(&app, "owner@demo.test", DEMO_PASSWORD, "198.51.100.7").await,
        429,
        "everything came from 127.0.0.1, whatever the header said"
    );
}

async fn bogus_links_cost_no_hashing_and_the_board_still_answers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let hashes_before = faro_app::accounts::password::hashes_started();
    let users_before: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let mut bogus = tokio::task::JoinSet::new();
    for n in 0..200 {
        let (browser, base) = (app.browser(), app.address.clone());
        bogus.spawn(async move {
            let (path, form) = if n % 2 == 0 {
                (
                    "/api/accounts/accept_invitation",
                    vec![
                        ("token", format!("made-up-token-{n}")),
                        ("name", "Mallory".to_string()),
                        ("password", "a long enough password".to_string()),
                    ],
                )
            } else {
                (
                    "/api/accounts/reset_password",
                    vec![
                        ("token", format!("made-up-token-{n}")),
                        ("password", "a long enough password".to_string()),
                    ],
                )
            };
            browser
                .post(format!("{base}{path}"))
                .form(&form)
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    let board = pm
        .post(app.url("/api/board/get_board"))
        .form(&[("project", project.to_string())])
        .send()
        .await
        .unwrap();
    assert_eq!(
        board.status(),
        200,
        "a signed-in board read answers meanwhile"
    );
    let mut statuses = Vec::new();
    while let Some(status) = bogus.join_next().await {
        statuses.push(status.unwrap());
    }
    assert!(statuses.iter().all(|s| *s == 410), "{statuses:?}");
    assert_eq!(
        faro_app::accounts::password::hashes_started(),
        hashes_before,
        "no password was hashed for a dead link"
    );
    let users_after: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(users_after, users_before);
    let setup = app
        .browser()
        .post(app.url("/api/accounts/set_up"))
        .form(&[
            ("organization", "Takeover"),
            ("name", "Mallory"),
            ("email", "mallory@x.test"),
            ("password", "a long enough password"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(setup.status(), 404);
    assert_eq!(
        faro_app::accounts::password::hashes_started(),
        hashes_before
    );
}
