//! Stories about comments on cards and milestones (and what every conversation shares), on
//! SQLite and PostgreSQL: a client never reaches an internal card's conversation by any path;
//! nobody comments on another project's things; "@Name" reaches the named member until read;
//! staff turn a client's comment into a question, the organization lists it, and a staff reply
//! answers only the questions it saw; repeated and simultaneous requests write once.

mod common;

use common::stream::Stream;
use common::TestApp;
use common::{count, project_named as project};
use faro_app::board::api::{CreateCard, GetBoard, GetCard};
use faro_app::board::{CardDetail, CardId};
use faro_app::comments::api::{
    AddComment, DeleteComment, GetAttention, MarkAnswered, MarkQuestion, ReadMention,
};
use faro_app::comments::{Comment, CommentId, Subject};
use faro_app::error::{AppError, Problem};
use faro_app::milestones::api::{GetMilestone, GetTimeline, SaveMilestone};
use faro_app::projects::ProjectId;
use faro_server::database::Backend;
use std::time::Duration;

on_both_databases!(
    cards_and_milestones_have_conversations,
    a_client_never_reaches_an_internal_cards_conversation,
    nobody_comments_on_another_projects_things,
    a_mention_reaches_the_named_member_until_they_read_it,
    staff_turn_a_comment_into_a_question_and_the_organization_lists_it,
    a_staff_reply_answers_only_the_questions_it_saw,
    bad_comments_are_refused_and_render_harmless,
);

on_both_databases_at_once!(
    comments_at_the_same_instant_all_land_in_order,
    a_delete_repeated_at_once_deletes_once,
);

fn on(project: ProjectId, subject: Subject, body: &str) -> AddComment {
    let (update, card, milestone) = match subject {
        Subject::Update(id) => (Some(id), None, None),
        Subject::Card(id) => (None, Some(id), None),
        Subject::Milestone(id) => (None, None, Some(id)),
    };
    AddComment {
        project,
        update,
        card,
        milestone,
        body: body.into(),
        question: None,
        seen_through: None,
    }
}

fn question(mut add: AddComment) -> AddComment {
    add.question = Some("on".into());
    add
}

/// A new card on the project's first column, made by staff: `internal` or for the client.
async fn new_card(
    app: &TestApp,
    staff: &reqwest::Client,
    project: ProjectId,
    title: &str,
    internal: bool,
) -> CardId {
    let board = app
        .run(
            staff,
            GetBoard {
                project,
                milestone: None,
            },
        )
        .await
        .unwrap();
    app.run(
        staff,
        CreateCard {
            project,
            column: board.columns[0].id,
            title: title.into(),
            visibility: if internal { "internal" } else { "client" }.into(),
        },
    )
    .await
    .unwrap()
}

async fn card(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
    card: CardId,
) -> Result<CardDetail, (u16, AppError)> {
    app.run(who, GetCard { project, card }).await
}

fn comments(detail: &CardDetail) -> Vec<Comment> {
    detail.thread.as_ref().unwrap().comments.clone()
}

async fn first_milestone(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
) -> faro_app::milestones::MilestoneId {
    app.run(who, GetTimeline { project })
        .await
        .unwrap()
        .milestones[0]
        .id
}

async fn milestone_comments(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
    milestone: faro_app::milestones::MilestoneId,
) -> Vec<Comment> {
    app.run(who, GetMilestone { project, milestone })
        .await
        .unwrap()
        .thread
        .unwrap()
        .comments
}

async fn cards_and_milestones_have_conversations(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = new_card(&app, &pm, shop, "Fotos de producto", false).await;
    app.run(
        &ana,
        on(shop, Subject::Card(id.0), "¿Cuántas fotos por producto?"),
    )
    .await
    .unwrap();
    app.run(
        &pm,
        on(shop, Subject::Card(id.0), "Tres, con **fondo blanco**."),
    )
    .await
    .unwrap();
    let seen = card(&app, &ana, shop, id).await.unwrap();
    let thread = comments(&seen);
    assert_eq!(thread.len(), 2);
    assert_eq!(thread[0].author, "Ana García");
    assert!(thread[0].mine && !thread[1].mine);
    assert!(thread[1].by_staff);
    assert!(thread[1]
        .body_html
        .contains("<strong>fondo blanco</strong>"));
    // The card's history says who commented (the board's own line for it).
    assert_eq!(
        seen.history
            .iter()
            .filter(|h| h.kind == faro_app::board::EventKind::Commented)
            .count(),
        2
    );
    // A milestone: its own page has the conversation, the timeline counts it.
    let milestone = first_milestone(&app, &ana, shop).await;
    app.run(
        &ana,
        on(
            shop,
            Subject::Milestone(milestone.0),
            "¿Incluye la migración?",
        ),
    )
    .await
    .unwrap();
    let mine = milestone_comments(&app, &pm, shop, milestone).await;
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].author, "Ana García");
    let timeline = app.run(&pm, GetTimeline { project: shop }).await.unwrap();
    let counted = timeline
        .milestones
        .iter()
        .find(|m| m.id == milestone)
        .unwrap();
    assert_eq!(counted.comment_count, 1);
    // Both pages show it, server-rendered.
    let (status, page) = app
        .page(&ana, &format!("/projects/{shop}/milestones/{milestone}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("¿Incluye la migración?"), "{page}");
    let (status, page) = app
        .page(&ana, &format!("/projects/{shop}/board/{id}"))
        .await;
    assert_eq!(status, 200);
    assert!(page.contains("¿Cuántas fotos por producto?"));
    // A milestone of another project answers like a missing one.
    let other = project(&app, "Brand refresh").await;
    let theirs = app
        .run(
            &pm,
            SaveMilestone {
                project: other,
                milestone: None,
                version: 0,
                title: "Logo final".into(),
                description: String::new(),
                due_on: String::new(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        app.run(
            &ana,
            GetMilestone {
                project: shop,
                milestone: theirs
            }
        )
        .await
        .unwrap_err()
        .0,
        404
    );
}

async fn a_client_never_reaches_an_internal_cards_conversation(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let secret = new_card(&app, &pm, shop, "Margen real", true).await;
    let before = count(&app, "SELECT COUNT(*) FROM comments").await;
    let after = count(&app, "SELECT COALESCE(MAX(id), 0) FROM board_events").await;
    let mut client_stream = Stream::open(
        app.url(&format!("/events/projects/{shop}?after={after}")),
        &ana,
        None,
    )
    .await;
    // Staff talk on the internal card, naming the client: she is not told.
    app.run(
        &pm,
        on(
            shop,
            Subject::Card(secret.0),
            "@Ana García no debe saber el margen",
        ),
    )
    .await
    .unwrap();
    assert_eq!(count(&app, "SELECT COUNT(*) FROM mentions").await, 0);
    let attention = app.run(&ana, GetAttention {}).await.unwrap();
    assert!(attention.mentions.is_empty());
    // Not by the card, not by commenting on it, not by the stream.
    assert_eq!(card(&app, &ana, shop, secret).await.unwrap_err().0, 404);
    assert_eq!(
        app.run(&ana, on(shop, Subject::Card(secret.0), "¿Y esto?"))
            .await
            .unwrap_err(),
        (404, AppError::NotFound)
    );
    let (status, page) = app
        .page(&ana, &format!("/projects/{shop}/board/{secret}"))
        .await;
    assert!(!page.contains("no debe saber"), "{status}");
    assert!(
        client_stream
            .next(Duration::from_millis(700))
            .await
            .is_none(),
        "a client heard of an internal card's comment"
    );
    // Staff see it.
    let theirs = comments(&card(&app, &pm, shop, secret).await.unwrap());
    assert_eq!(theirs.len(), 1);
    // Shown to the client later, the card does not bring its internal conversation along.
    let version = card(&app, &pm, shop, secret).await.unwrap().version;
    app.run(
        &pm,
        faro_app::board::api::UpdateCard {
            project: shop,
            card: secret,
            version,
            title: Default::default(),
            body: Default::default(),
            assignee: Default::default(),
            due_on: Default::default(),
            labels: Default::default(),
            visibility: faro_app::patch::Patch::Set("client".into()),
            milestone: Default::default(),
        },
    )
    .await
    .unwrap();
    let shown = card(&app, &ana, shop, secret).await.unwrap();
    assert!(comments(&shown).is_empty(), "{:?}", comments(&shown));
    let (_, page) = app
        .page(&ana, &format!("/projects/{shop}/board/{secret}"))
        .await;
    assert!(!page.contains("no debe saber"));
    assert_eq!(
        comments(&card(&app, &pm, shop, secret).await.unwrap()).len(),
        1
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM comments").await,
        before + 1
    );
}

async fn nobody_comments_on_another_projects_things(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    let shop_card = new_card(&app, &pm, shop, "Checkout", false).await;
    let shop_milestone = first_milestone(&app, &pm, shop).await;
    let before = count(&app, "SELECT COUNT(*) FROM comments").await;
    // Ben's project, the shop's things: answers like missing ones.
    for subject in [
        Subject::Card(shop_card.0),
        Subject::Milestone(shop_milestone.0),
        Subject::Card(999_999),
    ] {
        assert_eq!(
            app.run(&ben, on(brand, subject, "hola")).await.unwrap_err(),
            (404, AppError::NotFound),
            "{subject:?}"
        );
        // Staff too: the project named must be the subject's own.
        assert_eq!(
            app.run(&pm, on(brand, subject, "hola"))
                .await
                .unwrap_err()
                .0,
            404
        );
    }
    // Ben is no member of the shop.
    assert_eq!(
        app.run(&ben, on(shop, Subject::Card(shop_card.0), "hola"))
            .await
            .unwrap_err()
            .0,
        404
    );
    // A comment of the shop, named through Ben's project, cannot be deleted or marked.
    let id = app
        .run(&ana, on(shop, Subject::Card(shop_card.0), "Mío"))
        .await
        .unwrap();
    assert_eq!(
        app.run(
            &ben,
            DeleteComment {
                project: brand,
                comment: id
            }
        )
        .await
        .unwrap_err()
        .0,
        404
    );
    assert_eq!(
        app.run(
            &pm,
            MarkQuestion {
                project: brand,
                comment: id
            }
        )
        .await
        .unwrap_err()
        .0,
        404
    );
    // Someone else's comment is not theirs to delete, even in the same project.
    assert_eq!(
        app.run(
            &pm,
            DeleteComment {
                project: shop,
                comment: id
            }
        )
        .await
        .unwrap_err()
        .0,
        404
    );
    // Two subjects at once, or none: refused.
    let mut both = on(shop, Subject::Card(shop_card.0), "x");
    both.milestone = Some(shop_milestone.0);
    assert_eq!(
        app.run(&ana, both).await.unwrap_err(),
        (422, AppError::invalid("subject", Problem::Malformed))
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM comments").await,
        before + 1
    );
}

async fn a_mention_reaches_the_named_member_until_they_read_it(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let ben = app.signed_in("ben@client-two.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = new_card(&app, &pm, shop, "Textos legales", false).await;
    // Ana is a member; Ben (another client) is not: naming him records nothing. Pablo naming
    // himself is no news.
    let comment = app
        .run(
            &pm,
            on(
                shop,
                Subject::Card(id.0),
                "@ana garcía ¿nos pasas los textos? (cc @Ben Carter, @Pablo Martín)",
            ),
        )
        .await
        .unwrap();
    let hers = app.run(&ana, GetAttention {}).await.unwrap().mentions;
    assert_eq!(hers.len(), 1);
    assert_eq!(hers[0].comment, comment);
    assert_eq!(hers[0].author, "Pablo Martín");
    assert_eq!(hers[0].project_name, "Tienda online");
    assert_eq!(hers[0].subject, Subject::Card(id.0));
    assert!(app
        .run(&ben, GetAttention {})
        .await
        .unwrap()
        .mentions
        .is_empty());
    assert!(app
        .run(&pm, GetAttention {})
        .await
        .unwrap()
        .mentions
        .is_empty());
    // Her home page shows it, linked to the card.
    let (_, home) = app.page(&ana, "/").await;
    assert!(home.contains(&format!("/projects/{shop}/board/{id}#comment-{comment}")));
    // Ben cannot mark her mention read; she can, once (again changes nothing).
    app.run(&ben, ReadMention { comment }).await.unwrap();
    assert_eq!(
        app.run(&ana, GetAttention {}).await.unwrap().mentions.len(),
        1
    );
    app.run(&ana, ReadMention { comment }).await.unwrap();
    app.run(&ana, ReadMention { comment }).await.unwrap();
    assert!(app
        .run(&ana, GetAttention {})
        .await
        .unwrap()
        .mentions
        .is_empty());
    // A client names staff on a milestone: Pablo sees it.
    let milestone = first_milestone(&app, &ana, shop).await;
    app.run(
        &ana,
        on(
            shop,
            Subject::Milestone(milestone.0),
            "@Pablo Martín gracias",
        ),
    )
    .await
    .unwrap();
    assert_eq!(
        app.run(&pm, GetAttention {}).await.unwrap().mentions.len(),
        1
    );
    // An edit that drops the name withdraws the mention; naming again brings it back.
    let named = app.run(&pm, GetAttention {}).await.unwrap().mentions[0].comment;
    let rename = |body: &str| faro_app::comments::api::EditComment {
        project: shop,
        comment: named,
        body: body.into(),
    };
    app.run(&ana, rename("Gracias a todos")).await.unwrap();
    assert!(app
        .run(&pm, GetAttention {})
        .await
        .unwrap()
        .mentions
        .is_empty());
    app.run(&ana, rename("Gracias @pablo martín"))
        .await
        .unwrap();
    assert_eq!(
        app.run(&pm, GetAttention {}).await.unwrap().mentions.len(),
        1
    );
    // A deleted comment takes its mention with it.
    let mentioned = app.run(&pm, GetAttention {}).await.unwrap().mentions[0].comment;
    app.run(
        &ana,
        DeleteComment {
            project: shop,
            comment: mentioned,
        },
    )
    .await
    .unwrap();
    assert!(app
        .run(&pm, GetAttention {})
        .await
        .unwrap()
        .mentions
        .is_empty());
}

async fn staff_turn_a_comment_into_a_question_and_the_organization_lists_it(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = new_card(&app, &pm, shop, "Pasarela de pago", false).await;
    // The demo's open question (30 h, promise 24 h) is listed for staff, oldest first.
    let listed = app.run(&pm, GetAttention {}).await.unwrap().questions;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].project_name, "Tienda online");
    assert!(listed[0].hours_open >= 30 && listed[0].response_hours == 24);
    assert!(app
        .run(&ana, GetAttention {})
        .await
        .unwrap()
        .questions
        .is_empty());
    let comment = app
        .run(
            &ana,
            on(
                shop,
                Subject::Card(id.0),
                "Y si falla el pago, ¿qué ve el cliente?",
            ),
        )
        .await
        .unwrap();
    let mark = MarkQuestion {
        project: shop,
        comment,
    };
    // A client cannot mark; staff can, and again changes nothing.
    assert_eq!(app.run(&ana, mark.clone()).await.unwrap_err().0, 404);
    app.run(&pm, mark.clone()).await.unwrap();
    app.run(&pm, mark).await.unwrap();
    let listed = app.run(&pm, GetAttention {}).await.unwrap().questions;
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[1].subject, Subject::Card(id.0));
    assert_eq!(listed[1].excerpt, "Y si falla el pago, ¿qué ve el cliente?");
    let (_, home) = app.page(&pm, "/").await;
    assert!(
        home.contains("Y si falla el pago"),
        "the staff home lists it"
    );
    // A staff comment is never a question.
    let own = app
        .run(&pm, on(shop, Subject::Card(id.0), "Lo miramos"))
        .await
        .unwrap();
    app.run(
        &pm,
        MarkQuestion {
            project: shop,
            comment: own,
        },
    )
    .await
    .unwrap();
    let thread = comments(&card(&app, &pm, shop, id).await.unwrap());
    assert!(!thread.iter().find(|c| c.id == own).unwrap().is_question);
    // That reply answered it (it was on the page).
    assert!(thread.iter().find(|c| c.id == comment).unwrap().answered);
    assert_eq!(
        app.run(&pm, GetAttention {}).await.unwrap().questions.len(),
        1
    );
    // Marking answered (by phone) is staff's.
    let demo = app.run(&pm, GetAttention {}).await.unwrap().questions[0].id;
    let answered = MarkAnswered {
        project: shop,
        comment: demo,
    };
    assert_eq!(app.run(&ana, answered.clone()).await.unwrap_err().0, 404);
    app.run(&pm, answered).await.unwrap();
    assert!(app
        .run(&pm, GetAttention {})
        .await
        .unwrap()
        .questions
        .is_empty());
}

async fn a_staff_reply_answers_only_the_questions_it_saw(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let milestone = first_milestone(&app, &pm, shop).await;
    let subject = Subject::Milestone(milestone.0);
    let first = app
        .run(&ana, question(on(shop, subject, "¿Primera?")))
        .await
        .unwrap();
    // Pablo's page shows the first question...
    let on_screen = milestone_comments(&app, &pm, shop, milestone).await;
    let seen_through = on_screen.last().map(|c| c.id);
    // ...while Ana asks a second one.
    let second = app
        .run(&ana, question(on(shop, subject, "¿Segunda?")))
        .await
        .unwrap();
    let mut reply = on(shop, subject, "La primera: sí.");
    reply.seen_through = seen_through;
    app.run(&pm, reply).await.unwrap();
    let now = milestone_comments(&app, &pm, shop, milestone).await;
    let find = |id: CommentId| now.iter().find(|c| c.id == id).unwrap().clone();
    assert!(find(first).answered);
    assert!(
        !find(second).answered,
        "a question the reply never saw stays open"
    );
    // A page that showed nothing (0) answers nothing.
    let mut blind = on(shop, subject, "Hola");
    blind.seen_through = Some(CommentId(0));
    app.run(&pm, blind).await.unwrap();
    let now = milestone_comments(&app, &pm, shop, milestone).await;
    assert!(!now.iter().find(|c| c.id == second).unwrap().answered);
}

async fn bad_comments_are_refused_and_render_harmless(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let milestone = first_milestone(&app, &ana, shop).await;
    let subject = Subject::Milestone(milestone.0);
    let before = count(&app, "SELECT COUNT(*) FROM comments").await;
    assert_eq!(
        app.run(&ana, on(shop, subject, "  \n ")).await.unwrap_err(),
        (422, AppError::invalid("body", Problem::Required))
    );
    let huge = "x".repeat(faro_app::comments::COMMENT_MAX_CHARS + 1);
    assert_eq!(
        app.run(&ana, on(shop, subject, &huge)).await.unwrap_err().0,
        422
    );
    // As a form posts it (also without JavaScript).
    let (status, _) = app
        .post_form(
            &ana,
            "/api/comments/add_comment",
            &[
                ("project", shop.to_string()),
                ("milestone", milestone.to_string()),
                ("body", " ".into()),
            ],
        )
        .await;
    assert_eq!(status, 422);
    // A script and a javascript: link render harmless.
    app.run(
        &ana,
        on(
            shop,
            subject,
            "<script>alert(1)</script>\n\n[mira](javascript:alert(1)) <img src=x onerror=alert(1)>",
        ),
    )
    .await
    .unwrap();
    let shown = milestone_comments(&app, &ana, shop, milestone).await;
    let html = &shown.last().unwrap().body_html;
    assert!(
        !html.contains("<script") && !html.contains("javascript:") && !html.contains("onerror")
    );
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM comments").await,
        before + 1
    );
}

async fn comments_at_the_same_instant_all_land_in_order(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = new_card(&app, &pm, shop, "Carrito", false).await;
    let after = count(&app, "SELECT COALESCE(MAX(id), 0) FROM board_events").await;
    let mut stream = Stream::open(
        app.url(&format!("/events/projects/{shop}?after={after}")),
        &ana,
        None,
    )
    .await;
    let calls = (0..12).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &ana };
        let question = i % 3 == 1;
        let mut add = on(shop, Subject::Card(id.0), &format!("Comentario {i}"));
        if question {
            add.question = Some("on".into());
        }
        app.run(who, add)
    });
    let results = futures::future::join_all(calls).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    let thread = comments(&card(&app, &pm, shop, id).await.unwrap());
    assert_eq!(thread.len(), 12);
    // The client hears each one, in commit order, none missed.
    let mut heard = Vec::new();
    while heard.len() < 12 {
        let (event, data) = stream
            .next(Duration::from_secs(5))
            .await
            .expect("every comment is heard");
        assert_eq!(data["card"], id.0);
        heard.push(event);
    }
    assert!(heard.windows(2).all(|w| w[0] < w[1]), "{heard:?}");
}

async fn a_delete_repeated_at_once_deletes_once(backend: Backend) {
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = new_card(&app, &pm, shop, "Envíos", false).await;
    let comment = app
        .run(&ana, on(shop, Subject::Card(id.0), "Borrar esto"))
        .await
        .unwrap();
    let events = count(&app, "SELECT COUNT(*) FROM board_events").await;
    let deletes = (0..6).map(|_| {
        app.run(
            &ana,
            DeleteComment {
                project: shop,
                comment,
            },
        )
    });
    let results = futures::future::join_all(deletes).await;
    assert!(results.iter().all(Result::is_ok), "{results:?}");
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM board_events").await,
        events + 1,
        "one deletion recorded"
    );
    let thread = comments(&card(&app, &pm, shop, id).await.unwrap());
    assert!(thread[0].deleted && thread[0].body_html.is_empty());
}
