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
