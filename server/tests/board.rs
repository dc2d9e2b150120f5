//! Stories about the board, on SQLite and PostgreSQL: who sees which card, moving cards, editing
//! them at the same time, columns, and input that must be refused.

mod common;

use common::TestApp;
use faro_app::board::api::{GetBoard, GetCard};
use faro_app::board::{Board, CardId};
use faro_app::projects::ProjectId;
use faro_server::database::Backend;

on_both_databases!(
    a_card_description_is_text_in_its_edit_box,
    a_client_never_receives_an_internal_card,
    a_new_project_gets_the_default_columns,
    the_order_survives_a_thousand_random_moves,
    a_conflicting_edit_is_refused_and_the_first_one_stays,
    bad_cards_are_refused_and_nothing_is_saved,
    markdown_in_a_card_is_rendered_harmless,
    clients_cannot_change_the_board,
    staff_arrange_columns,
    a_card_history_says_who_did_what,
    a_field_left_out_of_an_edit_keeps_its_value,
    an_archived_project_is_read_only_until_reopened,
);

async fn scalar(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

async fn shop(app: &TestApp) -> i64 {
    scalar(app, "SELECT id FROM projects WHERE name = 'Tienda online'").await
}

/// The board as the viewer receives it, typed.
async fn board(app: &TestApp, who: &reqwest::Client, project: i64) -> Board {
    app.run(
        who,
        GetBoard {
            project: ProjectId(project),
            milestone: None,
        },
    )
    .await
    .expect("the board")
}

/// The board exactly as it goes over the wire, to look for what must not be in it.
async fn board_json(app: &TestApp, who: &reqwest::Client, project: i64) -> String {
    let (status, board) = app
        .post_form(
            who,
            "/api/board/get_board",
            &[("project", project.to_string())],
        )
        .await;
    assert_eq!(status, 200, "{board}");
    board.to_string()
}

/// The board's cards as (column index, title), in order.
fn titles(board: &Board) -> Vec<Vec<String>> {
    board
        .columns
        .iter()
        .map(|c| c.cards.iter().map(|card| card.title.clone()).collect())
        .collect()
}

fn column_ids(board: &Board) -> Vec<i64> {
    board.columns.iter().map(|c| c.id.0).collect()
}

/// The board's card ids, column by column, in order.
fn card_ids(board: &Board) -> Vec<Vec<i64>> {
    board
        .columns
        .iter()
        .map(|c| c.cards.iter().map(|card| card.id.0).collect())
        .collect()
}

/// One card as its dialog receives it, typed.
async fn card_detail(
    app: &TestApp,
    who: &reqwest::Client,
    project: i64,
    card: i64,
) -> faro_app::board::CardDetail {
    app.run(
        who,
        GetCard {
            project: ProjectId(project),
            card: CardId(card),
        },
    )
    .await
    .expect("the card")
}

async fn card_id(app: &TestApp, title: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM cards WHERE title = $1")
        .bind(title)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn a_client_never_receives_an_internal_card(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let internal_titles: Vec<String> = sqlx::query_scalar(
        "SELECT title FROM cards WHERE visibility = 'internal' AND project_id = $1",
    )
    .bind(project)
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert!(internal_titles.len() >= 3, "the demo has internal cards");
    let internal_card = card_id(&app, &internal_titles[0]).await;

    let pm = app.signed_in("pm@demo.test").await;
    let staff_board = board(&app, &pm, project).await;
    let staff_titles: Vec<String> = titles(&staff_board).concat();
    assert!(internal_titles.iter().all(|t| staff_titles.contains(t)));
    let (_, html) = app.page(&pm, &format!("/projects/{project}/board")).await;
    assert!(html.contains(&internal_titles[0]) && html.contains("is-internal"));

    let ana = app.signed_in("ana@cliente-uno.test").await;
    // The board as data.
    let client_board = board(&app, &ana, project).await;
    let client_json = board_json(&app, &ana, project).await;
    assert!(titles(&client_board).concat().len() >= 15, "{client_json}");
    for title in &internal_titles {
        assert!(
            !client_json.contains(title.as_str()),
            "{title} in {client_json}"
        );
    }
    assert!(!client_json.contains("\"internal\""));
    // The board page, and an internal card's own address.
    let (status, html) = app.page(&ana, &format!("/projects/{project}/board")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Pago con tarjeta y Bizum"));
    for title in &internal_titles {
        assert!(
            !html.contains(title.as_str()),
            "{title} in the client's page"
        );
    }
    let (status, html) = app
        .page(&ana, &format!("/projects/{project}/board/{internal_card}"))
        .await;
    assert_eq!(status, 404);
    assert!(!html.contains(&internal_titles[0]));
    // The card itself, asked for by id.
    let (status, card) = app
        .post_form(
            &ana,
            "/api/board/get_card",
            &[
                ("project", project.to_string()),
                ("card", internal_card.to_string()),
            ],
        )
        .await;
    assert_eq!(status, 404, "{card}");
    // A card made internal leaves the client's board.
    let visible = card_id(&app, "Lista de deseos").await;
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", visible.to_string()),
                ("version", "2".into()),
                ("title", "Lista de deseos".into()),
                ("visibility", "internal".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let client_json = board_json(&app, &ana, project).await;
    assert!(!client_json.contains("Lista de deseos"));
    // Another client, of another project, sees nothing of this board.
    let ben = app.signed_in("ben@client-two.test").await;
    let (status, _) = app
        .post_form(
            &ben,
            "/api/board/get_board",
            &[("project", project.to_string())],
        )
        .await;
    assert_eq!(status, 404);
}

async fn a_new_project_gets_the_default_columns(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let (status, id) = app
        .post_form(
            &pm,
            "/api/projects/create_project",
            &[
                ("company_name", "Nueva S.A.".into()),
                ("project_name", "Web".into()),
            ],
        )
        .await;
    assert!(status == 200 || status == 302, "{status}");
    let board = board(&app, &pm, id.as_i64().unwrap()).await;
    let names: Vec<&str> = board.columns.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["Backlog", "In progress", "Review", "Done"]);
    assert!(board.columns[3].is_done);
    assert!(!board.columns[0].is_done);
}

/// A tiny deterministic generator, so the story is the same on every run.
fn next(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

async fn the_order_survives_a_thousand_random_moves(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let start = board(&app, &pm, project).await;
    let columns = column_ids(&start);
    // The model: each column's card ids in order, moved the same way as the board.
    let mut model: Vec<Vec<i64>> = card_ids(&start);
    let mut seed = 0x0bad_5eed_u64;
    for _ in 0..1000 {
        let from = loop {
            let c = (next(&mut seed) % model.len() as u64) as usize;
            if !model[c].is_empty() {
                break c;
            }
        };
        let at = (next(&mut seed) % model[from].len() as u64) as usize;
        let card = model[from].remove(at);
        let to = (next(&mut seed) % model.len() as u64) as usize;
        let position = (next(&mut seed) % (model[to].len() as u64 + 1)) as usize;
        model[to].insert(position, card);
        let (status, body) = app
            .post_form(
                &pm,
                "/api/board/move_card",
                &[
                    ("project", project.to_string()),
                    ("card", card.to_string()),
                    ("column", columns[to].to_string()),
                    ("position", position.to_string()),
                ],
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let after = board(&app, &pm, project).await;
    let order: Vec<Vec<i64>> = card_ids(&after);
    assert_eq!(order, model);
    let longest = scalar(&app, "SELECT MAX(LENGTH(rank)) FROM cards").await;
    assert!(longest < 40, "ranks stay short: {longest}");
}

async fn a_conflicting_edit_is_refused_and_the_first_one_stays(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let card = card_id(&app, "Tarjetas regalo").await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let detail = card_detail(&app, &pm, project, card).await;
    let version = detail.version;
    let edit = |title: &str| {
        vec![
            ("project", project.to_string()),
            ("card", card.to_string()),
            ("version", version.to_string()),
            ("title", title.to_string()),
            ("body", "Both opened the same version".to_string()),
        ]
    };
    let (status, _) = app
        .post_form(&pm, "/api/board/update_card", &edit("Tarjetas regalo (PM)"))
        .await;
    assert_eq!(status, 200);
    let (status, error) = app
        .post_form(
            &owner,
            "/api/board/update_card",
            &edit("Tarjetas regalo (owner)"),
        )
        .await;
    assert_eq!(status, 409, "{error}");
    assert_eq!(error, serde_json::json!("Conflict"));
    let detail = card_detail(&app, &owner, project, card).await;
    assert_eq!(detail.title, "Tarjetas regalo (PM)");
    assert_eq!(detail.version, version + 1);
}

async fn bad_cards_are_refused_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let columns = column_ids(&board(&app, &pm, project).await);
    let cards_before = scalar(&app, "SELECT COUNT(*) FROM cards").await;
    let events_before = scalar(&app, "SELECT COUNT(*) FROM board_events").await;
    for (title, field) in [("   ", "title"), (&"x".repeat(500) as &str, "title")] {
        let (status, error) = app
            .post_form(
                &pm,
                "/api/board/create_card",
                &[
                    ("project", project.to_string()),
                    ("column", columns[0].to_string()),
                    ("title", title.to_string()),
                ],
            )
            .await;
        assert_eq!(status, 422, "{error}");
        assert_eq!(error["Invalid"]["field"], field);
    }
    let card = card_id(&app, "Tarjetas regalo").await;
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", "2".into()),
                ("title", "Tarjetas regalo, later".into()),
                ("due_on", "10000-01-01".into()),
            ],
        )
        .await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["Invalid"]["field"], "due_on");
    // A column of the other project's board.
    let brand = scalar(&app, "SELECT id FROM projects WHERE name = 'Brand refresh'").await;
    let foreign_column = column_ids(&board(&app, &pm, brand).await)[0];
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/move_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("column", foreign_column.to_string()),
                ("position", "0".into()),
            ],
        )
        .await;
    assert_eq!(status, 422, "{error}");
    assert_eq!(error["Invalid"]["problem"], "WrongColumn");
    // Nor through the other project's address.
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/move_card",
            &[
                ("project", brand.to_string()),
                ("card", card.to_string()),
                ("column", foreign_column.to_string()),
                ("position", "0".into()),
            ],
        )
        .await;
    assert_eq!(status, 404);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM cards").await,
        cards_before
    );
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM board_events").await,
        events_before
    );
    let detail = card_detail(&app, &pm, project, card).await;
    assert_eq!(detail.title, "Tarjetas regalo");
    assert_eq!(detail.due_on, None);
    assert_eq!(detail.column_id.0, columns[0]);
}

async fn markdown_in_a_card_is_rendered_harmless(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let card = card_id(&app, "Lista de deseos").await;
    let pm = app.signed_in("pm@demo.test").await;
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", "2".into()),
                ("title", "Lista de deseos".into()),
                (
                    "body",
                    "**Saved items**<script>alert(1)</script> [click](javascript:alert(2))".into(),
                ),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, html) = app
        .page(&ana, &format!("/projects/{project}/board/{card}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("<strong>Saved items</strong>"), "{html}");
    assert!(!html.contains("alert(1)") && !html.contains("javascript:alert"));
}

async fn clients_cannot_change_the_board(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let pm = app.signed_in("pm@demo.test").await;
    let columns = column_ids(&board(&app, &pm, project).await);
    let card = card_id(&app, "Tarjetas regalo").await;
    let before = titles(&board(&app, &pm, project).await);
    for (path, form) in [
        (
            "/api/board/create_card",
            vec![
                ("project", project.to_string()),
                ("column", columns[0].to_string()),
                ("title", "From the client".to_string()),
            ],
        ),
        (
            "/api/board/move_card",
            vec![
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("column", columns[3].to_string()),
                ("position", "0".to_string()),
            ],
        ),
        (
            "/api/board/update_card",
            vec![
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", "2".to_string()),
                ("title", "Changed by the client".to_string()),
            ],
        ),
        (
            "/api/board/add_column",
            vec![
                ("project", project.to_string()),
                ("column_name", "Client column".to_string()),
            ],
        ),
        (
            "/api/board/change_column",
            vec![
                ("project", project.to_string()),
                ("column", columns[0].to_string()),
                ("change", "right".to_string()),
            ],
        ),
    ] {
        let (status, _) = app.post_form(&ana, path, &form).await;
        assert_eq!(status, 404, "{path}");
    }
    assert_eq!(titles(&board(&app, &pm, project).await), before);
    let (_, html) = app.page(&ana, &format!("/projects/{project}/board")).await;
    assert!(!html.contains("Add card") && !html.contains("Column options"));
}

async fn staff_arrange_columns(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let p = project.to_string();
    let (status, id) = app
        .post_form(
            &pm,
            "/api/board/add_column",
            &[("project", p.clone()), ("column_name", " Blocked ".into())],
        )
        .await;
    assert_eq!(status, 200);
    let new = id.as_i64().unwrap().to_string();
    let names =
        |board: &Board| -> Vec<String> { board.columns.iter().map(|c| c.name.clone()).collect() };
    assert_eq!(
        names(&board(&app, &pm, project).await).last().unwrap(),
        "Blocked"
    );
    let change = |what: &str| {
        vec![
            ("project", p.clone()),
            ("column", new.clone()),
            ("change", what.to_string()),
        ]
    };
    assert_eq!(
        app.post_form(&pm, "/api/board/change_column", &change("left"))
            .await
            .0,
        200
    );
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/rename_column",
            &[
                ("project", p.clone()),
                ("column", new.clone()),
                ("column_name", "Waiting on client".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        names(&board(&app, &pm, project).await),
        [
            "Pendiente",
            "En curso",
            "Revisión",
            "Waiting on client",
            "Hecho"
        ]
    );
    assert_eq!(
        app.post_form(&pm, "/api/board/change_column", &change("done"))
            .await
            .0,
        200
    );
    let after = board(&app, &pm, project).await;
    let done: Vec<bool> = after.columns.iter().map(|c| c.is_done).collect();
    assert_eq!(done, [false, false, false, true, false]);
    // A column with cards stays; an empty one goes.
    let backlog = column_ids(&after)[0].to_string();
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/change_column",
            &[
                ("project", p.clone()),
                ("column", backlog),
                ("change", "delete".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(error["Invalid"]["problem"], "ColumnNotEmpty");
    assert_eq!(
        app.post_form(&pm, "/api/board/change_column", &change("delete"))
            .await
            .0,
        200
    );
    assert_eq!(names(&board(&app, &pm, project).await).len(), 4);
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/add_column",
            &[("project", p.clone()), ("column_name", "x".repeat(61))],
        )
        .await;
    assert_eq!(status, 422);
}

async fn a_card_history_says_who_did_what(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let columns = column_ids(&board(&app, &pm, project).await);
    let (status, card) = app
        .post_form(
            &pm,
            "/api/board/create_card",
            &[
                ("project", project.to_string()),
                ("column", columns[0].to_string()),
                ("title", "Size guide".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let card = card.as_i64().unwrap();
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/move_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("column", columns[2].to_string()),
                ("position", "0".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let board_now = board(&app, &pm, project).await;
    assert_eq!(titles(&board_now)[2][0], "Size guide", "placed at the top");
    let (_, html) = app
        .page(&pm, &format!("/projects/{project}/board/{card}"))
        .await;
    assert!(html.contains("Pablo Martín"), "{html}");
    assert!(html.contains("created the card"));
    assert!(html.contains("moved it: Pendiente → Revisión"));
    // Saving it unchanged adds nothing to the history; a real change says what changed.
    let history = format!("SELECT COUNT(*) FROM board_events WHERE card_id = {card}");
    let before = scalar(&app, &history).await;
    let save = |title: &str, version: i64| {
        vec![
            ("project", project.to_string()),
            ("card", card.to_string()),
            ("version", version.to_string()),
            ("title", title.to_string()),
        ]
    };
    let (status, _) = app
        .post_form(&pm, "/api/board/update_card", &save("Size guide", 1))
        .await;
    assert_eq!(status, 200);
    assert_eq!(scalar(&app, &history).await, before);
    let (status, _) = app
        .post_form(&pm, "/api/board/update_card", &save("Size chart", 2))
        .await;
    assert_eq!(status, 200);
    assert_eq!(scalar(&app, &history).await, before + 1);
    let (_, html) = app
        .page(&pm, &format!("/projects/{project}/board/{card}"))
        .await;
    assert!(html.contains("changed title"), "{html}");
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, html) = app
        .page(&ana, &format!("/projects/{project}/board/{card}"))
        .await;
    assert_eq!(status, 200);
    assert!(html.contains("moved it: Pendiente → Revisión"), "{html}");
}

/// A description that holds `</textarea>` stays text in the edit form: it cannot end the box
/// and add markup of its own to the page of whoever edits the card next.
async fn a_card_description_is_text_in_its_edit_box(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let card = card_id(&app, "Refactorizar el estado del carrito").await;
    let version = scalar(
        &app,
        &format!("SELECT version FROM cards WHERE id = {card}"),
    )
    .await;
    let (status, body) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", version.to_string()),
                ("title", "Cart state".into()),
                (
                    "body",
                    "Fish & chips </textarea><b id=\"injected\">x</b>".into(),
                ),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (_, html) = app
        .page(&pm, &format!("/projects/{project}/board/{card}"))
        .await;
    assert!(
        html.contains(r#"Fish &amp; chips &lt;/textarea>&lt;b id="injected">x&lt;/b></textarea>"#),
        "{html}"
    );
    assert!(!html.contains(r#"<b id="injected">"#));
}

async fn a_field_left_out_of_an_edit_keeps_its_value(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let card = card_id(&app, "Refactorizar el estado del carrito").await;
    sqlx::query("UPDATE cards SET body = 'Keep **this**', labels = 'tech' WHERE id = $1")
        .bind(card)
        .execute(&app.pool)
        .await
        .unwrap();
    let version = scalar(
        &app,
        &format!("SELECT version FROM cards WHERE id = {card}"),
    )
    .await;
    // A script renames the internal card, sending only the title.
    let (status, body) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", version.to_string()),
                ("title", "Cart state, refactored".into()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let (title, visibility, body, labels): (String, String, String, String) =
        sqlx::query_as("SELECT title, visibility, body, labels FROM cards WHERE id = $1")
            .bind(card)
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(title, "Cart state, refactored");
    assert_eq!(visibility, "internal", "still internal");
    assert_eq!((body.as_str(), labels.as_str()), ("Keep **this**", "tech"));
    let (status, _) = app
        .post_form(
            &ana,
            "/api/board/get_card",
            &[("project", project.to_string()), ("card", card.to_string())],
        )
        .await;
    assert_eq!(status, 404, "the client still cannot read it");
    // A field sent empty clears it; a field sent is validated.
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", (version + 1).to_string()),
                ("body", "".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let body: String = sqlx::query_scalar("SELECT body FROM cards WHERE id = $1")
        .bind(card)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(body, "");
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", (version + 2).to_string()),
                ("visibility", "secret".into()),
            ],
        )
        .await;
    assert_eq!(status, 422, "{error}");
    // An empty audience never means "the client": the card stays internal.
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/update_card",
            &[
                ("project", project.to_string()),
                ("card", card.to_string()),
                ("version", (version + 2).to_string()),
                ("visibility", "".into()),
            ],
        )
        .await;
    assert_eq!(status, 422, "{error}");
    let visibility: String = sqlx::query_scalar("SELECT visibility FROM cards WHERE id = $1")
        .bind(card)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(visibility, "internal");
}

async fn an_archived_project_is_read_only_until_reopened(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let project = shop(&app).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let backlog = column_ids(&board(&app, &pm, project).await)[0];
    // An invitation still open when the project is archived.
    let (status, invited) = app
        .post_form(
            &pm,
            "/api/accounts/invite_person",
            &[
                ("project", project.to_string()),
                ("email", "late@cliente-uno.test".into()),
                ("role", "client".into()),
            ],
        )
        .await;
    assert_eq!(status, 200, "{invited}");
    let link = invited["Link"]["url"].as_str().expect("a link").to_string();
    let token = link.rsplit('/').next().unwrap().to_string();
    let (status, _) = app
        .post_form(
            &pm,
            "/api/projects/archive_project",
            &[("id", project.to_string()), ("archived", "true".into())],
        )
        .await;
    assert_eq!(status, 200);
    let users = scalar(&app, "SELECT COUNT(*) FROM users").await;
    let (status, _) = app
        .post_form(
            &app.browser(),
            "/api/accounts/accept_invitation",
            &[
                ("token", token),
                ("name", "Late Client".into()),
                ("password", "a long enough password".into()),
            ],
        )
        .await;
    assert_eq!(status, 410, "an archived project takes no new people");
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM users").await, users);
    let cards = scalar(&app, "SELECT COUNT(*) FROM cards").await;
    let events = scalar(&app, "SELECT COUNT(*) FROM board_events").await;
    let (status, error) = app
        .post_form(
            &pm,
            "/api/board/create_card",
            &[
                ("project", project.to_string()),
                ("column", backlog.to_string()),
                ("title", "After the end".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let error: faro_app::error::AppError = serde_json::from_value(error).unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::En.strings()),
        "This project is archived, so it cannot be changed. Reopen it first."
    );
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/add_column",
            &[
                ("project", project.to_string()),
                ("column_name", "Later".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .post_form(
            &pm,
            "/api/projects/update_charter",
            &[
                ("id", project.to_string()),
                ("scope_in", "More".into()),
                ("scope_out", "".into()),
                ("communication_plan", "".into()),
                ("payment_terms", "".into()),
                ("change_process", "".into()),
                ("response_hours", "24".into()),
                ("update_cadence_days", "7".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    let (status, _) = app
        .post_form(
            &pm,
            "/api/accounts/invite_person",
            &[
                ("project", project.to_string()),
                ("email", "late@cliente-uno.test".into()),
                ("role", "client".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(scalar(&app, "SELECT COUNT(*) FROM cards").await, cards);
    assert_eq!(
        scalar(&app, "SELECT COUNT(*) FROM board_events").await,
        events
    );
    let staff_board = board(&app, &pm, project).await;
    assert!(!staff_board.may_edit, "staff see a read-only board");

    // The client keeps read-only access, and finds it apart on their home.
    let client_board = board(&app, &ana, project).await;
    assert!(!client_board.columns.is_empty());
    let (status, html) = app.page(&ana, &format!("/projects/{project}")).await;
    assert_eq!(status, 200);
    assert!(html.contains("Tienda online"));
    let (_, home) = app.page(&ana, "/").await;
    assert!(home.contains("Tienda online"), "{home}");

    let (status, _) = app
        .post_form(
            &pm,
            "/api/projects/archive_project",
            &[("id", project.to_string()), ("archived", "false".into())],
        )
        .await;
    assert_eq!(status, 200);
    let (status, _) = app
        .post_form(
            &pm,
            "/api/board/create_card",
            &[
                ("project", project.to_string()),
                ("column", backlog.to_string()),
                ("title", "Reopened".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
}
