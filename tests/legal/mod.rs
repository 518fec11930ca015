//! Building blocks of the legal tests (article 12, history, the other bases): documents as YAML
//! text and one checked run of a throwaway repository. A directory module, so cargo does not run
//! it as a test of its own; each test file uses what it needs.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::format_collect,
    reason = "each test file uses a part; a panic in a test helper is a failed test; test data \
              reads best as one format! per year"
)]

use egenregi::Options;
use egenregi::analysis::decision::Decision;

pub fn entity(id: &str, spec: &str) -> String {
    format!("---\napiVersion: egenregi/v1\nkind: Entity\nmetadata: {{id: {id}}}\nspec: {spec}\n")
}

pub fn service(id: &str, provider: &str) -> String {
    format!(
        "---\napiVersion: egenregi/v1\nkind: Service\nmetadata: {{id: {id}}}\nspec: {{provider: {provider}, criticality: low, lifecycle: {{stage: active}}}}\n"
    )
}

/// A tenant `t-{buyer}` with the given subscriptions (flow mappings).
pub fn tenant_with(buyer: &str, subscriptions: &[&str]) -> String {
    format!(
        "---\napiVersion: egenregi/v1\nkind: Tenant\nmetadata: {{id: t-{buyer}}}\nspec: {{entity: {buyer}, subscriptions: [{}]}}\n",
        subscriptions.join(", ")
    )
}

/// Reports for `provider` for 2021 to 2025 with the same `lines` each year.
pub fn turnover_years(provider: &str, lines: &str) -> String {
    (2021..=2025)
        .map(|y| {
            format!(
                "---\napiVersion: egenregi/v1\nkind: ActivityReport\nmetadata: {{id: {provider}-{y}}}\nspec: {{provider: {provider}, year: {y}, basis: actual, measure: turnover, currency: NOK, lines: [{lines}]}}\n"
            )
        })
        .collect()
}

/// What a check found: rule ids and `rule: message` lines in order, and the decisions.
pub struct Run {
    pub rules: Vec<String>,
    pub messages: Vec<String>,
    pub decisions: Vec<Decision>,
}

/// Checks `yaml` as of 2026-11-22.
pub fn check(yaml: &str) -> Run {
    check_with(yaml, "", &[])
}

/// Checks `yaml` as of 2026-11-22 with more `egenregi.kdl` lines and more files beside it.
pub fn check_with(yaml: &str, kdl: &str, files: &[(&str, &str)]) -> Run {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("egenregi.kdl"),
        format!("as-of \"2026-11-22\"\n{kdl}"),
    )
    .unwrap();
    std::fs::write(dir.path().join("repo.yaml"), yaml).unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let outcome = egenregi::check(dir.path(), &Options::default()).unwrap();
    assert_every_text_has_a_message(&outcome);
    Run {
        rules: outcome
            .findings
            .iter()
            .map(|f| f.rule.to_string())
            .collect(),
        messages: outcome
            .findings
            .iter()
            .map(|f| format!("{}: {}", f.rule, f.message))
            .collect(),
        decisions: outcome.figures.decisions,
    }
}

/// Every text of the analyses in `outcome` is a message, so the report can say it in Bokmål:
/// the legal findings' messages, help and labels, every condition's reason, every assumption
/// and every window's reasons; and the Bokmål report misses no message (`⟦id⟧`). Every legal
/// test repository goes through this, so a text written as English only fails here.
pub fn assert_every_text_has_a_message(outcome: &egenregi::Outcome) {
    let legal: Vec<&str> = egenregi::analysis::inhouse::RULES
        .iter()
        .chain(egenregi::analysis::procurement::RULES)
        .map(|r| r.id.as_ref())
        .collect();
    for f in outcome
        .findings
        .iter()
        .chain(outcome.waived.iter().map(|(f, _)| f))
    {
        if !legal.contains(&f.rule.as_ref()) {
            continue;
        }
        assert!(f.text.is_some(), "{}: {} has no message", f.rule, f.message);
        assert!(
            f.help.is_none() || f.help_text.is_some(),
            "{}: help {:?} has no message",
            f.rule,
            f.help
        );
        for l in &f.labels {
            // the config's own labels (a severity set, a threshold changed) are not the analyses'
            let config = outcome.sources.get(l.location.source).path == "egenregi.kdl";
            assert!(
                config || l.text.is_some(),
                "{}: label {} has no message",
                f.rule,
                l.message
            );
        }
    }
    for d in &outcome.figures.decisions {
        for c in &d.conditions {
            assert!(
                c.because.is_none() || c.because_text().is_some(),
                "{} {}: because {:?} has no message",
                d.subject.subscription(),
                c.condition,
                c.because
            );
        }
        for a in &d.assumptions {
            assert!(
                a.text.is_some(),
                "{}: assumption {a} has no message",
                d.subject.subscription()
            );
        }
    }
    for w in &outcome.figures.windows {
        assert_eq!(w.not_assessed.len(), w.not_assessed_text.len(), "{w:?}");
    }
    let view = egenregi::report::html::View {
        lang: Some(egenregi::i18n::Lang::Nb),
        buyer: None,
    };
    let page = egenregi::report::html::render_view(outcome, &view);
    assert!(!page.contains('⟦'), "a message is missing in nb.ftl");
    let md = egenregi::report::markdown::render_view(outcome, &view);
    assert!(!md.contains('⟦'), "a message is missing in nb.ftl");
    assert_no_english_path_word_or_summary(outcome, &page, &md);
}

/// The words of the control paths (`owners in gm`, `seat`, `sole control of c`) and the legal
/// rules' one-line summaries are Bokmål in the Bokmål report (`page`) and Markdown (`md`). A
/// link word the analyses write without a message (an id has no spaces, so a part with a space
/// is a word), or a legal rule without its Bokmål summary, fails here.
pub fn assert_no_english_path_word_or_summary(outcome: &egenregi::Outcome, page: &str, md: &str) {
    use egenregi::analysis::control::path_word;
    use egenregi::i18n::{Lang, Tr};
    let nb = Tr::of(Lang::Nb);
    for p in &outcome.figures.control {
        for (_, part) in egenregi::report::path_parts(&p.answer.path) {
            assert!(
                !part.starts_with("members-of:") || !md.contains(&format!(" {part} →")),
                "{part:?} as input syntax in Markdown"
            );
            let word = path_word(&part);
            assert!(
                word.is_some() || !part.contains(char::is_whitespace),
                "control path word {part:?} ({:?}) has no message",
                p.answer.path
            );
            let Some(word) = word else { continue };
            // untranslated, the report would show the English word as code
            assert!(
                !page.contains(&format!("<code>{part}</code>")),
                "{part:?} in English in the report"
            );
            assert!(
                !md.contains(&format!(" {part} →")),
                "{part:?} in English in Markdown"
            );
            let said = nb.render(&word, &|id, out| out.push_str(id));
            assert_ne!(said, part, "{part:?} has no Bokmål");
        }
    }
    // the built-in rules of the legal conditions (a policy's own rules keep their words)
    let builtin = egenregi::rules::builtin();
    for r in &outcome.registry.rules {
        if !r.condition.is_legal() || !builtin.iter().any(|b| b.id == r.id) {
            continue;
        }
        assert!(
            !md.contains(r.summary.as_ref()),
            "{}: summary in English in Markdown",
            r.id
        );
        let rule_shown = outcome
            .findings
            .iter()
            .any(|f| f.rule.as_ref() == r.id.as_ref());
        assert!(
            !rule_shown || md.contains(&nb.rule_summary(r)),
            "{}: no Bokmål summary in Markdown",
            r.id
        );
    }
}
