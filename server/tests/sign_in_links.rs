//! Stories about sign-in links: a client asks on /login/link, the link arrives by email (real
//! SMTP on loopback), opening it uses nothing, pressing "Sign in" signs them in once. Staff and
//! unknown addresses get the same answer and no mail; a link ends after 15 minutes or when a
//! newer one is asked for; asking is limited like wrong passwords.

mod common;

use common::smtp::{mailing_app, SmtpSink};
use common::{count, TestApp};
use faro_app::accounts::api::GetSession;
use faro_app::accounts::sign_in_links::api::UseSignInLink;
use faro_app::error::AppError;
use faro_server::database::Backend;
use std::time::Duration;

on_both_databases!(
    a_client_signs_in_once_with_the_link_emailed_to_them,
    staff_and_unknown_addresses_get_the_same_answer_and_no_mail,
    a_link_ends_after_fifteen_minutes_and_when_a_newer_one_is_asked_for,
    asking_for_links_is_limited_like_wrong_passwords,
);

on_both_databases_at_once!(one_link_used_twice_at_the_same_instant_signs_in_once);

const WAIT: Duration = Duration::from_secs(20);

/// Asks for a link for `email` as the page's script does; answers the status and where the
/// answer leads the browser.
async fn ask(app: &TestApp, email: &str) -> (u16, String) {
    let response = app
        .browser()
        .post(app.url("/api/accounts/request_sign_in_link"))
        .form(&[("email", email)])
        .send()
        .await
        .unwrap();
    let location = response
        .headers()
        .get("location")
        .map(|l| l.to_str().unwrap().to_string())
        .unwrap_or_default();
    (response.status().as_u16(), location)
}

/// The token of the newest sign-in link queued for `email`, read from the outbox as the
/// recipient would read it in the message.
async fn newest_token(app: &TestApp, email: &str) -> String {
    let text: String = sqlx::query_scalar(
        "SELECT text_body FROM outbox WHERE recipient = $1 AND kind = 'sign_in_link'
         ORDER BY id DESC LIMIT 1",
    )
    .bind(email)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    token_in(&text, &app.address)
}

fn token_in(text: &str, address: &str) -> String {
    let prefix = format!("{address}/login/link/");
    let start = text.find(&prefix).expect("a link to sign in") + prefix.len();
    text[start..]
        .split(|c: char| c.is_whitespace())
        .next()
        .unwrap()
        .to_string()
}

async fn use_link(app: &TestApp, browser: &reqwest::Client, token: &str) -> Result<(), AppError> {
    app.run(
        browser,
        UseSignInLink {
            token: token.to_string(),
        },
    )
    .await
    .map_err(|(_, error)| error)
}

async fn who_is_signed_in(app: &TestApp, browser: &reqwest::Client) -> Option<String> {
    app.run(browser, GetSession {})
        .await
        .unwrap()
        .map(|session| session.user.email)
}

async fn a_client_signs_in_once_with_the_link_emailed_to_them(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;

    assert_eq!(
        ask(&app, "Ana@Cliente-Uno.test").await,
        (200, "/login/link?sent=mail".to_string()),
        "any case of the address"
    );
    let messages = sink.wait_for(1, WAIT).await;
    assert_eq!(messages.len(), 1);
    let message = &messages[0];
    assert_eq!(message.envelope_to, vec!["ana@cliente-uno.test"]);
    assert!(
        message
            .header("subject")
            .starts_with("Your link to sign in"),
        "{}",
        message.header("subject")
    );
    assert!(message.text().contains("15 minutes"), "{}", message.text());
    let link = message
        .link(&format!("{}/login/link/", app.address))
        .expect("an absolute link");
    let token = token_in(&link, &app.address);

    // Opening the link (as a mail scanner would) shows whose it is and uses nothing.
    let browser = app.browser();
    for _ in 0..2 {
        let (status, page) = app.page(&browser, &link.replace(&app.address, "")).await;
        assert_eq!(status, 200);
        assert!(page.contains("Sign in as Ana García"), "{page}");
    }
    assert_eq!(who_is_signed_in(&app, &browser).await, None);

    use_link(&app, &browser, &token).await.unwrap();
    assert_eq!(
        who_is_signed_in(&app, &browser).await.as_deref(),
        Some("ana@cliente-uno.test")
    );

    // Once only: another browser with the same link gets nowhere.
    let other = app.browser();
    assert_eq!(
        use_link(&app, &other, &token).await,
        Err(AppError::LinkExpired)
    );
    assert_eq!(who_is_signed_in(&app, &other).await, None);
    let (_, page) = app.page(&other, &link.replace(&app.address, "")).await;
    assert!(page.contains("This link no longer works"), "{page}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'sign_in_link_used'"
        )
        .await,
        1
    );

    // The owner sees that it went, not the link: it was hers alone.
    let owner = app.signed_in("owner@demo.test").await;
    let mail = app
        .run(&owner, faro_app::notifications::api::ListMail {})
        .await
        .unwrap();
    let row = mail
        .messages
        .iter()
        .find(|m| m.kind == faro_app::notifications::MailKind::SignInLink)
        .expect("listed");
    assert_eq!(row.recipient, "ana@cliente-uno.test");
    assert_eq!(row.text_body, "", "no link to follow");
}

async fn staff_and_unknown_addresses_get_the_same_answer_and_no_mail(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;

    // Timed: every answer takes the same fixed time (300 ms), far above the work's own, so the
    // time does not tell a client's address from the others.
    let mut took = Vec::new();
    let mut answers = Vec::new();
    for email in ["pm@demo.test", "nadie@ninguna.test", "ben@client-two.test"] {
        let started = std::time::Instant::now();
        answers.push(ask(&app, email).await);
        took.push(started.elapsed());
    }
    let (staff, unknown, client) = (&answers[0], &answers[1], &answers[2]);
    assert_eq!(staff, client, "a staff address looks like any other");
    assert_eq!(unknown, client, "an unknown address looks like any other");
    for time in &took {
        assert!(
            *time >= Duration::from_millis(300) && *time < Duration::from_millis(1500),
            "{took:?}"
        );
    }

    let messages = sink.wait_for(1, WAIT).await;
    tokio::time::sleep(Duration::from_millis(400)).await;
    let recipients: Vec<_> = sink
        .messages()
        .iter()
        .flat_map(|m| m.envelope_to.clone())
        .collect();
    assert_eq!(recipients, vec!["ben@client-two.test"], "{messages:#?}");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM sign_in_links").await, 1);

    // Even a link made by hand for a staff member signs nobody in.
    let pm: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'pm@demo.test'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let (token, hash) = (
        "made-by-hand-for-staff",
        faro_app::accounts::token::hash("made-by-hand-for-staff"),
    );
    sqlx::query(
        "INSERT INTO sign_in_links (user_id, token_hash, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(pm)
    .bind(hash)
    .bind(faro_app::ids::Timestamp::now())
    .bind(faro_app::accounts::sign_in_links::expiry(
        faro_app::ids::Timestamp::now(),
    ))
    .execute(&app.pool)
    .await
    .unwrap();
    let browser = app.browser();
    assert_eq!(
        use_link(&app, &browser, token).await,
        Err(AppError::LinkExpired)
    );
    assert_eq!(who_is_signed_in(&app, &browser).await, None);

    // A malformed address is told so, in the asker's words.
    let (status, answer) = app
        .post_form(
            &app.browser(),
            "/api/accounts/request_sign_in_link",
            &[("email", "not an address".to_string())],
        )
        .await;
    assert_eq!(status, 422, "{answer}");
}

async fn a_link_ends_after_fifteen_minutes_and_when_a_newer_one_is_asked_for(backend: Backend) {
    // No mail server: the messages wait in the outbox, which is enough to read their links.
    let app = TestApp::spawn_with_demo(backend).await;
    assert_eq!(
        ask(&app, "ana@cliente-uno.test").await,
        (200, "/login/link?sent=hand".to_string()),
        "told that the agency passes it on"
    );
    let first = newest_token(&app, "ana@cliente-uno.test").await;
    ask(&app, "ana@cliente-uno.test").await;
    let second = newest_token(&app, "ana@cliente-uno.test").await;
    assert_ne!(first, second);

    let statuses: Vec<String> =
        sqlx::query_scalar("SELECT status FROM outbox WHERE kind = 'sign_in_link' ORDER BY id")
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        statuses,
        vec!["superseded", "queued"],
        "only the newer one goes out"
    );
    let browser = app.browser();
    assert_eq!(
        use_link(&app, &browser, &first).await,
        Err(AppError::LinkExpired),
        "the newer link replaced it"
    );

    let lifetime: i64 = sqlx::query_scalar(
        "SELECT expires_at - created_at FROM sign_in_links WHERE used_at IS NULL",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(lifetime, 15 * 60 * 1000);
    // Sixteen minutes later.
    sqlx::query(
        "UPDATE sign_in_links SET created_at = created_at - 960000, expires_at = expires_at - 960000",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    let (status, page) = app.page(&browser, &format!("/login/link/{second}")).await;
    assert_eq!(status, 410, "gone");
    assert!(page.contains("This link no longer works"), "{page}");
    assert_eq!(
        use_link(&app, &browser, &second).await,
        Err(AppError::LinkExpired)
    );
    assert_eq!(who_is_signed_in(&app, &browser).await, None);
}

async fn asking_for_links_is_limited_like_wrong_passwords(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    for email in ["ana@cliente-uno.test", "nadie@ninguna.test"] {
        for _ in 0..faro_app::accounts::SIGN_IN_FAILURES_PER_EMAIL {
            assert_eq!(ask(&app, email).await.0, 200);
        }
        let (status, _) = ask(&app, email).await;
        assert_eq!(status, 429, "{email}: the same refusal, known or not");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE recipient = 'ana@cliente-uno.test'"
        )
        .await,
        faro_app::accounts::SIGN_IN_FAILURES_PER_EMAIL
    );
    // Once the window has passed she may ask again.
    sqlx::query("UPDATE failed_sign_ins SET created_at = created_at - 3600000")
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(ask(&app, "ana@cliente-uno.test").await.0, 200);
}

async fn one_link_used_twice_at_the_same_instant_signs_in_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    ask(&app, "ana@cliente-uno.test").await;
    let token = newest_token(&app, "ana@cliente-uno.test").await;
    let browsers: Vec<_> = (0..8).map(|_| app.browser()).collect();
    let results = futures::future::join_all(
        browsers
            .iter()
            .map(|browser| use_link(&app, browser, &token)),
    )
    .await;
    assert_eq!(
        results.iter().filter(|r| r.is_ok()).count(),
        1,
        "{results:?}"
    );
    assert!(results
        .iter()
        .all(|r| r.is_ok() || *r == Err(AppError::LinkExpired)));
    let mut signed_in = 0;
    for browser in &browsers {
        if who_is_signed_in(&app, browser).await.is_some() {
            signed_in += 1;
        }
    }
    assert_eq!(signed_in, 1);
}
