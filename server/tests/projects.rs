//! Stories about creating, renaming, archiving and reopening projects, on SQLite and
//! PostgreSQL.

mod common;

use common::TestApp;
use faro_app::error::AppError;
use faro_app::i18n::Locale;
use faro_server::database::Backend;

on_both_databases!(
    a_pm_creates_a_project_for_a_new_or_an_existing_client,
    bad_project_names_are_refused_and_nothing_is_created,
    clients_cannot_create_rename_or_archive,
    an_archived_project_is_listed_apart_until_reopened,
    a_pm_writes_the_charter_and_the_client_reads_it_harmlessly,
    projects_started_at_once_for_one_new_client_share_the_company,
    a_clients_first_visit_lands_on_the_welcome_page_then_on_the_board,
    the_demo_projects_open_on_a_written_charter,
);

async fn count(app: &TestApp, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(&app.pool).await.unwrap()
}

async fn post(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    form: &[(&str, String)],
) -> reqwest::Response {
    browser.post(app.url(path)).form(form).send().await.unwrap()
}

async fn shop(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn a_pm_creates_a_project_for_a_new_or_an_existing_client(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let response = post(
        &app,
        &pm,
        "/api/projects/create_project",
        &[
            ("company_name", " cliente uno s.l. ".into()),
            ("project_name", "App móvil".into()),
        ],
    )
    .await;
    assert!(
        response.status().is_success() || response.status().is_redirection(),
        "{}",
        response.status()
    );
    let id: i64 = response.json().await.unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM client_companies").await,
        2,
        "the existing company, whatever the case"
    );
    let (status, html) = app.page(&pm, &format!("/projects/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("App móvil") && html.contains("Cliente Uno S.L."),
        "{html}"
    );

    let response = post(
        &app,
        &pm,
        "/api/projects/create_project",
        &[
            ("company_name", "Tercera Vía".into()),
            ("project_name", "Intranet".into()),
        ],
    )
    .await;
    assert!(response.status().is_success() || response.status().is_redirection());
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM client_companies").await,
        3
    );
    let (_, html) = app.page(&pm, "/").await;
    assert!(
        html.contains("4 projects") && html.contains("Tercera Vía"),
        "{html}"
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM audit_events WHERE action = 'project_created'"
        )
        .await,
        2
    );
}

async fn bad_project_names_are_refused_and_nothing_is_created(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    for (company, project, field, english) in [
        (
            "New Client",
            String::new(),
            "project_name",
            "Please fill this in.",
        ),
        (
            "New Client",
            "x".repeat(121),
            "project_name",
            "Use at most 120 characters.",
        ),
        (
            "",
            "Website".to_string(),
            "company_name",
            "Please fill this in.",
        ),
    ] {
        let response = post(
            &app,
            &pm,
            "/api/projects/create_project",
            &[
                ("company_name", company.into()),
                ("project_name", project.to_string()),
            ],
        )
        .await;
        assert_eq!(response.status(), 422);
        let error: AppError = response.json().await.unwrap();
        assert!(
            matches!(&error, AppError::Invalid { field: f, .. } if f == field),
            "{error:?}"
        );
        assert_eq!(error.message(Locale::En.strings()), english);
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM projects").await, 2);
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM client_companies").await,
        2,
        "no company made half-way"
    );
    let id = shop(&app).await;
    let response = post(
        &app,
        &pm,
        "/api/projects/rename_project",
        &[("id", id.to_string()), ("project_name", "  ".into())],
    )
    .await;
    assert_eq!(response.status(), 422);
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM projects WHERE name = 'Tienda online'"
        )
        .await,
        1
    );
}

async fn clients_cannot_create_rename_or_archive(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let id = shop(&app).await.to_string();
    let create = post(
        &app,
        &ana,
        "/api/projects/create_project",
        &[("company_name", "X".into()), ("project_name", "Y".into())],
    )
    .await;
    let rename = post(
        &app,
        &ana,
        "/api/projects/rename_project",
        &[("id", id.clone()), ("project_name", "Mine".into())],
    )
    .await;
    let archive = post(
        &app,
        &ana,
        "/api/projects/archive_project",
        &[("id", id), ("archived", "true".into())],
    )
    .await;
    assert_eq!(
        (
            create.status().as_u16(),
            rename.status().as_u16(),
            archive.status().as_u16()
        ),
        (404, 404, 404)
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM projects WHERE archived_at IS NULL AND name = 'Tienda online'"
        )
        .await,
        1
    );
    let anonymous = post(
        &app,
        &app.browser(),
        "/api/projects/create_project",
        &[("company_name", "X".into()), ("project_name", "Y".into())],
    )
    .await;
    assert_eq!(anonymous.status(), 401);
}

async fn an_archived_project_is_listed_apart_until_reopened(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let id = shop(&app).await.to_string();
    let response = post(
        &app,
        &pm,
        "/api/projects/archive_project",
        &[("id", id.clone()), ("archived", "true".into())],
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, json) = app.call(&ana, "/api/projects/list_projects").await;
    assert_eq!(json.as_array().unwrap().len(), 1, "{json}");
    assert!(!json[0]["archived_at"].is_null(), "{json}");
    let (_, html) = app.page(&ana, "/").await;
    assert!(
        html.contains("Archived"),
        "the client finds it apart: {html}"
    );
    let (_, html) = app.page(&pm, "/").await;
    assert!(
        html.contains("1 project") && html.contains("Archived"),
        "{html}"
    );
    let (_, html) = app.page(&pm, &format!("/projects/{id}")).await;
    assert!(html.contains("Reopen"), "{html}");

    let response = post(
        &app,
        &pm,
        "/api/projects/archive_project",
        &[("id", id.clone()), ("archived", "false".into())],
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, json) = app.call(&ana, "/api/projects/list_projects").await;
    assert_eq!(json.as_array().unwrap().len(), 1);
    let response = post(
        &app,
        &pm,
        "/api/projects/rename_project",
        &[("id", id), ("project_name", "Tienda online 2027".into())],
    )
    .await;
    assert_eq!(response.status(), 200);
    let (_, html) = app.page(&ana, "/").await;
    assert!(html.contains("Tienda online 2027"));
}

async fn a_pm_writes_the_charter_and_the_client_reads_it_harmlessly(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let id = shop(&app).await.to_string();
    let form = |hours: &str| {
        vec![
            ("id", id.clone()),
            (
                "scope_in",
                "- **Shop** with 40 products\n- [Docs](https://example.com)".to_string(),
            ),
            (
                "scope_out",
                "<script>alert('x')</script>[Click](javascript:alert(2))".to_string(),
            ),
            ("communication_plan", "Weekly call on Mondays".to_string()),
            ("payment_terms", String::new()),
            ("change_process", String::new()),
            ("response_hours", hours.to_string()),
            ("update_cadence_days", "7".to_string()),
        ]
    };
    let plan = format!("SELECT communication_plan FROM projects WHERE id = {id}");
    let plan_before: String = sqlx::query_scalar(&plan)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let refused = post(&app, &pm, "/api/projects/update_charter", &form("0")).await;
    assert_eq!(refused.status(), 422);
    let error: AppError = refused.json().await.unwrap();
    assert_eq!(
        error.message(Locale::Es.strings()),
        "Usa un número entero de 1 a 720."
    );
    let plan_after: String = sqlx::query_scalar(&plan)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(plan_after, plan_before, "nothing saved");
    assert_eq!(
        post(&app, &ana, "/api/projects/update_charter", &form("12"))
            .await
            .status(),
        404
    );

    let saved = post(&app, &pm, "/api/projects/update_charter", &form("12")).await;
    assert_eq!(saved.status(), 200);
    let (status, html) = app.page(&ana, &format!("/projects/{id}")).await;
    assert_eq!(status, 200);
    assert!(
        html.contains("We answer within 12 hours, and post an update every 7 days."),
        "{html}"
    );
    assert!(
        html.contains("<strong>Shop</strong>") && html.contains("Weekly call on Mondays"),
        "{html}"
    );
    assert!(!html.contains("alert('x')"), "the script is gone: {html}");
    assert!(
        !html.contains(r#"href="javascript"#),
        "no script link: {html}"
    );
    assert!(
        !html.contains("Edit the charter"),
        "a client reads, staff edit"
    );
    assert!(
        !html.contains("Payment terms"),
        "an empty section is not shown"
    );
}

async fn projects_started_at_once_for_one_new_client_share_the_company(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let mut requests = tokio::task::JoinSet::new();
    for n in 0..8 {
        let (pm, url) = (pm.clone(), app.url("/api/projects/create_project"));
        requests.spawn(async move {
            pm.post(url)
                .form(&[
                    ("company_name", "Simultánea S.A.".to_string()),
                    ("project_name", format!("Project {n}")),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        });
    }
    while let Some(status) = requests.join_next().await {
        let status = status.unwrap();
        assert!(status == 200 || status == 302, "{status}");
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM client_companies WHERE name = 'Simultánea S.A.'"
        )
        .await,
        1
    );
    assert_eq!(count(&app, "SELECT COUNT(*) FROM projects").await, 10);
}

async fn a_clients_first_visit_lands_on_the_welcome_page_then_on_the_board(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let id = shop(&app).await;
    let welcome = format!("href=\"/projects/{id}\"");
    let board = format!("href=\"/projects/{id}/board\"");
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (_, home) = app.page(&ana, "/").await;
    assert!(home.contains(&welcome) && !home.contains(&board), "{home}");
    let (status, _) = app.page(&ana, &format!("/projects/{id}")).await;
    assert_eq!(status, 200);
    let (_, home) = app.page(&ana, "/").await;
    assert!(home.contains(&board), "{home}");
    // Staff land on the project page, where they invite and manage.
    let pm = app.signed_in("pm@demo.test").await;
    let (_, home) = app.page(&pm, "/").await;
    assert!(home.contains(&welcome) && !home.contains(&board), "{home}");
}

async fn the_demo_projects_open_on_a_written_charter(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let shop = shop(&app).await;
    let brand: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Brand refresh'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, html) = app.page(&ana, &format!("/projects/{shop}")).await;
    assert_eq!(status, 200);
    // The shop's client reads it in Spanish, the project's language.
    assert!(
        html.contains("Cada viernes") && html.contains("Bizum"),
        "{html}"
    );
    assert!(!html.contains("has not been written yet"));
    let ben = app.signed_in("ben@client-two.test").await;
    let (_, html) = app.page(&ben, &format!("/projects/{brand}")).await;
    assert!(html.contains("Every other Monday"), "{html}");
}
