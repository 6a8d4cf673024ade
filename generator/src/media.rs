//! Media types of bodies and responses: what each becomes, and which one the client uses when a
//! body or response lists several.
//!
//! A media type is compared by its essence (`type/subtype`, lower case, without parameters), so
//! `application/json; charset=utf-8` is JSON. JSON is `application/json` and any `+json` suffix
//! (`application/scim+json`, `application/problem+json`); forms are
//! `application/x-www-form-urlencoded`; text is `text/*`; everything else is bytes.
//!
//! When a body or response lists several media types, they are alternatives the server accepts
//! or may send: the client uses the first JSON one in document order, else the first form, else
//! the first text, else the first of the others.

use openapiv3::{AnySchema, Content, MediaType, ReferenceOr, Schema, SchemaKind, Type};

/// What the client makes of a media type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MediaKind {
    /// Encoded and decoded as JSON with the schema's type (`serde_json::Value` without one).
    Json,
    /// `application/x-www-form-urlencoded`: a flat object.
    Form,
    /// `text/*`: a `String`.
    Text,
    /// Anything else: `bytes::Bytes`.
    Binary,
}

/// `type/subtype` in lower case, without parameters or surrounding spaces.
pub fn essence(media_type: &str) -> String {
    media_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// What the client makes of `media_type`.
pub fn kind(media_type: &str) -> MediaKind {
    let essence = essence(media_type);
    if essence == "application/json" || essence.ends_with("+json") {
        MediaKind::Json
    } else if essence == "application/x-www-form-urlencoded" {
        MediaKind::Form
    } else if essence.starts_with("text/") {
        MediaKind::Text
    } else {
        MediaKind::Binary
    }
}

/// The kind of an Encoding Object's `contentType`, which may list several media types: JSON
/// when one of them is, else text when one is, else bytes.
pub fn field_kind(content_type: &str) -> MediaKind {
    let kinds: Vec<MediaKind> = content_type.split(',').map(kind).collect();
    [MediaKind::Json, MediaKind::Text]
        .into_iter()
        .find(|wanted| kinds.contains(wanted))
        .unwrap_or(MediaKind::Binary)
}

/// The media type the client uses among `content`'s, with its kind: JSON first, then form,
/// text and bytes, each the first of its kind in document order. `None` when `content` is empty.
pub fn choose(content: &Content) -> Option<(&String, &MediaType, MediaKind)> {
    content
        .iter()
        .map(|(media_type, media)| (media_type, media, kind(media_type)))
        .min_by_key(|(_, _, kind)| *kind)
}

/// Whether a schema given for a text or binary body says only what `String` or bytes say: no
/// schema, the empty schema `{}`, or a `string` one. Anything else (an object, a `$ref`) describes a structure the
/// client neither encodes nor decodes.
pub fn is_plain<S: std::borrow::Borrow<Schema>>(schema: Option<&ReferenceOr<S>>) -> bool {
    match schema {
        None => true,
        Some(ReferenceOr::Item(schema)) => match &schema.borrow().schema_kind {
            SchemaKind::Type(Type::String(_)) => true,
            SchemaKind::Any(any) => *any == AnySchema::default(),
            _ => false,
        },
        Some(ReferenceOr::Reference { .. }) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_compare_the_essence() {
        assert_eq!(kind("application/json; charset=utf-8"), MediaKind::Json);
        assert_eq!(kind("Application/JSON"), MediaKind::Json);
        assert_eq!(kind("application/scim+json"), MediaKind::Json);
        assert_eq!(kind("application/vnd.github+json"), MediaKind::Json);
        assert_eq!(
            kind("application/x-www-form-urlencoded;charset=UTF-8"),
            MediaKind::Form
        );
        assert_eq!(kind("text/plain"), MediaKind::Text);
        assert_eq!(kind("application/octet-stream"), MediaKind::Binary);
        assert_eq!(kind("multipart/form-data"), MediaKind::Binary);
        assert_eq!(kind("*/*"), MediaKind::Binary);
    }
}
