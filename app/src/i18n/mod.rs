//! Languages: which one a viewer gets, and every user-visible string in English and Spanish.
//!
//! A hand-written module rather than leptos_i18n: measured on this stack (TOOLCHAIN.md),
//! leptos_i18n 0.6 adds 18–49 KB brotli to the wasm every client downloads and nearly doubles a
//! clean build (137 s → 258 s), while this module costs ~2 KB. The strings are fields of one
//! struct, so a key missing in either language is a compile error, not a warning.

pub mod api;
mod en;
mod es;
pub mod view;

use serde::{Deserialize, Serialize};

/// The cookie that remembers a viewer's chosen language (a year, whole site).
pub const LOCALE_COOKIE: &str = "faro_lang";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    #[default]
    En,
    Es,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Es];

    /// The BCP 47 code, as used in `<html lang>`, the cookie and forms.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Es => "es",
        }
    }

    /// Reads a language tag such as `es`, `es-MX` or `EN_us`; `None` when it is not one we speak.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "es" => Some(Locale::Es),
            _ => None,
        }
    }

    /// The language's own name, so a speaker recognises it whatever the current language is.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Es => "Español",
        }
    }

    pub fn strings(self) -> &'static Strings {
        match self {
            Locale::En => &en::STRINGS,
            Locale::Es => &es::STRINGS,
        }
    }

    /// The viewer's language: the cookie they chose, else the best match of the browser's
    /// `Accept-Language` (q-values honoured), else English.
    pub fn negotiate(cookie_header: Option<&str>, accept_language: Option<&str>) -> Locale {
        cookie_header
            .and_then(|h| cookie_value(h, LOCALE_COOKIE))
            .and_then(Locale::from_tag)
            .or_else(|| accept_language.and_then(best_accepted))
            .unwrap_or_default()
    }
}

/// The value of cookie `name` in a `Cookie:` header.
fn cookie_value<'a>(header: &'a str, name: &str) -> Option<&'a str> {
    header.split(';').find_map(|pair| {
        let (k, v) = pair.split_once('=')?;
        (k.trim() == name).then(|| v.trim())
    })
}

/// The supported language with the highest q-value in an `Accept-Language` header; on a tie,
/// the one listed first.
fn best_accepted(header: &str) -> Option<Locale> {
    let mut best: Option<(Locale, f32)> = None;
    for item in header.split(',') {
        let mut parts = item.split(';');
        let Some(locale) = parts.next().and_then(Locale::from_tag) else {
            continue;
        };
        let q = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .map_or(Some(1.0), |q| q.trim().parse::<f32>().ok())
            .unwrap_or(0.0);
        if q > 0.0 && best.is_none_or(|(_, bq)| q > bq) {
            best = Some((locale, q));
        }
    }
    best.map(|(l, _)| l)
}

/// Every user-visible string of the interface. Adding a field makes both languages fail to
/// compile until they have it.
pub struct Strings {
    pub app_name: &'static str,
    pub skip_to_content: &'static str,
    pub nav_label: &'static str,
    pub nav_projects: &'static str,
    pub language_label: &'static str,
    pub footer_tagline: &'static str,
    pub loading: &'static str,

    pub home_title: &'static str,
    /// Staff's home: the projects their team runs.
    pub home_intro: &'static str,
    /// A client's home: the projects the organization (named) shares with them.
    pub home_intro_client: fn(&str) -> String,
    pub projects_empty_title: &'static str,
    pub projects_empty_body: &'static str,
    pub projects_empty_body_client: fn(&str) -> String,
    pub project_client: &'static str,
    pub project_count: fn(usize) -> String,

    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub back_home: &'static str,
    pub error_title: &'static str,
    /// The heading over an invitation or password link that expired or was used.
    pub link_expired_title: &'static str,
    pub error_reference: &'static str,

    pub error_unauthenticated: &'static str,
    pub error_not_found: &'static str,
    pub error_conflict: &'static str,
    pub error_too_many_attempts: fn(i64) -> String,
    pub error_internal: &'static str,
    pub error_network: &'static str,

    pub invalid_required: &'static str,
    pub invalid_too_short: fn(usize) -> String,
    pub invalid_too_long: fn(usize) -> String,
    pub invalid_email: &'static str,
    pub invalid_credentials: &'static str,

    pub sign_in_title: &'static str,
    pub sign_in_intro: &'static str,
    pub email_label: &'static str,
    pub password_label: &'static str,
    pub sign_in_button: &'static str,
    pub signing_in: &'static str,
    pub sign_out_button: &'static str,
    pub signed_in_as: &'static str,

    pub setup_title: &'static str,
    pub setup_intro: &'static str,
    pub organization_label: &'static str,
    pub your_name_label: &'static str,
    pub new_password_hint: &'static str,
    pub setup_button: &'static str,
    pub setting_up: &'static str,
    pub invalid_control_characters: &'static str,
    pub invalid_malformed: &'static str,
    pub invalid_email_taken: &'static str,
    pub error_link_expired: &'static str,
    pub error_busy: &'static str,
    pub add_card_toggle: &'static str,
    pub invalid_archived: &'static str,

    /// A calendar date: year, month (1–12), day.
    pub date: fn(i64, u32, u32) -> String,
    pub role_owner: &'static str,
    pub role_pm: &'static str,
    pub role_client: &'static str,

    pub project_people_title: &'static str,
    pub project_people_empty: &'static str,
    pub all_projects: &'static str,
    pub invite_title: &'static str,
    pub invite_intro: &'static str,
    pub invite_role_label: &'static str,
    /// "Client of {company}".
    pub invite_role_client: fn(&str) -> String,
    pub invite_role_pm: &'static str,
    pub invite_role_owner: &'static str,
    pub invite_button: &'static str,
    pub inviting: &'static str,
    /// "Send this link to {email}. It works once, until {date}."
    pub invite_link_ready: fn(&str, &str) -> String,
    pub invite_link_emailed: fn(&str, &str) -> String,
    pub invite_link_label: &'static str,
    /// "{name} already has an account, and now has access to this project."
    pub invite_added: fn(&str) -> String,
    pub pending_title: &'static str,
    /// "link valid until {date}"
    pub pending_until: fn(&str) -> String,

    pub accept_title: &'static str,
    /// Who invited (if known), the organization, the project (if any).
    pub accept_intro: fn(Option<&str>, &str, Option<&str>) -> String,
    pub accept_email_note: fn(&str) -> String,
    pub accept_button: &'static str,
    pub accepting: &'static str,
    pub go_to_sign_in: &'static str,

    pub invalid_wrong_password: &'static str,
    pub invalid_time_zone: &'static str,
    pub account_title: &'static str,
    pub account_intro: &'static str,
    pub profile_title: &'static str,
    pub name_label: &'static str,
    pub language_follow_browser: &'static str,
    pub timezone_label: &'static str,
    pub timezone_hint: &'static str,
    pub save_button: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub password_title: &'static str,
    pub current_password_label: &'static str,
    pub new_password_label: &'static str,
    pub change_password_button: &'static str,
    pub changing_password: &'static str,
    pub password_changed: &'static str,
    pub invalid_last_owner: &'static str,
    pub invalid_yourself: &'static str,
    pub nav_people: &'static str,
    pub people_title: &'static str,
    pub people_intro: &'static str,
    pub nav_mail: &'static str,
    pub mail_title: &'static str,
    pub mail_intro: &'static str,
    pub mail_not_sending: &'static str,
    pub mail_empty_title: &'static str,
    pub mail_empty_body: &'static str,
    pub mail_waiting: &'static str,
    /// Failed attempts so far, minutes until the next.
    pub mail_retrying: fn(i64, i64) -> String,
    pub mail_sent_on: fn(String) -> String,
    pub mail_dead: fn(i64) -> String,
    pub mail_superseded: &'static str,
    pub mail_expired: &'static str,
    pub mail_kind_invitation: &'static str,
    pub mail_kind_password_link: &'static str,
    pub mail_kind_sign_in_link: &'static str,
    pub mail_kind_update_published: &'static str,
    pub mail_kind_digest: &'static str,
    pub mail_kind_sign_off_waiting: &'static str,
    pub mail_kind_form_waiting: &'static str,
    pub mail_kind_question_answered: &'static str,
    pub mail_kind_mention: &'static str,
    pub mail_text_withheld: &'static str,
    pub mail_preferences_title: &'static str,
    pub mail_preferences_intro: &'static str,
    pub preference_update_published: &'static str,
    pub topic_update_published: &'static str,
    pub preference_sign_off_waiting: &'static str,
    pub topic_sign_off_waiting: &'static str,
    pub preference_form_waiting: &'static str,
    pub topic_form_waiting: &'static str,
    pub preference_question_answered: &'static str,
    pub topic_question_answered: &'static str,
    pub preference_mention: &'static str,
    pub topic_mention: &'static str,
    pub topic_digest: &'static str,
    pub delivery_immediately: &'static str,
    pub delivery_off: &'static str,
    pub delivery_daily: &'static str,
    pub delivery_weekly: &'static str,
    pub unsubscribe_title: &'static str,
    pub unsubscribe_intro: fn(&str, &str) -> String,
    pub unsubscribe_button: &'static str,
    pub unsubscribe_done: fn(&str, &str) -> String,
    pub unsubscribe_manage: &'static str,
    pub mail_kind_test: &'static str,
    pub mail_last_answer: &'static str,
    pub mail_send_again: &'static str,
    pub mail_to: &'static str,
    pub mail_show_text: &'static str,
    pub people_staff: &'static str,
    pub people_clients: &'static str,
    pub people_clients_empty: &'static str,
    pub people_name: &'static str,
    pub people_role: &'static str,
    pub people_actions: &'static str,
    pub make_owner: &'static str,
    pub make_pm: &'static str,
    pub remove_button: &'static str,
    /// "Remove {name}? …"
    pub remove_confirm: fn(&str) -> String,
    pub remove_yes: &'static str,
    pub you_label: &'static str,
    pub reset_title: &'static str,
    /// For {name} ({email}) …
    pub reset_intro: fn(&str, &str) -> String,
    pub reset_button: &'static str,
    pub reset_link_button: &'static str,
    /// "Send this link to {name} … until {date}."
    pub reset_link_ready: fn(&str, &str) -> String,
    pub reset_link_emailed: fn(&str, &str) -> String,
    pub reset_link_label: &'static str,
    pub forgot_password: &'static str,
    pub link_offer: &'static str,
    pub link_request_title: &'static str,
    pub link_request_intro: fn(i64) -> String,
    pub link_request_button: &'static str,
    pub link_requesting: &'static str,
    pub link_request_sent: &'static str,
    pub link_request_waiting: &'static str,
    pub link_use_expired: fn(i64) -> String,
    pub link_ask_again: &'static str,
    pub link_back_to_password: &'static str,
    pub link_use_title: &'static str,
    pub link_use_intro: fn(&str, &str) -> String,
    pub invite_project_label: &'static str,
    pub invite_role_client_any: &'static str,
    pub new_project_title: &'static str,
    pub company_label: &'static str,
    pub company_hint: &'static str,
    pub project_name_label: &'static str,
    pub create_project_button: &'static str,
    pub archived_title: &'static str,
    pub project_settings_title: &'static str,
    pub rename_button: &'static str,
    pub archive_button: &'static str,
    pub reopen_button: &'static str,
    pub archived_note: &'static str,
    /// "Use a number from {min} to {max}."
    pub invalid_out_of_range: fn(i64, i64) -> String,
    pub charter_title: &'static str,
    /// Staff: the charter is theirs to write.
    pub charter_empty: &'static str,
    /// Clients: the team has not written it yet.
    pub charter_empty_client: &'static str,
    /// Response hours, update cadence in days.
    pub charter_commitment: fn(i64, i64) -> String,
    pub section_scope_in: &'static str,
    pub section_scope_out: &'static str,
    pub section_communication_plan: &'static str,
    pub section_payment_terms: &'static str,
    pub section_change_process: &'static str,
    pub response_hours_label: &'static str,
    pub cadence_label: &'static str,
    pub edit_charter: &'static str,
    pub save_charter: &'static str,
    pub markdown_hint: &'static str,
    pub card_changed_elsewhere: &'static str,
    pub milestone_reached: fn(&str) -> String,
    pub milestone_alerts: fn(u32, u32) -> String,
    pub milestone_label: &'static str,
    pub no_milestone: &'static str,
    pub board_only_milestone: fn(&str) -> String,
    pub show_all_cards: &'static str,
    pub show_cards_on_board: &'static str,
    /// Above a page that changed while its viewer was typing, with a button to show it.
    pub page_changed_elsewhere: &'static str,
    pub show_changes: &'static str,
    pub tab_milestones: &'static str,
    pub decision_title_staff: &'static str,
    pub updates_pages: &'static str,
    pub newer_updates: &'static str,
    pub older_updates: &'static str,
    pub comments_title: &'static str,
    pub comment_label: &'static str,
    pub comment_question_label: &'static str,
    pub comment_button: &'static str,
    pub comment_edited: &'static str,
    pub comment_deleted: &'static str,
    pub question_badge: &'static str,
    pub question_answered: &'static str,
    pub question_open_staff: fn(i64, i64) -> String,
    pub question_open_client: &'static str,
    pub mark_answered_button: &'static str,
    pub edit_comment: &'static str,
    pub save_comment: &'static str,
    pub delete_comment: &'static str,
    pub delete_comment_confirm: &'static str,
    pub delete_comment_yes: &'static str,
    pub questions_open_staff: fn(u32, i64, i64) -> String,
    pub comments_empty: &'static str,
    pub mention_hint: &'static str,
    pub mark_question_button: &'static str,
    pub ask_about_decision: &'static str,
    pub mentions_title: &'static str,
    pub mention_line: fn(&str, &str) -> String,
    pub mention_read_button: &'static str,
    pub open_questions_title: &'static str,
    pub open_question_line: fn(&str, &str) -> String,
    pub history_commented: &'static str,
    pub milestone_comments_link: fn(i64) -> String,
    pub all_milestones: &'static str,
    pub tab_feedback: &'static str,
    pub form_open_until: fn(&str) -> String,
    pub form_closed_note: &'static str,
    pub form_saved: fn(&str) -> String,
    pub form_answered_note: &'static str,
    pub form_update_button: &'static str,
    pub form_send_button: &'static str,
    pub form_optional: &'static str,
    pub csat_low: &'static str,
    pub csat_high: &'static str,
    pub nps_low: &'static str,
    pub nps_high: &'static str,
    pub feedback_intro: &'static str,
    pub feedback_empty: &'static str,
    pub send_form_title: &'static str,
    pub form_template_label: &'static str,
    pub template_milestone_check_in: &'static str,
    pub template_project_close: &'static str,
    pub form_language_label: &'static str,
    pub form_days_label: &'static str,
    pub send_form_button: &'static str,
    pub form_sent_on: fn(&str) -> String,
    pub low_scores_note: fn(usize) -> String,
    pub response_rate_label: &'static str,
    pub response_rate: fn(u32, u32, Option<i64>) -> String,
    pub csat_figure: fn(i64, i64, u32) -> String,
    pub nps_figure: fn(i64, u32, u32, u32) -> String,
    pub no_responses: &'static str,
    pub needs_attention: &'static str,
    pub download_csv: &'static str,
    pub close_form_button: &'static str,
    pub forms_waiting_title: &'static str,
    pub low_score_flag: fn(u32) -> String,
    pub handle_note_label: &'static str,
    pub handle_button: &'static str,
    pub handled_line: fn(&str, &str) -> String,
    pub auto_send_title: &'static str,
    pub on_approval_label: &'static str,
    pub on_close_label: &'static str,
    pub send_nothing: &'static str,
    pub save_auto_send_button: &'static str,
    pub organization_scores_title: &'static str,
    pub score_charts_title: &'static str,
    pub trend_csat: fn(i64, i64) -> String,
    pub trend_nps: fn(i64, i64) -> String,
    pub invalid_option_count: &'static str,
    pub invalid_choice_closed: &'static str,
    pub invalid_not_a_choice: &'static str,
    pub invalid_unanswered: fn(&[usize]) -> String,
    pub invalid_form_closed: &'static str,
    pub invalid_mail_link_expired: &'static str,
    pub invalid_choice_count: fn(usize, usize) -> String,
    pub invalid_template_in_use: fn(&str) -> String,
    pub templates_link: &'static str,
    pub templates_title: &'static str,
    pub templates_intro: &'static str,
    pub templates_builtin_title: &'static str,
    pub templates_own_title: &'static str,
    pub templates_empty: &'static str,
    pub copy_template_button: &'static str,
    pub edit_template_link: fn(&str) -> String,
    pub template_title_label: &'static str,
    pub template_language_note: fn(&str) -> String,
    pub question_legend: fn(usize) -> String,
    pub new_question_legend: &'static str,
    pub question_text_label: &'static str,
    pub question_kind_label: &'static str,
    pub kind_csat: &'static str,
    pub kind_nps: &'static str,
    pub kind_rating: &'static str,
    pub kind_single: &'static str,
    pub kind_multiple: &'static str,
    pub kind_short: &'static str,
    pub kind_long: &'static str,
    pub question_required_label: &'static str,
    pub question_choices_label: &'static str,
    pub question_low_label: &'static str,
    pub question_high_label: &'static str,
    pub question_position_label: &'static str,
    pub question_remove_label: &'static str,
    pub save_template_button: &'static str,
    pub delete_template_title: &'static str,
    pub delete_template_confirm: &'static str,
    pub delete_template_button: &'static str,
    pub templates_back: &'static str,
    pub own_templates_group: &'static str,
    pub forms_waiting_note: fn(u32) -> String,
    pub decision_title: &'static str,
    pub decide_by_note: fn(&str) -> String,
    pub decision_overdue: fn(&str) -> String,
    pub option_recommended: &'static str,
    pub option_cost: &'static str,
    pub option_time: &'static str,
    pub option_impact: &'static str,
    pub choose_button: &'static str,
    pub chose_option: fn(&str, char, &str) -> String,
    pub waiting_for_choice: &'static str,
    pub decision_waiting_you: &'static str,
    pub decision_legend: &'static str,
    pub decision_question_label: &'static str,
    pub decide_by_label: &'static str,
    pub option_label: fn(char) -> String,
    pub option_what: &'static str,
    pub decision_hint: &'static str,
    pub decision_fixed: &'static str,
    pub decisions_waiting_client: fn(u32) -> String,
    pub decisions_open_staff: fn(u32, u32) -> String,
    pub tab_updates: &'static str,
    pub health_on_track: &'static str,
    pub health_at_risk: &'static str,
    pub health_off_track: &'static str,
    pub health_label: &'static str,
    pub update_summary_label: &'static str,
    pub update_section_done: &'static str,
    pub update_section_next: &'static str,
    pub update_section_questions: &'static str,
    pub update_section_risks: &'static str,
    pub update_hint_done: &'static str,
    pub update_hint_next: &'static str,
    pub update_hint_questions: &'static str,
    pub update_hint_risks: &'static str,
    pub update_hint_prefilled: &'static str,
    pub updates_intro_staff: &'static str,
    pub updates_intro_client: &'static str,
    pub updates_empty_staff: &'static str,
    pub updates_empty_client: &'static str,
    pub update_due_note: fn(i64) -> String,
    pub update_due_badge: &'static str,
    pub all_updates: &'static str,
    pub update_draft_note: &'static str,
    pub update_saved_on: fn(&str) -> String,
    pub update_published_on: fn(&str, &str) -> String,
    pub update_edited_on: fn(&str) -> String,
    pub mark_seen_button: &'static str,
    pub mark_seen_hint: &'static str,
    pub update_seen_by_you: &'static str,
    pub update_seen_by_nobody: &'static str,
    pub update_seen_by: fn(&str) -> String,
    pub update_not_seen_by: fn(&str) -> String,
    /// Nobody has seen it yet: "Not seen yet by Ana García, Carla Ruiz".
    pub update_unseen_by: fn(&str) -> String,
    pub publish_update_button: &'static str,
    pub edit_draft: &'static str,
    pub correct_update: &'static str,
    pub discard_draft: &'static str,
    pub discard_draft_confirm: &'static str,
    pub discard_draft_yes: &'static str,
    pub earlier_versions: &'static str,
    pub replaced_by: fn(&str, &str) -> String,
    pub new_update_title: &'static str,
    pub edit_update_title: &'static str,
    pub save_draft_button: &'static str,
    pub save_update_button: &'static str,
    pub invalid_already_published: &'static str,
    pub latest_health: &'static str,
    pub milestones_intro_staff: &'static str,
    pub milestones_intro_client: &'static str,
    pub milestones_empty_staff: &'static str,
    pub milestones_empty_client: &'static str,
    pub milestone_planned: &'static str,
    pub milestone_in_progress: &'static str,
    pub milestone_completed: &'static str,
    pub milestone_approved: &'static str,
    pub milestone_at_risk: &'static str,
    pub milestone_overdue: &'static str,
    pub risk_overdue: fn(i64) -> String,
    pub risk_due_soon: fn(i64, u32) -> String,
    pub milestone_progress: fn(u32, u32) -> String,
    pub milestone_internal_progress: fn(u32, u32) -> String,
    pub milestone_no_cards: &'static str,
    pub milestone_no_due: &'static str,
    pub timeline_today: &'static str,
    pub timeline_label: &'static str,
    pub milestone_waiting_you: &'static str,
    pub milestone_waiting_client: fn(&str) -> String,
    pub milestone_approved_by: fn(&str, &str) -> String,
    pub milestone_changes_by: fn(&str, &str) -> String,
    pub milestone_sign_off_note: &'static str,
    pub approve_button: &'static str,
    pub request_changes_button: &'static str,
    pub changes_comment_label: &'static str,
    pub new_milestone_title: &'static str,
    pub add_milestone_button: &'static str,
    pub save_milestone_button: &'static str,
    pub edit_milestone: &'static str,
    pub start_milestone: &'static str,
    pub complete_milestone: &'static str,
    pub reopen_milestone: &'static str,
    pub delete_milestone: &'static str,
    pub delete_milestone_confirm: &'static str,
    /// "3 cards are linked to this milestone. What should happen to them?"
    pub delete_milestone_cards: fn(u32) -> String,
    /// "Keep them on the board, without a milestone" (for this many cards).
    pub delete_keep_cards: fn(u32) -> &'static str,
    /// "Link them to “Launch”" (this many cards, that milestone).
    pub delete_move_cards: fn(u32, &str) -> String,
    pub delete_milestone_yes: &'static str,
    pub cancel: &'static str,
    pub delete_milestone_title: fn(&str) -> String,
    pub move_milestone_up: &'static str,
    pub move_milestone_down: &'static str,
    /// The list's order is the team's; the timeline above is by date.
    pub milestone_order_hint: &'static str,
    pub milestone_history_created: &'static str,
    pub milestone_history_edited: &'static str,
    pub milestone_history_moved: fn(&str) -> String,
    pub milestone_history_approved: &'static str,
    pub milestone_history_changes: &'static str,
    pub invalid_status_change: &'static str,
    pub invalid_not_awaiting_sign_off: &'static str,
    pub column_backlog: &'static str,
    pub column_in_progress: &'static str,
    pub column_review: &'static str,
    pub column_done: &'static str,
    pub project_sections: &'static str,
    pub tab_welcome: &'static str,
    pub tab_board: &'static str,
    pub card_count: fn(usize) -> String,
    pub board_staff_hint: &'static str,
    pub column_done_badge: &'static str,
    pub column_empty: &'static str,
    pub internal_badge: &'static str,
    pub internal_note: &'static str,
    pub due_prefix: &'static str,
    pub new_card_label: &'static str,
    pub internal_checkbox: &'static str,
    pub add_card_button: &'static str,
    pub column_menu: &'static str,
    pub column_name_label: &'static str,
    pub column_left: &'static str,
    pub column_right: &'static str,
    pub column_make_done: &'static str,
    pub column_delete: &'static str,
    pub column_delete_yes: &'static str,
    pub delete_column_confirm: &'static str,
    pub new_column_title: &'static str,
    pub add_column_button: &'static str,
    pub close: &'static str,
    pub card_missing: &'static str,
    pub column_label: &'static str,
    pub assignee_label: &'static str,
    pub unassigned: &'static str,
    pub due_label: &'static str,
    pub no_due_date: &'static str,
    pub labels_label: &'static str,
    pub labels_hint: &'static str,
    pub no_description: &'static str,
    pub history_title: &'static str,
    pub history_created: &'static str,
    pub history_moved: &'static str,
    pub history_edited: &'static str,
    pub edit_card: &'static str,
    pub card_conflict_hint: &'static str,
    pub title_label: &'static str,
    pub description_label: &'static str,
    pub visibility_label: &'static str,
    pub visibility_client: &'static str,
    pub visibility_internal: &'static str,
    pub save_card: &'static str,
    pub move_to_label: &'static str,
    pub position_label: &'static str,
    pub position_top: &'static str,
    pub position_bottom: &'static str,
    pub move_button: &'static str,
    pub move_instructions: &'static str,
    pub card_moved: fn(&str, &str, usize, usize) -> String,
    pub invalid_date: &'static str,
    pub invalid_too_many: fn(usize) -> String,
    pub invalid_wrong_column: &'static str,
    pub invalid_column_not_empty: &'static str,
    pub invalid_last_column: &'static str,
}

impl Strings {
    /// The UTC calendar date of an instant, in this language.
    pub fn date_of(&self, at: crate::ids::Timestamp) -> String {
        let (year, month, day) = civil_date(at.0.div_euclid(86_400_000));
        (self.date)(year, month, day)
    }
}

/// Year, month and day of the `days`-th day since 1970-01-01 (proleptic Gregorian calendar;
/// Howard Hinnant's `civil_from_days`).
pub(crate) fn civil_date(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_calendar_dates_in_each_language() {
        assert_eq!(civil_date(0), (1970, 1, 1));
        assert_eq!(civil_date(11_016), (2000, 2, 29));
        assert_eq!(civil_date(-1), (1969, 12, 31));
        let first_of_december_2026 = crate::ids::Timestamp(1_796_083_200_000);
        assert_eq!(
            Locale::En.strings().date_of(first_of_december_2026),
            "1 Dec 2026"
        );
        assert_eq!(
            Locale::Es.strings().date_of(first_of_december_2026),
            "1 dic 2026"
        );
    }

    #[test]
    fn cookie_wins_over_browser_language() {
        assert_eq!(
            Locale::negotiate(Some("a=b; faro_lang=es"), Some("en-US,en;q=0.9")),
            Locale::Es
        );
    }

    #[test]
    fn an_unknown_cookie_value_falls_back_to_the_browser() {
        assert_eq!(
            Locale::negotiate(Some("faro_lang=fr"), Some("es-MX")),
            Locale::Es
        );
    }

    #[test]
    fn q_values_are_honoured_and_spaces_trimmed() {
        assert_eq!(best_accepted("fr, es;q=0.8, en;q=0.5"), Some(Locale::Es));
        assert_eq!(best_accepted("en;q=0.2 , es-ES ; q=0.9"), Some(Locale::Es));
        assert_eq!(best_accepted("es;q=0, en"), Some(Locale::En));
        assert_eq!(best_accepted("de, fr"), None);
    }

    #[test]
    fn first_listed_wins_a_tie() {
        assert_eq!(best_accepted("es, en"), Some(Locale::Es));
        assert_eq!(best_accepted("en-GB, es"), Some(Locale::En));
    }

    #[test]
    fn english_when_nothing_is_known() {
        assert_eq!(Locale::negotiate(None, None), Locale::En);
        assert_eq!(Locale::negotiate(None, Some("ja")), Locale::En);
    }

    #[test]
    fn both_languages_differ_where_they_should() {
        let (en, es) = (Locale::En.strings(), Locale::Es.strings());
        assert_ne!(en.home_title, es.home_title);
        assert_eq!((en.project_count)(1), "1 project");
        assert_eq!((es.project_count)(2), "2 proyectos");
    }
}
