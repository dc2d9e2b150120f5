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

/// A status update published on `project`, for one of its client members.
pub struct UpdatePublished<'a> {
    pub organization_id: OrganizationId,
    pub organization: &'a str,
    pub project: &'a str,
    /// Who published it.
    pub author: &'a str,
    /// The update's one-line summary, as written.
    pub summary: &'a str,
    /// How the project is going, already in the recipient's words ("At risk").
    pub health: &'a str,
    /// Whether it asks the client to decide something.
    pub asks_decision: bool,
    pub link: &'a str,
    pub unsubscribe: &'a str,
}

pub fn update_published(locale: Locale, recipient: &str, m: &UpdatePublished) -> Outgoing {
    let (subject, mut lines, button, way_out) = match locale {
        Locale::En => (
            format!("{}: a new status update", m.project),
            vec![
                format!("{} published a status update on {}.", m.author, m.project),
                format!("{} — {}", m.health, m.summary),
            ],
            "Read the update",
            "You get this because you follow this project on Faro. No more emails about status updates:",
        ),
        Locale::Es => (
            format!("{}: nueva actualización de estado", m.project),
            vec![
                format!("{} ha publicado una actualización de estado en {}.", m.author, m.project),
                format!("{} — {}", m.health, m.summary),
            ],
            "Leer la actualización",
            "Recibes esto porque sigues este proyecto en Faro. No recibir más correos de actualizaciones:",
        ),
    };
    if m.asks_decision {
        lines.push(
            match locale {
                Locale::En => "It asks you to decide something.",
                Locale::Es => "Te pide que decidas algo.",
            }
            .to_string(),
        );
    }
    message(
        MailKind::UpdatePublished,
        Some(m.organization_id),
        locale,
        recipient,
        m.organization,
        subject,
        &lines,
        (button, m.link),
        Some((way_out, m.unsubscribe)),
    )
}

/// A published update as one line of a digest.
pub fn update_line(locale: Locale, author: &str, health: &str, summary: &str) -> String {
    match locale {
        Locale::En => format!("{author} published a status update: {health} — {summary}"),
        Locale::Es => format!("{author} ha publicado una actualización: {health} — {summary}"),
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
    let (subject, intro, button, way_out) = match (locale, m.weekly) {
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
            "You get this summary because you chose it on your account page. No more emails about status updates:",
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
            "Recibes este resumen porque lo elegiste en tu página de cuenta. No recibir más correos de actualizaciones:",
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
        Some((way_out, m.unsubscribe)),
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(link: &str) -> Invitation<'_> {
        Invitation {
            organization_id: OrganizationId(1),
            organization: "Acme <Studio>",
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
