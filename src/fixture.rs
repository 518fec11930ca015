//! Rule fixtures: YAML files that say, in `# expect: rule/id` comments, which findings must start
//! on which line. `egenregi test` and the project's own tests run them the same way.
//!
//! A file may narrow what is compared with a header line `# egenregi-test: only <glob>` (a glob
//! over rule ids, e.g. `yaml/*`); otherwise every finding in the file must be expected.

use std::collections::BTreeMap;
use std::path::Path;

use globset::{Glob, GlobMatcher};

use crate::{Options, Outcome, SetupError};

/// (line, rule id)
pub type Expectation = (usize, String);

/// What one fixture file expected and got.
#[derive(Debug, Default)]
pub struct FileResult {
    pub path: String,
    pub expected: usize,
    /// Expected but not found.
    pub missing: Vec<Expectation>,
    /// Found but not expected, with the message.
    pub unexpected: Vec<(usize, String, String)>,
}

impl FileResult {
    pub fn passed(&self) -> bool {
        self.missing.is_empty() && self.unexpected.is_empty()
    }
}

/// The result of running every fixture under a directory.
#[derive(Debug, Default)]
pub struct Results {
    pub files: Vec<FileResult>,
}

impl Results {
    pub fn passed(&self) -> bool {
        self.files.iter().all(FileResult::passed)
    }

    /// A readable diff: `-` expected but missing, `+` found but unexpected.
    pub fn render(&self) -> String {
        let mut out = String::new();
        for f in &self.files {
            if f.passed() {
                out.push_str(&format!("ok    {} ({} expected)\n", f.path, f.expected));
                continue;
            }
            out.push_str(&format!("FAIL  {}\n", f.path));
            for (line, rule) in &f.missing {
                out.push_str(&format!(
                    "  - {}:{line}  {rule}  (expected, not reported)\n",
                    f.path
                ));
            }
            for (line, rule, message) in &f.unexpected {
                out.push_str(&format!("  + {}:{line}  {rule}  {message}\n", f.path));
            }
        }
        let failed = self.files.iter().filter(|f| !f.passed()).count();
        out.push_str(&format!(
            "{} passed, {} failed\n",
            self.files.len() - failed,
            failed
        ));
        out
    }
}

/// Reads the expectations and the optional `only` glob of one file's text.
pub fn expectations(text: &str) -> (Vec<Expectation>, Option<String>) {
    let mut out = Vec::new();
    let mut only = None;
    for (i, line) in text.lines().enumerate() {
        if let Some(rest) = line.trim_start().strip_prefix("# egenregi-test:") {
            if let Some(glob) = rest.trim().strip_prefix("only") {
                only = Some(glob.trim().to_owned());
            }
            continue;
        }
        if let Some(at) = line.find("# expect:") {
            // `rule/a, rule/b (a note for the reader)`: the first word of each item is the id.
            for item in line[at + "# expect:".len()..].split(',') {
                if let Some(rule) = item.split_whitespace().next().filter(|r| r.contains('/')) {
                    out.push((i + 1, rule.to_owned()));
                }
            }
        }
    }
    (out, only)
}

/// Compares an outcome with the expectations written in its YAML files.
pub fn compare(root: &Path, outcome: &Outcome) -> Results {
    let mut found: BTreeMap<&str, Vec<(usize, &str, &str)>> = BTreeMap::new();
    for f in &outcome.findings {
        let file = outcome.sources.get(f.location.source);
        let (line, _) = file.line_col(f.location.span.start);
        found
            .entry(&file.path)
            .or_default()
            .push((line, &f.rule, &f.message));
    }
    let mut results = Results::default();
    for (_, file) in outcome.sources.iter() {
        let ext = Path::new(&file.path)
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        if !(ext.eq_ignore_ascii_case("yaml") || ext.eq_ignore_ascii_case("yml")) {
            continue;
        }
        // Read the raw bytes: a fixture for a bad encoding still carries its expectations.
        // Only a regular file: a FIFO named `.yaml` (reported as `repo/unreadable`) would block.
        let path = root.join(&file.path);
        let raw = if std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            std::fs::read(&path).unwrap_or_default()
        } else {
            Vec::new()
        };
        let (expected, only) = expectations(&String::from_utf8_lossy(&raw));
        let matcher: Option<GlobMatcher> = only
            .and_then(|g| Glob::new(&g).ok())
            .map(|g| g.compile_matcher());
        let mut got: Vec<(usize, &str, &str)> = found
            .get(file.path.as_str())
            .cloned()
            .unwrap_or_default()
            .into_iter()
            .filter(|(_, rule, _)| matcher.as_ref().is_none_or(|m| m.is_match(rule)))
            .collect();
        let mut result = FileResult {
            path: file.path.clone(),
            expected: expected.len(),
            ..FileResult::default()
        };
        for (line, rule) in expected {
            if let Some(i) = got.iter().position(|(l, r, _)| *l == line && *r == rule) {
                got.remove(i);
            } else {
                result.missing.push((line, rule));
            }
        }
        result.unexpected = got
            .into_iter()
            .map(|(l, r, m)| (l, r.to_owned(), m.to_owned()))
            .collect();
        results.files.push(result);
    }
    results
}

/// Checks `dir` as a repository and compares the findings with its expectations.
pub fn run(dir: &Path, options: &Options) -> Result<Results, SetupError> {
    let outcome = crate::check(dir, options)?;
    Ok(compare(dir, &outcome))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_expectations_and_header() {
        let (e, only) = expectations(
            "# egenregi-test: only yaml/*\na: NO # expect: yaml/ambiguous-scalar, x/y\nb: 1\n",
        );
        assert_eq!(only.as_deref(), Some("yaml/*"));
        assert_eq!(
            e,
            vec![
                (2, "yaml/ambiguous-scalar".to_owned()),
                (2, "x/y".to_owned())
            ]
        );
    }
}
