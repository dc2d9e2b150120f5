//! A project's scores across its forms, drawn as SVG text on the server (no chart library, no
//! JavaScript): one small line chart for CSAT (1–5) and one for NPS (−100 to 100), oldest form
//! on the left, each point with its value written beside it. The figure's caption says the same
//! in words, for screen readers and for anyone who does not read charts.

use crate::text::escape_html as escape;

const WIDTH: f64 = 600.0;
const HEIGHT: f64 = 150.0;
const PAD_X: f64 = 44.0;
const PAD_TOP: f64 = 22.0;
const PAD_BOTTOM: f64 = 34.0;
const LABEL_CHARS: usize = 18;

/// One point: the form's short name (its milestone, or its date) and the value, in the chart's
/// own unit (CSAT in tenths, NPS as a whole number).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Point {
    pub label: String,
    pub value: i64,
}

/// Where point `index` of `count` falls across the drawing.
pub fn x_of(index: usize, count: usize) -> f64 {
    if count <= 1 {
        return WIDTH / 2.0;
    }
    PAD_X + (WIDTH - 2.0 * PAD_X) * index as f64 / (count - 1) as f64
}

/// Where `value` falls between `min` (bottom) and `max` (top); values outside are kept inside.
pub fn y_of(value: i64, min: i64, max: i64) -> f64 {
    let value = value.clamp(min, max);
    let share = (value - min) as f64 / (max - min).max(1) as f64;
    HEIGHT - PAD_BOTTOM - share * (HEIGHT - PAD_TOP - PAD_BOTTOM)
}

fn short(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        label.to_string()
    } else {
        let cut: String = label.chars().take(LABEL_CHARS - 1).collect();
        format!("{}…", cut.trim_end())
    }
}

/// The chart of `points` on a scale from `min` to `max`, each value written by `text`; `id`
/// names its title for `aria-labelledby`.
pub fn svg(
    id: &str,
    title: &str,
    points: &[Point],
    min: i64,
    max: i64,
    text: impl Fn(i64) -> String,
) -> String {
    let mut out = format!(
        "<svg class=\"score-chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"{id}\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"{id}\">{}</title>",
        escape(title)
    );
    // The scale: bottom, middle and top lines with their values.
    for value in [min, (min + max) / 2, max] {
        let y = y_of(value, min, max);
        out.push_str(&format!(
            "<line class=\"chart-grid\" x1=\"{PAD_X}\" y1=\"{y:.1}\" x2=\"{:.1}\" y2=\"{y:.1}\"/>\
             <text class=\"chart-scale\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            WIDTH - PAD_X,
            PAD_X - 6.0,
            y + 4.0,
            escape(&text(value))
        ));
    }
    let coordinates: Vec<(f64, f64)> = points
        .iter()
        .enumerate()
        .map(|(i, p)| (x_of(i, points.len()), y_of(p.value, min, max)))
        .collect();
    if coordinates.len() > 1 {
        let line: Vec<String> = coordinates
            .iter()
            .map(|(x, y)| format!("{x:.1},{y:.1}"))
            .collect();
        out.push_str(&format!(
            "<polyline class=\"chart-line\" points=\"{}\"/>",
            line.join(" ")
        ));
    }
    for (point, (x, y)) in points.iter().zip(&coordinates) {
        out.push_str(&format!(
            "<circle class=\"chart-point\" cx=\"{x:.1}\" cy=\"{y:.1}\" r=\"4\"/>\
             <text class=\"chart-value\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>\
             <text class=\"chart-label\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            y - 9.0,
            escape(&text(point.value)),
            HEIGHT - 10.0,
            escape(&short(&point.label))
        ));
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_stay_inside_the_drawing_in_order() {
        assert_eq!(x_of(0, 1), WIDTH / 2.0);
        assert!(x_of(0, 3) < x_of(1, 3) && x_of(1, 3) < x_of(2, 3));
        assert_eq!(x_of(2, 3), WIDTH - PAD_X);
        assert!(
            y_of(50, 10, 50) < y_of(10, 10, 50),
            "higher values are drawn higher"
        );
        assert_eq!(y_of(500, 10, 50), y_of(50, 10, 50), "kept inside");
        assert!(y_of(-100, -100, 100) <= HEIGHT - PAD_BOTTOM);
    }

    #[test]
    fn labels_are_escaped_and_shortened() {
        let points = vec![
            Point {
                label: "<b>Día</b> & fin".into(),
                value: 45,
            },
            Point {
                label: "A very long milestone title indeed".into(),
                value: 20,
            },
        ];
        let svg = svg("c", "CSAT", &points, 10, 50, |v| {
            format!("{}.{}", v / 10, v % 10)
        });
        assert!(svg.contains("&lt;b&gt;Día&lt;/b&gt; &amp; fin"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("A very long miles…"), "{svg}");
        assert!(svg.contains(">4.5<") && svg.contains(">2.0<"));
        assert_eq!(svg.matches("<circle").count(), 2);
        assert!(svg.contains("<polyline"));
    }
}
