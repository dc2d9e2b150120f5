//! Stories about the organization's own feedback templates, on SQLite and PostgreSQL: staff copy
//! a built-in form, make it theirs (a question added, one removed, the order changed) and send
//! it; the client answers the questions as edited; a project sends it by itself on approval;
//! bad input is refused whole, naming the field; another organization and clients see none of
//! it; two saves of one page at once keep one; a template in use cannot be deleted; sending the
//! same form twice in a moment sends one.

mod common;

use common::{count, project_named as project, TestApp};
use faro_app::error::{AppError, Problem};
use faro_app::feedback::api::{AnswerForm, GetForm, SendForm, SetFeedbackSettings};
use faro_app::feedback::templates::api::{
    CopyTemplate, DeleteTemplate, GetTemplate, ListTemplates, SaveTemplate,
};
use faro_app::feedback::templates::{custom_key, QuestionInput};
use faro_app::feedback::Kind;
use faro_server::database::Backend;
use std::collections::HashMap;

on_both_databases!(
    staff_make_a_check_in_their_own_and_the_client_answers_it_as_edited,
    bad_templates_are_refused_whole_naming_the_field,
    another_organization_and_clients_see_no_template,
    a_template_a_project_sends_by_itself_goes_on_approval_and_cannot_be_deleted,
    sending_the_same_form_twice_in_a_moment_sends_one,
);

on_both_databases_at_once!(two_saves_of_one_page_at_once_keep_one);

const PM: &str = "pm@demo.test";
const ANA: &str = "ana@cliente-uno.test";

fn copy(language: &str) -> CopyTemplate {
    CopyTemplate {
        template: "milestone_check_in".into(),
        language: language.into(),
    }
}

fn row(text: &str, kind: &str) -> QuestionInput {
    QuestionInput {
        text: text.into(),
        kind: kind.into(),
        ..QuestionInput::default()
    }
}

/// The editor's rows for the template as it is.
async fn rows_of(app: &TestApp, who: &reqwest::Client, template: i64) -> (i64, Vec<QuestionInput>) {
    let own = app.run(who, GetTemplate { template }).await.unwrap();
    let rows = own
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| QuestionInput::of(q, i))
        .collect();
    (own.version, rows)
}

async fn staff_make_a_check_in_their_own_and_the_client_answers_it_as_edited(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;

    let id = app.run(&pm, copy("es")).await.unwrap();
    let own = app.run(&pm, GetTemplate { template: id }).await.unwrap();
    assert_eq!(own.title, "Cómo fue esta fase");
    assert_eq!(own.questions.len(), 3, "a copy of the check-in");

    // The PM drops the last question, adds a single choice first, and renames it.
    let (version, mut rows) = rows_of(&app, &pm, id).await;
    rows[2].remove = Some("on".into());
    rows.push(QuestionInput {
        position: "1".into(),
        required: Some("on".into()),
        choices: "El diseño\nLa comunicación\nLos plazos".into(),
        ..row("¿Qué valoras más?", "single")
    });
    rows.push(row("", "short"));
    app.run(
        &pm,
        SaveTemplate {
            template: id,
            version,
            title: "Revisión de sprint".into(),
            questions: rows,
        },
    )
    .await
    .unwrap();
    let saved = app.run(&pm, GetTemplate { template: id }).await.unwrap();
    assert_eq!(saved.title, "Revisión de sprint");
    assert_eq!(saved.version, version + 1);
    assert_eq!(saved.questions.len(), 3);
    assert_eq!(saved.questions[0].text, "¿Qué valoras más?");
    assert!(matches!(&saved.questions[0].kind, Kind::Single { choices } if choices.len() == 3));
    assert_eq!(saved.questions[1].kind, Kind::Csat);
    // Listed after the demo's own template.
    let listed = app.run(&pm, ListTemplates {}).await.unwrap();
    assert_eq!(
        listed.last().map(|t| t.title.as_str()),
        Some("Revisión de sprint")
    );
    assert!(listed
        .iter()
        .any(|t| t.title == "Cómo fue esta fase (con NPS)"));

    // Sent to the shop, in its own language whatever the form says.
    let form = app
        .run(
            &pm,
            SendForm {
                project: shop,
                template: custom_key(id),
                language: "en".into(),
                days: "7".into(),
            },
        )
        .await
        .unwrap();
    let shown = app.run(&ana, GetForm { form }).await.unwrap();
    assert_eq!(shown.title, "Revisión de sprint");
    assert_eq!(shown.questions, saved.questions);
    let answers = HashMap::from([
        ("q0".to_string(), "1".to_string()),
        ("q1".to_string(), "5".to_string()),
    ]);
    app.run(&ana, AnswerForm { form, answers }).await.unwrap();
    // Editing the template afterwards changes no form already sent.
    let (version, mut rows) = rows_of(&app, &pm, id).await;
    rows[0].text = "¿Qué mejorarías?".into();
    let edit = SaveTemplate {
        template: id,
        version,
        title: "Revisión de sprint".into(),
        questions: rows,
    };
    app.run(&pm, edit).await.unwrap();
    let shown = app.run(&ana, GetForm { form }).await.unwrap();
    assert_eq!(shown.questions[0].text, "¿Qué valoras más?");
    assert!(shown.answered);
}

async fn bad_templates_are_refused_whole_naming_the_field(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let id = app.run(&pm, copy("en")).await.unwrap();
    let (version, rows) = rows_of(&app, &pm, id).await;
    let save = |title: &str, questions: Vec<QuestionInput>| SaveTemplate {
        template: id,
        version,
        title: title.into(),
        questions,
    };
    let with = |extra: QuestionInput| {
        let mut all = rows.clone();
        all.push(extra);
        all
    };
    let cases = [
        (save("", rows.clone()), "title"),
        (
            save(
                "T",
                with(QuestionInput {
                    choices: "Only one".into(),
                    ..row("Pick", "single")
                }),
            ),
            "questions[3][choices]",
        ),
        (save("T", with(row("Rate", "rating"))), "questions[3][low]"),
        (
            save("T", with(row(&"x".repeat(100_000), "long"))),
            "questions[3][text]",
        ),
        (save("T", with(row("Q", "essay"))), "questions[3][kind]"),
        (
            save(
                "T",
                (0..21).map(|i| row(&format!("Q{i}"), "short")).collect(),
            ),
            "questions",
        ),
    ];
    for (call, field) in cases {
        let (status, error) = app.run(&pm, call).await.unwrap_err();
        assert_eq!(status, 422, "{field}");
        match error {
            AppError::Invalid { field: named, .. } => assert_eq!(named, field),
            other => panic!("{other:?}"),
        }
    }
    // Nothing was half-saved.
    let own = app.run(&pm, GetTemplate { template: id }).await.unwrap();
    assert_eq!(own.version, version);
    assert_eq!(own.questions.len(), 3);
    // A template nobody has, and a built-in key that is not one.
    let missing = SendForm {
        project: project(&app, "Tienda online").await,
        template: custom_key(id + 1000),
        language: "en".into(),
        days: "7".into(),
    };
    let refused = app.run(&pm, missing).await.unwrap_err();
    assert_eq!(refused.0, 422);
    let bad_copy = CopyTemplate {
        template: "sprint_review".into(),
        language: "en".into(),
    };
    assert_eq!(app.run(&pm, bad_copy).await.unwrap_err().0, 422);
}

async fn another_organization_and_clients_see_no_template(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let id = app.run(&pm, copy("en")).await.unwrap();
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
    app.sign_in_with(&otto, "otto@other.test", "another long password")
        .await;

    assert!(app.run(&otto, ListTemplates {}).await.unwrap().is_empty());
    assert_eq!(
        app.run(&otto, GetTemplate { template: id })
            .await
            .unwrap_err()
            .0,
        404
    );
    let (version, rows) = rows_of(&app, &pm, id).await;
    let takeover = SaveTemplate {
        template: id,
        version,
        title: "Mine now".into(),
        questions: rows,
    };
    assert_eq!(app.run(&otto, takeover.clone()).await.unwrap_err().0, 404);
    let delete = DeleteTemplate {
        template: id,
        confirm: Some("on".into()),
    };
    assert_eq!(app.run(&otto, delete.clone()).await.unwrap_err().0, 404);
    // Clients: nothing, not even the list.
    assert_eq!(app.run(&ana, ListTemplates {}).await.unwrap_err().0, 404);
    assert_eq!(
        app.run(&ana, GetTemplate { template: id })
            .await
            .unwrap_err()
            .0,
        404
    );
    assert_eq!(app.run(&ana, takeover).await.unwrap_err().0, 404);
    assert_eq!(app.run(&ana, delete).await.unwrap_err().0, 404);
    assert_eq!(
        app.run(&app.browser(), ListTemplates {})
            .await
            .unwrap_err()
            .0,
        401
    );
    // The template is as the PM left it.
    let own = app.run(&pm, GetTemplate { template: id }).await.unwrap();
    assert_eq!(own.version, version);
    let (status, page) = app.page(&otto, &format!("/feedback/templates/{id}")).await;
    assert_eq!(status, 404);
    assert!(!page.contains("Milestone check-in"), "{page}");
}

async fn a_template_a_project_sends_by_itself_goes_on_approval_and_cannot_be_deleted(
    backend: Backend,
) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;
    let id = app.run(&pm, copy("es")).await.unwrap();
    let (version, mut rows) = rows_of(&app, &pm, id).await;
    rows.push(row("¿Algo más?", "long"));
    let save = SaveTemplate {
        template: id,
        version,
        title: "Nuestro cierre de fase".into(),
        questions: rows,
    };
    app.run(&pm, save).await.unwrap();
    let settings = |on_approval: String| SetFeedbackSettings {
        project: shop,
        on_approval,
        on_close: String::new(),
    };
    app.run(&pm, settings(custom_key(id))).await.unwrap();

    // Another organization's or a missing template is not a choice.
    let refused = app
        .run(&pm, settings(custom_key(id + 1000)))
        .await
        .unwrap_err();
    assert_eq!(refused.0, 422);

    // A milestone completed and approved: the form is the template as edited.
    let milestone: i64 = count(
        &app,
        &format!(
            "SELECT MIN(id) FROM milestones WHERE project_id = {} AND status = 'in_progress'",
            shop.0
        ),
    )
    .await;
    let milestone = faro_app::milestones::MilestoneId(milestone);
    app.run(
        &pm,
        faro_app::milestones::api::SetMilestoneStatus {
            project: shop,
            milestone,
            status: "completed".into(),
        },
    )
    .await
    .unwrap();
    let approval = common::sign_off(&app, shop, milestone, "approved", "").await;
    app.run(&ana, approval).await.unwrap();
    let form = faro_app::feedback::FormId(
        count(
            &app,
            &format!(
                "SELECT id FROM feedback_forms WHERE milestone_id = {}",
                milestone.0
            ),
        )
        .await,
    );
    let shown = app.run(&ana, GetForm { form }).await.unwrap();
    assert_eq!(shown.title, "Nuestro cierre de fase");
    assert_eq!(shown.questions.len(), 4);

    // In use: deleting it is refused, naming the project; no longer in use, it goes.
    let delete = |confirm: Option<&str>| DeleteTemplate {
        template: id,
        confirm: confirm.map(str::to_string),
    };
    let (status, error) = app.run(&pm, delete(Some("on"))).await.unwrap_err();
    assert_eq!(status, 422);
    assert_eq!(
        error,
        AppError::invalid(
            "template",
            Problem::TemplateInUse {
                project: "Tienda online".into()
            }
        )
    );
    app.run(&pm, settings(String::new())).await.unwrap();
    let unticked = app.run(&pm, delete(None)).await.unwrap_err();
    assert_eq!(unticked.0, 422, "the box must be ticked");
    app.run(&pm, delete(Some("on"))).await.unwrap();
    assert!(app
        .run(&pm, ListTemplates {})
        .await
        .unwrap()
        .iter()
        .all(|t| t.id != id));
    // The form sent from it keeps its questions.
    assert_eq!(
        app.run(&ana, GetForm { form })
            .await
            .unwrap()
            .questions
            .len(),
        4
    );
}

async fn sending_the_same_form_twice_in_a_moment_sends_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let shop = project(&app, "Tienda online").await;
    let send = SendForm {
        project: shop,
        template: "project_close".into(),
        language: "es".into(),
        days: "7".into(),
    };
    let before = count(&app, "SELECT COUNT(*) FROM feedback_forms").await;
    let first = app.run(&pm, send.clone()).await.unwrap();
    let again = app.run(&pm, send).await.unwrap();
    assert_eq!(first, again, "a double click is one form");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM feedback_forms").await,
        before + 1
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'form_waiting'"
        )
        .await,
        1,
        "and one email"
    );
}

async fn two_saves_of_one_page_at_once_keep_one(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let owner = app.signed_in("owner@demo.test").await;
    let id = app.run(&pm, copy("en")).await.unwrap();
    let (version, rows) = rows_of(&app, &pm, id).await;
    let save = |title: &str| SaveTemplate {
        template: id,
        version,
        title: title.into(),
        questions: rows.clone(),
    };
    let (a, b) = tokio::join!(
        app.run(&pm, save("Pablo's version")),
        app.run(&owner, save("Olivia's version"))
    );
    let outcomes = [
        a.map(|_| 200).unwrap_or_else(|e| e.0),
        b.map(|_| 200).unwrap_or_else(|e| e.0),
    ];
    let mut sorted = outcomes;
    sorted.sort();
    assert_eq!(sorted, [200, 409], "{outcomes:?}");
    let own = app.run(&pm, GetTemplate { template: id }).await.unwrap();
    assert_eq!(own.version, version + 1);
    let expected = if outcomes[0] == 200 {
        "Pablo's version"
    } else {
        "Olivia's version"
    };
    assert_eq!(own.title, expected);
}
