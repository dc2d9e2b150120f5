//! Stories about feedback forms, on SQLite and PostgreSQL: a milestone's approval sends one
//! check-in form (however many approvals arrive at once); the client answers, again replaces;
//! nobody reads another client's answers, the results page or another project's form; a closed
//! form refuses answers; bad answers are refused whole; the CSV survives what spreadsheets and
//! parsers trip on.

mod common;

use common::TestApp;
use common::{count, project_named as project, second_shop_client};
use faro_app::error::{AppError, Problem};
use faro_app::feedback::api::{
    AnswerForm, CloseForm, GetFeedback, GetForm, GetOrganizationScores, GetWaiting, HandleLowScore,
    SendForm, SetFeedbackSettings,
};
use faro_app::feedback::FormId;
use faro_app::milestones::api::{SaveMilestone, SetMilestoneStatus, SignOffMilestone};
use faro_app::milestones::MilestoneId;
use faro_app::projects::api::{ArchiveProject, GetProject, ListProjects};
use faro_app::projects::ProjectId;
use faro_server::database::Backend;
use std::collections::HashMap;

on_both_databases!(
    approving_a_milestone_sends_a_check_in_the_client_answers_and_the_pm_reads,
    nobody_reads_another_clients_answers_or_another_projects_form,
    a_closed_form_refuses_answers,
    bad_answers_are_refused_whole_and_nothing_is_saved,
    without_javascript_a_refused_answer_comes_back_with_what_was_typed,
    changes_asked_after_an_approval_close_its_check_in,
    the_csv_has_a_row_per_response_and_survives_what_spreadsheets_trip_on,
    a_low_score_flags_the_project_until_staff_say_what_was_done,
    the_project_chooses_what_it_sends_and_closing_it_asks_for_a_last_word,
    the_organization_compares_its_last_90_days_with_the_90_before,
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
    common::sign_off(app, project, milestone, "approved", "").await
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
    // So does the project's header, leading to the oldest one; staff are asked nothing.
    let header = app
        .run(&ana, GetProject { id: shop })
        .await
        .unwrap()
        .standing;
    assert!(header.forms_waiting >= 1);
    let oldest = header.first_form_waiting.expect("a form to lead to");
    let (_, project_page) = app.page(&ana, &format!("/projects/{}", shop.0)).await;
    assert!(
        project_page.contains(&format!("/forms/{oldest}")),
        "the header links it"
    );
    let staff = app
        .run(&pm, GetProject { id: shop })
        .await
        .unwrap()
        .standing;
    assert_eq!(staff.forms_waiting, 0);
    let waiting_before = header.forms_waiting;

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
    let header = app
        .run(&ana, GetProject { id: shop })
        .await
        .unwrap()
        .standing;
    assert_eq!(
        header.forms_waiting,
        waiting_before - 1,
        "answered: one fewer"
    );
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

async fn changes_asked_after_an_approval_close_its_check_in(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let milestone = completed_milestone(&app, &pm, "Payment page").await;
    app.run(&ana, approve(&app, shop, milestone).await)
        .await
        .unwrap();
    let form = waiting_form(&app, &carla, "Payment page").await;
    app.run(&ana, answering(form, &[("q0", "4")]))
        .await
        .unwrap();
    // Carla, who had not decided yet, asks for changes: the phase goes on.
    let mut changes = approve(&app, shop, milestone).await;
    changes.decision = "changes_requested".into();
    changes.comment = "The card form rejects Amex.".into();
    app.run(&carla, changes).await.unwrap();
    let asked_now = app.run(&carla, GetWaiting {}).await.unwrap();
    assert!(
        asked_now
            .iter()
            .all(|f| f.milestone.as_deref() != Some("Payment page")),
        "the check-in no longer waits: {asked_now:?}"
    );
    let closed = app.run(&carla, GetForm { form }).await.unwrap();
    assert!(!closed.open, "the check-in is closed");
    assert_eq!(
        app.run(&carla, answering(form, &[("q0", "2")]))
            .await
            .unwrap_err(),
        (422, AppError::invalid("form", Problem::FormClosed))
    );
    // Ana's answer stays in the results.
    let results = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let that = results.forms.iter().find(|f| f.form.id == form).unwrap();
    assert_eq!(that.responses.len(), 1);
    // Completed and approved again: the client is asked again, on a new form.
    app.run(
        &pm,
        SetMilestoneStatus {
            project: shop,
            milestone,
            status: "completed".into(),
        },
    )
    .await
    .unwrap();
    app.run(&carla, approve(&app, shop, milestone).await)
        .await
        .unwrap();
    let again = waiting_form(&app, &ana, "Payment page").await;
    assert_ne!(again, form);
}

/// Posts answers as a browser without JavaScript does: a plain form from `/forms/{form}`.
async fn post_without_javascript(
    app: &TestApp,
    who: &reqwest::Client,
    form: FormId,
    fields: &[(&str, &str)],
) -> reqwest::Response {
    let mut body = vec![("form".to_string(), form.to_string())];
    body.extend(
        fields
            .iter()
            .map(|(k, v)| (format!("answers[{k}]"), v.to_string())),
    );
    who.post(app.url("/api/feedback/answer_form"))
        .header("Accept", "text/html")
        .header("Referer", app.url(&format!("/forms/{form}")))
        .form(&body)
        .send()
        .await
        .unwrap()
}

/// Whether the page's input `id` is ticked.
fn checked(page: &str, id: &str) -> bool {
    let start = page
        .find(&format!("<input id=\"{id}\""))
        .unwrap_or_else(|| panic!("no input {id}"));
    let tag = &page[start..start + page[start..].find('>').unwrap()];
    tag.contains(" checked")
}

fn location(response: &reqwest::Response) -> String {
    assert_eq!(
        response.status().as_u16(),
        302,
        "a form post is answered with a redirect"
    );
    response.headers()["location"].to_str().unwrap().to_string()
}

async fn without_javascript_a_refused_answer_comes_back_with_what_was_typed(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "project_close").await;
    // The two scores are left out; what went well and the consent are given.
    let went_well = "Clear plans, \"fast\" replies & a café, = no formula";
    let back = location(
        &post_without_javascript(&app, &ana, form, &[("q2", went_well), ("q4", "1")]).await,
    );
    assert!(back.starts_with(&format!("/forms/{form}?")), "{back}");
    let (status, page) = app.page(&ana, &back).await;
    assert_eq!(status, 200);
    assert!(
        page.contains(
            "Please answer questions 1, 2: they are required. Your other answers are kept."
        ),
        "the error is shown"
    );
    assert!(
        page.contains(
            r#"aria-invalid="false">Clear plans, "fast" replies &amp; a café, = no formula</textarea>"#
        ),
        "the text typed is there again"
    );
    assert!(checked(&page, "q4-1"), "the choice made is there again");
    assert!(
        (1..=5).all(|n| !checked(&page, &format!("q0-{n}"))),
        "no score was chosen"
    );
    assert_eq!(
        count(
            &app,
            &format!("SELECT COUNT(*) FROM feedback_responses WHERE form_id = {form}")
        )
        .await,
        0,
        "nothing is saved"
    );
    // What the address carries is text, never markup: typed text cannot end the box.
    let back = location(
        &post_without_javascript(
            &app,
            &ana,
            form,
            &[("q2", r#"</textarea><b id="injected">x</b>"#)],
        )
        .await,
    );
    let (_, page) = app.page(&ana, &back).await;
    assert!(page.contains(r#"&lt;/textarea>&lt;b id="injected">x&lt;/b></textarea>"#));
    assert!(!page.contains(r#"</textarea><b id="injected">"#));
    // A link without a refusal fills nothing in, and says nothing was saved when it was not.
    let (_, page) = app
        .page(&ana, &format!("/forms/{form}?saved=1&answers[q2]=planted"))
        .await;
    assert!(!page.contains("planted"));
    assert!(!page.contains("Thank you: your answers are saved."));
    // A text too long to be valid is not carried back (the error names it); the rest is.
    let huge = "x".repeat(100 * 1024);
    let back = location(
        &post_without_javascript(&app, &ana, form, &[("q0", "5"), ("q1", "9"), ("q3", &huge)])
            .await,
    );
    assert!(
        back.len() < 1024,
        "the address stays short: {} bytes",
        back.len()
    );
    let (_, page) = app.page(&ana, &back).await;
    assert!(
        page.contains("at most 5000 characters") || page.contains("5,000"),
        "the error names the limit"
    );
    assert!(
        checked(&page, "q0-5") && checked(&page, "q1-9"),
        "the scores are kept"
    );
    // Sent whole, it is saved and the page says so.
    let back = location(
        &post_without_javascript(
            &app,
            &ana,
            form,
            &[("q0", "5"), ("q1", "9"), ("q2", went_well)],
        )
        .await,
    );
    assert_eq!(back, format!("/forms/{form}?saved=1"));
    let (_, page) = app.page(&ana, &back).await;
    assert!(page.contains("Thank you: your answers are saved."));
    let mine = app.run(&ana, GetForm { form }).await.unwrap().mine;
    assert_eq!(
        mine[2],
        Some(faro_app::feedback::Answer::Text(went_well.into()))
    );
    // Another project's form is not answered, and nothing typed is echoed for it.
    let ben = app.signed_in("ben@client-two.test").await;
    let response = post_without_javascript(&app, &ben, form, &[("q2", "mine")]).await;
    assert!(!response
        .headers()
        .get("location")
        .is_some_and(|l| l.to_str().unwrap().contains("mine")));
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

async fn a_low_score_flags_the_project_until_staff_say_what_was_done(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "milestone_check_in").await;
    let flag = |list: &Vec<faro_app::projects::ProjectSummary>| {
        let p = list.iter().find(|p| p.id == shop).unwrap();
        (p.standing.low_scores, p.standing.low_score_words.clone())
    };
    assert_eq!(flag(&app.run(&pm, ListProjects {}).await.unwrap()).0, 0);
    app.run(
        &ana,
        answering(form, &[("q0", "1"), ("q1", "Llegó tarde y mal.")]),
    )
    .await
    .unwrap();
    // Staff see it in the list and on the project, with her words; she does not.
    let (n, words) = flag(&app.run(&pm, ListProjects {}).await.unwrap());
    assert_eq!((n, words.as_deref()), (1, Some("Llegó tarde y mal.")));
    let page = app.run(&pm, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.low_scores, 1);
    assert_eq!(flag(&app.run(&ana, ListProjects {}).await.unwrap()).0, 0);
    let (_, home) = app.page(&pm, "/").await;
    assert!(home.contains("1 low feedback score needs attention"));
    // Handled: a note is needed; only staff; then the flag goes and the note stays.
    let ana_id = count(
        &app,
        "SELECT id FROM users WHERE email = 'ana@cliente-uno.test'",
    )
    .await;
    let read = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let answered_at = read
        .forms
        .iter()
        .find(|f| f.form.id == form)
        .unwrap()
        .responses[0]
        .answered_at;
    let handle = |note: &str| HandleLowScore {
        project: shop,
        form,
        person: faro_app::accounts::UserId(ana_id),
        answered_at,
        note: note.into(),
    };
    assert_eq!(
        app.run(&pm, handle("  ")).await.unwrap_err(),
        (422, AppError::invalid("note", Problem::Required))
    );
    assert_eq!(app.run(&ana, handle("Nada")).await.unwrap_err().0, 404);
    app.run(&pm, handle("La llamé; rehacemos los textos el lunes."))
        .await
        .unwrap();
    app.run(&pm, handle("Otra vez")).await.unwrap();
    assert_eq!(flag(&app.run(&pm, ListProjects {}).await.unwrap()).0, 0);
    let results = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let response = &results
        .forms
        .iter()
        .find(|f| f.form.id == form)
        .unwrap()
        .responses[0];
    let (by, _, note) = response.handled.clone().expect("handled");
    assert_eq!(
        (by.as_str(), note.as_str()),
        ("Pablo Martín", "La llamé; rehacemos los textos el lunes.")
    );
    // A new low answer flags it again; a note written from the page that showed the old one
    // is refused (the new answer was not read yet).
    tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    app.run(&ana, answering(form, &[("q0", "2")]))
        .await
        .unwrap();
    assert_eq!(flag(&app.run(&pm, ListProjects {}).await.unwrap()).0, 1);
    assert_eq!(
        app.run(&pm, handle("Stale page")).await.unwrap_err(),
        (409, AppError::Conflict)
    );
    assert_eq!(flag(&app.run(&pm, ListProjects {}).await.unwrap()).0, 1);
}

async fn the_project_chooses_what_it_sends_and_closing_it_asks_for_a_last_word(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let forms = || count(&app, "SELECT COUNT(*) FROM feedback_forms");
    // Nothing on approval: approving sends no form.
    let settings = |on_approval: &str, on_close: &str| SetFeedbackSettings {
        project: shop,
        on_approval: on_approval.into(),
        on_close: on_close.into(),
    };
    assert_eq!(
        app.run(&pm, settings("weekly_poll", "")).await.unwrap_err(),
        (422, AppError::invalid("on_approval", Problem::NotAChoice))
    );
    assert_eq!(app.run(&ana, settings("", "")).await.unwrap_err().0, 404);
    app.run(&pm, settings("", "project_close")).await.unwrap();
    let page = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    assert_eq!(
        (page.on_approval.as_str(), page.on_close.as_str()),
        ("", "project_close")
    );
    let milestone = completed_milestone(&app, &pm, "Sin formulario").await;
    let before = forms().await;
    app.run(&ana, approve(&app, shop, milestone).await)
        .await
        .unwrap();
    assert_eq!(forms().await, before, "nothing sent on approval");
    // Closing the project sends the close form, once, even archived twice at once.
    let archive = ArchiveProject {
        id: shop,
        archived: true,
    };
    let (a, b) = tokio::join!(app.run(&pm, archive.clone()), app.run(&pm, archive.clone()));
    a.unwrap();
    b.unwrap();
    assert_eq!(forms().await, before + 1);
    let waiting = app.run(&ana, GetWaiting {}).await.unwrap();
    let close = waiting
        .iter()
        .find(|f| f.project_name == "Tienda online")
        .expect("the close form");
    let shown = app.run(&ana, GetForm { form: close.id }).await.unwrap();
    assert_eq!(shown.questions.len(), 5);
    assert_eq!(shown.questions[1].kind, faro_app::feedback::Kind::Nps);
    // A closed project's client still answers it; staff still read it, are told of a low
    // score on it, and handle it.
    app.run(&ana, answering(close.id, &[("q0", "2"), ("q1", "9")]))
        .await
        .unwrap();
    let read = app.run(&pm, GetFeedback { project: shop }).await.unwrap();
    let response = read
        .forms
        .iter()
        .find(|f| f.form.id == close.id)
        .unwrap()
        .responses[0]
        .clone();
    assert!(response.low);
    let listed = app.run(&pm, ListProjects {}).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .find(|p| p.id == shop)
            .unwrap()
            .standing
            .low_scores,
        1
    );
    let csv = pm
        .get(app.url(&format!(
            "/projects/{shop}/feedback/{}/responses.csv",
            close.id
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(csv.status(), 200);
    app.run(
        &pm,
        HandleLowScore {
            project: shop,
            form: close.id,
            person: faro_app::accounts::UserId(response.user),
            answered_at: response.answered_at,
            note: "Llamada de cierre hecha.".into(),
        },
    )
    .await
    .unwrap();
    // Reopened and closed again: asked once already, not again.
    app.run(
        &pm,
        ArchiveProject {
            id: shop,
            archived: false,
        },
    )
    .await
    .unwrap();
    app.run(&pm, archive.clone()).await.unwrap();
    assert_eq!(forms().await, before + 1);
    // Nothing chosen: nothing sent either.
    app.run(
        &pm,
        ArchiveProject {
            id: shop,
            archived: false,
        },
    )
    .await
    .unwrap();
    app.run(&pm, settings("milestone_check_in", ""))
        .await
        .unwrap();
    app.run(&pm, archive).await.unwrap();
    assert_eq!(forms().await, before + 1);
}

async fn the_organization_compares_its_last_90_days_with_the_90_before(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let form = sent(&app, &pm, shop, "project_close").await;
    app.run(&ana, answering(form, &[("q0", "5"), ("q1", "10")]))
        .await
        .unwrap();
    // Ana's answer is from 100 days ago; Carla's is today (as are the demo's check-in answers:
    // CSAT 5 and 4, NPS 10 and 8).
    sqlx::query(
        "UPDATE feedback_responses SET updated_at = updated_at - 8640000000
         WHERE form_id = $1 AND person = 'Ana García'",
    )
    .bind(form)
    .execute(&app.pool)
    .await
    .unwrap();
    app.run(&carla, answering(form, &[("q0", "3"), ("q1", "6")]))
        .await
        .unwrap();
    let scores = app.run(&pm, GetOrganizationScores {}).await.unwrap();
    assert_eq!(
        scores.csat.unwrap().average_tenths,
        40,
        "5 and 4 (the demo's check-in) and 3"
    );
    assert_eq!(scores.csat_before.unwrap().average_tenths, 50);
    assert_eq!(
        scores.nps.unwrap().score,
        0,
        "the demo's promoter and passive, and one detractor"
    );
    assert_eq!(scores.nps_before.unwrap().score, 100, "one promoter");
    let (_, home) = app.page(&pm, "/").await;
    assert!(home.contains("Client feedback, last 90 days"));
    assert!(
        home.contains("down from 5.0 the 90 days before"),
        "the trend in words"
    );
    // Clients get nothing of it.
    assert_eq!(
        app.run(&ana, GetOrganizationScores {}).await.unwrap(),
        Default::default()
    );
}
