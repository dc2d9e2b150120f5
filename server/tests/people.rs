//! Stories about the people page: who sees it, role changes, removing someone, on SQLite and
//! PostgreSQL.

mod common;

use common::TestApp;
use faro_app::error::AppError;
use faro_app::i18n::Locale;
use faro_server::database::Backend;

on_both_databases!(
    staff_see_everyone_and_clients_see_nothing,
    an_owner_changes_a_role_but_never_leaves_no_owner,
    a_removed_person_loses_access_at_once,
    people_of_another_organization_cannot_be_touched,
    people_are_invited_from_the_people_page_too,
);

on_both_databases_at_once!(two_owners_taking_each_other_out_at_once_leave_one_owner,);

async fn user_id(app: &TestApp, email: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email)
        .fetch_one(&app.pool)
        .await
        .unwrap()
}

async fn post(
    app: &TestApp,
    browser: &reqwest::Client,
    path: &str,
    form: &[(&str, String)],
) -> (u16, Option<AppError>) {
    let response = browser.post(app.url(path)).form(form).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.ok())
}

async fn staff_see_everyone_and_clients_see_nothing(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let (status, html) = app.page(&pm, "/admin/people").await;
    assert_eq!(status, 200);
    for who in [
        "Olivia Owner",
        "Pablo Martín",
        "Ana García",
        "Ben Carter",
        "Cliente Uno S.L.",
    ] {
        assert!(html.contains(who), "{who} in {html}");
    }
    assert!(!html.contains("Make owner"), "a PM manages nobody");
    let (status, json) = app.call(&pm, "/api/accounts/list_people").await;
    assert_eq!(status, 200);
    assert_eq!(json["people"].as_array().unwrap().len(), 5);
    assert_eq!(json["may_manage"], false);

    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, html) = app.page(&ana, "/admin/people").await;
    assert_eq!(status, 404);
    assert!(!html.contains("Ben Carter"));
    assert_eq!(app.call(&ana, "/api/accounts/list_people").await.0, 404);
    assert_eq!(
        app.call(&app.browser(), "/api/accounts/list_people")
            .await
            .0,
        401
    );
    let (status, _) = post(
        &app,
        &pm,
        "/api/accounts/change_role",
        &[
            ("user", user_id(&app, "owner@demo.test").await.to_string()),
            ("role", "pm".into()),
        ],
    )
    .await;
    assert_eq!(status, 404, "a PM cannot change roles");
}

async fn an_owner_changes_a_role_but_never_leaves_no_owner(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let owner = app.signed_in("owner@demo.test").await;
    let olivia = user_id(&app, "owner@demo.test").await;
    let pablo = user_id(&app, "pm@demo.test").await;
    let (status, error) = post(
        &app,
        &owner,
        "/api/accounts/change_role",
        &[("user", olivia.to_string()), ("role", "pm".into())],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error.unwrap().message(Locale::En.strings()),
        "An organization needs at least one owner: make someone else owner first."
    );
    let (status, _) = post(
        &app,
        &owner,
        "/api/accounts/change_role",
        &[("user", pablo.to_string()), ("role", "owner".into())],
    )
    .await;
    assert_eq!(status, 200);
    let (status, _) = post(
        &app,
        &owner,
        "/api/accounts/change_role",
        &[("user", olivia.to_string()), ("role", "pm".into())],
    )
    .await;
    assert_eq!(status, 200, "with two owners, one may step down");
    let roles: Vec<String> =
        sqlx::query_scalar("SELECT role FROM users WHERE id IN ($1, $2) ORDER BY id")
            .bind(olivia)
            .bind(pablo)
            .fetch_all(&app.pool)
            .await
            .unwrap();
    assert_eq!(roles, ["pm", "owner"]);
    let ana = user_id(&app, "ana@cliente-uno.test").await;
    let pablo_browser = app.signed_in("pm@demo.test").await;
    let (status, _) = post(
        &app,
        &pablo_browser,
        "/api/accounts/change_role",
        &[("user", ana.to_string()), ("role", "owner".into())],
    )
    .await;
    assert_eq!(status, 422, "a client cannot become staff");
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'role_changed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 2);
}

async fn a_removed_person_loses_access_at_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let owner = app.signed_in("owner@demo.test").await;
    let ana_browser = app.signed_in("ana@cliente-uno.test").await;
    let ana = user_id(&app, "ana@cliente-uno.test").await;
    assert_eq!(
        app.call(&ana_browser, "/api/projects/list_projects")
            .await
            .0,
        200
    );

    let olivia = user_id(&app, "owner@demo.test").await;
    let (status, error) = post(
        &app,
        &owner,
        "/api/accounts/remove_person",
        &[("user", olivia.to_string())],
    )
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        error.unwrap().message(Locale::Es.strings()),
        "No puedes quitar tu propia cuenta."
    );

    let (status, _) = post(
        &app,
        &owner,
        "/api/accounts/remove_person",
        &[("user", ana.to_string())],
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        app.call(&ana_browser, "/api/projects/list_projects")
            .await
            .0,
        401
    );
    let again = app
        .sign_in_with(
            &app.browser(),
            "ana@cliente-uno.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(again.status(), 422);
    let (_, html) = app.page(&owner, "/admin/people").await;
    assert!(!html.contains("Ana García"));
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'person_removed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

async fn people_of_another_organization_cannot_be_touched(backend: Backend) {
    use faro_app::accounts::db::{create_organization_with_owner, NewOwner};
    use faro_app::accounts::Email;
    use faro_app::text::{OrganizationName, PersonName};
    let app = TestApp::spawn_with_demo(backend).await;
    let organization = OrganizationName::parse("Other Agency").unwrap();
    let name = PersonName::parse("Otto Other").unwrap();
    let email = Email::parse("otto@other.test").unwrap();
    let (_, otto) = create_organization_with_owner(
        &app.pool,
        NewOwner {
            organization: &organization,
            name: &name,
            email: &email,
            password_hash: "x",
        },
        false,
    )
    .await
    .unwrap()
    .unwrap();
    let owner = app.signed_in("owner@demo.test").await;
    let (status, _) = post(
        &app,
        &owner,
        "/api/accounts/remove_person",
        &[("user", otto.0.to_string())],
    )
    .await;
    let (missing, _) = post(
        &app,
        &owner,
        "/api/accounts/remove_person",
        &[("user", "999999".into())],
    )
    .await;
    assert_eq!(
        (status, missing),
        (404, 404),
        "another organization's person looks missing"
    );
    let (status, _) = post(
        &app,
        &owner,
        "/api/accounts/change_role",
        &[("user", otto.0.to_string()), ("role", "pm".into())],
    )
    .await;
    assert_eq!(status, 404);
    let (_, json) = app.call(&owner, "/api/accounts/list_people").await;
    assert!(!json.to_string().contains("otto@other.test"));
    let still: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE email = 'otto@other.test' AND role = 'owner'",
    )
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert_eq!(still, 1);
}

async fn people_are_invited_from_the_people_page_too(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let (_, html) = app.page(&pm, "/admin/people").await;
    assert!(
        html.contains("Tienda online · Cliente Uno S.L."),
        "projects to choose: {html}"
    );
    assert!(
        !html.contains(r#"<option value="owner""#),
        "a PM invites clients only"
    );

    let owner = app.signed_in("owner@demo.test").await;
    let (_, html) = app.page(&owner, "/admin/people").await;
    assert!(html.contains(r#"<option value="owner""#), "{html}");
    let shop: i64 = sqlx::query_scalar("SELECT id FROM projects WHERE name = 'Tienda online'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    // A plain form post, as without JavaScript: back to the people page, which shows the link.
    let response = owner
        .post(app.url("/api/accounts/invite_person"))
        .header("Accept", "text/html")
        .header("Referer", app.url("/admin/people"))
        .form(&[
            ("email", "nuria@demo.test".to_string()),
            ("project", shop.to_string()),
            ("role", "pm".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 302);
    let (_, html) = app.page(&owner, "/admin/people").await;
    assert!(html.contains("Send this link to nuria@demo.test"), "{html}");
    assert!(html.contains(&format!("{}/invite/", app.address)));
}

async fn two_owners_taking_each_other_out_at_once_leave_one_owner(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let olivia = user_id(&app, "owner@demo.test").await;
    let pablo = user_id(&app, "pm@demo.test").await;
    let owners = || async {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM users WHERE role = 'owner'")
            .fetch_one(&app.pool)
            .await
            .unwrap()
    };
    // Eight rounds of demoting each other, then one of removing each other.
    for round in 0..9 {
        // Both are owners, each signed in on their own browser.
        sqlx::query("UPDATE users SET role = 'owner' WHERE id IN ($1, $2)")
            .bind(olivia)
            .bind(pablo)
            .execute(&app.pool)
            .await
            .unwrap();
        let (o, p) = (
            app.signed_in("owner@demo.test").await,
            app.signed_in("pm@demo.test").await,
        );
        let (path, role) = if round < 8 {
            ("/api/accounts/change_role", Some("pm"))
        } else {
            ("/api/accounts/remove_person", None)
        };
        let form = |user: i64| {
            let mut form = vec![("user", user.to_string())];
            if let Some(role) = role {
                form.push(("role", role.to_string()));
            }
            form
        };
        let (take_pablo, take_olivia) = (form(pablo), form(olivia));
        let (a, b) = tokio::join!(
            post(&app, &o, path, &take_pablo),
            post(&app, &p, path, &take_olivia),
        );
        assert_eq!(
            owners().await,
            1,
            "round {round}: {path} answered {} and {}",
            a.0,
            b.0
        );
        assert!(
            [a.0, b.0].contains(&200),
            "round {round}: one of the two went through ({} {})",
            a.0,
            b.0
        );
    }
}
