//! Encoding and decoding shared by every model, so each model's own code stays small.
//!
//! The models decode JSON objects with a decoder of their own rather than serde's derive,
//! which would also compile a decoder from JSON arrays and a key enum per model: each reads
//! every property name as a [`Key`] and matches it, in a [`DecodeObject`] impl that one shared
//! visitor calls, reading values with [`ReadProperty::read_field`] and keeping the properties
//! the spec does not list ([`ReadProperty::keep_unknown`]). They encode with one call to
//! [`encode_object`], which writes the present fields and then those unknown properties. Both
//! come from one table of each model's properties, given to [`struct_model!`]. Builders check
//! required fields with [`BuildError::check`]. The impls every open enum shares, all by its
//! wire value, come from the macros at the end.
use std::borrow::Cow;
use std::fmt;
use std::marker::PhantomData;

/// A property name of a JSON object, borrowed from the input unless it holds escapes.
pub struct Key<'de>(pub Cow<'de, str>);

impl<'de> serde::Deserialize<'de> for Key<'de> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(KeyVisitor)
    }
}

struct KeyVisitor;

impl<'de> serde::de::Visitor<'de> for KeyVisitor {
    type Value = Key<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a property name")
    }

    fn visit_borrowed_str<E: serde::de::Error>(self, value: &'de str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Borrowed(value)))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value.to_owned())))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Key<'de>, E> {
        Ok(Key(Cow::Owned(value)))
    }
}

/// A model that decodes from a JSON object with a generated `decode_object`.
pub trait DecodeObject<'de>: Sized {
    /// What decode errors say was expected, such as "a Trustee object".
    const EXPECTING: &'static str;

    /// Reads the object's properties from `map`.
    fn decode_object<A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// Decodes a model from a JSON object: the whole of each model's `Deserialize`.
pub fn decode_object<'de, T, D>(deserializer: D) -> Result<T, D::Error>
where
    T: DecodeObject<'de>,
    D: serde::Deserializer<'de>,
{
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// How a model's decoder reads each property: one generic function per value type, shared by
/// every model, instead of the same steps (read, check, drop the old value) written out in each
/// arm of each decoder, which made decoders the largest functions the compiler checks.
pub trait ReadProperty<'de>: serde::de::MapAccess<'de> {
    /// Reads the value into `slot`, a model's field, which is `Some` when the property is sent.
    ///
    /// `null` is read as the field's type reads it: a nullable field (`Option<Option<_>>`)
    /// keeps it as `Some(None)`, and a field holding any JSON value as `Some(Value::Null)`. A
    /// type that cannot hold `null` leaves the field `None`: the API sends `null` for
    /// properties its spec does not mark nullable, and such a response must still decode.
    fn read_field<T: serde::Deserialize<'de>>(
        &mut self,
        slot: &mut Option<T>,
    ) -> Result<(), Self::Error> {
        *slot = self.next_value_seed(FieldValue(PhantomData))?;
        Ok(())
    }

    /// Keeps the value of a property the spec does not list in `unknown`, under its name.
    fn keep_unknown(
        &mut self,
        key: Key<'de>,
        unknown: &mut serde_json::Map<String, serde_json::Value>,
    ) -> Result<(), Self::Error> {
        let value = self.next_value()?;
        unknown.insert(key.0.into_owned(), value);
        Ok(())
    }
}

impl<'de, A: serde::de::MapAccess<'de>> ReadProperty<'de> for A {}

/// A field's value as [`ReadProperty::read_field`] reads it: `null` through the field type's
/// own reading of it, anything else as that type.
struct FieldValue<T>(PhantomData<T>);

impl<'de, T: serde::Deserialize<'de>> serde::de::DeserializeSeed<'de> for FieldValue<T> {
    type Value = Option<T>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de, T: serde::Deserialize<'de>> serde::de::Visitor<'de> for FieldValue<T> {
    type Value = Option<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a property value")
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        let null = serde::de::value::UnitDeserializer::<serde::de::value::Error>::new();
        Ok(T::deserialize(null).ok())
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
        self.visit_none()
    }

    fn visit_some<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Self::Value, D::Error> {
        T::deserialize(deserializer).map(Some)
    }
}
/// A model's field as its encoder sees it: set or not, and behind one type whatever it holds.
///
/// A model's `Serialize` impl is one call to [`encode_object`] with a list of its fields, so
/// each model compiles one short generic function rather than a statement per field: the
/// per-field work is type-erased ([`erased_serde`]) and compiled once per field type.
pub trait Property {
    /// The field's value, when it holds one.
    fn present(&self) -> Option<&dyn erased_serde::Serialize>;
}

impl<T: serde::Serialize> Property for Option<T> {
    #[inline]
    fn present(&self) -> Option<&dyn erased_serde::Serialize> {
        self.as_ref()
            .map(|value| value as &dyn erased_serde::Serialize)
    }
}

/// Encodes a model as a JSON object: the fields that hold a value, in the order given, then the
/// properties the spec does not list, in the order of their map.
///
/// Map entries rather than struct fields, since the unknown properties' names are known only
/// at run time. Read-only fields are written too, so what the API returned can be stored or
/// forwarded whole.
pub fn encode_object<S: serde::Serializer>(
    serializer: S,
    known: &[(&'static str, &dyn Property)],
    unknown: &serde_json::Map<String, serde_json::Value>,
) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap as _;
    let present = known
        .iter()
        .filter(|(_, value)| value.present().is_some())
        .count();
    let mut object = serializer.serialize_map(Some(present + unknown.len()))?;
    for (name, value) in known {
        if let Some(value) = value.present() {
            object.serialize_entry(name, value)?;
        }
    }
    for (name, value) in unknown {
        object.serialize_entry(name, value)?;
    }
    object.end()
}
/// What a model's builder returns when fields the spec requires are not set: the model and
/// every such field, by its name in the API.
///
/// ```
/// # use purecloud_platform_client_runtime::codec::BuildError;
/// let error = BuildError::check("TrustCreate", &[("enabled", false), ("pairingId", true)])
///     .unwrap_err();
/// assert_eq!(error.model(), "TrustCreate");
/// assert_eq!(error.missing(), ["enabled"]);
/// assert_eq!(error.to_string(), "TrustCreate: required field `enabled` is not set");
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildError {
    model: &'static str,
    missing: Vec<&'static str>,
}

impl BuildError {
    /// The Rust name of the model that was being built.
    pub fn model(&self) -> &'static str {
        self.model
    }

    /// The API names of the required fields that were not set, in the spec's order.
    pub fn missing(&self) -> &[&'static str] {
        &self.missing
    }

    /// Checks `fields`, pairs of a required field's API name and whether it is set: an error
    /// naming every one not set, if any. What each builder's `build` calls, so that the
    /// checking code is compiled once.
    ///
    /// # Errors
    ///
    /// When a field is not set.
    pub fn check(model: &'static str, fields: &[(&'static str, bool)]) -> Result<(), Self> {
        let missing: Vec<&'static str> = fields
            .iter()
            .filter(|(_, set)| !set)
            .map(|(name, _)| *name)
            .collect();
        if missing.is_empty() {
            Ok(())
        } else {
            Err(Self { model, missing })
        }
    }
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<String> = self
            .missing
            .iter()
            .map(|name| format!("`{name}`"))
            .collect();
        match names.as_slice() {
            [one] => write!(f, "{}: required field {one} is not set", self.model),
            _ => {
                write!(
                    f,
                    "{}: required fields {} are not set",
                    self.model,
                    names.join(", ")
                )
            }
        }
    }
}

impl std::error::Error for BuildError {}
/// Whether `value` is an object with every property in `names`: how a union without a
/// discriminator tells whether an object fits a struct member, which would otherwise decode
/// from any object.
pub fn has_properties(value: &serde_json::Value, names: &[&str]) -> bool {
    value
        .as_object()
        .is_some_and(|object| names.iter().all(|name| object.contains_key(*name)))
}

/// The visitor every model decodes through, so that none needs a visitor type of its own.
struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: DecodeObject<'de>> serde::de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(T::EXPECTING)
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::decode_object(map)
    }
}

/// The impls an open string enum shares: conversions, text, decoding, and equality, hashing
/// and order by the wire value. The enum itself defines `as_str` and `From<&str>`; `$other`
/// is its variant for values the spec does not list.
#[doc(hidden)]
#[macro_export]
macro_rules! __codec_open_string_enum {
    ($name:ident, $other:ident) => {
        impl ::std::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::from(value.as_str()) {
                    Self::$other(_) => Self::$other(value),
                    known => known,
                }
            }
        }
        impl ::std::str::FromStr for $name {
            type Err = ::std::convert::Infallible;
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)
                    .map(Self::from)
            }
        }
        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl ::std::cmp::Eq for $name {}
        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.as_str().hash(state);
            }
        }
        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.as_str().cmp(other.as_str())
            }
        }
    };
}

pub use crate::__codec_open_string_enum as open_string_enum;

/// `Serialize` for an open string enum: its wire value.
#[doc(hidden)]
#[macro_export]
macro_rules! __codec_encode_string_enum {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
    };
}

pub use crate::__codec_encode_string_enum as encode_string_enum;

/// The impls an open integer enum shares: text, decoding, and equality, hashing and order by
/// the wire value. The enum itself defines `value` and `From<i64>`.
#[doc(hidden)]
#[macro_export]
macro_rules! __codec_open_integer_enum {
    ($name:ident) => {
        impl ::std::fmt::Display for $name {
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                self.value().fmt(f)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                <i64 as ::serde::Deserialize>::deserialize(deserializer).map(Self::from)
            }
        }
        impl ::std::cmp::PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value() == other.value()
            }
        }
        impl ::std::cmp::Eq for $name {}
        impl ::std::hash::Hash for $name {
            fn hash<H: ::std::hash::Hasher>(&self, state: &mut H) {
                self.value().hash(state);
            }
        }
        impl ::std::cmp::PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> ::std::option::Option<::std::cmp::Ordering> {
                Some(self.cmp(other))
            }
        }
        impl ::std::cmp::Ord for $name {
            fn cmp(&self, other: &Self) -> ::std::cmp::Ordering {
                self.value().cmp(&other.value())
            }
        }
    };
}

pub use crate::__codec_open_integer_enum as open_integer_enum;

/// `Serialize` for an open integer enum: its wire value.
#[doc(hidden)]
#[macro_export]
macro_rules! __codec_encode_integer_enum {
    ($name:ident) => {
        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_i64(self.value())
            }
        }
    };
}

pub use crate::__codec_encode_integer_enum as encode_integer_enum;

/// The impls every struct model has, written from its table of properties: its decoding
/// ([`DecodeObject`] and `Deserialize`), its encoding (`Serialize`, through [`encode_object`]),
/// `builder()`, and its builder's `Default`, `Clone` and `Debug`.
///
/// ```text
/// struct_model!(Model, ModelBuilder, unknown_fields { "wireName" => rust_field, ... });
/// ```
///
/// The table maps each property's name in the API to its field, in the spec's order, which
/// is the order encoding writes them in; `unknown_fields` is the field that keeps the
/// properties the spec does not list. The builder is a struct with one field, `value`, the
/// model being built. Attributes given before `Model` (an `allow(deprecated)`) go on every
/// impl.
///
/// A macro rather than code in each model file: the generated crate then holds each model's
/// table once instead of twice, spelled out as a decoder and an encoder, which made the
/// models most of the text the generator formats. The builder's impls are written out,
/// `#[inline]`, rather than derived, so that only a program that makes, clones or prints a
/// builder compiles them.
#[doc(hidden)]
#[macro_export]
macro_rules! __codec_struct_model {
    (
        $(#[$attr:meta])*
        $model:ident, $builder:ident, $unknown:ident {
            $($wire:literal => $field:ident),* $(,)?
        }
    ) => {
        $(#[$attr])*
        impl<'de> $crate::codec::DecodeObject<'de> for $model {
            const EXPECTING: &'static str = ::std::concat!("a ", ::std::stringify!($model), " object");

            fn decode_object<A: ::serde::de::MapAccess<'de>>(
                mut map: A,
            ) -> ::std::result::Result<Self, A::Error> {
                use $crate::codec::ReadProperty as _;
                // Any property may be absent, required or not: read straight into a default value.
                let mut value = <$model as ::std::default::Default>::default();
                while let ::std::option::Option::Some(key) =
                    map.next_key::<$crate::codec::Key<'de>>()?
                {
                    match &*key.0 {
                        $($wire => map.read_field(&mut value.$field),)*
                        _ => map.keep_unknown(key, &mut value.$unknown),
                    }?;
                }
                ::std::result::Result::Ok(value)
            }
        }

        $(#[$attr])*
        impl<'de> ::serde::Deserialize<'de> for $model {
            fn deserialize<D: ::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::std::result::Result<Self, D::Error> {
                $crate::codec::decode_object(deserializer)
            }
        }

        $(#[$attr])*
        impl ::serde::Serialize for $model {
            fn serialize<S: ::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::std::result::Result<S::Ok, S::Error> {
                $crate::codec::encode_object(
                    serializer,
                    &[$(($wire, &self.$field)),*],
                    &self.$unknown,
                )
            }
        }

        $(#[$attr])*
        impl $model {
            #[doc = ::std::concat!("A builder of `", ::std::stringify!($model), "`, with every field unset.")]
            #[inline]
            pub fn builder() -> $builder {
                // By trait: a field named `default` has a setter of that name.
                <$builder as ::std::default::Default>::default()
            }
        }

        $(#[$attr])*
        impl ::std::default::Default for $builder {
            #[inline]
            fn default() -> Self {
                Self {
                    value: <$model as ::std::default::Default>::default(),
                }
            }
        }

        $(#[$attr])*
        impl ::std::clone::Clone for $builder {
            #[inline]
            fn clone(&self) -> Self {
                Self {
                    value: ::std::clone::Clone::clone(&self.value),
                }
            }
        }

        $(#[$attr])*
        impl ::std::fmt::Debug for $builder {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.debug_tuple(::std::stringify!($builder))
                    .field(&self.value)
                    .finish()
            }
        }
    };
}

pub use crate::__codec_struct_model as struct_model;

#[cfg(test)]
mod tests {
    use super::*;

    struct Sample {
        name: Option<String>,
        count: Option<u32>,
        tags: Option<Vec<String>>,
        unknown: serde_json::Map<String, serde_json::Value>,
    }

    impl serde::Serialize for Sample {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            encode_object(
                serializer,
                &[
                    ("name", &self.name),
                    ("count", &self.count),
                    ("tags", &self.tags),
                ],
                &self.unknown,
            )
        }
    }

    #[test]
    fn encode_object_writes_set_fields_in_order_then_unknown_ones() {
        let mut unknown = serde_json::Map::new();
        unknown.insert("zeta".into(), serde_json::json!({"nested": [1, 2]}));
        unknown.insert("alpha".into(), serde_json::Value::Null);
        let sample = Sample {
            name: Some("Acme".into()),
            count: None,
            tags: Some(vec!["a".into()]),
            unknown,
        };
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"name":"Acme","tags":["a"],"alpha":null,"zeta":{"nested":[1,2]}}"#
        );
    }

    #[test]
    fn encode_object_of_nothing_set_is_an_empty_object() {
        let sample = Sample {
            name: None,
            count: None,
            tags: None,
            unknown: serde_json::Map::new(),
        };
        assert_eq!(serde_json::to_string(&sample).unwrap(), "{}");
        assert_eq!(
            serde_json::to_value(&sample).unwrap(),
            serde_json::json!({})
        );
    }

    #[test]
    fn encode_object_passes_a_field_error_through() {
        // A map with non-string keys cannot be JSON; the error must come out, not a panic.
        let mut bad = std::collections::BTreeMap::new();
        bad.insert(vec![1u8], 1);
        struct Bad(Option<std::collections::BTreeMap<Vec<u8>, i32>>);
        impl serde::Serialize for Bad {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                encode_object(serializer, &[("bad", &self.0)], &serde_json::Map::new())
            }
        }
        let error = serde_json::to_string(&Bad(Some(bad))).unwrap_err();
        assert!(
            error.to_string().contains("key must be a string"),
            "{error}"
        );
    }

    /// A model as the generator writes one, through [`struct_model!`].
    #[derive(Debug, Clone, PartialEq, Default)]
    struct Reading {
        name: Option<String>,
        note: Option<Option<String>>,
        any: Option<serde_json::Value>,
        r#type: Option<i64>,
        unknown_fields: serde_json::Map<String, serde_json::Value>,
    }

    struct ReadingBuilder {
        value: Reading,
    }

    crate::codec::struct_model!(Reading, ReadingBuilder, unknown_fields {
        "name" => name,
        "note" => note,
        "any" => any,
        "type" => r#type,
    });

    #[test]
    fn null_is_read_as_each_field_type_reads_it() {
        let read: Reading =
            serde_json::from_str(r#"{"name": null, "note": null, "any": null, "type": null}"#)
                .unwrap();
        // A type that cannot be null leaves the field unset; a nullable one keeps the null.
        assert_eq!(read.name, None);
        assert_eq!(read.note, Some(None));
        assert_eq!(read.any, Some(serde_json::Value::Null));
        assert_eq!(read.r#type, None);
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"note":null,"any":null}"#
        );
    }

    #[test]
    fn a_model_reads_its_properties_keeps_unknown_ones_and_writes_them_back() {
        let text = r#"{"extra":[1,{"a":2}],"type":7,"name":"n","note":"x","any":{"b":[]}}"#;
        let read: Reading = serde_json::from_str(text).unwrap();
        assert_eq!(read.name.as_deref(), Some("n"));
        assert_eq!(read.note, Some(Some("x".into())));
        assert_eq!(read.r#type, Some(7));
        assert_eq!(
            read.unknown_fields["extra"],
            serde_json::json!([1, {"a": 2}])
        );
        // Known properties in the table's order, then the unknown ones.
        assert_eq!(
            serde_json::to_string(&read).unwrap(),
            r#"{"name":"n","note":"x","any":{"b":[]},"type":7,"extra":[1,{"a":2}]}"#
        );
        assert_eq!(Reading::builder().value, Reading::default());
    }

    #[test]
    fn a_value_of_the_wrong_type_is_an_error_naming_what_was_expected() {
        let error = serde_json::from_str::<Reading>(r#"{"type": "seven"}"#).unwrap_err();
        assert!(error.to_string().contains("expected i64"), "{error}");
        let error = serde_json::from_str::<Reading>("[]").unwrap_err();
        assert!(error.to_string().contains("a Reading object"), "{error}");
    }
}
