//! SVG bar charts drawn by the server (no script, no external library): a monthly column chart and a
//! horizontal bar chart. Every chart has a title and a text alternative; the numbers are also in the
//! tables beside them.

use maud::{Markup, html};

const BLUE: &str = "#005f8f";
const ORANGE: &str = "#b85c00";
const GREY: &str = "#6b6b6b";

/// Columns per month, stacked: answered, clarified, declined (small talk left out).
pub fn months(title: &str, rows: &[(String, [u64; 3])]) -> Markup {
    let width = 720.0;
    let height = 220.0;
    let left = 40.0;
    let bottom = 30.0;
    let max = rows
        .iter()
        .map(|(_, v)| v.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let slot = (width - left) / rows.len().max(1) as f64;
    let bar = slot * 0.6;
    let scale = (height - bottom - 10.0) / max;
    let colours = [BLUE, ORANGE, GREY];
    // (x, y, height, colour) of every rectangle, and (x, label) of every month.
    let mut rects = Vec::new();
    let mut labels = Vec::new();
    for (i, (label, values)) in rows.iter().enumerate() {
        let x = left + i as f64 * slot + (slot - bar) / 2.0;
        let mut y = height - bottom;
        for (k, v) in values.iter().enumerate() {
            let h = *v as f64 * scale;
            y -= h;
            rects.push((x, y, h, colours[k]));
        }
        labels.push((x, label.get(5..).unwrap_or(label).to_string()));
    }
    html! {
        figure {
            svg width=(width) height=(height) viewBox=(format!("0 0 {width} {height}")) role="img" aria-labelledby="chart-months-title" {
                title id="chart-months-title" { (title) }
                line x1=(left) y1=(height - bottom) x2=(width) y2=(height - bottom) stroke="#1b1b1b" {}
                text x="0" y="14" { (max as u64) }
                @for (x, y, h, colour) in &rects {
                    rect x=(format!("{x:.1}")) y=(format!("{y:.1}")) width=(format!("{bar:.1}")) height=(format!("{h:.1}")) fill=(colour) {}
                }
                @for (x, label) in &labels {
                    text x=(format!("{x:.1}")) y=(height - 10.0) { (label) }
                }
            }
            figcaption { "Answered (blue), clarified (orange), declined (grey); the table below has the figures." }
        }
    }
}

/// Horizontal bars, one per labelled count.
pub fn bars(title: &str, rows: &[(String, u64)]) -> Markup {
    let width = 720.0;
    let row = 22.0;
    let label_width = 240.0;
    let height = row * rows.len().max(1) as f64 + 10.0;
    let max = rows.iter().map(|(_, v)| *v).max().unwrap_or(0).max(1) as f64;
    let scale = (width - label_width - 60.0) / max;
    html! {
        svg width=(width) height=(height) viewBox=(format!("0 0 {width} {height}")) role="img" aria-label=(title) {
            title { (title) }
            @for (i, (label, value)) in rows.iter().enumerate() {
                @let y = i as f64 * row + 4.0;
                text x="0" y=(format!("{:.1}", y + 14.0)) { (label) }
                rect x=(label_width) y=(format!("{y:.1}")) width=(format!("{:.1}", *value as f64 * scale)) height="16" fill=(BLUE) {}
                text x=(format!("{:.1}", label_width + *value as f64 * scale + 6.0)) y=(format!("{:.1}", y + 14.0)) { (value) }
            }
        }
    }
}
