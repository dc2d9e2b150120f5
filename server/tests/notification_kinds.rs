//! Stories about each kind of notification mail beyond status updates (real SMTP on loopback):
//! a completed milestone asks the project's clients to sign it off, a sent feedback form asks
//! them to answer, an answer reaches the client who asked, a mention reaches the person named —
//! each once, in the reader's language, with a link that opens the thing. A summary gathers
//! every kind, and its one link stops them all.

mod common;

use common::smtp::{all_sent, mailing_app, to, Received, SmtpSink};
use common::{count, project_named as project, second_shop_client, sign_off, TestApp};
use faro_app::comments::api::{AddComment, EditComment, MarkAnswered};
use faro_app::comments::CommentId;
use faro_app::feedback::api::{CloseForm, SendForm};
use faro_app::feedback::FormId;
use faro_app::milestones::api::SetMilestoneStatus;
use faro_app::milestones::MilestoneId;
use faro_app::notifications::api::ListMail;
use faro_app::notifications::preferences::api::{
    GetMailPreferences, GetUnsubscribe, SetMailPreference,
};
use faro_app::notifications::preferences::Delivery;
use faro_app::notifications::{MailKind, MailStatus};
use faro_app::projects::ProjectId;
use faro_server::database::Backend;
use std::time::Duration;

on_both_databases!(
    a_form_sent_asks_the_projects_clients_to_answer_it,
    an_answer_reaches_the_client_who_asked_and_only_once,
    a_mention_reaches_the_person_named_once_and_never_outside_what_they_may_see,
    a_summary_gathers_every_kind_and_its_one_link_stops_them_all,
    an_answer_on_a_card_made_internal_since_is_not_mailed_to_the_client,
    a_form_that_closes_before_its_mail_goes_is_not_asked_for,
);

on_both_databases_at_once!(completing_a_milestone_asks_its_clients_to_sign_it_off_once);

const ANA: &str = "ana@cliente-uno.test";
const PM: &str = "pm@demo.test";

async fn set_locale(app: &TestApp, email: &str, locale: &str) {
    sqlx::query("UPDATE users SET locale = $1 WHERE email = $2")
        .bind(locale)
        .bind(email)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// The shop's milestone in `status`: its id and title.
async fn milestone_in(app: &TestApp, shop: ProjectId, status: &str) -> (MilestoneId, String) {
    let (id, title): (i64, String) = sqlx::query_as(
        "SELECT id, title FROM milestones WHERE project_id = $1 AND status = $2 ORDER BY id LIMIT 1",
    )
    .bind(shop)
    .bind(status)
    .fetch_one(&app.pool)
    .await
    .unwrap();
    (MilestoneId(id), title)
}

/// The shop's milestone in progress, completed by `pm`: it waits for the client's sign-off.
async fn complete_a_milestone(
    app: &TestApp,
    pm: &reqwest::Client,
    shop: ProjectId,
) -> (MilestoneId, String) {
    let (milestone, title) = milestone_in(app, shop, "in_progress").await;
    let complete = SetMilestoneStatus {
        project: shop,
        milestone,
        status: "completed".into(),
    };
    app.run(pm, complete).await.unwrap();
    (milestone, title)
}

/// The shop's newest published update.
async fn latest_update(app: &TestApp, shop: ProjectId) -> i64 {
    count(
        app,
        &format!(
            "SELECT MAX(id) FROM status_updates WHERE project_id = {} AND published_at IS NOT NULL",
            shop.0
        ),
    )
    .await
}

fn comment_on(project: ProjectId, update: i64, body: &str) -> AddComment {
    AddComment {
        project,
        update: Some(update),
        card: None,
        milestone: None,
        body: body.into(),
        question: None,
        seen_through: None,
    }
}

fn of_kind(messages: &[Received], kind: MailKind) -> Vec<Received> {
    messages
        .iter()
        .filter(|m| m.header("x-faro-kind") == kind.as_str())
        .cloned()
        .collect()
}

/// Follows the message's link to `path` as `who`: the page opens and shows `expected`.
async fn opens(
    app: &TestApp,
    who: &reqwest::Client,
    message: &Received,
    path: &str,
    expected: &str,
) {
    let link = message
        .link(&format!("{}{path}", app.address))
        .unwrap_or_else(|| panic!("a link to {path}: {}", message.text()));
    let (status, page) = app.page(who, &link.replace(&app.address, "")).await;
    assert_eq!(status, 200, "{link}");
    assert!(page.contains(expected), "{expected} on {link}");
}

async fn completing_a_milestone_asks_its_clients_to_sign_it_off_once(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in(PM).await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let (milestone, title) = milestone_in(&app, shop, "in_progress").await;

    // Two staff press "Completed" at the same instant, some of them twice.
    let call = SetMilestoneStatus {
        project: shop,
        milestone,
        status: "completed".into(),
    };
    let answers = futures::future::join_all((0..6).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        app.run(who, call.clone())
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");

    let messages = all_sent(&app, &sink).await;
    let asked = of_kind(&messages, MailKind::SignOffWaiting);
    assert_eq!(asked.len(), 1, "one message, to the client: {messages:#?}");
    let message = &asked[0];
    assert_eq!(message.envelope_to, vec![ANA]);
    assert_eq!(
        message.header("subject"),
        format!("Tienda online: “{title}” waits for your sign-off")
    );
    assert!(
        message.text().contains("marked the milestone"),
        "{}",
        message.text()
    );
    assert!(message.header("list-unsubscribe").contains("/unsubscribe/"));
    let ana = app.signed_in(ANA).await;
    let path = format!("/projects/{shop}/milestones/{}", milestone.0);
    opens(&app, &ana, message, &path, &title).await;
    // The clients of another project hear nothing.
    assert!(to(&messages, "ben@client-two.test").is_empty());
}

async fn a_form_sent_asks_the_projects_clients_to_answer_it(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    set_locale(&app, ANA, "es").await;
    let pm = app.signed_in(PM).await;
    let shop = project(&app, "Tienda online").await;
    let form = app
        .run(
            &pm,
            SendForm {
                project: shop,
                template: "project_close".into(),
                language: "es".into(),
                days: "7".into(),
            },
        )
        .await
        .expect("sent");

    let messages = all_sent(&app, &sink).await;
    let asked = of_kind(&messages, MailKind::FormWaiting);
    assert_eq!(asked.len(), 1, "{messages:#?}");
    let message = &asked[0];
    assert_eq!(message.envelope_to, vec![ANA]);
    assert_eq!(
        message.header("subject"),
        "Tienda online: ¿cómo va? Un formulario breve para ti"
    );
    assert!(
        message.text().contains("Está abierto hasta el"),
        "her language, with the last day: {}",
        message.text()
    );
    let ana = app.signed_in(ANA).await;
    let title: String = sqlx::query_scalar("SELECT title FROM feedback_forms WHERE id = $1")
        .bind(form)
        .fetch_one(&app.pool)
        .await
        .unwrap();
    opens(&app, &ana, message, &format!("/forms/{}", form.0), &title).await;

    // A bad request sends nothing and mails nobody.
    let refused = app
        .run(
            &pm,
            SendForm {
                project: shop,
                template: "project_close".into(),
                language: "es".into(),
                days: "0".into(),
            },
        )
        .await;
    assert!(refused.is_err());
    assert_eq!(
        of_kind(&all_sent(&app, &sink).await, MailKind::FormWaiting).len(),
        1
    );
}

async fn an_answer_reaches_the_client_who_asked_and_only_once(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    set_locale(&app, ANA, "es").await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;
    let update = latest_update(&app, shop).await;

    let question = AddComment {
        question: Some("on".into()),
        ..comment_on(shop, update, "¿Cuándo estará el envío gratis?")
    };
    let asked: CommentId = app.run(&ana, question.clone()).await.unwrap();
    // Nothing for the question itself (staff see it on their home page).
    assert!(of_kind(&all_sent(&app, &sink).await, MailKind::QuestionAnswered).is_empty());

    let answer = AddComment {
        seen_through: Some(asked),
        ..comment_on(
            shop,
            update,
            "@Ana García la semana que viene, con el pago.",
        )
    };
    app.run(&pm, answer.clone()).await.unwrap();
    // A second reply answers nothing new.
    let more = AddComment {
        body: "Y también a Canarias.".into(),
        ..answer
    };
    app.run(&pm, more).await.unwrap();

    let messages = all_sent(&app, &sink).await;
    let answered = of_kind(&messages, MailKind::QuestionAnswered);
    assert_eq!(answered.len(), 1, "{messages:#?}");
    let message = &answered[0];
    assert_eq!(message.envelope_to, vec![ANA]);
    assert_eq!(
        message.header("subject"),
        "Tienda online: han respondido a tu pregunta"
    );
    let text = message.text();
    assert!(text.contains("¿Cuándo estará el envío gratis?"), "{text}");
    assert!(
        text.contains("Pablo Martín: @Ana García la semana que viene, con el pago."),
        "{text}"
    );
    // The answer names her too: the answer's message is the one she gets.
    assert!(
        of_kind(&messages, MailKind::Mention).is_empty(),
        "{messages:#?}"
    );
    let path = format!("/projects/{shop}/updates/{update}");
    opens(&app, &ana, message, &path, "la semana que viene").await;

    // Answered by phone: staff mark it, and she hears of that too.
    let again: CommentId = app
        .run(
            &ana,
            AddComment {
                question: Some("on".into()),
                ..comment_on(shop, update, "¿Y las devoluciones?")
            },
        )
        .await
        .unwrap();
    app.run(
        &pm,
        MarkAnswered {
            project: shop,
            comment: again,
        },
    )
    .await
    .unwrap();
    app.run(
        &pm,
        MarkAnswered {
            project: shop,
            comment: again,
        },
    )
    .await
    .unwrap();
    let answered = of_kind(&all_sent(&app, &sink).await, MailKind::QuestionAnswered);
    assert_eq!(answered.len(), 2);
    assert!(answered[1].text().contains("¿Y las devoluciones?"));
}

async fn a_mention_reaches_the_person_named_once_and_never_outside_what_they_may_see(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    set_locale(&app, PM, "en").await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;
    let update = latest_update(&app, shop).await;

    let comment: CommentId = app
        .run(
            &ana,
            comment_on(shop, update, "@Pablo Martín ¿nos vemos el martes?"),
        )
        .await
        .unwrap();
    // Corrected, still naming him: no second message. Then naming Olivia too: one for her.
    let edit = |body: &str| EditComment {
        project: shop,
        comment,
        body: body.into(),
    };
    app.run(&ana, edit("@Pablo Martín ¿nos vemos el martes a las diez?"))
        .await
        .unwrap();
    app.run(
        &ana,
        edit("@Pablo Martín @Olivia Owner ¿nos vemos el martes a las diez?"),
    )
    .await
    .unwrap();
    // Her name taken out and put back: she was told once, and is not told again.
    app.run(&ana, edit("@Pablo Martín ¿nos vemos el martes a las diez?"))
        .await
        .unwrap();
    app.run(
        &ana,
        edit("@Pablo Martín @Olivia Owner ¿nos vemos el martes a las diez y media?"),
    )
    .await
    .unwrap();

    let messages = all_sent(&app, &sink).await;
    let mentions = of_kind(&messages, MailKind::Mention);
    assert_eq!(mentions.len(), 2, "{messages:#?}");
    let to_pm = to(&mentions, PM);
    assert_eq!(to_pm.len(), 1);
    assert_eq!(
        to_pm[0].header("subject"),
        "Ana García mentioned you on Tienda online"
    );
    assert!(
        to_pm[0].text().contains("¿nos vemos el martes?"),
        "{}",
        to_pm[0].text()
    );
    let path = format!("/projects/{shop}/updates/{update}");
    opens(&app, &pm, &to_pm[0], &path, "nos vemos el martes").await;
    assert_eq!(to(&mentions, "owner@demo.test").len(), 1);

    // An internal card: staff may name Ana there, but she cannot see it, so no mail reaches her.
    let internal = count(
        &app,
        &format!(
            "SELECT MIN(id) FROM cards WHERE project_id = {} AND visibility = 'internal'",
            shop.0
        ),
    )
    .await;
    app.run(
        &pm,
        AddComment {
            project: shop,
            update: None,
            card: Some(internal),
            milestone: None,
            body: "@Ana García no debe enterarse".into(),
            question: None,
            seen_through: None,
        },
    )
    .await
    .unwrap();
    let messages = all_sent(&app, &sink).await;
    assert!(to(&of_kind(&messages, MailKind::Mention), ANA).is_empty());
}

async fn an_answer_on_a_card_made_internal_since_is_not_mailed_to_the_client(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;
    let card = count(
        &app,
        &format!(
            "SELECT MIN(id) FROM cards WHERE project_id = {} AND visibility = 'client'",
            shop.0
        ),
    )
    .await;
    let on_card = |body: &str, question: bool| AddComment {
        project: shop,
        update: None,
        card: Some(card),
        milestone: None,
        body: body.into(),
        question: question.then(|| "on".to_string()),
        seen_through: None,
    };
    app.run(&ana, on_card("¿Esto entra en la primera versión?", true))
        .await
        .unwrap();
    // The PM makes the card internal, then writes a note for the team on it.
    let version = count(
        &app,
        &format!("SELECT version FROM cards WHERE id = {card}"),
    )
    .await;
    app.run(
        &pm,
        faro_app::board::api::UpdateCard {
            project: shop,
            card: faro_app::board::CardId(card),
            version,
            title: Default::default(),
            body: Default::default(),
            assignee: Default::default(),
            due_on: Default::default(),
            labels: Default::default(),
            visibility: faro_app::patch::Patch::Set("internal".into()),
            milestone: Default::default(),
        },
    )
    .await
    .unwrap();
    app.run(
        &pm,
        on_card("Nota interna: el presupuesto no da para esto.", false),
    )
    .await
    .unwrap();
    let messages = all_sent(&app, &sink).await;
    assert!(to(&messages, ANA).is_empty(), "{messages:#?}");
    assert!(
        messages
            .iter()
            .all(|m| !m.text().contains("presupuesto no da")),
        "the note reaches no one by mail"
    );
}

async fn a_summary_gathers_every_kind_and_its_one_link_stops_them_all(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let shop = project(&app, "Tienda online").await;
    for kind in ["sign_off_waiting", "mention"] {
        let choice = SetMailPreference {
            kind: kind.into(),
            delivery: "daily".into(),
        };
        app.run(&ana, choice).await.unwrap();
    }
    let (_, title) = complete_a_milestone(&app, &pm, shop).await;
    let update = latest_update(&app, shop).await;
    app.run(
        &pm,
        comment_on(shop, update, "@Ana García mira el hito, por favor"),
    )
    .await
    .unwrap();
    assert!(all_sent(&app, &sink).await.is_empty(), "nothing right away");

    sqlx::query("UPDATE digest_schedule SET next_at = 0")
        .execute(&app.pool)
        .await
        .unwrap();
    let messages = sink.wait_for(1, Duration::from_secs(20)).await;
    assert_eq!(messages.len(), 1, "one summary: {messages:#?}");
    let digest = &messages[0];
    assert!(
        digest.header("subject").contains(": 2 new"),
        "{}",
        digest.header("subject")
    );
    let text = digest.text();
    assert!(text.contains(&format!("completed “{title}”")), "{text}");
    assert!(
        text.contains("mentioned you: “@Ana García mira el hito"),
        "{text}"
    );
    assert!(text.contains("To stop these emails:"), "{text}");

    // Its link is about summaries; the mail program's one click stops both kinds.
    let header = digest.header("list-unsubscribe");
    let address = header
        .trim_start_matches('<')
        .trim_end_matches('>')
        .to_string();
    let token = address.rsplit('/').next().unwrap().to_string();
    let details = app
        .run(
            &ana,
            GetUnsubscribe {
                token: token.clone(),
            },
        )
        .await
        .unwrap();
    assert_eq!(details.kind, MailKind::Digest);
    assert!(!details.off);
    let clicked = app
        .browser()
        .post(&address)
        .form(&[("List-Unsubscribe", "One-Click")])
        .send()
        .await
        .unwrap();
    assert_eq!(clicked.status(), 200);
    let preferences = app.run(&ana, GetMailPreferences {}).await.unwrap();
    for preference in &preferences {
        let expected = match preference.kind {
            MailKind::SignOffWaiting | MailKind::Mention => Delivery::Off,
            _ => Delivery::Immediately,
        };
        assert_eq!(preference.delivery, expected, "{preferences:?}");
    }
    assert!(app.run(&ana, GetUnsubscribe { token }).await.unwrap().off);
}

async fn a_form_that_closes_before_its_mail_goes_is_not_asked_for(backend: Backend) {
    // No mail server yet: the messages wait in the outbox, as while a server is down.
    let app = TestApp::spawn_with_demo(backend).await;
    let pm = app.signed_in(PM).await;
    let ana = app.signed_in(ANA).await;
    let carla = second_shop_client(&app).await;
    let shop = project(&app, "Tienda online").await;
    // Carla reads about forms in her weekly summary; Ana gets each right away.
    let weekly = SetMailPreference {
        kind: "form_waiting".into(),
        delivery: "weekly".into(),
    };
    app.run(&carla, weekly).await.unwrap();
    let send = |template: &str, days: &str| SendForm {
        project: shop,
        template: template.into(),
        language: "en".into(),
        days: days.into(),
    };
    let kept: FormId = app.run(&pm, send("project_close", "14")).await.unwrap();
    let closed: FormId = app
        .run(&pm, send("milestone_check_in", "14"))
        .await
        .unwrap();
    // A milestone's approval sends its check-in; Carla asks for changes, which closes it.
    let (milestone, _) = complete_a_milestone(&app, &pm, shop).await;
    app.run(&ana, sign_off(&app, shop, milestone, "approved", "").await)
        .await
        .unwrap();
    let withdrawn = FormId(count(&app, "SELECT MAX(id) FROM feedback_forms").await);
    assert!(withdrawn != kept && withdrawn != closed);
    let comment = "The card form rejects Amex.";
    let changes = sign_off(&app, shop, milestone, "changes_requested", comment).await;
    app.run(&carla, changes).await.unwrap();
    // The PM closes one form by hand, from two tabs at the same instant.
    let close = CloseForm {
        project: shop,
        form: closed,
    };
    let answers = futures::future::join(app.run(&pm, close.clone()), app.run(&pm, close)).await;
    assert!(answers.0.is_ok() && answers.1.is_ok(), "{answers:?}");

    // The mail server is back: only the form that still takes answers is asked for.
    let sink = SmtpSink::start();
    let mail = sink.settings("node-a");
    mail.send_due(&app.pool).await.unwrap();
    let messages = sink.wait_for(1, Duration::from_secs(10)).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    let asked = of_kind(&sink.messages(), MailKind::FormWaiting);
    assert_eq!(asked.len(), 1, "{messages:#?}");
    assert_eq!(asked[0].envelope_to, vec![ANA]);
    assert!(asked[0]
        .link(&format!("{}/forms/{}", app.address, kept.0))
        .is_some());
    // The owner sees why the other two did not go, and cannot send them again.
    let owner = app.signed_in("owner@demo.test").await;
    let page = app.run(&owner, ListMail {}).await.unwrap();
    let mut statuses: Vec<MailStatus> = page
        .messages
        .iter()
        .filter(|m| m.kind == MailKind::FormWaiting && m.recipient == ANA)
        .map(|m| m.status)
        .collect();
    statuses.sort_by_key(|s| s.as_str());
    assert_eq!(
        statuses,
        [MailStatus::Expired, MailStatus::Expired, MailStatus::Sent]
    );

    // Carla's summary, a week on (the open form still has a week to go), tells of it only.
    const DAY: i64 = 24 * 3600 * 1000;
    let week_on = faro_app::ids::Timestamp(faro_app::ids::Timestamp::now().0 + 7 * DAY);
    let gathered = faro_app::notifications::digest::gather_due(&app.pool, &app.address, week_on);
    assert_eq!(gathered.await.unwrap(), 1);
    // (Queued for that day: the owner's mail page shows it.)
    let page = app.run(&owner, ListMail {}).await.unwrap();
    let digest: Vec<_> = page
        .messages
        .iter()
        .filter(|m| m.kind == MailKind::Digest && m.recipient == "carla@cliente-uno.test")
        .collect();
    assert_eq!(digest.len(), 1);
    let text = &digest[0].text_body;
    assert!(text.contains(&format!("/forms/{}", kept.0)), "{text}");
    for gone in [closed, withdrawn] {
        assert!(!text.contains(&format!("/forms/{}", gone.0)), "{text}");
    }

    // A form whose day passes before the summary goes is not in it either.
    let short: FormId = app.run(&pm, send("project_close", "1")).await.unwrap();
    let closes_at = count(
        &app,
        &format!(
            "SELECT closes_at FROM feedback_forms WHERE id = {}",
            short.0
        ),
    )
    .await;
    let after = faro_app::ids::Timestamp(closes_at + 14 * DAY);
    let gathered = faro_app::notifications::digest::gather_due(&app.pool, &app.address, after);
    assert_eq!(gathered.await.unwrap(), 0, "nothing left to tell");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM digest_items").await, 0);
    // And its message to Ana carries the form's closing as its end.
    let expires_at = count(
        &app,
        &format!(
            "SELECT expires_at FROM outbox WHERE kind = 'form_waiting' AND thread = '/forms/{}'",
            short.0
        ),
    )
    .await;
    assert_eq!(expires_at, closes_at);
}
