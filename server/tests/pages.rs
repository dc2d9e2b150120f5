//! Stories about the pages and the frame around them, on SQLite and PostgreSQL.

mod common;

use common::TestApp;
use faro_server::database::Backend;

on_both_databases!(
    health_check_reports_the_database,
    home_lists_the_demo_projects_with_their_client,
    a_new_installation_shows_an_empty_project_list,
    home_follows_the_browser_language_and_the_chosen_one,
    choosing_a_language_without_javascript_sets_a_cookie_and_returns,
    an_unknown_language_is_refused_and_nothing_changes,
    list_projects_answers_typed_json,
    an_unknown_address_is_a_localized_404,
    a_server_fault_shows_a_reference_and_no_internals,
    demo_data_is_safe_to_write_twice,
    every_response_carries_a_request_id,
);

async fn health_check_reports_the_database(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let expected = match backend {
        Backend::Sqlite => "SQLite",
        Backend::Postgres => "PostgreSQL",
    };
    assert_eq!(body["status"], "ok");
    assert_eq!(body["database"], expected);

    app.pool.close().await;
    let response = app.client.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(
        response.status(),
        503,
        "a node whose database is gone is not healthy"
    );
}

async fn home_lists_the_demo_projects_with_their_client(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let (status, html) = app.page(&pm, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains(r#"<html lang="en""#), "{html}");
    assert!(
        html.contains("Lighthouse Studio"),
        "organization name in the header"
    );
    assert!(html.contains("<h1>Projects</h1>"));
    assert!(html.contains("2 projects"));
    // The demo's open client question is listed above the projects, naming its project.
    let questions = html
        .split("Open client questions")
        .nth(1)
        .expect("the open questions");
    assert!(questions.contains("Ana García asked in Tienda online"));
    let list = html.split("2 projects").nth(1).unwrap();
    for (project, client) in [
        ("Tienda online", "Cliente Uno S.L."),
        ("Brand refresh", "Client Two Ltd"),
    ] {
        let card = list
            .split(project)
            .nth(1)
            .unwrap_or_else(|| panic!("{project} is listed"));
        let card = card.split("</li>").next().unwrap();
        assert!(card.contains(client), "{project} shows its client {client}");
    }
}

async fn a_new_installation_shows_an_empty_project_list(backend: Backend) {
    use faro_app::accounts::{db, password, Email, Role};
    use faro_app::text::{OrganizationName, PersonName};
    let app = TestApp::spawn(backend).await;
    let org = db::create_organization(
        &app.pool,
        &OrganizationName::parse("New Agency").unwrap(),
        "new",
    )
    .await
    .unwrap();
    let email = Email::parse("owner@new.test").unwrap();
    let name = PersonName::parse("Owner").unwrap();
    let user = db::NewUser {
        organization: org,
        client_company: None,
        email: &email,
        name: &name,
        role: Role::Owner,
    };
    let user = db::create_user(&app.pool, user).await.unwrap();
    let hash = password::hash("a long password".into()).await.unwrap();
    db::set_password_hash(&app.pool, user, &hash).await.unwrap();
    let owner = app.browser();
    app.sign_in_with(&owner, "owner@new.test", "a long password")
        .await;
    let (status, html) = app.page(&owner, "/").await;
    assert_eq!(status, 200);
    assert!(html.contains("New Agency"), "{html}");
    assert!(html.contains("No projects yet"), "{html}");
    assert!(!html.contains("project-card"));
}

async fn home_follows_the_browser_language_and_the_chosen_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let spanish = pm
        .get(app.url("/"))
        .header("Accept-Language", "fr-FR, es;q=0.8, en;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("<!>", "");
    assert!(spanish.contains(r#"<html lang="es""#));
    assert!(spanish.contains("<h1>Proyectos</h1>"));
    assert!(spanish.contains("2 proyectos"));

    let chosen = pm
        .get(app.url("/"))
        .header("Accept-Language", "es")
        .header("Cookie", "faro_lang=en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("<!>", "");
    assert!(
        chosen.contains(r#"<html lang="en""#),
        "the chosen language wins"
    );
    assert!(chosen.contains("<h1>Projects</h1>"));
}

async fn choosing_a_language_without_javascript_sets_a_cookie_and_returns(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let response = app
        .client
        .post(app.url("/api/i18n/set_locale"))
        .header("Accept", "text/html,application/xhtml+xml")
        .header("Referer", app.url("/"))
        .form(&[("locale", "es")])
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection(), "{}", response.status());
    let location = response.headers()["location"].to_str().unwrap();
    assert_eq!(
        location.trim_end_matches('?'),
        app.url("/"),
        "back where the form was"
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("faro_lang=es;"), "{cookie}");
    assert!(
        cookie.contains("Max-Age=31536000") && cookie.contains("Path=/"),
        "{cookie}"
    );
}

async fn an_unknown_language_is_refused_and_nothing_changes(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app
        .client
        .post(app.url("/api/i18n/set_locale"))
        .form(&[("locale", "fr")])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 422);
    assert!(response.headers().get("set-cookie").is_none());
    let error: faro_app::error::AppError = response.json().await.unwrap();
    assert_eq!(
        error.message(faro_app::i18n::Locale::Es.strings()),
        "No se pudo leer el formulario. Recarga la página e inténtalo de nuevo."
    );
}

async fn list_projects_answers_typed_json(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let response = pm
        .post(app.url("/api/projects/list_projects"))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    let projects: Vec<faro_app::projects::ProjectSummary> = response.json().await.unwrap();
    let names: Vec<_> = projects
        .iter()
        .map(|p| (p.name.as_str(), p.client_company.as_str()))
        .collect();
    assert_eq!(
        names,
        [
            ("Brand refresh", "Client Two Ltd"),
            ("Tienda online", "Cliente Uno S.L.")
        ]
    );
}

async fn an_unknown_address_is_a_localized_404(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let response = app.get_page("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let html = response.text().await.unwrap();
    assert!(html.contains("Page not found"));

    let response = app
        .client
        .get(app.url("/no/such/page"))
        .header("Accept-Language", "es")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    assert!(response
        .text()
        .await
        .unwrap()
        .contains("Página no encontrada"));
}

async fn a_server_fault_shows_a_reference_and_no_internals(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    // Break the database under the running server: the page must fail politely.
    for table in [
        "digest_items",
        "feedback_responses",
        "feedback_forms",
        "mentions",
        "mention_mails",
        "comments",
        "update_choices",
        "update_options",
        "status_update_seen",
        "status_update_revisions",
        "status_updates",
        "board_events",
        "cards",
        "milestone_events",
        "milestone_sign_offs",
        "milestone_moments",
        "milestones",
        "board_columns",
        "project_visits",
        "project_members",
        "invitations",
        "projects",
    ] {
        sqlx::query(&format!("DROP TABLE {table}"))
            .execute(&app.pool)
            .await
            .unwrap();
    }
    let response = pm
        .get(app.url("/"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 500);
    let request_id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    let html = response.text().await.unwrap();
    assert!(html.contains("Something went wrong"), "{html}");
    assert!(
        html.contains(&request_id),
        "the page quotes the request id {request_id}"
    );
    let lower = html.to_lowercase();
    for internal in [
        "no such table",
        "does not exist",
        "select ",
        "sqlx",
        "relation",
    ] {
        assert!(!lower.contains(internal), "the page leaks {internal:?}");
    }
}

async fn demo_data_is_safe_to_write_twice(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let again = faro_server::demo::seed(&app.pool).await.unwrap();
    assert_eq!(again, faro_server::demo::Seeded::AlreadyThere);
    let projects: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM projects")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let users: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let members: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM project_members")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // Each project: its client and the PM; the shop also Ana's colleague Carlos.
    assert_eq!((projects, users, members), (2, 5, 5));
}

async fn every_response_carries_a_request_id(backend: Backend) {
    let app = TestApp::spawn(backend).await;
    let first = app.get_page("/login").await;
    let second = app.get_page("/login").await;
    let id = |r: &reqwest::Response| r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id(&first).len(), 36);
    assert_ne!(id(&first), id(&second));
    // An id from a proxy is kept when it is a plain id, replaced when it is anything else.
    let with_id = |sent: &str| {
        app.client
            .get(app.url("/healthz"))
            .header("x-request-id", sent)
            .send()
    };
    let kept = with_id("lb-7f3a_42").await.unwrap();
    assert_eq!(id(&kept), "lb-7f3a_42");
    let forged = with_id("x\" level=ERROR forged").await.unwrap();
    assert_eq!(id(&forged).len(), 36, "{}", id(&forged));
    let long = with_id(&"a".repeat(200)).await.unwrap();
    assert_eq!(id(&long).len(), 36);
}
