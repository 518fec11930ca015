//! The typed model reads the nodes directly: a `serde` deserializer over a [`NodeRef`], borrowing
//! strings where the model borrows them. It follows `serde_json::Value`'s deserializer: a
//! number visits as `u64`, `i64` or `f64`; an enum is a string (a unit variant) or a mapping
//! of one key (a variant with data); `null` is `None`.

use serde::de::{
    self, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, VariantAccess, Visitor,
};

use super::{Children, NodeAt, NodeKind};

/// Why a node does not fit the type asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }
}

impl NodeAt<'_, '_> {
    fn unexpected(&self) -> Unexpected<'_> {
        match self.kind() {
            NodeKind::Null => Unexpected::Unit,
            NodeKind::Bool => Unexpected::Bool(self.as_bool().unwrap_or(false)),
            NodeKind::Number => match (self.as_u64(), self.as_i64()) {
                (Some(u), _) => Unexpected::Unsigned(u),
                (_, Some(i)) => Unexpected::Signed(i),
                _ => Unexpected::Float(self.as_f64().unwrap_or(0.0)),
            },
            NodeKind::String => Unexpected::Str(self.as_str().unwrap_or("")),
            NodeKind::Array => Unexpected::Seq,
            NodeKind::Object => Unexpected::Map,
        }
    }
}

impl<'de> Deserializer<'de> for NodeAt<'de, '_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.kind() {
            NodeKind::Null => visitor.visit_unit(),
            NodeKind::Bool => visitor.visit_bool(self.as_bool().unwrap_or(false)),
            NodeKind::Number => match (self.as_u64(), self.as_i64()) {
                (Some(u), _) => visitor.visit_u64(u),
                (_, Some(i)) => visitor.visit_i64(i),
                _ => visitor.visit_f64(self.as_f64().unwrap_or(0.0)),
            },
            NodeKind::String => visitor.visit_borrowed_str(self.as_str().unwrap_or("")),
            NodeKind::Array => {
                let len = self.len();
                let mut seq = Seq {
                    items: self.items(),
                    left: len,
                };
                let value = visitor.visit_seq(&mut seq)?;
                if seq.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(len, &"fewer elements in array"))
                }
            }
            NodeKind::Object => {
                let len = self.len();
                let mut map = Map {
                    entries: self.children(),
                    value: None,
                    left: len,
                };
                let value = visitor.visit_map(&mut map)?;
                if map.left == 0 {
                    Ok(value)
                } else {
                    Err(de::Error::invalid_length(len, &"fewer elements in map"))
                }
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        if self.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.kind() {
            NodeKind::String => visitor.visit_enum(self.as_str().unwrap_or("").into_deserializer()),
            NodeKind::Object => {
                let mut entries = self.entries();
                let (Some((variant, value)), None) = (entries.next(), entries.next()) else {
                    return Err(de::Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    ));
                };
                visitor.visit_enum(Enum { variant, value })
            }
            _ => Err(de::Error::invalid_type(self.unexpected(), &"string or map")),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct identifier
    }
}

struct Seq<'de, 'r> {
    items: Children<'de, 'r>,
    left: usize,
}

impl<'de> SeqAccess<'de> for Seq<'de, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        match self.items.next() {
            Some(item) => {
                self.left = self.left.saturating_sub(1);
                seed.deserialize(item).map(Some)
            }
            None => Ok(None),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

struct Map<'de, 'r> {
    entries: Children<'de, 'r>,
    value: Option<NodeAt<'de, 'r>>,
    left: usize,
}

impl<'de> MapAccess<'de> for Map<'de, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        match self.entries.next() {
            Some(value) => {
                self.left = self.left.saturating_sub(1);
                self.value = Some(value);
                seed.deserialize(Key(value.key())).map(Some)
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// A mapping key: a borrowed string (and an enum's variant name).
struct Key<'de>(&'de str);

impl<'de> Deserializer<'de> for Key<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_borrowed_str(self.0)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple tuple_struct map struct
        identifier ignored_any
    }
}

struct Enum<'de, 'r> {
    variant: &'de str,
    value: NodeAt<'de, 'r>,
}

impl<'de, 'r> EnumAccess<'de> for Enum<'de, 'r> {
    type Error = Error;
    type Variant = NodeAt<'de, 'r>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), Error> {
        let variant = seed.deserialize(Key(self.variant))?;
        Ok((variant, self.value))
    }
}

impl<'de> VariantAccess<'de> for NodeAt<'de, '_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        if self.is_null() {
            Ok(())
        } else {
            Err(de::Error::invalid_type(self.unexpected(), &"unit variant"))
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_any(visitor)
    }
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;
    use serde_json::json;

    use super::super::Tree;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Basis {
        InHouse,
        Tender,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Sub<'a> {
        service: &'a str,
        basis: Basis,
        value: Option<u64>,
        share: f64,
        tags: Vec<String>,
        #[serde(default)]
        missing: Option<String>,
    }

    #[test]
    fn reads_what_serde_json_reads() {
        let v = json!({"service": "fiks", "basis": "in_house", "value": null, "share": 2,
                       "tags": ["a", "b"], "extra": {"x": 1}});
        let t = Tree::from_value(&v);
        let sub = Sub::deserialize(t.root().unwrap()).unwrap();
        assert_eq!(sub, Sub::deserialize(&v).unwrap());
        assert_eq!(sub.service, "fiks");
        assert_eq!(sub.basis, Basis::InHouse);
    }

    #[test]
    fn a_wrong_type_is_an_error_at_its_path() {
        let v = json!({"service": "fiks", "basis": "tender", "value": "many", "share": 1,
                       "tags": []});
        let t = Tree::from_value(&v);
        let e = serde_path_to_error::deserialize::<_, Sub<'_>>(t.root().unwrap()).unwrap_err();
        assert_eq!(e.path().to_string(), "value");
        let j = serde_path_to_error::deserialize::<_, Sub<'_>>(&v).unwrap_err();
        assert_eq!(e.inner().to_string(), j.inner().to_string());
    }
}
