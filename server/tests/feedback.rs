//! Stories about feedback forms, on SQLite and PostgreSQL: a milestone's approval sends one
//! check-in form (however many approvals arrive at once); the client answers, again replaces;
//! nobody reads another client's answers, the results page or another project's form; a closed
//! form refuses answers; bad answers are refused whole; the CSV survives what spreadsheets and
//! parsers trip on.

mod common;

use common::TestApp;
use common::{count, project_named as project, second_shop_client};
use faro_app::error::{AppError, Problem};
use faro_app::feedback::api::{AnswerForm, CloseForm, GetFeedback, GetForm, GetWaiting, SendForm};
use faro_app::feedback::FormId;
use faro_app::milestones::api::{SaveMilestone, SetMilestoneStatus, SignOffMilestone};
use faro_app::milestones::MilestoneId;
use faro_app::projects::ProjectId;
use faro_server::database::Backend;
use std::collections::HashMap;

on_both_databases!(
    approving_a_milestone_sends_a_check_in_the_client_answers_and_the_pm_reads,
    nobody_reads_another_clients_answers_or_another_projects_form,
    a_closed_form_refuses_answers,
    bad_answers_are_refused_whole_and_nothing_is_saved,
    the_csv_has_a_row_per_response_and_survives_what_spreadsheets_trip_on,
);

on_both_databases_at_once!(
    two_approvals_at_once_send_one_form,
    answers_at_the_same_instant_leave_one_response,
);

/// A milestone the PM created, started and completed on the shop: awaiting sign-off.
async fn completed_milestone(app: &TestApp, pm: &reqwest::Client, title: &str) -> MilestoneId {
    let shop = project(app, "Tienda online").await;
    let id = app
        .run(
            pm,
            SaveMilestone {
                project: shop,
                milestone: None,
                version: 0,
                title: title.into(),
                description: String::new(),
                due_on: "2027-03-01".into(),
            },
        )
        .await
        .unwrap();
    for to in ["in_progress", "completed"] {
        app.run(
            pm,
            SetMilestoneStatus {
                project: shop,
                milestone: id,
                status: to.into(),
            },
        )
        .await
        .unwrap();
    }
    id
}

async fn approve(app: &TestApp, project: ProjectId, milestone: MilestoneId) -> SignOffMilestone {
    let round = count(
        app,
        &format!("SELECT round FROM milestones WHERE id = {}", milestone.0),
    )
    .await;
    SignOffMilestone {
        project,
        milestone,
        decision: "approved".into(),
        comment: String::new(),
        round,
    }
}

fn answers(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn answering(form: FormId, pairs: &[(&str, &str)]) -> AnswerForm {
    AnswerForm {
        form,
        answers: answers(pairs),
    }
}

/// The form waiting for `who` about `milestone` (by its title).
async fn waiting_form(app: &TestApp, who: &reqwest::Client, milestone: &str) -> FormId {
    app.run(who, GetWaiting {})
        .await
        .unwrap()
        .into_iter()
        .find(|f| f.milestone.as_deref() == Some(milestone))
        .expect("a form waits")
        .id
}

async fn sent(app: &TestApp, pm: &reqwest::Client, project: ProjectId, template: &str) -> FormId {
    app.run(
        pm,
        SendForm {
            project,
            template: template.into(),
            language: "en".into(),
            days: "14".into(),
        },
    )
    .await
    .unwrap()
}

async fn approving_a_milestone_sends_a_check_in_the_client_answers_and_the_pm_reads(
    backend: Backend,
) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let milestone = completed_milestone(&app, &pm, "Catálogo importado").await;
    let before = count(&app, "SELECT COUNT(*) FROM feedback_forms").await;
    app.run(&ana, approve(&app, shop, milestone).await)
        .await
        .unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM feedback_forms").await,
        before + 1
    );
    let form = waiting_form(&app, &ana, "Catálogo importado").await;
    let shown = app.run(&ana, GetForm { form }).await.unwrap();
    assert!(shown.open && !shown.answered);
    assert_eq!(shown.questions.len(), 3);
    assert_eq!(shown.questions[0].kind, faro_app::feedback::Kind::Csat);
    // Her home page lists it, linked.
    let (_, home) = app.page(&ana, "/").await;
    assert!(
        home.contains(&format!("/forms/{form}")),
        "the client's home lists the form"
    );
    let (status, page) = app.page(&ana, &format!("/forms/{form}")).await;
    assert_eq!(status, 200);
    assert!(page.contains("type=\"radio\""));

    app.run(
        &ana,
        answering(form, &[("q0", "5"), ("q1", "Nada, todo bien.")]),
    )
    .await
    .unwrap();
    assert!(app
        .run(&ana, GetWaiting {})
        .await
        .unwrap()
        .iter()
        .all(|f| f.id != form));
    let results = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let mine = results.forms.iter().find(|f| f.form.id == form).unwrap();
    assert_eq!(mine.responses.len(), 1);
    assert_eq!(mine.responses[0].person, "Ana García");
    let csat = mine.csat.unwrap();
    assert_eq!(
        (csat.average_tenths, csat.satisfied_percent, csat.count),
        (50, 100, 1)
    );
    assert!(!mine.responses[0].low);
    // Answering again replaces the first answers: a low score now, flagged.
    app.run(&ana, answering(form, &[("q0", "2")]))
        .await
        .unwrap();
    let results = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let mine = results.forms.iter().find(|f| f.form.id == form).unwrap();
    assert_eq!(mine.responses.len(), 1);
    assert_eq!(mine.csat.unwrap().average_tenths, 20);
    assert!(mine.responses[0].low);
    assert_eq!(
        mine.responses[0].answers[1], None,
        "the earlier text went with the earlier answers"
    );
    let again = app.run(&ana, GetForm { form }).await.unwrap();
    assert!(again.answered);
    assert_eq!(again.mine[0], Some(faro_app::feedback::Answer::Score(2)));
    let (status, page) = app.page(&pm, &format!("/projects/{shop}/feedback")).await;
    assert_eq!(status, 200);
    assert!(page.contains("Needs attention"), "the low score is flagged");
}

async fn nobody_reads_another_clients_answers_or_another_projects_form(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let form = sent(&app, &pm, shop, "project_close").await;
    app.run(
        &ana,
        answering(
            form,
            &[("q0", "4"), ("q1", "9"), ("q2", "Ana's secret praise")],
        ),
    )
    .await
    .unwrap();
    // Carla sees the form, but not Ana's answers.
    let hers = app.run(&carla, GetForm { form }).await.unwrap();
    assert!(!hers.answered && hers.mine.is_empty());
    let (_, page) = app.page(&carla, &format!("/forms/{form}")).await;
    assert!(!page.contains("Ana's secret praise"));
    // Ben (another client): the form, answering it, the results: like missing ones.
    assert_eq!(app.run(&ben, GetForm { form }).await.unwrap_err().0, 404);
    assert_eq!(
        app.run(&ben, answering(form, &[("q0", "1"), ("q1", "0")]))
            .await
            .unwrap_err()
            .0,
        404
    );
    // Clients never read results; staff name the form through its own project only.
    assert_eq!(
        app.run(&ana, GetFeedback { project: shop })
            .await
            .unwrap_err()
            .0,
        404
    );
    let (status, page) = app.page(&ana, &format!("/projects/{shop}/feedback")).await;
    assert!(!page.contains("Ana's secret praise"), "{status}");
    assert_eq!(
        app.run(
            &pm,
            CloseForm {
                project: brand,
                form
            }
        )
        .await
        .unwrap_err()
        .0,
        404
    );
    let response = ana
        .get(app.url(&format!("/projects/{shop}/feedback/{form}/responses.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404, "a client gets no CSV");
    let response = pm
        .get(app.url(&format!("/projects/{brand}/feedback/{form}/responses.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404, "the form is not the brand's");
    // Staff cannot answer for the client.
    assert_eq!(
        app.run(&pm, answering(form, &[("q0", "5"), ("q1", "10")]))
            .await
            .unwrap_err()
            .0,
        404
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM feedback_responses WHERE form_id = {form}")
        )
        .await,
        1
    );
}

async fn a_closed_form_refuses_answers(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "milestone_check_in").await;
    assert!(app
        .run(&ana, GetWaiting {})
        .await
        .unwrap()
        .iter()
        .any(|f| f.id == form));
    app.run(
        &pm,
        CloseForm {
            project: shop,
            form,
        },
    )
    .await
    .unwrap();
    app.run(
        &pm,
        CloseForm {
            project: shop,
            form,
        },
    )
    .await
    .unwrap();
    assert_eq!(
        app.run(&ana, answering(form, &[("q0", "5")]))
            .await
            .unwrap_err(),
        (422, AppError::invalid("form", Problem::FormClosed))
    );
    assert!(app
        .run(&ana, GetWaiting {})
        .await
        .unwrap()
        .iter()
        .all(|f| f.id != form));
    assert!(!app.run(&ana, GetForm { form }).await.unwrap().open);
    // Past its day too: nothing is taken.
    let other = sent(&app, &pm, shop, "milestone_check_in").await;
    sqlx::query("UPDATE feedback_forms SET closes_at = 0 WHERE id = $1")
        .bind(other)
        .execute(&app.pool)
        .await
        .unwrap();
    assert_eq!(
        app.run(&ana, answering(other, &[("q0", "5")]))
            .await
            .unwrap_err()
            .0,
        422
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM feedback_responses WHERE form_id IN ({form}, {other})")
        )
        .await,
        0
    );
}

async fn bad_answers_are_refused_whole_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "project_close").await;
    let refused = |field: &str, problem: Problem| (422, AppError::invalid(field, problem));
    assert_eq!(
        app.run(&ana, answering(form, &[("q0", "5"), ("q1", "11")]))
            .await
            .unwrap_err(),
        refused("q1", Problem::OutOfRange { min: 0, max: 10 })
    );
    assert_eq!(
        app.run(&ana, answering(form, &[("q2", "Only text")]))
            .await
            .unwrap_err(),
        refused(
            "answers",
            Problem::Unanswered {
                questions: vec![1, 2]
            }
        )
    );
    assert_eq!(
        app.run(
            &ana,
            answering(form, &[("q0", "5"), ("q1", "9"), ("q4", "7")])
        )
        .await
        .unwrap_err(),
        refused("q4", Problem::NotAChoice)
    );
    let huge = "x".repeat(100 * 1024);
    assert_eq!(
        app.run(
            &ana,
            answering(form, &[("q0", "5"), ("q1", "9"), ("q3", &huge)])
        )
        .await
        .unwrap_err(),
        refused(
            "q3",
            Problem::TooLong {
                max: faro_app::feedback::TEXT_MAX_CHARS
            }
        )
    );
    assert_eq!(
        app.run(
            &pm,
            SendForm {
                project: shop,
                template: "project_close".into(),
                language: "en".into(),
                days: "400".into(),
            }
        )
        .await
        .unwrap_err(),
        refused("days", Problem::OutOfRange { min: 1, max: 60 })
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM feedback_responses WHERE form_id = {form}")
        )
        .await,
        0
    );
    // As a form posts it, without JavaScript.
    let (status, _) = app
        .post_form(
            &ana,
            "/api/feedback/answer_form",
            &[
                ("form", form.to_string()),
                ("answers[q0]", "4".into()),
                ("answers[q1]", "8".into()),
                ("answers[q4]", "1".into()),
            ],
        )
        .await;
    assert_eq!(status, 200);
    let mine = app.run(&ana, GetForm { form }).await.unwrap().mine;
    assert_eq!(mine[4], Some(faro_app::feedback::Answer::Choice(1)));
}

async fn the_csv_has_a_row_per_response_and_survives_what_spreadsheets_trip_on(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "project_close").await;
    let tricky = "=HYPERLINK(\"http://x\"), \"quoted\"\nsecond line";
    app.run(
        &ana,
        answering(form, &[("q0", "5"), ("q1", "10"), ("q2", tricky)]),
    )
    .await
    .unwrap();
    app.run(
        &carla,
        answering(form, &[("q0", "3"), ("q1", "7"), ("q4", "2")]),
    )
    .await
    .unwrap();
    let response = pm
        .get(app.url(&format!("/projects/{shop}/feedback/{form}/responses.csv")))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/csv"));
    assert!(response.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .contains("attachment"));
    let body = response.text().await.unwrap();
    let body = body.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new().from_reader(body.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header[..2],
        ["person".to_string(), "answered_at_utc".to_string()]
    );
    assert_eq!(header.len(), 2 + 5);
    assert_eq!(
        header[3],
        "How likely are you to recommend us to a friend or colleague?"
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    assert_eq!(rows.len(), 2, "one row per response");
    let ana_row = rows.iter().find(|r| r[0] == "Ana García").unwrap();
    assert_eq!(ana_row[2], "5");
    assert_eq!(ana_row[3], "10");
    // The text survives whole, and cannot run as a formula.
    assert_eq!(ana_row[4], format!("'{tricky}"));
    let carla_row = rows.iter().find(|r| r[0] == "Carla Ruiz").unwrap();
    assert_eq!(carla_row[6], "No");
    assert!(carla_row[1].ends_with('Z') && carla_row[1].contains('T'));
}

async fn two_approvals_at_once_send_one_form(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let milestone = completed_milestone(&app, &pm, "Pasarela en producción").await;
    let before = count(&app, "SELECT COUNT(*) FROM feedback_forms").await;
    let approval = approve(&app, shop, milestone).await;
    let (a, c) = tokio::join!(
        app.run(&ana, approval.clone()),
        app.run(&carla, approval.clone())
    );
    a.unwrap();
    c.unwrap();
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM feedback_forms").await,
        before + 1,
        "one check-in for the round"
    );
}

async fn answers_at_the_same_instant_leave_one_response(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "milestone_check_in").await;
    let calls = (1..=5).map(|score| {
        let s = score.to_string();
        let ana = &ana;
        let app = &app;
        async move { app.run(ana, answering(form, &[("q0", s.as_str())])).await }
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM feedback_responses WHERE form_id = {form}")
        )
        .await,
        1
    );
}
