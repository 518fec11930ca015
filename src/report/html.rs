//! `egenregi report --format html`: the reviewer's report as one self-contained HTML file (inline
//! CSS and SVG, no script, no external asset), readable offline and printable. Header with the
//! as-of date, input digest and tool version; activity windows per provider as chart and table;
//! control paths; findings grouped by legal condition with their citations; waived findings.
//!
//! Everything taken from the input goes through [`esc`].

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::markdown::{amount, input_digest};
use super::plural;
use crate::Outcome;
use crate::analysis::{ControlKind, ControlPath, Minor, Window, YearBasis};
use crate::finding::{Finding, LegalCondition, Severity};

/// Escapes text for HTML element content and quoted attribute values.
pub fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c != '\n' && c != '\t' && super::is_hidden(c) => super::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A message as HTML: its backtick-quoted names become `<code>`, everything is escaped.
pub fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 16);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&esc(part));
        } else if i + 1 < parts.len() {
            let _ = write!(out, "<code>{}</code>", esc(part));
        } else {
            out.push('`');
            out.push_str(&esc(part));
        }
    }
    out
}

/// The report's heading and anchor for each legal condition (the catalogue gives each rule its
/// condition).
impl LegalCondition {
    pub const fn title(self) -> &'static str {
        match self {
            Self::Control => "Control",
            Self::Activity => "Activity",
            Self::PrivateCapital => "Private capital",
            Self::Procurement => "Procurement",
            Self::Infrastructure => "Infrastructure",
            Self::Integrity => "Integrity of the data",
        }
    }

    const fn anchor(self) -> &'static str {
        match self {
            Self::Control => "control-findings",
            Self::Activity => "activity-findings",
            Self::PrivateCapital => "private-capital-findings",
            Self::Procurement => "procurement-findings",
            Self::Infrastructure => "infrastructure-findings",
            Self::Integrity => "integrity-findings",
        }
    }
}

const CSS: &str = "
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --ink: #1f2328; --muted: #59636e;
  --line: #d1d9e0; --q: #0969da; --nq: #d8e3f0; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem; max-width: 72rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .25rem; margin-top: 2.5rem; }
h3 { margin-top: 1.75rem; }
code { font: .9em ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  background: #f6f8fa; padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: 0; list-style: none; }
table { border-collapse: collapse; margin: .75rem 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: .3rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.window td { font-weight: 600; }
td.date { white-space: nowrap; }
td.id code { overflow-wrap: normal; }
.pass { color: var(--ok); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
.error { color: var(--bad); font-weight: 600; }
.warning { color: var(--warn); font-weight: 600; }
.note { color: var(--muted); font-weight: 600; }
.muted { color: var(--muted); }
figure { margin: .5rem 0; }
figcaption { color: var(--muted); font-size: .9rem; }
svg.activity-chart { max-width: 100%; height: auto; }
ul.cites { margin: .2rem 0 0; padding-left: 1.1rem; }
footer { margin-top: 3rem; color: var(--muted); font-size: .85rem; }
@media print { body { max-width: none; padding: 0; } nav { display: none; } h2 { break-after: avoid; } }
";

fn head(out: &mut String, outcome: &Outcome) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>egenregi report, as of {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        outcome.as_of
    );
}

fn header(out: &mut String, outcome: &Outcome, digest: &str) {
    let errors = outcome.count(Severity::Error);
    let verdict = if errors == 0 {
        "<span class=\"pass\">no errors</span>".to_owned()
    } else {
        format!("<span class=\"fail\">{}</span>", plural(errors, "error"))
    };
    let _ = write!(
        out,
        "<header>\n<h1>In-house (utvidet egenregi) report</h1>\n<dl class=\"facts\">\n\
         <dt>As of</dt><dd>{}</dd>\n\
         <dt>Result</dt><dd>{verdict}, {}, {}; {} waived</dd>\n\
         <dt>Input</dt><dd>{}, {}</dd>\n\
         <dt>Input digest</dt><dd><code id=\"digest\">sha256:{digest}</code> \
         <span class=\"muted\">(over every input file, sorted by path: path, NUL, length, text)</span></dd>\n\
         <dt>Tool</dt><dd>egenregi {}</dd>\n</dl>\n</header>\n",
        outcome.as_of,
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note"),
        outcome.waived.len(),
        plural(outcome.files, "file"),
        plural(outcome.documents, "document"),
        env!("CARGO_PKG_VERSION"),
    );
    out.push_str(
        "<nav><ul>\n<li><a href=\"#activity\">Activity test</a></li>\n\
         <li><a href=\"#control\">Control paths</a></li>\n\
         <li><a href=\"#findings\">Findings by legal condition</a></li>\n\
         <li><a href=\"#waived\">Waivers</a></li>\n</ul></nav>\n",
    );
}

fn share_text(s: Option<&str>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| format!("{} %", esc(s)))
}

fn percent(s: Option<&str>) -> Option<f64> {
    s.and_then(|s| s.parse::<f64>().ok())
        .map(|p| p.clamp(0.0, 100.0))
}

/// Chart geometry, in SVG user units.
const CHART_W: f64 = 640.0;
const CHART_H: f64 = 280.0;
const PLOT_TOP: f64 = 24.0;
const PLOT_H: f64 = 200.0;
const PLOT_LEFT: f64 = 48.0;
/// Room right of the plot for the threshold's label.
const PLOT_RIGHT: f64 = CHART_W - 100.0;

/// A small count as a coordinate factor.
fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

fn y_of(p: f64) -> f64 {
    PLOT_TOP + PLOT_H * (1.0 - p / 100.0)
}

/// How one bar is drawn: where, and its labels.
struct Bar<'a> {
    x: f64,
    width: f64,
    share: Option<&'a str>,
    /// The qualifying part's colour: blue above the threshold, orange at or below it.
    fill: &'static str,
    label: &'a str,
    sub: &'a str,
    tip: &'a str,
}

const ABOVE: &str = "#0969da";
const BELOW: &str = "#bc4c00";

fn fill(share: Option<&str>, threshold: f64) -> &'static str {
    match percent(share) {
        Some(p) if p > threshold => ABOVE,
        _ => BELOW,
    }
}

/// One bar: the whole height is the total, the coloured part the qualifying share.
fn bar(out: &mut String, b: &Bar<'_>) {
    let Bar {
        x,
        width,
        share,
        fill,
        label,
        sub,
        tip,
    } = *b;
    let _ = write!(out, "<g class=\"bar\"><title>{}</title>", esc(tip));
    if let Some(p) = percent(share) {
        // the share sits at the foot of its bar, clear of the threshold line; a bar too short
        // to hold it gets it on top
        let (label_y, label_fill) = if p >= 10.0 {
            (PLOT_TOP + PLOT_H - 8.0, "#fff")
        } else {
            (y_of(p) - 4.0, "#1f2328")
        };
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{PLOT_TOP:.1}\" width=\"{width:.1}\" height=\"{PLOT_H:.1}\" fill=\"#d8e3f0\"/>\
             <rect class=\"qualifying\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>\
             <text x=\"{:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{label_fill}\">{}</text>",
            y_of(p),
            PLOT_H * p / 100.0,
            x + width / 2.0,
            share_text(share)
        );
    } else {
        let _ = write!(
            out,
            "<rect x=\"{x:.1}\" y=\"{PLOT_TOP:.1}\" width=\"{width:.1}\" height=\"{PLOT_H:.1}\" fill=\"none\" \
             stroke=\"#d1d9e0\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#59636e\">no data</text>",
            x + width / 2.0,
            PLOT_TOP + PLOT_H / 2.0
        );
    }
    let _ = writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\">{}</text>\
         <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#59636e\">{}</text></g>",
        x + width / 2.0,
        PLOT_TOP + PLOT_H + 18.0,
        esc(label),
        x + width / 2.0,
        PLOT_TOP + PLOT_H + 33.0,
        esc(sub)
    );
}

fn basis(b: YearBasis) -> &'static str {
    match b {
        YearBasis::Actual => "actual",
        YearBasis::Projected => "projected",
        YearBasis::Missing => "missing",
    }
}

/// Qualifying share per year and for the window as 100 % bars, with the threshold line.
fn chart(out: &mut String, w: &Window) {
    let threshold = w.threshold.parse::<f64>().unwrap_or(80.0).clamp(0.0, 100.0);
    let _ = writeln!(
        out,
        "<svg class=\"activity-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_W} {CHART_H}\" \
         width=\"{CHART_W}\" height=\"{CHART_H}\" role=\"img\" aria-labelledby=\"{id}-t\">\
         <title id=\"{id}-t\">Qualifying share of the activity of {}, per year and for the window before {}</title>",
        esc(&w.provider),
        esc(&w.date),
        id = chart_id(w),
    );
    for p in [0.0, 20.0, 40.0, 60.0, 80.0, 100.0] {
        let _ = writeln!(
            out,
            "<line x1=\"{PLOT_LEFT}\" x2=\"{PLOT_RIGHT:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#d1d9e0\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\" font-size=\"11\" fill=\"#59636e\">{p:.0} %</text>",
            PLOT_LEFT - 6.0,
            y_of(p) + 4.0,
            y = y_of(p),
        );
    }
    let slots = w.years.len() + 1;
    let slot = (PLOT_RIGHT - PLOT_LEFT - 8.0) / count(slots);
    let width = slot * 0.6;
    for (i, y) in w.years.iter().enumerate() {
        let x = PLOT_LEFT + 8.0 + slot * count(i) + (slot - width) / 2.0;
        let tip = format!(
            "{}: qualifying {} of {} {} ({}, {})",
            y.year,
            amount(y.qualifying),
            amount(y.total),
            w.currency,
            y.share
                .as_deref()
                .map_or_else(|| "no share".to_owned(), |s| format!("{s} %")),
            basis(y.basis)
        );
        bar(
            out,
            &Bar {
                x,
                width,
                share: y.share.as_deref(),
                fill: fill(y.share.as_deref(), threshold),
                label: &y.year.to_string(),
                sub: basis(y.basis),
                tip: &tip,
            },
        );
    }
    let x = PLOT_LEFT + 8.0 + slot * count(slots - 1) + (slot - width) / 2.0;
    let tip = format!(
        "window: qualifying {} of {} {}",
        amount(w.qualifying),
        amount(w.total),
        w.currency
    );
    let verdict = match w.verdict {
        crate::analysis::decision::Verdict::NotAssessed => "not assessed",
        _ if w.passes => "passes",
        _ => "fails",
    };
    bar(
        out,
        &Bar {
            x,
            width,
            share: w.share.as_deref(),
            fill: if w.passes { ABOVE } else { BELOW },
            label: "window",
            sub: verdict,
            tip: &tip,
        },
    );
    let _ = write!(
        out,
        "<line class=\"threshold\" x1=\"{PLOT_LEFT}\" x2=\"{PLOT_RIGHT:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#cf222e\" \
         stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"#cf222e\">more than {} %</text>\n</svg>\n",
        PLOT_RIGHT + 6.0,
        y_of(threshold) + 4.0,
        esc(&w.threshold),
        y = y_of(threshold),
    );
}

/// A stable element id for a window's chart title (provider ids are free text here).
fn chart_id(w: &Window) -> String {
    let mut id = String::from("w-");
    for c in w.provider.chars().chain(['-']).chain(w.date.chars()) {
        id.push(if c.is_ascii_alphanumeric() { c } else { '-' });
    }
    id
}

fn headroom(w: &Window) -> String {
    if w.verdict == crate::analysis::decision::Verdict::NotAssessed {
        return format!("not assessed: {}", esc(&w.not_assessed.join("; ")));
    }
    let cur = esc(&w.currency);
    let h = amount(Minor(w.headroom_per_year.0.abs()));
    if w.passes {
        format!("{h} {cur} more non-qualifying activity per year before the window fails")
    } else if w.headroom_per_year.0 < 0 {
        format!("none: {h} {cur} per year of non-qualifying activity too much")
    } else {
        "none".to_owned()
    }
}

fn window(out: &mut String, w: &Window) {
    let verdict = match w.verdict {
        crate::analysis::decision::Verdict::NotAssessed => {
            "<span class=\"fail\">not assessed</span>"
        }
        _ if w.passes => "<span class=\"pass\">passes</span>",
        _ => "<span class=\"fail\">fails</span>",
    };
    let _ = write!(
        out,
        "<h4>Window: the three financial years before {} ({}): {verdict}</h4>\n<figure>\n",
        esc(&w.date),
        esc(&w.purpose)
    );
    chart(out, w);
    let _ = write!(
        out,
        "<figcaption>Dark: activity for the controlling authorities (blue above the threshold, orange \
         at or below it); light: all other activity. \
         Share {}, threshold more than {} %, margin {} points; headroom {}.</figcaption>\n</figure>\n",
        share_text(w.share.as_deref()),
        esc(&w.threshold),
        w.margin.as_deref().map_or_else(|| "–".to_owned(), esc),
        headroom(w)
    );
    let cur = esc(&w.currency);
    let _ = write!(
        out,
        "<table class=\"activity\">\n<thead><tr><th>Year</th><th>Basis</th><th>Measure</th><th>Report</th>\
         <th class=\"num\">Qualifying ({cur})</th><th class=\"num\">Total ({cur})</th><th class=\"num\">Share</th></tr></thead>\n<tbody>\n"
    );
    for y in &w.years {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            y.year,
            basis(y.basis),
            y.measure.as_deref().map_or_else(String::new, esc),
            y.report
                .as_deref()
                .map_or_else(String::new, |r| format!("<code>{}</code>", esc(r))),
            amount(y.qualifying),
            amount(y.total),
            share_text(y.share.as_deref()),
        );
    }
    let _ = write!(
        out,
        "<tr class=\"window\"><td colspan=\"4\">Window</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n</tbody>\n</table>\n",
        amount(w.qualifying),
        amount(w.total),
        share_text(w.share.as_deref()),
    );
    if !w.controlling_group.is_empty() {
        let names: Vec<String> = w
            .controlling_group
            .iter()
            .map(|g| format!("<code>{}</code>", esc(g)))
            .collect();
        let _ = writeln!(
            out,
            "<p>Controlling group (whose activity qualifies): {}</p>",
            names.join(", ")
        );
    }
}

fn activity(out: &mut String, outcome: &Outcome) {
    out.push_str("<section id=\"activity\">\n<h2>Activity test</h2>\n");
    if outcome.figures.windows.is_empty() {
        out.push_str("<p class=\"muted\">No activity windows were computed in this run.</p>\n");
    }
    let mut by_provider: BTreeMap<&str, Vec<&Window>> = BTreeMap::new();
    for w in &outcome.figures.windows {
        by_provider.entry(&w.provider).or_default().push(w);
    }
    for (provider, windows) in by_provider {
        let _ = writeln!(out, "<h3>Provider <code>{}</code></h3>", esc(provider));
        for w in windows {
            window(out, w);
        }
    }
    out.push_str("</section>\n");
}

const fn kind(k: ControlKind) -> &'static str {
    match k {
        ControlKind::Sole => "<span class=\"pass\">sole</span>",
        ControlKind::Indirect => "<span class=\"pass\">indirect</span>",
        ControlKind::Joint => "<span class=\"pass\">joint</span>",
        ControlKind::Reverse => "<span class=\"pass\">reverse</span>",
        ControlKind::Sister => "<span class=\"pass\">sister</span>",
        ControlKind::None => "<span class=\"fail\">none</span>",
    }
}

fn control(out: &mut String, paths: &[ControlPath]) {
    out.push_str("<section id=\"control\">\n<h2>Control paths</h2>\n");
    if paths.is_empty() {
        out.push_str("<p class=\"muted\">No in-house subscriptions were analysed in this run.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p>Each in-house subscription, at its award and on the as-of date, with the control \
         path found or the link that is missing.</p>\n<table class=\"control\">\n<thead><tr>\
         <th>Subscription</th><th>Authority</th><th>Service</th><th>Provider</th><th>Date</th>\
         <th>Control</th><th>Path</th><th>Explanation</th></tr></thead>\n<tbody>\n",
    );
    for p in paths {
        let path: Vec<String> = p.path.iter().map(|l| esc(l)).collect();
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td>\
             <td class=\"date\">{} ({})</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&p.subscription),
            esc(&p.authority),
            esc(&p.service),
            esc(&p.provider),
            esc(&p.date),
            esc(p.purpose),
            kind(p.kind),
            path.join(" → "),
            inline(&p.explanation),
        );
    }
    out.push_str("</tbody>\n</table>\n</section>\n");
}

fn location(outcome: &Outcome, f: &Finding) -> String {
    let file = outcome.sources.get(f.location.source);
    let (line, col) = file.line_col(f.location.span.start);
    format!("<code>{}:{line}:{col}</code>", breakable(&file.path))
}

/// An id or path that may wrap after a `/`, and nowhere else.
fn breakable(s: &str) -> String {
    esc(s).replace('/', "/<wbr>")
}

fn finding_row(out: &mut String, outcome: &Outcome, f: &Finding) {
    let mut detail = inline(&f.message);
    if let Some(h) = &f.help {
        let _ = write!(
            detail,
            "<br><span class=\"muted\">help: {}</span>",
            inline(h)
        );
    }
    for l in &f.labels {
        let lf = outcome.sources.get(l.location.source);
        let (ll, lc) = lf.line_col(l.location.span.start);
        let _ = write!(
            detail,
            "<br><span class=\"muted\">see <code>{}:{ll}:{lc}</code>: {}</span>",
            esc(&lf.path),
            inline(&l.message)
        );
    }
    let cites = if f.legal_basis.is_empty() {
        String::new()
    } else {
        let items: String = f.legal_basis.iter().fold(String::new(), |mut s, c| {
            let _ = write!(s, "<li>{}</li>", esc(c));
            s
        });
        format!("<ul class=\"cites\">{items}</ul>")
    };
    let _ = writeln!(
        out,
        "<tr><td class=\"{sev}\">{sev}</td><td class=\"id\"><code>{}</code></td><td class=\"id\">{}</td><td>{detail}</td><td>{cites}</td></tr>",
        breakable(&f.rule),
        location(outcome, f),
        sev = f.severity.as_str(),
    );
}

fn findings(out: &mut String, outcome: &Outcome) {
    out.push_str("<section id=\"findings\">\n<h2>Findings by legal condition</h2>\n");
    let mut by: BTreeMap<LegalCondition, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        by.entry(outcome.registry.condition(&f.rule))
            .or_default()
            .push(f);
    }
    for c in LegalCondition::ALL {
        let list = by.get(&c).map_or(&[][..], Vec::as_slice);
        let _ = writeln!(
            out,
            "<h3 id=\"{}\">{} <span class=\"muted\">({})</span></h3>",
            c.anchor(),
            c.title(),
            plural(list.len(), "finding")
        );
        if list.is_empty() {
            continue;
        }
        out.push_str(
            "<table class=\"findings\">\n<thead><tr><th>Severity</th><th>Rule</th><th>Where</th>\
             <th>Finding</th><th>Legal basis</th></tr></thead>\n<tbody>\n",
        );
        for f in list {
            finding_row(out, outcome, f);
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn waived(out: &mut String, outcome: &Outcome) {
    out.push_str("<section id=\"waived\">\n<h2>Waivers</h2>\n");
    if outcome.waivers.is_empty() {
        out.push_str("<p class=\"muted\">The repository has no waivers.</p>\n</section>\n");
        return;
    }
    out.push_str(
        "<p>Each waiver accepts the findings of one rule on its targets until it expires. An \
         expired waiver hides nothing: its findings are listed above again.</p>\n\
         <table class=\"waivers\">\n<thead><tr><th>Waiver</th><th>Rule and targets</th>\
         <th>Reason</th><th>Approved by</th><th>Expires</th><th>Status</th>\
         <th>Findings waived</th></tr></thead>\n<tbody>\n",
    );
    for w in &outcome.waivers {
        let file = outcome.sources.get(w.location.source);
        let (line, _) = file.line_col(w.location.span.start);
        let targets: Vec<String> = w
            .targets
            .iter()
            .map(|t| format!("<code>{}</code>", breakable(t)))
            .collect();
        let (class, status) = match w.status {
            crate::waiver::Status::Active => ("pass", "active"),
            crate::waiver::Status::Expired => ("fail", "expired"),
            crate::waiver::Status::Unused => ("warning", "unused"),
            crate::waiver::Status::Incomplete => ("fail", "incomplete"),
        };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code><br><span class=\"muted\">{}:{line}</span></td>\
             <td><code>{}</code><br>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"{class}\">{status}</td><td>{}</td></tr>",
            esc(&w.id),
            breakable(&file.path),
            esc(&w.rule),
            targets.join("<br>"),
            esc(&w.reason),
            esc(&w.approved_by),
            esc(&w.expires),
            w.waived,
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !outcome.waived.is_empty() {
        out.push_str(
            "<h3>Findings accepted by a waiver</h3>\n<table class=\"waived\">\n<thead><tr>\
             <th>Waiver</th><th>Rule</th><th>Where</th><th>Target</th><th>Finding</th></tr>\
             </thead>\n<tbody>\n",
        );
        for (f, w) in &outcome.waived {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(w),
                esc(&f.rule),
                location(outcome, f),
                f.target
                    .as_deref()
                    .map_or_else(String::new, |t| format!("<code>{}</code>", esc(t))),
                inline(&f.message),
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

pub fn render(outcome: &Outcome) -> String {
    let digest = input_digest(outcome);
    let mut out = String::with_capacity(64 * 1024);
    head(&mut out, outcome);
    header(&mut out, outcome, &digest);
    out.push_str("<main>\n");
    activity(&mut out, outcome);
    control(&mut out, &outcome.figures.control);
    findings(&mut out, outcome);
    waived(&mut out, outcome);
    let _ = write!(
        out,
        "</main>\n<footer>egenregi {} · as of {} · sha256:{digest}</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        outcome.as_of
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup() {
        assert_eq!(
            esc("<script>alert('x')</script> & \"y\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;y&quot;"
        );
        assert_eq!(
            esc("a\u{0}b\u{1b}[31m\u{202e}\u{85}"),
            "a\\u{0}b\\u{1b}[31m\\u{202e}\\u{85}"
        );
        assert_eq!(
            inline("id `<x>` and `y"),
            "id <code>&lt;x&gt;</code> and `y"
        );
    }
}
