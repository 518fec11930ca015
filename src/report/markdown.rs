//! `--format markdown`: a summary for `$GITHUB_STEP_SUMMARY` or a pull-request comment: counts,
//! the activity test and control paths (the figures a reviewer reads first), findings grouped by
//! rule with `file:line` links and legal basis, and waived findings.
//!
//! Everything taken from the input is escaped ([`escape`]), so a value can neither break a table
//! nor inject markup. Links are relative to the checked root.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::sarif::uri_path;
use super::{input_digest, plural};
use crate::Outcome;
use crate::analysis::decision::{Decision, Verdict};
use crate::analysis::{ControlKind, ControlPath, Minor, Window};
use crate::finding::{Finding, Severity};

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

fn headline(outcome: &Outcome) -> String {
    let errors = outcome.count(Severity::Error);
    let mark = if errors == 0 { "✅" } else { "❌" };
    format!(
        "# {mark} egenregi: {}, {}, {}\n\n",
        plural(errors, "error"),
        plural(outcome.count(Severity::Warning), "warning"),
        plural(outcome.count(Severity::Note), "note"),
    )
}

fn facts(outcome: &Outcome) -> String {
    let baselined = if outcome.baselined.is_empty() {
        String::new()
    } else {
        format!(" · {} in the baseline", outcome.baselined.len())
    };
    format!(
        "As of **{}** · {} · {} · {} waived{baselined} · egenregi {} · input SHA-256 `{}`\n\n",
        outcome.as_of,
        plural(outcome.files, "file"),
        plural(outcome.documents, "document"),
        outcome.waived.len(),
        env!("CARGO_PKG_VERSION"),
        input_digest(outcome),
    )
}

fn share(s: Option<&str>) -> String {
    s.map_or_else(|| "–".to_owned(), |s| format!("{} %", escape(s)))
}

/// `+8.5` above the threshold; `-3.2` (or `0.0`: not above it) otherwise.
fn signed(margin: &str, passes: bool) -> String {
    if passes && !margin.starts_with('-') {
        format!("+{}", escape(margin))
    } else {
        escape(margin)
    }
}

fn window(out: &mut String, w: &Window) {
    let not_assessed = w.verdict == crate::analysis::decision::Verdict::NotAssessed;
    let verdict = if not_assessed {
        "⚠️ not assessed"
    } else if w.passes {
        "✅ passes"
    } else {
        "❌ fails"
    };
    let _ = write!(
        out,
        "### {} · three years before {} ({}) · {verdict}\n\n",
        code(&w.provider),
        escape(&w.date),
        escape(&w.purpose)
    );
    out.push_str("| Year | Basis | Measure | Report | Qualifying | Total | Share |\n");
    out.push_str("|---|---|---|---|--:|--:|--:|\n");
    for y in &w.years {
        let basis = match y.basis {
            crate::analysis::YearBasis::Actual => "actual",
            crate::analysis::YearBasis::Projected => "projected",
            crate::analysis::YearBasis::Missing => "**missing**",
        };
        let _ = writeln!(
            out,
            "| {} | {basis} | {} | {} | {} | {} | {} |",
            y.year,
            y.measure.as_deref().map_or_else(String::new, escape),
            y.report.as_deref().map_or_else(String::new, code),
            amount(y.qualifying),
            amount(y.total),
            share(y.share.as_deref()),
        );
    }
    let _ = write!(
        out,
        "| **Window** | | | | **{}** | **{}** | **{}** |\n\n",
        amount(w.qualifying),
        amount(w.total),
        share(w.share.as_deref()),
    );
    if not_assessed {
        let _ = writeln!(
            out,
            "- Not assessed: {}; no share, margin or headroom is given on partial input\n",
            escape(&w.not_assessed.join("; "))
        );
        return;
    }
    let currency = escape(&w.currency);
    let _ = writeln!(
        out,
        "- Threshold: more than {} % of the activity for the controlling authorities",
        escape(&w.threshold)
    );
    if let Some(m) = &w.margin {
        let _ = writeln!(out, "- Margin: {} percentage points", signed(m, w.passes));
    }
    let headroom = amount(Minor(w.headroom_per_year.0.abs()));
    if w.passes {
        let _ = writeln!(
            out,
            "- Headroom: {headroom} {currency} more non-qualifying activity per year before the window fails"
        );
    } else if w.headroom_per_year.0 < 0 {
        let _ = writeln!(
            out,
            "- Headroom: none; {headroom} {currency} per year of non-qualifying activity too much"
        );
    } else {
        out.push_str("- Headroom: none\n");
    }
    if !w.controlling_group.is_empty() {
        let names: Vec<String> = w.controlling_group.iter().map(|g| code(g)).collect();
        let _ = writeln!(out, "- Controlling group: {}", names.join(", "));
    }
    out.push('\n');
}

fn control_kind(k: ControlKind) -> &'static str {
    match k {
        ControlKind::Sole => "✅ sole",
        ControlKind::Indirect => "✅ indirect",
        ControlKind::Joint => "✅ joint",
        ControlKind::Reverse => "✅ reverse",
        ControlKind::Sister => "✅ sister",
        ControlKind::None => "❌ none",
    }
}

fn control(out: &mut String, paths: &[ControlPath]) {
    out.push_str(
        "| Subscription | Authority | Service | Provider | Date | Control | Path | Explanation |\n",
    );
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    // missing control first: those are what a reviewer must see when the list is cut
    let mut shown: Vec<&ControlPath> = paths
        .iter()
        .filter(|p| p.kind == ControlKind::None)
        .collect();
    shown.extend(paths.iter().filter(|p| p.kind != ControlKind::None));
    for p in shown.iter().take(MAX_CONTROL_ROWS) {
        let path = super::path_text(&p.path, escape);
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} ({}) | {} | {} | {} |",
            code(&p.subscription),
            code(&p.authority),
            code(&p.service),
            code(&p.provider),
            escape(&p.date),
            escape(p.purpose),
            control_kind(p.kind),
            path,
            inline(&p.explanation),
        );
    }
    if paths.len() > MAX_CONTROL_ROWS {
        let _ = writeln!(
            out,
            "\n… and {} more (`egenregi report --format html` lists them all)",
            paths.len() - MAX_CONTROL_ROWS
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

fn finding(out: &mut String, outcome: &Outcome, f: &Finding) {
    let _ = writeln!(
        out,
        "- **{}** {} {}",
        f.severity,
        link(outcome, &f.location),
        inline(&f.message)
    );
    if let Some(h) = &f.help {
        let _ = writeln!(out, "  - help: {}", inline(h));
    }
    for l in &f.labels {
        let _ = writeln!(
            out,
            "  - see {}: {}",
            link(outcome, &l.location),
            inline(&l.message)
        );
    }
}

fn findings(out: &mut String, outcome: &Outcome) {
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
    out.push_str("| Rule | Severity | Findings | Summary |\n|---|---|--:|---|\n");
    for (id, list) in &rules {
        let summary = outcome
            .registry
            .get(id)
            .map_or_else(String::new, |r| inline(&r.summary));
        let worst = list
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Severity::Note);
        let _ = writeln!(
            out,
            "| {} | {worst} | {} | {summary} |",
            code(id),
            list.len()
        );
    }
    out.push('\n');
    for (id, list) in &rules {
        let _ = write!(out, "### {}\n\n", code(id));
        if let Some(r) = outcome.registry.get(id) {
            let _ = write!(out, "{}\n\n", inline(&r.summary));
        }
        let _ = write!(
            out,
            "Run `egenregi explain {}` for what this rule checks, why, and an example that fails and one that passes.\n\n",
            escape(id)
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
            let _ = write!(out, "Legal basis: {}\n\n", cited.join("; "));
        }
        for f in list.iter().take(MAX_PER_RULE) {
            finding(out, outcome, f);
        }
        if list.len() > MAX_PER_RULE {
            let _ = writeln!(
                out,
                "- … and {} more (`egenregi check --format human --rule {}` lists them all)",
                list.len() - MAX_PER_RULE,
                escape(id)
            );
        }
        out.push('\n');
    }
}

/// Every waiver on the record: what it accepts, why, who approved it, until when.
fn waivers(out: &mut String, outcome: &Outcome) {
    out.push_str(
        "| Waiver | Rule | Targets | Reason | Approved by | Expires | Status | Waived |\n\
         |---|---|---|---|---|---|---|---:|\n",
    );
    for w in &outcome.waivers {
        let targets: Vec<String> = w.targets.iter().map(|t| code(t)).collect();
        let status = match w.status {
            crate::waiver::Status::Active => "active",
            crate::waiver::Status::Expired => "**expired**",
            crate::waiver::Status::Unused => "unused",
            crate::waiver::Status::Incomplete => "**incomplete**",
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
            escape(&w.expires),
            w.waived,
        );
    }
    out.push('\n');
}

fn waived(out: &mut String, outcome: &Outcome) {
    out.push_str("| Rule | Where | Target | Waiver | Finding |\n|---|---|---|---|---|\n");
    for (f, w) in &outcome.waived {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |",
            code(&f.rule),
            link(outcome, &f.location),
            f.target.as_deref().map_or_else(String::new, code),
            code(w),
            inline(&f.message),
        );
    }
    out.push('\n');
}

/// A verdict with a mark that a table cell shows at a glance; `review` is not a pass.
fn verdict(v: Verdict) -> &'static str {
    match v {
        Verdict::Holds => "✅ holds",
        Verdict::Review => "⚠️ **review**",
        Verdict::NotAssessed => "❔ **not assessed**",
        Verdict::Fails => "❌ **fails**",
    }
}

/// The decision records per buyer and provider: the worst verdict per legal condition over the
/// subscriptions and dates judged (DESIGN §3.1), as the HTML report's summary.
fn buyers(out: &mut String, outcome: &Outcome, only: Option<&str>) {
    let buyer_of = |d: &Decision| d.buyer.clone().unwrap_or_else(|| d.tenant.clone());
    let mut rows: BTreeMap<(String, String), Vec<&Decision>> = BTreeMap::new();
    for d in &outcome.figures.decisions {
        let b = buyer_of(d);
        if only.is_some_and(|o| o != b) {
            continue;
        }
        rows.entry((b, d.provider.clone().unwrap_or_default()))
            .or_default()
            .push(d);
    }
    if rows.is_empty() {
        out.push_str("No subscriptions were judged in this run.\n\n");
        return;
    }
    let columns = crate::analysis::decision::conditions_of(rows.values().flatten().copied());
    out.push_str("| Buyer | Provider | Basis | Subscriptions |");
    for k in &columns {
        let _ = write!(out, " {k} |");
    }
    out.push_str(" Overall |\n|---|---|---|--:|");
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
        let bases: std::collections::BTreeSet<&str> = ds.iter().map(|d| d.basis.as_str()).collect();
        let subs: std::collections::BTreeSet<&str> =
            ds.iter().map(|d| d.subscription.as_str()).collect();
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
            let _ = write!(out, " {} |", worst.map_or("–", verdict));
        }
        let overall = ds.iter().map(|d| d.verdict).max();
        let _ = writeln!(out, " {} |", overall.map_or("–", verdict));
    }
    out.push_str(
        "\n⚠️ review: holds only on a reading the law has not settled; a lawyer must sign it off. \
         `egenregi report --buyer ID` gives one buyer's extract.\n\n",
    );
}

pub fn render(outcome: &Outcome) -> String {
    render_view(outcome, &super::View::default())
}

/// The summary, for one buyer when `view` names one (its language is English: the Markdown
/// summary is for CI logs).
pub fn render_view(outcome: &Outcome, view: &super::View) -> String {
    let mut out = headline(outcome);
    out.push_str(&facts(outcome));

    out.push_str("## Per buyer\n\n");
    buyers(&mut out, outcome, view.buyer.as_deref());

    out.push_str("## Activity test\n\n");
    if outcome.figures.windows.is_empty() {
        out.push_str("No activity windows were computed in this run.\n\n");
    }
    for w in &outcome.figures.windows {
        window(&mut out, w);
    }

    out.push_str("## Control paths\n\n");
    if outcome.figures.control.is_empty() {
        out.push_str("No in-house subscriptions were analysed in this run.\n\n");
    } else {
        control(&mut out, &outcome.figures.control);
    }

    out.push_str("## Findings\n\n");
    if outcome.findings.is_empty() {
        out.push_str("No findings.\n\n");
    } else {
        findings(&mut out, outcome);
    }

    if !outcome.waivers.is_empty() {
        out.push_str("## Waivers\n\n");
        waivers(&mut out, outcome);
    }
    if !outcome.waived.is_empty() {
        out.push_str("## Waived\n\n");
        waived(&mut out, outcome);
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
