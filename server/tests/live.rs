//! Stories about the live board stream (`/events/projects/{id}`), on SQLite and PostgreSQL:
//! what a client's stream may carry, catching up after a reconnect, and (PostgreSQL) changes
//! made on another node.

mod common;

use common::TestApp;
use faro_server::database::Backend;
use serde_json::Value;
use std::time::Duration;

on_both_databases!(
    a_client_stream_never_carries_an_internal_card,
    a_reconnecting_stream_catches_up_on_what_it_missed,
    only_people_of_the_project_may_listen,
);

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

/// An open event stream, read as the browser's EventSource would.
struct Stream {
    response: reqwest::Response,
    buffer: String,
}

impl Stream {
    async fn open(url: String, who: &reqwest::Client, last_event_id: Option<i64>) -> Stream {
        let mut request = who.get(url).header("Accept", "text/event-stream");
        if let Some(id) = last_event_id {
            request = request.header("Last-Event-ID", id.to_string());
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 200);
        assert_eq!(response.headers()["content-type"], "text/event-stream");
        Stream {
            response,
            buffer: String::new(),
        }
    }

    /// The next `change` event (id, data), or `None` when none comes within `wait`.
    async fn next(&mut self, wait: Duration) -> Option<(i64, Value)> {
        let deadline = tokio::time::Instant::now() + wait;
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut id = None;
                let mut data = None;
                for line in block.lines() {
                    if let Some(v) = line.strip_prefix("id:") {
                        id = v.trim().parse::<i64>().ok();
                    } else if let Some(v) = line.strip_prefix("data:") {
                        data = serde_json::from_str::<Value>(v.trim()).ok();
                    }
                }
                if let (Some(id), Some(data)) = (id, data) {
                    return Some((id, data));
                }
            }
            let chunk = tokio::time::timeout_at(deadline, self.response.chunk())
                .await
                .ok()?
                .ok()??;
            self.buffer.push_str(&String::from_utf8_lossy(&chunk));
        }
    }

    /// Every change until one about `card`, which must come within 5 s.
    async fn until_card(&mut self, card: i64) -> Vec<Value> {
        let mut seen = Vec::new();
        loop {
            let (_, data) = self
                .next(Duration::from_secs(5))
                .await
                .unwrap_or_else(|| panic!("no change about card {card}; saw {seen:?}"));
            let done = data["card"] == card;
            seen.push(data);
            if done {
                return seen;
            }
        }
    }
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
        "SELECT id FROM cards WHERE title = 'Refactor the cart state'",
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
