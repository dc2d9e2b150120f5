//! Stories about a person's own account: name, language, timezone, password, on SQLite and
//! PostgreSQL.

mod common;

use common::TestApp;
use faro_app::error::AppError;
use faro_app::i18n::Locale;
use faro_server::database::Backend;

on_both_databases!(
    a_person_changes_name_language_and_timezone,
    bad_settings_are_explained_and_nothing_is_saved,
    changing_the_password_signs_out_every_other_device,
    a_wrong_current_password_changes_nothing,
    guessing_the_current_password_is_limited,
);

async fn post(
    browser: &reqwest::Client,
    app: &TestApp,
    path: &str,
    form: &[(&str, &str)],
) -> reqwest::Response {
    browser.post(app.url(path)).form(form).send().await.unwrap()
}

async fn a_person_changes_name_language_and_timezone(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, html) = app.page(&ana, "/account").await;
    assert_eq!(status, 200);
    assert!(
        html.contains("Ana García") && html.contains("Europe/Madrid"),
        "{html}"
    );

    let saved = post(
        &ana,
        &app,
        "/api/accounts/update_profile",
        &[
            ("name", "Ana García López"),
            ("locale", "es"),
            ("timezone", "Europe/Madrid"),
        ],
    )
    .await;
    assert_eq!(saved.status(), 200);
    assert!(
        saved.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .starts_with("faro_lang=es"),
        "the chosen language becomes this browser's"
    );
    let (name, locale, timezone): (String, Option<String>, String) =
        sqlx::query_as("SELECT name, locale, timezone FROM users WHERE email = $1")
            .bind("ana@cliente-uno.test")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(
        (name.as_str(), locale.as_deref(), timezone.as_str()),
        ("Ana García López", Some("es"), "Europe/Madrid")
    );
    let (_, html) = app.page(&ana, "/account").await;
    assert!(
        html.contains("Tu cuenta") && html.contains("Ana García López"),
        "{html}"
    );
}

async fn bad_settings_are_explained_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    for (form, field, english) in [
        (
            [("name", ""), ("locale", ""), ("timezone", "UTC")],
            "name",
            "Please fill this in.",
        ),
        (
            [
                ("name", "Pablo"),
                ("locale", ""),
                ("timezone", "Mars/Olympus"),
            ],
            "timezone",
            "Choose a timezone from the list, such as Europe/Madrid.",
        ),
    ] {
        let response = post(&pm, &app, "/api/accounts/update_profile", &form).await;
        assert_eq!(response.status(), 422);
        let error: AppError = response.json().await.unwrap();
        assert!(
            matches!(&error, AppError::Invalid { field: f, .. } if f == field),
            "{error:?}"
        );
        assert_eq!(error.message(Locale::En.strings()), english);
    }
    let name: String = sqlx::query_scalar("SELECT name FROM users WHERE email = 'pm@demo.test'")
        .fetch_one(&app.pool)
        .await
        .unwrap();
    assert_eq!(name, "Pablo Martín");
    let anonymous = post(
        &app.browser(),
        &app,
        "/api/accounts/update_profile",
        &[("name", "X"), ("locale", ""), ("timezone", "UTC")],
    )
    .await;
    assert_eq!(anonymous.status(), 401);
}

async fn changing_the_password_signs_out_every_other_device(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let laptop = app.signed_in("pm@demo.test").await;
    let phone = app.signed_in("pm@demo.test").await;
    let short = post(
        &laptop,
        &app,
        "/api/accounts/change_password",
        &[
            ("current_password", faro_server::demo::DEMO_PASSWORD),
            ("new_password", "short"),
        ],
    )
    .await;
    assert_eq!(short.status(), 422);
    let error: AppError = short.json().await.unwrap();
    assert!(matches!(&error, AppError::Invalid { field, .. } if field == "new_password"));
    assert_eq!(
        app.call(&phone, "/api/projects/list_projects").await.0,
        200,
        "nothing changed yet"
    );

    let changed = post(
        &laptop,
        &app,
        "/api/accounts/change_password",
        &[
            ("current_password", faro_server::demo::DEMO_PASSWORD),
            ("new_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(changed.status(), 200);
    assert_eq!(
        app.call(&phone, "/api/projects/list_projects").await.0,
        401,
        "the phone is signed out"
    );
    assert_eq!(
        app.call(&laptop, "/api/projects/list_projects").await.0,
        200,
        "this browser stays in"
    );

    let old = app
        .sign_in_with(
            &app.browser(),
            "pm@demo.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert_eq!(old.status(), 422);
    let new = app
        .sign_in_with(&app.browser(), "pm@demo.test", "a brand new password")
        .await;
    assert!(new.status().is_success() || new.status().is_redirection());
    let audited: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM audit_events WHERE action = 'password_changed'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    assert_eq!(audited, 1);
}

async fn a_wrong_current_password_changes_nothing(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let other = app.signed_in("ana@cliente-uno.test").await;
    let response = post(
        &ana,
        &app,
        "/api/accounts/change_password",
        &[
            ("current_password", "not my password"),
            ("new_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(response.status(), 422);
    let error: AppError = response.json().await.unwrap();
    assert_eq!(
        error.message(Locale::Es.strings()),
        "Esa no es tu contraseña actual."
    );
    assert_eq!(app.call(&other, "/api/projects/list_projects").await.0, 200);
    let still = app
        .sign_in_with(
            &app.browser(),
            "ana@cliente-uno.test",
            faro_server::demo::DEMO_PASSWORD,
        )
        .await;
    assert!(still.status().is_success() || still.status().is_redirection());
}

async fn guessing_the_current_password_is_limited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let guess = |n: usize| {
        let ana = ana.clone();
        let url = app.url("/api/accounts/change_password");
        async move {
            ana.post(url)
                .form(&[
                    ("current_password", format!("guess number {n}")),
                    ("new_password", "a brand new password".to_string()),
                ])
                .send()
                .await
                .unwrap()
                .status()
                .as_u16()
        }
    };
    for n in 0..5 {
        assert_eq!(guess(n).await, 422);
    }
    assert_eq!(
        guess(5).await,
        429,
        "the sixth guess in 15 minutes is refused"
    );
    let right = post(
        &ana,
        &app,
        "/api/accounts/change_password",
        &[
            ("current_password", faro_server::demo::DEMO_PASSWORD),
            ("new_password", "a brand new password"),
        ],
    )
    .await;
    assert_eq!(
        right.status(),
        429,
        "even the right one, until the window passes"
    );
}
