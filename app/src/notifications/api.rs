//! Server functions of `/admin/mail`: the organization's outgoing mail, and sending a dead
//! message again. Owners only.

use super::MailPage;
use crate::error::AppError;
use leptos::prelude::*;

#[cfg(feature = "ssr")]
use {
    super::db::Again,
    crate::accounts::{policy::Action, session},
    crate::calendar::DueDate,
    crate::error::{with_status, Problem},
    crate::ids::Timestamp,
};

/// Whether this Faro sends email (an SMTP server is configured). The server puts it in every
/// request's context; without it, messages wait in the outbox and `/admin/mail` shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sending(pub bool);

/// The organization's newest messages, with where each stands.
#[server(prefix = "/api", endpoint = "mail/list_mail")]
pub async fn list_mail() -> Result<MailPage, AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ReadMail).await?;
            let pool = crate::db::pool()?;
            let (_, _, _, time_zone) =
                crate::accounts::settings::db::find_settings(&pool, actor.id).await?;
            let now = Timestamp::now();
            let sending = crate::request::context::<Sending>().unwrap_or_default().0;
            let rows = super::db::list(&pool, actor.organization_id, super::PAGE_SIZE).await?;
            let messages = rows
                .into_iter()
                .map(|row| {
                    let status =
                        super::MailStatus::parse(&row.status).unwrap_or(super::MailStatus::Queued);
                    let kind = super::MailKind::parse(&row.kind).unwrap_or(super::MailKind::Test);
                    // A sign-in link is the client's alone: once Faro emails it, an owner
                    // reading the outbox could otherwise sign in as them. (Without a mail
                    // server, the owner is how it reaches them, as for invitations.)
                    let text_body = if sending && kind == super::MailKind::SignInLink {
                        String::new()
                    } else {
                        row.text_body
                    };
                    super::MailRow {
                        id: row.id,
                        kind,
                        recipient: row.recipient,
                        subject: row.subject,
                        text_body,
                        status,
                        attempts: row.attempts,
                        retry_in_minutes: (status == super::MailStatus::Queued && row.attempts > 0)
                            .then(|| ((row.next_attempt_at.0 - now.0).max(0) + 59_999) / 60_000),
                        last_answer: row.last_answer,
                        created_on: DueDate::day_of(&time_zone, row.created_at),
                        sent_on: row.sent_at.map(|at| DueDate::day_of(&time_zone, at)),
                    }
                })
                .collect();
            let base = crate::request::public_link("");
            Ok(MailPage {
                messages,
                sending,
                base,
            })
        }
        .await,
    )
}

/// Queues a dead message again, with a fresh count of attempts. One that is no longer dead (sent
/// again already, by a double click or another owner), or another organization's, answers
/// `NotFound`; one whose link has expired is refused; nothing changes in either case.
#[server(prefix = "/api", endpoint = "mail/send_again")]
pub async fn send_again(id: i64) -> Result<(), AppError> {
    with_status(
        async {
            let actor = session::authorize(Action::ReadMail).await?;
            let pool = crate::db::pool()?;
            match super::db::send_again(&pool, actor.organization_id, id, Timestamp::now()).await? {
                Again::Queued => {
                    if crate::request::wants_html() {
                        leptos_axum::redirect("/admin/mail");
                    }
                    Ok(())
                }
                Again::LinkExpired => Err(AppError::invalid("id", Problem::MailLinkExpired)),
                Again::NotDead => Err(AppError::NotFound),
            }
        }
        .await,
    )
}
