//! Parameter serialization: OpenAPI's `style` and `explode` for values that are not one plain
//! scalar (lists, objects, maps, JSON values), and `content: application/json` parameters.
//!
//! Scalars and lists of scalars in a location's default style never come here: the generated
//! code writes them directly (`Request::query`), which keeps the client small. What comes here
//! is first encoded with serde, so that any type the client holds expands the same way, into a
//! [`Node`] tree that keeps object properties in the order the type writes them (a struct's
//! fields in the spec's order, not sorted as `serde_json::Value` would). The style then writes
//! the tree: the delimiters it adds (`,` `;` `.` `=` `|` `[` `]`) stay literal, while each piece
//! of the value is escaped for where it goes: a query, a path segment or a cookie. Header values
//! are sent as they are.
//!
//! Choices where OpenAPI 3.0.3 says nothing (see [`Style`]): a style expands one level of
//! nesting, so a list inside a list or an object inside an object is written as its JSON text
//! (`deepObject` alone nests: `name[a][b]=v`, and lists inside it take indices, `name[a][0]=v`);
//! `null` and `null` items or properties are left out, as RFC 6570 leaves out undefined values.

use std::borrow::Cow;
use std::fmt;

use percent_encoding::utf8_percent_encode;
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::client::PATH_SEGMENT;

/// How a parameter value is written: OpenAPI's `style` (with the parameter's `explode`), or
/// [`Json`](Style::Json) for a parameter described by `content: application/json`.
///
/// With `color` as the name, `"blue"`, `["blue", "black"]` and `{"R": 100, "G": 200}`:
///
/// | style | explode | string | list | object |
/// | --- | --- | --- | --- | --- |
/// | `Form` | false | `color=blue` | `color=blue,black` | `color=R,100,G,200` |
/// | `Form` | true | `color=blue` | `color=blue&color=black` | `R=100&G=200` |
/// | `SpaceDelimited` | false | `color=blue` | `color=blue%20black` | `color=R%20100%20G%20200` |
/// | `PipeDelimited` | false | `color=blue` | `color=blue\|black` | `color=R\|100\|G\|200` |
/// | `DeepObject` | either | `color=blue` | `color[0]=blue&color[1]=black` | `color[R]=100&color[G]=200` |
/// | `Simple` | false | `blue` | `blue,black` | `R,100,G,200` |
/// | `Simple` | true | `blue` | `blue,black` | `R=100,G=200` |
/// | `Label` | false | `.blue` | `.blue,black` | `.R,100,G,200` |
/// | `Label` | true | `.blue` | `.blue.black` | `.R=100.G=200` |
/// | `Matrix` | false | `;color=blue` | `;color=blue,black` | `;color=R,100,G,200` |
/// | `Matrix` | true | `;color=blue` | `;color=blue;color=black` | `;R=100;G=200` |
/// | `Json` | either | `color=%22blue%22` | `color=%5B%22blue%22%2C%22black%22%5D` | its JSON text |
///
/// `SpaceDelimited` and `PipeDelimited` with `explode: true` have nothing to join and write
/// what `Form` does. `Label` without `explode` joins with commas, as RFC 6570 does and
/// OpenAPI 3.0.4 corrected its table to say (3.0.3's table shows dots there).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// `form`: query and cookie parameters.
    Form,
    /// `spaceDelimited`: a query list joined with spaces.
    SpaceDelimited,
    /// `pipeDelimited`: a query list joined with `|`.
    PipeDelimited,
    /// `deepObject`: a query object as `name[key]=value` pairs.
    DeepObject,
    /// `simple`: path and header parameters.
    Simple,
    /// `label`: a path parameter after a `.`.
    Label,
    /// `matrix`: a path parameter as `;name=value`.
    Matrix,
    /// `content: application/json`: the value's JSON text, sent as one string.
    Json,
}

/// A value as serde wrote it, object properties in their order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node {
    Null,
    Bool(bool),
    Number(serde_json::Number),
    String(String),
    List(Vec<Node>),
    Object(Vec<(String, Node)>),
}

impl Node {
    /// Encodes `value` with serde. The JSON text in between is what keeps the properties in
    /// order without a serializer of our own: serde_json writes them in order, and [`Node`]
    /// reads them back so.
    pub(crate) fn of(value: &dyn erased_serde::Serialize) -> Result<Self, serde_json::Error> {
        let text = serde_json::to_string(value)?;
        serde_json::from_str(&text)
    }

    /// The text of a scalar, or the JSON text of anything else; `None` for `null`, which is
    /// left out.
    fn text(&self) -> Option<Cow<'_, str>> {
        match self {
            Self::Null => None,
            Self::Bool(value) => Some(Cow::Borrowed(if *value { "true" } else { "false" })),
            Self::Number(number) => Some(Cow::Owned(number.to_string())),
            Self::String(text) => Some(Cow::Borrowed(text)),
            Self::List(_) | Self::Object(_) => Some(Cow::Owned(self.json())),
        }
    }

    fn json(&self) -> String {
        // Writing a tree of strings, numbers and booleans to a string cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Null => serializer.serialize_unit(),
            Self::Bool(value) => serializer.serialize_bool(*value),
            Self::Number(number) => number.serialize(serializer),
            Self::String(text) => serializer.serialize_str(text),
            Self::List(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Self::Object(properties) => {
                let mut map = serializer.serialize_map(Some(properties.len()))?;
                for (key, value) in properties {
                    map.serialize_entry(key, value)?;
                }
                map.end()
            }
        }
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_unit<E: de::Error>(self) -> Result<Node, E> {
        Ok(Node::Null)
    }

    fn visit_bool<E: de::Error>(self, value: bool) -> Result<Node, E> {
        Ok(Node::Bool(value))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Node, E> {
        Ok(Node::Number(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Node, E> {
        // serde_json writes a non-finite number as `null`, so one never comes back.
        Ok(serde_json::Number::from_f64(value).map_or(Node::Null, Node::Number))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Node, E> {
        Ok(Node::String(value.to_owned()))
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<Node, E> {
        Ok(Node::String(value))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Node::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut properties = Vec::new();
        while let Some(entry) = map.next_entry::<String, Node>()? {
            properties.push(entry);
        }
        Ok(Node::Object(properties))
    }
}

/// Where a value goes, which says how its pieces are escaped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The query string: `application/x-www-form-urlencoded` pieces, as the direct code
    /// writes scalars (a space is `+`).
    Query,
    /// The query string, for a parameter with `allowReserved: true`: RFC 6570's reserved
    /// expansion (`{+name}`). RFC 3986's reserved characters (`:/?[]@!$&'()*+,;=`) and
    /// percent-encoded triples (`%2F`) stay as they are, so that a value the caller wrote for
    /// the URL (a path, a filter expression) reaches the server as written; every other byte
    /// is percent-encoded (a space is `%20`), and so is `#`, which would end the query.
    QueryReserved,
    /// A path segment or a cookie value: every byte but the RFC 3986 unreserved ones is
    /// percent-encoded.
    Segment,
    /// A header: as it is.
    Header,
}

fn escape(place: Place, text: &str, out: &mut String) {
    match place {
        Place::Query => out.extend(form_urlencoded::byte_serialize(text.as_bytes())),
        Place::QueryReserved => escape_reserved(text, out),
        Place::Segment => out.extend(utf8_percent_encode(text, PATH_SEGMENT)),
        Place::Header => out.push_str(text),
    }
}

/// RFC 6570's reserved expansion of `text`, `#` escaped too (see [`Place::QueryReserved`]).
fn escape_reserved(text: &str, out: &mut String) {
    const RESERVED_BUT_HASH: &[u8] = b":/?[]@!$&'()*+,;=";
    let bytes = text.as_bytes();
    for (index, &byte) in bytes.iter().enumerate() {
        let triple = byte == b'%'
            && bytes
                .get(index + 1..index + 3)
                .is_some_and(|hex| hex.iter().all(u8::is_ascii_hexdigit));
        let unreserved = byte.is_ascii_alphanumeric() || b"-._~".contains(&byte);
        if unreserved || triple || RESERVED_BUT_HASH.contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
}

/// One `key=value` of a query or a cookie, before escaping.
struct Pair<'a> {
    /// The name, then (`deepObject`) the keys that go between brackets.
    key: Vec<Cow<'a, str>>,
    /// The value's pieces, escaped one by one and joined by a literal delimiter.
    pieces: Vec<Cow<'a, str>>,
    delimiter: &'static str,
}

impl<'a> Pair<'a> {
    fn single(key: Cow<'a, str>, value: Cow<'a, str>) -> Self {
        Self {
            key: vec![key],
            pieces: vec![value],
            delimiter: "",
        }
    }

    fn write(&self, place: Place, out: &mut String) {
        // `allowReserved` is about the value: names and keys are escaped as always.
        let key_place = match place {
            Place::QueryReserved => Place::Query,
            other => other,
        };
        let mut keys = self.key.iter();
        if let Some(name) = keys.next() {
            escape(key_place, name, out);
        }
        for key in keys {
            out.push('[');
            escape(key_place, key, out);
            out.push(']');
        }
        out.push('=');
        join(place, &self.pieces, self.delimiter, out);
    }
}

/// Escapes each piece and joins them with the literal `delimiter`.
fn join(place: Place, pieces: &[Cow<'_, str>], delimiter: &str, out: &mut String) {
    for (index, piece) in pieces.iter().enumerate() {
        if index > 0 {
            out.push_str(delimiter);
        }
        escape(place, piece, out);
    }
}

/// The items of a list (`null` ones left out) as text.
fn items(items: &[Node]) -> impl Iterator<Item = Cow<'_, str>> {
    items.iter().filter_map(Node::text)
}

/// The properties of an object (`null` ones left out) as text.
fn properties(properties: &[(String, Node)]) -> impl Iterator<Item = (&str, Cow<'_, str>)> {
    properties
        .iter()
        .filter_map(|(key, value)| Some((key.as_str(), value.text()?)))
}

/// Keys and values of an object one after the other: `R, 100, G, 200`.
fn flat_properties(object: &[(String, Node)]) -> Vec<Cow<'_, str>> {
    properties(object)
        .flat_map(|(key, value)| [Cow::Borrowed(key), value])
        .collect()
}

/// The pairs of `form` and the delimited styles: a scalar is `name=value`; a list or an
/// object without `explode` is one pair whose pieces `delimiter` joins; with `explode`, each
/// item is a pair of its own under `name`, and each property a pair under its own name.
fn form_pairs<'a>(
    name: &'a str,
    node: &'a Node,
    explode: bool,
    delimiter: &'static str,
) -> Vec<Pair<'a>> {
    match node {
        Node::Null => Vec::new(),
        Node::List(list) if explode => items(list)
            .map(|item| Pair::single(Cow::Borrowed(name), item))
            .collect(),
        Node::List(list) => vec![Pair {
            key: vec![Cow::Borrowed(name)],
            pieces: items(list).collect(),
            delimiter,
        }],
        Node::Object(object) if explode => properties(object)
            .map(|(key, value)| Pair::single(Cow::Borrowed(key), value))
            .collect(),
        Node::Object(object) => vec![Pair {
            key: vec![Cow::Borrowed(name)],
            pieces: flat_properties(object),
            delimiter,
        }],
        scalar => scalar
            .text()
            .map(|text| Pair::single(Cow::Borrowed(name), text))
            .into_iter()
            .collect(),
    }
}

/// The pairs of `deepObject`: each scalar at the end of the keys that lead to it,
/// `name[key][inner]=value`; a list's items are keyed by their index, `name[key][0]=value`.
fn deep_pairs<'a>(key: Vec<Cow<'a, str>>, node: &'a Node, pairs: &mut Vec<Pair<'a>>) {
    let inner = |step: Cow<'a, str>, value: &'a Node, pairs: &mut Vec<Pair<'a>>| {
        let mut key = key.clone();
        key.push(step);
        deep_pairs(key, value, pairs);
    };
    match node {
        Node::Null => {}
        Node::List(list) => {
            for (index, item) in list.iter().enumerate() {
                inner(Cow::Owned(index.to_string()), item, pairs);
            }
        }
        Node::Object(object) => {
            for (property, value) in object {
                inner(Cow::Borrowed(property), value, pairs);
            }
        }
        scalar => {
            if let Some(text) = scalar.text() {
                pairs.push(Pair {
                    key,
                    pieces: vec![text],
                    delimiter: "",
                });
            }
        }
    }
}

/// The pairs a query or cookie parameter writes.
fn pairs<'a>(name: &'a str, node: &'a Node, style: Style, explode: bool) -> Vec<Pair<'a>> {
    match style {
        Style::DeepObject => {
            let mut pairs = Vec::new();
            deep_pairs(vec![Cow::Borrowed(name)], node, &mut pairs);
            pairs
        }
        Style::Json => match node {
            Node::Null => Vec::new(),
            _ => vec![Pair::single(Cow::Borrowed(name), Cow::Owned(node.json()))],
        },
        // The query writes the space as `%20`: a `+` is a space to form decoders only.
        Style::SpaceDelimited => form_pairs(name, node, explode, "%20"),
        Style::PipeDelimited => form_pairs(name, node, explode, "|"),
        // Path styles are not used in queries; the generator never asks for them.
        Style::Form | Style::Simple | Style::Label | Style::Matrix => {
            form_pairs(name, node, explode, ",")
        }
    }
}

/// Appends the query pairs of parameter `name` to `query`, encoded and joined with `&`.
pub(crate) fn write_query(
    query: &mut String,
    name: &str,
    node: &Node,
    style: Style,
    explode: bool,
) {
    write_query_pairs(Place::Query, query, name, node, style, explode);
}

/// [`write_query`] for a parameter with `allowReserved: true`: the value's reserved
/// characters stay as they are ([`Place::QueryReserved`]).
pub(crate) fn write_query_reserved(
    query: &mut String,
    name: &str,
    node: &Node,
    style: Style,
    explode: bool,
) {
    write_query_pairs(Place::QueryReserved, query, name, node, style, explode);
}

fn write_query_pairs(
    place: Place,
    query: &mut String,
    name: &str,
    node: &Node,
    style: Style,
    explode: bool,
) {
    for pair in pairs(name, node, style, explode) {
        if !query.is_empty() {
            query.push('&');
        }
        pair.write(place, query);
    }
}

/// How one field of a form body is written: its name, [`Style`] and `explode`, as the spec's
/// Encoding Object gives them. A field without one is written in `form` style with `explode`.
pub type FormField<'a> = (&'a str, Style, bool);

/// Writes `node`, a form body, as `application/x-www-form-urlencoded` text: each property is
/// written as a query parameter of its name would be, in the style its entry in `fields`
/// gives (OpenAPI's Encoding Object), `form` with `explode` without one. A flat form thus
/// reads as it always did (`key=value`, a list as one key per item), and an object field
/// expands as its style says. `Err` names what a form cannot hold.
pub(crate) fn write_form(
    out: &mut String,
    node: &Node,
    fields: &[FormField<'_>],
) -> Result<(), &'static str> {
    let properties = match node {
        Node::Object(properties) => properties,
        // An absent form (a `null` map or JSON value) has no fields.
        Node::Null => return Ok(()),
        _ => return Err("a form body is an object; this value is not one"),
    };
    for (name, value) in properties {
        let (style, explode) = fields
            .iter()
            .find(|(field, _, _)| field == name)
            .map_or((Style::Form, true), |&(_, style, explode)| (style, explode));
        write_query(out, name, value, style, explode);
    }
    Ok(())
}

/// The `name=value` pairs of a cookie parameter, joined with `; ` as a `Cookie` header joins
/// them. Cookies take `form` style.
pub(crate) fn cookie_text(name: &str, node: &Node, style: Style, explode: bool) -> String {
    let mut text = String::new();
    for pair in pairs(name, node, style, explode) {
        if !text.is_empty() {
            text.push_str("; ");
        }
        pair.write(Place::Segment, &mut text);
    }
    text
}

/// A path parameter's text, its pieces percent-encoded as a path segment.
pub(crate) fn path_text(name: &str, node: &Node, style: Style, explode: bool) -> String {
    styled_text(Place::Segment, name, node, style, explode)
}

/// A header parameter's text: `simple` style, or JSON text.
pub(crate) fn header_text(node: &Node, style: Style, explode: bool) -> String {
    styled_text(Place::Header, "", node, style, explode)
}

/// The text of the path and header styles.
fn styled_text(place: Place, name: &str, node: &Node, style: Style, explode: bool) -> String {
    let mut out = String::new();
    match style {
        Style::Label => label(place, node, explode, &mut out),
        Style::Matrix => matrix(place, name, node, explode, &mut out),
        Style::Json => {
            if *node != Node::Null {
                escape(place, &node.json(), &mut out);
            }
        }
        // Query styles are not used in paths and headers; the generator never asks for them.
        Style::Simple
        | Style::Form
        | Style::SpaceDelimited
        | Style::PipeDelimited
        | Style::DeepObject => simple(place, node, explode, &mut out),
    }
    out
}

/// `simple`: `blue`, `blue,black`, `R,100,G,200` or (`explode`) `R=100,G=200`.
fn simple(place: Place, node: &Node, explode: bool, out: &mut String) {
    match node {
        Node::List(list) => join(place, &items(list).collect::<Vec<_>>(), ",", out),
        Node::Object(object) if explode => {
            for (index, (key, value)) in properties(object).enumerate() {
                if index > 0 {
                    out.push(',');
                }
                escape(place, key, out);
                out.push('=');
                escape(place, &value, out);
            }
        }
        Node::Object(object) => join(place, &flat_properties(object), ",", out),
        scalar => {
            if let Some(text) = scalar.text() {
                escape(place, &text, out);
            }
        }
    }
}

/// `label`: `.blue`, `.blue,black` or (`explode`) `.blue.black`, `.R,100,G,200` or
/// (`explode`) `.R=100.G=200`; the empty string is `.`.
fn label(place: Place, node: &Node, explode: bool, out: &mut String) {
    if *node == Node::Null {
        return;
    }
    out.push('.');
    match node {
        Node::List(list) => {
            let delimiter = if explode { "." } else { "," };
            join(place, &items(list).collect::<Vec<_>>(), delimiter, out);
        }
        Node::Object(object) if explode => {
            for (index, (key, value)) in properties(object).enumerate() {
                if index > 0 {
                    out.push('.');
                }
                escape(place, key, out);
                out.push('=');
                escape(place, &value, out);
            }
        }
        Node::Object(object) => join(place, &flat_properties(object), ",", out),
        scalar => {
            if let Some(text) = scalar.text() {
                escape(place, &text, out);
            }
        }
    }
}

/// `matrix`: `;color=blue`, `;color=blue,black` or (`explode`) `;color=blue;color=black`,
/// `;color=R,100,G,200` or (`explode`) `;R=100;G=200`; an empty value is `;color` alone.
fn matrix(place: Place, name: &str, node: &Node, explode: bool, out: &mut String) {
    let pair = |key: &str, pieces: &[Cow<'_, str>], out: &mut String| {
        out.push(';');
        escape(place, key, out);
        if pieces.iter().any(|piece| !piece.is_empty()) {
            out.push('=');
            join(place, pieces, ",", out);
        }
    };
    match node {
        Node::Null => {}
        Node::List(list) if explode => {
            for item in items(list) {
                pair(name, &[item], out);
            }
        }
        Node::List(list) => pair(name, &items(list).collect::<Vec<_>>(), out),
        Node::Object(object) if explode => {
            for (key, value) in properties(object) {
                pair(key, &[value], out);
            }
        }
        Node::Object(object) => pair(name, &flat_properties(object), out),
        scalar => pair(name, &scalar.text().into_iter().collect::<Vec<_>>(), out),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn node(value: serde_json::Value) -> Node {
        Node::of(&value).expect("a JSON value encodes")
    }

    fn query(value: serde_json::Value, style: Style, explode: bool) -> String {
        let mut text = String::new();
        write_query(&mut text, "color", &node(value), style, explode);
        text
    }

    fn path(value: serde_json::Value, style: Style, explode: bool) -> String {
        path_text("color", &node(value), style, explode)
    }

    /// The colors of OpenAPI's style examples, and the empty string. The object is a struct,
    /// so that its properties keep their order (a JSON value sorts them).
    fn examples() -> [Node; 4] {
        #[derive(serde::Serialize)]
        #[allow(non_snake_case, reason = "the example's property names")]
        struct Rgb {
            R: u8,
            G: u8,
            B: u8,
        }
        let rgb = Rgb {
            R: 100,
            G: 200,
            B: 150,
        };
        [
            node(json!("")),
            node(json!("blue")),
            node(json!(["blue", "black", "brown"])),
            Node::of(&rgb).expect("a struct encodes"),
        ]
    }

    /// Each row of the table: empty, string, list, object; `None` where the table says n/a.
    fn check_row(render: impl Fn(&Node) -> String, row: &str, expected: [Option<&str>; 4]) {
        for (value, expected) in examples().iter().zip(expected) {
            if let Some(expected) = expected {
                assert_eq!(render(value), expected, "{row}, {value:?}");
            }
        }
    }

    fn check_query_row(style: Style, explode: bool, expected: [Option<&str>; 4]) {
        let render = |value: &Node| {
            let mut text = String::new();
            write_query(&mut text, "color", value, style, explode);
            text
        };
        check_row(render, &format!("{style:?} explode={explode}"), expected);
    }

    fn check_path_row(style: Style, explode: bool, expected: [Option<&str>; 4]) {
        let render = |value: &Node| path_text("color", value, style, explode);
        check_row(render, &format!("{style:?} explode={explode}"), expected);
    }

    #[test]
    fn matrix_rows() {
        check_path_row(
            Style::Matrix,
            false,
            [
                Some(";color"),
                Some(";color=blue"),
                Some(";color=blue,black,brown"),
                Some(";color=R,100,G,200,B,150"),
            ],
        );
        check_path_row(
            Style::Matrix,
            true,
            [
                Some(";color"),
                Some(";color=blue"),
                Some(";color=blue;color=black;color=brown"),
                Some(";R=100;G=200;B=150"),
            ],
        );
    }

    #[test]
    fn label_rows() {
        // 3.0.3's table shows `.blue.black.brown` and `.R.100.G.200.B.150` without explode, a
        // mistake OpenAPI 3.0.4 corrected to RFC 6570's commas.
        check_path_row(
            Style::Label,
            false,
            [
                Some("."),
                Some(".blue"),
                Some(".blue,black,brown"),
                Some(".R,100,G,200,B,150"),
            ],
        );
        check_path_row(
            Style::Label,
            true,
            [
                Some("."),
                Some(".blue"),
                Some(".blue.black.brown"),
                Some(".R=100.G=200.B=150"),
            ],
        );
    }

    #[test]
    fn form_rows() {
        check_query_row(
            Style::Form,
            false,
            [
                Some("color="),
                Some("color=blue"),
                Some("color=blue,black,brown"),
                Some("color=R,100,G,200,B,150"),
            ],
        );
        check_query_row(
            Style::Form,
            true,
            [
                Some("color="),
                Some("color=blue"),
                Some("color=blue&color=black&color=brown"),
                Some("R=100&G=200&B=150"),
            ],
        );
    }

    #[test]
    fn simple_rows() {
        // The table has no empty value for `simple`: a path parameter cannot be empty (the
        // request refuses it) and an empty header is the empty text.
        check_path_row(
            Style::Simple,
            false,
            [
                Some(""),
                Some("blue"),
                Some("blue,black,brown"),
                Some("R,100,G,200,B,150"),
            ],
        );
        check_path_row(
            Style::Simple,
            true,
            [
                Some(""),
                Some("blue"),
                Some("blue,black,brown"),
                Some("R=100,G=200,B=150"),
            ],
        );
        let rgb = &examples()[3];
        assert_eq!(header_text(rgb, Style::Simple, false), "R,100,G,200,B,150");
        assert_eq!(header_text(rgb, Style::Simple, true), "R=100,G=200,B=150");
    }

    #[test]
    fn delimited_rows() {
        check_query_row(
            Style::SpaceDelimited,
            false,
            [
                None,
                None,
                Some("color=blue%20black%20brown"),
                Some("color=R%20100%20G%20200%20B%20150"),
            ],
        );
        check_query_row(
            Style::PipeDelimited,
            false,
            [
                None,
                None,
                Some("color=blue|black|brown"),
                Some("color=R|100|G|200|B|150"),
            ],
        );
    }

    #[test]
    fn deep_object_row() {
        check_query_row(
            Style::DeepObject,
            true,
            [
                None,
                None,
                None,
                Some("color[R]=100&color[G]=200&color[B]=150"),
            ],
        );
        // `explode` means nothing to `deepObject`; its default, false, writes the same.
        check_query_row(
            Style::DeepObject,
            false,
            [
                None,
                None,
                None,
                Some("color[R]=100&color[G]=200&color[B]=150"),
            ],
        );
    }

    #[test]
    fn what_the_table_leaves_out() {
        // Scalars in the delimited styles and deepObject: the form pair.
        for style in [
            Style::SpaceDelimited,
            Style::PipeDelimited,
            Style::DeepObject,
        ] {
            assert_eq!(query(json!("blue"), style, false), "color=blue");
        }
        // The delimited styles with `explode`: what form writes.
        assert_eq!(
            query(json!(["a", "b"]), Style::PipeDelimited, true),
            "color=a&color=b"
        );
        assert_eq!(query(json!({"R": 1}), Style::SpaceDelimited, true), "R=1");
        // A list in deepObject: items by index.
        assert_eq!(
            query(json!(["a", "b"]), Style::DeepObject, true),
            "color[0]=a&color[1]=b"
        );
    }

    #[test]
    fn deep_objects_nest_and_lists_take_indices() {
        let value = json!({"a": {"b": 1, "c": [true, {"d": "x y"}]}, "e": null});
        assert_eq!(
            query(value, Style::DeepObject, true),
            "color[a][b]=1&color[a][c][0]=true&color[a][c][1][d]=x+y"
        );
    }

    #[test]
    fn nested_values_a_style_cannot_express_are_json_text() {
        let value = json!({"a": {"b": 1}, "c": [1, 2]});
        assert_eq!(
            query(value.clone(), Style::Form, true),
            "a=%7B%22b%22%3A1%7D&c=%5B1%2C2%5D"
        );
        assert_eq!(
            header_text(&node(value), Style::Simple, true),
            r#"a={"b":1},c=[1,2]"#
        );
        assert_eq!(
            query(json!([[1, 2], "x"]), Style::Form, false),
            "color=%5B1%2C2%5D,x"
        );
    }

    #[test]
    fn pieces_are_escaped_and_delimiters_are_not() {
        // A comma inside a value is not a delimiter.
        assert_eq!(
            query(json!(["a,b", "c d", "é"]), Style::Form, false),
            "color=a%2Cb,c+d,%C3%A9"
        );
        assert_eq!(
            query(json!(["a|b", "c"]), Style::PipeDelimited, false),
            "color=a%7Cb|c"
        );
        assert_eq!(
            query(json!({"k[1]": "v&w"}), Style::DeepObject, true),
            "color[k%5B1%5D]=v%26w"
        );
        assert_eq!(
            path(json!(["a/b", "c;d"]), Style::Matrix, true),
            ";color=a%2Fb;color=c%3Bd"
        );
        assert_eq!(path(json!({"k=": "v.w"}), Style::Label, true), ".k%3D=v.w");
    }

    fn reserved(value: serde_json::Value, style: Style, explode: bool) -> String {
        let mut text = String::new();
        write_query_reserved(&mut text, "q p", &node(value), style, explode);
        text
    }

    #[test]
    fn allow_reserved_keeps_reserved_characters_and_triples_in_values_only() {
        // Reserved characters and `%2F` as written; a space, `%` alone, `"`, `é` and `#`
        // (which would end the query) are encoded; the name is escaped as always.
        assert_eq!(
            reserved(
                json!("/a/b?c=d&e=[1],f+g:h@i!$'()*;%2F x%zz\"é#top"),
                Style::Form,
                true
            ),
            "q+p=/a/b?c=d&e=[1],f+g:h@i!$'()*;%2F%20x%25zz%22%C3%A9%23top"
        );
        // Every style writes its pieces so, and its keys as always.
        assert_eq!(
            reserved(json!(["a/b", "c,d"]), Style::Form, false),
            "q+p=a/b,c,d"
        );
        assert_eq!(
            reserved(json!({"k/1": "v/w"}), Style::DeepObject, true),
            "q+p[k%2F1]=v/w"
        );
        assert_eq!(
            reserved(json!(["a b", "c"]), Style::SpaceDelimited, false),
            "q+p=a%20b%20c"
        );
    }

    #[test]
    fn null_and_empty_values() {
        // `null` is undefined: left out everywhere, and so are null items and properties.
        assert_eq!(query(json!(null), Style::Form, true), "");
        assert_eq!(path(json!(null), Style::Matrix, false), "");
        assert_eq!(query(json!(["a", null]), Style::Form, true), "color=a");
        assert_eq!(query(json!({"a": null, "b": 2}), Style::Form, true), "b=2");
        // An empty list or object is the empty value where the style joins items, and
        // nothing where it repeats them.
        assert_eq!(query(json!([]), Style::Form, false), "color=");
        assert_eq!(query(json!([]), Style::Form, true), "");
        assert_eq!(query(json!({}), Style::DeepObject, true), "");
        assert_eq!(path(json!([]), Style::Matrix, false), ";color");
        assert_eq!(path(json!([]), Style::Matrix, true), "");
        assert_eq!(path(json!([]), Style::Label, true), ".");
    }

    #[test]
    fn json_content_is_the_json_text() {
        let value = json!({"b": [1, "x"], "a": true});
        assert_eq!(
            query(value.clone(), Style::Json, false),
            "color=%7B%22a%22%3Atrue%2C%22b%22%3A%5B1%2C%22x%22%5D%7D"
        );
        assert_eq!(
            header_text(&node(value), Style::Json, false),
            r#"{"a":true,"b":[1,"x"]}"#
        );
        assert_eq!(path(json!("a b"), Style::Json, false), "%22a%20b%22");
    }

    #[test]
    fn cookies_are_form_pairs() {
        assert_eq!(
            cookie_text("id", &node(json!("a b")), Style::Form, true),
            "id=a%20b"
        );
        assert_eq!(
            cookie_text("id", &node(json!([1, 2])), Style::Form, true),
            "id=1; id=2"
        );
        assert_eq!(
            cookie_text("id", &node(json!([1, 2])), Style::Form, false),
            "id=1,2"
        );
        assert_eq!(
            cookie_text("id", &node(json!({"a": "x", "b": "y"})), Style::Form, true),
            "a=x; b=y"
        );
    }

    #[test]
    fn properties_keep_the_order_serde_writes() {
        #[derive(serde::Serialize)]
        struct Ordered {
            zeta: u8,
            alpha: &'static str,
            middle: Option<u8>,
        }
        let value = Ordered {
            zeta: 1,
            alpha: "a",
            middle: None,
        };
        let node = Node::of(&value).expect("a struct encodes");
        let mut text = String::new();
        write_query(&mut text, "o", &node, Style::Form, true);
        assert_eq!(text, "zeta=1&alpha=a");
    }

    #[test]
    fn numbers_keep_their_json_text() {
        assert_eq!(
            query(json!([1.5, -2, 3.0]), Style::Form, false),
            "color=1.5,-2,3.0"
        );
        assert_eq!(
            query(json!(u64::MAX), Style::Form, true),
            "color=18446744073709551615"
        );
    }

    /// A form body like Stripe's: scalars, a `metadata` map in `deepObject`, a nested object
    /// in the default `form` with `explode`, a JSON-encoded field and a list of objects. A
    /// struct, so that the fields keep their order.
    #[derive(serde::Serialize)]
    struct Customer {
        name: &'static str,
        metadata: serde_json::Value,
        address: Address,
        json: Address,
        items: Vec<Address>,
        tags: Vec<&'static str>,
        missing: Option<u8>,
    }

    #[derive(serde::Serialize)]
    struct Address {
        line: &'static str,
        city: &'static str,
    }

    fn customer() -> Node {
        let address = || Address {
            line: "1 Main St",
            city: "Paris",
        };
        let customer = Customer {
            name: "Ann & Bob",
            metadata: json!({"order": "42"}),
            address: address(),
            json: address(),
            items: vec![
                address(),
                Address {
                    line: "2",
                    city: "Rome",
                },
            ],
            tags: vec!["a", "b c"],
            missing: None,
        };
        Node::of(&customer).expect("a struct encodes")
    }

    fn form(node: &Node, fields: &[FormField<'_>]) -> String {
        let mut text = String::new();
        write_form(&mut text, node, fields).expect("an object is a form");
        text
    }

    #[test]
    fn a_flat_form_is_one_key_per_scalar_and_per_list_item() {
        #[derive(serde::Serialize)]
        struct Token {
            token: &'static str,
            scopes: Vec<&'static str>,
            count: u8,
            hint: Option<&'static str>,
        }
        let token = Token {
            token: "r t&=",
            scopes: vec!["chat", "video call"],
            count: 2,
            hint: None,
        };
        let node = Node::of(&token).expect("a struct encodes");
        assert_eq!(
            form(&node, &[]),
            "token=r+t%26%3D&scopes=chat&scopes=video+call&count=2"
        );
    }

    #[test]
    fn form_fields_take_the_style_of_their_encoding() {
        let fields = [
            ("metadata", Style::DeepObject, true),
            ("json", Style::Json, false),
            ("items", Style::DeepObject, true),
            ("tags", Style::Form, false),
        ];
        assert_eq!(
            form(&customer(), &fields),
            "name=Ann+%26+Bob\
             &metadata[order]=42\
             &line=1+Main+St&city=Paris\
             &json=%7B%22line%22%3A%221+Main+St%22%2C%22city%22%3A%22Paris%22%7D\
             &items[0][line]=1+Main+St&items[0][city]=Paris\
             &items[1][line]=2&items[1][city]=Rome\
             &tags=a,b+c"
        );
    }

    #[test]
    fn form_fields_without_an_encoding_are_form_exploded() {
        // An object field spreads its properties; each object of a list is its JSON text,
        // as a `form` style expands one level.
        assert_eq!(
            form(&customer(), &[]),
            "name=Ann+%26+Bob\
             &order=42\
             &line=1+Main+St&city=Paris\
             &line=1+Main+St&city=Paris\
             &items=%7B%22line%22%3A%221+Main+St%22%2C%22city%22%3A%22Paris%22%7D\
             &items=%7B%22line%22%3A%222%22%2C%22city%22%3A%22Rome%22%7D\
             &tags=a&tags=b+c"
        );
    }

    #[test]
    fn a_form_is_an_object() {
        let mut text = String::new();
        assert!(write_form(&mut text, &node(json!("a=b")), &[]).is_err());
        assert!(write_form(&mut text, &Node::Null, &[]).is_ok());
        assert_eq!(text, "");
    }
}
