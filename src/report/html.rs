//! `egenregi report --format html`: the reviewer's report as one self-contained HTML file (inline
//! CSS and SVG, no script, no external asset), readable offline and printable on A4. It is built
//! from the decision records (DESIGN §3.1): a summary per provider and buyer with a verdict per
//! legal condition; the activity history as one chart per provider; findings by legal condition
//! with what was checked; waivers; then one page per buyer: its subscriptions grouped by basis
//! and control path, each condition with verdict, figures, path in names, evidence, citations
//! with how far each is verified, assumptions and what was not checked. In Norwegian Bokmål or
//! English (`locales/*.ftl`).
//!
//! Everything taken from the input goes through [`esc`].

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use fluent_bundle::FluentValue;

pub use super::View;
use super::{input_digest, path_text};
use crate::Outcome;
use crate::analysis::decision::{Decision, Purpose, Verdict};
use crate::analysis::{Minor, Window, YearFigures};
use crate::finding::{Finding, LegalCondition, Severity};
use crate::i18n::{Tr, num};

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

/// The report's title message and anchor for each legal condition (the rule catalogue gives
/// every rule its condition).
impl LegalCondition {
    /// The message id of its title.
    const fn message(self) -> &'static str {
        match self {
            Self::Control => "group-control",
            Self::Activity => "group-activity",
            Self::PrivateCapital => "group-private-capital",
            Self::Procurement => "group-procurement",
            Self::Infrastructure => "group-infrastructure",
            Self::Integrity => "group-integrity",
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

/// The rule whose citations a condition rests on when it gave rise to no finding.
fn cited_rule(condition: &str) -> &'static str {
    match condition {
        "buyer" => "inhouse/not-contracting-authority",
        "control" => "inhouse/control",
        "activity" => "inhouse/activity-share",
        "private-capital" => "inhouse/private-capital",
        "contrary-interests" => "inhouse/contrary-interests",
        _ => "procurement/basis",
    }
}

const CSS: &str = "
:root { --ok: #1a7f37; --bad: #cf222e; --warn: #9a6700; --ink: #1f2328; --muted: #59636e;
  --line: #d1d9e0; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, 'Segoe UI', sans-serif; color: var(--ink);
  margin: 0 auto; padding: 1.5rem; max-width: 80rem; }
h1 { font-size: 1.5rem; margin: 0 0 .4rem; }
h2 { border-bottom: 1px solid var(--line); padding-bottom: .2rem; margin: 2rem 0 .6rem; font-size: 1.25rem; }
h3 { margin: 1.2rem 0 .4rem; font-size: 1.05rem; }
p { margin: .35rem 0; }
code { font: .88em ui-monospace, 'SFMono-Regular', Menlo, Consolas, monospace;
  background: #f6f8fa; padding: 0 .2em; border-radius: 3px; overflow-wrap: anywhere; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
nav ul { display: flex; flex-wrap: wrap; gap: .2rem 1.1rem; padding: 0; list-style: none; }
table { border-collapse: collapse; margin: .5rem 0; width: 100%; }
th, td { border: 1px solid var(--line); padding: .2rem .4rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.date { white-space: nowrap; }
.wrap { white-space: normal; }
td.id code { overflow-wrap: normal; }
.v { display: inline-block; padding: 0 .35em; border-radius: 3px; font-weight: 600; white-space: nowrap; }
.v-holds { color: var(--ok); }
.v-review { color: #7d4e00; background: #fff1c2; border: 1px solid #d4a72c; }
.v-not-assessed { color: #6e3b00; background: #ffe2cc; border: 1px dashed #bc4c00; }
.v-fails { color: #fff; background: var(--bad); }
.pass { color: var(--ok); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
.error { color: var(--bad); font-weight: 600; }
.warning { color: var(--warn); font-weight: 600; }
.note { color: var(--muted); font-weight: 600; }
.muted { color: var(--muted); }
.small { font-size: .85em; }
figure { margin: .4rem 0; }
figcaption { color: var(--muted); font-size: .85rem; }
svg.activity-chart { max-width: 100%; height: auto; }
ul { margin: .15rem 0; padding-left: 1.1rem; }
ul.cites { font-size: .85em; }
table.conditions td:first-child { white-space: nowrap; }
table.summary th, table.summary td { font-size: .85em; }
/* a provider with many conditions has many columns: its verdicts wrap rather than run off */
table.summary .v { white-space: normal; }
footer { margin-top: 2rem; color: var(--muted); font-size: .8rem; }
@page { size: A4; margin: 12mm 11mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 8.5pt; line-height: 1.25; }
  p.checked { font-size: 7pt; }
  svg.activity-chart { width: 150mm; }
  nav { display: none; }
  h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1rem; } h3 { font-size: 10pt; margin-top: .6rem; }
  h2, h3 { break-after: avoid; }
  tr, figure, li { break-inside: avoid; }
  section.buyer.inhouse { break-before: page; }
  th, td { padding: .1rem .3rem; }
  .v-review, .v-not-assessed, .v-fails, th { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
";

/// Everything one rendering needs.
struct Ctx<'a> {
    o: &'a Outcome,
    tr: &'static Tr,
    pack: crate::analysis::pack::Jurisdiction,
    /// The decisions shown (one buyer's in an extract).
    decisions: Vec<&'a Decision>,
    buyer: Option<&'a str>,
}

/// The key a decision is filed under: its buyer, else its tenant (the buyer is unknown).
fn buyer_of(d: &Decision) -> &str {
    d.subject.buyer_or_tenant()
}

impl Ctx<'_> {
    /// The display name of an entity or service, escaped; the id in code when it has none.
    fn name(&self, id: &str) -> String {
        match self.o.names.get(id) {
            Some(n) => esc(n),
            None => format!("<code>{}</code>", esc(id)),
        }
    }

    /// One link of a control path in names: `members-of:ks` reads "the members of KS".
    fn link(&self, part: &str) -> String {
        if let Some(x) = part.strip_prefix("members-of:") {
            return esc(&self.tr.arg("path-members-of", "group", &self.plain_name(x)));
        }
        if self.o.names.contains_key(part) {
            return self.name(part);
        }
        // the path's own words (`owners in gm`) in the report's language; English keeps the
        // words as the analyses wrote them
        if self.tr.lang != crate::i18n::Lang::En
            && let Some(word) = crate::analysis::control::path_word(part)
        {
            return localized(self, Some(&word), part);
        }
        format!("<code>{}</code>", esc(part))
    }

    /// The display name, unescaped (for message arguments that are escaped as a whole).
    fn plain_name(&self, id: &str) -> String {
        self.o.names.get(id).map_or(id, String::as_str).to_owned()
    }

    fn verdict(&self, v: Verdict) -> String {
        let (mark, id) = match v {
            Verdict::Holds => ("✓", "verdict-holds"),
            Verdict::Review => ("⚠", "verdict-review"),
            Verdict::NotAssessed => ("?", "verdict-not-assessed"),
            Verdict::Fails => ("✗", "verdict-fails"),
        };
        format!(
            "<span class=\"v v-{}\">{mark} {}</span>",
            v.as_str(),
            self.tr.t(id)
        )
    }

    fn condition_name(&self, c: &str) -> String {
        let id = format!("condition-{c}");
        if self.tr.has(&id) {
            self.tr.t(&id)
        } else {
            esc(c)
        }
    }

    fn basis_name(&self, b: &str) -> String {
        let id = format!("basis-{b}");
        if self.tr.has(&id) {
            self.tr.t(&id)
        } else {
            esc(b)
        }
    }

    fn pct(&self, s: Option<&str>) -> String {
        esc(&self.tr.percent(s))
    }

    fn money(&self, m: Minor, currency: &str) -> String {
        esc(&self.tr.money(m, currency))
    }

    fn date(&self, d: &str) -> String {
        esc(&self.tr.date(d))
    }
}

fn head(out: &mut String, c: &Ctx<'_>) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        c.tr.lang.tag(),
        c.tr.arg("page-title", "date", &c.tr.date(&c.o.as_of.to_string()))
    );
}

fn header(out: &mut String, c: &Ctx<'_>, digest: &str) {
    let o = c.o;
    let errors = o.count(Severity::Error);
    let result = c.tr.args(
        "header-result",
        &[
            ("errors", num(errors)),
            ("warnings", num(o.count(Severity::Warning))),
            ("notes", num(o.count(Severity::Note))),
            ("waived", num(o.waived.len())),
        ],
    );
    // Decisions that fail or are not assessed are said beside the counts, also when every
    // finding behind them was waived.
    let (fails, unassessed) = super::open_decisions(o);
    let result = if fails + unassessed > 0 {
        format!(
            "{result}; {}",
            c.tr.args(
                "md-decisions-open",
                &[("fails", num(fails)), ("unassessed", num(unassessed))]
            )
        )
    } else {
        result
    };
    let class = if errors == 0 && fails + unassessed == 0 {
        "pass"
    } else {
        "fail"
    };
    let files = c.tr.args(
        "header-files",
        &[("files", num(o.files)), ("documents", num(o.documents))],
    );
    let files = match super::skipped_text(c.tr, o.skipped) {
        Some(s) => format!("{files}; <strong>{}</strong>", esc(&s)),
        None => files,
    };
    let _ = write!(out, "<header>\n<h1>{}</h1>\n", c.tr.t("title"));
    if let Some(b) = c.buyer {
        let _ = writeln!(
            out,
            "<p><strong>{}</strong></p>",
            esc(&c.tr.arg("extract-for", "buyer", &c.plain_name(b)))
        );
    }
    let _ = write!(
        out,
        "<dl class=\"facts\">\n<dt>{}</dt><dd>{}</dd>\n<dt>{}</dt><dd class=\"{class}\">{result}</dd>\n\
         <dt>{}</dt><dd>{}</dd>\n\
         <dt>{}</dt><dd><code id=\"digest\">sha256:{digest}</code> <span class=\"muted small\">{}</span></dd>\n\
         <dt>{}</dt><dd>egenregi {}</dd>\n</dl>\n<p class=\"muted small\">{} {}</p>\n</header>\n",
        c.tr.t("header-as-of"),
        c.date(&o.as_of.to_string()),
        c.tr.t("header-result-label"),
        c.tr.t("header-input"),
        files,
        c.tr.t("header-digest"),
        c.tr.t("header-digest-how"),
        c.tr.t("header-tool"),
        env!("CARGO_PKG_VERSION"),
        c.tr.t("header-disclaimer"),
        c.tr.t("header-citations"),
    );
    let _ = write!(
        out,
        "<nav><ul>\n<li><a href=\"#summary\">{}</a></li>\n<li><a href=\"#activity\">{}</a></li>\n\
         <li><a href=\"#findings\">{}</a></li>\n<li><a href=\"#waived\">{}</a></li>\n\
         <li><a href=\"#buyers\">{}</a></li>\n</ul></nav>\n",
        c.tr.t("summary-title"),
        c.tr.t("activity-title"),
        c.tr.t("findings-title"),
        c.tr.t("waivers-title"),
        c.tr.t("buyers-title"),
    );
}

/// Decisions by provider, then by buyer.
type ByProvider<'a> = BTreeMap<&'a str, BTreeMap<&'a str, Vec<&'a Decision>>>;

fn by_provider<'a>(decisions: &[&'a Decision]) -> ByProvider<'a> {
    let mut map: ByProvider<'a> = BTreeMap::new();
    for d in decisions {
        map.entry(d.subject.provider.as_deref().unwrap_or("–"))
            .or_default()
            .entry(buyer_of(d))
            .or_default()
            .push(d);
    }
    map
}

fn worst(ds: &[&Decision], condition: &str) -> Option<Verdict> {
    ds.iter()
        .filter_map(|d| d.condition(condition))
        .map(|c| c.verdict)
        .max()
}

fn subscriptions(ds: &[&Decision]) -> usize {
    ds.iter()
        .map(|d| d.subject.key())
        .collect::<BTreeSet<_>>()
        .len()
}

fn has_inhouse(ds: &[&Decision]) -> bool {
    ds.iter().any(|d| &*d.subject.basis == "in-house")
}

fn summary(out: &mut String, c: &Ctx<'_>) {
    let _ = write!(
        out,
        "<section id=\"summary\">\n<h2>{}</h2>\n<p class=\"small\">{}</p>\n",
        c.tr.t("summary-title"),
        c.tr.t("summary-legend")
    );
    if c.decisions.is_empty() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", c.tr.t("summary-none"));
    }
    for (provider, buyers) in by_provider(&c.decisions) {
        let all: Vec<&Decision> = buyers.values().flatten().copied().collect();
        let conditions = crate::analysis::decision::conditions_of(all.iter().copied());
        let overall = all.iter().map(|d| d.verdict).max();
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<p>{} {}</p>",
            c.tr.arg("summary-provider", "provider", &c.name(provider)),
            c.tr.args(
                "summary-provider-counts",
                &[
                    ("buyers", num(buyers.len())),
                    ("subscriptions", num(subscriptions(&all))),
                ]
            ),
            overall.map_or_else(String::new, |v| c.verdict(v)),
        );
        let _ = write!(
            out,
            "<table class=\"summary\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th>",
            c.tr.t("col-buyer"),
            c.tr.t("col-basis"),
            c.tr.t("col-subscriptions")
        );
        for k in &conditions {
            let _ = write!(out, "<th>{}</th>", c.condition_name(k));
        }
        let _ = write!(
            out,
            "<th>{}</th></tr></thead>\n<tbody>\n",
            c.tr.t("col-overall")
        );
        for (buyer, ds) in &buyers {
            let bases: BTreeSet<&str> = ds.iter().map(|d| &*d.subject.basis).collect();
            let bases: Vec<String> = bases.iter().map(|b| c.basis_name(b)).collect();
            let _ = write!(
                out,
                "<tr><td><a href=\"#{}\">{}</a></td><td>{}</td><td class=\"num\">{}</td>",
                buyer_anchor(buyer),
                c.name(buyer),
                bases.join(", "),
                subscriptions(ds)
            );
            for k in &conditions {
                let cell = worst(ds, k).map_or_else(
                    || "<span class=\"muted\">–</span>".to_owned(),
                    |v| c.verdict(v),
                );
                let _ = write!(out, "<td>{cell}</td>");
            }
            let overall = ds.iter().map(|d| d.verdict).max();
            let _ = writeln!(
                out,
                "<td>{}</td></tr>",
                overall.map_or_else(String::new, |v| c.verdict(v))
            );
        }
        out.push_str("</tbody>\n</table>\n");
    }
    out.push_str("</section>\n");
}

fn buyer_anchor(id: &str) -> String {
    let mut a = String::from("buyer-");
    for ch in id.chars() {
        a.push(if ch.is_ascii_alphanumeric() { ch } else { '-' });
    }
    a
}

/// Chart geometry, in SVG user units.
const CHART_W: f64 = 680.0;
const PLOT_TOP: f64 = 34.0;
const PLOT_H: f64 = 170.0;
const PLOT_LEFT: f64 = 46.0;
const PLOT_RIGHT: f64 = CHART_W - 12.0;
const ROW_H: f64 = 24.0;

/// A small count as a coordinate factor.
fn count(n: usize) -> f64 {
    f64::from(u32::try_from(n).unwrap_or(u32::MAX))
}

fn y_of(p: f64) -> f64 {
    PLOT_TOP + PLOT_H * (1.0 - p / 100.0)
}

fn percent(s: Option<&str>) -> Option<f64> {
    s.and_then(|s| s.parse::<f64>().ok())
        .map(|p| p.clamp(0.0, 100.0))
}

const ABOVE: &str = "#0969da";
const BELOW: &str = "#bc4c00";

/// A year's basis, and what its sums leave out when they are incomplete.
fn year_basis(c: &Ctx<'_>, y: &YearFigures) -> String {
    let basis = c.tr.t(y.basis.message_id());
    let gaps: Vec<String> = y.gaps().iter().map(|t| localized(c, Some(t), "")).collect();
    if gaps.is_empty() {
        basis
    } else {
        format!("{basis}; <strong>{}</strong>", gaps.join("; "))
    }
}

/// Every year of a provider's windows, once, with the figures of the first window that has it.
fn years_of<'a>(windows: &[&'a Window]) -> Vec<&'a YearFigures> {
    let mut years: BTreeMap<i32, &YearFigures> = BTreeMap::new();
    for w in windows {
        for y in &w.years {
            years.entry(y.year).or_insert(y);
        }
    }
    years.into_values().collect()
}

/// A window's verdict in words.
fn window_verdict(c: &Ctx<'_>, w: &Window) -> String {
    c.verdict(match w.verdict {
        Verdict::NotAssessed => Verdict::NotAssessed,
        _ if w.passes && !w.review.is_empty() => Verdict::Review,
        _ if w.passes => Verdict::Holds,
        _ => Verdict::Fails,
    })
}

fn window_years(w: &Window) -> String {
    match (w.years.first(), w.years.last()) {
        (Some(a), Some(b)) => format!("{}–{}", a.year, b.year),
        _ => "–".to_owned(),
    }
}

/// One chart per provider across all years: the qualifying share of each year as a 100 % bar,
/// the threshold line, and below the axis one bracket per window with its share and verdict.
fn chart(out: &mut String, c: &Ctx<'_>, provider: &str, windows: &[&Window]) {
    let years = years_of(windows);
    let threshold_text = windows.first().map_or("80", |w| w.threshold.as_str());
    let threshold = threshold_text
        .parse::<f64>()
        .unwrap_or(80.0)
        .clamp(0.0, 100.0);
    let axis = PLOT_TOP + PLOT_H;
    let rows_top = axis + 40.0;
    let height = rows_top + ROW_H * count(windows.len()) + 6.0;
    let _ = writeln!(
        out,
        "<svg class=\"activity-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {CHART_W} {height:.0}\" \
         width=\"{CHART_W}\" height=\"{height:.0}\" role=\"img\" aria-label=\"{}\">",
        esc(&c.tr.arg("chart-title", "provider", &c.plain_name(provider)))
    );
    // the legend, above the plot, where nothing can cover or clip it
    let _ = writeln!(
        out,
        "<line x1=\"{PLOT_LEFT}\" x2=\"{:.1}\" y1=\"12\" y2=\"12\" stroke=\"#cf222e\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\
         <text x=\"{:.1}\" y=\"16\" font-size=\"12\" fill=\"#1f2328\">{}</text>\
         <rect x=\"{:.1}\" y=\"5\" width=\"12\" height=\"12\" fill=\"{ABOVE}\"/>\
         <text x=\"{:.1}\" y=\"16\" font-size=\"12\" fill=\"#1f2328\">{}</text>",
        PLOT_LEFT + 28.0,
        PLOT_LEFT + 34.0,
        esc(&c.tr.arg(
            "chart-threshold",
            "threshold",
            &c.tr.decimal(threshold_text)
        )),
        PLOT_LEFT + 300.0,
        PLOT_LEFT + 316.0,
        esc(&c.tr.t("chart-legend-qualifying")),
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
    let slot = (PLOT_RIGHT - PLOT_LEFT) / count(years.len().max(1));
    let width = slot * 0.55;
    let x_of = |i: usize| PLOT_LEFT + slot * count(i);
    for (i, y) in years.iter().enumerate() {
        let x = x_of(i) + (slot - width) / 2.0;
        let cx = x + width / 2.0;
        let currency = y
            .currency
            .as_deref()
            .unwrap_or_else(|| windows.first().map_or("NOK", |w| w.currency.as_str()));
        let tip = y.sums().map_or_else(
            || format!("{}: {}", y.year, c.tr.t(y.basis.message_id())),
            |(q, t)| {
                format!(
                    "{}: {} / {} ({})",
                    y.year,
                    c.tr.money(q, currency),
                    c.tr.amount(t),
                    c.tr.percent(y.share.as_deref()),
                )
            },
        );
        let _ = write!(out, "<g class=\"bar\"><title>{}</title>", esc(&tip));
        if let Some(p) = percent(y.share.as_deref()) {
            let (label_y, label_fill) = if p >= 12.0 {
                (axis - 8.0, "#fff")
            } else {
                (y_of(p) - 4.0, "#1f2328")
            };
            let fill = if p > threshold { ABOVE } else { BELOW };
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{PLOT_TOP:.1}\" width=\"{width:.1}\" height=\"{PLOT_H:.1}\" fill=\"#d8e3f0\"/>\
                 <rect class=\"qualifying\" x=\"{x:.1}\" y=\"{:.1}\" width=\"{width:.1}\" height=\"{:.1}\" fill=\"{fill}\"/>\
                 <text x=\"{cx:.1}\" y=\"{label_y:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"{label_fill}\">{}</text>",
                y_of(p),
                PLOT_H * p / 100.0,
                c.pct(y.share.as_deref()),
            );
        } else {
            let _ = write!(
                out,
                "<rect x=\"{x:.1}\" y=\"{PLOT_TOP:.1}\" width=\"{width:.1}\" height=\"{PLOT_H:.1}\" fill=\"none\" \
                 stroke=\"#d1d9e0\" stroke-dasharray=\"4 3\"/>\
                 <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"12\" fill=\"#59636e\">{}</text>",
                PLOT_TOP + PLOT_H / 2.0,
                esc(&c.tr.t(if y.incomplete() {
                    "chart-incomplete"
                } else {
                    "chart-no-data"
                })),
            );
        }
        let _ = writeln!(
            out,
            "<text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"13\">{}</text>\
             <text x=\"{cx:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#59636e\">{}</text></g>",
            axis + 16.0,
            y.year,
            axis + 30.0,
            esc(&c.tr.t(y.basis.message_id())),
        );
    }
    // the threshold line over the bars
    let _ = writeln!(
        out,
        "<line class=\"threshold\" x1=\"{PLOT_LEFT}\" x2=\"{PLOT_RIGHT:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#cf222e\" \
         stroke-width=\"2\" stroke-dasharray=\"6 4\"/>",
        y = y_of(threshold),
    );
    // one bracket per window, under the years it spans
    for (row, w) in windows.iter().enumerate() {
        let first = w
            .years
            .first()
            .and_then(|f| years.iter().position(|y| y.year == f.year));
        let last = w
            .years
            .last()
            .and_then(|l| years.iter().position(|y| y.year == l.year));
        let (Some(first), Some(last)) = (first, last) else {
            continue;
        };
        let x1 = x_of(first) + 6.0;
        let x2 = x_of(last) + slot - 6.0;
        let y = rows_top + ROW_H * count(row);
        let verdict = match w.verdict {
            Verdict::NotAssessed => c.tr.t("verdict-not-assessed"),
            _ if w.passes => c.tr.t("verdict-holds"),
            _ => c.tr.t("verdict-fails"),
        };
        let colour = if w.passes { ABOVE } else { BELOW };
        let label = c.tr.args(
            "chart-window",
            &[
                ("years", FluentValue::from(window_years(w))),
                ("share", FluentValue::from(c.tr.percent(w.share.as_deref()))),
                ("verdict", FluentValue::from(verdict)),
                ("date", FluentValue::from(c.tr.date(&w.date))),
            ],
        );
        let _ = writeln!(
            out,
            "<g class=\"window\"><path d=\"M{x1:.1} {:.1} V{:.1} H{x2:.1} V{:.1}\" fill=\"none\" stroke=\"{colour}\" stroke-width=\"1.5\"/>\
             <text x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\" font-size=\"11.5\" fill=\"#1f2328\">{}</text></g>",
            y - 10.0,
            y - 6.0,
            y - 10.0,
            f64::midpoint(x1, x2),
            y + 6.0,
            esc(&label),
        );
    }
    out.push_str("</svg>\n");
}

/// The headroom per year: how much more non-qualifying activity the window could carry before
/// it fails (`+`), or how much too much it has (`−`). A window not assessed has none.
fn headroom(c: &Ctx<'_>, w: &Window) -> String {
    let Some(Minor(h)) = w.headroom_per_year else {
        let why = if w.not_assessed_text.len() == w.not_assessed.len() {
            let list = crate::i18n::Text::new("list").texts("items", w.not_assessed_text.clone());
            localized(c, Some(&list), "")
        } else {
            inline(&w.not_assessed.join("; "))
        };
        return format!("<span class=\"wrap\">{why}</span>");
    };
    let amount = c.money(Minor(h.abs()), &w.currency);
    let headroom = if h > 0 || (h == 0 && w.passes) {
        c.tr.arg("headroom-left", "amount", &amount)
    } else if h < 0 {
        c.tr.arg("headroom-over", "amount", &amount)
    } else {
        c.tr.t("headroom-none")
    };
    // A pass for review says why beside its figures.
    if w.review.is_empty() {
        return headroom;
    }
    let why = if w.review_text.len() == w.review.len() {
        let list = crate::i18n::Text::new("list").texts("items", w.review_text.clone());
        localized(c, Some(&list), "")
    } else {
        inline(&w.review.join("; "))
    };
    format!("{headroom}<br><span class=\"wrap\">{why}</span>")
}

fn activity(out: &mut String, c: &Ctx<'_>) {
    let _ = writeln!(
        out,
        "<section id=\"activity\">\n<h2>{}</h2>\n<p class=\"small\">{}</p>",
        c.tr.t("activity-title"),
        c.tr.t("activity-intro")
    );
    let providers: BTreeSet<&str> = c
        .decisions
        .iter()
        .filter_map(|d| d.subject.provider.as_deref())
        .collect();
    let mut by_provider: BTreeMap<&str, Vec<&Window>> = BTreeMap::new();
    for w in &c.o.figures.windows {
        if c.buyer.is_none() || providers.contains(w.provider.as_str()) {
            by_provider.entry(&w.provider).or_default().push(w);
        }
    }
    if by_provider.is_empty() {
        let _ = writeln!(out, "<p class=\"muted\">{}</p>", c.tr.t("activity-none"));
    }
    for (provider, windows) in by_provider {
        let _ = writeln!(
            out,
            "<h3>{}</h3>\n<figure>",
            c.tr.arg("activity-provider", "provider", &c.name(provider))
        );
        chart(out, c, provider, &windows);
        out.push_str("</figure>\n");
        let currency = windows.first().map_or("NOK", |w| w.currency.as_str());
        let _ = write!(
            out,
            "<table class=\"windows\">\n<thead><tr><th>{}</th><th>{}</th><th class=\"num\">{}</th>\
             <th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            c.tr.t("col-window"),
            c.tr.t("col-judged"),
            c.tr.t("col-qualifying"),
            c.tr.t("col-total"),
            c.tr.t("col-share"),
            c.tr.t("col-margin"),
            c.tr.t("col-headroom"),
            c.tr.t("col-verdict"),
        );
        for w in &windows {
            let purpose = if w.purpose == "award" {
                c.tr.t("purpose-award")
            } else {
                c.tr.t("purpose-as-of")
            };
            let sums = w.sums().map_or_else(
                || ("–".to_owned(), "–".to_owned()),
                |(q, t)| (c.money(q, &w.currency), c.money(t, &w.currency)),
            );
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td class=\"date\">{} ({purpose})</td><td class=\"num\">{}</td><td class=\"num\">{}</td>\
                 <td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td>{}</td></tr>",
                window_years(w),
                c.date(&w.date),
                sums.0,
                sums.1,
                c.pct(w.share.as_deref()),
                w.margin
                    .as_deref()
                    .map_or_else(|| "–".to_owned(), |m| esc(&c.tr.decimal(m))),
                headroom(c, w),
                window_verdict(c, w),
            );
        }
        out.push_str("</tbody>\n</table>\n");
        let _ = write!(
            out,
            "<table class=\"activity\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th>\
             <th class=\"num\">{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th></tr></thead>\n<tbody>\n",
            c.tr.t("col-year"),
            c.tr.t("col-year-basis"),
            c.tr.t("col-measure"),
            c.tr.t("col-report"),
            c.tr.t("col-qualifying"),
            c.tr.t("col-total"),
            c.tr.t("col-share"),
        );
        for y in years_of(&windows) {
            let in_currency = y.currency.as_deref().unwrap_or(currency);
            let (qualifying, total) = y.sums().map_or_else(
                || ("–".to_owned(), "–".to_owned()),
                |(q, t)| (c.money(q, in_currency), c.money(t, in_currency)),
            );
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{qualifying}</td><td class=\"num\">{total}</td><td class=\"num\">{}</td></tr>",
                y.year,
                year_basis(c, y),
                y.measure.as_deref().map_or_else(String::new, |m| {
                    let id = format!("measure-{m}");
                    if c.tr.has(&id) { c.tr.t(&id) } else { esc(m) }
                }),
                y.report
                    .as_deref()
                    .map_or_else(String::new, |r| format!("<code>{}</code>", esc(r))),
                c.pct(y.share.as_deref()),
            );
        }
        out.push_str("</tbody>\n</table>\n");
        // the group of the latest window: whose activity qualifies now
        if let Some(w) = windows
            .iter()
            .rev()
            .find(|w| !w.controlling_group.is_empty())
        {
            let names: Vec<String> = w.controlling_group.iter().map(|g| c.name(g)).collect();
            let _ = writeln!(
                out,
                "<p class=\"small\">{} {}</p>",
                c.tr.arg("activity-group", "date", &c.date(&w.date)),
                names.join(", ")
            );
        }
    }
    out.push_str("</section>\n");
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

/// Citations with how far each is verified.
fn cites(c: &Ctx<'_>, list: &[String]) -> String {
    if list.is_empty() {
        return String::new();
    }
    let items: String = list.iter().fold(String::new(), |mut s, cite| {
        let level = c.pack.verification.get(cite).map_or_else(
            || c.tr.t("verified-unknown"),
            |l| c.tr.t(&format!("verified-{l}")),
        );
        let _ = write!(
            s,
            "<li>{} <span class=\"muted\">({level})</span></li>",
            esc(cite)
        );
        s
    });
    format!("<ul class=\"cites\">{items}</ul>")
}

fn severity(c: &Ctx<'_>, s: Severity) -> String {
    c.tr.t(&format!("severity-{}", s.as_str()))
}

fn finding_row(out: &mut String, c: &Ctx<'_>, f: &Finding) {
    let outcome = c.o;
    let mut detail = localized(c, f.text.as_deref(), &f.message);
    if let Some(h) = &f.help {
        let _ = write!(
            detail,
            "<br><span class=\"muted\">{}: {}</span>",
            c.tr.t("help"),
            localized(c, f.help_text.as_deref(), h)
        );
    }
    for l in &f.labels {
        let lf = outcome.sources.get(l.location.source);
        let (ll, lc) = lf.line_col(l.location.span.start);
        let _ = write!(
            detail,
            "<br><span class=\"muted\">{} <code>{}:{ll}:{lc}</code>: {}</span>",
            c.tr.t("see"),
            esc(&lf.path),
            localized(c, l.text.as_deref(), &l.message)
        );
    }
    let _ = writeln!(
        out,
        "<tr><td class=\"{sev}\">{}</td><td class=\"id\"><code>{}</code></td><td class=\"id\">{}</td><td>{detail}</td><td>{}</td></tr>",
        severity(c, f.severity),
        breakable(&f.rule),
        location(outcome, f),
        cites(c, &f.legal_basis),
        sev = f.severity.as_str(),
    );
}

fn findings_table(out: &mut String, c: &Ctx<'_>, list: &[&Finding]) {
    let _ = write!(
        out,
        "<table class=\"findings\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        c.tr.t("col-severity"),
        c.tr.t("col-rule"),
        c.tr.t("col-where"),
        c.tr.t("col-finding"),
        c.tr.t("col-legal-basis"),
    );
    for f in list {
        finding_row(out, c, f);
    }
    out.push_str("</tbody>\n</table>\n");
}

/// The tenants whose subscriptions the shown decisions are about (`Tenant/ID#`).
fn tenant_prefixes(ds: &[&Decision]) -> BTreeSet<String> {
    ds.iter()
        .map(|d| format!("Tenant/{}#", d.subject.tenant))
        .collect()
}

/// The findings shown: all, or in an extract those about the buyer's subscriptions, those its
/// conditions gave rise to, and the legal findings (`inhouse/`, `procurement/`) on its providers.
fn shown_findings<'a>(c: &Ctx<'a>) -> Vec<&'a Finding> {
    let Some(_) = c.buyer else {
        return c.o.findings.iter().collect();
    };
    let tenants = tenant_prefixes(&c.decisions);
    let providers: BTreeSet<String> = c
        .decisions
        .iter()
        .filter_map(|d| d.subject.provider.as_deref())
        .map(|p| format!("Entity/{p}"))
        .collect();
    let on_provider = |f: &Finding| {
        (f.rule.starts_with("inhouse/") || f.rule.starts_with("procurement/"))
            && f.target.as_deref().is_some_and(|t| {
                let doc = t.split('#').next().unwrap_or(t);
                providers.contains(doc)
            })
    };
    c.o.findings
        .iter()
        .filter(|f| {
            let on_tenant = f
                .target
                .as_deref()
                .is_some_and(|t| tenants.iter().any(|p| t.starts_with(p.as_str())));
            let rules = c.decisions.iter().any(|d| {
                d.conditions
                    .iter()
                    .any(|k| k.rules.contains(&f.rule.as_ref()))
            });
            on_tenant || rules || on_provider(f)
        })
        .collect()
}

fn findings(out: &mut String, c: &Ctx<'_>) {
    let _ = writeln!(
        out,
        "<section id=\"findings\">\n<h2>{}</h2>",
        c.tr.t("findings-title")
    );
    let mut by: BTreeMap<LegalCondition, Vec<&Finding>> = BTreeMap::new();
    for f in shown_findings(c) {
        by.entry(c.o.registry.condition(&f.rule))
            .or_default()
            .push(f);
    }
    for k in LegalCondition::ALL {
        let list = by.get(&k).map_or(&[][..], Vec::as_slice);
        let _ = writeln!(
            out,
            "<h3 id=\"{}\">{}</h3>",
            k.anchor(),
            c.tr.args(
                "findings-group",
                &[
                    ("group", FluentValue::from(c.tr.t(k.message()))),
                    ("count", num(list.len()))
                ]
            ),
        );
        if list.is_empty() {
            // say what was checked: silence is not a pass
            let rules: Vec<String> =
                c.o.registry
                    .rules
                    .iter()
                    .filter(|r| r.condition == k)
                    .map(|r| format!("<code>{}</code>", esc(&r.id)))
                    .collect();
            let _ = writeln!(
                out,
                "<p class=\"small muted checked\">{} {}</p>",
                c.tr.args("findings-checked", &[("rules", num(rules.len()))]),
                rules.join(" ")
            );
            continue;
        }
        findings_table(out, c, list);
    }
    out.push_str("</section>\n");
}

fn waived(out: &mut String, c: &Ctx<'_>) {
    let outcome = c.o;
    let _ = writeln!(
        out,
        "<section id=\"waived\">\n<h2>{}</h2>",
        c.tr.t("waivers-title")
    );
    if outcome.waivers.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"muted\">{}</p>\n</section>",
            c.tr.t("waivers-none")
        );
        return;
    }
    let _ = write!(
        out,
        "<p class=\"small\">{}</p>\n<table class=\"waivers\">\n<thead><tr><th>{}</th><th>{}</th>\
         <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
        c.tr.t("waivers-intro"),
        c.tr.t("col-waiver"),
        c.tr.t("col-rule-targets"),
        c.tr.t("col-reason"),
        c.tr.t("col-approved-by"),
        c.tr.t("col-expires"),
        c.tr.t("col-status"),
        c.tr.t("col-waived"),
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
            crate::waiver::Status::Active => ("pass", "waiver-active"),
            crate::waiver::Status::Expired => ("fail", "waiver-expired"),
            crate::waiver::Status::Unused => ("warning", "waiver-unused"),
            crate::waiver::Status::Incomplete => ("fail", "waiver-incomplete"),
        };
        let _ = writeln!(
            out,
            "<tr><td><code>{}</code><br><span class=\"muted\">{}:{line}</span></td>\
             <td><code>{}</code><br>{}</td><td>{}</td><td>{}</td><td>{}</td>\
             <td class=\"{class}\">{}</td><td>{}</td></tr>",
            esc(&w.id),
            breakable(&file.path),
            esc(&w.rule),
            targets.join("<br>"),
            esc(&w.reason),
            esc(&w.approved_by),
            c.date(&w.expires),
            c.tr.t(status),
            w.waived,
        );
    }
    out.push_str("</tbody>\n</table>\n");
    if !outcome.waived.is_empty() {
        let _ = write!(
            out,
            "<h3>{}</h3>\n<table class=\"waived\">\n<thead><tr>\
             <th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr>\
             </thead>\n<tbody>\n",
            c.tr.t("waived-title"),
            c.tr.t("col-waiver"),
            c.tr.t("col-rule"),
            c.tr.t("col-where"),
            c.tr.t("col-target"),
            c.tr.t("col-finding"),
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

/// A condition's content that decides whether two decisions say the same about it.
#[derive(PartialEq, Eq, PartialOrd, Ord, Clone)]
struct Variant<'a> {
    verdict: Verdict,
    how: Option<&'static str>,
    path: Option<&'a [String]>,
    window: Option<&'a str>,
    share: Option<&'a str>,
    because: Option<&'a str>,
    because_text: Option<&'a crate::i18n::Text>,
    evidence: &'a [String],
    rules: &'a [&'static str],
}

fn variant(k: &crate::analysis::decision::Condition) -> Variant<'_> {
    Variant {
        verdict: k.verdict,
        how: k.how.map(control_kind_id),
        path: k.path.as_deref(),
        window: k.window.as_deref(),
        share: k.share.as_deref(),
        because: k.because.as_deref(),
        because_text: k.because_text(),
        evidence: &k.evidence,
        rules: &k.rules,
    }
}

const fn control_kind_id(k: crate::analysis::ControlKind) -> &'static str {
    use crate::analysis::ControlKind;
    match k {
        ControlKind::Sole => "control-sole",
        ControlKind::Indirect => "control-indirect",
        ControlKind::Joint => "control-joint",
        ControlKind::Reverse => "control-reverse",
        ControlKind::Sister => "control-sister",
        ControlKind::None => "control-none",
    }
}

/// When a decision was judged, in words: "at the award, 01.02.2024" or "now, 22.11.2026".
fn when(c: &Ctx<'_>, d: &Decision) -> String {
    let date = d
        .date
        .as_deref()
        .map_or_else(|| "–".to_owned(), |x| c.tr.date(x));
    if d.purpose == Purpose::Award {
        c.tr.arg("when-award", "date", &date)
    } else {
        c.tr.arg("when-now", "date", &date)
    }
}

/// A text of the analyses in the report's language, names shown as names; a text the analyses
/// wrote without a message ([`crate::i18n::Text`]) is shown as they wrote it.
fn localized(c: &Ctx<'_>, text: Option<&crate::i18n::Text>, en: &str) -> String {
    // Names are marked while the message is formatted, then written as links; everything else
    // is escaped, and backtick-quoted code in the message becomes `<code>`.
    const OPEN: char = '\u{E000}';
    const CLOSE: char = '\u{E001}';
    let Some(text) = text else {
        return inline(en);
    };
    let marked = c.tr.render(text, &|id, out| {
        out.push(OPEN);
        out.extend(id.chars().filter(|c| ![OPEN, CLOSE].contains(c)));
        out.push(CLOSE);
    });
    let mut out = String::with_capacity(marked.len() + 32);
    for (i, part) in marked.split(OPEN).enumerate() {
        match part.split_once(CLOSE) {
            Some((id, rest)) if i > 0 => {
                out.push_str(&c.link(id));
                out.push_str(&inline(rest));
            }
            _ => out.push_str(&inline(part)),
        }
    }
    out
}

/// Why a condition has its verdict, in the report's language.
fn because(c: &Ctx<'_>, condition: &str, v: &Variant<'_>) -> String {
    let text = v.because.unwrap_or_default();
    if condition == "buyer" {
        let id = format!("entity-type-{text}");
        if c.tr.has(&id) {
            return c.tr.arg("because-buyer-type", "type", &c.tr.t(&id));
        }
    }
    localized(c, v.because_text, text)
}

/// One row per condition and distinct content; `dates` says when it was judged so when the
/// content differs between the decisions of the group.
fn condition_rows(out: &mut String, c: &Ctx<'_>, group: &[&Decision]) {
    let conditions = crate::analysis::decision::conditions_of(group.iter().copied());
    for name in conditions {
        let mut variants: Vec<(Variant<'_>, Vec<&Decision>)> = Vec::new();
        for d in group {
            let Some(k) = d.condition(name) else { continue };
            let v = variant(k);
            match variants.iter_mut().find(|(x, _)| *x == v) {
                Some((_, ds)) => ds.push(d),
                None => variants.push((v, vec![d])),
            }
        }
        let several = variants.len() > 1;
        for (i, (v, ds)) in variants.iter().enumerate() {
            let mut detail = String::new();
            if several {
                let mut whens: Vec<String> = ds.iter().map(|d| when(c, d)).collect();
                whens.dedup();
                let _ = write!(
                    detail,
                    "<span class=\"muted\">{}:</span> ",
                    whens.join(", ")
                );
            }
            if let Some(how) = v.how {
                let _ = write!(detail, "<strong>{}</strong>", c.tr.t(how));
            }
            if let Some(path) = v.path {
                let _ = write!(
                    detail,
                    "{}{}",
                    if v.how.is_some() { ": " } else { "" },
                    path_text(path, |p| c.link(p))
                );
            }
            if v.how.is_some() || v.path.is_some() {
                detail.push_str("<br>");
            }
            if let (Some(w), Some(s)) = (v.window, v.share) {
                let _ = write!(
                    detail,
                    "<strong>{}</strong><br>",
                    c.tr.args(
                        "activity-window-share",
                        &[
                            ("years", FluentValue::from(w.replace('-', "–"))),
                            ("share", FluentValue::from(c.tr.percent(Some(s)))),
                        ]
                    )
                );
            }
            if v.because.is_some() {
                detail.push_str(&because(c, name, v));
            }
            if !v.rules.is_empty() {
                let rules: Vec<String> = v
                    .rules
                    .iter()
                    .map(|r| {
                        format!(
                            "<a href=\"#{}\"><code>{}</code></a>",
                            c.o.registry.condition(r).anchor(),
                            esc(r)
                        )
                    })
                    .collect();
                let _ = write!(
                    detail,
                    "<br><span class=\"small\">{} {}</span>",
                    c.tr.t("see-findings"),
                    rules.join(", ")
                );
            }
            let evidence: Vec<String> = v
                .evidence
                .iter()
                .map(|e| format!("<code>{}</code>", breakable(e)))
                .collect();
            let mut cited: Vec<String> = Vec::new();
            for rule in std::iter::once(cited_rule(name)).chain(v.rules.iter().copied()) {
                for cite in c.pack.citations.get(rule).into_iter().flatten() {
                    if !cited.contains(cite) {
                        cited.push(cite.clone());
                    }
                }
            }
            // a condition's name and citations once, however many variants it has
            let (head, legal) = if i == 0 {
                (c.condition_name(name), cites(c, &cited))
            } else {
                (String::new(), String::new())
            };
            let _ = writeln!(
                out,
                "<tr><td>{head}</td><td>{}</td><td>{detail}</td><td>{}</td><td>{legal}</td></tr>",
                c.verdict(v.verdict),
                evidence.join("<br>"),
            );
        }
    }
}

/// The decisions of one buyer, grouped by provider, basis and control path: subscriptions in a
/// group share their legal reasoning.
fn groups<'a>(ds: &[&'a Decision]) -> Vec<Vec<&'a Decision>> {
    let mut map: BTreeMap<(&str, &str, Vec<String>), Vec<&Decision>> = BTreeMap::new();
    for d in ds {
        let path: Vec<String> = d
            .condition("control")
            .and_then(|k| k.path.as_deref())
            .map(<[String]>::to_vec)
            .unwrap_or_default();
        map.entry((
            d.subject.provider.as_deref().unwrap_or("–"),
            &*d.subject.basis,
            path,
        ))
        .or_default()
        .push(d);
    }
    map.into_values().collect()
}

fn buyer_section(out: &mut String, c: &Ctx<'_>, buyer: &str, ds: &[&Decision]) {
    let inhouse = has_inhouse(ds);
    let overall = ds.iter().map(|d| d.verdict).max();
    let _ = writeln!(
        out,
        "<section class=\"buyer{}\" id=\"{}\">\n<h2>{}{} {}</h2>",
        if inhouse { " inhouse" } else { "" },
        buyer_anchor(buyer),
        c.name(buyer),
        // the id beside the name, for searching the repository; a buyer without a name is shown
        // by its id already
        if c.o.names.contains_key(buyer) {
            format!(
                " <span class=\"muted small\"><code>{}</code></span>",
                esc(buyer)
            )
        } else {
            String::new()
        },
        overall.map_or_else(String::new, |v| c.verdict(v)),
    );
    for group in groups(ds) {
        let Some(first) = group.first() else { continue };
        let provider = first.subject.provider.as_deref().unwrap_or("–");
        let _ = writeln!(
            out,
            "<h3>{}</h3>",
            c.tr.args(
                "buyer-group",
                &[
                    (
                        "basis",
                        FluentValue::from(c.basis_name(&first.subject.basis))
                    ),
                    ("provider", FluentValue::from(c.name(provider))),
                ]
            )
        );
        // the subscriptions, each with its award date
        let mut subs: Vec<String> = Vec::new();
        let mut seen = BTreeSet::new();
        for d in &group {
            if !seen.insert(d.subject.key()) {
                continue;
            }
            let service = d
                .subject
                .service
                .as_deref()
                .map_or_else(|| "–".to_owned(), |s| c.name(s));
            let since = group
                .iter()
                .find(|x| x.subject.key() == d.subject.key() && x.purpose == Purpose::Award)
                .and_then(|x| x.date.as_deref())
                .map_or_else(String::new, |x| {
                    format!(
                        " <span class=\"muted\">({})</span>",
                        c.tr.arg("since", "date", &c.tr.date(x))
                    )
                });
            subs.push(format!("{service}{since}"));
        }
        let _ = writeln!(
            out,
            "<p>{} {}</p>",
            c.tr.args("buyer-subscriptions", &[("count", num(subs.len()))]),
            subs.join(", ")
        );
        let _ = write!(
            out,
            "<table class=\"conditions\">\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
            c.tr.t("col-condition"),
            c.tr.t("col-verdict"),
            c.tr.t("col-found"),
            c.tr.t("col-evidence"),
            c.tr.t("col-legal-basis"),
        );
        condition_rows(out, c, &group);
        out.push_str("</tbody>\n</table>\n");
        let mut assumptions: Vec<String> = Vec::new();
        let mut not_checked: Vec<String> = Vec::new();
        for d in &group {
            for a in &d.assumptions {
                let a = localized(c, a.text.as_deref(), a);
                if !assumptions.contains(&a) {
                    assumptions.push(a);
                }
            }
            for n in d.not_checked {
                let n = inline(&c.tr.t(n.id));
                if !not_checked.contains(&n) {
                    not_checked.push(n);
                }
            }
        }
        for (title, list) in [
            ("buyer-assumptions", &assumptions),
            ("buyer-not-checked", &not_checked),
        ] {
            if list.is_empty() {
                continue;
            }
            let items: String = list.iter().fold(String::new(), |mut s, x| {
                let _ = write!(s, "<li>{x}</li>");
                s
            });
            let _ = writeln!(
                out,
                "<p class=\"small\"><strong>{}</strong></p><ul class=\"small\">{items}</ul>",
                c.tr.t(title)
            );
        }
    }
    // findings on this buyer's own subscriptions
    let tenants = tenant_prefixes(ds);
    let own: Vec<&Finding> =
        c.o.findings
            .iter()
            .filter(|f| {
                f.target
                    .as_deref()
                    .is_some_and(|t| tenants.iter().any(|p| t.starts_with(p.as_str())))
            })
            .collect();
    if own.is_empty() {
        let _ = writeln!(
            out,
            "<p class=\"small muted\">{}</p>",
            c.tr.t("buyer-no-findings")
        );
    } else {
        let _ = writeln!(out, "<h3>{}</h3>", c.tr.t("buyer-findings"));
        findings_table(out, c, &own);
    }
    out.push_str("</section>\n");
}

fn buyers(out: &mut String, c: &Ctx<'_>) {
    let _ = writeln!(
        out,
        "<section id=\"buyers\">\n<h2>{}</h2>\n<p class=\"small\">{}</p>",
        c.tr.t("buyers-title"),
        c.tr.t("buyers-intro")
    );
    let mut by_buyer: BTreeMap<&str, Vec<&Decision>> = BTreeMap::new();
    for d in &c.decisions {
        by_buyer.entry(buyer_of(d)).or_default().push(d);
    }
    // by name, as a reader looks them up; buyers without an in-house subscription first, as
    // they are short and share a page
    let mut list: Vec<(&str, Vec<&Decision>)> = by_buyer.into_iter().collect();
    list.sort_by_cached_key(|(b, ds)| {
        (
            has_inhouse(ds),
            c.o.names
                .get(*b)
                .map_or_else(|| (*b).to_owned(), |n| n.to_lowercase()),
        )
    });
    for (buyer, ds) in &list {
        buyer_section(out, c, buyer, ds);
    }
    out.push_str("</section>\n");
}

/// The buyers with decisions, by id (for `report --buyer` and its "did you mean").
pub fn buyer_ids(outcome: &Outcome) -> Vec<String> {
    let ids: BTreeSet<&str> = outcome.figures.decisions.iter().map(buyer_of).collect();
    ids.into_iter().map(str::to_owned).collect()
}

/// The report in the outcome's language (`language` in `egenregi.kdl`, else English).
pub fn render(outcome: &Outcome) -> String {
    render_view(outcome, &View::default())
}

/// The report as `view` asks: a language, and one buyer's extract.
pub fn render_view(outcome: &Outcome, view: &View) -> String {
    let lang = view.lang.or(outcome.language).unwrap_or_default();
    let buyer = view.buyer.as_deref();
    let c = Ctx {
        o: outcome,
        tr: Tr::of(lang),
        pack: crate::analysis::pack::load("no").unwrap_or_default(),
        decisions: outcome
            .figures
            .decisions
            .iter()
            .filter(|d| buyer.is_none_or(|b| buyer_of(d) == b))
            .collect(),
        buyer,
    };
    let digest = input_digest(outcome);
    let mut out = String::with_capacity(128 * 1024);
    head(&mut out, &c);
    header(&mut out, &c, &digest);
    out.push_str("<main>\n");
    summary(&mut out, &c);
    activity(&mut out, &c);
    findings(&mut out, &c);
    waived(&mut out, &c);
    buyers(&mut out, &c);
    let _ = write!(
        out,
        "</main>\n<footer>egenregi {} · {} · sha256:{digest}</footer>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION"),
        c.tr.arg(
            "header-as-of-date",
            "date",
            &c.tr.date(&outcome.as_of.to_string())
        ),
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

    /// The analyses write a link through a body with its own arrow; the path never shows two
    /// arrows in a row, whatever form its links take.
    #[test]
    fn a_path_has_one_arrow_between_links() {
        let p = |links: &[&str]| {
            let v: Vec<String> = links.iter().map(|s| (*s).to_owned()).collect();
            path_text(&v, str::to_owned)
        };
        assert_eq!(
            p(&["m-e2", "→ general-meeting", "e-margin"]),
            "m-e2 → general-meeting → e-margin"
        );
        assert_eq!(
            p(&["oslo", "members-of:ks → members-council", "ks-digital"]),
            "oslo → members-of:ks → members-council → ks-digital"
        );
        assert_eq!(p(&["a", "→ owners in gm", "c"]), "a → owners in gm → c");
        assert_eq!(p(&["a", "← x →", "c"]), "a ← x → c");
        assert_eq!(
            p(&["a", "→ board", "b", "→ gm", "c"]),
            "a → board → b → gm → c"
        );
        assert_eq!(p(&[]), "");
    }
}
