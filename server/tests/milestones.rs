//! Stories about milestones, on SQLite and PostgreSQL: staff plan and complete them, the
//! project's client members sign them off, nobody reaches another project's milestones, bad
//! input is refused whole, and the same request twice at the same instant counts once.

mod common;

use common::TestApp;
use common::{count, project_named as project, sign_off};
use faro_app::error::{AppError, Problem};
use faro_app::milestones::api::{
    DeleteMilestone, GetTimeline, MoveMilestone, SaveMilestone, SetMilestoneStatus,
};
use faro_app::milestones::{Milestone, MilestoneId, Risk, Status, Timeline};
use faro_app::projects::ProjectId;
use faro_server::database::Backend;

on_both_databases!(
    staff_plan_a_milestone_and_every_client_member_may_sign_it_off,
    changes_requested_reopen_the_milestone_until_it_is_completed_again,
    nobody_reaches_the_milestones_of_another_project,
    clients_neither_create_nor_complete_milestones,
    bad_milestones_are_refused_and_nothing_is_saved,
    progress_counts_the_client_s_cards_and_the_internal_ones_apart,
    deleting_a_milestone_keeps_its_cards,
    an_archived_project_s_milestones_are_read_only,
    a_card_links_only_to_a_milestone_of_its_own_project,
    a_client_sees_a_milestone_reached_once,
    a_deleted_milestone_s_cards_go_where_staff_say,
    staff_put_milestones_in_order_and_a_repeated_move_changes_nothing,
    late_and_at_risk_milestones_show_on_their_cards_and_the_board,
);

on_both_databases_at_once!(
    one_person_signing_off_twice_at_once_counts_once,
    two_people_completing_at_once_open_one_round,
    two_pages_loading_at_once_show_a_milestone_reached_once,
    moves_at_the_same_instant_keep_every_milestone_in_one_place,
);

async fn timeline(app: &TestApp, who: &reqwest::Client, project: ProjectId) -> Timeline {
    app.run(who, GetTimeline { project })
        .await
        .expect("the timeline")
}

fn named<'a>(timeline: &'a Timeline, title: &str) -> &'a Milestone {
    timeline
        .milestones
        .iter()
        .find(|m| m.title == title)
        .unwrap_or_else(|| panic!("{title} on the timeline"))
}

fn save(project: ProjectId, title: &str, due_on: &str) -> SaveMilestone {
    SaveMilestone {
        project,
        milestone: None,
        version: 0,
        title: title.into(),
        description: String::new(),
        due_on: due_on.into(),
    }
}

fn status(project: ProjectId, milestone: MilestoneId, to: &str) -> SetMilestoneStatus {
    SetMilestoneStatus {
        project,
        milestone,
        status: to.into(),
    }
}

/// A milestone the PM created, started and completed on the shop.
async fn completed_milestone(app: &TestApp, pm: &reqwest::Client, title: &str) -> MilestoneId {
    let shop = project(app, "Tienda online").await;
    let id = app.run(pm, save(shop, title, "2027-03-01")).await.unwrap();
    app.run(pm, status(shop, id, "in_progress")).await.unwrap();
    app.run(pm, status(shop, id, "completed")).await.unwrap();
    id
}

async fn staff_plan_a_milestone_and_every_client_member_may_sign_it_off(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = common::second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;

    let id = app
        .run(&pm, save(shop, "  Beta for friends  ", "2027-02-15"))
        .await
        .unwrap();
    let planned = timeline(&app, &ana, shop).await;
    let beta = named(&planned, "Beta for friends");
    assert_eq!(beta.status, Status::Planned);
    assert_eq!(beta.due_on.map(|d| d.iso()).as_deref(), Some("2027-02-15"));
    assert!(!beta.awaits_viewer, "nothing to sign off yet");

    app.run(&pm, status(shop, id, "in_progress")).await.unwrap();
    app.run(&pm, status(shop, id, "completed")).await.unwrap();
    // Staff see who they wait for, since when; the client sees that it waits for them.
    let for_ana = timeline(&app, &ana, shop).await;
    let beta = named(&for_ana, "Beta for friends");
    assert_eq!(beta.status, Status::Completed);
    assert!(beta.awaits_viewer);
    assert!(beta.completed_on.is_some());
    let for_pm = timeline(&app, &pm, shop).await;
    assert!(!named(&for_pm, "Beta for friends").awaits_viewer);

    app.run(&ana, sign_off(&app, shop, id, "approved", "").await)
        .await
        .unwrap();
    let after_ana = timeline(&app, &carla, shop).await;
    let beta = named(&after_ana, "Beta for friends");
    assert_eq!(
        beta.status,
        Status::Approved,
        "the first approval is enough"
    );
    assert!(beta.awaits_viewer, "a second member may still add theirs");
    assert!(!named(&timeline(&app, &ana, shop).await, "Beta for friends").awaits_viewer);

    app.run(
        &carla,
        sign_off(&app, shop, id, "approved", "Looks great").await,
    )
    .await
    .unwrap();
    let done = timeline(&app, &pm, shop).await;
    let beta = named(&done, "Beta for friends");
    assert_eq!(beta.status, Status::Approved);
    let who: Vec<&str> = beta.sign_offs.iter().map(|s| s.person.as_str()).collect();
    assert_eq!(who, ["Ana García", "Carla Ruiz"]);
    assert_eq!(beta.sign_offs[1].comment, "Looks great");
    // Every step is a line of its history: created, started, completed, approved, approved.
    let statuses: Vec<Option<Status>> = beta.history.iter().map(|h| h.status).collect();
    assert_eq!(
        statuses,
        [
            Some(Status::Planned),
            Some(Status::InProgress),
            Some(Status::Completed),
            Some(Status::Approved),
            None
        ]
    );
    assert_eq!(beta.history[3].actor.as_deref(), Some("Ana García"));

    // What a person decided stays when they are removed.
    let owner = app.signed_in("owner@demo.test").await;
    let carla_id: i64 =
        sqlx::query_scalar("SELECT id FROM users WHERE email = 'carla@cliente-uno.test'")
            .fetch_one(&app.pool)
            .await
            .unwrap();
    let (code, body) = app
        .post_form(
            &owner,
            "/api/accounts/remove_person",
            &[("user", carla_id.to_string())],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let after = timeline(&app, &pm, shop).await;
    let who: Vec<&str> = named(&after, "Beta for friends")
        .sign_offs
        .iter()
        .map(|s| s.person.as_str())
        .collect();
    assert_eq!(who, ["Ana García", "Carla Ruiz"]);
    // Clients read the steps and decisions, not who on the team edited what.
    let edit = SaveMilestone {
        milestone: Some(id),
        version: named(&after, "Beta for friends").version,
        description: "Now with notes".into(),
        ..save(shop, "Beta for friends", "2027-02-15")
    };
    app.run(&pm, edit).await.unwrap();
    let for_client = timeline(&app, &ana, shop).await;
    assert!(named(&for_client, "Beta for friends")
        .history
        .iter()
        .all(|h| h.status.is_some() || h.decision.is_some()));
    let for_staff = timeline(&app, &pm, shop).await;
    assert!(named(&for_staff, "Beta for friends")
        .history
        .iter()
        .any(|h| h.status.is_none() && h.decision.is_none()));
}

async fn changes_requested_reopen_the_milestone_until_it_is_completed_again(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = completed_milestone(&app, &pm, "Checkout review").await;

    // Asking for changes says which.
    let refused = app
        .run(
            &ana,
            sign_off(&app, shop, id, "changes_requested", "   ").await,
        )
        .await;
    assert_eq!(
        refused.unwrap_err(),
        (422, AppError::invalid("comment", Problem::Required))
    );
    app.run(
        &ana,
        sign_off(
            &app,
            shop,
            id,
            "changes_requested",
            "The total hides the shipping cost.",
        )
        .await,
    )
    .await
    .unwrap();
    let reopened = timeline(&app, &pm, shop).await;
    let review = named(&reopened, "Checkout review");
    assert_eq!(review.status, Status::InProgress);
    assert_eq!(
        review.sign_offs[0].comment,
        "The total hides the shipping cost."
    );

    // Nothing to sign off while the team works on it.
    let early = app
        .run(&ana, sign_off(&app, shop, id, "approved", "").await)
        .await;
    assert_eq!(
        early.unwrap_err(),
        (
            422,
            AppError::invalid("decision", Problem::NotAwaitingSignOff)
        )
    );
    // Completed again: a new round, in which Ana decides afresh. A form left open from the
    // first completion is out of date, and says so rather than approve what she never saw.
    let stale = sign_off(&app, shop, id, "approved", "").await;
    app.run(&pm, status(shop, id, "completed")).await.unwrap();
    assert_eq!(
        app.run(&ana, stale).await.unwrap_err(),
        (409, AppError::Conflict)
    );
    let again = timeline(&app, &ana, shop).await;
    let review = named(&again, "Checkout review");
    assert!(review.awaits_viewer);
    assert!(
        review.sign_offs.is_empty(),
        "the last round's decisions are history"
    );
    app.run(&ana, sign_off(&app, shop, id, "approved", "").await)
        .await
        .unwrap();
    assert_eq!(
        named(&timeline(&app, &ana, shop).await, "Checkout review").status,
        Status::Approved
    );
}

async fn nobody_reaches_the_milestones_of_another_project(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let id = completed_milestone(&app, &pm, "Shop only").await;
    let missing = |result: Result<(), (u16, AppError)>| {
        assert_eq!(result.unwrap_err(), (404, AppError::NotFound));
    };

    // Another company's client: the shop's timeline does not exist for Ben.
    assert_eq!(
        app.run(&ben, GetTimeline { project: shop })
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    // Through his own project, the shop's milestone is as missing as a made-up one.
    missing(
        app.run(&ben, sign_off(&app, brand, id, "approved", "").await)
            .await,
    );
    missing(
        app.run(
            &ben,
            sign_off(&app, brand, MilestoneId(987_654), "approved", "").await,
        )
        .await,
    );
    missing(
        app.run(&ben, sign_off(&app, shop, id, "approved", "").await)
            .await,
    );
    // Staff too: a milestone is reached only through its own project.
    missing(app.run(&pm, status(brand, id, "in_progress")).await);
    missing(
        app.run(
            &pm,
            DeleteMilestone {
                project: brand,
                milestone: id,
                cards_to: String::new(),
            },
        )
        .await,
    );
    let edit = SaveMilestone {
        milestone: Some(id),
        version: 1,
        ..save(brand, "Hijacked", "")
    };
    assert_eq!(
        app.run(&pm, edit).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let shop_view = timeline(&app, &pm, shop).await;
    let untouched = named(&shop_view, "Shop only");
    assert_eq!(untouched.status, Status::Completed);
    assert!(untouched.sign_offs.is_empty());
    assert!(!timeline(&app, &ben, brand)
        .await
        .milestones
        .iter()
        .any(|m| m.id == id));
}

async fn clients_neither_create_nor_complete_milestones(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let before = count(&app, "SELECT COUNT(*) FROM milestones").await;
    assert_eq!(
        app.run(&ana, save(shop, "Mine", "")).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let id = app.run(&pm, save(shop, "Theirs", "")).await.unwrap();
    for to in ["in_progress", "completed", "approved"] {
        assert_eq!(
            app.run(&ana, status(shop, id, to)).await.unwrap_err(),
            (404, AppError::NotFound),
            "{to}"
        );
    }
    assert_eq!(
        app.run(
            &ana,
            DeleteMilestone {
                project: shop,
                milestone: id,
                cards_to: String::new(),
            }
        )
        .await
        .unwrap_err(),
        (404, AppError::NotFound)
    );
    // Staff never sign off their own work, and cannot approve by setting the status.
    let id = completed_milestone(&app, &pm, "Self-approved").await;
    assert_eq!(
        app.run(&pm, sign_off(&app, shop, id, "approved", "").await)
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(
        app.run(&pm, status(shop, id, "approved"))
            .await
            .unwrap_err(),
        (422, AppError::invalid("status", Problem::StatusChange))
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM milestones").await,
        before + 2
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM milestone_sign_offs").await,
        1,
        "only the demo's own approval"
    );
}

async fn bad_milestones_are_refused_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let before = count(&app, "SELECT COUNT(*) FROM milestones").await;
    let events = count(&app, "SELECT COUNT(*) FROM milestone_events").await;
    let cases = [
        (
            save(shop, "   ", ""),
            AppError::invalid("title", Problem::Required),
        ),
        (
            save(shop, "Launch", "31/12/2026"),
            AppError::invalid("due_on", Problem::Date),
        ),
        (
            save(shop, "Launch", "2027-02-30"),
            AppError::invalid("due_on", Problem::Date),
        ),
        (
            SaveMilestone {
                description: "x".repeat(1_000_000),
                ..save(shop, "Launch", "")
            },
            AppError::invalid("description", Problem::TooLong { max: 20_000 }),
        ),
        (
            save(shop, &"t".repeat(201), ""),
            AppError::invalid("title", Problem::TooLong { max: 200 }),
        ),
    ];
    for (call, expected) in cases {
        assert_eq!(app.run(&pm, call).await.unwrap_err(), (422, expected));
    }
    // A status that does not exist.
    let id = app.run(&pm, save(shop, "Real", "")).await.unwrap();
    assert_eq!(
        app.run(&pm, status(shop, id, "done-ish"))
            .await
            .unwrap_err(),
        (422, AppError::invalid("status", Problem::Malformed))
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM milestones").await,
        before + 1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM milestone_events").await,
        events + 1
    );
    // An edit from a stale form is refused and the newer one stays.
    let first = SaveMilestone {
        milestone: Some(id),
        version: 1,
        ..save(shop, "Real, renamed", "2027-01-01")
    };
    app.run(&pm, first).await.unwrap();
    let stale = SaveMilestone {
        milestone: Some(id),
        version: 1,
        ..save(shop, "Real, stale", "")
    };
    assert_eq!(
        app.run(&pm, stale).await.unwrap_err(),
        (409, AppError::Conflict)
    );
    let now = timeline(&app, &pm, shop).await;
    assert!(now.milestones.iter().any(|m| m.title == "Real, renamed"));
    // The message is in the viewer's language.
    let message = AppError::invalid("decision", Problem::NotAwaitingSignOff)
        .message(faro_app::i18n::Locale::Es.strings());
    assert!(
        message.starts_with("Este hito no está esperando"),
        "{message}"
    );
}

async fn progress_counts_the_client_s_cards_and_the_internal_ones_apart(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let (for_pm, for_ana) = (
        timeline(&app, &pm, shop).await,
        timeline(&app, &ana, shop).await,
    );
    // The demo's four: approved, waiting for the client, at risk, planned.
    let statuses: Vec<Status> = for_ana.milestones.iter().map(|m| m.status).collect();
    assert_eq!(
        statuses,
        [
            Status::Approved,
            Status::Completed,
            Status::InProgress,
            Status::Planned
        ]
    );
    let payments_pm = named(&for_pm, "Pago y envíos");
    let payments_ana = named(&for_ana, "Pago y envíos");
    assert_eq!(
        (payments_pm.progress.done, payments_pm.progress.total),
        (0, 4)
    );
    assert_eq!(
        payments_pm.progress,
        faro_app::milestones::Progress {
            done: 0,
            total: 4,
            internal_done: 0,
            internal_total: 1,
        }
    );
    assert_eq!(
        payments_ana.progress.internal_total, 0,
        "internal cards stay with staff"
    );
    assert_eq!(
        payments_ana.progress.total, 4,
        "the same number for the client's part"
    );
    assert_eq!(
        payments_ana.risk,
        Some(Risk::DueSoon {
            days: 4,
            percent: 0
        })
    );
    assert_eq!(payments_pm.risk, payments_ana.risk);
    // The Markdown source is staff's; the client reads the rendered text.
    let staging = named(&for_ana, "Tienda en preproducción");
    assert!(staging.description.is_empty());
    assert!(staging
        .description_html
        .contains("<strong>revises cada página</strong>"));
    assert!(staging.awaits_viewer);
    assert_eq!((staging.progress.done, staging.progress.total), (3, 3));
    // Moving a linked card to the done column moves the number.
    let card: i64 = count(
        &app,
        "SELECT id FROM cards WHERE title = 'Tarifas de envío por región'",
    )
    .await;
    let done: i64 = count(
        &app,
        &format!(
            "SELECT id FROM board_columns WHERE project_id = {} AND is_done = 1",
            shop.0
        ),
    )
    .await;
    let moved = app
        .post_form(
            &pm,
            "/api/board/move_card",
            &[
                ("project", shop.0.to_string()),
                ("card", card.to_string()),
                ("column", done.to_string()),
                ("position", "0".to_string()),
            ],
        )
        .await;
    assert_eq!(moved.0, 200, "{}", moved.1);
    let after = timeline(&app, &ana, shop).await;
    assert_eq!(named(&after, "Pago y envíos").progress.done, 1);
}

async fn deleting_a_milestone_keeps_its_cards(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let cards = count(&app, "SELECT COUNT(*) FROM cards").await;
    let launch = named(&timeline(&app, &pm, shop).await, "Lanzamiento").id;
    app.run(
        &pm,
        DeleteMilestone {
            project: shop,
            milestone: launch,
            cards_to: String::new(),
        },
    )
    .await
    .unwrap();
    assert!(!timeline(&app, &pm, shop)
        .await
        .milestones
        .iter()
        .any(|m| m.id == launch));
    assert_eq!(count(&app, "SELECT COUNT(*) FROM cards").await, cards);
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM cards WHERE milestone_id = {}",
                launch.0
            )
        )
        .await,
        0
    );
    // Deleting it again: it is gone.
    assert_eq!(
        app.run(
            &pm,
            DeleteMilestone {
                project: shop,
                milestone: launch,
                cards_to: String::new(),
            }
        )
        .await
        .unwrap_err(),
        (404, AppError::NotFound)
    );
}

async fn an_archived_project_s_milestones_are_read_only(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let waiting = named(&timeline(&app, &ana, shop).await, "Tienda en preproducción").id;
    let (code, body) = app
        .post_form(
            &pm,
            "/api/projects/archive_project",
            &[("id", shop.0.to_string()), ("archived", "true".into())],
        )
        .await;
    assert_eq!(code, 200, "{body}");
    let archived = (422, AppError::invalid("project", Problem::Archived));
    assert_eq!(
        app.run(&pm, save(shop, "Late", "")).await.unwrap_err(),
        archived
    );
    assert_eq!(
        app.run(&ana, sign_off(&app, shop, waiting, "approved", "").await)
            .await
            .unwrap_err(),
        archived
    );
    let view = timeline(&app, &ana, shop).await;
    assert!(!view.may_edit);
    assert!(!named(&view, "Tienda en preproducción").awaits_viewer);
}

async fn one_person_signing_off_twice_at_once_counts_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let waiting = named(&timeline(&app, &ana, shop).await, "Tienda en preproducción").id;
    let before = count(&app, "SELECT COUNT(*) FROM milestone_events").await;
    // A double click, times four: approvals and a change request race each other.
    // Every request is made from the page as it stood: the same round.
    let approve = sign_off(&app, shop, waiting, "approved", "Same person, same instant").await;
    let change = sign_off(
        &app,
        shop,
        waiting,
        "changes_requested",
        "Same person, same instant",
    )
    .await;
    let answers = futures::future::join_all((0..8).map(|i| {
        let call = if i % 4 == 3 {
            change.clone()
        } else {
            approve.clone()
        };
        app.run(&ana, call)
    }))
    .await;
    for answer in &answers {
        // Each request either counted or found the decision already made, or — once a change
        // request reopened it — found nothing to sign off: never a server error.
        match answer {
            Ok(()) => {}
            Err((
                422,
                AppError::Invalid {
                    problem: Problem::NotAwaitingSignOff,
                    ..
                },
            )) => {}
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM milestone_sign_offs WHERE milestone_id = {}",
                waiting.0
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM milestone_events").await,
        before + 1
    );
    let after = timeline(&app, &ana, shop).await;
    let staging = named(&after, "Tienda en preproducción");
    assert_eq!(staging.sign_offs.len(), 1);
    let expected = match staging.sign_offs[0].decision {
        faro_app::milestones::Decision::Approved => Status::Approved,
        faro_app::milestones::Decision::ChangesRequested => Status::InProgress,
    };
    assert_eq!(
        staging.status, expected,
        "the status follows the one decision that counted"
    );
}

async fn two_people_completing_at_once_open_one_round(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = named(&timeline(&app, &pm, shop).await, "Pago y envíos").id;
    let answers = futures::future::join_all((0..8).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        app.run(who, status(shop, id, "completed"))
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    let rounds = count(
        &app,
        &format!("SELECT round FROM milestones WHERE id = {}", id.0),
    )
    .await;
    assert_eq!(rounds, 1);
    let completions = count(
        &app,
        &format!(
            "SELECT COUNT(*) FROM milestone_events WHERE milestone_id = {} AND status = 'completed'",
            id.0
        ),
    )
    .await;
    assert_eq!(completions, 1);
}

async fn a_card_links_only_to_a_milestone_of_its_own_project(backend: Backend) {
    use faro_app::board::api::GetBoard;
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let launch = named(&timeline(&app, &pm, shop).await, "Lanzamiento").id;
    let elsewhere = app.run(&pm, save(brand, "Brand launch", "")).await.unwrap();
    let card = count(
        &app,
        "SELECT id FROM cards WHERE title = 'Búsqueda que tolera erratas'",
    )
    .await;
    // Another project's milestone is refused, and nothing changes.
    let (status, body) = link_card(&app, &pm, shop, card, elsewhere.0.to_string()).await;
    assert_eq!(status, 422, "{body}");
    let linked =
        format!("SELECT COUNT(*) FROM cards WHERE id = {card} AND milestone_id IS NOT NULL");
    assert_eq!(count(&app, &linked).await, 0);
    let (status, body) = link_card(&app, &pm, shop, card, launch.0.to_string()).await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        named(&timeline(&app, &ana, shop).await, "Lanzamiento")
            .progress
            .total,
        4
    );
    // The board, filtered: only the milestone's cards, for staff and client alike.
    let filtered = app
        .run(
            &ana,
            GetBoard {
                project: shop,
                milestone: Some(launch),
            },
        )
        .await
        .unwrap();
    let titles: Vec<&str> = filtered
        .columns
        .iter()
        .flat_map(|c| c.cards.iter().map(|card| card.title.as_str()))
        .collect();
    assert_eq!(titles.len(), 4, "{titles:?}");
    assert!(titles.contains(&"Búsqueda que tolera erratas"));
    assert!(filtered.columns.iter().flat_map(|c| &c.cards).all(|c| c
        .milestone
        .as_ref()
        .is_some_and(|(id, title)| *id == launch && title == "Lanzamiento")));
    assert_eq!(
        filtered.only_milestone.as_ref().map(|(_, t)| t.as_str()),
        Some("Lanzamiento")
    );
    // A milestone of another project filters nothing in: it answers like a missing one.
    assert_eq!(
        app.run(
            &ana,
            GetBoard {
                project: shop,
                milestone: Some(elsewhere)
            }
        )
        .await
        .unwrap_err(),
        (404, AppError::NotFound)
    );
    // Unlinking: an empty choice.
    let (status, _) = link_card(&app, &pm, shop, card, String::new()).await;
    assert_eq!(status, 200);
    assert_eq!(count(&app, &linked).await, 0);
}

/// Saves a card's milestone (only that field) from the card's current version.
async fn link_card(
    app: &TestApp,
    pm: &reqwest::Client,
    project: ProjectId,
    card: i64,
    milestone: String,
) -> (u16, serde_json::Value) {
    let version = count(app, &format!("SELECT version FROM cards WHERE id = {card}")).await;
    app.post_form(
        pm,
        "/api/board/update_card",
        &[
            ("project", project.0.to_string()),
            ("card", card.to_string()),
            ("version", version.to_string()),
            ("milestone", milestone),
        ],
    )
    .await
}

/// The client's board, as the browser asks for it.
async fn board_of(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
) -> faro_app::board::Board {
    app.run(
        who,
        faro_app::board::api::GetBoard {
            project,
            milestone: None,
        },
    )
    .await
    .expect("the board")
}

async fn a_client_sees_a_milestone_reached_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // Ana's first visit: what was completed before it is no news to her.
    app.run(&ana, faro_app::projects::api::GetProject { id: shop })
        .await
        .unwrap();
    assert!(board_of(&app, &ana, shop).await.reached.is_empty());
    let id = completed_milestone(&app, &pm, "Catalogue live").await;
    // Her next visit, whichever page it opens: once.
    assert_eq!(board_of(&app, &ana, shop).await.reached, ["Catalogue live"]);
    assert!(board_of(&app, &ana, shop).await.reached.is_empty());
    assert!(timeline(&app, &ana, shop).await.reached.is_empty());
    // Staff are never shown it; reopened and completed again, it is a new moment.
    assert!(board_of(&app, &pm, shop).await.reached.is_empty());
    app.run(&pm, status(shop, id, "in_progress")).await.unwrap();
    app.run(&pm, status(shop, id, "completed")).await.unwrap();
    assert_eq!(timeline(&app, &ana, shop).await.reached, ["Catalogue live"]);
}

async fn two_pages_loading_at_once_show_a_milestone_reached_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    app.run(&ana, faro_app::projects::api::GetProject { id: shop })
        .await
        .unwrap();
    completed_milestone(&app, &pm, "Both tabs").await;
    let boards = futures::future::join_all((0..6).map(|_| board_of(&app, &ana, shop))).await;
    let shown: usize = boards.iter().map(|b| b.reached.len()).sum();
    assert_eq!(
        shown,
        1,
        "{:?}",
        boards.iter().map(|b| &b.reached).collect::<Vec<_>>()
    );
}

/// The titles of the project's milestones, in the list's order.
async fn order(app: &TestApp, who: &reqwest::Client, project: ProjectId) -> Vec<String> {
    timeline(app, who, project)
        .await
        .milestones
        .into_iter()
        .map(|m| m.title)
        .collect()
}

fn move_to(project: ProjectId, milestone: MilestoneId, to: i64) -> MoveMilestone {
    MoveMilestone {
        project,
        milestone,
        to,
    }
}

async fn a_deleted_milestone_s_cards_go_where_staff_say(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let view = timeline(&app, &pm, shop).await;
    let (launch, payments) = (
        named(&view, "Lanzamiento").id,
        named(&view, "Pago y envíos").id,
    );
    let linked =
        |id: MilestoneId| format!("SELECT COUNT(*) FROM cards WHERE milestone_id = {}", id.0);
    let launch_cards = count(&app, &linked(launch)).await;
    let payment_cards = count(&app, &linked(payments)).await;
    assert!(launch_cards > 0 && payment_cards > 0);
    let delete = |cards_to: String| DeleteMilestone {
        project: shop,
        milestone: launch,
        cards_to,
    };
    // Refused whole: another project's milestone, the milestone itself, a made-up value.
    let other = app.run(&pm, save(brand, "Elsewhere", "")).await.unwrap();
    for bad in [other.0.to_string(), launch.0.to_string(), "soon".into()] {
        assert_eq!(
            app.run(&pm, delete(bad.clone())).await.unwrap_err(),
            (422, AppError::invalid("cards_to", Problem::Malformed)),
            "{bad}"
        );
    }
    assert_eq!(count(&app, &linked(launch)).await, launch_cards);
    assert_eq!(count(&app, &linked(other)).await, 0);
    // The page that asks where the cards go is staff's; a client finds nothing there.
    let ask = format!("/projects/{shop}/milestones/{launch}/delete");
    let (code, html) = app.page(&pm, &ask).await;
    assert_eq!(code, 200);
    assert!(html.contains("Pago y envíos") && html.contains("name=\"cards_to\""));
    let ana = app.signed_in("ana@cliente-uno.test").await;
    assert_eq!(app.page(&ana, &ask).await.0, 404);
    // Its cards join "Pago y envíos": the milestone's progress counts them now.
    app.run(&pm, delete(payments.0.to_string())).await.unwrap();
    assert_eq!(count(&app, &linked(launch)).await, 0);
    assert_eq!(
        count(&app, &linked(payments)).await,
        launch_cards + payment_cards
    );
    let after = timeline(&app, &pm, shop).await;
    assert!(!after.milestones.iter().any(|m| m.id == launch));
    let p = named(&after, "Pago y envíos").progress;
    assert_eq!(
        i64::from(p.total + p.internal_total),
        launch_cards + payment_cards
    );
}

async fn staff_put_milestones_in_order_and_a_repeated_move_changes_nothing(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let demo_order = [
        "Diseño y marca",
        "Tienda en preproducción",
        "Pago y envíos",
        "Lanzamiento",
    ];
    assert_eq!(order(&app, &pm, shop).await, demo_order);
    // A new milestone goes last, whatever its date.
    app.run(&pm, save(shop, "Kick-off", "2020-01-01"))
        .await
        .unwrap();
    let view = timeline(&app, &pm, shop).await;
    let kick_off = named(&view, "Kick-off").id;
    assert_eq!(order(&app, &pm, shop).await.last().unwrap(), "Kick-off");
    // Moved first, twice (a double click): first, and the others keep their order. The client
    // sees the same order.
    for _ in 0..2 {
        app.run(&pm, move_to(shop, kick_off, 0)).await.unwrap();
    }
    let mut expected = vec!["Kick-off"];
    expected.extend(demo_order);
    assert_eq!(order(&app, &pm, shop).await, expected);
    assert_eq!(order(&app, &ana, shop).await, expected);
    // Past the end is the end.
    app.run(&pm, move_to(shop, kick_off, 99)).await.unwrap();
    assert_eq!(order(&app, &pm, shop).await.last().unwrap(), "Kick-off");
    // Clients do not reorder; another project's milestone answers like a missing one.
    assert_eq!(
        app.run(&ana, move_to(shop, kick_off, 0)).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let brand = project(&app, "Brand refresh").await;
    assert_eq!(
        app.run(&pm, move_to(brand, kick_off, 0)).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(order(&app, &pm, shop).await.last().unwrap(), "Kick-off");
}

async fn late_and_at_risk_milestones_show_on_their_cards_and_the_board(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let view = timeline(&app, &pm, shop).await;
    let payments = named(&view, "Pago y envíos");
    assert!(matches!(payments.risk, Some(Risk::DueSoon { days: 4, .. })));
    for who in [&pm, &ana] {
        let board = board_of(&app, who, shop).await;
        assert_eq!(
            board.milestone_risks,
            vec![(payments.id, payments.risk.unwrap())]
        );
        assert_eq!((board.alerts().overdue, board.alerts().at_risk), (0, 1));
    }
    // Due yesterday: late, on the board too, and the card says so on the page.
    let yesterday = faro_app::calendar::DueDate::from_ordinal(
        faro_app::calendar::DueDate::today_in("Europe/Madrid", faro_app::ids::Timestamp::now())
            .ordinal()
            - 1,
    );
    let edit = SaveMilestone {
        milestone: Some(payments.id),
        version: payments.version,
        ..save(shop, "Pago y envíos", &yesterday.iso())
    };
    app.run(&pm, edit).await.unwrap();
    let board = board_of(&app, &ana, shop).await;
    assert_eq!(
        board.milestone_risks,
        vec![(payments.id, Risk::Overdue { days: 1 })]
    );
    assert_eq!((board.alerts().overdue, board.alerts().at_risk), (1, 0));
    let (code, page) = app.page(&ana, &format!("/projects/{shop}/board")).await;
    assert_eq!(code, 200);
    assert!(
        page.contains("card-milestone is-late"),
        "the card is marked"
    );
    assert!(page.contains("1 day late") || page.contains("1 día de retraso"));
    // Completed, it is no longer late anywhere.
    app.run(&pm, status(shop, payments.id, "completed"))
        .await
        .unwrap();
    assert!(board_of(&app, &ana, shop).await.milestone_risks.is_empty());
}

async fn moves_at_the_same_instant_keep_every_milestone_in_one_place(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let ids: Vec<MilestoneId> = timeline(&app, &pm, shop)
        .await
        .milestones
        .iter()
        .map(|m| m.id)
        .collect();
    // Two people drag different milestones to different places at once, eight times over.
    let answers = futures::future::join_all((0..8).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        app.run(who, move_to(shop, ids[i % ids.len()], (7 - i as i64) % 4))
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    let positions: Vec<i64> = sqlx::query_scalar(&format!(
        "SELECT position FROM milestones WHERE project_id = {} ORDER BY position",
        shop.0
    ))
    .fetch_all(&app.pool)
    .await
    .unwrap();
    assert_eq!(positions, [0, 1, 2, 3], "every place held once");
    let mut seen = order(&app, &pm, shop).await;
    seen.sort();
    assert_eq!(seen.len(), 4);
    seen.dedup();
    assert_eq!(seen.len(), 4);
}
