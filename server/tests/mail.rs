//! Stories about email: messages written with the change that causes them, sent to a real SMTP
//! server on loopback (aiosmtpd), retried while it refuses, given up on a refusal for good, and
//! never lost when Faro dies; several nodes on one PostgreSQL send each message once.

mod common;

use common::smtp::{mailing_app, Received, SmtpSink};
use common::{count, TestApp};
use faro_app::error::{AppError, Problem};
use faro_app::notifications::api::{ListMail, SendAgain};
use faro_app::notifications::MailStatus;
use faro_server::database::Backend;
use faro_server::mailer::Batch;
use std::time::Duration;

on_both_databases!(
    an_invitation_arrives_in_the_inviters_language_with_a_link_that_works,
    a_mail_server_refusing_for_a_while_gets_the_message_once_when_it_accepts,
    a_recipient_refused_for_good_waits_for_an_owner_to_send_it_again,
    without_a_mail_server_messages_wait_and_owners_follow_their_links,
    a_password_link_is_mailed_in_the_persons_language,
    a_claim_left_by_a_node_that_died_is_taken_over_once_it_passes,
    a_server_refusing_faro_itself_fails_no_message_and_they_go_once_it_accepts,
    a_newer_password_link_replaces_the_unsent_one,
    inviting_again_to_one_project_replaces_the_unsent_invitation_only_there,
    a_message_whose_link_expired_is_neither_sent_nor_sent_again,
    another_organizations_owner_sees_none_of_its_mail,
    one_message_failing_like_the_server_does_not_hold_back_the_others,
);

const WAIT: Duration = Duration::from_secs(20);

async fn invite(app: &TestApp, who: &reqwest::Client, email: &str, language: &str) -> u16 {
    let project = common::project_named(app, "Tienda online").await;
    who.post(app.url("/api/accounts/invite_person"))
        .header("Accept-Language", language)
        .form(&[
            ("project", project.0.to_string()),
            ("email", email.to_string()),
            ("role", "client".to_string()),
        ])
        .send()
        .await
        .unwrap()
        .status()
        .as_u16()
}

/// Waits until the outbox's only message of `recipient` satisfies `done` (status, attempts).
async fn wait_outbox(
    app: &TestApp,
    recipient: &str,
    done: impl Fn(&str, i64) -> bool,
) -> (String, i64, Option<String>) {
    let started = std::time::Instant::now();
    loop {
        let row: Option<(String, i64, Option<String>)> =
            sqlx::query_as("SELECT status, attempts, last_answer FROM outbox WHERE recipient = $1")
                .bind(recipient)
                .fetch_optional(&app.pool)
                .await
                .unwrap();
        if let Some(row) = row {
            if done(&row.0, row.1) {
                return row;
            }
        }
        assert!(
            started.elapsed() < WAIT,
            "the outbox of {recipient} never got there"
        );
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
}

fn only_message(messages: &[Received]) -> &Received {
    assert_eq!(messages.len(), 1, "exactly one message: {messages:#?}");
    &messages[0]
}

async fn an_invitation_arrives_in_the_inviters_language_with_a_link_that_works(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(invite(&app, &pm, "nuevo@cliente-uno.test", "es").await, 200);

    let messages = sink.wait_for(1, WAIT).await;
    let message = only_message(&messages);
    assert_eq!(message.envelope_to, vec!["nuevo@cliente-uno.test"]);
    assert_eq!(message.header("to"), "nuevo@cliente-uno.test");
    assert_eq!(message.header("from"), "Faro <faro@demo.test>");
    assert!(
        message
            .header("subject")
            .contains("te invita a Tienda online"),
        "{}",
        message.header("subject")
    );
    assert!(
        message.text().contains("Aceptar la invitación"),
        "{}",
        message.text()
    );
    let link = message
        .link(&format!("{}/invite/", app.address))
        .expect("an absolute link to the invitation");
    let html = message.html.as_deref().expect("an HTML part");
    assert!(html.contains(&format!("href=\"{link}\"")), "{html}");
    assert!(!html.contains("<img"), "no remote images");

    // The link works in a fresh browser, signed in as nobody.
    let (status, page) = app
        .page(&app.browser(), &link.replace(&app.address, ""))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("nuevo@cliente-uno.test"), "{page}");

    let (status, attempts, answer) =
        wait_outbox(&app, "nuevo@cliente-uno.test", |s, _| s == "sent").await;
    assert_eq!((status.as_str(), attempts), ("sent", 1));
    assert!(
        answer.unwrap().starts_with("250"),
        "the server's answer is kept"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox_attempts WHERE delivered = 1"
        )
        .await,
        1
    );
    // Sent, the link is in her mailbox only: the outbox and its page no longer hold it.
    let owner = app.signed_in("owner@demo.test").await;
    let page = app.run(&owner, ListMail {}).await.unwrap();
    let row = page
        .messages
        .iter()
        .find(|m| m.recipient == "nuevo@cliente-uno.test")
        .expect("listed");
    assert_eq!(row.status, MailStatus::Sent);
    assert_eq!(row.text_body, "", "no link left to follow");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE text_body LIKE '%/invite/%' OR html_body LIKE '%/invite/%'"
        )
        .await,
        0
    );
}

async fn a_mail_server_refusing_for_a_while_gets_the_message_once_when_it_accepts(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    sink.refuse("451 4.3.0 Greylisted, try again later");
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    // The invitation itself succeeds whatever the mail server says.
    assert_eq!(
        invite(&app, &pm, "paciente@cliente-uno.test", "en").await,
        200
    );

    let (status, _, answer) = wait_outbox(&app, "paciente@cliente-uno.test", |s, attempts| {
        s == "queued" && attempts >= 2
    })
    .await;
    assert_eq!(status, "queued", "refused for now, not given up");
    assert!(
        answer.unwrap().contains("451"),
        "the server's last answer is kept"
    );
    // The owner sees why it has not gone yet.
    let owner = app.signed_in("owner@demo.test").await;
    let page = app.run(&owner, ListMail {}).await.unwrap();
    let row = page
        .messages
        .iter()
        .find(|m| m.recipient == "paciente@cliente-uno.test")
        .unwrap();
    assert_eq!(row.status, MailStatus::Queued);
    assert!(row.attempts >= 2 && row.retry_in_minutes.is_some());
    assert!(row.last_answer.as_deref().unwrap().contains("Greylisted"));
    assert!(sink.messages().is_empty());

    sink.accept();
    let messages = sink.wait_for(1, WAIT).await;
    let (status, attempts, _) =
        wait_outbox(&app, "paciente@cliente-uno.test", |s, _| s == "sent").await;
    assert_eq!(status, "sent");
    // A few more polls: nothing is sent twice.
    tokio::time::sleep(Duration::from_millis(400)).await;
    only_message(&sink.messages());
    assert_eq!(
        only_message(&messages).envelope_to,
        vec!["paciente@cliente-uno.test"]
    );
    let recorded = count(&app, "SELECT COUNT(*) FROM outbox_attempts").await;
    assert_eq!(recorded, attempts, "every attempt is recorded");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox_attempts WHERE delivered = 1"
        )
        .await,
        1
    );
}

async fn a_recipient_refused_for_good_waits_for_an_owner_to_send_it_again(backend: Backend) {
    let sink = SmtpSink::start();
    sink.refuse("550 5.1.1 No such mailbox here");
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(invite(&app, &pm, "nadie@cliente-uno.test", "en").await, 200);
    let (status, attempts, answer) =
        wait_outbox(&app, "nadie@cliente-uno.test", |s, _| s == "dead").await;
    assert_eq!(
        (status.as_str(), attempts),
        ("dead", 1),
        "a 5xx is not retried"
    );
    assert!(answer.unwrap().contains("No such mailbox"));

    // Only owners read the organization's mail.
    for who in ["pm@demo.test", "ana@cliente-uno.test"] {
        let browser = app.signed_in(who).await;
        assert_eq!(
            app.run(&browser, ListMail {}).await.unwrap_err().0,
            404,
            "{who}"
        );
    }
    assert_eq!(
        app.run(&app.browser(), ListMail {}).await.unwrap_err().0,
        401
    );
    let owner = app.signed_in("owner@demo.test").await;
    let page = app.run(&owner, ListMail {}).await.unwrap();
    let dead = &page.messages[0];
    assert_eq!((dead.status, dead.attempts), (MailStatus::Dead, 1));
    assert!(page.sending);

    // Not by a PM, and not a message that is not dead.
    let pm_again = app.run(&pm, SendAgain { id: dead.id }).await;
    assert_eq!(pm_again.unwrap_err().0, 404);
    sink.accept();
    app.run(&owner, SendAgain { id: dead.id }).await.unwrap();
    // A second click finds it queued already: nothing changes.
    assert_eq!(
        app.run(&owner, SendAgain { id: dead.id })
            .await
            .unwrap_err()
            .0,
        404
    );
    let messages = sink.wait_for(1, WAIT).await;
    assert_eq!(
        only_message(&messages).envelope_to,
        vec!["nadie@cliente-uno.test"]
    );
    wait_outbox(&app, "nadie@cliente-uno.test", |s, _| s == "sent").await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    only_message(&sink.messages());
}

async fn without_a_mail_server_messages_wait_and_owners_follow_their_links(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(
        invite(&app, &pm, "espera@cliente-uno.test", "en").await,
        200
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    let (status, attempts, _) = wait_outbox(&app, "espera@cliente-uno.test", |_, _| true).await;
    assert_eq!(
        (status.as_str(), attempts),
        ("queued", 0),
        "nothing sends it"
    );

    let owner = app.signed_in("owner@demo.test").await;
    let (status, page) = app.page(&owner, "/admin/mail").await;
    assert_eq!(status, 200);
    assert!(page.contains("No mail server is set up"), "{page}");
    assert!(page.contains("espera@cliente-uno.test"));
    let start = page
        .find(&format!("href=\"{}/invite/", app.address))
        .expect("a clickable link")
        + 6;
    let link = &page[start..start + page[start..].find('"').unwrap()];
    let (status, invitation) = app
        .page(&app.browser(), &link.replace(&app.address, ""))
        .await;
    assert_eq!(status, 200);
    assert!(invitation.contains("espera@cliente-uno.test"));

    // A PM's request for the page finds nothing.
    let (_, page) = app.page(&pm, "/admin/mail").await;
    assert!(!page.contains("espera@cliente-uno.test"));

    // Nor is the owner told that a link is on its way: they pass it on themselves.
    let ana: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'ana@cliente-uno.test'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let made = app
        .run(
            &owner,
            faro_app::accounts::resets::api::CreateResetLink {
                user: faro_app::accounts::UserId(ana),
            },
        )
        .await
        .unwrap();
    assert!(!made.emailed);
}

async fn a_password_link_is_mailed_in_the_persons_language(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let ana: i64 = sqlx::query_scalar("SELECT id FROM users WHERE email = 'ana@cliente-uno.test'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    sqlx::query("UPDATE users SET locale = 'es' WHERE id = $1")
        .bind(ana)
        .execute(&app.pool)
        .await
        .unwrap();
    let owner = app.signed_in("owner@demo.test").await;
    let made = app
        .run(
            &owner,
            faro_app::accounts::resets::api::CreateResetLink {
                user: faro_app::accounts::UserId(ana),
            },
        )
        .await
        .unwrap();
    let messages = sink.wait_for(1, WAIT).await;
    let message = only_message(&messages);
    assert_eq!(message.envelope_to, vec!["ana@cliente-uno.test"]);
    assert!(message
        .header("subject")
        .starts_with("Elige una contraseña nueva"));
    assert!(
        message.text().starts_with("Hola, Ana García:"),
        "{}",
        message.text()
    );
    assert_eq!(
        message.link(&app.address).as_deref(),
        Some(made.url.as_str())
    );
    assert!(made.emailed, "the owner is told the link is on its way");
}

async fn a_claim_left_by_a_node_that_died_is_taken_over_once_it_passes(backend: Backend) {
    let sink = SmtpSink::start();
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(
        invite(&app, &pm, "huerfano@cliente-uno.test", "en").await,
        200
    );
    // A node claimed it, then died: its claim still holds for a moment.
    let held_until = faro_app::ids::Timestamp::now().0 + 2_000;
    sqlx::query("UPDATE outbox SET claimed_by = 'dead-node', claimed_until = $1")
        .bind(held_until)
        .execute(&app.pool)
        .await
        .unwrap();
    let mail = sink.settings("node-b");
    assert_eq!(
        mail.send_due(&app.pool).await.unwrap(),
        Batch::Done(0),
        "a live claim is respected"
    );
    tokio::time::sleep(Duration::from_millis(2_100)).await;
    assert_eq!(
        mail.send_due(&app.pool).await.unwrap(),
        Batch::Done(1),
        "a passed claim is taken over"
    );
    only_message(&sink.wait_for(1, WAIT).await);
    let node: String = sqlx::query_scalar("SELECT node FROM outbox_attempts")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(node, "node-b");
}

/// `faro serve` as its own process on `database`, sending through `smtp` when given.
fn faro_serve(database: &str, smtp: Option<&str>) -> (std::process::Child, String) {
    let addr = {
        let probe = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        probe.local_addr().unwrap().to_string()
    };
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_faro"));
    command
        .args([
            "serve",
            "--addr",
            &addr,
            "--database-url",
            database,
            "--log",
            "warn",
        ])
        .env_remove("FARO_SMTP_URL")
        .stdout(std::process::Stdio::null());
    if let Some(smtp) = smtp {
        command.args(["--smtp-url", smtp, "--mail-from", "Faro <faro@demo.test>"]);
    }
    let child = command.spawn().unwrap();
    let started = std::time::Instant::now();
    while std::net::TcpStream::connect(&addr).is_err() {
        assert!(
            started.elapsed() < WAIT,
            "faro serve did not start on {addr}"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    (child, format!("http://{addr}"))
}

fn sigkill(child: &mut std::process::Child) {
    let status = std::process::Command::new("kill")
        .args(["-KILL", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let _ = child.wait();
}

#[tokio::test]
async fn a_message_queued_when_faro_is_killed_is_delivered_after_the_restart() {
    let folder = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/faro.db", folder.path().display());
    let demo = std::process::Command::new(env!("CARGO_BIN_EXE_faro"))
        .args(["demo", "--database-url", &database])
        .stdout(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(demo.success());
    // The invitation is made on a Faro that has not sent it yet…
    let (mut first, base) = faro_serve(&database, None);
    let browser = reqwest::Client::builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let signed_in = browser
        .post(format!("{base}/api/accounts/sign_in"))
        .form(&[
            ("email", "pm@demo.test"),
            ("password", faro_server::demo::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(signed_in.status().is_success());
    let pool = faro_server::database::connect(&database).await.unwrap();
    let project: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let invited = browser
        .post(format!("{base}/api/accounts/invite_person"))
        .form(&[
            ("project", project.to_string()),
            ("email", "superviviente@cliente-uno.test".to_string()),
            ("role", "client".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(invited.status(), 200);
    // …and dies before it could deliver it.
    sigkill(&mut first);
    let status: String = sqlx::query_scalar("SELECT status FROM outbox")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(status, "queued");

    let sink = SmtpSink::start();
    let (mut second, _) = faro_serve(&database, Some(&sink.url()));
    let messages = sink.wait_for(1, WAIT).await;
    assert_eq!(
        only_message(&messages).envelope_to,
        vec!["superviviente@cliente-uno.test"]
    );
    sigkill(&mut second);
}

#[tokio::test]
async fn a_node_told_to_stop_lets_go_of_its_messages_and_another_sends_them_at_once() {
    let folder = tempfile::tempdir().unwrap();
    let database = format!("sqlite://{}/faro.db", folder.path().display());
    let pool = faro_server::database::connect(&database).await.unwrap();
    faro_server::database::migrate(&pool).await.unwrap();
    let mut tx = pool.begin().await.unwrap();
    for n in 0..30 {
        let message = faro_app::notifications::compose::test_message(
            &format!("person{n}@example.test"),
            "http://faro.test",
        );
        faro_app::notifications::db::enqueue(&mut tx, &message, faro_app::ids::Timestamp::now())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let sink = SmtpSink::start();
    // A slow server: the node holds a batch of 20 while it sends.
    sink.delay(Duration::from_millis(150));
    let (mut first, _) = faro_serve(&database, Some(&sink.url()));
    sink.wait_for(2, WAIT).await;
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE claimed_by IS NOT NULL")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(held > 0, "the node holds messages while it sends");
    // Stopped (as a service manager does), it finishes the message in hand and lets go of the
    // rest.
    let status = std::process::Command::new("kill")
        .args(["-TERM", &first.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let started = std::time::Instant::now();
    while first.try_wait().unwrap().is_none() {
        assert!(started.elapsed() < WAIT, "faro serve did not stop");
        std::thread::sleep(Duration::from_millis(50));
    }
    let still_held: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE claimed_by IS NOT NULL")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(still_held, 0, "no claim left behind");
    let sent_by_first = sink.messages().len();
    assert!(sent_by_first < 30, "it stopped before the end");

    // Another node sends the rest now, not when the claims would have passed (5 minutes).
    let (mut second, _) = faro_serve(&database, Some(&sink.url()));
    let messages = sink.wait_for(30, WAIT).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    sigkill(&mut second);
    let mut ids: Vec<String> = sink
        .messages()
        .iter()
        .map(|m| m.header("x-faro-message").to_string())
        .collect();
    assert_eq!(messages.len(), 30);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 30, "each once");
}

#[tokio::test]
async fn two_nodes_on_one_postgres_send_each_of_200_messages_once() {
    let database = common::TestDatabase::create(Backend::Postgres).await;
    let pool = faro_server::database::connect(&database.url).await.unwrap();
    faro_server::database::migrate(&pool).await.unwrap();
    let mut tx = pool.begin().await.unwrap();
    for n in 0..200 {
        let message = faro_app::notifications::compose::test_message(
            &format!("person{n}@example.test"),
            "http://faro.test",
        );
        faro_app::notifications::db::enqueue(&mut tx, &message, faro_app::ids::Timestamp::now())
            .await
            .unwrap();
    }
    tx.commit().await.unwrap();

    let sink = SmtpSink::start();
    // The server takes its time with each message, so both nodes are at work together.
    sink.delay(Duration::from_millis(20));
    let (mut one, _) = faro_serve(&database.url, Some(&sink.url()));
    let (mut two, _) = faro_serve(&database.url, Some(&sink.url()));
    let messages = sink.wait_for(200, Duration::from_secs(60)).await;
    // Both nodes keep looking for a while: still nothing twice.
    tokio::time::sleep(Duration::from_secs(3)).await;
    sigkill(&mut one);
    sigkill(&mut two);
    let messages_now = sink.messages();
    assert_eq!(messages_now.len(), 200, "each message once, none twice");
    let mut ids: Vec<String> = messages
        .iter()
        .map(|m| m.header("x-faro-message").to_string())
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 200);
    let sent: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM outbox WHERE status = 'sent'")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(sent, 200);
    let nodes: i64 = sqlx::query_scalar("SELECT COUNT(DISTINCT node) FROM outbox_attempts")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(nodes, 2, "both nodes sent a share");
}

/// The message of `recipient` as the outbox holds it: status, attempts, last answer.
async fn outbox_of(app: &TestApp, recipient: &str) -> Vec<(String, i64, Option<String>)> {
    sqlx::query_as(
        "SELECT status, attempts, last_answer FROM outbox WHERE recipient = $1 ORDER BY id",
    )
    .bind(recipient)
    .fetch_all(&app.pool)
    .await
    .unwrap()
}

async fn a_server_refusing_faro_itself_fails_no_message_and_they_go_once_it_accepts(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    // A sender address the server does not take: no message can go, none is to blame.
    sink.refuse_sender("553 5.1.8 Sender address rejected: domain not found");
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    for email in ["uno@cliente-uno.test", "dos@cliente-uno.test"] {
        assert_eq!(invite(&app, &pm, email, "en").await, 200);
    }
    // The invitations themselves succeeded; the messages wait.
    wait_outbox(&app, "uno@cliente-uno.test", |_, _| true).await;
    // Let the worker try (and pause) a few times.
    let started = std::time::Instant::now();
    while count(&app, "SELECT COUNT(*) FROM outbox_attempts").await < 3 {
        assert!(started.elapsed() < WAIT, "the worker keeps trying");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    for email in ["uno@cliente-uno.test", "dos@cliente-uno.test"] {
        for (status, attempts, _) in outbox_of(&app, email).await {
            assert_eq!(
                (status.as_str(), attempts),
                ("queued", 0),
                "{email}: the server's failure counts against no message"
            );
        }
    }
    let answers = sqlx::query_scalar::<_, String>(
        "SELECT last_answer FROM outbox WHERE last_answer IS NOT NULL",
    )
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(
        answers.iter().any(|a| a.contains("5.1.8")),
        "owners see the server's answer: {answers:?}"
    );
    assert!(sink.messages().is_empty());

    sink.accept_sender();
    let messages = sink.wait_for(2, WAIT).await;
    let mut to: Vec<String> = messages.iter().map(|m| m.envelope_to[0].clone()).collect();
    to.sort();
    assert_eq!(to, ["dos@cliente-uno.test", "uno@cliente-uno.test"]);
    for email in ["uno@cliente-uno.test", "dos@cliente-uno.test"] {
        let (status, attempts, _) = wait_outbox(&app, email, |s, _| s == "sent").await;
        assert_eq!((status.as_str(), attempts), ("sent", 1), "{email}");
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(sink.messages().len(), 2, "each once");
}

async fn a_newer_password_link_replaces_the_unsent_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = faro_app::accounts::UserId(
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'ana@cliente-uno.test'")
            .fetch_one(&app.pool)
            .await
            .unwrap(),
    );
    let owner = app.signed_in("owner@demo.test").await;
    let reset = faro_app::accounts::resets::api::CreateResetLink { user: ana };
    app.run(&owner, reset.clone()).await.unwrap();
    let newest = app.run(&owner, reset).await.unwrap();
    let rows = outbox_of(&app, "ana@cliente-uno.test").await;
    let statuses: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(statuses, ["superseded", "queued"]);
    let page = app.run(&owner, ListMail {}).await.unwrap();
    assert_eq!(
        page.messages
            .iter()
            .filter(|m| m.recipient == "ana@cliente-uno.test")
            .map(|m| m.status)
            .collect::<Vec<_>>(),
        [MailStatus::Queued, MailStatus::Superseded],
        "newest first"
    );

    // Once a mail server is there, only the link that works goes out.
    let sink = SmtpSink::start();
    let mail = sink.settings("node-a");
    assert_eq!(mail.send_due(&app.pool).await.unwrap(), Batch::Done(1));
    let messages = sink.wait_for(1, WAIT).await;
    assert_eq!(
        only_message(&messages).link(&app.address).as_deref(),
        Some(newest.url.as_str())
    );
}

async fn inviting_again_to_one_project_replaces_the_unsent_invitation_only_there(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let email = "dos-veces@cliente-uno.test";
    assert_eq!(invite(&app, &pm, email, "es").await, 200);
    assert_eq!(invite(&app, &pm, email, "es").await, 200);
    // The same person invited to another project gets that invitation too.
    let brand = common::project_named(&app, "Brand refresh").await;
    let other = owner
        .post(app.url("/api/accounts/invite_person"))
        .form(&[
            ("project", brand.0.to_string()),
            ("email", email.to_string()),
            ("role", "client".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 200);
    let rows = outbox_of(&app, email).await;
    let statuses: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert_eq!(statuses, ["superseded", "queued", "queued"]);

    // Once a mail server is there, the two working invitations go, and both links open.
    let sink = SmtpSink::start();
    let mail = sink.settings("node-a");
    assert_eq!(mail.send_due(&app.pool).await.unwrap(), Batch::Done(2));
    let messages = sink.wait_for(2, WAIT).await;
    for message in &messages {
        let link = message
            .link(&format!("{}/invite/", app.address))
            .expect("an invitation link");
        let (status, page) = app
            .page(&app.browser(), &link.replace(&app.address, ""))
            .await;
        assert_eq!(status, 200);
        assert!(page.contains(email), "a working invitation: {page}");
    }
}

async fn a_message_whose_link_expired_is_neither_sent_nor_sent_again(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(invite(&app, &pm, "tarde@cliente-uno.test", "en").await, 200);
    // The invitation expired while no mail server was set up.
    let past = faro_app::ids::Timestamp::now().0 - 1;
    sqlx::query("UPDATE outbox SET expires_at = $1")
        .bind(past)
        .execute(&app.pool)
        .await
        .unwrap();
    let sink = SmtpSink::start();
    let mail = sink.settings("node-a");
    assert_eq!(mail.send_due(&app.pool).await.unwrap(), Batch::Done(0));
    let rows = outbox_of(&app, "tarde@cliente-uno.test").await;
    assert_eq!(rows[0].0, "expired");
    let owner = app.signed_in("owner@demo.test").await;
    let page = app.run(&owner, ListMail {}).await.unwrap();
    assert_eq!(page.messages[0].status, MailStatus::Expired);

    // A dead message whose link has expired since is not sent again: the owner is told why.
    sqlx::query("UPDATE outbox SET status = 'dead', attempts = 10")
        .execute(&app.pool)
        .await
        .unwrap();
    let (status, error) = app
        .run(
            &owner,
            SendAgain {
                id: page.messages[0].id,
            },
        )
        .await
        .unwrap_err();
    assert_eq!(status, 422);
    assert!(
        matches!(
            error,
            AppError::Invalid {
                problem: Problem::MailLinkExpired,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(outbox_of(&app, "tarde@cliente-uno.test").await[0].0, "dead");
    tokio::time::sleep(Duration::from_millis(200)).await;
    assert!(sink.messages().is_empty());
}

async fn another_organizations_owner_sees_none_of_its_mail(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(invite(&app, &pm, "ajeno@cliente-uno.test", "en").await, 200);
    sqlx::query("UPDATE outbox SET status = 'dead', attempts = 1")
        .execute(&app.pool)
        .await
        .unwrap();
    let id: i64 = sqlx::query_scalar("SELECT id FROM outbox")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    faro_server::users::add(
        &app.pool,
        faro_server::users::NewStaff {
            organization: "Other Agency",
            name: "Otto Other",
            email: "otto@other.test",
            role: faro_server::config::StaffRole::Owner,
        },
        "another long password",
    )
    .await
    .unwrap();
    let otto = app.browser();
    let signed_in = app
        .sign_in_with(&otto, "otto@other.test", "another long password")
        .await;
    assert!(signed_in.status().is_success() || signed_in.status().is_redirection());

    let page = app.run(&otto, ListMail {}).await.unwrap();
    assert!(page.messages.is_empty(), "{:?}", page.messages);
    let (_, html) = app.page(&otto, "/admin/mail").await;
    assert!(!html.contains("ajeno@cliente-uno.test"));
    // Another organization's message answers like a missing one, and stays as it was.
    assert_eq!(app.run(&otto, SendAgain { id }).await.unwrap_err().0, 404);
    assert_eq!(
        app.run(&otto, SendAgain { id: id + 1000 })
            .await
            .unwrap_err()
            .0,
        404
    );
    assert_eq!(outbox_of(&app, "ajeno@cliente-uno.test").await[0].0, "dead");
}

/// A relay that times out checking one recipient answers 421 for that message only, which
/// looks like the server failing. The other messages still go; that one's failures are counted
/// against it (so it ends as dead, not retried forever ahead of everything else).
async fn one_message_failing_like_the_server_does_not_hold_back_the_others(backend: Backend) {
    let sink = SmtpSink::start();
    sink.refuse_recipient(
        "atascado@cliente-uno.test",
        "421 4.4.2 Timeout while checking the recipient",
    );
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    assert_eq!(
        invite(&app, &pm, "atascado@cliente-uno.test", "en").await,
        200
    );
    // Alone, its failure is taken for the server's: uncounted, and the worker pauses.
    wait_outbox(&app, "atascado@cliente-uno.test", |_, _| true).await;
    let started = std::time::Instant::now();
    while count(
        &app,
        "SELECT COUNT(*) FROM outbox_attempts a JOIN outbox o ON o.id = a.message_id
         WHERE o.recipient = 'atascado@cliente-uno.test'",
    )
    .await
        == 0
    {
        assert!(started.elapsed() < WAIT, "never tried");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }

    let others = [
        "uno@cliente-uno.test",
        "dos@cliente-uno.test",
        "tres@cliente-uno.test",
    ];
    for email in others {
        assert_eq!(invite(&app, &pm, email, "en").await, 200);
    }
    let messages = sink.wait_for(3, WAIT).await;
    let mut delivered: Vec<_> = messages.iter().map(|m| m.envelope_to[0].clone()).collect();
    delivered.sort();
    assert_eq!(
        delivered,
        vec![
            "dos@cliente-uno.test",
            "tres@cliente-uno.test",
            "uno@cliente-uno.test"
        ]
    );
    // Its failures now count against it; it waits its turn like any refused message.
    let (status, attempts, answer) =
        wait_outbox(&app, "atascado@cliente-uno.test", |_, attempts| {
            attempts >= 1
        })
        .await;
    assert_eq!(status, "queued");
    assert!(
        answer.unwrap().contains("(421): 4.4.2"),
        "the relay's answer is kept"
    );
    assert!(attempts >= 1);
}
