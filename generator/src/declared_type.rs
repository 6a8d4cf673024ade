//! Reads a schema as its declared `type` when keywords or `enum` values beside it do not fit that type.
//!
//! `openapiv3` types a schema only when every keyword it knows applies to the schema's `type`
//! and every `enum` value is of that type; otherwise the schema falls back to "any value". Real
//! documents often say a little more than their type allows: `minLength` on an integer,
//! `properties` on a string, `items` on an object, `format` on a boolean, a string enum written
//! `enum: [1, 2]`, an integer enum written `enum: ["1", "2"]`. The `type` is what the server
//! sends, so the rewrite here, on the untyped tree before the typed parse, makes the schema fit
//! it: keywords that do not apply to the type are dropped, `enum` values that can be read as
//! the type are (`1` as `"1"` in a string enum, `"1"` as `1` in an integer one), the others
//! are dropped, integer bounds that are not integers are dropped, and an array's `enum` of
//! scalars, which no array could equal, is its items' `enum`. `null` in an `enum` makes the
//! schema `nullable`, as OpenAPI 3.0 asks. Before that, in every schema, a keyword whose value
//! is of the wrong kind (`pattern: 0`, `minLength: "2"`, a `type` that is a mapping), for which
//! the typed parse would refuse the whole document, is read as its kind when it says one value
//! of it, and dropped otherwise. Each schema changed gets one warning naming what was ignored
//! or read otherwise.
//!
//! Schemas with `allOf`, `anyOf`, `oneOf` or `not` keep their keywords: their type comes from
//! those, and the generator reads them as such. So do schemas without a `type`, and with a type
//! other than the six JSON ones. Schemas with a `$ref` are left alone altogether: 3.0 reads
//! nothing beside one.

use std::path::Path;

use serde_yaml::{Mapping, Number, Value};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::walk::{self, token};

/// The keywords `openapiv3` reads to tell a schema's kind, but for the compositions: each that
/// does not apply to the schema's `type` makes it "any value".
const KIND_KEYWORDS: &[&str] = &[
    "pattern",
    "minLength",
    "maxLength",
    "format",
    "multipleOf",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
    "items",
    "minItems",
    "maxItems",
    "uniqueItems",
    "enum",
];

/// Keywords beside which a schema's type is not its `type` alone.
const COMPOSITIONS: &[&str] = &["$ref", "allOf", "anyOf", "oneOf", "not"];

/// The integer keywords `openapiv3` reads as 64-bit signed integers.
const INTEGER_BOUNDS: &[&str] = &["minimum", "maximum", "multipleOf"];

/// The six JSON types, each with the keywords of [`KIND_KEYWORDS`] that apply to it.
fn applicable(type_name: &str) -> Option<&'static [&'static str]> {
    Some(match type_name {
        "string" => &["pattern", "minLength", "maxLength", "format", "enum"],
        "integer" | "number" => &[
            "multipleOf",
            "minimum",
            "maximum",
            "exclusiveMinimum",
            "exclusiveMaximum",
            "format",
            "enum",
        ],
        "boolean" => &["enum"],
        "object" => &[
            "properties",
            "required",
            "additionalProperties",
            "minProperties",
            "maxProperties",
        ],
        "array" => &["items", "minItems", "maxItems", "uniqueItems"],
        _ => return None,
    })
}

/// Fits every schema of the 3.0 `document` read from `file` to its declared type, in place,
/// and returns a warning for each schema changed, at its pointer.
pub fn fit_document(file: &Path, document: &mut Value) -> Vec<Diagnostic> {
    let mut fitter = Fitter {
        file,
        warnings: Vec::new(),
    };
    if let Some(document) = document.as_mapping_mut() {
        walk::document(document, &mut fitter);
    }
    fitter.warnings
}

/// Fits one schema, not those inside it, to its declared type; says what was changed, when it
/// was more than making a schema with `null` in its `enum` nullable. Keyword values of the
/// wrong kind (`pattern: 0`, `type` a mapping) are read as their kind or dropped first: the
/// typed parse would refuse the whole document for them.
pub fn fit_schema(schema: &mut Mapping) -> Option<String> {
    // Beside a `$ref`, 3.0 ignores everything (3.1's `$ref`s with keywords are `allOf`s by now).
    if schema.contains_key("$ref") {
        return None;
    }
    let mut changes = Changes::default();
    fit_keyword_kinds(schema, &mut changes);
    if let Some(type_name) = schema.get("type").and_then(Value::as_str)
        && let Some(keywords) = applicable(type_name)
        && !COMPOSITIONS
            .iter()
            .any(|keyword| schema.contains_key(*keyword))
    {
        let type_name = type_name.to_owned();
        fit_to_type(schema, &type_name, keywords, &mut changes);
        changes.type_name = Some(type_name);
    }
    changes.message()
}

/// Makes the keywords of a schema of one of the six types fit that type.
fn fit_to_type(schema: &mut Mapping, type_name: &str, keywords: &[&str], changes: &mut Changes) {
    if type_name == "array" {
        enum_as_items_enum(schema, changes);
    }
    for keyword in KIND_KEYWORDS {
        if keywords.contains(keyword) {
            continue;
        }
        let Some(value) = schema.shift_remove(*keyword) else {
            continue;
        };
        changes.ignored.push(keyword);
        // A `null` listed among values the type cannot hold still says the value may be null.
        if *keyword == "enum"
            && value
                .as_sequence()
                .is_some_and(|values| values.iter().any(Value::is_null))
        {
            schema.insert("nullable".into(), Value::Bool(true));
        }
    }
    if let Some(Value::Sequence(values)) = schema.get_mut("enum") {
        let nullable = fit_values(values, type_name, changes);
        if values.is_empty() {
            schema.shift_remove("enum");
        }
        if nullable {
            schema.insert("nullable".into(), Value::Bool(true));
        }
    }
    if type_name == "integer" {
        for keyword in INTEGER_BOUNDS {
            let Some(Value::Number(bound)) = schema.get(*keyword) else {
                continue;
            };
            if bound.is_i64() {
                continue;
            }
            match whole_number(bound) {
                Some(whole) => {
                    schema.insert((*keyword).into(), whole.into());
                }
                None => {
                    changes.bounds.push(format!("{keyword}: {bound}"));
                    schema.shift_remove(*keyword);
                }
            }
        }
    }
}

/// The kind of value a schema keyword takes, for those the typed parse reads as a scalar or a
/// list: a value of another kind makes it refuse the whole document.
#[derive(Debug, Clone, Copy)]
enum ValueKind {
    /// A string.
    Text,
    /// `true` or `false`.
    Flag,
    /// A whole number, zero or more.
    Count,
    /// A number.
    Number,
    /// A list of property names.
    Names,
    /// A list.
    List,
}

/// The keywords [`ValueKind`] tells the kind of.
const KEYWORD_KINDS: &[(&str, ValueKind)] = &[
    ("type", ValueKind::Text),
    ("format", ValueKind::Text),
    ("pattern", ValueKind::Text),
    ("title", ValueKind::Text),
    ("description", ValueKind::Text),
    ("nullable", ValueKind::Flag),
    ("readOnly", ValueKind::Flag),
    ("writeOnly", ValueKind::Flag),
    ("deprecated", ValueKind::Flag),
    ("exclusiveMinimum", ValueKind::Flag),
    ("exclusiveMaximum", ValueKind::Flag),
    ("uniqueItems", ValueKind::Flag),
    ("minLength", ValueKind::Count),
    ("maxLength", ValueKind::Count),
    ("minItems", ValueKind::Count),
    ("maxItems", ValueKind::Count),
    ("minProperties", ValueKind::Count),
    ("maxProperties", ValueKind::Count),
    ("multipleOf", ValueKind::Number),
    ("minimum", ValueKind::Number),
    ("maximum", ValueKind::Number),
    ("required", ValueKind::Names),
    ("enum", ValueKind::List),
];

impl ValueKind {
    fn holds(self, value: &Value) -> bool {
        match self {
            Self::Text => value.is_string(),
            Self::Flag => value.is_bool(),
            Self::Count => value.is_u64(),
            Self::Number => value.is_number(),
            Self::Names => value
                .as_sequence()
                .is_some_and(|names| names.iter().all(Value::is_string)),
            Self::List => value.is_sequence(),
        }
    }

    /// `value`, of another kind, read as this kind when it says one such value: a scalar as its
    /// text, a text as the flag or number it writes, a whole number written with a fraction as
    /// that number, a single name as a list of it. A `type` is only ever a name.
    fn read(self, keyword: &str, value: &Value) -> Option<Value> {
        let text = || value.as_str().map(str::trim);
        match self {
            Self::Text if keyword == "type" => None,
            Self::Text => scalar_text(value).map(Value::String),
            Self::Flag => match text()? {
                "true" => Some(Value::Bool(true)),
                "false" => Some(Value::Bool(false)),
                _ => None,
            },
            Self::Count => match value {
                Value::Number(number) => whole_number(number)
                    .and_then(|whole| u64::try_from(whole).ok())
                    .map(Value::from),
                _ => text()?.parse::<u64>().ok().map(Value::from),
            },
            Self::Number => read_as(value, "number"),
            Self::Names => match value {
                Value::String(name) => Some(Value::Sequence(vec![Value::String(name.clone())])),
                Value::Sequence(names) => Some(Value::Sequence(
                    names
                        .iter()
                        .filter_map(scalar_text)
                        .map(Value::String)
                        .collect(),
                )),
                _ => None,
            },
            Self::List => None,
        }
    }

    /// The kind, as said in a warning.
    fn described(self) -> &'static str {
        match self {
            Self::Text => "a string",
            Self::Flag => "`true` or `false`",
            Self::Count => "a whole number of zero or more",
            Self::Number => "a number",
            Self::Names => "a list of property names",
            Self::List => "a list",
        }
    }
}

/// A string, number or boolean as text.
fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(text) => Some(text.clone()),
        Value::Number(number) => Some(number.to_string()),
        Value::Bool(flag) => Some(flag.to_string()),
        _ => None,
    }
}

/// Reads each keyword value of the wrong kind as its kind, or drops it; `null`, which the
/// typed parse mostly reads as no value, is dropped silently.
fn fit_keyword_kinds(schema: &mut Mapping, changes: &mut Changes) {
    for &(keyword, kind) in KEYWORD_KINDS {
        let Some(value) = schema.get_mut(keyword) else {
            continue;
        };
        if value.is_null() {
            schema.shift_remove(keyword);
            continue;
        }
        if kind.holds(value) {
            continue;
        }
        let written = shortened(&json_text(value));
        match kind.read(keyword, value) {
            Some(read) => {
                changes.kinds.push(format!(
                    "`{keyword}: {written}` is read as `{}`",
                    shortened(&json_text(&read))
                ));
                *value = read;
            }
            None => {
                changes.kinds.push(format!(
                    "`{keyword}: {written}` is not {} and is ignored",
                    kind.described()
                ));
                schema.shift_remove(keyword);
            }
        }
    }
}

/// JSON text cut to a length a warning can show.
fn shortened(text: &str) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

/// What fitting a schema changed, for its warning.
#[derive(Default)]
struct Changes {
    /// Keywords whose values were of the wrong kind, each said as a whole.
    kinds: Vec<String>,
    /// The declared type, when the schema was fitted to one.
    type_name: Option<String>,
    /// Keywords dropped as they do not apply to the type.
    ignored: Vec<&'static str>,
    /// `enum` values read as the type, as written.
    read_as_type: Vec<String>,
    /// `enum` values dropped as they cannot be read as the type, as written.
    unreadable: Vec<String>,
    /// Integer bounds dropped as they are not 64-bit integers, as `keyword: value`.
    bounds: Vec<String>,
    /// What was said of the items when an `enum` became theirs.
    items: Option<String>,
}

impl Changes {
    fn message(self) -> Option<String> {
        let type_parts = match &self.type_name {
            Some(type_name) => self.type_parts(type_name),
            None => Vec::new(),
        };
        let mut parts = self.kinds;
        parts.extend(type_parts);
        (!parts.is_empty()).then(|| parts.join("; "))
    }

    /// What fitting the schema to its type changed, each said as a whole.
    fn type_parts(&self, type_name: &str) -> Vec<String> {
        let a_type = with_article(type_name);
        let mut parts = Vec::new();
        if !self.ignored.is_empty() {
            let count = self.ignored.len();
            parts.push(format!(
                "{} {} not apply to {a_type} and {} ignored",
                listed(self.ignored.iter().map(|keyword| format!("`{keyword}`"))),
                plural(count, "does", "do"),
                plural(count, "is", "are"),
            ));
        }
        if !self.read_as_type.is_empty() {
            let count = self.read_as_type.len();
            let plural_type = format!("{type_name}s");
            parts.push(format!(
                "`enum` {} {} {} read as {}",
                plural(count, "value", "values"),
                shown(&self.read_as_type),
                plural(count, "is", "are"),
                plural(count, &a_type, &plural_type),
            ));
        }
        if !self.unreadable.is_empty() {
            let count = self.unreadable.len();
            parts.push(format!(
                "`enum` {} {} cannot be read as {a_type} and {} ignored",
                plural(count, "value", "values"),
                shown(&self.unreadable),
                plural(count, "is", "are"),
            ));
        }
        if !self.bounds.is_empty() {
            let count = self.bounds.len();
            parts.push(format!(
                "{} {} and {} ignored",
                listed(self.bounds.iter().map(|bound| format!("`{bound}`"))),
                plural(count, "is not a 64-bit integer", "are not 64-bit integers"),
                plural(count, "is", "are"),
            ));
        }
        parts.extend(self.items.clone());
        parts
    }
}

/// The singular form for one, the plural form otherwise.
fn plural<'w>(count: usize, singular: &'w str, plural: &'w str) -> &'w str {
    if count == 1 { singular } else { plural }
}

/// A type named with its article: "a `string`", "an `integer`".
fn with_article(type_name: &str) -> String {
    let article = if type_name.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} `{type_name}`")
}

/// `a`, `a and b`, `a, b and c`.
fn listed(items: impl Iterator<Item = String>) -> String {
    let items: Vec<String> = items.collect();
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
    }
}

/// Values shown in backquotes, the first few of a long list, and how many others.
fn shown(values: &[String]) -> String {
    const SHOWN: usize = 3;
    let quoted = |value: &String| format!("`{value}`");
    if values.len() <= SHOWN + 1 {
        return listed(values.iter().map(quoted));
    }
    let first: Vec<String> = values[..SHOWN].iter().map(quoted).collect();
    format!("{} and {} others", first.join(", "), values.len() - SHOWN)
}

/// A value as JSON text, as the document would write it in JSON.
fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| format!("{value:?}"))
}

/// Fits `enum` values to the type: those of it stay, those that read as it are replaced,
/// the others go. Returns whether `null` is among them.
fn fit_values(values: &mut Vec<Value>, type_name: &str, changes: &mut Changes) -> bool {
    let mut nullable = false;
    values.retain_mut(|value| {
        if value.is_null() {
            nullable = true;
            return true;
        }
        if is_of_type(value, type_name) {
            return true;
        }
        match read_as(value, type_name) {
            Some(read) => {
                changes.read_as_type.push(json_text(value));
                *value = read;
                true
            }
            None => {
                changes.unreadable.push(json_text(value));
                false
            }
        }
    });
    nullable
}

/// Whether `openapiv3` takes `value` as an `enum` value of the type (an integer one must be a
/// 64-bit signed integer).
fn is_of_type(value: &Value, type_name: &str) -> bool {
    match type_name {
        "string" => value.is_string(),
        "integer" => value.is_i64(),
        "number" => value.is_number(),
        "boolean" => value.is_bool(),
        _ => false,
    }
}

/// `value`, of another type, read as the type when it says one of its values: a number or a
/// boolean as its text, a text as the number or boolean it writes, a whole number as an integer.
fn read_as(value: &Value, type_name: &str) -> Option<Value> {
    match (type_name, value) {
        ("string", Value::Number(number)) => Some(Value::String(number.to_string())),
        ("string", Value::Bool(flag)) => Some(Value::String(flag.to_string())),
        ("integer", Value::Number(number)) => whole_number(number).map(Value::from),
        ("integer", Value::String(text)) => text.trim().parse::<i64>().ok().map(Value::from),
        ("number", Value::String(text)) => {
            let text = text.trim();
            match text.parse::<i64>() {
                Ok(integer) => Some(Value::from(integer)),
                Err(_) => text
                    .parse::<f64>()
                    .ok()
                    .filter(|number| number.is_finite())
                    .map(|number| Value::Number(Number::from(number))),
            }
        }
        ("boolean", Value::String(text)) => match text.trim() {
            "true" => Some(Value::Bool(true)),
            "false" => Some(Value::Bool(false)),
            _ => None,
        },
        _ => None,
    }
}

/// A number written with a fraction (`2.0`) that is a 64-bit signed integer, as that integer.
fn whole_number(number: &Number) -> Option<i64> {
    let float = number.as_f64()?;
    // i64::MAX is not a float: its nearest, 2^63, is out of range, so the bound is exclusive.
    let in_range = float >= -(2f64.powi(63)) && float < 2f64.powi(63);
    (float.fract() == 0.0 && in_range).then_some(float as i64)
}

/// An array's `enum` of scalars is its items' `enum`: no array equals a scalar, so the values
/// can only be meant for the items. Taken when the items are written in place, of a scalar
/// type, without an `enum` of their own; the items are then fitted to their type.
fn enum_as_items_enum(schema: &mut Mapping, changes: &mut Changes) {
    let scalars = match schema.get("enum") {
        Some(Value::Sequence(values)) => values
            .iter()
            .all(|value| !value.is_sequence() && !value.is_mapping()),
        _ => false,
    };
    if !scalars {
        return;
    }
    let Some(items) = schema.get_mut("items").and_then(Value::as_mapping_mut) else {
        return;
    };
    let scalar_items = matches!(
        items.get("type").and_then(Value::as_str),
        Some("string" | "integer" | "number" | "boolean")
    );
    if !scalar_items
        || items.contains_key("enum")
        || COMPOSITIONS
            .iter()
            .any(|keyword| items.contains_key(*keyword))
    {
        return;
    }
    let values = schema.shift_remove("enum").expect("checked above");
    let items = schema
        .get_mut("items")
        .and_then(Value::as_mapping_mut)
        .expect("checked above");
    items.insert("enum".into(), values);
    let mut said = "`enum` of an `array` is read as its items' `enum`".to_owned();
    if let Some(message) = fit_schema(items) {
        said.push_str(&format!(", where {message}"));
    }
    changes.items = Some(said);
}

/// Fits the schemas of a 3.0 document, each before those inside it: what a schema drops is
/// not looked into.
struct Fitter<'p> {
    /// The spec file, named in the warnings.
    file: &'p Path,
    warnings: Vec<Diagnostic>,
}

impl walk::Visitor for Fitter<'_> {
    fn schema(&mut self, at: &Pointer, schema: &mut Value, _component: Option<&str>) {
        self.fit(at, schema);
    }
}

impl Fitter<'_> {
    fn fit(&mut self, at: &Pointer, schema: &mut Value) {
        let Some(schema) = schema.as_mapping_mut() else {
            return;
        };
        if let Some(message) = fit_schema(schema) {
            self.warnings
                .push(Diagnostic::warning(self.file, at.clone(), message));
        }
        if let Some(properties) = schema.get_mut("properties").and_then(Value::as_mapping_mut) {
            let at = at.join("properties");
            for (key, property) in properties.iter_mut() {
                self.fit(&at.join(token(key)), property);
            }
        }
        for keyword in ["items", "additionalProperties", "not"] {
            if let Some(subschema) = schema.get_mut(keyword) {
                self.fit(&at.join(keyword), subschema);
            }
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Sequence(members)) = schema.get_mut(keyword) {
                let at = at.join(keyword);
                for (index, member) in members.iter_mut().enumerate() {
                    self.fit(&at.join(index), member);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).expect("the test's YAML parses")
    }

    /// `schema` (flow YAML) fitted, and what its warning says.
    fn fitted(schema: &str) -> (Value, Option<String>) {
        let mut value = yaml(schema);
        let message = fit_schema(value.as_mapping_mut().expect("a mapping"));
        (value, message)
    }

    /// Asserts that `schema` becomes `expected` with the warning `message`.
    fn assert_fits(schema: &str, expected: &str, message: Option<&str>) {
        let (actual, said) = fitted(schema);
        assert_eq!(actual, yaml(expected), "{schema}");
        assert_eq!(said.as_deref(), message, "{schema}");
    }

    #[test]
    fn keywords_of_other_types_are_dropped_and_named() {
        assert_fits(
            "{type: string, properties: {a: {type: string}}, minimum: 0, maxLength: 3}",
            "{type: string, maxLength: 3}",
            Some("`minimum` and `properties` do not apply to a `string` and are ignored"),
        );
        assert_fits(
            "{type: integer, minLength: 1, pattern: '[0-9]+', format: int32}",
            "{type: integer, format: int32}",
            Some("`pattern` and `minLength` do not apply to an `integer` and are ignored"),
        );
        assert_fits(
            "{type: object, items: {type: string}, format: uri-map}",
            "{type: object}",
            Some("`format` and `items` do not apply to an `object` and are ignored"),
        );
        assert_fits(
            "{type: array, items: {}, required: [a], additionalProperties: false}",
            "{type: array, items: {}}",
            Some(
                "`required` and `additionalProperties` do not apply to an `array` and are ignored",
            ),
        );
        assert_fits(
            "{type: boolean, format: boolean}",
            "{type: boolean}",
            Some("`format` does not apply to a `boolean` and is ignored"),
        );
    }

    #[test]
    fn schemas_that_fit_or_have_no_single_type_are_left_alone() {
        for schema in [
            "{type: string, format: date, enum: [a, b], pattern: x}",
            "{type: integer, minimum: 0, maximum: 10, enum: [1, 2]}",
            "{type: number, minimum: 0.5, enum: [1, 2.5]}",
            "{type: object, properties: {a: {}}, required: [a]}",
            "{type: array, items: {type: string}, uniqueItems: true}",
            // The type is read from the composition or the reference, as the generator does.
            "{type: object, allOf: [{}], items: {}}",
            "{type: string, oneOf: [{minimum: 1}]}",
            "{$ref: '#/components/schemas/B', type: string, minimum: 1}",
            "{type: string, not: {enum: [1]}}",
            // Without a type, or with another than the six JSON ones.
            "{minimum: 1, maxLength: 3}",
            "{type: file, minimum: 1}",
        ] {
            assert_fits(schema, schema, None);
        }
    }

    #[test]
    fn enum_values_are_read_as_the_type_or_dropped() {
        assert_fits(
            "{type: string, enum: [1, 2.5, true, a]}",
            "{type: string, enum: ['1', '2.5', 'true', a]}",
            Some("`enum` values `1`, `2.5` and `true` are read as strings"),
        );
        assert_fits(
            "{type: integer, enum: ['1', ' 2 ', 3.0, 4]}",
            "{type: integer, enum: [1, 2, 3, 4]}",
            Some("`enum` values `\"1\"`, `\" 2 \"` and `3.0` are read as integers"),
        );
        assert_fits(
            "{type: integer, enum: [one, 1.5, true, 18446744073709551615, 7]}",
            "{type: integer, enum: [7]}",
            Some(
                "`enum` values `\"one\"`, `1.5`, `true` and `18446744073709551615` cannot be \
                 read as an `integer` and are ignored",
            ),
        );
        assert_fits(
            "{type: number, enum: ['1.5', '2', x]}",
            "{type: number, enum: [1.5, 2]}",
            Some(
                "`enum` values `\"1.5\"` and `\"2\"` are read as numbers; `enum` value `\"x\"` \
                 cannot be read as a `number` and is ignored",
            ),
        );
        assert_fits(
            "{type: boolean, enum: ['true', 'false', yes]}",
            "{type: boolean, enum: [true, false]}",
            Some(
                "`enum` values `\"true\"` and `\"false\"` are read as booleans; `enum` value \
                 `\"yes\"` cannot be read as a `boolean` and is ignored",
            ),
        );
        // No value left is no `enum`.
        assert_fits(
            "{type: string, enum: [{a: 1}, [b]]}",
            "{type: string}",
            Some(
                "`enum` values `{\"a\":1}` and `[\"b\"]` cannot be read as a `string` and are \
                 ignored",
            ),
        );
        // A long list shows its first values.
        let (_, message) = fitted("{type: integer, enum: ['1', '2', '4', '8', '16', '32']}");
        assert_eq!(
            message.as_deref(),
            Some("`enum` values `\"1\"`, `\"2\"`, `\"4\"` and 3 others are read as integers")
        );
    }

    #[test]
    fn null_in_an_enum_makes_the_schema_nullable() {
        assert_fits(
            "{type: string, enum: [a, null]}",
            "{type: string, enum: [a, null], nullable: true}",
            None,
        );
        assert_fits(
            "{type: integer, enum: ['1', null]}",
            "{type: integer, enum: [1, null], nullable: true}",
            Some("`enum` value `\"1\"` is read as an `integer`"),
        );
        // An object's `enum` is dropped, its `null` kept as `nullable`.
        assert_fits(
            "{type: object, enum: [null]}",
            "{type: object, nullable: true}",
            Some("`enum` does not apply to an `object` and is ignored"),
        );
    }

    #[test]
    fn integer_bounds_must_be_integers() {
        assert_fits(
            "{type: integer, minimum: 1.0, maximum: 9223372036854775808, multipleOf: 0.5}",
            "{type: integer, minimum: 1}",
            Some(
                "`maximum: 9223372036854775808` and `multipleOf: 0.5` are not 64-bit integers \
                 and are ignored",
            ),
        );
    }

    #[test]
    fn an_array_s_enum_of_scalars_is_its_items_enum() {
        assert_fits(
            "{type: array, enum: [live, promotions], items: {type: string}}",
            "{type: array, items: {type: string, enum: [live, promotions]}}",
            Some("`enum` of an `array` is read as its items' `enum`"),
        );
        assert_fits(
            "{type: array, enum: ['1', '2'], items: {type: integer}}",
            "{type: array, items: {type: integer, enum: [1, 2]}}",
            Some(
                "`enum` of an `array` is read as its items' `enum`, where `enum` values `\"1\"` \
                 and `\"2\"` are read as integers",
            ),
        );
        // Items that are a reference, or have an `enum`, keep theirs: the array's is dropped.
        for items in [
            "{$ref: '#/components/schemas/B'}",
            "{type: string, enum: [a]}",
            "{type: object}",
        ] {
            assert_fits(
                &format!("{{type: array, enum: [a], items: {items}}}"),
                &format!("{{type: array, items: {items}}}"),
                Some("`enum` does not apply to an `array` and is ignored"),
            );
        }
    }

    #[test]
    fn keyword_values_of_the_wrong_kind_are_read_as_their_kind_or_dropped() {
        assert_fits(
            "{type: string, pattern: 0, minLength: '2', maxLength: 8.0, nullable: 'true'}",
            "{type: string, pattern: '0', minLength: 2, maxLength: 8, nullable: true}",
            Some(
                "`pattern: 0` is read as `\"0\"`; `nullable: \"true\"` is read as `true`; \
                 `minLength: \"2\"` is read as `2`; `maxLength: 8.0` is read as `8`",
            ),
        );
        // A `type` that is not a name is no type: the schema is any value.
        assert_fits(
            "{type: {type: string, enum: [a]}}",
            "{}",
            Some(
                "`type: {\"type\":\"string\",\"enum\":[\"a\"]}` is not a string and is \
                 ignored",
            ),
        );
        assert_fits(
            "{type: object, required: name, properties: {name: {}}, minProperties: -1}",
            "{type: object, required: [name], properties: {name: {}}}",
            Some(
                "`minProperties: -1` is not a whole number of zero or more and is ignored; \
                 `required: \"name\"` is read as `[\"name\"]`",
            ),
        );
        assert_fits(
            "{type: integer, enum: 1, minimum: one, readOnly: null}",
            "{type: integer}",
            Some(
                "`minimum: \"one\"` is not a number and is ignored; `enum: 1` is not a list and \
                 is ignored",
            ),
        );
        // Beside a `$ref`, 3.0 reads nothing else.
        assert_fits(
            "{$ref: '#/components/schemas/B', pattern: 0}",
            "{$ref: '#/components/schemas/B', pattern: 0}",
            None,
        );
    }

    #[test]
    fn a_document_s_schemas_are_fitted_where_they_stand() {
        let mut document = yaml(
            "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things:
    get:
      parameters:
        - {name: kind, in: query, schema: {type: array, enum: [a, b], items: {type: string}}}
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                items: {type: string}
                properties:
                  count: {type: integer, minLength: 1}
components:
  schemas:
    Code:
      type: string
      properties:
        inner: {type: integer, minLength: 1}
    List:
      type: array
      items:
        type: object
        additionalProperties: {type: boolean, format: boolean}
",
        );
        let warnings: Vec<String> = fit_document(Path::new("spec/a.yaml"), &mut document)
            .iter()
            .map(|warning| format!("{}: {}", warning.pointer, warning.message))
            .collect();
        assert_eq!(
            warnings,
            [
                "#/paths/~1things/get/parameters/0/schema: `enum` of an `array` is read as its \
                 items' `enum`",
                "#/paths/~1things/get/responses/200/content/application~1json/schema: `items` \
                 does not apply to an `object` and is ignored",
                "#/paths/~1things/get/responses/200/content/application~1json/schema/properties/\
                 count: `minLength` does not apply to an `integer` and is ignored",
                // What a schema drops is not looked into: `inner` has no warning of its own.
                "#/components/schemas/Code: `properties` does not apply to a `string` and is \
                 ignored",
                "#/components/schemas/List/items/additionalProperties: `format` does not apply \
                 to a `boolean` and is ignored",
            ]
        );
        assert_eq!(
            document["components"]["schemas"]["Code"],
            yaml("{type: string}")
        );
    }
}
