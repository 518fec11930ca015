//! What the fuzz targets do with one input, shared by `fuzz_targets/*.rs` (cargo-fuzz) and
//! `tests/fuzz_standin.rs` (proptest in `cargo test`), so both exercise the same code.
//!
//! A run may end in findings or in a setup error; it must never panic, and every span it
//! reports must lie inside its source on character boundaries (the renderers slice by them).

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;

use egenregi::config::{Config, KdlFileError, PoliciesDir};
use egenregi::date::Date;
use egenregi::finding::{self, Finding, Findings};
use egenregi::load::{self, Limits, discover::Discovered, yaml};
use egenregi::report::{self, Format, HumanStyle};
use egenregi::rules::Registry;
use egenregi::source::{SourceFile, SourceId, Sources};
use egenregi::{analysis, model, policy, schema, waiver};

/// The evaluation date of every run, so a run depends on its input only.
const AS_OF: &str = "2026-11-22";

/// Compiled once, reused for every input: the shipped policy pack, the legal pack, and a
/// scratch directory the inputs are written into (the loader and the config reader read files).
pub struct Harness {
    scratch: tempfile::TempDir,
    /// `examples/ks-digital`, loaded once, for the rules of a KDL input to be evaluated over:
    /// its sources (they follow the rule files, shipped and fuzzed), documents and validity.
    example: (Vec<SourceFile>, load::Loaded, Vec<bool>),
    shipped: policy::Policies,
    /// The rule files `shipped` points into, in source order.
    shipped_sources: Vec<SourceFile>,
    legal: analysis::pack::Jurisdiction,
    registry: Registry,
    as_of: Date,
}

impl std::fmt::Debug for Harness {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Harness")
            .field("scratch", &self.scratch.path())
            .finish_non_exhaustive()
    }
}

impl Harness {
    /// `repo` is the egenregi checkout (for `examples/ks-digital`).
    ///
    /// # Panics
    /// When the shipped packs do not compile or no scratch directory can be made.
    pub fn new(repo: &Path) -> Self {
        let as_of = Date::parse(AS_OF).expect("a valid date");
        let mut sources = Sources::default();
        let shipped = policy::load(None, repo, &mut sources).expect("the shipped policies compile");
        let shipped_sources = sources
            .iter()
            .map(|(_, s)| SourceFile::new(s.path.clone(), s.text.clone()))
            .collect();
        // A rule file under test is compiled after the shipped ones: the example's sources
        // follow both.
        let mut example_sources = Sources::default();
        for _ in 0..=sources.len() {
            example_sources.push(SourceFile::new(String::new(), ""));
        }
        let base = example_sources.len();
        let root = repo.join("examples/ks-digital");
        let paths = load::discover::walk(&root, Config::defaults(Some(as_of)).exclude())
            .expect("the example is readable");
        let (loaded, _) = load::all(&paths, &Limits::default(), &mut example_sources);
        let (_, errors) = schema::compiled()
            .expect("the schemas compile")
            .validate(&loaded.docs);
        let valid: Vec<bool> = errors.iter().map(Option::is_none).collect();
        let example = (
            example_sources
                .iter()
                .skip(base)
                .map(|(_, s)| SourceFile::new(s.path.clone(), s.text.clone()))
                .collect(),
            loaded,
            valid,
        );
        let legal = analysis::pack::load("no").expect("the legal pack loads");
        let mut registry = Registry::new();
        registry.rules.extend(shipped.rules().iter().cloned());
        let scratch = tempfile::tempdir().expect("a scratch directory");
        for dir in ["yaml", "config", "policy/policies"] {
            std::fs::create_dir_all(scratch.path().join(dir)).expect("a scratch directory");
        }
        Self {
            scratch,
            example,
            shipped,
            shipped_sources,
            legal,
            registry,
            as_of,
        }
    }

    /// Sources holding the shipped rule files at the ids `self.shipped` uses.
    fn sources(&self) -> Sources {
        let mut sources = Sources::default();
        for s in &self.shipped_sources {
            sources.push(SourceFile::new(s.path.clone(), s.text.clone()));
        }
        sources
    }

    /// `data` as one YAML file: the in-memory parser on its text, then the pipeline of
    /// `egenregi::check` from the loader on (read under limits, decode, envelope, schemas,
    /// model, in-house analyses, policies, waivers). Returns the number of findings.
    ///
    /// # Panics
    /// On any broken invariant: that is what the fuzzer looks for.
    pub fn yaml(&self, data: &[u8]) -> usize {
        if let Ok(text) = std::str::from_utf8(data) {
            // The fast scanner reads a file to granit's events, or leaves it to granit.
            let agreed = load::fast::agrees_with_granit(text, Limits::default().max_depth);
            assert!(agreed.is_ok(), "load::fast: {agreed:?}");
            let parsed = yaml::parse(text, SourceId(0), &Limits::default());
            for d in &parsed.documents {
                for n in d.tree.rows() {
                    within(text, &n.span(), "a document span");
                    within(text, &n.key_span(), "a key span");
                }
                d.locate("/spec/does/not/exist");
            }
            for raw in &parsed.findings {
                within(text, &raw.finding.location.span, "a loader finding");
            }
        }
        let root = self.scratch.path().join("yaml");
        let path = root.join("fuzz.yaml");
        std::fs::write(&path, data).expect("the scratch file is writable");
        let config = Config::defaults(Some(self.as_of));
        let mut sources = self.sources();
        let mut findings = Findings::new(
            HashMap::new(),
            Vec::new(),
            Vec::new(),
            self.legal.citations.clone(),
        );
        let found = [Discovered {
            path,
            rel: "fuzz.yaml".into(),
        }];
        let (loaded, load_findings) = load::all(&found, &Limits::default(), &mut sources);
        findings.extend(load_findings);
        let schemas = schema::compiled().expect("the schemas compile");
        let (schema_findings, errors) = schemas.validate(&loaded.docs);
        let valid: Vec<bool> = errors.iter().map(Option::is_none).collect();
        findings.extend(schema_findings);
        // As the check does: the model over the documents' heads, and every finding after the
        // estimates placed by parsing its file again.
        let heads = loaded.heads(&sources, &Limits::default());
        let model = model::build(
            &loaded.docs,
            &heads,
            &errors,
            &root,
            &sources,
            &loaded.unread,
            &mut findings,
        );
        let estimated =
            analysis::procurement::estimates(&model, &load::WithRows::new(&loaded.docs), &sources);
        analysis::run(
            &model,
            &sources,
            &config,
            &self.legal,
            estimated,
            &mut findings,
        );
        policy::run(
            &self.shipped,
            &loaded.docs,
            &valid,
            &config,
            &sources,
            &mut findings,
        );
        let (mut active, waived, waiver_findings) =
            waiver::apply(&model, &self.registry, config.as_of(), findings.take());
        active.extend(waiver_findings);
        finding::sort(&mut active, &sources);
        for f in active.iter().chain(waived.iter().map(|(f, _)| f)) {
            finding_within(&sources, f);
        }
        active.len()
    }

    /// `data` as `egenregi.kdl` (read, validated, rule overrides applied) and as a rule file
    /// under `policies` (compiled with the shipped pack, then evaluated over
    /// `examples/ks-digital`). A setup error is rendered as the binary renders it. Returns the
    /// number of policy findings.
    ///
    /// # Panics
    /// On any broken invariant: that is what the fuzzer looks for.
    pub fn kdl(&self, data: &[u8]) -> usize {
        // As egenregi.kdl.
        let root = self.scratch.path().join("config");
        std::fs::write(root.join("egenregi.kdl"), data).expect("the scratch file is writable");
        let mut sources = Sources::default();
        match egenregi::config::load(&root, Some(self.as_of), &mut sources) {
            Err(e) => render(&e),
            Ok(config) if config.policies().is_none() => {
                if let Err(e) = config.validate(&self.registry) {
                    render(&e);
                }
            }
            Ok(config) => {
                // A `policies` directory outside the scratch root does not exist: a setup
                // error, rendered like any other.
                match policy::load(config.policies(), &root, &mut sources) {
                    Err(e) => render(&e),
                    Ok(pack) => {
                        let mut registry = Registry::new();
                        registry.rules.extend(pack.rules().iter().cloned());
                        if let Err(e) = config.validate(&registry) {
                            render(&e);
                        }
                    }
                }
            }
        }

        self.policy(data)
    }

    /// `data` as a rule file under `policies`: compiled with the shipped pack (its limits on
    /// rules, regexes and CEL included), then evaluated over `examples/ks-digital` under the
    /// CEL step budgets. Returns the number of policy findings.
    ///
    /// # Panics
    /// On any broken invariant: that is what the fuzzer looks for.
    pub fn policy(&self, data: &[u8]) -> usize {
        let root = self.scratch.path().join("policy");
        let dir = root.join("policies");
        std::fs::write(dir.join("fuzz.kdl"), data).expect("the scratch file is writable");
        let config = Config::defaults(Some(self.as_of));
        let dir = PoliciesDir {
            shown: dir.display().to_string(),
            path: dir,
            at: None,
        };
        let mut sources = Sources::default();
        let pack = match policy::load(Some(&dir), &root, &mut sources) {
            Err(e) => {
                render(&e);
                return 0;
            }
            Ok(pack) => pack,
        };
        let (example_sources, loaded, valid) = &self.example;
        assert_eq!(
            sources.len(),
            self.shipped_sources.len() + 1,
            "one rule file was added"
        );
        for s in example_sources {
            sources.push(SourceFile::new(s.path.clone(), s.text.clone()));
        }
        let mut findings = Findings::new(HashMap::new(), Vec::new(), Vec::new(), HashMap::new());
        policy::run(&pack, &loaded.docs, valid, &config, &sources, &mut findings);
        let findings = findings.take();
        for f in &findings {
            finding_within(&sources, f);
        }
        findings.len()
    }
}

/// The files of a fuzzed repository, in the order [`Harness::split`] fills them.
pub const REPOSITORY_FILES: [&str; 4] = ["a.yaml", "b.yaml", "egenregi.kdl", "policies/team.kdl"];

/// What separates the files in one fuzz input (a byte no UTF-8 text has, twice).
pub const FILE_SEPARATOR: &[u8] = b"\xff\xff";

impl Harness {
    /// One fuzz input as the files of a small repository: up to four parts split at
    /// [`FILE_SEPARATOR`], in the order of [`REPOSITORY_FILES`].
    pub fn split(data: &[u8]) -> Vec<(&'static str, &[u8])> {
        let mut parts = Vec::new();
        let mut rest = data;
        for name in REPOSITORY_FILES {
            let end = rest
                .windows(FILE_SEPARATOR.len())
                .position(|w| w == FILE_SEPARATOR)
                .unwrap_or(rest.len());
            parts.push((name, &rest[..end]));
            rest = rest.get(end + FILE_SEPARATOR.len()..).unwrap_or(&[]);
        }
        parts
    }

    /// `files` as a repository, through `egenregi::check` (the binary's entry point) and every
    /// output format: JSON and SARIF must parse, `JUnit` must be well-formed XML, and no format
    /// may carry a raw control character from the input. A setup error is rendered as the
    /// binary renders it. Returns the number of findings.
    ///
    /// # Panics
    /// On any broken invariant: that is what the fuzzer looks for.
    pub fn repository(&self, files: &[(&str, &[u8])]) -> usize {
        let root = self.scratch.path().join("repository");
        let _ = std::fs::remove_dir_all(&root);
        for (name, content) in files {
            let path = root.join(name);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir).expect("a scratch directory");
            }
            std::fs::write(&path, content).expect("the scratch file is writable");
        }
        let options = egenregi::Options {
            as_of: Some(self.as_of),
            ..egenregi::Options::default()
        };
        let outcome = match egenregi::check(&root, &options) {
            Ok(outcome) => outcome,
            Err(e) => {
                let mut out = String::new();
                miette::GraphicalReportHandler::new_themed(
                    miette::GraphicalTheme::unicode_nocolor(),
                )
                .render_report(&mut out, &e)
                .expect("a setup error renders");
                return 0;
            }
        };
        let style = HumanStyle::default();
        for format in [Format::Json, Format::Sarif] {
            let text = report::render(&outcome, format, style);
            let parsed = serde_json::from_str::<serde_json::Value>(&text);
            assert!(parsed.is_ok(), "{format:?} does not parse: {parsed:?}");
        }
        let junit = well_formed_xml(&report::render(&outcome, Format::Junit, style));
        assert!(junit.is_ok(), "JUnit is not well-formed XML: {junit:?}");
        for format in [
            Format::Human,
            Format::Github,
            Format::Markdown,
            Format::Html,
        ] {
            // colour is off: nothing may reach a terminal or a log that rewrites it (a line
            // break may be `\r\n`, as the input's)
            let text = report::render(&outcome, format, style).replace("\r\n", "\n");
            let control = text
                .chars()
                .find(|&c| c.is_control() && !matches!(c, '\n' | '\t'));
            assert!(
                control.is_none(),
                "{format:?} carries the control character {control:?}"
            );
        }
        outcome.findings.len()
    }
}

/// Checks what an XML 1.0 parser would refuse: characters XML cannot carry, unbalanced or
/// mismatched tags, unquoted attributes, `<` or a bad reference in text.
///
/// # Errors
/// A description of the first problem.
pub fn well_formed_xml(xml: &str) -> Result<(), String> {
    let allowed = |c: char| {
        matches!(c, '\t' | '\n' | '\r')
            || ('\u{20}'..='\u{d7ff}').contains(&c)
            || ('\u{e000}'..='\u{fffd}').contains(&c)
            || c >= '\u{10000}'
    };
    if let Some(c) = xml.chars().find(|&c| !allowed(c)) {
        return Err(format!("the character {c:?} is not allowed in XML"));
    }
    let references = |text: &str| -> Result<(), String> {
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            let after = &rest[at + 1..];
            let end = after.find(';').ok_or("`&` without `;`")?;
            let name = &after[..end];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                || name.strip_prefix("#x").is_some_and(|h| {
                    u32::from_str_radix(h, 16)
                        .ok()
                        .and_then(char::from_u32)
                        .is_some_and(allowed)
                })
                || name.strip_prefix('#').is_some_and(|d| {
                    d.parse::<u32>()
                        .ok()
                        .and_then(char::from_u32)
                        .is_some_and(allowed)
                });
            if !ok {
                return Err(format!("bad reference `&{name};`"));
            }
            rest = &after[end + 1..];
        }
        Ok(())
    };
    let mut open: Vec<&str> = Vec::new();
    let mut rest = xml;
    let mut root_seen = false;
    loop {
        let Some(lt) = rest.find('<') else {
            references(rest)?;
            break;
        };
        references(&rest[..lt])?;
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<?") {
            let end = r.find("?>").ok_or("unclosed `<?`")?;
            rest = &r[end + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            let end = r.find("-->").ok_or("unclosed comment")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or("unclosed CDATA")?;
            rest = &r[end + 3..];
        } else if let Some(r) = rest.strip_prefix("</") {
            let end = r.find('>').ok_or("unclosed end tag")?;
            let name = r[..end].trim_end();
            match open.pop() {
                Some(o) if o == name => {}
                other => return Err(format!("`</{name}>` closes {other:?}")),
            }
            rest = &r[end + 1..];
        } else {
            let r = &rest[1..];
            let name_end = r
                .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
                .ok_or("unclosed tag")?;
            let name = &r[..name_end];
            if name.is_empty() {
                return Err("`<` in text".into());
            }
            if open.is_empty() && root_seen {
                return Err("a second root element".into());
            }
            root_seen = true;
            // attributes: name="value" or name='value'
            let mut a = &r[name_end..];
            let self_closing = loop {
                a = a.trim_start();
                if let Some(t) = a.strip_prefix("/>") {
                    a = t;
                    break true;
                }
                if let Some(t) = a.strip_prefix('>') {
                    a = t;
                    break false;
                }
                let eq = a.find('=').ok_or("an attribute without a value")?;
                let after = a[eq + 1..].trim_start();
                let quote = after.chars().next().ok_or("unclosed tag")?;
                if quote != '"' && quote != '\'' {
                    return Err("an unquoted attribute".into());
                }
                let close = after[1..].find(quote).ok_or("an unclosed attribute")?;
                let value = &after[1..=close];
                if value.contains('<') {
                    return Err("`<` in an attribute".into());
                }
                references(value)?;
                a = &after[close + 2..];
            };
            if !self_closing {
                open.push(name);
            }
            rest = a;
        }
    }
    if let Some(o) = open.last() {
        return Err(format!("`<{o}>` is never closed"));
    }
    if !root_seen {
        return Err("no root element".into());
    }
    Ok(())
}

/// Renders a broken KDL file's diagnostics as the binary does, after checking their spans.
fn render(e: &KdlFileError) {
    let text: &str = &e.src.0.text;
    for p in &e.problems {
        let span = p.span.offset()..p.span.offset() + p.span.len();
        within(
            text,
            &span,
            &format!("problem `{}` in {}", p.message, e.path),
        );
    }
    let mut out = String::new();
    miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
        .render_report(&mut out, e)
        .expect("a diagnostic renders");
}

fn finding_within(sources: &Sources, f: &Finding) {
    let at = |l: &finding::Location| sources.get(l.source).text.clone();
    within(&at(&f.location), &f.location.span, &f.rule);
    for label in &f.labels {
        within(&at(&label.location), &label.location.span, &f.rule);
    }
}

fn within(text: &str, span: &Range<usize>, what: &str) {
    assert!(
        span.start <= span.end && text.get(span.clone()).is_some(),
        "{what}: span {span:?} is not inside its {}-byte source on character boundaries",
        text.len()
    );
}
