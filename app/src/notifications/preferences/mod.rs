//! What notification mail each person wants: set on `/account`, or turned off from the mail
//! itself with a signed link (`/unsubscribe/{token}`, and the one-click `List-Unsubscribe`
//! POST to the same address) that needs no sign-in.

pub mod api;
#[cfg(feature = "ssr")]
pub mod db;
pub mod view;

use super::MailKind;
use serde::{Deserialize, Serialize};

/// How a person gets one kind of notification mail: each on its own, gathered in a digest
/// (at 8:00 in their timezone; weekly on Mondays), or not at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    Immediately,
    Daily,
    Weekly,
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 4] = [
        Delivery::Immediately,
        Delivery::Daily,
        Delivery::Weekly,
        Delivery::Off,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Delivery::Immediately => "immediately",
            Delivery::Daily => "daily",
            Delivery::Weekly => "weekly",
            Delivery::Off => "off",
        }
    }

    pub fn parse(raw: &str) -> Option<Delivery> {
        Delivery::ALL.into_iter().find(|d| d.as_str() == raw)
    }

    pub fn name(self, t: &crate::i18n::Strings) -> &'static str {
        match self {
            Delivery::Immediately => t.delivery_immediately,
            Delivery::Daily => t.delivery_daily,
            Delivery::Weekly => t.delivery_weekly,
            Delivery::Off => t.delivery_off,
        }
    }
}

/// The kinds of notification mail a person of `role` can get: clients hear of everything
/// that waits for them or answers them; staff, who make those changes, of mentions.
pub fn kinds_for(role: crate::accounts::Role) -> Vec<MailKind> {
    MailKind::NOTIFICATIONS
        .into_iter()
        .filter(|kind| !role.is_staff() || *kind == MailKind::Mention)
        .collect()
}

/// What a person receives of one kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preference {
    pub kind: MailKind,
    pub delivery: Delivery,
}

/// What an unsubscribe link is about, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsubscribeDetails {
    pub email: String,
    pub kind: MailKind,
    /// Already off (the link was used, or the person turned it off on `/account`).
    pub off: bool,
}

/// The kind of mail, as the choice on `/account` is titled.
pub fn topic_title(kind: MailKind, t: &crate::i18n::Strings) -> &'static str {
    match kind {
        MailKind::UpdatePublished => t.preference_update_published,
        MailKind::SignOffWaiting => t.preference_sign_off_waiting,
        MailKind::FormWaiting => t.preference_form_waiting,
        MailKind::QuestionAnswered => t.preference_question_answered,
        MailKind::Mention => t.preference_mention,
        _ => t.mail_kind_test,
    }
}

/// The kind of mail, as a sentence names it ("new status updates").
pub fn topic(kind: MailKind, t: &crate::i18n::Strings) -> &'static str {
    match kind {
        MailKind::UpdatePublished => t.topic_update_published,
        MailKind::SignOffWaiting => t.topic_sign_off_waiting,
        MailKind::FormWaiting => t.topic_form_waiting,
        MailKind::QuestionAnswered => t.topic_question_answered,
        MailKind::Mention => t.topic_mention,
        MailKind::Digest => t.topic_digest,
        _ => t.mail_kind_test,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::accounts::Role;

    #[test]
    fn clients_choose_about_updates_and_account_mail_is_never_a_choice() {
        assert_eq!(kinds_for(Role::Client), MailKind::NOTIFICATIONS.to_vec());
        assert_eq!(kinds_for(Role::Pm), vec![MailKind::Mention]);
        assert_eq!(kinds_for(Role::Owner), vec![MailKind::Mention]);
        assert!(!MailKind::PasswordLink.is_notification());
        assert_eq!(Delivery::parse("off"), Some(Delivery::Off));
        assert_eq!(Delivery::parse("weekly"), Some(Delivery::Weekly));
        assert_eq!(Delivery::parse("hourly"), None);
    }
}
