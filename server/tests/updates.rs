//! Stories about status updates, on SQLite and PostgreSQL: staff draft, preview and publish; a
//! draft reaches no client by any path (server functions, pages, the live stream); a correction
//! keeps the original; clients mark updates seen and staff see who has; nobody reaches another
//! project's updates; publishing twice at the same instant publishes once.

mod common;

use common::stream::Stream;
use common::TestApp;
use common::{count, project_named as project};
use faro_app::comments::api::{AddComment, DeleteComment, EditComment, MarkAnswered};
use faro_app::error::{AppError, Problem};
use faro_app::projects::{Health, ProjectId};
use faro_app::updates::api::{
    ChooseOption, DiscardUpdate, GetUpdate, GetUpdates, MarkUpdateSeen, PublishUpdate, SaveUpdate,
};
use faro_app::updates::{Decision, Feed, OptionInput, State, Update, UpdateId};
use faro_server::database::Backend;
use std::time::Duration;

on_both_databases!(
    a_draft_reaches_no_client_by_any_path,
    a_correction_shows_edited_and_keeps_the_original_for_staff,
    clients_mark_updates_seen_and_staff_see_who_has_not,
    nobody_reaches_the_updates_of_another_project,
    bad_updates_are_refused_and_nothing_is_saved,
    the_composer_suggests_the_last_next_steps_and_the_project_shows_its_health,
    a_client_chooses_an_option_and_the_first_choice_stands,
    a_decision_needs_two_to_four_options_and_is_fixed_once_chosen,
    an_open_decision_past_its_day_is_overdue_to_staff,
    a_correction_keeps_its_decision_in_the_history_and_a_choice_meanwhile_counts,
    the_feed_comes_in_pages_of_twenty_newest_first,
    a_client_question_stays_open_until_staff_answer_and_shows_its_age,
    comments_belong_to_their_authors_and_changes_are_never_silent,
);

on_both_databases_at_once!(
    publishing_twice_at_once_publishes_once,
    seen_twice_at_once_counts_once,
    two_client_members_choosing_at_once_make_one_choice,
    answers_at_the_same_instant_close_a_question_once,
);

async fn feed(app: &TestApp, who: &reqwest::Client, project: ProjectId) -> Feed {
    app.run(who, GetUpdates { project, page: 0 })
        .await
        .expect("the feed")
}

fn draft(project: ProjectId, summary: &str) -> SaveUpdate {
    SaveUpdate {
        project,
        update: None,
        version: 0,
        health: "on_track".into(),
        summary: summary.into(),
        done: "- The checkout works.".into(),
        next_steps: "- Shipping rates.".into(),
        questions: String::new(),
        risks: String::new(),
        decision: String::new(),
        decide_by: String::new(),
        recommended: String::new(),
        options: Vec::new(),
    }
}

fn option(what: &str) -> OptionInput {
    OptionInput {
        what: what.into(),
        cost: "No cost".into(),
        ..Default::default()
    }
}

/// The demo's update that asks the client to decide (the payment provider), as `who` sees it.
async fn asking(app: &TestApp, who: &reqwest::Client, project: ProjectId) -> (Update, Decision) {
    let update = feed(app, who, project)
        .await
        .updates
        .into_iter()
        .find(|u| u.decision.is_some())
        .expect("an update asks a decision");
    let decision = update.decision.clone().unwrap();
    (update, decision)
}

fn choose(
    project: ProjectId,
    update: &Update,
    option: faro_app::updates::OptionId,
) -> ChooseOption {
    ChooseOption {
        project,
        update: update.id,
        option,
    }
}

/// Publishing as it is now (the version the page would show).
async fn publishing(app: &TestApp, project: ProjectId, update: UpdateId) -> PublishUpdate {
    let version = count(
        app,
        &format!("SELECT version FROM status_updates WHERE id = {}", update.0),
    )
    .await;
    PublishUpdate {
        project,
        update,
        version,
    }
}

async fn a_draft_reaches_no_client_by_any_path(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let mut client_stream =
        Stream::open(app.url(&format!("/events/projects/{shop}")), &ana, None).await;
    let mut staff_stream =
        Stream::open(app.url(&format!("/events/projects/{shop}")), &pm, None).await;

    let id = app
        .run(&pm, draft(shop, "Secret draft about the launch"))
        .await
        .unwrap();
    // Staff see it first in their feed, as a draft, rendered as the client will see it.
    let staff_view = feed(&app, &pm, shop).await;
    let first = &staff_view.updates[0];
    assert_eq!((first.id, first.state), (id, State::Draft));
    assert!(first.sections_html[0]
        .1
        .contains("<li>The checkout works.</li>"));
    let (_, heard) = staff_stream
        .next(Duration::from_secs(5))
        .await
        .expect("staff hear of the draft");
    assert_eq!(heard["kind"], "updates");

    // The client: not in the feed, not by its id, not on the pages, not on the stream.
    assert!(!feed(&app, &ana, shop)
        .await
        .updates
        .iter()
        .any(|u| u.id == id));
    assert_eq!(
        app.run(
            &ana,
            GetUpdate {
                project: shop,
                update: id
            }
        )
        .await
        .unwrap_err(),
        (404, AppError::NotFound)
    );
    let (code, page) = app.page(&ana, &format!("/projects/{shop}/updates")).await;
    assert_eq!(code, 200);
    assert!(!page.contains("Secret draft"));
    let (code, page) = app
        .page(&ana, &format!("/projects/{shop}/updates/{id}"))
        .await;
    assert_eq!(code, 404);
    assert!(!page.contains("Secret draft"));
    assert!(
        client_stream
            .next(Duration::from_millis(700))
            .await
            .is_none(),
        "a draft is not announced to clients"
    );

    // Published: now it reaches the client, live and in the feed.
    app.run(&pm, publishing(&app, shop, id).await)
        .await
        .unwrap();
    let (_, heard) = client_stream
        .next(Duration::from_secs(5))
        .await
        .expect("the client hears of the publication");
    assert_eq!(heard["kind"], "updates");
    let theirs = feed(&app, &ana, shop).await;
    let update = theirs.updates.iter().find(|u| u.id == id).unwrap();
    assert_eq!(update.state, State::Published);
    assert_eq!(update.summary, "Secret draft about the launch");
    assert!(
        update.sections.done.is_empty(),
        "clients get the rendered text only"
    );
    assert!(update.revisions.is_empty() && update.seen_by.is_empty());
    // A published update is corrected, never discarded.
    assert_eq!(
        app.run(
            &pm,
            DiscardUpdate {
                project: shop,
                update: id
            }
        )
        .await
        .unwrap_err(),
        (422, AppError::invalid("update", Problem::AlreadyPublished))
    );
}

async fn a_correction_shows_edited_and_keeps_the_original_for_staff(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = app.run(&pm, draft(shop, "Launch on Monday")).await.unwrap();
    // Saving a draft is not a correction: no history, no "edited".
    let version = feed(&app, &pm, shop).await.updates[0].version;
    let saved = SaveUpdate {
        update: Some(id),
        version,
        ..draft(shop, "Launch on Monday, 9:00")
    };
    // Publishing what the page showed before that save: the text changed meanwhile.
    let stale = PublishUpdate {
        project: shop,
        update: id,
        version,
    };
    app.run(&pm, saved).await.unwrap();
    assert_eq!(
        app.run(&pm, stale).await.unwrap_err(),
        (409, AppError::Conflict)
    );
    app.run(&pm, publishing(&app, shop, id).await)
        .await
        .unwrap();
    let published = feed(&app, &pm, shop).await.updates[0].clone();
    assert!(published.revisions.is_empty() && published.edited_on.is_none());
    // "Correct…" saved without a change: not edited, no earlier version.
    let unchanged = SaveUpdate {
        update: Some(id),
        version: published.version,
        ..draft(shop, "Launch on Monday, 9:00")
    };
    app.run(&pm, unchanged).await.unwrap();
    let still = feed(&app, &pm, shop).await.updates[0].clone();
    assert!(still.revisions.is_empty() && still.edited_on.is_none());

    let correction = SaveUpdate {
        update: Some(id),
        version: published.version,
        health: "at_risk".into(),
        ..draft(shop, "Launch on Tuesday")
    };
    app.run(&pm, correction.clone()).await.unwrap();
    // The same correction again, from the same page: the version moved on.
    assert_eq!(
        app.run(&pm, correction).await.unwrap_err(),
        (409, AppError::Conflict)
    );
    let staff_view = feed(&app, &pm, shop).await;
    let now = staff_view.updates.iter().find(|u| u.id == id).unwrap();
    assert_eq!(now.summary, "Launch on Tuesday");
    assert_eq!(now.health, Health::AtRisk);
    assert!(now.edited_on.is_some());
    assert_eq!(now.revisions.len(), 1);
    assert_eq!(now.revisions[0].summary, "Launch on Monday, 9:00");
    assert_eq!(now.revisions[0].health, Health::OnTrack);
    assert_eq!(now.revisions[0].by.as_deref(), Some("Pablo Martín"));
    let client_view = feed(&app, &ana, shop).await;
    let theirs = client_view.updates.iter().find(|u| u.id == id).unwrap();
    assert_eq!(theirs.summary, "Launch on Tuesday");
    assert!(theirs.edited_on.is_some(), "the client sees it was edited");
    assert!(theirs.revisions.is_empty(), "the earlier text is staff's");
}

async fn clients_mark_updates_seen_and_staff_see_who_has_not(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // The demo's latest update waits for Ana.
    let latest = feed(&app, &ana, shop).await.updates[0].clone();
    assert!(!latest.seen_by_viewer);
    let before = feed(&app, &pm, shop).await;
    assert_eq!(before.updates[0].not_seen_by, ["Ana García", "Carlos Ruiz"]);
    let seen = MarkUpdateSeen {
        project: shop,
        update: latest.id,
    };
    app.run(&ana, seen.clone()).await.unwrap();
    app.run(&ana, seen.clone()).await.unwrap();
    assert!(feed(&app, &ana, shop).await.updates[0].seen_by_viewer);
    let after = feed(&app, &pm, shop).await;
    assert_eq!(after.updates[0].not_seen_by, ["Carlos Ruiz"]);
    assert_eq!(after.updates[0].seen_by.len(), 1);
    assert_eq!(after.updates[0].seen_by[0].person, "Ana García");
    // Staff do not mark updates seen for the client; a draft cannot be seen.
    assert_eq!(
        app.run(&pm, seen).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    let hidden = app.run(&pm, draft(shop, "Not yet")).await.unwrap();
    assert_eq!(
        app.run(
            &ana,
            MarkUpdateSeen {
                project: shop,
                update: hidden
            }
        )
        .await
        .unwrap_err(),
        (404, AppError::NotFound)
    );
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM status_update_seen WHERE seen_at > 0"
        )
        .await,
        3,
        "the demo's two and Ana's one"
    );
}

async fn nobody_reaches_the_updates_of_another_project(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let shop_update = feed(&app, &ana, shop).await.updates[0].id;
    let missing = (404, AppError::NotFound);
    // Ben, a client of another company: the shop's updates do not exist for him, through the
    // shop or through his own project.
    assert_eq!(
        app.run(
            &ben,
            GetUpdates {
                project: shop,
                page: 0
            }
        )
        .await
        .unwrap_err(),
        missing
    );
    for project in [shop, brand] {
        assert_eq!(
            app.run(
                &ben,
                GetUpdate {
                    project,
                    update: shop_update
                }
            )
            .await
            .unwrap_err(),
            missing
        );
        assert_eq!(
            app.run(
                &ben,
                MarkUpdateSeen {
                    project,
                    update: shop_update
                }
            )
            .await
            .unwrap_err(),
            missing
        );
    }
    // Clients never write; staff reach an update only through its own project.
    assert_eq!(
        app.run(&ana, draft(shop, "From the client"))
            .await
            .unwrap_err(),
        missing
    );
    assert_eq!(
        app.run(&ana, publishing(&app, shop, shop_update).await)
            .await
            .unwrap_err(),
        missing
    );
    let hijack = SaveUpdate {
        update: Some(shop_update),
        version: 1,
        ..draft(brand, "Hijacked")
    };
    assert_eq!(app.run(&pm, hijack).await.unwrap_err(), missing);
    assert_eq!(
        app.run(
            &pm,
            DiscardUpdate {
                project: brand,
                update: shop_update
            }
        )
        .await
        .unwrap_err(),
        missing
    );
    assert!(feed(&app, &ben, brand).await.updates.is_empty());
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM status_updates WHERE summary = 'Hijacked'"
        )
        .await,
        0
    );
}

async fn bad_updates_are_refused_and_nothing_is_saved(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let before = count(&app, "SELECT COUNT(*) FROM status_updates").await;
    let refused = |field: &str, problem: Problem| (422, AppError::invalid(field, problem));
    assert_eq!(
        app.run(&pm, draft(shop, "   ")).await.unwrap_err(),
        refused("summary", Problem::Required)
    );
    let huge = SaveUpdate {
        risks: "x".repeat(1_000_000),
        ..draft(shop, "Fine")
    };
    assert_eq!(
        app.run(&pm, huge).await.unwrap_err(),
        refused("risks", Problem::TooLong { max: 20_000 })
    );
    let health = SaveUpdate {
        health: "great".into(),
        ..draft(shop, "Fine")
    };
    assert_eq!(
        app.run(&pm, health).await.unwrap_err(),
        refused("health", Problem::Malformed)
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM status_updates").await,
        before
    );
    // A script or a javascript: link in Markdown renders harmless.
    let sneaky = SaveUpdate {
        done: "<script>alert(1)</script>\n\n[click](javascript:alert(1)) and **bold**".into(),
        ..draft(shop, "Sneaky")
    };
    let id = app.run(&pm, sneaky).await.unwrap();
    let view = feed(&app, &pm, shop).await;
    let html = &view
        .updates
        .iter()
        .find(|u| u.id == id)
        .unwrap()
        .sections_html[0]
        .1;
    assert!(
        !html.contains("<script") && !html.contains("href=\"javascript"),
        "{html}"
    );
    assert!(html.contains("<strong>bold</strong>"));
}

async fn the_composer_suggests_the_last_next_steps_and_the_project_shows_its_health(
    backend: Backend,
) {
    use faro_app::projects::api::{GetProject, ListProjects};
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let staff_view = feed(&app, &pm, shop).await;
    assert!(staff_view
        .suggested_done
        .starts_with("- Bizum y el correo de confirmación"));
    assert!(
        !staff_view.update_due,
        "the demo's last update is a day old"
    );
    assert!(feed(&app, &ana, shop).await.suggested_done.is_empty());
    // The latest health on the project page and in the lists, for staff and the client; only
    // staff are told an update is due (the brand project has none yet).
    let page = app.run(&ana, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.health, Some(Health::OnTrack));
    assert!(!page.standing.update_due);
    let list = app.run(&pm, ListProjects {}).await.unwrap();
    let of = |id: ProjectId| list.iter().find(|p| p.id == id).unwrap().standing.clone();
    assert_eq!(of(shop).health, Some(Health::OnTrack));
    // The brand project has no update yet, and was made just now: not late yet. A month on,
    // with a weekly cadence, it is.
    assert_eq!((of(brand).health, of(brand).update_due), (None, false));
    let month_ago = faro_app::ids::Timestamp::now().0 - 30 * 86_400_000;
    sqlx::query("UPDATE projects SET created_at = $1 WHERE id = $2")
        .bind(month_ago)
        .bind(brand)
        .execute(&app.pool)
        .await
        .unwrap();
    let list = app.run(&pm, ListProjects {}).await.unwrap();
    let of = |id: ProjectId| list.iter().find(|p| p.id == id).unwrap().standing.clone();
    assert_eq!((of(brand).health, of(brand).update_due), (None, true));
    let theirs = app.run(&ana, ListProjects {}).await.unwrap();
    assert!(theirs.iter().all(|p| !p.standing.update_due));
    // A newer update, published at risk, is the project's health now.
    let id = app
        .run(
            &pm,
            SaveUpdate {
                health: "off_track".into(),
                ..draft(shop, "Payment provider gone")
            },
        )
        .await
        .unwrap();
    app.run(&pm, publishing(&app, shop, id).await)
        .await
        .unwrap();
    let page = app.run(&ana, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.health, Some(Health::OffTrack));
    let (_, html) = app.page(&ana, &format!("/projects/{shop}")).await;
    assert!(html.contains("health-off-track"));
}

async fn publishing_twice_at_once_publishes_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = app.run(&pm, draft(shop, "Double click")).await.unwrap();
    let events = count(&app, "SELECT COUNT(*) FROM board_events").await;
    let call = publishing(&app, shop, id).await;
    let answers = futures::future::join_all((0..8).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        app.run(who, call.clone())
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM status_updates WHERE id = {} AND published_at IS NOT NULL",
                id.0
            )
        )
        .await,
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM board_events").await,
        events + 1,
        "one publication announced"
    );
    // A correction and a discard at the same instant as each other: one wins whole.
    let version = feed(&app, &pm, shop).await.updates[0].version;
    let fix = |summary: &str| SaveUpdate {
        update: Some(id),
        version,
        ..draft(shop, summary)
    };
    let (a, b) = tokio::join!(app.run(&pm, fix("Fix A")), app.run(&owner, fix("Fix B")));
    assert!(a.is_ok() != b.is_ok(), "{a:?} {b:?}");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM status_update_revisions WHERE update_id = {}",
                id.0
            )
        )
        .await,
        1
    );
}

async fn seen_twice_at_once_counts_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let latest = feed(&app, &ana, shop).await.updates[0].id;
    let answers = futures::future::join_all((0..6).map(|_| {
        app.run(
            &ana,
            MarkUpdateSeen {
                project: shop,
                update: latest,
            },
        )
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM status_update_seen WHERE update_id = {}",
                latest.0
            )
        )
        .await,
        1
    );
}

async fn a_client_chooses_an_option_and_the_first_choice_stands(backend: Backend) {
    use faro_app::projects::api::{GetProject, ListProjects};
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = common::second_shop_client(&app).await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let (update, decision) = asking(&app, &ana, shop).await;
    assert_eq!(decision.options.len(), 3);
    assert!(decision.options[0].recommended && decision.open_to_viewer);
    assert!(
        !asking(&app, &pm, shop).await.1.open_to_viewer,
        "staff do not choose"
    );
    // Waiting for the client: on the project page and in the lists, said to each side.
    let page = app.run(&ana, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.decisions_waiting, 1);
    assert!(!page.standing.viewer_is_staff);
    let listed = app.run(&pm, ListProjects {}).await.unwrap();
    let staff_standing = listed
        .iter()
        .find(|p| p.id == shop)
        .unwrap()
        .standing
        .clone();
    assert_eq!(
        (
            staff_standing.decisions_waiting,
            staff_standing.viewer_is_staff
        ),
        (1, true)
    );

    let b = decision.options[1].id;
    let missing = (404, AppError::NotFound);
    let closed = (422, AppError::invalid("option", Problem::ChoiceClosed));
    // Nobody else chooses for the client: staff, another company's client through either
    // project.
    assert_eq!(
        app.run(&pm, choose(shop, &update, b)).await.unwrap_err(),
        missing
    );
    assert_eq!(
        app.run(&ben, choose(shop, &update, b)).await.unwrap_err(),
        missing
    );
    assert_eq!(
        app.run(&ben, choose(brand, &update, b)).await.unwrap_err(),
        missing
    );
    // An option that is not on this update.
    let other = app.run(&pm, draft(shop, "Other")).await.unwrap();
    let with_options = SaveUpdate {
        update: Some(other),
        version: feed(&app, &pm, shop).await.updates[0].version,
        decision: "Which colour?".into(),
        recommended: "0".into(),
        options: vec![option("Blue"), option("Green")],
        ..draft(shop, "Other")
    };
    app.run(&pm, with_options).await.unwrap();
    app.run(&pm, publishing(&app, shop, other).await)
        .await
        .unwrap();
    let foreign = feed(&app, &ana, shop)
        .await
        .updates
        .into_iter()
        .find(|u| u.id == other)
        .unwrap()
        .decision
        .unwrap()
        .options[0]
        .id;
    assert_eq!(
        app.run(&ana, choose(shop, &update, foreign))
            .await
            .unwrap_err(),
        closed
    );

    // Ana chooses B; again (a double click) is fine; Carla's different choice is refused.
    app.run(&ana, choose(shop, &update, b)).await.unwrap();
    app.run(&ana, choose(shop, &update, b)).await.unwrap();
    let a = decision.options[0].id;
    assert_eq!(
        app.run(&carla, choose(shop, &update, a)).await.unwrap_err(),
        closed
    );
    for who in [&pm, &ana, &carla] {
        let now = feed(&app, who, shop)
            .await
            .updates
            .into_iter()
            .find(|u| u.id == update.id)
            .and_then(|u| u.decision)
            .unwrap();
        let choice = now.choice.expect("the choice is shown");
        assert_eq!((choice.option, choice.person.as_str()), (b, "Ana García"));
        assert!(!now.open_to_viewer);
    }
    let page = app.run(&ana, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.decisions_waiting, 1, "only the new one waits");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM update_choices").await, 1);
}

async fn a_decision_needs_two_to_four_options_and_is_fixed_once_chosen(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let before = count(&app, "SELECT COUNT(*) FROM status_updates").await;
    let asks = |options: Vec<OptionInput>, recommended: &str| SaveUpdate {
        decision: "Which one?".into(),
        recommended: recommended.into(),
        options,
        ..draft(shop, "Asks")
    };
    let refused = |field: &str, problem: Problem| (422, AppError::invalid(field, problem));
    assert_eq!(
        app.run(&pm, asks(vec![option("Only")], "0"))
            .await
            .unwrap_err(),
        refused("options", Problem::OptionCount)
    );
    assert_eq!(
        app.run(&pm, asks(vec![option("A"), option("B")], ""))
            .await
            .unwrap_err(),
        refused("recommended", Problem::Required)
    );
    let no_question = SaveUpdate {
        options: vec![option("A"), option("B")],
        recommended: "0".into(),
        ..draft(shop, "Asks")
    };
    assert_eq!(
        app.run(&pm, no_question).await.unwrap_err(),
        refused("decision", Problem::Required)
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM status_updates").await,
        before
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM update_options").await,
        3,
        "the demo's"
    );

    // Chosen, a correction keeps the decision as the client saw it.
    let (update, decision) = asking(&app, &ana, shop).await;
    app.run(&ana, choose(shop, &update, decision.options[2].id))
        .await
        .unwrap();
    let staff_copy = asking(&app, &pm, shop).await.0;
    let correction = SaveUpdate {
        update: Some(update.id),
        version: staff_copy.version,
        health: "at_risk".into(),
        decision: "Something else entirely".into(),
        recommended: "0".into(),
        options: vec![option("X"), option("Y")],
        ..draft(shop, "Corrected after the choice")
    };
    app.run(&pm, correction).await.unwrap();
    let (_, kept) = asking(&app, &ana, shop).await;
    assert_eq!(kept.question, decision.question);
    assert_eq!(kept.options.len(), 3);
    assert_eq!(kept.choice.unwrap().option, decision.options[2].id);
}

async fn a_correction_keeps_its_decision_in_the_history_and_a_choice_meanwhile_counts(
    backend: Backend,
) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // Ana's page shows the options; meanwhile Pablo corrects option A's cost.
    let (update, on_her_page) = asking(&app, &ana, shop).await;
    let (staff_copy, decision) = asking(&app, &pm, shop).await;
    let rows: Vec<OptionInput> = decision
        .options
        .iter()
        .map(|o| OptionInput {
            what: o.what.clone(),
            cost: if o.letter == 'A' {
                "3 000 €".into()
            } else {
                o.cost.clone()
            },
            time: o.time.clone(),
            impact: o.impact.clone(),
        })
        .collect();
    let recommended = decision.options.iter().position(|o| o.recommended).unwrap();
    let correction = SaveUpdate {
        project: shop,
        update: Some(update.id),
        version: staff_copy.version,
        health: staff_copy.health.as_str().into(),
        summary: staff_copy.summary.clone(),
        done: staff_copy.sections.done.clone(),
        next_steps: staff_copy.sections.next.clone(),
        questions: staff_copy.sections.questions.clone(),
        risks: staff_copy.sections.risks.clone(),
        decision: decision.question.clone(),
        decide_by: decision.decide_by.map(|d| d.iso()).unwrap_or_default(),
        recommended: recommended.to_string(),
        options: rows,
    };
    app.run(&pm, correction).await.unwrap();
    // Option A as she read it is gone: choosing it is refused (she never saw the new cost).
    let old_a = &on_her_page.options[0];
    assert_eq!(
        app.run(&ana, choose(shop, &update, old_a.id))
            .await
            .unwrap_err(),
        (422, AppError::invalid("option", Problem::ChoiceClosed))
    );
    // Her choice of B still counts: B did not change, and kept its id.
    let b = &on_her_page.options[1];
    app.run(&ana, choose(shop, &update, b.id)).await.unwrap();
    let (_, now) = asking(&app, &pm, shop).await;
    assert_eq!(now.choice.unwrap().option, b.id);
    assert_eq!(now.options[0].cost, "3 000 €");
    // The history keeps the decision as it was asked before the correction.
    let (corrected, _) = asking(&app, &pm, shop).await;
    let before = corrected.revisions.last().expect("a revision");
    assert_eq!(before.decision, decision.question);
    assert_eq!(before.options.len(), decision.options.len());
    assert!(before.options[0].starts_with("A. "), "{:?}", before.options);
    assert!(before.options[0].contains(&decision.options[0].cost));
    assert!(!before.options[0].contains("3 000 €"));
    // Clients never get the history.
    let (theirs, _) = asking(&app, &ana, shop).await;
    assert!(theirs.revisions.is_empty());
}

async fn an_open_decision_past_its_day_is_overdue_to_staff(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    assert!(!asking(&app, &pm, shop).await.1.overdue);
    sqlx::query("UPDATE status_updates SET decide_by = '2020-01-01' WHERE decision <> ''")
        .execute(&app.pool)
        .await
        .unwrap();
    assert!(asking(&app, &pm, shop).await.1.overdue);
    let page = app
        .run(&pm, faro_app::projects::api::GetProject { id: shop })
        .await
        .unwrap();
    assert_eq!(
        (
            page.standing.decisions_waiting,
            page.standing.decisions_overdue
        ),
        (1, 1)
    );
    // Late, the client may still choose; then nothing is overdue.
    let (update, decision) = asking(&app, &ana, shop).await;
    assert!(decision.open_to_viewer);
    app.run(&ana, choose(shop, &update, decision.options[0].id))
        .await
        .unwrap();
    assert!(!asking(&app, &pm, shop).await.1.overdue);
}

async fn two_client_members_choosing_at_once_make_one_choice(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let carla = common::second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    let (update, decision) = asking(&app, &ana, shop).await;
    let answers = futures::future::join_all((0..8).map(|i| {
        let (who, option) = if i % 2 == 0 {
            (&ana, decision.options[0].id)
        } else {
            (&carla, decision.options[1].id)
        };
        app.run(who, choose(shop, &update, option))
    }))
    .await;
    // One person's choice stands; each of their requests says OK, each of the other's is told
    // the choice is closed.
    let ok = answers.iter().filter(|a| a.is_ok()).count();
    assert_eq!(ok, 4, "{answers:?}");
    for answer in answers.iter().filter(|a| a.is_err()) {
        assert_eq!(
            answer.as_ref().unwrap_err(),
            &(422, AppError::invalid("option", Problem::ChoiceClosed))
        );
    }
    assert_eq!(count(&app, "SELECT COUNT(*) FROM update_choices").await, 1);
}

fn comment(project: ProjectId, update: UpdateId, body: &str, question: bool) -> AddComment {
    AddComment {
        project,
        update: Some(update.0),
        card: None,
        milestone: None,
        body: body.into(),
        question: question.then(|| "on".to_string()),
        seen_through: None,
    }
}

/// The conversation on an update (none on a draft).
fn comments_of(update: &Update) -> Vec<faro_app::comments::Comment> {
    update
        .thread
        .as_ref()
        .map(|t| t.comments.clone())
        .unwrap_or_default()
}

/// The demo's question still open (on the at-risk update), as `who` sees it.
async fn open_question(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
) -> (UpdateId, faro_app::comments::Comment) {
    feed(app, who, project)
        .await
        .updates
        .into_iter()
        .find_map(|u| {
            comments_of(&u)
                .iter()
                .find(|c| c.is_question && !c.answered)
                .map(|c| (u.id, c.clone()))
        })
        .expect("an open question")
}

async fn a_client_question_stays_open_until_staff_answer_and_shows_its_age(backend: Backend) {
    use faro_app::projects::api::{GetProject, ListProjects};
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // The demo's: asked 30 hours ago, the charter promises an answer within 24.
    let (asked_on, old) = open_question(&app, &pm, shop).await;
    assert!((30..=31).contains(&old.hours_open), "{}", old.hours_open);
    let page = app.run(&pm, GetProject { id: shop }).await.unwrap();
    assert_eq!(
        (
            page.standing.open_questions,
            page.standing.response_hours,
            page.standing.oldest_question_hours >= 30
        ),
        (1, 24, true)
    );
    let listed = app.run(&ana, ListProjects {}).await.unwrap();
    assert_eq!(
        listed
            .iter()
            .find(|p| p.id == shop)
            .unwrap()
            .standing
            .open_questions,
        0,
        "clients are not shown staff's backlog"
    );

    // Ana asks on the latest update; Pablo's comment there answers it, not the older one.
    let latest = feed(&app, &ana, shop).await.updates[0].id;
    app.run(
        &ana,
        comment(shop, latest, "¿Y el correo de confirmación?", true),
    )
    .await
    .unwrap();
    let open = |f: &Feed| {
        f.updates
            .iter()
            .flat_map(comments_of)
            .filter(|c| c.is_question && !c.answered)
            .count()
    };
    assert_eq!(open(&feed(&app, &pm, shop).await), 2);
    // A staff member cannot ask the team a question: the flag is the client's.
    app.run(&pm, comment(shop, latest, "Llega el lunes.", true))
        .await
        .unwrap();
    let now = feed(&app, &pm, shop).await;
    assert_eq!(open(&now), 1);
    let theirs = comments_of(&now.updates[0]).last().unwrap().clone();
    assert!(!theirs.is_question && theirs.by_staff);
    // Answered by phone: staff mark the old one answered; clients cannot.
    let mark = MarkAnswered {
        project: shop,
        comment: old.id,
    };
    assert_eq!(
        app.run(&ana, mark.clone()).await.unwrap_err(),
        (404, AppError::NotFound)
    );
    app.run(&pm, mark).await.unwrap();
    assert_eq!(open(&feed(&app, &ana, shop).await), 0);
    let page = app.run(&pm, GetProject { id: shop }).await.unwrap();
    assert_eq!(page.standing.open_questions, 0);
    let _ = asked_on;
}

async fn comments_belong_to_their_authors_and_changes_are_never_silent(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let latest = feed(&app, &ana, shop).await.updates[0].id;
    let missing = (404, AppError::NotFound);
    assert_eq!(
        app.run(&ana, comment(shop, latest, "   ", false))
            .await
            .unwrap_err(),
        (422, AppError::invalid("body", Problem::Required))
    );
    // Another company's client, through either project; a client on a draft.
    for project in [shop, brand] {
        assert_eq!(
            app.run(&ben, comment(project, latest, "Hi", false))
                .await
                .unwrap_err(),
            missing
        );
    }
    let hidden = app.run(&pm, draft(shop, "Not yet")).await.unwrap();
    assert_eq!(
        app.run(&ana, comment(shop, hidden, "Peek", false))
            .await
            .unwrap_err(),
        missing
    );
    // Nor staff: a note on a draft would reach the client once it is published.
    assert_eq!(
        app.run(
            &pm,
            comment(shop, hidden, "Don't mention the outage", false)
        )
        .await
        .unwrap_err(),
        missing
    );
    let id = app
        .run(
            &ana,
            comment(shop, latest, "Looks <script>x()</script> **great**", false),
        )
        .await
        .unwrap();
    let edit = EditComment {
        project: shop,
        comment: id,
        body: "Looks **great**, thanks".into(),
    };
    // Only its author edits or deletes it.
    assert_eq!(app.run(&pm, edit.clone()).await.unwrap_err(), missing);
    assert_eq!(
        app.run(
            &pm,
            DeleteComment {
                project: shop,
                comment: id
            }
        )
        .await
        .unwrap_err(),
        missing
    );
    app.run(&ana, edit).await.unwrap();
    let mine = |f: Feed| {
        f.updates
            .into_iter()
            .flat_map(|u| comments_of(&u))
            .find(|c| c.id == id)
            .unwrap()
    };
    let edited = mine(feed(&app, &pm, shop).await);
    assert!(edited.edited && !edited.deleted);
    assert!(edited.body_html.contains("<strong>great</strong>, thanks"));
    assert!(edited.body.is_empty(), "the source is its author's");
    app.run(
        &ana,
        DeleteComment {
            project: shop,
            comment: id,
        },
    )
    .await
    .unwrap();
    app.run(
        &ana,
        DeleteComment {
            project: shop,
            comment: id,
        },
    )
    .await
    .unwrap();
    let gone = mine(feed(&app, &pm, shop).await);
    assert!(gone.deleted && gone.body_html.is_empty());
    assert_eq!(gone.author, "Ana García", "its place stays");
    assert_eq!(
        count(
            &app,
            &format!(
                "SELECT COUNT(*) FROM comments WHERE id = {} AND body = ''",
                id.0
            )
        )
        .await,
        1,
        "the text is gone from the database too"
    );
}

async fn answers_at_the_same_instant_close_a_question_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let (update, question) = open_question(&app, &pm, shop).await;
    let events = count(&app, "SELECT COUNT(*) FROM board_events").await;
    let app = &app;
    let answers = futures::future::join_all((0..8).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        async move {
            if i < 4 {
                app.run(
                    who,
                    MarkAnswered {
                        project: shop,
                        comment: question.id,
                    },
                )
                .await
                .map(|_| ())
            } else {
                app.run(who, comment(shop, update, &format!("Answer {i}"), false))
                    .await
                    .map(|_| ())
            }
        }
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    let answered_at: Option<i64> = sqlx::query_scalar(&format!(
        "SELECT answered_at FROM comments WHERE id = {}",
        question.id.0
    ))
    .fetch_one(&app.pool)
    .await
    .unwrap();
    assert!(answered_at.is_some());
    // Four comments, and one "answered" at most: the marks after the first change nothing.
    let after = count(app, "SELECT COUNT(*) FROM board_events").await;
    assert!(
        (events + 4..=events + 5).contains(&after),
        "{events} → {after}"
    );
}

async fn the_feed_comes_in_pages_of_twenty_newest_first(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // The demo's 3, and 22 more: 25 published.
    for n in 0..22 {
        let id = app
            .run(&pm, draft(shop, &format!("Week {n}")))
            .await
            .unwrap();
        app.run(&pm, publishing(&app, shop, id).await)
            .await
            .unwrap();
    }
    let first = app
        .run(
            &ana,
            GetUpdates {
                project: shop,
                page: 0,
            },
        )
        .await
        .unwrap();
    assert_eq!((first.updates.len(), first.older), (20, true));
    assert_eq!(first.updates[0].summary, "Week 21", "newest first");
    let second = app
        .run(
            &ana,
            GetUpdates {
                project: shop,
                page: 1,
            },
        )
        .await
        .unwrap();
    assert_eq!((second.updates.len(), second.older), (5, false));
    assert_eq!(
        second.updates.last().unwrap().summary,
        "Diseño aprobado; empezamos a montar la tienda",
        "the oldest last"
    );
    let (code, html) = app
        .page(&ana, &format!("/projects/{shop}/updates?page=1"))
        .await;
    assert_eq!(code, 200);
    assert!(html.contains("Newer updates") || html.contains("Novedades más recientes"));
    assert!(!html.contains("Week 21"));
}
