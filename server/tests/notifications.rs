//! Stories about notification mail: publishing a status update emails the project's client
//! members (real SMTP on loopback), each in their language, with a direct link and a way out;
//! the one-click unsubscribe (RFC 8058) turns that mail off for that person only, and a changed
//! link changes nothing; `/account` turns it off and on again; publishing twice at the same
//! instant mails once.

mod common;

use common::smtp::{all_sent, mailing_app, to, Received, SmtpSink};
use common::{count, project_named as project, TestApp};
use faro_app::error::AppError;
use faro_app::notifications::preferences::api::{
    GetMailPreferences, GetUnsubscribe, SetMailPreference,
};
use faro_app::notifications::preferences::Delivery;
use faro_app::notifications::MailKind;
use faro_app::projects::ProjectId;
use faro_app::updates::api::{PublishUpdate, SaveUpdate};
use faro_app::updates::UpdateId;
use faro_server::database::Backend;
use std::time::Duration;

on_both_databases!(
    publishing_an_update_emails_the_projects_clients_with_a_link_and_a_way_out,
    one_click_unsubscribes_that_person_from_that_mail_and_a_changed_link_changes_nothing,
    a_client_turns_update_mail_off_and_on_from_their_account,
    a_daily_digest_collects_the_day_for_one_person_at_her_local_hour,
);

on_both_databases_at_once!(publishing_twice_at_the_same_instant_mails_once);

const WAIT: Duration = Duration::from_secs(20);

/// A new draft of an update on `project`, at risk.
fn draft(project: ProjectId, summary: &str) -> SaveUpdate {
    SaveUpdate {
        project,
        update: None,
        version: 0,
        health: "at_risk".into(),
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

/// Drafts an update on `project` as `who` and publishes it; answers its id.
async fn publish(
    app: &TestApp,
    who: &reqwest::Client,
    project: ProjectId,
    summary: &str,
) -> UpdateId {
    let id = app
        .run(who, draft(project, summary))
        .await
        .expect("a draft");
    let version = count(
        app,
        &format!("SELECT version FROM status_updates WHERE id = {}", id.0),
    )
    .await;
    app.run(
        who,
        PublishUpdate {
            project,
            update: id,
            version,
        },
    )
    .await
    .expect("published");
    id
}

async fn set_locale(app: &TestApp, email: &str, locale: &str) {
    sqlx::query("UPDATE users SET locale = $1 WHERE email = $2")
        .bind(locale)
        .bind(email)
        .execute(&app.pool)
        .await
        .unwrap();
}

/// The `List-Unsubscribe` address of a message, without its angle brackets.
fn unsubscribe_address(message: &Received) -> String {
    let header = message.header("list-unsubscribe");
    assert!(header.starts_with('<') && header.ends_with('>'), "{header}");
    header[1..header.len() - 1].to_string()
}

async fn publishing_an_update_emails_the_projects_clients_with_a_link_and_a_way_out(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    set_locale(&app, "ana@cliente-uno.test", "es").await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let update = publish(&app, &pm, shop, "El pago con Bizum ya funciona").await;

    let messages = all_sent(&app, &sink).await;
    assert_eq!(
        messages.len(),
        1,
        "only the project's client: {messages:#?}"
    );
    let message = &messages[0];
    assert_eq!(message.envelope_to, vec!["ana@cliente-uno.test"]);
    assert_eq!(
        message.header("subject"),
        "Tienda online: nueva actualización de estado"
    );
    assert!(
        message.text().contains("Pablo Martín ha publicado"),
        "{}",
        message.text()
    );
    assert!(
        message
            .text()
            .contains("En riesgo — El pago con Bizum ya funciona"),
        "the health in her words, and the summary: {}",
        message.text()
    );
    let link = message
        .link(&format!(
            "{}/projects/{}/updates/{}",
            app.address, shop, update.0
        ))
        .expect("a direct link to the update");
    assert_eq!(
        message.header("list-unsubscribe-post"),
        "List-Unsubscribe=One-Click"
    );
    let way_out = unsubscribe_address(message);
    assert!(
        way_out.starts_with(&format!("{}/unsubscribe/", app.address)),
        "{way_out}"
    );
    assert!(message.text().contains(&way_out), "the footer has it too");

    // The link leads Ana, signed in, to the update.
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let (status, page) = app.page(&ana, &link.replace(&app.address, "")).await;
    assert_eq!(status, 200);
    assert!(page.contains("El pago con Bizum ya funciona"), "{page}");

    // Saving a draft mails nobody.
    let before = sink.messages().len();
    app.run(&pm, draft(shop, "Borrador")).await.unwrap();
    assert_eq!(all_sent(&app, &sink).await.len(), before);
}

async fn one_click_unsubscribes_that_person_from_that_mail_and_a_changed_link_changes_nothing(
    backend: Backend,
) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let brand = project(&app, "Brand refresh").await;
    publish(&app, &pm, shop, "First").await;
    publish(&app, &pm, brand, "First for Ben").await;
    let messages = all_sent(&app, &sink).await;
    let ana_way_out = unsubscribe_address(&to(&messages, "ana@cliente-uno.test")[0]);
    let ben_way_out = unsubscribe_address(&to(&messages, "ben@client-two.test")[0]);
    let path = |url: &str| url.replace(&app.address, "");

    // Opening the page (as a mail scanner would) names the mail and the person, and changes
    // nothing.
    let (status, page) = app.page(&app.browser(), &path(&ana_way_out)).await;
    assert_eq!(status, 200);
    assert!(page.contains("ana@cliente-uno.test"), "{page}");
    assert!(page.contains("new status updates"), "{page}");

    // Ben's token with Ana's number, or a signature cut short: refused, nothing changes.
    let ben_token = ben_way_out.rsplit('/').next().unwrap().to_string();
    let ana_id = ana_way_out
        .rsplit('/')
        .next()
        .unwrap()
        .split('.')
        .next()
        .unwrap()
        .to_string();
    let forged = format!("{ana_id}{}", &ben_token[ben_token.find('.').unwrap()..]);
    let cut = &ben_token[..ben_token.len() - 3];
    for bad in [forged.as_str(), cut, "1.update_published.AAAA", "nonsense"] {
        let response = app
            .browser()
            .post(app.url(&format!("/unsubscribe/{bad}")))
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 404, "{bad}");
        assert_eq!(
            app.run(
                &app.browser(),
                GetUnsubscribe {
                    token: bad.to_string()
                }
            )
            .await
            .map_err(|(_, e)| e)
            .err(),
            Some(AppError::LinkExpired)
        );
    }
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM mail_preferences WHERE user_id IN
             (SELECT id FROM users WHERE email = 'ana@cliente-uno.test')"
        )
        .await,
        0
    );

    // The mail program's one-click POST: no cookies, the form RFC 8058 prescribes.
    let response = reqwest::Client::new()
        .post(&ana_way_out)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let details = app
        .run(
            &app.browser(),
            GetUnsubscribe {
                token: ana_way_out.rsplit('/').next().unwrap().to_string(),
            },
        )
        .await
        .unwrap();
    assert!(details.off);
    assert_eq!(details.kind, MailKind::UpdatePublished);

    // The next updates reach Ben, not Ana; her account mail still comes.
    let before = sink.messages().len();
    publish(&app, &pm, shop, "Second").await;
    publish(&app, &pm, brand, "Second for Ben").await;
    let messages = all_sent(&app, &sink).await;
    let new: Vec<_> = messages[before..].to_vec();
    assert!(to(&new, "ana@cliente-uno.test").is_empty(), "{new:#?}");
    assert_eq!(to(&new, "ben@client-two.test").len(), 1);
}

async fn a_client_turns_update_mail_off_and_on_from_their_account(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;

    let preferences = app.run(&ana, GetMailPreferences {}).await.unwrap();
    let kinds: Vec<MailKind> = preferences.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        MailKind::NOTIFICATIONS,
        "a client chooses about every kind"
    );
    assert!(
        preferences
            .iter()
            .all(|p| p.delivery == Delivery::Immediately),
        "on by default"
    );
    let staff: Vec<MailKind> = app
        .run(&pm, GetMailPreferences {})
        .await
        .unwrap()
        .iter()
        .map(|p| p.kind)
        .collect();
    assert_eq!(
        staff,
        [MailKind::Mention],
        "staff choose about mentions only"
    );

    let set = |kind: &str, delivery: &str| SetMailPreference {
        kind: kind.into(),
        delivery: delivery.into(),
    };
    app.run(&ana, set("update_published", "off")).await.unwrap();
    publish(&app, &pm, shop, "Quiet").await;
    assert!(all_sent(&app, &sink).await.is_empty());

    // Account mail is no choice; a kind staff do not get, an unknown delivery: refused.
    for (who, call) in [
        (&ana, set("password_link", "off")),
        (&ana, set("update_published", "hourly")),
        (&pm, set("update_published", "off")),
    ] {
        let refused = app.run(who, call).await.unwrap_err();
        assert_eq!(refused.0, 422, "{refused:?}");
    }
    // Not signed in: refused.
    assert_eq!(
        app.run(&app.browser(), set("update_published", "off"))
            .await
            .unwrap_err()
            .0,
        401
    );

    app.run(&ana, set("update_published", "immediately"))
        .await
        .unwrap();
    publish(&app, &pm, shop, "Loud").await;
    let messages = all_sent(&app, &sink).await;
    assert_eq!(to(&messages, "ana@cliente-uno.test").len(), 1);
    assert!(messages[0].text().contains("Loud"));
}

async fn publishing_twice_at_the_same_instant_mails_once(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    let owner = app.signed_in("owner@demo.test").await;
    let shop = project(&app, "Tienda online").await;
    let id = app.run(&pm, draft(shop, "Double click")).await.unwrap();
    let call = PublishUpdate {
        project: shop,
        update: id,
        version: count(
            &app,
            &format!("SELECT version FROM status_updates WHERE id = {}", id.0),
        )
        .await,
    };
    let answers = futures::future::join_all((0..8).map(|i| {
        let who = if i % 2 == 0 { &pm } else { &owner };
        app.run(who, call.clone())
    }))
    .await;
    assert!(answers.iter().all(Result::is_ok), "{answers:?}");
    assert_eq!(
        count(
            &app,
            "SELECT COUNT(*) FROM outbox WHERE kind = 'update_published'"
        )
        .await,
        1
    );
    assert_eq!(all_sent(&app, &sink).await.len(), 1);
}

async fn a_daily_digest_collects_the_day_for_one_person_at_her_local_hour(backend: Backend) {
    let sink = SmtpSink::start();
    let app = mailing_app(backend, &sink).await;
    let pm = app.signed_in("pm@demo.test").await;
    let ana = app.signed_in("ana@cliente-uno.test").await;
    let shop = project(&app, "Tienda online").await;
    // Mexico City: six hours behind UTC all year (no daylight saving since 2022).
    sqlx::query(
        "UPDATE users SET timezone = 'America/Mexico_City' WHERE email = 'ana@cliente-uno.test'",
    )
    .execute(&app.pool)
    .await
    .unwrap();
    app.run(
        &ana,
        SetMailPreference {
            kind: "update_published".into(),
            delivery: "daily".into(),
        },
    )
    .await
    .unwrap();

    let before = faro_app::ids::Timestamp::now().0;
    publish(&app, &pm, shop, "Bizum works").await;
    publish(&app, &pm, shop, "Shipping rates are live").await;
    assert!(all_sent(&app, &sink).await.is_empty(), "nothing right away");
    assert_eq!(count(&app, "SELECT COUNT(*) FROM digest_items").await, 2);

    // Due at the next 8:00 in Mexico City, 14:00 UTC, within a day.
    let due = count(&app, "SELECT next_at FROM digest_schedule").await;
    assert!(due > before && due <= before + 24 * 3_600_000, "{due}");
    assert_eq!(due % 86_400_000, 14 * 3_600_000, "8:00 in her timezone");

    // That hour comes.
    sqlx::query("UPDATE digest_schedule SET next_at = next_at - 86400000")
        .execute(&app.pool)
        .await
        .unwrap();
    let started = std::time::Instant::now();
    while sink.messages().is_empty() {
        assert!(started.elapsed() < WAIT, "no summary came");
        tokio::time::sleep(Duration::from_millis(30)).await;
    }
    let messages = all_sent(&app, &sink).await;
    assert_eq!(messages.len(), 1, "one summary: {messages:#?}");
    let digest = &messages[0];
    assert_eq!(digest.envelope_to, vec!["ana@cliente-uno.test"]);
    assert!(
        digest
            .header("subject")
            .starts_with("Your daily summary from Lighthouse Studio: 2 new"),
        "{}",
        digest.header("subject")
    );
    let text = digest.text();
    let project_at = text
        .find("Tienda online")
        .expect("grouped under the project");
    let first = text.find("Bizum works").expect("the first update");
    let second = text
        .find("Shipping rates are live")
        .expect("the second update");
    assert!(project_at < first && first < second, "{text}");
    assert!(text.contains(&format!("{}/projects/{}/updates/", app.address, shop)));
    assert!(digest.header("list-unsubscribe").contains("/unsubscribe/"));

    // Gathered once; the next one is due at the next 8:00 there.
    assert_eq!(count(&app, "SELECT COUNT(*) FROM digest_items").await, 0);
    let next = count(&app, "SELECT next_at FROM digest_schedule").await;
    assert!(next > faro_app::ids::Timestamp::now().0);
    assert_eq!(next % 86_400_000, 14 * 3_600_000);
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) FROM outbox WHERE kind = 'digest'").await,
        1
    );
}
