//! Charts drawn by the server (no script, no external library): a monthly column chart in SVG, its
//! columns stacked so that a column's height is the month's whole count (the same figure as the
//! cards and the table), with round ticks and each column's total written on top; and horizontal
//! bars as an HTML list (label, bar, count in three grid columns, so they never overlap at any
//! width; the label goes above its bar on narrow screens). Every chart has a title and a text
//! alternative; the numbers are also in the tables beside them.

use maud::{Markup, html};

const BLUE: &str = "#005f8f";
const ORANGE: &str = "#b85c00";
const GREY: &str = "#6b6b6b";
const GREEN: &str = "#2e7d32";
const PURPLE: &str = "#6a3d9a";

/// The colours of the stacked series, from the bottom (each at least 3:1 against white).
pub const SERIES_COLOURS: [&str; 5] = [BLUE, ORANGE, GREY, GREEN, PURPLE];

/// A round step for about four ticks up to `max`: 1, 2 or 5 times a power of ten.
pub fn tick_step(max: u64) -> u64 {
    let raw = max.div_ceil(4).max(1);
    let mut magnitude = 1u64;
    loop {
        for m in [1, 2, 5] {
            if m * magnitude >= raw {
                return m * magnitude;
            }
        }
        magnitude = magnitude.saturating_mul(10);
    }
}

/// What the monthly chart shows.
pub struct MonthChart<'a> {
    /// The title (and the SVG's accessible name).
    pub title: &'a str,
    /// The series' names, from the bottom of the stack.
    pub series: [&'a str; 5],
    /// The sentence under the chart (how to read it).
    pub caption: &'a str,
    /// "Year's total:" before the sum of every column.
    pub total_label: &'a str,
    /// Per month: its short name and the five counts (they add up to the month's total).
    pub rows: &'a [(String, [u64; 5])],
}

/// Columns per month, stacked in [`SERIES_COLOURS`] order, the month's total written on top.
pub fn months(chart: &MonthChart<'_>) -> Markup {
    let width = 720.0;
    let height = 250.0;
    let left = 48.0;
    let top = 22.0;
    let bottom = 28.0;
    let totals: Vec<u64> = chart.rows.iter().map(|(_, v)| v.iter().sum()).collect();
    let year_total: u64 = totals.iter().sum();
    let max = totals.iter().copied().max().unwrap_or(0);
    let step = tick_step(max);
    let axis_top = max.div_ceil(step).max(1) * step;
    let plot = height - top - bottom;
    let scale = plot / axis_top as f64;
    let slot = (width - left) / chart.rows.len().max(1) as f64;
    let bar = slot * 0.6;
    let ticks: Vec<(u64, f64)> = (0..=axis_top / step)
        .map(|i| (i * step, height - bottom - (i * step) as f64 * scale))
        .collect();
    // (x, y, height, colour) of every rectangle; (centre x, top y, total, label) of every month.
    let mut rects = Vec::new();
    let mut columns = Vec::new();
    for ((label, values), total) in chart.rows.iter().zip(&totals) {
        let x = left + columns.len() as f64 * slot + (slot - bar) / 2.0;
        let mut y = height - bottom;
        for (v, colour) in values.iter().zip(SERIES_COLOURS) {
            if *v > 0 {
                let h = *v as f64 * scale;
                y -= h;
                rects.push((x, y, h, colour));
            }
        }
        columns.push((x + bar / 2.0, y, *total, label.clone()));
    }
    html! {
        figure.chart {
            svg.chart viewBox=(format!("0 0 {width} {height}")) role="img" aria-labelledby="chart-months-title chart-months-desc" {
                title id="chart-months-title" { (chart.title) }
                desc id="chart-months-desc" {
                    (chart.total_label) " " (year_total) ". "
                    @for (_, _, total, label) in &columns { (label) " " (total) "; " }
                }
                @for (value, y) in &ticks {
                    line x1=(left - 4.0) y1=(format!("{y:.1}")) x2=(width) y2=(format!("{y:.1}")) stroke=(if *value == 0 { "#1b1b1b" } else { "#d0d0cc" }) {}
                    text.tick x=(left - 8.0) y=(format!("{:.1}", y + 4.0)) text-anchor="end" { (value) }
                }
                @for (x, y, h, colour) in &rects {
                    rect x=(format!("{x:.1}")) y=(format!("{y:.1}")) width=(format!("{bar:.1}")) height=(format!("{h:.1}")) fill=(colour) stroke="#fff" stroke-width="1" {}
                }
                @for (x, y, total, label) in &columns {
                    text.total x=(format!("{x:.1}")) y=(format!("{:.1}", y - 5.0)) text-anchor="middle" { (total) }
                    text x=(format!("{x:.1}")) y=(height - 9.0) text-anchor="middle" { (label) }
                }
            }
            figcaption {
                ul.legend {
                    @for (name, colour) in chart.series.iter().zip(SERIES_COLOURS) {
                        li { svg width="12" height="12" viewBox="0 0 12 12" aria-hidden="true" focusable="false" { rect width="12" height="12" fill=(colour) {} } " " (name) }
                    }
                }
                p { strong { (chart.total_label) " " (year_total) } ". " (chart.caption) }
            }
        }
    }
}

/// Horizontal bars, one per labelled count: an HTML list whose label, bar and count are separate
/// grid cells (the label wraps inside its column, never under the bar or the count); `empty` when
/// there is nothing to show. `id` names the chart's title element.
pub fn bars(id: &str, title: &str, empty: &str, rows: &[(String, u64)]) -> Markup {
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let title_id = format!("chart-{id}-title");
    html! {
        figure.hbars aria-labelledby=(title_id) {
            figcaption id=(title_id) { (title) }
            @if rows.is_empty() { p.muted { (empty) } }
            @else {
                ol {
                    @for (label, value) in rows {
                        @let share = if *value == 0 { 0.0 } else { (100.0 * *value as f64 / max).max(0.5) };
                        li {
                            span.hbar-label { (label) }
                            span.hbar-track aria-hidden="true" {
                                svg viewBox="0 0 100 16" preserveAspectRatio="none" focusable="false" {
                                    rect width=(format!("{share:.1}")) height="16" fill=(BLUE) {}
                                }
                            }
                            span.hbar-count { (value) }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    //! Properties: ticks are round and reach the highest column; a column's total is the sum of its
    //! parts; the bars' label, bar and count are separate cells, the full label kept.
    use super::*;

    #[test]
    fn ticks_are_round_and_cover_the_highest_value() {
        assert_eq!(tick_step(0), 1);
        assert_eq!(tick_step(3), 1);
        assert_eq!(tick_step(78), 20);
        assert_eq!(tick_step(72), 20);
        assert_eq!(tick_step(1_000), 500);
        assert_eq!(tick_step(41), 20);
        for max in 0..2_000 {
            let step = tick_step(max);
            let top = max.div_ceil(step).max(1) * step;
            assert!(top >= max && top / step <= 5, "{max}: step {step}");
        }
    }

    #[test]
    fn every_column_shows_its_whole_total() {
        let rows = vec![
            ("Jan".to_string(), [40, 10, 5, 6, 17]),
            ("Feb".to_string(), [0, 0, 0, 0, 0]),
        ];
        let chart = months(&MonthChart {
            title: "Requests per month in 2026",
            series: ["a", "b", "c", "d", "e"],
            caption: "caption",
            total_label: "Year's total:",
            rows: &rows,
        })
        .into_string();
        assert!(
            chart.contains("text-anchor=\"middle\">78</text>"),
            "{chart}"
        );
        assert!(chart.contains("<strong>Year's total: 78</strong>"));
        assert!(
            chart.contains("<title id=\"chart-months-title\">Requests per month in 2026</title>")
        );
        assert_eq!(chart.matches("<rect x=").count(), 5, "zeros draw nothing");
        // The highest tick is round and above the highest column.
        assert!(chart.contains(">80</text>") && !chart.contains(">100</text>"));
    }

    #[test]
    fn bars_keep_label_bar_and_count_apart() {
        let long =
            "Service d'accompagnement des chercheurs d'emploi de la Région bruxelloise".to_string();
        let html = bars(
            "partners",
            "Answers per partner",
            "none",
            &[(long.clone(), 12), ("VDAB".into(), 3)],
        )
        .into_string();
        assert!(html.contains(&format!(
            "<span class=\"hbar-label\">{}</span>",
            maud::html! { (long) }.into_string()
        )));
        assert!(html.contains("<span class=\"hbar-count\">12</span>"));
        assert!(html.contains("aria-labelledby=\"chart-partners-title\""));
        assert!(html.contains("<rect width=\"100.0\"") && html.contains("<rect width=\"25.0\""));
        assert!(!html.contains("<text"), "no text drawn inside the bars");
        assert!(
            bars("x", "t", "Nothing yet.", &[])
                .into_string()
                .contains("Nothing yet.")
        );
    }
}
