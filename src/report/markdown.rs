//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment: counts,
//! the activity test and control paths (the figures a reviewer reads first), findings grouped by
//! rule with `file:line` links and legal basis, and waived findings.
//!
//! Everything taken from the input is escaped ([`escape`]), so a value can neither break a table
//! nor inject markup. Links are relative to the checked root.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::input_digest;
use super::sarif::uri_path;
use crate::Outcome;
use crate::analysis::decision::{Decision, Verdict};
use crate::analysis::{ControlKind, ControlPath, Minor, Window};
use crate::finding::{Finding, Severity};
use crate::i18n::{Lang, Text, Tr, num};
use fluent_bundle::FluentValue;

/// The language the summary is written in: its messages and number formats.
struct Md {
    tr: &'static Tr,
}

impl Md {
    fn nb(&self) -> bool {
        self.tr.lang == Lang::Nb
    }

    fn t(&self, id: &str) -> String {
        self.tr.t(id)
    }

    fn args(&self, id: &str, args: &[(&str, FluentValue<'_>)]) -> String {
        self.tr.args(id, args)
    }

    /// A text of the analyses: as they wrote it in English (names as code spans); in another
    /// language from its message, when it has one.
    fn said(&self, text: Option<&Text>, en: &str) -> String {
        const OPEN: char = '\u{E000}';
        const CLOSE: char = '\u{E001}';
        let Some(text) = text.filter(|_| self.nb()) else {
            return inline(en);
        };
        let marked = self.tr.render(text, &|id, out| {
            out.push(OPEN);
            out.extend(id.chars().filter(|c| ![OPEN, CLOSE].contains(c)));
            out.push(CLOSE);
        });
        let mut out = String::with_capacity(marked.len() + 16);
        for (i, part) in marked.split(OPEN).enumerate() {
            match part.split_once(CLOSE) {
                Some((id, rest)) if i > 0 => {
                    out.push_str(&code(id));
                    out.push_str(&inline(rest));
                }
                _ => out.push_str(&inline(part)),
            }
        }
        out
    }

    /// `1 250 000.50` (`1 250 000,50`).
    fn amount(&self, m: Minor) -> String {
        self.tr.amount(m)
    }

    /// A word of the input (`turnover`, `in-house`) in the language, when it has a message.
    fn word(&self, prefix: &str, w: &str) -> String {
        let id = format!("{prefix}-{w}");
        if self.nb() && self.tr.has(&id) {
            self.tr.t(&id)
        } else {
            w.to_owned()
        }
    }
}

/// Findings listed per rule before the rest are only counted (PR comments hold 65,536 characters).
const MAX_PER_RULE: usize = 50;
/// Control-path rows before the rest are only counted.
const MAX_CONTROL_ROWS: usize = 100;

/// Escapes text for inline Markdown (GitHub-flavoured): punctuation that could start emphasis,
/// code, links, HTML, tables, strikethrough or maths gets a backslash; line breaks become spaces
/// (a break could end a table row or start a heading); other control characters and bidi
/// controls are written as `\u{1b}` ([`super::visible`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '&' | '$' | '#' | '!' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if super::is_hidden(c) => super::push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A code span when the text allows one, else escaped text between escaped backticks. A `|`
/// would end a table cell even inside a code span, and a backtick or line break would end the
/// span itself.
fn code(s: &str) -> String {
    let plain = !s.trim().is_empty()
        && s.trim() == s
        && !s
            .chars()
            .any(|c| c == '`' || c == '|' || super::is_hidden(c));
    if plain {
        format!("`{s}`")
    } else {
        format!("\\`{}\\`", escape(s))
    }
}

/// A message as Markdown: its backtick-quoted names become code spans (the house style quotes
/// names so), everything else is escaped; an unpaired backtick stays a literal backtick.
pub fn inline(s: &str) -> String {
    let parts: Vec<&str> = s.split('`').collect();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, part) in parts.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&escape(part));
        } else if i + 1 < parts.len() {
            out.push_str(&code(part));
        } else {
            out.push_str("\\`");
            out.push_str(&escape(part));
        }
    }
    out
}

/// `1 250 000.50`: exact, grouped for reading (the English form of [`crate::i18n::Tr::amount`]).
pub fn amount(m: Minor) -> String {
    crate::i18n::grouped(m, '.')
}

fn headline(c: &Md, outcome: &Outcome) -> String {
    let errors = outcome.count(Severity::Error);
    let (fails, unassessed) = super::open_decisions(outcome);
    let mark = if errors == 0 && fails + unassessed == 0 {
        "✅"
    } else {
        "❌"
    };
    let counts = c.args(
        "md-counts",
        &[
            ("errors", num(errors)),
            ("warnings", num(outcome.count(Severity::Warning))),
            ("notes", num(outcome.count(Severity::Note))),
        ],
    );
    // Decisions that fail or are not assessed are said beside the counts, also when every
    // finding behind them was waived.
    let open = if fails + unassessed > 0 {
        format!(
            "; {}",
            c.args(
                "md-decisions-open",
                &[("fails", num(fails)), ("unassessed", num(unassessed))]
            )
        )
    } else {
        String::new()
    };
    format!("# {mark} egenregi: {counts}{open}\n\n")
}

fn facts(c: &Md, outcome: &Outcome) -> String {
    let baselined = if outcome.baselined.is_empty() {
        String::new()
    } else {
        format!(
            " · {}",
            c.args("md-baselined", &[("count", num(outcome.baselined.len()))])
        )
    };
    let facts = c.args(
        "md-facts",
        &[
            (
                "date",
                FluentValue::from(c.tr.date(&outcome.as_of.to_string())),
            ),
            ("files", num(outcome.files)),
            ("documents", num(outcome.documents)),
            ("waived", num(outcome.waived.len())),
        ],
    );
    let skipped = super::skipped_text(c.tr, outcome.skipped)
        .map_or_else(String::new, |s| format!(" · **{}**", escape(&s)));
    format!(
        "{facts}{baselined}{skipped} · egenregi {} · {} `{}`\n\n",
        env!("CARGO_PKG_VERSION"),
        c.t("md-digest"),
        input_digest(outcome),
    )
}

/// What the decisions assumed and what they do not cover, per buyer and provider, in the
/// reader's language (as the HTML report's per-buyer sections).
fn assumptions(c: &Md, out: &mut String, outcome: &Outcome, only: Option<&str>) {
    // Per buyer and provider: what was assumed, and what is not checked.
    type Lists = (Vec<String>, Vec<String>);
    let mut rows: BTreeMap<(&str, &str), Lists> = BTreeMap::new();
    for d in &outcome.figures.decisions {
        let b = d.subject.buyer_or_tenant();
        if only.is_some_and(|o| o != b) {
            continue;
        }
        let (assumed, not_checked) = rows.entry((b, d.subject.provider())).or_default();
        for a in &d.assumptions {
            let a = c.said(a.text.as_deref(), &a.en);
            if !assumed.contains(&a) {
                assumed.push(a);
            }
        }
        for n in d.not_checked {
            let n = inline(&c.t(n.id));
            if !not_checked.contains(&n) {
                not_checked.push(n);
            }
        }
    }
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "## {}\n\n{}\n\n",
        c.t("md-assumptions-title"),
        c.t("md-assumptions-intro")
    );
    let name = |id: &str| match outcome.names.get(id) {
        Some(n) => escape(n),
        None if id.trim().is_empty() => "–".to_owned(),
        None => code(id),
    };
    for ((buyer, provider), (assumed, not_checked)) in &rows {
        let _ = write!(out, "### {} · {}\n\n", name(buyer), name(provider));
        for (title, list) in [
            ("buyer-assumptions", assumed),
            ("buyer-not-checked", not_checked),
        ] {
            if list.is_empty() {
                continue;
            }
            let _ = writeln!(out, "**{}**\n", c.t(title));
            for x in list {
                let _ = writeln!(out, "- {x}");
            }
            out.push('\n');
        }
    }
}

fn share(c: &Md, s: Option<&str>) -> String {
    s.map_or_else(
        || "–".to_owned(),
        |s| format!("{} %", escape(&c.tr.decimal(s))),
    )
}

/// `+8.5` above the threshold; `-3.2` (or `0.0`: not above it) otherwise.
fn signed(c: &Md, margin: &str, passes: bool) -> String {
    let margin = &c.tr.decimal(margin);
    if passes && !margin.starts_with('-') {
        format!("+{}", escape(margin))
    } else {
        escape(margin)
    }
}

fn window(c: &Md, out: &mut String, w: &Window) {
    let not_assessed = w.verdict == crate::analysis::decision::Verdict::NotAssessed;
    let verdict = if not_assessed {
        format!("⚠️ {}", c.t("md-window-not-assessed"))
    } else if w.passes && !w.review.is_empty() {
        format!("⚠️ {}", c.t("md-window-review"))
    } else if w.passes {
        format!("✅ {}", c.t("md-window-passes"))
    } else {
        format!("❌ {}", c.t("md-window-fails"))
    };
    let title = c.args(
        "md-window",
        &[
            ("provider", FluentValue::from(code(&w.provider))),
            ("date", FluentValue::from(escape(&c.tr.date(&w.date)))),
            (
                "purpose",
                FluentValue::from(escape(&c.word("purpose", &w.purpose))),
            ),
            ("verdict", FluentValue::from(verdict)),
        ],
    );
    let _ = write!(out, "### {title}\n\n");
    let _ = writeln!(out, "{}", c.t("md-window-header"));
    out.push_str("|---|---|---|---|--:|--:|--:|\n");
    for y in &w.years {
        let basis = c.t(y.basis.message_id());
        let basis = if y.basis.is_gap() {
            format!("**{basis}**")
        } else {
            basis
        };
        let gaps: Vec<String> = y.gaps().iter().map(|t| c.said(Some(t), &t.en())).collect();
        let basis = if gaps.is_empty() {
            basis
        } else {
            format!("{basis}; **{}**", gaps.join("; "))
        };
        let (qualifying, total) = y.sums().map_or_else(
            || ("–".to_owned(), "–".to_owned()),
            |(q, t)| (c.amount(q), c.amount(t)),
        );
        let _ = writeln!(
            out,
            "| {} | {basis} | {} | {} | {qualifying} | {total} | {} |",
            y.year,
            y.measure
                .as_deref()
                .map_or_else(String::new, |m| escape(&c.word("measure", m))),
            y.report.as_deref().map_or_else(String::new, code),
            share(c, y.share.as_deref()),
        );
    }
    let (qualifying, total) = w.sums().map_or_else(
        || ("–".to_owned(), "–".to_owned()),
        |(q, t)| (c.amount(q), c.amount(t)),
    );
    let _ = write!(
        out,
        "| **{}** | | | | **{qualifying}** | **{total}** | **{}** |\n\n",
        c.t("col-window"),
        share(c, w.share.as_deref()),
    );
    if not_assessed {
        let why = if c.nb() && w.not_assessed_text.len() == w.not_assessed.len() {
            let list = Text::new("list").texts("items", w.not_assessed_text.clone());
            c.said(Some(&list), "")
        } else {
            inline(&w.not_assessed.join("; "))
        };
        let _ = writeln!(
            out,
            "- {}\n",
            c.args("md-not-assessed", &[("why", FluentValue::from(why))])
        );
        return;
    }
    if !w.review.is_empty() {
        let why = if c.nb() && w.review_text.len() == w.review.len() {
            let list = Text::new("list").texts("items", w.review_text.clone());
            c.said(Some(&list), "")
        } else {
            inline(&w.review.join("; "))
        };
        let _ = writeln!(
            out,
            "- {}",
            c.args("md-review", &[("why", FluentValue::from(why))])
        );
    }
    let currency = escape(&c.word("currency", &w.currency));
    let _ = writeln!(
        out,
        "- {}",
        c.args(
            "md-threshold",
            &[(
                "threshold",
                FluentValue::from(escape(&c.tr.decimal(&w.threshold)))
            )]
        )
    );
    if let Some(m) = &w.margin {
        let _ = writeln!(
            out,
            "- {}",
            c.args(
                "md-margin",
                &[("margin", FluentValue::from(signed(c, m, w.passes)))]
            )
        );
    }
    let Some(Minor(h)) = w.headroom_per_year else {
        return;
    };
    let headroom = c.amount(Minor(h.abs()));
    let money = [
        ("amount", FluentValue::from(headroom)),
        ("currency", FluentValue::from(currency)),
    ];
    if w.passes {
        let _ = writeln!(out, "- {}", c.args("md-headroom-left", &money));
    } else if h < 0 {
        let _ = writeln!(out, "- {}", c.args("md-headroom-over", &money));
    } else {
        let _ = writeln!(out, "- {}", c.t("md-headroom-none"));
    }
    if !w.controlling_group.is_empty() {
        let names: Vec<String> = w.controlling_group.iter().map(|g| code(g)).collect();
        let _ = writeln!(
            out,
            "- {}",
            c.args(
                "md-group",
                &[("names", FluentValue::from(names.join(", ")))]
            )
        );
    }
    out.push('\n');
}

/// How the buyer controls the provider, marked by the control condition's verdict when the
/// decision judged on the same date has one: a path the analyses found but judged `review`
/// (unsettled law, a contradiction) is ⚠️, as in the per-buyer table, never ✅.
fn control_kind(c: &Md, k: ControlKind, judged: Option<Verdict>) -> String {
    let (mark, id) = match k {
        ControlKind::Sole => ("✅", "md-control-sole"),
        ControlKind::Indirect => ("✅", "md-control-indirect"),
        ControlKind::Joint => ("✅", "md-control-joint"),
        ControlKind::Reverse => ("✅", "md-control-reverse"),
        ControlKind::Sister => ("✅", "md-control-sister"),
        ControlKind::None => ("❌", "md-control-kind-none"),
    };
    let mark = match judged {
        Some(Verdict::Holds) | None => mark,
        Some(Verdict::Review) => "⚠️",
        Some(Verdict::NotAssessed) => "❔",
        Some(Verdict::Fails) => "❌",
    };
    format!("{mark} {}", c.t(id))
}

fn control(c: &Md, out: &mut String, figures: &crate::analysis::Figures) {
    let _ = writeln!(out, "{}", c.t("md-control-header"));
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    // missing control first: those are what a reviewer must see when the list is cut
    let (mut shown, found): (Vec<(&ControlPath, &Decision)>, Vec<_>) = figures
        .control_paths()
        .partition(|(p, _)| p.answer.kind == ControlKind::None);
    shown.extend(found);
    for &(p, d) in shown.iter().take(MAX_CONTROL_ROWS) {
        // The control condition of the path's decision.
        let k = d.condition("control");
        // A path judged otherwise than it was found says why (the reason begins with the path's
        // own explanation).
        let why = k
            .filter(|k| k.verdict != Verdict::Holds)
            .and_then(|k| Some((k.because_text()?, k.because.as_deref()?)));
        // the path's own words in the summary's language (`members-of:ks` reads "the members
        // of `ks`" as in the report); English keeps the links as the analyses wrote them
        let path = super::path_text(&p.answer.path, |part| {
            let word = match part.strip_prefix("members-of:") {
                Some(x) => Some(Text::new("path-members-of").name("group", x)),
                None => crate::analysis::control::path_word(part),
            };
            word.filter(|_| c.nb())
                .map_or_else(|| escape(part), |w| c.said(Some(&w), part))
        });
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            code(&d.subject.subscription()),
            code(d.subject.authority()),
            code(d.subject.service()),
            code(d.subject.provider()),
            escape(&c.tr.date(d.date.as_deref().unwrap_or_default())),
            escape(&c.word("purpose", d.purpose.as_str())),
            control_kind(c, p.answer.kind, k.map(|k| k.verdict)),
            path,
            match why {
                Some((text, en)) => c.said(Some(text), en),
                None => c.said(p.answer.explanation.text(), &p.answer.explanation),
            },
        );
    }
    if shown.len() > MAX_CONTROL_ROWS {
        let _ = writeln!(
            out,
            "\n{}",
            c.args(
                "md-control-more",
                &[("count", num(shown.len() - MAX_CONTROL_ROWS))]
            )
        );
    }
    out.push('\n');
}

/// `[tenants/oslo.yaml:12:7](tenants/oslo.yaml#L12)`; a file shipped in the binary
/// (`builtin:…`) is not in the repository, so it gets no link.
fn link(outcome: &Outcome, at: &crate::finding::Location) -> String {
    let file = outcome.sources.get(at.source);
    let (line, col) = file.line_col(at.span.start);
    if file.is_builtin() {
        return format!("`{}:{line}:{col}`", file.path);
    }
    format!(
        "[{}]({}#L{line})",
        escape(&format!("{}:{line}:{col}", file.path)),
        uri_path(&file.path)
    )
}

fn severity(c: &Md, s: Severity) -> String {
    c.t(&format!("severity-{}", s.as_str()))
}

fn finding(c: &Md, out: &mut String, outcome: &Outcome, f: &Finding) {
    let _ = writeln!(
        out,
        "- **{}** {} {}",
        severity(c, f.severity),
        link(outcome, &f.location),
        c.said(f.text.as_deref(), &f.message)
    );
    if let Some(h) = &f.help {
        let _ = writeln!(
            out,
            "  - {}: {}",
            c.t("help"),
            c.said(f.help_text.as_deref(), h)
        );
    }
    for l in &f.labels {
        let _ = writeln!(
            out,
            "  - {} {}: {}",
            c.t("see"),
            link(outcome, &l.location),
            c.said(l.text.as_deref(), &l.message)
        );
    }
}

fn findings(c: &Md, out: &mut String, outcome: &Outcome) {
    let mut by_rule: BTreeMap<&str, Vec<&Finding>> = BTreeMap::new();
    for f in &outcome.findings {
        by_rule.entry(&f.rule).or_default().push(f);
    }
    let mut rules: Vec<(&str, Vec<&Finding>)> = by_rule.into_iter().collect();
    // worst first, then by id
    rules.sort_by(|a, b| {
        let worst = |v: &[&Finding]| v.iter().map(|f| f.severity).max();
        worst(&b.1).cmp(&worst(&a.1)).then(a.0.cmp(b.0))
    });
    let _ = writeln!(out, "{}\n|---|---|--:|---|", c.t("md-findings-header"));
    for (id, list) in &rules {
        let summary = outcome
            .registry
            .get(id)
            .map_or_else(String::new, |r| inline(&c.tr.rule_summary(r)));
        let worst = list
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Note);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {summary} |",
            code(id),
            severity(c, worst),
            list.len()
        );
    }
    out.push('\n');
    for (id, list) in &rules {
        let _ = write!(out, "### {}\n\n", code(id));
        if let Some(r) = outcome.registry.get(id) {
            let _ = write!(out, "{}\n\n", inline(&c.tr.rule_summary(r)));
        }
        let _ = write!(
            out,
            "{}\n\n",
            c.args("md-explain", &[("rule", FluentValue::from(escape(id)))])
        );
        let mut cited: Vec<&str> = Vec::new();
        for f in list {
            for c in &f.legal_basis {
                if !cited.contains(&c.as_str()) {
                    cited.push(c);
                }
            }
        }
        if !cited.is_empty() {
            let cited: Vec<String> = cited.iter().map(|c| inline(c)).collect();
            let _ = write!(out, "{}: {}\n\n", c.t("col-legal-basis"), cited.join("; "));
        }
        for f in list.iter().take(MAX_PER_RULE) {
            finding(c, out, outcome, f);
        }
        if list.len() > MAX_PER_RULE {
            let _ = writeln!(
                out,
                "- {}",
                c.args(
                    "md-rule-more",
                    &[
                        ("count", num(list.len() - MAX_PER_RULE)),
                        ("rule", FluentValue::from(escape(id))),
                    ]
                )
            );
        }
        out.push('\n');
    }
}

/// Every waiver on the record: what it accepts, why, who approved it, until when.
fn waivers(c: &Md, out: &mut String, outcome: &Outcome) {
    let _ = writeln!(
        out,
        "{}\n|---|---|---|---|---|---|---|---:|",
        c.t("md-waivers-header")
    );
    for w in &outcome.waivers {
        let targets: Vec<String> = w.targets.iter().map(|t| code(t)).collect();
        let status = match w.status {
            crate::waiver::Status::Active => c.t("waiver-active"),
            crate::waiver::Status::Expired => format!("**{}**", c.t("waiver-expired")),
            crate::waiver::Status::Unused => c.t("waiver-unused"),
            crate::waiver::Status::Incomplete => format!("**{}**", c.t("waiver-incomplete")),
        };
        let _ = writeln!(
            out,
            "| {} ({}) | {} | {} | {} | {} | {} | {status} | {} |",
            code(&w.id),
            link(outcome, &w.location),
            code(&w.rule),
            targets.join("<br>"),
            escape(&w.reason),
            escape(&w.approved_by),
            escape(&c.tr.date(&w.expires)),
            w.waived,
        );
    }
    out.push('\n');
}

fn waived(c: &Md, out: &mut String, outcome: &Outcome) {
    let _ = writeln!(out, "{}\n|---|---|---|---|---|", c.t("md-waived-header"));
    for (f, w) in &outcome.waived {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(&f.rule),
            link(outcome, &f.location),
            f.target.as_deref().map_or_else(String::new, code),
            code(w),
            c.said(f.text.as_deref(), &f.message),
        );
    }
    out.push('\n');
}

/// A verdict with a mark that a table cell shows at a glance; `review` is not a pass.
fn verdict(c: &Md, v: Verdict) -> String {
    match v {
        Verdict::Holds => format!("✅ {}", c.t("verdict-holds")),
        Verdict::Review => format!("⚠️ **{}**", c.t("verdict-review")),
        Verdict::NotAssessed => format!("❔ **{}**", c.t("verdict-not-assessed")),
        Verdict::Fails => format!("❌ **{}**", c.t("verdict-fails")),
    }
}

/// The decision records per buyer and provider: the worst verdict per legal condition over the
/// subscriptions and dates judged (DESIGN §3.1), as the HTML report's summary.
fn buyers(c: &Md, out: &mut String, outcome: &Outcome, only: Option<&str>) {
    let mut rows: BTreeMap<(&str, &str), Vec<&Decision>> = BTreeMap::new();
    for d in &outcome.figures.decisions {
        let b = d.subject.buyer_or_tenant();
        if only.is_some_and(|o| o != b) {
            continue;
        }
        rows.entry((b, d.subject.provider())).or_default().push(d);
    }
    if rows.is_empty() {
        let _ = write!(out, "{}\n\n", c.t("summary-none"));
        return;
    }
    let columns = crate::analysis::decision::conditions_of(rows.values().flatten().copied());
    let _ = write!(
        out,
        "| {} | {} | {} | {} |",
        c.t("col-buyer"),
        c.t("md-col-provider"),
        c.t("col-basis"),
        c.t("col-subscriptions")
    );
    for k in &columns {
        let _ = write!(out, " {} |", c.word("condition", k));
    }
    let _ = write!(out, " {} |\n|---|---|---|--:|", c.t("col-overall"));
    for _ in &columns {
        out.push_str("---|");
    }
    out.push_str("---|\n");
    let name = |id: &str| match outcome.names.get(id) {
        Some(n) => escape(n),
        None if id.trim().is_empty() => "–".to_owned(),
        None => code(id),
    };
    for ((buyer, provider), ds) in &rows {
        let bases: std::collections::BTreeSet<String> = ds
            .iter()
            .map(|d| c.word("basis", &d.subject.basis))
            .collect();
        let subs: std::collections::BTreeSet<(&str, usize)> =
            ds.iter().map(|d| d.subject.key()).collect();
        let _ = write!(
            out,
            "| {} | {} | {} | {} |",
            name(buyer),
            name(provider),
            escape(&bases.into_iter().collect::<Vec<_>>().join(", ")),
            subs.len()
        );
        for k in &columns {
            let worst = ds
                .iter()
                .filter_map(|d| d.condition(k))
                .map(|c| c.verdict)
                .max();
            let _ = write!(
                out,
                " {} |",
                worst.map_or_else(|| "–".to_owned(), |v| verdict(c, v))
            );
        }
        let overall = ds.iter().map(|d| d.verdict).max();
        let _ = writeln!(
            out,
            " {} |",
            overall.map_or_else(|| "–".to_owned(), |v| verdict(c, v))
        );
    }
    let _ = write!(out, "\n{}\n\n", c.t("md-legend"));
}

/// The summary in the language `language` in `egenregi.kdl` says (English by default).
pub fn render(outcome: &Outcome) -> String {
    render_view(outcome, &super::View::default())
}

/// The summary, for one buyer when `view` names one, in the language it asks (else `language`
/// in `egenregi.kdl`, else English).
pub fn render_view(outcome: &Outcome, view: &super::View) -> String {
    let c = Md {
        tr: Tr::of(view.lang.or(outcome.language).unwrap_or_default()),
    };
    let mut out = headline(&c, outcome);
    out.push_str(&facts(&c, outcome));

    let _ = write!(out, "## {}\n\n", c.t("buyers-title"));
    buyers(&c, &mut out, outcome, view.buyer.as_deref());

    let _ = write!(out, "## {}\n\n", c.t("activity-title"));
    if outcome.figures.windows.is_empty() {
        let _ = write!(out, "{}\n\n", c.t("activity-none"));
    }
    for w in &outcome.figures.windows {
        window(&c, &mut out, w);
    }

    let _ = write!(out, "## {}\n\n", c.t("md-control-title"));
    if outcome.figures.control.is_empty() {
        let _ = write!(out, "{}\n\n", c.t("md-control-none"));
    } else {
        control(&c, &mut out, &outcome.figures);
    }

    let _ = write!(out, "## {}\n\n", c.t("md-findings-title"));
    if outcome.findings.is_empty() {
        let _ = write!(out, "{}\n\n", c.t("md-findings-none"));
    } else {
        findings(&c, &mut out, outcome);
    }

    assumptions(&c, &mut out, outcome, view.buyer.as_deref());

    if !outcome.waivers.is_empty() {
        let _ = write!(out, "## {}\n\n", c.t("waivers-title"));
        waivers(&c, &mut out, outcome);
    }
    if !outcome.waived.is_empty() {
        let _ = write!(out, "## {}\n\n", c.t("md-waived-title"));
        waived(&c, &mut out, outcome);
    }
    // one trailing newline
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_from_the_input() {
        assert_eq!(
            escape("a|b <script>`x`*y*_z_ [l](u) ~s~ &amp; $m$ #h !i\\\nnext"),
            "a\\|b \\<script\\>\\`x\\`\\*y\\*\\_z\\_ \\[l\\](u) \\~s\\~ \\&amp; \\$m\\$ \\#h \\!i\\\\ next"
        );
        assert_eq!(code("a|b"), "\\`a\\|b\\`");
        assert_eq!(code("svarut"), "`svarut`");
        assert_eq!(code(" x"), "\\` x\\`");
    }

    #[test]
    fn names_in_backticks_become_code_spans_and_nothing_else_does() {
        assert_eq!(
            inline("id `ks-digitl` is unknown"),
            "id `ks-digitl` is unknown"
        );
        assert_eq!(
            inline("`<script>` and `a|b` and <b>x</b>"),
            "`<script>` and \\`a\\|b\\` and \\<b\\>x\\</b\\>"
        );
        // an unpaired backtick cannot open a span that swallows the rest
        assert_eq!(inline("a `b` c `d"), "a `b` c \\`d");
    }

    #[test]
    fn amounts_are_grouped_and_exact() {
        assert_eq!(amount(Minor(125_000_050)), "1 250 000.50");
        assert_eq!(amount(Minor(-305)), "-3.05");
        assert_eq!(amount(Minor(100_000)), "1 000.00");
        assert_eq!(amount(Minor(99_999)), "999.99");
    }
}
