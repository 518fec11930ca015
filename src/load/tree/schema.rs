//! JSON Schema validates the nodes in place. `jsonschema` is generic over the representation of
//! the instance ([`jsonschema::json::Json`]): a schema stays a `serde_json::Value`, and a
//! document is read through [`NodeRef`] without being converted. Only an error's instance is
//! built as a `Value`, when an error is reported.

use std::borrow::Cow;

use jsonschema::JsonType;
use jsonschema::json::{Array, Json, Node, NodeIdentity, Object};
use serde_json::{Number, Value};

use super::{Children, NodeAt, NodeKind, NodeRef, Scalar, TextRef, Tree};

/// The node-table representation, for `jsonschema::options_for::<Nodes>()`.
#[derive(Debug)]
pub struct Nodes;

impl Json for Nodes {
    type Node<'a> = NodeRef<'a>;
    type PreparedKey = Box<str>;
    type StringBuffer = Tree;

    // A tree never contains itself: a `$ref` cycle can only revisit the instance validated.
    const ACYCLIC: bool = true;

    fn prepare_key(key: &str) -> Box<str> {
        Box::from(key)
    }

    fn with_string_node<T>(buffer: &mut Tree, string: &str, f: impl FnOnce(NodeRef<'_>) -> T) -> T {
        // The buffer is reused: a name costs a copy into it, not a new tree.
        buffer.clear();
        let text = buffer.own(string);
        let at = buffer.push_scalar(Scalar::String, text, TextRef::EMPTY, 0..0, 0..0);
        f(NodeAt {
            tree: &*buffer,
            text: &buffer.text,
            at,
        })
    }
}

impl<'a> Node<'a, Nodes> for NodeRef<'a> {
    type Object = NodeRef<'a>;
    type Array = NodeRef<'a>;
    type Number = Number;

    fn as_object(&self) -> Option<NodeRef<'a>> {
        self.is_object().then_some(*self)
    }

    fn as_array(&self) -> Option<NodeRef<'a>> {
        self.is_array().then_some(*self)
    }

    fn as_string(&self) -> Option<Cow<'a, str>> {
        NodeRef::as_str(self).map(Cow::Borrowed)
    }

    fn as_number(&self) -> Option<Number> {
        NodeRef::as_number(self)
    }

    fn is_number(&self) -> bool {
        self.kind() == NodeKind::Number
    }

    fn as_boolean(&self) -> Option<bool> {
        self.as_bool()
    }

    fn is_null(&self) -> bool {
        NodeRef::is_null(self)
    }

    fn json_type(&self) -> JsonType {
        match self.kind() {
            NodeKind::Null => JsonType::Null,
            NodeKind::Bool => JsonType::Boolean,
            NodeKind::Number => JsonType::Number,
            NodeKind::String => JsonType::String,
            NodeKind::Array => JsonType::Array,
            NodeKind::Object => JsonType::Object,
        }
    }

    fn equals_value(&self, expected: &Value) -> bool {
        self.equals(expected)
    }

    fn to_value(&self) -> Cow<'a, Value> {
        Cow::Owned(NodeRef::to_value(self))
    }

    fn identity(&self) -> Option<NodeIdentity> {
        Some(NodeIdentity::tagged(
            std::ptr::from_ref::<Tree>(self.tree) as usize,
            self.at,
        ))
    }
}

impl<'a> Object<'a, Nodes> for NodeRef<'a> {
    type Node = NodeRef<'a>;
    type MemberName = &'a str;
    type MembersIter = Members<'a>;

    fn len(&self) -> usize {
        NodeRef::len(self)
    }

    fn get(&self, key: &Box<str>) -> Option<NodeRef<'a>> {
        NodeRef::get(self, key)
    }

    fn members(&self) -> Members<'a> {
        Members(self.children())
    }
}

/// A mapping's entries, as `jsonschema` walks them.
#[derive(Debug)]
pub struct Members<'a>(Children<'a, 'a>);

impl<'a> Iterator for Members<'a> {
    type Item = (&'a str, NodeRef<'a>);

    fn next(&mut self) -> Option<Self::Item> {
        self.0.next().map(|n| (n.key(), n))
    }
}

impl<'a> Array<'a, Nodes> for NodeRef<'a> {
    type Node = NodeRef<'a>;
    type ElementsIter = Children<'a, 'a>;

    fn len(&self) -> usize {
        NodeRef::len(self)
    }

    fn elements(&self) -> Children<'a, 'a> {
        self.items()
    }

    /// `uniqueItems`. A list of strings (nearly every one the schemas ask this of: environments,
    /// ids) is compared by its text in place; any other list as `jsonschema` compares it, each
    /// item made a JSON value (which for strings too was 380,000 short-lived allocations at ×10
    /// of the national corpus).
    fn is_unique(&self) -> bool {
        /// Beyond this many strings, a set finds a repeat; below it, comparing each pair does.
        const PAIRWISE: usize = 16;
        let n = NodeRef::len(self);
        if n <= 1 {
            return true;
        }
        if self.items().all(|i| i.is_string()) {
            let texts = || self.items().map(|i| i.as_str().unwrap_or_default());
            if n <= PAIRWISE {
                return texts()
                    .enumerate()
                    .all(|(k, t)| texts().skip(k + 1).all(|u| u != t));
            }
            let mut seen = crate::hash::Set::default();
            return texts().all(|t| seen.insert(t));
        }
        AsValues(*self).is_unique()
    }
}

/// A list read the way `jsonschema` reads any list: its `uniqueItems` is the trait's own, on
/// JSON values.
struct AsValues<'a>(NodeRef<'a>);

impl<'a> Array<'a, Nodes> for AsValues<'a> {
    type Node = NodeRef<'a>;
    type ElementsIter = Children<'a, 'a>;

    fn len(&self) -> usize {
        NodeRef::len(&self.0)
    }

    fn elements(&self) -> Children<'a, 'a> {
        self.0.items()
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn validates_nodes_as_it_validates_values() {
        let schema = json!({
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string", "pattern": "^[a-z]+$"},
                "n": {"type": "integer", "minimum": 1},
                "tags": {"type": "array", "uniqueItems": true, "items": {"enum": ["a", "b"]}}
            },
            "additionalProperties": false,
            "propertyNames": {"maxLength": 4}
        });
        let validator = jsonschema::options_for::<Nodes>().build(&schema).unwrap();
        let plain = jsonschema::validator_for(&schema).unwrap();
        for v in [
            json!({"id": "ks", "n": 2, "tags": ["a"]}),
            json!({"id": "KS", "n": 0, "tags": ["a", "a", "c"], "other": 1}),
            json!({"n": 1.5}),
            json!([1]),
            json!({"id": "ks", "tags": ["a", "b"]}),
            json!({"id": "ks", "tags": ["b", "b"]}),
            json!({"id": "ks", "tags": ["a", 1, 1.0]}),
            json!({"id": "ks", "tags": [[1], [1.0]]}),
            json!({"id": "ks", "tags": ["x", 1, "x"]}),
            json!({"id": "ks", "tags": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "a"]}),
            json!({"id": "ks", "tags": ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l", "m", "n", "o", "p", "q", "r"]}),
        ] {
            let t = Tree::from_value(&v);
            let node = t.root().unwrap();
            assert_eq!(validator.is_valid(node), plain.is_valid(&v), "{v}");
            let ours: Vec<(String, String)> = validator
                .iter_errors(node)
                .map(|e| (e.instance_path().to_string(), e.to_string()))
                .collect();
            let theirs: Vec<(String, String)> = plain
                .iter_errors(&v)
                .map(|e| (e.instance_path().to_string(), e.to_string()))
                .collect();
            assert_eq!(ours, theirs, "{v}");
        }
    }
}
