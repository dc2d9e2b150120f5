//! Stories about the live board stream (`/events/projects/{id}`), on SQLite and PostgreSQL:
//! what a client's stream may carry, catching up after a reconnect, and (PostgreSQL) changes
//! made on another node.

mod common;

use common::stream::Stream;
use common::TestApp;
use faro_server::database::Backend;
use serde_json::Value;
use std::time::Duration;

on_both_databases!(
    a_client_stream_never_carries_an_internal_card,
    a_reconnecting_stream_catches_up_on_what_it_missed,
    only_people_of_the_project_may_listen,
    a_stream_ends_once_its_session_is_gone,
    idle_streams_cost_one_session_check_per_node_not_one_per_stream,
    a_client_taken_off_a_project_stops_receiving_it,
    a_stream_its_node_cannot_check_ends_after_three_tries,
    streams_are_capped_per_session_and_per_node,
    many_open_boards_cost_one_read_per_change_and_viewer_kind,
);

on_both_databases_at_once!(an_open_board_misses_nothing_while_twelve_people_write_at_once,);

mod postgres_only {
    #[tokio::test]
    async fn a_change_on_one_node_reaches_a_stream_on_another() {
        super::a_change_on_one_node_reaches_a_stream_on_another().await;
    }
}

async fn post(app: &TestApp, who: &reqwest::Client, path: &str, form: &[(&str, String)]) -> Value {
    let response = who.post(app.url(path)).form(form).send().await.unwrap();
    assert!(
        response.status().is_success(),
        "{path}: {}",
        response.status()
    );
    response.json().await.unwrap()
}

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

fn card_form(
    project: i64,
    column: i64,
    title: &str,
    visibility: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("project", project.to_string()),
        ("column", column.to_string()),
        ("title", title.to_string()),
        ("visibility", visibility.to_string()),
    ]
}

async fn shop_and_backlog(app: &TestApp) -> (i64, i64) {
    let project = scalar(app, "SELECT id FROM projects WHERE name = 'Tienda online'").await;
    let backlog = scalar(
        app,
        &format!("SELECT MIN(id) FROM board_columns WHERE project_id = {project}"),
    )
    .await;
    (project, backlog)
}

async fn a_client_stream_never_carries_an_internal_card(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (project, backlog) = shop_and_backlog(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let url = app.url(&format!("/events/projects/{project}"));
    let mut client = Stream::open(url.clone(), &ana, None).await;
    let mut staff = Stream::open(url, &pm, None).await;

    let secret = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Margin per product", "internal"),
    )
    .await;
    let secret = secret.as_i64().unwrap();
    let old_internal = scalar(
        &app,
        "SELECT id FROM cards WHERE title = 'Refactorizar el estado del carrito'",
    )
    .await;
    post(
        &app,
        &pm,
        "/api/board/move_card",
        &[
            ("project", project.to_string()),
            ("card", old_internal.to_string()),
            ("column", backlog.to_string()),
            ("position", "0".into()),
        ],
    )
    .await;
    let open = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Size guide", "client"),
    )
    .await;
    let open = open.as_i64().unwrap();

    let client_saw = client.until_card(open).await;
    assert!(
        client_saw
            .iter()
            .all(|c| c["card"] != secret && c["card"] != old_internal),
        "{client_saw:?}"
    );
    assert_eq!(client_saw.len(), 1, "{client_saw:?}");
    assert_eq!(client_saw[0]["kind"], "created");
    let staff_saw = staff.until_card(open).await;
    let cards: Vec<&Value> = staff_saw.iter().map(|c| &c["card"]).collect();
    assert_eq!(
        cards,
        [
            &Value::from(secret),
            &Value::from(old_internal),
            &Value::from(open)
        ]
    );
}

async fn a_reconnecting_stream_catches_up_on_what_it_missed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (project, backlog) = shop_and_backlog(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let url = app.url(&format!("/events/projects/{project}"));
    let mut first = Stream::open(url.clone(), &ana, None).await;
    let one = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "One", "client"),
    )
    .await;
    let (last_seen, data) = first.next(Duration::from_secs(5)).await.expect("a change");
    assert_eq!(data["card"], one);
    drop(first);
    // While disconnected: two changes.
    let two = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Two", "client"),
    )
    .await;
    let three = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Three", "client"),
    )
    .await;
    let mut again = Stream::open(url, &ana, Some(last_seen)).await;
    let (_, first_missed) = again.next(Duration::from_secs(5)).await.expect("caught up");
    let (_, second_missed) = again.next(Duration::from_secs(5)).await.expect("caught up");
    assert_eq!(
        (first_missed["card"].clone(), second_missed["card"].clone()),
        (two, three)
    );
}

async fn only_people_of_the_project_may_listen(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    let anonymous = app.browser();
    assert_eq!(anonymous.get(&url).send().await.unwrap().status(), 401);
    let ben = app.signed_in("ben@client-two.test").await;
    assert_eq!(ben.get(&url).send().await.unwrap().status(), 404);
}

async fn a_change_on_one_node_reaches_a_stream_on_another() {
    let app = TestApp::spawn_with_demo(Backend::Postgres).await;
    let (project, backlog) = shop_and_backlog(&app).await;
    let other = app.another_node().await;
    // Sessions live in the shared database: one sign-in works on both nodes.
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let pm = app.signed_in("pm@demo.test").await;
    let mut on_other = Stream::open(format!("{other}/events/projects/{project}"), &ana, None).await;
    let started = std::time::Instant::now();
    let card = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "From node one", "client"),
    )
    .await;
    let (_, data) = on_other
        .next(Duration::from_secs(5))
        .await
        .expect("the other node hears it");
    assert_eq!(data["card"], card);
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

async fn a_stream_ends_once_its_session_is_gone(backend: Backend) {
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.live_recheck = Duration::from_secs(1);
    })
    .await;
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let pm = app.signed_in("pm@demo.test").await;
    let mut ana_stream = Stream::open(url.clone(), &ana, None).await;
    let mut pm_stream = Stream::open(url, &pm, None).await;
    assert!(
        !ana_stream.ends_within(Duration::from_millis(1500)).await,
        "a signed-in viewer's stream stays open"
    );

    let out = ana
        .post(app.url("/api/accounts/sign_out"))
        .send()
        .await
        .unwrap();
    assert!(out.status().is_success() || out.status().is_redirection());
    assert!(
        ana_stream.ends_within(Duration::from_secs(5)).await,
        "signed out: the stream ends within its re-check interval"
    );

    // The PM changes the password on another device: this device's stream ends too.
    let phone = app.signed_in("pm@demo.test").await;
    let changed = phone
        .post(app.url("/api/accounts/change_password"))
        .form(&[
            ("current_password", faro_server::demo::DEMO_PASSWORD),
            ("new_password", "another long passphrase"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert!(pm_stream.ends_within(Duration::from_secs(5)).await);
}

async fn idle_streams_cost_one_session_check_per_node_not_one_per_stream(backend: Backend) {
    let mut open = None;
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.live_recheck = Duration::from_millis(300);
        open = Some(state.open_streams.clone());
    })
    .await;
    let open = open.unwrap();
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    // 24 staff tabs in three sessions and 8 client tabs in one, all idle.
    let mut staff = Vec::new();
    for _ in 0..3 {
        let pm = app.signed_in("pm@demo.test").await;
        for _ in 0..8 {
            staff.push(Stream::open(url.clone(), &pm, None).await);
        }
    }
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let mut clients = Vec::new();
    for _ in 0..8 {
        clients.push(Stream::open(url.clone(), &ana, None).await);
    }
    let before = open.checks();
    let idle = Duration::from_millis(1500);
    assert!(
        !staff[0].ends_within(idle).await,
        "a signed-in viewer's stream stays open"
    );
    let checks = open.checks() - before;
    // About five intervals of 300 ms: one round of queries each for the node's four sessions
    // on one board, where a check per stream would be 32 each.
    assert!(
        (1..=8).contains(&checks),
        "one round of queries per interval for 32 idle streams: {checks}"
    );

    // Ana's session expires: her eight tabs end at the next check, nobody else's.
    sqlx::query(
        "UPDATE sessions SET expires_at = 0
         WHERE user_id = (SELECT id FROM users WHERE email = 'ana@cliente-uno.test')",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    for stream in clients.iter_mut() {
        assert!(
            stream.ends_within(Duration::from_secs(3)).await,
            "an expired session's stream ends"
        );
    }
    // Two more intervals: the staff's streams are still open.
    assert!(!staff[0].ends_within(Duration::from_millis(700)).await);
    for stream in staff.iter_mut() {
        assert!(!stream.ends_within(Duration::from_millis(20)).await);
    }
    assert!(
        ana.get(&url).send().await.unwrap().status() == 401,
        "and cannot open again"
    );
}

async fn a_client_taken_off_a_project_stops_receiving_it(backend: Backend) {
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.live_recheck = Duration::from_millis(300);
    })
    .await;
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let pm = app.signed_in("pm@demo.test").await;
    let mut ana_streams = [
        Stream::open(url.clone(), &ana, None).await,
        Stream::open(url.clone(), &ana, None).await,
    ];
    let mut pm_stream = Stream::open(url.clone(), &pm, None).await;
    // There is no screen for it yet: an operator removes her membership in the database. She
    // stays signed in, but the board is no longer hers to watch.
    sqlx::query(
        "DELETE FROM project_members WHERE project_id = $1
           AND user_id = (SELECT id FROM users WHERE email = 'ana@cliente-uno.test')",
    )
    .bind(project)
    .execute(&app.pool)
    .await
    .unwrap();
    for stream in ana_streams.iter_mut() {
        assert!(
            stream.ends_within(Duration::from_secs(3)).await,
            "her streams end at the next check"
        );
    }
    assert!(!pm_stream.ends_within(Duration::from_millis(700)).await);
    let again = ana.get(&url).send().await.unwrap().status();
    assert_eq!(again, 404, "and the board answers like a missing one");
}

async fn streams_are_capped_per_session_and_per_node(backend: Backend) {
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.open_streams = faro_server::live::OpenStreams::new(10);
    })
    .await;
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let mut open = Vec::new();
    for _ in 0..faro_server::live::STREAMS_PER_SESSION {
        open.push(Stream::open(url.clone(), &ana, None).await);
    }
    let refused = ana.get(&url).send().await.unwrap();
    assert_eq!(refused.status(), 503, "a ninth stream of one session");
    assert!(refused.headers().contains_key("retry-after"));
    let pm = app.signed_in("pm@demo.test").await;
    open.push(Stream::open(url.clone(), &pm, None).await);
    open.push(Stream::open(url.clone(), &pm, None).await);
    assert_eq!(
        pm.get(&url).send().await.unwrap().status(),
        503,
        "the node holds 10 at most"
    );
    // A closed stream frees its place.
    open.pop();
    tokio::time::sleep(Duration::from_millis(300)).await;
    let again = Stream::open(url.clone(), &pm, None).await;
    drop(again);
}

async fn an_open_board_misses_nothing_while_twelve_people_write_at_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let (project, _) = shop_and_backlog(&app).await;
    let columns: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM board_columns WHERE project_id = $1 ORDER BY position")
            .bind(project)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    let pm = app.signed_in("pm@demo.test").await;
    let mut stream = Stream::open(app.url(&format!("/events/projects/{project}")), &pm, None).await;
    let start = scalar(
        &app,
        &format!("SELECT COALESCE(MAX(id), 0) FROM board_events WHERE project_id = {project}"),
    )
    .await;
    let until = std::time::Instant::now() + Duration::from_secs(4);
    let mut writers = tokio::task::JoinSet::new();
    for writer in 0..12_usize {
        let (pm, base, columns) = (pm.clone(), app.address.clone(), columns.clone());
        writers.spawn(async move {
            let mut refused = Vec::new();
            let mut mine = Vec::new();
            let mut step = writer;
            while std::time::Instant::now() < until {
                step += 7;
                let column = columns[step % columns.len()];
                let (path, form) = if mine.is_empty() || step % 3 == 0 {
                    (
                        "/api/board/create_card",
                        vec![
                            ("project", project.to_string()),
                            ("column", column.to_string()),
                            ("title", format!("Writer {writer} card {step}")),
                        ],
                    )
                } else {
                    let card: i64 = mine[step % mine.len()];
                    (
                        "/api/board/move_card",
                        vec![
                            ("project", project.to_string()),
                            ("card", card.to_string()),
                            ("column", column.to_string()),
                            ("position", (step % 5).to_string()),
                        ],
                    )
                };
                let response = pm
                    .post(format!("{base}{path}"))
                    .form(&form)
                    .send()
                    .await
                    .unwrap();
                let status = response.status().as_u16();
                let body: Value = response.json().await.unwrap_or(Value::Null);
                if status != 200 {
                    refused.push(format!("{path} {status} {body}"));
                } else if path.ends_with("create_card") {
                    mine.push(body.as_i64().unwrap());
                }
            }
            refused
        });
    }
    let mut refused = Vec::new();
    while let Some(result) = writers.join_next().await {
        refused.extend(result.unwrap());
    }
    assert!(
        refused.is_empty(),
        "{} refused: {:?}",
        refused.len(),
        &refused[..refused.len().min(5)]
    );

    let written: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM board_events WHERE project_id = $1 AND id > $2 ORDER BY id",
    )
    .bind(project)
    .bind(start)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(written.len() > 50, "the writers wrote: {}", written.len());
    let mut received = Vec::new();
    while received.len() < written.len() {
        match stream.next(Duration::from_secs(5)).await {
            Some((id, _)) => received.push(id),
            None => break,
        }
    }
    let missed: Vec<&i64> = written.iter().filter(|id| !received.contains(id)).collect();
    assert!(
        missed.is_empty(),
        "{} of {} changes never reached the open board: {:?}",
        missed.len(),
        written.len(),
        &missed[..missed.len().min(10)]
    );
    assert_eq!(received, written, "in order, each once");
}

async fn many_open_boards_cost_one_read_per_change_and_viewer_kind(backend: Backend) {
    let mut feeds = None;
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        feeds = Some(state.feeds.clone());
    })
    .await;
    let feeds = feeds.unwrap();
    let (project, backlog) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    // 30 staff tabs and 10 client tabs (several people, at most 8 each), all on one board.
    let mut staff = Vec::new();
    for _ in 0..5 {
        let pm = app.signed_in("pm@demo.test").await;
        for _ in 0..6 {
            staff.push(Stream::open(url.clone(), &pm, None).await);
        }
    }
    let mut clients = Vec::new();
    for _ in 0..2 {
        let ana = app.signed_in("ana@cliente-uno.test").await;
        for _ in 0..5 {
            clients.push(Stream::open(url.clone(), &ana, None).await);
        }
    }
    let pm = app.signed_in("pm@demo.test").await;
    let reads_before = feeds.reads();
    let card = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Seen by forty tabs", "client"),
    )
    .await;
    for stream in staff.iter_mut().chain(clients.iter_mut()) {
        let (_, data) = stream
            .next(Duration::from_secs(5))
            .await
            .expect("every open board hears it");
        assert_eq!(data["card"], card);
    }
    let reads = feeds.reads() - reads_before;
    assert!(
        reads <= 2,
        "one read per viewer kind for 40 open boards, not one per board: {reads}"
    );
    // An internal card reaches the 30 staff tabs, and no client tab.
    let secret = post(
        &app,
        &pm,
        "/api/board/create_card",
        &card_form(project, backlog, "Staff only", "internal"),
    )
    .await;
    for stream in staff.iter_mut() {
        let (_, data) = stream
            .next(Duration::from_secs(5))
            .await
            .expect("staff hear it");
        assert_eq!(data["card"], secret);
    }
    for stream in clients.iter_mut() {
        assert!(stream.next(Duration::from_millis(300)).await.is_none());
    }
}

async fn a_stream_its_node_cannot_check_ends_after_three_tries(backend: Backend) {
    let app = TestApp::spawn_with_demo_configured(backend, |state| {
        state.live_recheck = Duration::from_millis(300);
    })
    .await;
    let (project, _) = shop_and_backlog(&app).await;
    let url = app.url(&format!("/events/projects/{project}"));
    let pm = app.signed_in("pm@demo.test").await;
    let mut stream = Stream::open(url.clone(), &pm, None).await;
    assert!(!stream.ends_within(Duration::from_millis(700)).await);
    // The sessions cannot be read (here: their table is away): nobody can be confirmed, so
    // after three failed checks the stream ends rather than go on unchecked.
    let away = |from: &str, to: &str| format!("ALTER TABLE {from} RENAME TO {to}");
    sqlx::query(&away("sessions", "sessions_away"))
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(
        stream.ends_within(Duration::from_secs(5)).await,
        "an unchecked stream ends"
    );
    sqlx::query(&away("sessions_away", "sessions"))
        .execute(&app.pool)
        .await
        .unwrap();
    // The database is back: the browser reconnects and is let in again.
    let mut again = Stream::open(url, &pm, None).await;
    assert!(!again.ends_within(Duration::from_millis(700)).await);
}
