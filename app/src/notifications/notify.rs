//! Who hears of what by email (server only): the notification messages a change queues, in the
//! transaction of that change, for the people who want them (right away, or as a line of their
//! next digest). Each kind is one hook below, called by the feature that makes the change; all
//! of them go through [`notify`].

use super::compose::{self, Reader, Said};
use super::preferences::Delivery;
use super::signing::{signing_key, unsubscribe_token};
use super::MailKind;
use crate::accounts::UserId;
use crate::db::Tx;
use crate::i18n::Locale;
use crate::ids::Timestamp;
use crate::projects::{Health, ProjectId};

/// Who, among the people of a project, a notification is for.
pub enum Audience<'a> {
    /// Its client members.
    Clients,
    /// These people of the project's organization (the caller checked they may see the thing).
    People(&'a [UserId]),
}

/// A change worth an email: its kind, its project, the page it is about and for whom.
pub struct Notice<'a> {
    pub kind: MailKind,
    pub project: ProjectId,
    /// The page it is about (`/projects/1/updates/4`), made absolute for the message.
    pub path: &'a str,
    pub audience: Audience<'a>,
    /// When what it asks for stops being possible (a feedback form's closing): a message not
    /// sent by then is not sent, a digest line not gathered by then is dropped.
    pub expires_at: Option<Timestamp>,
}

#[derive(sqlx::FromRow)]
struct Recipient {
    id: UserId,
    email: String,
    locale: Option<String>,
    timezone: String,
    delivery: String,
}

/// Queues, in `tx`, the mail of `notice` for each person of its audience, in their language
/// (`say` writes it for each [`Reader`]): a message for those who
/// want that kind right away, a line of their next digest for those who want a summary,
/// nothing for those who turned it off. Answers who was told (now or in a summary).
pub async fn notify(
    tx: &mut Tx,
    notice: &Notice<'_>,
    say: impl Fn(&Reader<'_>) -> Said,
    now: Timestamp,
) -> Result<Vec<UserId>, sqlx::Error> {
    let who = match notice.audience {
        Audience::Clients => "u.role = 'client' AND EXISTS (SELECT 1 FROM project_members m
                                  WHERE m.project_id = $1 AND m.user_id = u.id)"
            .to_string(),
        Audience::People([]) => return Ok(Vec::new()),
        Audience::People(people) => format!(
            "u.id IN ({})",
            crate::db::id_list(people.iter().map(|p| p.0))
        ),
    };
    let recipients: Vec<Recipient> = sqlx::query_as(&format!(
        "SELECT u.id, u.email, u.locale, u.timezone,
                COALESCE(mp.delivery, 'immediately') AS delivery
         FROM users u
         JOIN projects p ON p.id = $1 AND p.organization_id = u.organization_id
         LEFT JOIN mail_preferences mp ON mp.user_id = u.id AND mp.kind = $2
         WHERE {who} AND COALESCE(mp.delivery, 'immediately') <> 'off'
         ORDER BY u.id"
    ))
    .bind(notice.project)
    .bind(notice.kind.as_str())
    .fetch_all(&mut **tx)
    .await?;
    if recipients.is_empty() {
        return Ok(Vec::new());
    }
    let (project, organization_id, organization): (String, i64, String) = sqlx::query_as(
        "SELECT p.name, o.id, o.name FROM projects p JOIN organizations o ON o.id = p.organization_id
         WHERE p.id = $1",
    )
    .bind(notice.project)
    .fetch_one(&mut **tx)
    .await?;
    let key = signing_key(tx).await?;
    let link = crate::request::public_link(notice.path);
    let told = recipients.iter().map(|person| person.id).collect();
    for person in recipients {
        let locale = person
            .locale
            .as_deref()
            .and_then(Locale::from_tag)
            .unwrap_or_default();
        let said = say(&Reader {
            locale,
            time_zone: &person.timezone,
            project: &project,
        });
        let delivery = Delivery::parse(&person.delivery).unwrap_or(Delivery::Immediately);
        if matches!(delivery, Delivery::Daily | Delivery::Weekly) {
            let item = super::digest::Item {
                user: person.id,
                cadence: delivery,
                kind: notice.kind,
                project: notice.project,
                project_name: &project,
                line: &said.digest_line,
                link: &link,
                thread: notice.path,
                expires_at: notice.expires_at,
            };
            super::digest::add(tx, &item, &person.timezone, now).await?;
            continue;
        }
        let token = unsubscribe_token(&key, person.id, notice.kind);
        let unsubscribe = crate::request::public_link(&format!("/unsubscribe/{token}"));
        let mut message = compose::notification(
            notice.kind,
            locale,
            &person.email,
            &compose::Sender {
                organization_id: crate::accounts::OrganizationId(organization_id),
                organization: &organization,
            },
            &said,
            &link,
            &unsubscribe,
        );
        // What it is about, so that it can be withdrawn (see `withdraw`), and until when.
        message.thread = notice.path.to_string();
        message.expires_at = notice.expires_at;
        super::db::enqueue(tx, &message, now).await?;
    }
    Ok(told)
}

/// A status update just published, as its mail tells of it.
pub struct PublishedUpdate<'a> {
    pub project: ProjectId,
    pub update: i64,
    pub summary: &'a str,
    pub health: Health,
    pub asks_decision: bool,
    pub author: &'a str,
}

/// A status update was published: its project's clients hear of it.
pub async fn update_published(
    tx: &mut Tx,
    update: &PublishedUpdate<'_>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let path = format!("/projects/{}/updates/{}", update.project.0, update.update);
    let notice = Notice {
        kind: MailKind::UpdatePublished,
        project: update.project,
        path: &path,
        audience: Audience::Clients,
        expires_at: None,
    };
    notify(
        tx,
        &notice,
        |reader| {
            let news = compose::UpdateNews {
                author: update.author,
                summary: update.summary,
                health: update.health.name(reader.locale.strings()),
                asks_decision: update.asks_decision,
            };
            compose::update_published(reader, &news)
        },
        now,
    )
    .await
    .map(drop)
}

/// Staff completed milestone `milestone` (`title`): its project's clients are asked to sign
/// it off.
pub async fn sign_off_waiting(
    tx: &mut Tx,
    project: ProjectId,
    milestone: i64,
    title: &str,
    by: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let path = format!("/projects/{}/milestones/{milestone}", project.0);
    let notice = Notice {
        kind: MailKind::SignOffWaiting,
        project,
        path: &path,
        audience: Audience::Clients,
        expires_at: None,
    };
    notify(
        tx,
        &notice,
        |reader| compose::sign_off_waiting(reader, title, by),
        now,
    )
    .await
    .map(drop)
}

/// A feedback form (`form`, titled `title`, open until `closes_at`) was sent on `project`: its
/// clients are asked to answer it, by a message (or digest line) that is dropped if the form
/// closes before it goes.
pub async fn form_waiting(
    tx: &mut Tx,
    project: ProjectId,
    form: i64,
    title: &str,
    closes_at: Timestamp,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let path = format!("/forms/{form}");
    let notice = Notice {
        kind: MailKind::FormWaiting,
        project,
        path: &path,
        audience: Audience::Clients,
        expires_at: Some(closes_at),
    };
    notify(
        tx,
        &notice,
        |reader| {
            // The last day it is open, in the person's calendar.
            let last_day =
                crate::calendar::DueDate::day_of(reader.time_zone, Timestamp(closes_at.0 - 1));
            let closes_on = last_day.in_words(reader.locale.strings());
            compose::form_waiting(reader, title, &closes_on)
        },
        now,
    )
    .await
    .map(drop)
}

/// Feedback form `form` closed before its day (staff closed it, or the sign-off that sent it
/// was withdrawn): the mail asking for it that has not gone yet does not go.
pub async fn form_closed(tx: &mut Tx, form: i64, now: Timestamp) -> Result<(), sqlx::Error> {
    withdraw(tx, MailKind::FormWaiting, &format!("/forms/{form}"), now).await
}

/// The unsent notifications of `kind` about the page `path` stop at `now`: queued or given-up
/// messages expire, and the lines waiting for a digest are dropped. A message a node is sending
/// at this moment (its claim still runs) only gets `now` as its end: the node finds it so when
/// it renews its claim before sending, and it is marked expired once the claim lapses; a node
/// already past that point records it sent, as it was.
async fn withdraw(
    tx: &mut Tx,
    kind: MailKind,
    path: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        // (Every expression reads the row as it was.)
        "UPDATE outbox
         SET expires_at = $1,
             status = CASE WHEN claimed_until IS NULL OR claimed_until <= $1
                           THEN 'expired' ELSE status END,
             claimed_by = CASE WHEN claimed_until IS NULL OR claimed_until <= $1
                               THEN NULL ELSE claimed_by END,
             claimed_until = CASE WHEN claimed_until IS NULL OR claimed_until <= $1
                                  THEN NULL ELSE claimed_until END
         WHERE status IN ('queued', 'dead') AND kind = $2 AND thread = $3",
    )
    .bind(now)
    .bind(kind.as_str())
    .bind(path)
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM digest_items WHERE thread = $1 AND kind = $2")
        .bind(path)
        .bind(kind.as_str())
        .execute(&mut **tx)
        .await
        .map(drop)
}

/// Staff answered the questions `asked` (each its author and text) on the page `path` of
/// `project`: `answer` is their reply, or none when they marked the question answered without
/// one. Each author hears of their own question. Answers who was told.
pub async fn questions_answered(
    tx: &mut Tx,
    project: ProjectId,
    path: &str,
    asked: &[(UserId, String)],
    by: &str,
    answer: Option<&str>,
    now: Timestamp,
) -> Result<Vec<UserId>, sqlx::Error> {
    let mut told = Vec::new();
    for (author, question) in asked {
        let notice = Notice {
            kind: MailKind::QuestionAnswered,
            project,
            path,
            audience: Audience::People(std::slice::from_ref(author)),
            expires_at: None,
        };
        let once = notify(
            tx,
            &notice,
            |reader| compose::question_answered(reader, by, question, answer),
            now,
        )
        .await?;
        told.extend(once);
    }
    Ok(told)
}

/// `people` were named in a comment (`body`) by `by`, on the page `path` of `project`.
pub async fn mentioned(
    tx: &mut Tx,
    project: ProjectId,
    path: &str,
    people: &[UserId],
    by: &str,
    body: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    if people.is_empty() {
        return Ok(());
    }
    let notice = Notice {
        kind: MailKind::Mention,
        project,
        path,
        audience: Audience::People(people),
        expires_at: None,
    };
    notify(
        tx,
        &notice,
        |reader| compose::mention(reader, by, body),
        now,
    )
    .await
    .map(drop)
}
