//! The timeline drawn as SVG text (no chart library, no JavaScript): the milestones with a due
//! date on a horizontal time axis, a "today" line, each marker coloured by status (and by risk)
//! with its title, date and progress beside it. Labels take turns on three lanes so that
//! neighbours do not overlap. Milestones without a date are only in the list below it.

use super::{Milestone, Status};
use crate::calendar::DueDate;
use crate::i18n::Strings;
use crate::text::escape_html as escape;

/// The drawing's width in SVG units; it scales to the page's width.
const WIDTH: f64 = 1000.0;
const PAD: f64 = 70.0;
const LANES: usize = 3;
const LANE_HEIGHT: f64 = 46.0;
const LABEL_CHARS: usize = 30;

/// Where day `day` falls on the axis that runs from `first` to `last`.
pub fn x_of(day: DueDate, first: DueDate, last: DueDate) -> f64 {
    let span = first.days_until(last);
    if span <= 0 {
        return WIDTH / 2.0;
    }
    PAD + (WIDTH - 2.0 * PAD) * first.days_until(day) as f64 / span as f64
}

/// The first and last day the axis shows: every due date and today, with a few days' margin.
pub fn span(milestones: &[Milestone], today: DueDate) -> (DueDate, DueDate) {
    let days = milestones
        .iter()
        .filter_map(|m| m.due_on)
        .chain([today])
        .map(DueDate::ordinal);
    let (min, max) = days.fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
    let margin = ((max - min) / 20).max(3);
    (
        DueDate::from_ordinal(min - margin),
        DueDate::from_ordinal(max + margin),
    )
}

/// The SVG, as text to place in the page.
pub fn svg(milestones: &[Milestone], today: DueDate, t: &Strings) -> String {
    let dated: Vec<&Milestone> = milestones.iter().filter(|m| m.due_on.is_some()).collect();
    let (first, last) = span(milestones, today);
    let axis = 30.0 + LANE_HEIGHT * LANES as f64;
    let height = axis + 44.0;
    let mut out = format!(
        "<svg class=\"timeline-svg\" viewBox=\"0 0 {WIDTH} {height}\" role=\"img\" \
         aria-labelledby=\"timeline-svg-title\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"timeline-svg-title\">{}</title>\
         <line class=\"tl-axis\" x1=\"{PAD}\" y1=\"{axis}\" x2=\"{}\" y2=\"{axis}\"/>",
        escape(t.timeline_label),
        WIDTH - PAD,
    );
    // The axis' ends, dated.
    for (day, anchor, x) in [(first, "start", PAD), (last, "end", WIDTH - PAD)] {
        out.push_str(&format!(
            "<text class=\"tl-end\" x=\"{x}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            axis + 34.0,
            escape(&day.in_words(t)),
        ));
    }
    let today_x = x_of(today, first, last);
    out.push_str(&format!(
        "<line class=\"tl-today\" x1=\"{today_x:.1}\" y1=\"12\" x2=\"{today_x:.1}\" y2=\"{}\"/>\
         <text class=\"tl-today-label\" x=\"{today_x:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
        axis + 12.0,
        axis + 34.0,
        escape(t.timeline_today),
    ));
    for (index, milestone) in dated.iter().enumerate() {
        let due = milestone.due_on.expect("dated");
        let x = x_of(due, first, last);
        let lane = index % LANES;
        let y = axis - 24.0 - LANE_HEIGHT * lane as f64;
        let anchor = if x > WIDTH * 0.7 { "end" } else { "start" };
        let text_x = if anchor == "end" { x - 8.0 } else { x + 8.0 };
        let class = marker_class(milestone);
        let title = shorten(&milestone.title, LABEL_CHARS);
        let mut detail = format!("{} · {}", due.in_words(t), milestone.status.name(t));
        if let Some(percent) = milestone.progress.percent() {
            detail.push_str(&format!(" · {percent} %"));
        }
        out.push_str(&format!(
            "<g class=\"tl-milestone {class}\">\
             <line class=\"tl-stem\" x1=\"{x:.1}\" y1=\"{:.1}\" x2=\"{x:.1}\" y2=\"{axis}\"/>\
             <circle class=\"tl-marker\" cx=\"{x:.1}\" cy=\"{axis}\" r=\"8\"/>\
             <text class=\"tl-title\" x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>\
             <text class=\"tl-detail\" x=\"{text_x:.1}\" y=\"{:.1}\" text-anchor=\"{anchor}\">{}</text>\
             </g>",
            y - 14.0,
            y - 2.0,
            escape(&title),
            y + 14.0,
            escape(&detail),
        ));
    }
    out.push_str("</svg>");
    out
}

/// The marker's colour class: risk first (late or at risk), then the status.
fn marker_class(milestone: &Milestone) -> &'static str {
    match (milestone.risk, milestone.status) {
        (Some(risk), _) if risk.is_overdue() => "tl-overdue",
        (Some(_), _) => "tl-at-risk",
        (None, Status::Planned) => "tl-planned",
        (None, Status::InProgress) => "tl-in-progress",
        (None, Status::Completed) => "tl-completed",
        (None, Status::Approved) => "tl-approved",
    }
}

fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max - 1).collect();
    short.push('…');
    short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::milestones::{MilestoneId, Progress, Risk};

    fn day(text: &str) -> DueDate {
        DueDate::parse(text).unwrap().unwrap()
    }

    fn milestone(id: i64, title: &str, due: Option<&str>, status: Status) -> Milestone {
        Milestone {
            id: MilestoneId(id),
            title: title.into(),
            description: String::new(),
            description_html: String::new(),
            due_on: due.map(day),
            status,
            completed_on: None,
            progress: Progress::default(),
            risk: None,
            sign_offs: Vec::new(),
            awaits_viewer: false,
            history: Vec::new(),
            version: 1,
            round: 0,
            comment_count: 0,
        }
    }

    #[test]
    fn days_fall_in_order_between_the_axis_ends() {
        let (first, last) = (day("2026-12-01"), day("2026-12-31"));
        assert_eq!(x_of(first, first, last), PAD);
        assert_eq!(x_of(last, first, last), WIDTH - PAD);
        let middle = x_of(day("2026-12-16"), first, last);
        assert!((middle - WIDTH / 2.0).abs() < 0.01, "{middle}");
        assert_eq!(x_of(first, first, first), WIDTH / 2.0);
    }

    #[test]
    fn the_axis_holds_every_due_date_and_today() {
        let milestones = [
            milestone(1, "Design", Some("2027-01-10"), Status::Planned),
            milestone(2, "Launch", Some("2027-03-01"), Status::Planned),
            milestone(3, "Someday", None, Status::Planned),
        ];
        let today = day("2026-12-02");
        let (first, last) = span(&milestones, today);
        assert!(first < today && last > day("2027-03-01"));
    }

    #[test]
    fn the_drawing_names_each_dated_milestone_escaped_and_marks_risk() {
        let t = crate::i18n::Locale::En.strings();
        let mut late = milestone(
            1,
            "Design <b>& copy</b>",
            Some("2026-11-20"),
            Status::InProgress,
        );
        late.risk = Some(Risk::Overdue { days: 12 });
        let mut soon = milestone(2, "Checkout", Some("2026-12-05"), Status::InProgress);
        soon.risk = Some(Risk::DueSoon {
            days: 3,
            percent: 20,
        });
        soon.progress = Progress {
            done: 1,
            total: 5,
            ..Progress::default()
        };
        let later = milestone(3, "Launch", Some("2027-02-01"), Status::Approved);
        let undated = milestone(4, "Undated idea", None, Status::Planned);
        let svg = svg(&[late, soon, later, undated], day("2026-12-02"), t);
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert!(svg.contains("Design &lt;b&gt;&amp; copy&lt;/b&gt;"));
        assert!(!svg.contains("<b>"));
        assert_eq!(svg.matches("class=\"tl-marker\"").count(), 3);
        assert!(!svg.contains("Undated idea"));
        assert!(
            svg.contains("tl-overdue") && svg.contains("tl-at-risk") && svg.contains("tl-approved")
        );
        assert!(svg.contains("5 Dec 2026 · In progress · 20 %"));
        assert!(svg.contains(">Today<"));
    }

    #[test]
    fn long_titles_are_shortened_on_the_axis() {
        assert_eq!(shorten("short", 30), "short");
        assert_eq!(shorten(&"a".repeat(40), 10).chars().count(), 10);
        assert!(shorten(&"a".repeat(40), 10).ends_with('…'));
    }
}
