//! `/admin/mail`: the organization's outgoing mail for its owners — what waits, what went, what
//! could not be delivered and why, with the links of each message clickable (without an SMTP
//! server, that is how people get their invitations).

use super::api::{list_mail, SendAgain};
use super::{split_links, MailKind, MailRow, MailStatus};
use crate::error::AppError;
use crate::i18n::view::use_strings;
use crate::i18n::Strings;
use crate::ui::form::FormError;
use crate::ui::{EmptyState, ErrorPanel, Loading, PageTitle};
use leptos::prelude::*;

#[component]
pub fn MailPage() -> impl IntoView {
    let t = use_strings();
    let again = ServerAction::<SendAgain>::new();
    let page = Resource::new(move || again.version().get(), |_| list_mail());
    let error = Signal::derive(move || again.value().get().and_then(Result::err));
    view! {
        <PageTitle text=|t| t.mail_title />
        <header class="page-header">
            <h1>{move || t.get().mail_title}</h1>
            <p class="page-intro">{move || t.get().mail_intro}</p>
        </header>
        <FormError error id="mail-error" />
        <Transition fallback=Loading>
            {move || Suspend::new(async move {
                match page.await {
                    Ok(page) => {
                        let note = (!page.sending)
                            .then(|| view! { <p class="notice">{move || t.get().mail_not_sending}</p> });
                        let list = if page.messages.is_empty() {
                            view! {
                                <EmptyState
                                    title=Signal::derive(move || t.get().mail_empty_title)
                                    body=Signal::derive(move || t.get().mail_empty_body.to_string())
                                />
                            }
                                .into_any()
                        } else {
                            view! {
                                <ol class="mail-list">
                                    {page
                                        .messages
                                        .into_iter()
                                        .map(|message| {
                                            let base = page.base.clone();
                                            view! { <Message message base again /> }
                                        })
                                        .collect_view()}
                                </ol>
                            }
                                .into_any()
                        };
                        view! {
                            {note}
                            {list}
                        }
                            .into_any()
                    }
                    Err(AppError::Unauthenticated) => {
                        view! { <leptos_router::components::Redirect path="/login" /> }.into_any()
                    }
                    Err(error) => view! { <ErrorPanel error /> }.into_any(),
                }
            })}
        </Transition>
    }
}

fn status_text(t: &Strings, message: &MailRow) -> String {
    match message.status {
        MailStatus::Queued if message.attempts == 0 => t.mail_waiting.to_string(),
        MailStatus::Queued => {
            (t.mail_retrying)(message.attempts, message.retry_in_minutes.unwrap_or(0))
        }
        MailStatus::Sent => {
            (t.mail_sent_on)(message.sent_on.map(|d| d.in_words(t)).unwrap_or_default())
        }
        MailStatus::Dead => (t.mail_dead)(message.attempts),
        MailStatus::Superseded => t.mail_superseded.to_string(),
        MailStatus::Expired => t.mail_expired.to_string(),
    }
}

fn kind_text(t: &Strings, kind: MailKind) -> &'static str {
    match kind {
        MailKind::Invitation => t.mail_kind_invitation,
        MailKind::PasswordLink => t.mail_kind_password_link,
        MailKind::SignInLink => t.mail_kind_sign_in_link,
        MailKind::UpdatePublished => t.mail_kind_update_published,
        MailKind::Digest => t.mail_kind_digest,
        MailKind::SignOffWaiting => t.mail_kind_sign_off_waiting,
        MailKind::FormWaiting => t.mail_kind_form_waiting,
        MailKind::QuestionAnswered => t.mail_kind_question_answered,
        MailKind::Mention => t.mail_kind_mention,
        MailKind::Test => t.mail_kind_test,
    }
}

#[component]
fn Message(message: MailRow, base: String, again: ServerAction<SendAgain>) -> impl IntoView {
    let t = use_strings();
    let status_class = format!("mail-status mail-{}", message.status.as_str());
    // Only Faro's own links are made clickable: names in a message (a project's) are words.
    let ours = move |link: bool, piece: &str| link && piece.starts_with(&format!("{base}/"));
    let body = split_links(&message.text_body)
        .into_iter()
        .map(|(link, piece)| {
            if ours(link, piece) {
                view! { <a href=piece.to_string()>{piece.to_string()}</a> }.into_any()
            } else {
                piece.to_string().into_any()
            }
        })
        .collect_view();
    let links = split_links(&message.text_body)
        .into_iter()
        .filter(|(link, piece)| ours(*link, piece))
        .map(|(_, link)| view! { <li><a href=link.to_string()>{link.to_string()}</a></li> })
        .collect_view();
    let answer = message.last_answer.clone().map(|answer| {
        view! {
            <p class="mail-answer">
                <span class="mail-label">{move || t.get().mail_last_answer}</span>
                " "
                <code>{answer}</code>
            </p>
        }
    });
    let id = message.id;
    let resend = (message.status == MailStatus::Dead).then(|| {
        view! {
            <ActionForm action=again>
                <input type="hidden" name="id" value=id.to_string() />
                <button type="submit" disabled=move || again.pending().get()>
                    {move || t.get().mail_send_again}
                </button>
            </ActionForm>
        }
    });
    let message_for_status = message.clone();
    let created_on = message.created_on;
    view! {
        <li class="mail-message" id=format!("mail-{id}")>
            <div class="mail-head">
                <span class=status_class>{move || status_text(t.get(), &message_for_status)}</span>
                <span class="mail-kind">{move || kind_text(t.get(), message.kind)}</span>
                <span class="mail-date">{move || created_on.in_words(t.get())}</span>
            </div>
            <p class="mail-subject">{message.subject.clone()}</p>
            <p class="mail-to">
                <span class="mail-label">{move || t.get().mail_to}</span>
                " "
                {message.recipient.clone()}
            </p>
            <ul class="mail-links">{links}</ul>
            {if message.text_body.is_empty() {
                view! { <p class="field-hint">{move || t.get().mail_text_withheld}</p> }.into_any()
            } else {
                view! {
                    <details class="mail-body">
                        <summary>{move || t.get().mail_show_text}</summary>
                        <pre>{body}</pre>
                    </details>
                }
                    .into_any()
            }}
            {answer}
            {resend}
        </li>
    }
}
