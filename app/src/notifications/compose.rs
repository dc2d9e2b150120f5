//! What each message says, in the recipient's language (server only: these strings never reach
//! the browser bundle). Every message is plain text and HTML with inline styles and no remote
//! images, names the organization, and carries an absolute link to the thing it is about.

use super::db::Outgoing;
use super::MailKind;
use crate::accounts::OrganizationId;
use crate::i18n::Locale;
use crate::ids::Timestamp;
use crate::text::escape_html;

/// An invitation to join `project` of `organization`, sent by `inviter`. The link works until
/// `expires` (already written as the recipient reads dates).
pub struct Invitation<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
    pub project_id: crate::projects::ProjectId,
    pub project: &'a str,
    pub inviter: &'a str,
    pub link: &'a str,
    pub expires: &'a str,
    /// The same moment, for the outbox: an invitation not sent by then is not sent at all.
    pub expires_at: Timestamp,
}

pub fn invitation(locale: Locale, recipient: &str, m: &Invitation) -> Outgoing {
    let (subject, lines, button) = match locale {
        Locale::En => (
            format!("{} invites you to {} on Faro", m.organization, m.project),
            vec![
                format!(
                    "{} has invited you to follow the project {} with {} on Faro: its board, \
                     milestones and status updates, in one place.",
                    m.inviter, m.project, m.organization
                ),
                format!(
                    "Open the link to choose your name and password. It works once, until {}.",
                    m.expires
                ),
            ],
            "Accept the invitation",
        ),
        Locale::Es => (
            format!("{} te invita a {} en Faro", m.organization, m.project),
            vec![
                format!(
                    "{} te ha invitado a seguir el proyecto {} con {} en Faro: su tablero, sus \
                     hitos y sus novedades, en un solo lugar.",
                    m.inviter, m.project, m.organization
                ),
                format!(
                    "Abre el enlace para elegir tu nombre y tu contraseña. Sirve una vez, hasta el {}.",
                    m.expires
                ),
            ],
            "Aceptar la invitación",
        ),
    };
    let message = message(
        MailKind::Invitation,
        Some(m.organization_id),
        locale,
        recipient,
        m.organization,
        subject,
        &lines,
        (button, m.link),
        None,
    );
    Outgoing {
        expires_at: Some(m.expires_at),
        thread: m.project_id.0.to_string(),
        ..message
    }
}

/// A link to choose a new password, made by an owner of `organization` for `name`.
pub struct PasswordLink<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
    pub name: &'a str,
    pub link: &'a str,
    pub hours: i64,
    pub expires_at: Timestamp,
}

pub fn password_link(locale: Locale, recipient: &str, m: &PasswordLink) -> Outgoing {
    let (subject, lines, button) = match locale {
        Locale::En => (
            format!("Choose a new password for {} on Faro", m.organization),
            vec![
                format!("Hello {},", m.name),
                format!(
                    "someone at {} asked Faro for a link to choose a new password for your \
                     account. It works once, for {} hours. If you did not expect it, you can \
                     ignore this message: your password stays as it is.",
                    m.organization, m.hours
                ),
            ],
            "Choose a new password",
        ),
        Locale::Es => (
            format!("Elige una contraseña nueva para {} en Faro", m.organization),
            vec![
                format!("Hola, {}:", m.name),
                format!(
                    "alguien de {} ha pedido a Faro un enlace para elegir una contraseña nueva \
                     para tu cuenta. Sirve una vez, durante {} horas. Si no lo esperabas, puedes \
                     ignorar este mensaje: tu contraseña sigue como está.",
                    m.organization, m.hours
                ),
            ],
            "Elegir una contraseña nueva",
        ),
    };
    let message = message(
        MailKind::PasswordLink,
        Some(m.organization_id),
        locale,
        recipient,
        m.organization,
        subject,
        &lines,
        (button, m.link),
        None,
    );
    Outgoing {
        expires_at: Some(m.expires_at),
        ..message
    }
}

/// A link that signs a client in, which they asked for on the sign-in page.
pub struct SignInLink<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
    pub name: &'a str,
    pub link: &'a str,
    pub minutes: i64,
    pub expires_at: Timestamp,
}

pub fn sign_in_link(locale: Locale, recipient: &str, m: &SignInLink) -> Outgoing {
    let (subject, lines, button) = match locale {
        Locale::En => (
            format!("Your link to sign in to {} on Faro", m.organization),
            vec![
                format!("Hello {},", m.name),
                format!(
                    "here is the link you asked for to sign in to your projects with {}. It works \
                     once, for {} minutes. If you did not ask for it, you can ignore this message: \
                     nobody can sign in without it.",
                    m.organization, m.minutes
                ),
            ],
            "Sign in",
        ),
        Locale::Es => (
            format!("Tu enlace para entrar en {} en Faro", m.organization),
            vec![
                format!("Hola, {}:", m.name),
                format!(
                    "aquí tienes el enlace que has pedido para entrar en tus proyectos con {}. \
                     Sirve una vez, durante {} minutos. Si no lo has pedido, puedes ignorar este \
                     mensaje: nadie puede entrar sin él.",
                    m.organization, m.minutes
                ),
            ],
            "Entrar",
        ),
    };
    let message = message(
        MailKind::SignInLink,
        Some(m.organization_id),
        locale,
        recipient,
        m.organization,
        subject,
        &lines,
        (button, m.link),
        None,
    );
    Outgoing {
        expires_at: Some(m.expires_at),
        ..message
    }
}

/// The person a message is being written for: their language and timezone, and the project's
/// name.
pub struct Reader<'a> {
    pub locale: Locale,
    pub time_zone: &'a str,
    pub project: &'a str,
}

/// Who a notification comes from: the organization of the project.
pub struct Sender<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
}

/// What a notification says, in the reader's language: as a message of its own (`subject`,
/// `lines`, the `button` to the thing) and as one line of a digest.
pub struct Said {
    pub subject: String,
    pub lines: Vec<String>,
    pub button: &'static str,
    pub digest_line: String,
}

/// A notification sent right away: what it says, the link to the thing, and a last line with
/// the way out of that kind of mail (`unsubscribe`).
pub fn notification(
    kind: MailKind,
    locale: Locale,
    recipient: &str,
    from: &Sender,
    said: &Said,
    link: &str,
    unsubscribe: &str,
) -> Outgoing {
    let topic = super::preferences::topic(kind, locale.strings());
    message(
        kind,
        Some(from.organization_id),
        locale,
        recipient,
        from.organization,
        said.subject.clone(),
        &said.lines,
        (said.button, link),
        Some((&way_out(locale, topic), unsubscribe)),
    )
}

/// The last line of notification mail: why it comes, and the link that stops it.
fn way_out(locale: Locale, topic: &str) -> String {
    match locale {
        Locale::En => format!("Faro emails you about {topic}. To stop these emails:"),
        Locale::Es => format!("Faro te avisa por correo de {topic}. Para dejar de recibirlos:"),
    }
}

/// A status update, as its mail tells of it (the health already in the reader's words).
pub struct UpdateNews<'a> {
    pub author: &'a str,
    pub summary: &'a str,
    pub health: &'a str,
    /// Whether it asks the client to decide something.
    pub asks_decision: bool,
}

pub fn update_published(r: &Reader<'_>, m: &UpdateNews) -> Said {
    let (project, author, health, summary) = (r.project, m.author, m.health, m.summary);
    let mut said = match r.locale {
        Locale::En => Said {
            subject: format!("{project}: a new status update"),
            lines: vec![
                format!("{author} published a status update on {project}."),
                format!("{health} — {summary}"),
            ],
            button: "Read the update",
            digest_line: format!("{author} published a status update: {health} — {summary}"),
        },
        Locale::Es => Said {
            subject: format!("{project}: nueva actualización de estado"),
            lines: vec![
                format!("{author} ha publicado una actualización de estado en {project}."),
                format!("{health} — {summary}"),
            ],
            button: "Leer la actualización",
            digest_line: format!("{author} ha publicado una actualización: {health} — {summary}"),
        },
    };
    if m.asks_decision {
        said.lines.push(
            match r.locale {
                Locale::En => "It asks you to decide something.",
                Locale::Es => "Te pide que decidas algo.",
            }
            .to_string(),
        );
    }
    said
}

/// Milestone `title` was completed by `by` and waits for the reader's sign-off.
pub fn sign_off_waiting(r: &Reader<'_>, title: &str, by: &str) -> Said {
    let project = r.project;
    match r.locale {
        Locale::En => Said {
            subject: format!("{project}: “{title}” waits for your sign-off"),
            lines: vec![
                format!("{by} marked the milestone “{title}” of {project} as complete."),
                "Have a look, then approve it or ask for changes.".to_string(),
            ],
            button: "Review the milestone",
            digest_line: format!("{by} completed “{title}”: it waits for your sign-off"),
        },
        Locale::Es => Said {
            subject: format!("{project}: «{title}» espera tu aprobación"),
            lines: vec![
                format!("{by} ha marcado como completado el hito «{title}» de {project}."),
                "Revísalo y apruébalo, o pide cambios.".to_string(),
            ],
            button: "Revisar el hito",
            digest_line: format!("{by} ha completado «{title}»: espera tu aprobación"),
        },
    }
}

/// A feedback form (`title`) waits for the reader's answers until `closes_on` (their words).
pub fn form_waiting(r: &Reader<'_>, title: &str, closes_on: &str) -> Said {
    let project = r.project;
    match r.locale {
        Locale::En => Said {
            subject: format!("{project}: how is it going? A short form for you"),
            lines: vec![
                format!("How is {project} going for you? “{title}” takes a minute."),
                format!("It stays open until {closes_on}."),
            ],
            button: "Answer the form",
            digest_line: format!("A feedback form waits for your answers: “{title}”"),
        },
        Locale::Es => Said {
            subject: format!("{project}: ¿cómo va? Un formulario breve para ti"),
            lines: vec![
                format!("¿Cómo te está yendo {project}? «{title}» lleva un minuto."),
                format!("Está abierto hasta el {closes_on}."),
            ],
            button: "Responder el formulario",
            digest_line: format!("Un formulario de opinión espera tus respuestas: «{title}»"),
        },
    }
}

/// `by` answered the reader's `question` (an excerpt) with `answer` (an excerpt), or marked it
/// answered without writing one.
pub fn question_answered(r: &Reader<'_>, by: &str, question: &str, answer: Option<&str>) -> Said {
    let project = r.project;
    let mut said = match r.locale {
        Locale::En => Said {
            subject: format!("{project}: your question was answered"),
            lines: vec![
                format!("{by} answered your question on {project}:"),
                format!("“{question}”"),
            ],
            button: "Read the answer",
            digest_line: format!("{by} answered your question “{question}”"),
        },
        Locale::Es => Said {
            subject: format!("{project}: han respondido a tu pregunta"),
            lines: vec![
                format!("{by} ha respondido a tu pregunta en {project}:"),
                format!("«{question}»"),
            ],
            button: "Leer la respuesta",
            digest_line: format!("{by} ha respondido a tu pregunta «{question}»"),
        },
    };
    if let Some(answer) = answer {
        said.lines.push(format!("{by}: {answer}"));
    }
    said
}

/// `by` named the reader in a comment (`excerpt`).
pub fn mention(r: &Reader<'_>, by: &str, excerpt: &str) -> Said {
    let project = r.project;
    match r.locale {
        Locale::En => Said {
            subject: format!("{by} mentioned you on {project}"),
            lines: vec![
                format!("{by} mentioned you in a comment on {project}:"),
                format!("“{excerpt}”"),
            ],
            button: "Open the conversation",
            digest_line: format!("{by} mentioned you: “{excerpt}”"),
        },
        Locale::Es => Said {
            subject: format!("{by} te ha mencionado en {project}"),
            lines: vec![
                format!("{by} te ha mencionado en un comentario en {project}:"),
                format!("«{excerpt}»"),
            ],
            button: "Abrir la conversación",
            digest_line: format!("{by} te ha mencionado: «{excerpt}»"),
        },
    }
}

/// A digest: the lines gathered since the last one, grouped by project (name, then each line
/// with its link).
pub struct Digest<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
    pub weekly: bool,
    pub projects: &'a [(String, Vec<(String, String)>)],
    pub home: &'a str,
    pub unsubscribe: &'a str,
}

pub fn digest(locale: Locale, recipient: &str, m: &Digest) -> Outgoing {
    let count: usize = m.projects.iter().map(|(_, lines)| lines.len()).sum();
    let (subject, intro, button) = match (locale, m.weekly) {
        (Locale::En, weekly) => (
            format!(
                "Your {} summary from {}: {count} new",
                if weekly { "weekly" } else { "daily" },
                m.organization
            ),
            format!(
                "What happened on your projects with {} since your last summary:",
                m.organization
            ),
            "Open Faro",
        ),
        (Locale::Es, weekly) => (
            format!(
                "Tu resumen {} de {}: {count} novedades",
                if weekly { "semanal" } else { "diario" },
                m.organization
            ),
            format!(
                "Lo que ha pasado en tus proyectos con {} desde tu último resumen:",
                m.organization
            ),
            "Abrir Faro",
        ),
    };
    let mut paragraphs = vec![intro];
    for (project, lines) in m.projects {
        let mut block = project.to_string();
        for (line, link) in lines {
            block.push_str(&format!("\n• {line}\n  {link}"));
        }
        paragraphs.push(block);
    }
    message(
        MailKind::Digest,
        Some(m.organization_id),
        locale,
        recipient,
        m.organization,
        subject,
        &paragraphs,
        (button, m.home),
        Some((
            &way_out(
                locale,
                super::preferences::topic(MailKind::Digest, locale.strings()),
            ),
            m.unsubscribe,
        )),
    )
}

/// `faro mail test`: proves that the SMTP settings work.
pub fn test_message(recipient: &str, link: &str) -> Outgoing {
    message(
        MailKind::Test,
        None,
        Locale::En,
        recipient,
        "Faro",
        "Faro test message".to_string(),
        &["Faro can send email with these settings.".to_string()],
        ("Open Faro", link),
        None,
    )
}

/// The one shape of every message: the organization's name on top, the paragraphs, one button
/// (and the same link written out, for mail readers that show no HTML); for notification mail,
/// a last line with the way out (`unsubscribe`: the sentence, and its link).
#[allow(clippy::too_many_arguments)]
fn message(
    kind: MailKind,
    organization_id: Option<OrganizationId>,
    locale: Locale,
    recipient: &str,
    organization: &str,
    subject: String,
    paragraphs: &[String],
    (label, link): (&str, &str),
    unsubscribe: Option<(&str, &str)>,
) -> Outgoing {
    let mut text = String::new();
    for paragraph in paragraphs {
        text.push_str(paragraph);
        text.push_str("\n\n");
    }
    text.push_str(&format!("{label}:\n{link}\n\n-- \n{organization} · Faro\n"));
    let mut footer = String::new();
    if let Some((sentence, url)) = unsubscribe {
        text.push_str(&format!("{sentence}\n{url}\n"));
        footer = format!(
            "<p style=\"margin:16px 0 0;font-size:13px;color:#5b6770\">{} <a href=\"{}\" style=\"color:#5b6770\">{}</a></p>",
            escape_html(sentence),
            escape_html(url),
            escape_html(url),
        );
    }

    let mut body = String::new();
    for paragraph in paragraphs {
        body.push_str(&format!(
            "<p style=\"margin:0 0 16px;line-height:1.5\">{}</p>",
            escape_html(paragraph).replace('\n', "<br>")
        ));
    }
    let html = format!(
        "<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"margin:0;padding:24px;background:#f4f6f8;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1d2833\">\
         <div style=\"max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px\">\
         <p style=\"margin:0 0 20px;font-weight:600;color:#0b6e8a\">{org}</p>{body}\
         <p style=\"margin:24px 0\"><a href=\"{href}\" style=\"display:inline-block;background:#0b6e8a;color:#ffffff;text-decoration:none;padding:12px 20px;border-radius:6px;font-weight:600\">{label}</a></p>\
         <p style=\"margin:0;font-size:13px;color:#5b6770;word-break:break-all\">{href}</p>{footer}\
         </div></body></html>",
        lang = locale.code(),
        title = escape_html(&subject),
        org = escape_html(organization),
        href = escape_html(link),
        label = escape_html(label),
    );
    Outgoing {
        organization: organization_id,
        kind,
        recipient: recipient.to_string(),
        locale,
        subject,
        text,
        html,
        expires_at: None,
        unsubscribe_url: unsubscribe.map(|(_, url)| url.to_string()),
        thread: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(link: &str) -> Invitation<'_> {
        Invitation {
            organization_id: OrganizationId(1),
            organization: "Acme <Studio>",
            project_id: crate::projects::ProjectId(3),
            project: "Shop",
            inviter: "Pat",
            link,
            expires: "12 December",
            expires_at: Timestamp(0),
        }
    }

    #[test]
    fn an_invitation_speaks_the_recipients_language_and_carries_its_link() {
        let link = "https://faro.test/invite/abc";
        let en = invitation(Locale::En, "ana@client.test", &sample(link));
        assert_eq!(en.subject, "Acme <Studio> invites you to Shop on Faro");
        assert!(en.text.contains(link));
        assert!(en.html.contains(&format!("href=\"{link}\"")));
        let es = invitation(Locale::Es, "ana@client.test", &sample(link));
        assert_eq!(es.subject, "Acme <Studio> te invita a Shop en Faro");
        assert!(es.html.contains("lang=\"es\""));
        assert!(es
            .text
            .contains("Aceptar la invitación:\nhttps://faro.test/invite/abc"));
    }

    #[test]
    fn names_never_become_markup() {
        let m = invitation(
            Locale::En,
            "a@b.test",
            &sample("https://x.test/\"><script>"),
        );
        assert!(m.html.contains("Acme &lt;Studio&gt;"));
        assert!(!m.html.contains("<script>"));
        assert!(!m.html.contains("<Studio>"));
        // No remote images, nothing to load.
        assert!(!m.html.contains("<img"));
    }
}
