//! A column's cards as HTML text. A board has hundreds of cards; drawing each through the view
//! macro cost about 10 µs of server time per card (`make bench`: the page was render-bound),
//! while this costs well under one. The result goes into the column's list as inner HTML, on
//! the server and again in the browser after a reload; nothing in it needs hydrating, since
//! the board's keyboard and pointer handlers sit on the board itself and the router handles
//! plain links. Every piece of user text passes through [`escape`].

use super::{CardSummary, Visibility};
use crate::i18n::Strings;
use crate::milestones::{MilestoneId, Risk};
use crate::projects::ProjectId;
use std::fmt::Write;

pub use crate::text::escape_html as escape;

/// The `<li>` of every card, in order. Staff cards take the keyboard focus (and are moved with
/// Shift + arrows, explained by `#move-instructions`).
/// A card of a late or at-risk milestone (`risks`) says so beside the milestone's title.
pub fn cards_html(
    project: ProjectId,
    cards: &[CardSummary],
    may_edit: bool,
    risks: &[(MilestoneId, Risk)],
    t: &Strings,
) -> String {
    let mut html = String::with_capacity(cards.len() * 240);
    for card in cards {
        let internal = card.visibility == Visibility::Internal;
        let _ = write!(
            html,
            "<li class=\"{}\" data-card=\"{}\"{}>",
            if internal { "card is-internal" } else { "card" },
            card.id,
            if may_edit {
                " tabindex=\"0\" aria-describedby=\"move-instructions\""
            } else {
                ""
            }
        );
        // Not draggable as a link: dragging the card moves it.
        let _ = write!(
            html,
            "<a href=\"/projects/{project}/board/{}\" class=\"card-title\" draggable=\"false\">{}</a>\
             <div class=\"card-meta\">",
            card.id,
            escape(&card.title)
        );
        if internal {
            let _ = write!(
                html,
                "<span class=\"badge badge-internal\">{}</span>",
                escape(t.internal_badge)
            );
        }
        for label in &card.labels {
            let _ = write!(html, "<span class=\"label-chip\">{}</span>", escape(label));
        }
        if let Some((milestone, title)) = &card.milestone {
            let risk = risks
                .iter()
                .find(|(id, _)| id == milestone)
                .map(|(_, r)| *r);
            let class = match risk {
                Some(r) if r.is_overdue() => "card-milestone is-late",
                Some(_) => "card-milestone is-at-risk",
                None => "card-milestone",
            };
            let _ = write!(
                html,
                "<span class=\"{class}\"><span class=\"visually-hidden\">{}: </span>{}",
                escape(t.milestone_label),
                escape(title)
            );
            if let Some(risk) = risk {
                let _ = write!(html, " · {}", escape(&risk.reason(t)));
            }
            html.push_str("</span>");
        }
        if let Some(d) = card.due_on {
            let _ = write!(
                html,
                "<span class=\"card-due\">{} {}</span>",
                escape(t.due_prefix),
                escape(&d.in_words(t))
            );
        }
        if let Some(name) = &card.assignee {
            let _ = write!(
                html,
                "<span class=\"card-assignee\">{}</span>",
                escape(name)
            );
        }
        html.push_str("</div></li>");
    }
    html
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::board::{CardId, ColumnId, DueDate};

    fn card(title: &str, visibility: Visibility) -> CardSummary {
        CardSummary {
            id: CardId(7),
            column_id: ColumnId(1),
            title: title.into(),
            assignee: Some("Ana \"A\" <García>".into()),
            due_on: Some(DueDate {
                year: 2026,
                month: 12,
                day: 1,
            }),
            labels: vec!["<b>x</b>".into()],
            visibility,
            milestone: Some((crate::milestones::MilestoneId(3), "<i>Launch</i>".into())),
        }
    }

    #[test]
    fn user_text_is_escaped_everywhere() {
        let t = crate::i18n::Locale::En.strings();
        let html = cards_html(
            ProjectId(3),
            &[card(
                "<script>alert('x')</script> & \"more\"",
                Visibility::Client,
            )],
            false,
            &[],
            t,
        );
        assert!(!html.contains("<script>") && !html.contains("<b>") && !html.contains("<García>"));
        assert!(!html.contains("<i>") && html.contains("&lt;i&gt;Launch&lt;/i&gt;"));
        assert!(
            html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        );
        assert!(html.contains("href=\"/projects/3/board/7\""));
        assert!(!html.contains("tabindex"), "clients do not move cards");
    }

    #[test]
    fn internal_cards_are_marked_and_staff_cards_focusable() {
        let t = crate::i18n::Locale::Es.strings();
        let html = cards_html(
            ProjectId(3),
            &[card("Logo", Visibility::Internal)],
            true,
            &[],
            t,
        );
        assert!(html.contains("class=\"card is-internal\""));
        assert!(html.contains(">Interna<"));
        assert!(html.contains("tabindex=\"0\""));
        assert!(html.contains(&format!("Vence {}", (t.date)(2026, 12, 1))));
    }

    #[test]
    fn a_card_of_a_late_milestone_says_how_late() {
        let t = crate::i18n::Locale::En.strings();
        let cards = [card("Logo", Visibility::Client)];
        let late = [(MilestoneId(3), Risk::Overdue { days: 2 })];
        let html = cards_html(ProjectId(3), &cards, false, &late, t);
        assert!(html.contains("class=\"card-milestone is-late\""), "{html}");
        assert!(html.contains("&lt;/i&gt; · 2 days late</span>"), "{html}");
        let soon = [(
            MilestoneId(3),
            Risk::DueSoon {
                days: 3,
                percent: 40,
            },
        )];
        let html = cards_html(ProjectId(3), &cards, false, &soon, t);
        assert!(html.contains("is-at-risk") && html.contains("due in 3 days, 40 % done"));
        // Another milestone's risk says nothing about this card.
        let other = [(MilestoneId(4), Risk::Overdue { days: 2 })];
        let html = cards_html(ProjectId(3), &cards, false, &other, t);
        assert!(!html.contains("late") && html.contains("class=\"card-milestone\""));
    }
}
