//! The at-a-glance chart as inline SVG for the HTML report: one stacked bar per party, one
//! segment per verdict, only the verdicts some party has. Drawn from [`view::Chart`]; the PDF
//! draws the same data with the typesetter's own shapes (vector too).
//!
//! Built with the same template engine as the page, so names are escaped like everything else.

use maud::{html, Markup};

use super::view::Chart;

const BAR: u32 = 18;
const GAP: u32 = 8;
const LABEL_W: u32 = 180;
const PLOT_W: u32 = 420;
const COUNT_W: u32 = 50;

/// The chart; no element when no party has a verdict.
pub(super) fn svg(chart: &Chart, caption: &str) -> Markup {
    if chart.rows.is_empty() || chart.max == 0 {
        return html! {};
    }
    let legend_h = 24;
    let height = legend_h + chart.rows.len() as u32 * (BAR + GAP);
    let width = LABEL_W + PLOT_W + COUNT_W;
    // Each bar's segments laid out first: (x, width, verdict index, count).
    let bars: Vec<Vec<(u32, u32, usize, usize)>> = chart
        .rows
        .iter()
        .map(|row| {
            let mut x = LABEL_W;
            let mut segments = Vec::new();
            for (i, n) in row.counts.iter().enumerate().filter(|(_, n)| **n > 0) {
                let w = ((*n as u64 * u64::from(PLOT_W)) / chart.max as u64).max(1) as u32;
                segments.push((x, w, i, *n));
                x += w;
            }
            segments
        })
        .collect();
    let legend_step = PLOT_W / chart.columns.len().max(1) as u32;
    html! {
        svg class="chart" xmlns="http://www.w3.org/2000/svg" role="img" width=(width) height=(height)
            viewBox={"0 0 " (width) " " (height)} aria-label=(caption) {
            title { (caption) }
            @for (i, col) in chart.columns.iter().enumerate() {
                @let x = LABEL_W + i as u32 * legend_step;
                rect x=(x) y="4" width="10" height="10" fill=(col.colour) {}
                text x=(x + 14) y="13" font-size="11" { (col.label) }
            }
            @for ((row_i, row), segments) in chart.rows.iter().enumerate().zip(&bars) {
                @let y = legend_h + row_i as u32 * (BAR + GAP);
                text x=(LABEL_W - 6) y=(y + BAR - 5) font-size="12" text-anchor="end" { (row.name) }
                @for (x, w, i, n) in segments {
                    rect x=(x) y=(y) width=(w) height=(BAR) fill=(chart.columns[*i].colour) {
                        title { (chart.columns[*i].label) ": " (n) }
                    }
                }
                text x=(LABEL_W + PLOT_W + 6) y=(y + BAR - 5) font-size="12" { (row.total) }
            }
        }
    }
}
