//! Dotted paths into documents (`spec.subscriptions[*].dpa`): parsed once when a rule file is
//! compiled, resolved against the nodes of the loaded documents while they are evaluated.

use std::fmt::Write as _;

use crate::load::tree::NodeRef;

/// Where a path starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Root {
    /// The node under evaluation: the document, or the element an `each` block is on.
    Subject,
    /// `@name`: a document bound by an earlier `ref` (default name `ref`).
    Binding(String),
    /// `@as-of`: the evaluation date.
    AsOf,
}

/// One step of a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Seg {
    Key(String),
    Index(usize),
    /// `[*]`: every element of a list.
    All,
}

/// A compiled path.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub root: Root,
    pub segs: Vec<Seg>,
    /// As written, for messages.
    pub text: String,
}

/// Why a path does not parse: a message and the byte offset in the path text.
#[derive(Debug)]
pub(super) struct PathError {
    pub message: String,
}

/// Longer paths are almost certainly a mistake, and the cap keeps resolution cheap.
const MAX_SEGMENTS: usize = 64;

impl Path {
    /// Parses `.`, `@as-of`, `@name`, `@name.a.b`, `a.b[*].c`, `a[0]`, `a["odd key"]`.
    pub fn parse(text: &str) -> Result<Self, PathError> {
        let err = |message: String| Err(PathError { message });
        if text == "." {
            return Ok(Self {
                root: Root::Subject,
                segs: Vec::new(),
                text: text.to_owned(),
            });
        }
        if text == "@as-of" {
            return Ok(Self {
                root: Root::AsOf,
                segs: Vec::new(),
                text: text.to_owned(),
            });
        }
        let mut rest = text;
        let root = if let Some(after) = rest.strip_prefix('@') {
            let end = after.find(['.', '[']).unwrap_or(after.len());
            let name = &after[..end];
            if !is_binding_name(name) {
                return err(format!(
                    "`@{name}` is not a binding name: use `@ref`, `@as-of` or the `as=` name of a `ref`"
                ));
            }
            rest = &after[end..];
            if let Some(r) = rest.strip_prefix('.') {
                rest = r;
                if rest.is_empty() {
                    return err("a path cannot end with `.`".into());
                }
            }
            Root::Binding(name.to_owned())
        } else {
            if rest.is_empty() {
                return err("a path cannot be empty; use `.` for the node itself".into());
            }
            Root::Subject
        };
        let mut segs = Vec::new();
        let mut expect_key = !rest.starts_with('[');
        while !rest.is_empty() {
            if segs.len() >= MAX_SEGMENTS {
                return err(format!("a path has at most {MAX_SEGMENTS} steps"));
            }
            let seg = if let Some(after) = rest.strip_prefix('[') {
                let Some(close) = after.find(']') else {
                    return err("`[` without a closing `]`".into());
                };
                let inner = &after[..close];
                let seg = if inner == "*" {
                    Seg::All
                } else if let Some(quoted) =
                    inner.strip_prefix('"').and_then(|s| s.strip_suffix('"'))
                {
                    if quoted.contains('"') {
                        return err("a quoted key cannot contain `\"`".into());
                    }
                    Seg::Key(quoted.to_owned())
                } else if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) {
                    match inner.parse() {
                        Ok(i) => Seg::Index(i),
                        Err(_) => return err(format!("index `{inner}` is too large")),
                    }
                } else {
                    return err(format!(
                        "`[{inner}]` is not a step: use `[*]`, a number such as `[0]`, or a quoted key `[\"key\"]`"
                    ));
                };
                rest = &after[close + 1..];
                seg
            } else {
                if !expect_key {
                    return err(format!(
                        "expected `.` or `[` before `{}`",
                        rest.chars().next().unwrap_or(' ')
                    ));
                }
                let end = rest.find(['.', '[']).unwrap_or(rest.len());
                let key = &rest[..end];
                if key.is_empty() {
                    return err("empty step between dots".into());
                }
                if let Some(bad) = key
                    .chars()
                    .find(|c| !(c.is_ascii_alphanumeric() || *c == '_' || *c == '-'))
                {
                    return err(format!(
                        "`{bad}` cannot appear in a key; quote the key as `[\"{key}\"]`"
                    ));
                }
                rest = &rest[end..];
                Seg::Key(key.to_owned())
            };
            segs.push(seg);
            expect_key = false;
            if let Some(r) = rest.strip_prefix('.') {
                rest = r;
                expect_key = true;
                if rest.is_empty() {
                    return err("a path cannot end with `.`".into());
                }
            }
        }
        Ok(Self {
            root,
            segs,
            text: text.to_owned(),
        })
    }

    pub fn has_wildcard(&self) -> bool {
        self.segs.contains(&Seg::All)
    }

    /// The binding this path reads, if any.
    pub fn binding(&self) -> Option<&str> {
        match &self.root {
            Root::Binding(name) => Some(name),
            _ => None,
        }
    }
}

/// Binding names double as CEL variable names, so they follow CEL's identifier rules.
pub(super) fn is_binding_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// One step of a resolved JSON pointer, borrowing its key from the path or the document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum PSeg<'a> {
    Key(&'a str),
    Idx(usize),
}

/// Where a node is, segment by segment. Most paths are a few segments long, so they are kept
/// inline: the policy rules resolve a path for every assertion on every node, and two small
/// allocations per path (this and the list of hits) were 16.5 million at ×50, where each cost
/// more than at ×10 in a heap of 1.3 GB (issue 18).
pub(super) type Ptr<'a> = smallvec::SmallVec<[PSeg<'a>; 6]>;

/// The nodes a path reached: one, unless it has a `[*]`.
pub(super) type Hits<'a> = smallvec::SmallVec<[Hit<'a>; 1]>;

/// A node a path reached (or would have reached: `value` is `None` when it is missing).
#[derive(Debug, Clone)]
pub(super) struct Hit<'a> {
    pub ptr: Ptr<'a>,
    pub value: Option<NodeRef<'a>>,
}

impl<'a> Hit<'a> {
    /// The value, unless it is missing or `null` (both read as "not set").
    pub fn present(&self) -> Option<NodeRef<'a>> {
        self.value.filter(|v| !v.is_null())
    }
}

/// Resolves `segs` from `value` (found at `base`). A missing step yields one hit with no value
/// (its pointer names the missing node, so the finding lands on the nearest ancestor); `[*]`
/// over a missing or non-list node yields nothing.
pub(super) fn resolve<'a>(
    value: Option<NodeRef<'a>>,
    base: &[PSeg<'a>],
    segs: &'a [Seg],
) -> Hits<'a> {
    // Every pointer gets room for all the segments at once, and the two lists of hits are
    // reused from step to step: this runs for every assertion on every node, and growing the
    // pointers one push at a time was most of its cost.
    let room = base.len() + segs.len();
    let mut first = Ptr::with_capacity(room);
    first.extend_from_slice(base);
    // The steps before the first `[*]` lead to one node: walked in place, with no list of hits
    // per step (most paths have no `[*]` at all).
    let mut value = value;
    let mut rest = segs;
    while let Some((seg, tail)) = rest.split_first() {
        if !step(&mut value, &mut first, seg) {
            break;
        }
        rest = tail;
    }
    let mut current: Hits<'a> = smallvec::smallvec![Hit { ptr: first, value }];
    if rest.is_empty() {
        return current;
    }
    let mut next = Hits::new();
    for seg in rest {
        for mut hit in current.drain(..) {
            if step(&mut hit.value, &mut hit.ptr, seg) {
                next.push(hit);
            } else if let Some(list) = hit.value.filter(NodeRef::is_array) {
                next.reserve(list.len());
                for (i, item) in list.items().enumerate() {
                    let mut ptr = Ptr::with_capacity(room);
                    ptr.extend_from_slice(&hit.ptr);
                    ptr.push(PSeg::Idx(i));
                    next.push(Hit {
                        ptr,
                        value: Some(item),
                    });
                }
            }
        }
        std::mem::swap(&mut current, &mut next);
    }
    current
}

/// One key or index step from `value`, its pointer extended; `false` (and nothing done) for
/// `[*]`, which leads to every element, not one node.
fn step<'a>(value: &mut Option<NodeRef<'a>>, ptr: &mut Ptr<'a>, seg: &'a Seg) -> bool {
    ptr.push(match seg {
        Seg::Key(k) => PSeg::Key(k),
        Seg::Index(i) => PSeg::Idx(*i),
        Seg::All => return false,
    });
    *value = value.and_then(|v| child(v, seg));
    true
}

/// The node one key or index step leads to from `v`; none for `[*]`.
fn child<'a>(v: NodeRef<'a>, seg: &Seg) -> Option<NodeRef<'a>> {
    match seg {
        Seg::Key(k) => v.get(k),
        Seg::Index(i) => v.index(*i),
        Seg::All => None,
    }
}

/// The node `segs` lead to from `value`, for a path without `[*]`, with no pointer made:
/// `resolve(value, _, segs)[0].value`. A `[*]` reaches nothing here: resolve such a path.
pub(super) fn walk<'a>(value: Option<NodeRef<'a>>, segs: &[Seg]) -> Option<NodeRef<'a>> {
    segs.iter().try_fold(value?, |v, seg| child(v, seg))
}

/// The RFC 6901 pointer of a resolved node.
pub(super) fn pointer(ptr: &[PSeg<'_>]) -> String {
    let mut out = String::new();
    for seg in ptr {
        out.push('/');
        match seg {
            PSeg::Key(k) => {
                for c in k.chars() {
                    match c {
                        '~' => out.push_str("~0"),
                        '/' => out.push_str("~1"),
                        c => out.push(c),
                    }
                }
            }
            PSeg::Idx(i) => {
                let _ = write!(out, "{i}");
            }
        }
    }
    out
}

/// The dotted form of a resolved node, as a person reads it: `spec.subscriptions[2].dpa`.
pub(super) fn dotted(ptr: &[PSeg<'_>]) -> String {
    let mut out = String::new();
    for seg in ptr {
        match seg {
            PSeg::Key(k)
                if k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-') =>
            {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(k);
            }
            PSeg::Key(k) => {
                let _ = write!(out, "[\"{k}\"]");
            }
            PSeg::Idx(i) => {
                let _ = write!(out, "[{i}]");
            }
        }
    }
    if out.is_empty() { ".".into() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::tree::Tree;
    use serde_json::json;

    #[test]
    fn parses_the_forms_the_language_documents() {
        let p = Path::parse("spec.subscriptions[*].dpa").unwrap();
        assert_eq!(
            p.segs,
            vec![
                Seg::Key("spec".into()),
                Seg::Key("subscriptions".into()),
                Seg::All,
                Seg::Key("dpa".into())
            ]
        );
        assert_eq!(Path::parse(".").unwrap().segs, vec![]);
        assert_eq!(Path::parse("@as-of").unwrap().root, Root::AsOf);
        let r = Path::parse("@ref.spec.data").unwrap();
        assert_eq!(r.root, Root::Binding("ref".into()));
        assert_eq!(r.segs.len(), 2);
        assert_eq!(
            Path::parse("metadata.labels[\"app.kubernetes.io/name\"]")
                .unwrap()
                .segs[2],
            Seg::Key("app.kubernetes.io/name".into())
        );
        assert_eq!(Path::parse("a[0][1]").unwrap().segs.len(), 3);
        for bad in [
            "", "a.", "a..b", "a[", "a[x]", "a b", "@", "@Ref.x", "a]b", "a[0]b", ".a",
        ] {
            assert!(Path::parse(bad).is_err(), "{bad:?} should not parse");
        }
    }

    #[test]
    fn resolves_wildcards_and_missing_nodes() {
        let tree = Tree::from_value(&json!({"spec": {"subs": [{"dpa": 1}, {"x": 2}], "n": null}}));
        let v = tree.root();
        let p = Path::parse("spec.subs[*].dpa").unwrap();
        let hits = resolve(v, &[], &p.segs);
        assert_eq!(hits.len(), 2);
        assert_eq!(pointer(&hits[0].ptr), "/spec/subs/0/dpa");
        assert_eq!(hits[0].value.map(|n| n.to_value()), Some(json!(1)));
        assert_eq!(hits[1].value, None);
        assert_eq!(dotted(&hits[1].ptr), "spec.subs[1].dpa");
        let wildcard = Path::parse("spec.nope[*]").unwrap();
        assert!(resolve(v, &[], &wildcard.segs).is_empty());
        let n = Path::parse("spec.n").unwrap();
        let null = resolve(v, &[], &n.segs);
        assert!(null[0].value.is_some() && null[0].present().is_none());
        assert_eq!(pointer(&[PSeg::Key("a/b~c")]), "/a~1b~0c");
        // without `[*]`: one hit, on the base pointer, missing from the first missing step on
        let one = Path::parse("subs[1].x").unwrap();
        let base = [PSeg::Key("spec")];
        let spec = v.and_then(|v| v.get("spec"));
        let hit = &resolve(spec, &base, &one.segs)[..];
        assert_eq!(hit.len(), 1);
        assert_eq!(pointer(&hit[0].ptr), "/spec/subs/1/x");
        assert_eq!(hit[0].value.map(|n| n.to_value()), Some(json!(2)));
        let gone = Path::parse("subs[5].x.y").unwrap();
        let hit = &resolve(spec, &base, &gone.segs)[..];
        assert_eq!(hit.len(), 1);
        assert_eq!(pointer(&hit[0].ptr), "/spec/subs/5/x/y");
        assert_eq!(hit[0].value, None);
        // walking without pointers reaches what resolving reaches, and leaves `[*]` to it
        for path in ["spec.subs[1].x", "spec.subs[5].x.y", "spec.n", "spec"] {
            let p = Path::parse(path).unwrap();
            let walked = walk(v, &p.segs).map(|n| n.to_value());
            let resolved = resolve(v, &[], &p.segs)[0].value.map(|n| n.to_value());
            assert_eq!(walked, resolved, "{path}");
        }
        // two `[*]`: the second expands each element the first reached; a missing list adds none
        let tree = Tree::from_value(&json!({"a": [{"b": [1, 2]}, {"b": [3]}, {"c": 0}]}));
        let p = Path::parse("a[*].b[*]").unwrap();
        let hits = resolve(tree.root(), &[], &p.segs);
        let at: Vec<String> = hits.iter().map(|h| pointer(&h.ptr)).collect();
        assert_eq!(at, ["/a/0/b/0", "/a/0/b/1", "/a/1/b/0"]);
        assert_eq!(hits[2].value.map(|n| n.to_value()), Some(json!(3)));
    }
}
