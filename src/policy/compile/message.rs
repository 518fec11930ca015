//! `message=` templates with `{value}`, `{path}`, `{cycle}` and `{PATH}` holes, and `at=`, where
//! a finding lands instead of the asserted node.

use kdl::KdlEntry;

use super::{Compiler, Entries, Part, Template};
use crate::policy::path::{Path, Root};

impl Compiler<'_> {
    pub(super) fn message_at(
        &mut self,
        e: &Entries<'_>,
        allow: bool,
    ) -> (Option<Template>, Option<Path>) {
        if !allow {
            return (None, None);
        }
        let message = e.prop("message").and_then(|m| {
            let s = self.text_of(m, "`message` is a string")?;
            self.template(m, s)
        });
        let at = e.prop("at").and_then(|a| {
            let s = self.text_of(a, "`at` takes a path")?;
            let p = self.path(a, s)?;
            if p.has_wildcard() || p.root != Root::Subject {
                self.problem(
                    a.span(),
                    "`at` names one node of the subject",
                    "not one node",
                    None,
                );
                return None;
            }
            Some(p)
        });
        (message, at)
    }

    fn template(&mut self, entry: &KdlEntry, text: &str) -> Option<Template> {
        let mut parts = Vec::new();
        let mut literal = String::new();
        let mut rest = text;
        while let Some(i) = rest.find(['{', '}']) {
            literal.push_str(&rest[..i]);
            let c = rest.as_bytes()[i];
            rest = &rest[i + 1..];
            if let Some(r) = rest.strip_prefix(c as char) {
                literal.push(c as char);
                rest = r;
                continue;
            }
            if c == b'}' {
                self.problem(
                    entry.span(),
                    "a lone `}` in a message",
                    "bad message",
                    Some("write `}}` for a brace".into()),
                );
                return None;
            }
            let Some(close) = rest.find('}') else {
                self.problem(
                    entry.span(),
                    "`{` without a closing `}` in a message",
                    "bad message",
                    Some("write `{{` for a brace".into()),
                );
                return None;
            };
            let hole = &rest[..close];
            rest = &rest[close + 1..];
            if !literal.is_empty() {
                parts.push(Part::Text(std::mem::take(&mut literal)));
            }
            parts.push(match hole {
                "value" => Part::Value,
                "path" => Part::Path,
                "cycle" => Part::Cycle,
                "as-of" => Part::Read(Path {
                    root: Root::AsOf,
                    segs: Vec::new(),
                    text: "@as-of".into(),
                }),
                other => Part::Read(self.path(entry, other)?),
            });
        }
        literal.push_str(rest);
        if !literal.is_empty() {
            parts.push(Part::Text(literal));
        }
        Some(Template { parts })
    }
}
