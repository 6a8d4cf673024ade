//! Reads OpenAPI 3.1 documents by rewriting them, untyped, into the 3.0 shape the generator reads.
//!
//! `openapiv3`, whose types the rest of the generator works on, parses 3.0 only. A 3.1 schema is
//! JSON Schema 2020-12; most of what real documents write in it has a 3.0 form, and the rewrite
//! gives it: `type: [string, "null"]` is `type: string` with `nullable: true`, several types are
//! an `anyOf` of one member per type, `const` is an `enum` of one value, numeric
//! `exclusiveMinimum` is `minimum` with the boolean flag, `contentEncoding: base64` is
//! `format: byte`, a `$ref` with keywords beside it is an `allOf` of the reference and those
//! keywords, `$defs` (and the older `definitions`) become component schemas, and path items referenced from
//! `components.pathItems` are copied in place. What has no 3.0 form is dropped, with a warning
//! only where the generated types then differ from what the document means (`prefixItems`,
//! `if`/`then`/`else`, ...). What a client needs nothing from (`webhooks`, `$comment`,
//! `examples`, keywords that only validate values such as `propertyNames`) is left for the
//! typed parse to skip, or dropped, silently.
//!
//! Each schema rewritten is then read as its declared `type`, as a 3.0 one is
//! ([`declared_type`](crate::declared_type)).
//!
//! Warnings point into the original text, which is kept as it was, so `locate` still finds
//! their lines.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::declared_type;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::media::{self, MediaKind};
use crate::walk::{self, mapping_mut, token};

/// Where a `$ref` to a reusable path item points (new in 3.1).
const PATH_ITEM_PREFIX: &str = "#/components/pathItems/";

/// Keywords that only document a schema (or, `xml`, describe another encoding than JSON):
/// beside a `$ref` they need no `allOf`, and a branch of `if`/`then`/`else` made of them
/// changes no type.
const ANNOTATIONS: &[&str] = &[
    "description",
    "summary",
    "title",
    "$comment",
    "examples",
    "example",
    "default",
    "externalDocs",
    "xml",
];

/// Keywords that only accept or refuse values: dropping them (or the branch of a conditional
/// made of them and annotations) leaves the generated types as they were.
const VALIDATIONS: &[&str] = &[
    "required",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "dependentRequired",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
];

/// JSON Schema keywords that 3.0 has no word for and that change no generated type: removed
/// silently. (`$id` and `$anchor` name a schema for references by URI, which the generator does
/// not follow either way.)
const SILENT: &[&str] = &[
    "$schema",
    "$id",
    "$anchor",
    "$dynamicAnchor",
    "$vocabulary",
    "$comment",
    "contentSchema",
    "dependentRequired",
    "propertyNames",
    "contains",
    "minContains",
    "maxContains",
];

/// Keywords that constrain one JSON type only, by type: when a schema allows several types,
/// each type's member of the `anyOf` takes its own.
const STRING_KEYWORDS: &[&str] = &["minLength", "maxLength", "pattern", "format"];
const NUMBER_KEYWORDS: &[&str] = &[
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "format",
];
const ARRAY_KEYWORDS: &[&str] = &["items", "minItems", "maxItems", "uniqueItems"];
const OBJECT_KEYWORDS: &[&str] = &[
    "properties",
    "required",
    "additionalProperties",
    "minProperties",
    "maxProperties",
];

/// Whether `version`, the document's `openapi`, is a 3.1 one.
pub fn is_openapi_31(version: &str) -> bool {
    version == "3.1" || version.starts_with("3.1.")
}

/// Rewrites the 3.1 `document` read from `file` into the 3.0 shape, in place, and returns the
/// warnings for what 3.0 cannot say, each at its pointer in the original text.
pub fn rewrite_as_30(file: &Path, document: &mut Value) -> Vec<Diagnostic> {
    let mut rewriter = Rewriter {
        file,
        warnings: Vec::new(),
        component: None,
        definitions: Vec::new(),
    };
    if let Some(document) = document.as_mapping_mut() {
        // 3.1 lets a document describe only webhooks or components; 3.0 requires `paths`.
        if !document.contains_key("paths") {
            document.insert("paths".into(), Value::Mapping(Mapping::new()));
        }
        walk::document(document, &mut rewriter);
        drop_mutual_tls(document);
        inline_path_items(document);
        rewriter.hoist_definitions(document);
        // `webhooks` describe requests the server sends: a client has nothing to generate from
        // them. `jsonSchemaDialect`, `info.summary` and `license.identifier` neither; the typed
        // parse skips them all.
    }
    rewriter.warnings
}

/// `mutualTLS` (new in 3.1) is a kind of security scheme the typed parse does not know. The
/// client is given its credentials in code and reads no scheme but OAuth's token URL, so the
/// scheme is dropped as the others are ignored.
fn drop_mutual_tls(document: &mut Mapping) {
    if let Some(schemes) = mapping_mut(document, "components")
        .and_then(|components| mapping_mut(components, "securitySchemes"))
    {
        schemes.retain(|_, scheme| scheme.get("type").and_then(Value::as_str) != Some("mutualTLS"));
    }
}

/// A schema of a `$defs`, taken out of its place to become a component schema.
struct Definition {
    /// Where it stood in the original text: `$ref`s name it so.
    pointer: Pointer,
    /// The component schema it was defined in, when it was in one.
    owner: Option<String>,
    /// Its key in `$defs`.
    key: String,
    /// The schema, already rewritten.
    schema: Value,
}

/// Rewrites every schema the walk of a 3.1 document meets, and the operations' parts that 3.1
/// lets a document leave out.
struct Rewriter<'p> {
    /// The spec file, named in the warnings.
    file: &'p Path,
    warnings: Vec<Diagnostic>,
    /// The component schema being rewritten, which owns the `$defs` met in it.
    component: Option<String>,
    /// `$defs` schemas met so far, innermost first.
    definitions: Vec<Definition>,
}

impl walk::Visitor for Rewriter<'_> {
    fn schema(&mut self, at: &Pointer, schema: &mut Value, component: Option<&str>) {
        // A component schema owns the `$defs` met in it.
        self.component = component.map(str::to_owned);
        self.rewrite_schema(at, schema);
        self.component = None;
    }

    fn operation(&mut self, _at: &Pointer, operation: &mut Mapping) {
        // 3.1 makes `responses` optional; 3.0 requires it, and no responses listed is what
        // the document says.
        if !operation.contains_key("responses") {
            operation.insert("responses".into(), Value::Mapping(Mapping::new()));
        }
    }
}

impl Rewriter<'_> {
    fn warn(&mut self, at: Pointer, message: impl Into<String>) {
        self.warnings
            .push(Diagnostic::warning(self.file, at, message.into()));
    }

    /// Rewrites the schema at `at` and, first, every schema in it, so that each is met where
    /// the original text has it.
    fn rewrite_schema(&mut self, at: &Pointer, value: &mut Value) {
        // JSON Schema lets `true` (any value) and `false` (no value) stand for a schema.
        let schema = match value {
            Value::Bool(true) => {
                *value = Value::Mapping(Mapping::new());
                return;
            }
            Value::Bool(false) => {
                *value = never();
                return;
            }
            Value::Mapping(schema) => schema,
            _ => return,
        };
        self.subschemas(at, schema);
        self.dropped_keywords(at, schema);
        exclusive_bounds(schema);
        first_example(schema);
        content_format(schema);
        const_as_enum(schema);
        null_members_as_nullable(schema);
        const_members_as_enum(schema);
        self.type_list(at, schema);
        self.fit_declared_type(at, schema);
        reference_with_keywords(schema);
    }

    /// Reads a schema of one type as that type whatever its keywords ([`declared_type`]); the
    /// members a type list became, each with its type's keywords, too. Warnings point at the
    /// schema, where the text has those keywords.
    fn fit_declared_type(&mut self, at: &Pointer, schema: &mut Mapping) {
        let mut messages: Vec<String> = declared_type::fit_schema(schema).into_iter().collect();
        if let Some(Value::Sequence(members)) = schema.get_mut("anyOf") {
            // Members written as such were fitted where they stand: fitting them again changes
            // nothing.
            for member in members.iter_mut().filter_map(Value::as_mapping_mut) {
                messages.extend(declared_type::fit_schema(member));
            }
        }
        for message in messages {
            self.warn(at.clone(), message);
        }
    }

    /// Rewrites the schemas in `schema` that the 3.0 form keeps, and takes out its `$defs`
    /// (and `definitions`).
    /// Those of keywords that are always dropped (`prefixItems`, `if`/`then`/`else`,
    /// `dependentSchemas`, ...) are left as they are: one warning says they are not read.
    fn subschemas(&mut self, at: &Pointer, schema: &mut Mapping) {
        // `patternProperties` may become `additionalProperties`.
        for keyword in ["properties", "patternProperties"] {
            if let Some(properties) = mapping_mut(schema, keyword) {
                let at = at.join(keyword);
                for (key, property) in properties.iter_mut() {
                    self.rewrite_schema(&at.join(token(key)), property);
                }
            }
        }
        // A boolean stays one where 3.0 takes it (`additionalProperties`) or where it is
        // dropped (`items`, `unevaluatedProperties`, `unevaluatedItems`).
        for keyword in [
            "items",
            "additionalProperties",
            "unevaluatedProperties",
            "unevaluatedItems",
        ] {
            if let Some(subschema @ Value::Mapping(_)) = schema.get_mut(keyword) {
                self.rewrite_schema(&at.join(keyword), subschema);
            }
        }
        if let Some(subschema) = schema.get_mut("not") {
            self.rewrite_schema(&at.join("not"), subschema);
        }
        for keyword in ["allOf", "anyOf", "oneOf"] {
            if let Some(Value::Sequence(members)) = schema.get_mut(keyword) {
                let at = at.join(keyword);
                for (index, member) in members.iter_mut().enumerate() {
                    self.rewrite_schema(&at.join(index), member);
                }
            }
        }
        // `definitions` is the name JSON Schema drafts before 2019-09 gave `$defs`; 3.1
        // documents converted from older schemas still use it.
        for keyword in ["$defs", "definitions"] {
            let Some(Value::Mapping(definitions)) = schema.shift_remove(keyword) else {
                continue;
            };
            let at = at.join(keyword);
            for (key, mut definition) in definitions {
                let key = token(&key);
                let pointer = at.join(&key);
                self.rewrite_schema(&pointer, &mut definition);
                self.definitions.push(Definition {
                    pointer,
                    owner: self.component.clone(),
                    key,
                    schema: definition,
                });
            }
        }
    }

    /// Removes the keywords 3.0 has no form for, turning into 3.0 ones those that have one in
    /// this place, and warns where the generated types no longer say what the schema means.
    fn dropped_keywords(&mut self, at: &Pointer, schema: &mut Mapping) {
        // Before `prefixItems` and `contains` go: they decide what is left unevaluated.
        self.unevaluated(at, schema, "unevaluatedProperties", "additionalProperties");
        self.unevaluated(at, schema, "unevaluatedItems", "items");
        self.pattern_properties(at, schema);
        for keyword in SILENT {
            schema.shift_remove(*keyword);
        }
        if schema.shift_remove("prefixItems").is_some() {
            let items = if matches!(schema.get("items"), Some(Value::Mapping(_))) {
                // 3.1 applies `items` beside `prefixItems` to the items after the tuple's.
                "every item is generated from `items`, the tuple's too"
            } else {
                "the items are generated as any JSON value"
            };
            self.warn(
                at.join("prefixItems"),
                format!("`prefixItems` (a tuple) has no OpenAPI 3.0 form and is not read: {items}"),
            );
        }
        // `items: true` allows any item, as no `items` does in 3.0; `items: false` (no item
        // at all, or none after a tuple's) only refuses values, which no type does either.
        if matches!(schema.get("items"), Some(Value::Bool(_))) {
            schema.shift_remove("items");
        }
        for keyword in ["if", "then", "else"] {
            let Some(branch) = schema.shift_remove(keyword) else {
                continue;
            };
            // `if` only chooses: what matters is whether a branch would have shaped the type.
            if keyword != "if" && shapes_type(&branch) {
                self.warn(
                    at.join(keyword),
                    format!(
                        "`{keyword}` (a conditional schema) has no OpenAPI 3.0 form and is not \
                         read: the type is generated without it"
                    ),
                );
            }
        }
        if let Some(Value::Mapping(dependents)) = schema.shift_remove("dependentSchemas")
            && dependents.values().any(shapes_type)
        {
            self.warn(
                at.join("dependentSchemas"),
                "`dependentSchemas` has no OpenAPI 3.0 form and is not read: the type is \
                 generated without them",
            );
        }
        if schema.shift_remove("$dynamicRef").is_some() {
            self.warn(
                at.join("$dynamicRef"),
                "`$dynamicRef` is not followed: the schema is generated without it",
            );
        }
    }

    /// `unevaluatedProperties` or `unevaluatedItems`: the same as `plain` (`additionalProperties`
    /// or `items`) when nothing else in the schema evaluates properties or items; a boolean
    /// only validates and is dropped.
    fn unevaluated(&mut self, at: &Pointer, schema: &mut Mapping, keyword: &str, plain: &str) {
        let Some(value) = schema.shift_remove(keyword) else {
            return;
        };
        if !value.is_mapping() {
            return;
        }
        let evaluated_elsewhere = [
            plain,
            "allOf",
            "anyOf",
            "oneOf",
            "$ref",
            "patternProperties",
            "prefixItems",
            "contains",
        ]
        .iter()
        .any(|other| schema.contains_key(*other));
        if evaluated_elsewhere {
            self.warn(
                at.join(keyword),
                format!(
                    "`{keyword}` beside other keywords that evaluate the same values has no \
                     OpenAPI 3.0 form and is not read: those values are generated as any \
                     JSON value"
                ),
            );
        } else {
            schema.insert(plain.into(), value);
        }
    }

    /// `patternProperties` with a single pattern and nothing else about properties is a map
    /// of its schema (keys are not checked against the pattern, as no type can); otherwise it is
    /// dropped with a warning.
    fn pattern_properties(&mut self, at: &Pointer, schema: &mut Mapping) {
        let Some(Value::Mapping(patterns)) = schema.shift_remove("patternProperties") else {
            return;
        };
        let alone = patterns.len() == 1
            && !schema.contains_key("properties")
            && !schema.contains_key("additionalProperties");
        if alone {
            let (_, values) = patterns.into_iter().next().expect("one pattern");
            schema.insert("additionalProperties".into(), values);
            return;
        }
        self.warn(
            at.join("patternProperties"),
            "`patternProperties` has no OpenAPI 3.0 form here and is not read: the properties \
             they describe are generated as the other properties, or kept as JSON, unchecked",
        );
    }

    /// `type` as a list: `"null"` in it is `nullable: true`, one type left is that type, and
    /// several are an `anyOf` of a member per type, each with the keywords of its type. No
    /// `type` at all would accept them, but as any JSON value; the `anyOf` keeps each type
    /// (the generator makes it an enum of a variant per type).
    fn type_list(&mut self, at: &Pointer, schema: &mut Mapping) {
        let Some(Value::Sequence(listed)) = schema.get("type") else {
            return;
        };
        let mut types: Vec<String> = Vec::new();
        for name in listed.iter().filter_map(Value::as_str) {
            if !types.iter().any(|known| known == name) {
                types.push(name.to_owned());
            }
        }
        let nullable = types.iter().any(|name| name == "null");
        types.retain(|name| name != "null");
        // Every integer is a number: `number` alone says the same.
        if types.iter().any(|name| name == "number") {
            types.retain(|name| name != "integer");
        }
        // With an `enum`, a type none of the values has adds nothing.
        if let Some(Value::Sequence(values)) = schema.get("enum") {
            let fitting: Vec<String> = types
                .iter()
                .filter(|name| values.iter().any(|value| has_type(value, name)))
                .cloned()
                .collect();
            if !fitting.is_empty() {
                types = fitting;
            }
        }
        if nullable {
            schema.insert("nullable".into(), Value::Bool(true));
        }
        match types.as_slice() {
            [] => {
                schema.shift_remove("nullable");
                schema.insert("type".into(), "null".into());
            }
            [single] => {
                let single = single.clone();
                schema.insert("type".into(), single.into());
            }
            _ if ["allOf", "anyOf", "oneOf"]
                .iter()
                .any(|keyword| schema.contains_key(*keyword)) =>
            {
                schema.shift_remove("type");
                self.warn(
                    at.join("type"),
                    "several types beside `allOf`, `anyOf` or `oneOf` have no OpenAPI 3.0 form: \
                     the type is read from those alone",
                );
            }
            _ => {
                let members = types
                    .iter()
                    .map(|name| Value::Mapping(type_member(schema, name)))
                    .collect();
                let keywords = STRING_KEYWORDS
                    .iter()
                    .chain(NUMBER_KEYWORDS)
                    .chain(ARRAY_KEYWORDS)
                    .chain(OBJECT_KEYWORDS)
                    .chain(&["enum"]);
                for keyword in keywords {
                    schema.shift_remove(*keyword);
                }
                replace_key(schema, "type", "anyOf", Value::Sequence(members));
            }
        }
    }

    /// Makes each `$defs` schema a component schema, named by its key (or, when that is
    /// taken, by its owner and key), and points the `$ref`s that named it there.
    fn hoist_definitions(&mut self, document: &mut Mapping) {
        if self.definitions.is_empty() {
            return;
        }
        if !document.contains_key("components") {
            document.insert("components".into(), Value::Mapping(Mapping::new()));
        }
        let Some(components) = mapping_mut(document, "components") else {
            return;
        };
        if !components.contains_key("schemas") {
            components.insert("schemas".into(), Value::Mapping(Mapping::new()));
        }
        let Some(schemas) = mapping_mut(components, "schemas") else {
            return;
        };
        let mut moved = Vec::new();
        for definition in std::mem::take(&mut self.definitions) {
            let preferred = match &definition.owner {
                Some(owner) if schemas.contains_key(definition.key.as_str()) => {
                    format!("{owner}_{}", definition.key)
                }
                _ => definition.key.clone(),
            };
            let name = if schemas.contains_key(preferred.as_str()) {
                crate::naming::numbered(&preferred, |name| schemas.contains_key(name))
            } else {
                preferred
            };
            let target = Pointer::root()
                .join("components")
                .join("schemas")
                .join(&name);
            schemas.insert(name.into(), definition.schema);
            moved.push((definition.pointer.to_string(), target.to_string()));
        }
        // A `$ref` into a definition nested in another is redirected by the inner one.
        moved.sort_by_key(|(from, _)| std::cmp::Reverse(from.len()));
        for value in document.values_mut() {
            redirect_references(value, &moved);
        }
    }
}

/// The schema no value fits, as 3.0 writes it.
fn never() -> Value {
    let mut schema = Mapping::new();
    schema.insert("not".into(), Value::Mapping(Mapping::new()));
    Value::Mapping(schema)
}

/// Puts `value` in place of `key`'s entry, under `new_key`, keeping the entries' order.
fn replace_key(schema: &mut Mapping, key: &str, new_key: &str, value: Value) {
    let mut value = Some(value);
    for (old_key, old_value) in std::mem::take(schema) {
        match value.take_if(|_| old_key.as_str() == Some(key)) {
            Some(value) => schema.insert(new_key.into(), value),
            None => schema.insert(old_key, old_value),
        };
    }
}

/// Whether a schema (a branch of a conditional, a dependent schema) says anything about types
/// rather than only documenting or validating values.
fn shapes_type(schema: &Value) -> bool {
    match schema {
        Value::Mapping(schema) => schema.keys().any(|key| {
            key.as_str().is_none_or(|key| {
                !key.starts_with("x-") && !ANNOTATIONS.contains(&key) && !VALIDATIONS.contains(&key)
            })
        }),
        _ => false,
    }
}

/// Numeric `exclusiveMinimum: n` is 3.0's `minimum: n` with `exclusiveMinimum: true` (the
/// stricter bound when `minimum` is given too); the same for the maximum.
fn exclusive_bounds(schema: &mut Mapping) {
    for (exclusive, inclusive, stricter) in [
        ("exclusiveMinimum", "minimum", std::cmp::Ordering::Greater),
        ("exclusiveMaximum", "maximum", std::cmp::Ordering::Less),
    ] {
        let Some(Value::Number(bound)) = schema.get(exclusive).cloned() else {
            continue;
        };
        let inclusive_is_stricter = match schema.get(inclusive).and_then(Value::as_f64) {
            Some(given) => bound
                .as_f64()
                .and_then(|bound| given.partial_cmp(&bound))
                .is_some_and(|order| order == stricter),
            None => false,
        };
        if inclusive_is_stricter {
            schema.shift_remove(exclusive);
        } else {
            schema.insert(inclusive.into(), Value::Number(bound));
            schema.insert(exclusive.into(), Value::Bool(true));
        }
    }
}

/// A schema's `examples` (a list) gives 3.0's single `example` its first value.
fn first_example(schema: &mut Mapping) {
    if let Some(Value::Sequence(examples)) = schema.shift_remove("examples")
        && let Some(first) = examples.into_iter().next()
        && !schema.contains_key("example")
    {
        schema.insert("example".into(), first);
    }
}

/// A string's `contentEncoding: base64` is 3.0's `format: byte`; its `contentMediaType` with
/// no encoding, of a media type that is neither JSON nor text, is `format: binary`.
fn content_format(schema: &mut Mapping) {
    let encoding = schema.shift_remove("contentEncoding");
    let media_type = schema.shift_remove("contentMediaType");
    let is_string = match schema.get("type") {
        Some(Value::String(name)) => name == "string",
        Some(Value::Sequence(names)) => names
            .iter()
            .all(|name| matches!(name.as_str(), Some("string" | "null"))),
        _ => false,
    };
    if !is_string || schema.contains_key("format") {
        return;
    }
    let format = match (encoding.as_ref().and_then(Value::as_str), &media_type) {
        (Some("base64" | "base64url"), _) => "byte",
        (None, Some(Value::String(media_type))) if media::kind(media_type) == MediaKind::Binary => {
            "binary"
        }
        _ => return,
    };
    schema.insert("format".into(), format.into());
}

/// `const: v` is `enum: [v]`; without a `type`, a scalar's type is the value's own.
fn const_as_enum(schema: &mut Mapping) {
    let Some(value) = schema.shift_remove("const") else {
        return;
    };
    let typed = ["type", "$ref", "allOf", "anyOf", "oneOf"]
        .iter()
        .any(|keyword| schema.contains_key(*keyword));
    if value.is_null() {
        // A null constant allows null alone, which is what `type: "null"` says.
        if !typed {
            schema.insert("type".into(), "null".into());
        }
        return;
    }
    if !typed {
        let name = match &value {
            Value::String(_) => Some("string"),
            Value::Bool(_) => Some("boolean"),
            Value::Number(number) if number.is_i64() || number.is_u64() => Some("integer"),
            Value::Number(_) => Some("number"),
            _ => None,
        };
        if let Some(name) = name {
            schema.insert("type".into(), name.into());
        }
    }
    schema.insert("enum".into(), Value::Sequence(vec![value]));
}

/// Whether a (rewritten) schema allows null and nothing else: `type: "null"` or
/// `enum: [null]`, with at most documentation beside it.
fn only_null(schema: &Value) -> bool {
    let Some(schema) = schema.as_mapping() else {
        return false;
    };
    let null_enum = match schema.get("enum") {
        Some(Value::Sequence(values)) => !values.is_empty() && values.iter().all(Value::is_null),
        _ => false,
    };
    let says_null = null_enum || schema.get("type").and_then(Value::as_str) == Some("null");
    says_null
        && schema.keys().all(|key| {
            key.as_str().is_some_and(|key| {
                matches!(key, "type" | "enum" | "nullable")
                    || key.starts_with("x-")
                    || ANNOTATIONS.contains(&key)
            })
        })
}

/// A member of `anyOf` or `oneOf` that allows only null makes the schema `nullable`, as 3.0
/// writes it; a single member left is the schema, written `allOf: [member]`, the form the
/// generator reads as that member (a `$ref` especially).
fn null_members_as_nullable(schema: &mut Mapping) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(members)) = schema.get_mut(keyword) else {
            continue;
        };
        if !members.iter().any(only_null) || members.iter().all(only_null) {
            continue;
        }
        members.retain(|member| !only_null(member));
        let single = members.len() == 1;
        schema.insert("nullable".into(), Value::Bool(true));
        if single && !schema.contains_key("allOf") && !schema.contains_key("discriminator") {
            let members = schema.get(keyword).cloned().expect("present");
            replace_key(schema, keyword, "allOf", members);
        }
    }
}

/// `anyOf` or `oneOf` of constants (`const` in each member, now a one-value `enum`) of one
/// type is an `enum` of them all: the generator makes one enum of it rather than a union of
/// one-value enums.
fn const_members_as_enum(schema: &mut Mapping) {
    for keyword in ["anyOf", "oneOf"] {
        let Some(Value::Sequence(members)) = schema.get(keyword) else {
            continue;
        };
        let Some((type_name, values)) = constants(members) else {
            continue;
        };
        let declared = schema.get("type").and_then(Value::as_str);
        if schema.contains_key("enum") || declared.is_some_and(|declared| declared != type_name) {
            continue;
        }
        replace_key(schema, keyword, "enum", Value::Sequence(values));
        schema.insert("type".into(), type_name.into());
        return;
    }
}

/// The type and values of members that are each a constant of that one type, with at most
/// documentation beside it.
fn constants(members: &[Value]) -> Option<(String, Vec<Value>)> {
    let mut type_name: Option<&str> = None;
    let mut values = Vec::new();
    for member in members {
        let member = member.as_mapping()?;
        let constant = match member.get("enum") {
            Some(Value::Sequence(constant)) if constant.len() == 1 => &constant[0],
            _ => return None,
        };
        let member_type = member.get("type").and_then(Value::as_str)?;
        if type_name.is_some_and(|known| known != member_type) {
            return None;
        }
        type_name = Some(member_type);
        let documents_only = member.keys().all(|key| {
            key.as_str().is_some_and(|key| {
                matches!(key, "type" | "enum")
                    || key.starts_with("x-")
                    || ANNOTATIONS.contains(&key)
            })
        });
        if !documents_only {
            return None;
        }
        if !values.contains(constant) {
            values.push(constant.clone());
        }
    }
    Some((type_name?.to_owned(), values))
}

/// Whether `value` is of the JSON Schema type `name`.
fn has_type(value: &Value, name: &str) -> bool {
    match name {
        "string" => value.is_string(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "boolean" => value.is_bool(),
        "array" => value.is_sequence(),
        "object" => value.is_mapping(),
        "null" => value.is_null(),
        _ => false,
    }
}

/// The `anyOf` member for one of a schema's several types: the type, the keywords of that
/// type, and the `enum` values of it.
fn type_member(schema: &Mapping, name: &str) -> Mapping {
    let mut member = Mapping::new();
    member.insert("type".into(), name.into());
    let keywords: &[&str] = match name {
        "string" => STRING_KEYWORDS,
        "integer" | "number" => NUMBER_KEYWORDS,
        "array" => ARRAY_KEYWORDS,
        "object" => OBJECT_KEYWORDS,
        _ => &[],
    };
    for keyword in keywords {
        if let Some(value) = schema.get(*keyword) {
            member.insert((*keyword).into(), value.clone());
        }
    }
    if let Some(Value::Sequence(values)) = schema.get("enum") {
        let fitting: Vec<Value> = values
            .iter()
            .filter(|value| has_type(value, name))
            .cloned()
            .collect();
        member.insert("enum".into(), Value::Sequence(fitting));
    }
    member
}

/// A `$ref` with keywords beside it that say more than documentation (`nullable`, `readOnly`,
/// `required`, ...) means the reference and those keywords together: 3.0's
/// `allOf: [{$ref}]` with them. A `$ref` beside documentation only is left for the typed parse,
/// which reads the reference and skips the rest.
fn reference_with_keywords(schema: &mut Mapping) {
    let Some(reference) = schema.get("$ref").cloned() else {
        return;
    };
    let documents_only = schema.keys().all(|key| {
        key.as_str()
            .is_some_and(|key| key == "$ref" || key.starts_with("x-") || ANNOTATIONS.contains(&key))
    });
    if documents_only {
        return;
    }
    let mut member = Mapping::new();
    member.insert("$ref".into(), reference);
    let member = Value::Mapping(member);
    if let Some(Value::Sequence(members)) = schema.get_mut("allOf") {
        members.insert(0, member);
        schema.shift_remove("$ref");
    } else {
        replace_key(schema, "$ref", "allOf", Value::Sequence(vec![member]));
    }
}

/// Replaces each path item that is a `$ref` to `components.pathItems` by a copy of the item it
/// names (already rewritten), with the reference's own `summary` and `description`, which 3.1
/// lets override the item's. One that names nothing is left for validation to report.
fn inline_path_items(document: &mut Mapping) {
    let Some(items) = document
        .get("components")
        .and_then(|components| components.get("pathItems"))
        .and_then(Value::as_mapping)
        .cloned()
    else {
        return;
    };
    let Some(paths) = mapping_mut(document, "paths") else {
        return;
    };
    for item in paths.values_mut() {
        let Some(mut target) = path_item_target(&items, item) else {
            continue;
        };
        // An item may itself refer to another; a few steps are enough for any real document
        // and end a cycle.
        for _ in 0..8 {
            match path_item_target(&items, &target) {
                Some(next) => target = next,
                None => break,
            }
        }
        if target.get("$ref").is_some() {
            continue;
        }
        if let (Some(target_map), Some(reference)) = (target.as_mapping_mut(), item.as_mapping()) {
            for key in ["summary", "description"] {
                if let Some(text) = reference.get(key) {
                    target_map.insert(key.into(), text.clone());
                }
            }
        }
        *item = target;
    }
}

/// The component path item a path item's `$ref` names, when it names one.
fn path_item_target(items: &Mapping, item: &Value) -> Option<Value> {
    let reference = item.get("$ref")?.as_str()?;
    let name = reference
        .strip_prefix(PATH_ITEM_PREFIX)?
        .replace("~1", "/")
        .replace("~0", "~");
    items
        .get(name.as_str())
        .filter(|item| item.is_mapping())
        .cloned()
}

/// Points every `$ref` that starts with a moved schema's old pointer to its new one; `moved`
/// holds (old, new), longest old first.
fn redirect_references(value: &mut Value, moved: &[(String, String)]) {
    match value {
        Value::Mapping(entries) => {
            for (key, entry) in entries.iter_mut() {
                if key.as_str() == Some("$ref") {
                    if let Value::String(reference) = entry {
                        let redirected = moved.iter().find_map(|(from, to)| {
                            let rest = reference.strip_prefix(from.as_str())?;
                            (rest.is_empty() || rest.starts_with('/'))
                                .then(|| format!("{to}{rest}"))
                        });
                        if let Some(redirected) = redirected {
                            *reference = redirected;
                        }
                    }
                } else {
                    redirect_references(entry, moved);
                }
            }
        }
        Value::Sequence(items) => {
            for item in items {
                redirect_references(item, moved);
            }
        }
        Value::Tagged(tagged) => redirect_references(&mut tagged.value, moved),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn yaml(text: &str) -> Value {
        serde_yaml::from_str(text).expect("the test's YAML parses")
    }

    /// A 3.1 document around `rest` (YAML at the root, beside `openapi` and `info`), rewritten,
    /// and its warnings as `pointer: message`.
    fn rewrite_document(rest: &str) -> (Value, Vec<String>) {
        let mut document = yaml(&format!(
            "openapi: 3.1.0\ninfo: {{title: t, version: '1'}}\n{rest}"
        ));
        let warnings = rewrite_as_30(Path::new("spec/a.yaml"), &mut document)
            .into_iter()
            .map(|warning| format!("{}: {}", warning.pointer, warning.message))
            .collect();
        (document, warnings)
    }

    /// The component schema `A` written as `schema` (flow YAML), rewritten, and the warnings.
    fn rewrite_schema(schema: &str) -> (Value, Vec<String>) {
        let (document, warnings) =
            rewrite_document(&format!("components:\n  schemas:\n    A: {schema}\n"));
        (document["components"]["schemas"]["A"].clone(), warnings)
    }

    /// Asserts that `schema` becomes `expected` (flow YAML) without a warning.
    fn assert_rewrites(schema: &str, expected: &str) {
        let (actual, warnings) = rewrite_schema(schema);
        assert_eq!(actual, yaml(expected), "{schema}");
        assert_eq!(warnings, Vec::<String>::new(), "{schema}");
    }

    #[test]
    fn null_in_a_type_list_is_nullable() {
        assert_rewrites(
            "{type: [string, 'null'], format: date}",
            "{type: string, format: date, nullable: true}",
        );
        assert_rewrites(
            "{type: ['null', array], items: {}}",
            "{type: array, items: {}, nullable: true}",
        );
        assert_rewrites("{type: [integer]}", "{type: integer}");
        // Null alone has no 3.0 form; `type: "null"` is what validation knows and warns about.
        assert_rewrites("{type: ['null']}", "{type: 'null'}");
        assert_rewrites("{type: 'null'}", "{type: 'null'}");
    }

    #[test]
    fn several_types_are_an_any_of_with_each_type_s_keywords() {
        assert_rewrites(
            "{description: d, type: [string, array, 'null'], maxLength: 3, items: {type: integer}}",
            "{description: d, anyOf: [{type: string, maxLength: 3}, \
             {type: array, items: {type: integer}}], nullable: true}",
        );
        // Every integer is a number.
        assert_rewrites(
            "{type: [integer, number], minimum: 0}",
            "{type: number, minimum: 0}",
        );
        // An `enum` gives each member its own values, and decides which types are left.
        assert_rewrites(
            "{type: [string, integer, boolean], enum: [a, 1, b]}",
            "{anyOf: [{type: string, enum: [a, b]}, {type: integer, enum: [1]}]}",
        );
        // Beside a composition the types have no place of their own.
        let (schema, warnings) =
            rewrite_schema("{type: [string, integer], oneOf: [{maxLength: 1}]}");
        assert_eq!(schema, yaml("{oneOf: [{maxLength: 1}]}"));
        assert_eq!(
            warnings,
            [
                "#/components/schemas/A/type: several types beside `allOf`, `anyOf` or `oneOf` \
              have no OpenAPI 3.0 form: the type is read from those alone"
            ]
        );
    }

    #[test]
    fn const_is_a_one_value_enum() {
        assert_rewrites("{const: create}", "{type: string, enum: [create]}");
        assert_rewrites("{const: 7}", "{type: integer, enum: [7]}");
        assert_rewrites("{const: 0.5}", "{type: number, enum: [0.5]}");
        assert_rewrites("{const: true}", "{type: boolean, enum: [true]}");
        assert_rewrites(
            "{type: string, const: a, enum: [a, b]}",
            "{type: string, enum: [a]}",
        );
        assert_rewrites("{const: null}", "{type: 'null'}");
        // No scalar type fits an object; validation says what it becomes.
        assert_rewrites("{const: {a: 1}}", "{enum: [{a: 1}]}");
    }

    #[test]
    fn a_union_of_constants_is_an_enum() {
        assert_rewrites(
            "{description: d, oneOf: [{const: create}, {const: update, description: u}]}",
            "{description: d, type: string, enum: [create, update]}",
        );
        // Constants of different types stay a union.
        assert_rewrites(
            "{anyOf: [{const: a}, {const: 1}]}",
            "{anyOf: [{type: string, enum: [a]}, {type: integer, enum: [1]}]}",
        );
    }

    #[test]
    fn a_null_member_of_a_union_makes_it_nullable() {
        assert_rewrites(
            "{description: d, anyOf: [{$ref: '#/components/schemas/B'}, {type: 'null'}]}",
            "{description: d, allOf: [{$ref: '#/components/schemas/B'}], nullable: true}",
        );
        assert_rewrites(
            "{oneOf: [{type: string}, {type: ['null']}, {type: integer}]}",
            "{oneOf: [{type: string}, {type: integer}], nullable: true}",
        );
        assert_rewrites(
            "{oneOf: [{const: a}, {const: b}, {type: 'null'}]}",
            "{type: string, enum: [a, b], nullable: true}",
        );
        // A union of null alone is left for validation to report.
        assert_rewrites("{anyOf: [{type: 'null'}]}", "{anyOf: [{type: 'null'}]}");
    }

    #[test]
    fn numeric_exclusive_bounds_take_the_boolean_form() {
        assert_rewrites(
            "{type: number, exclusiveMinimum: 0, exclusiveMaximum: 10}",
            "{type: number, minimum: 0, exclusiveMinimum: true, maximum: 10, \
             exclusiveMaximum: true}",
        );
        // Beside an inclusive bound, the stricter of the two is kept.
        assert_rewrites(
            "{type: integer, minimum: 5, exclusiveMinimum: 0, maximum: 5, exclusiveMaximum: 9}",
            "{type: integer, minimum: 5, maximum: 5}",
        );
        assert_rewrites(
            "{type: integer, minimum: 0, exclusiveMinimum: 0}",
            "{type: integer, minimum: 0, exclusiveMinimum: true}",
        );
        // The 3.0 form, which 3.1 documents still write, is left alone.
        assert_rewrites(
            "{type: integer, minimum: 0, exclusiveMinimum: true}",
            "{type: integer, minimum: 0, exclusiveMinimum: true}",
        );
    }

    #[test]
    fn examples_give_their_first_as_example() {
        assert_rewrites(
            "{type: string, examples: [a, b]}",
            "{type: string, example: a}",
        );
        assert_rewrites(
            "{type: string, example: c, examples: [a, b]}",
            "{type: string, example: c}",
        );
        assert_rewrites("{type: string, examples: []}", "{type: string}");
    }

    #[test]
    fn encoded_content_is_a_string_format() {
        assert_rewrites(
            "{type: string, contentEncoding: base64}",
            "{type: string, format: byte}",
        );
        assert_rewrites(
            "{type: [string, 'null'], contentEncoding: base64url}",
            "{type: string, format: byte, nullable: true}",
        );
        assert_rewrites(
            "{type: string, contentMediaType: image/png}",
            "{type: string, format: binary}",
        );
        // JSON or text in a string is text; a format given is kept.
        assert_rewrites(
            "{type: string, contentMediaType: application/json}",
            "{type: string}",
        );
        assert_rewrites(
            "{type: string, format: uri, contentEncoding: base64}",
            "{type: string, format: uri}",
        );
        assert_rewrites("{contentEncoding: base64}", "{}");
    }

    #[test]
    fn keywords_that_change_no_type_are_dropped_silently() {
        assert_rewrites(
            "{$schema: 'https://json-schema.org/draft/2020-12/schema', $id: a, $anchor: b, \
             $comment: c, type: object, propertyNames: {pattern: '^a'}, \
             dependentRequired: {a: [b]}, unevaluatedProperties: false}",
            "{type: object}",
        );
        assert_rewrites(
            "{type: array, contains: {type: string}, minContains: 1, maxContains: 2, \
             items: true, unevaluatedItems: false}",
            "{type: array}",
        );
        // A conditional that only requires or validates changes no type.
        assert_rewrites(
            "{type: object, if: {required: [a]}, then: {required: [b]}, else: {maxProperties: 1}}",
            "{type: object}",
        );
    }

    #[test]
    fn keywords_that_change_types_are_dropped_with_a_warning() {
        let (schema, warnings) = rewrite_schema(
            "{type: array, prefixItems: [{type: string}, {type: integer}], items: false}",
        );
        assert_eq!(schema, yaml("{type: array}"));
        assert_eq!(
            warnings,
            [
                "#/components/schemas/A/prefixItems: `prefixItems` (a tuple) has no OpenAPI 3.0 \
              form and is not read: the items are generated as any JSON value"
            ]
        );
        let (schema, warnings) = rewrite_schema(
            "{type: object, properties: {kind: {type: string}}, \
             if: {properties: {kind: {const: a}}}, \
             then: {properties: {a: {type: string}, b: {prefixItems: [{}]}}}, \
             dependentSchemas: {kind: {properties: {b: {type: integer}}}}, \
             $dynamicRef: '#node'}",
        );
        assert_eq!(
            schema,
            yaml("{type: object, properties: {kind: {type: string}}}")
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/A/then: `then` (a conditional schema) has no OpenAPI 3.0 \
                 form and is not read: the type is generated without it",
                "#/components/schemas/A/dependentSchemas: `dependentSchemas` has no OpenAPI \
                 3.0 form and is not read: the type is generated without them",
                "#/components/schemas/A/$dynamicRef: `$dynamicRef` is not followed: the schema \
                 is generated without it",
            ]
        );
    }

    #[test]
    fn unevaluated_and_pattern_properties_are_maps_where_nothing_else_says_more() {
        assert_rewrites(
            "{type: object, unevaluatedProperties: {type: [integer, 'null']}}",
            "{type: object, additionalProperties: {type: integer, nullable: true}}",
        );
        assert_rewrites(
            "{type: object, patternProperties: {'^x-': {type: string}}}",
            "{type: object, additionalProperties: {type: string}}",
        );
        assert_rewrites(
            "{type: array, unevaluatedItems: {type: string}}",
            "{type: array, items: {type: string}}",
        );
        let (schema, warnings) = rewrite_schema(
            "{type: object, properties: {a: {type: string}}, \
             patternProperties: {'^b': {type: integer}}, \
             allOf: [{type: object}], unevaluatedProperties: {type: string}}",
        );
        assert_eq!(
            schema,
            yaml("{type: object, properties: {a: {type: string}}, allOf: [{type: object}]}")
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/A/unevaluatedProperties: `unevaluatedProperties` beside \
                 other keywords that evaluate the same values has no OpenAPI 3.0 form and is \
                 not read: those values are generated as any JSON value",
                "#/components/schemas/A/patternProperties: `patternProperties` has no OpenAPI \
                 3.0 form here and is not read: the properties they describe are generated as \
                 the other properties, or kept as JSON, unchecked",
            ]
        );
    }

    #[test]
    fn a_reference_with_keywords_beside_it_is_an_all_of() {
        // Documentation beside a `$ref` is left for the typed parse to skip.
        assert_rewrites(
            "{$ref: '#/components/schemas/B', description: d, summary: s}",
            "{$ref: '#/components/schemas/B', description: d, summary: s}",
        );
        assert_rewrites(
            "{$ref: '#/components/schemas/B', description: d, readOnly: true}",
            "{allOf: [{$ref: '#/components/schemas/B'}], description: d, readOnly: true}",
        );
        assert_rewrites(
            "{$ref: '#/components/schemas/B', type: [object, 'null']}",
            "{allOf: [{$ref: '#/components/schemas/B'}], type: object, nullable: true}",
        );
        assert_rewrites(
            "{$ref: '#/components/schemas/B', allOf: [{required: [a]}]}",
            "{allOf: [{$ref: '#/components/schemas/B'}, {required: [a]}]}",
        );
    }

    #[test]
    fn keywords_that_do_not_fit_the_type_are_dropped_after_the_rewrite() {
        let (schema, warnings) = rewrite_schema("{type: [integer, 'null'], enum: ['1', null]}");
        assert_eq!(
            schema,
            yaml("{type: integer, enum: [1, null], nullable: true}")
        );
        assert_eq!(
            warnings,
            ["#/components/schemas/A: `enum` value `\"1\"` is read as an `integer`"]
        );
        let (schema, warnings) = rewrite_schema("{type: string, const: 5}");
        assert_eq!(schema, yaml("{type: string, enum: ['5']}"));
        assert_eq!(
            warnings,
            ["#/components/schemas/A: `enum` value `5` is read as a `string`"]
        );
        // Each type's member of several takes its keywords, which are fitted to it.
        let (schema, warnings) =
            rewrite_schema("{type: [integer, array], minimum: 0.5, items: {type: string}}");
        assert_eq!(
            schema,
            yaml("{anyOf: [{type: integer}, {type: array, items: {type: string}}]}")
        );
        assert_eq!(
            warnings,
            ["#/components/schemas/A: `minimum: 0.5` is not a 64-bit integer and is ignored"]
        );
    }

    #[test]
    fn boolean_schemas_are_objects() {
        assert_rewrites(
            "{type: object, properties: {a: true, b: false}, additionalProperties: false}",
            "{type: object, properties: {a: {}, b: {not: {}}}, additionalProperties: false}",
        );
        assert_rewrites(
            "{allOf: [true, {not: false}]}",
            "{allOf: [{}, {not: {not: {}}}]}",
        );
    }

    #[test]
    fn nested_schemas_are_rewritten_and_warned_about_where_they_stand() {
        let (schema, warnings) = rewrite_schema(
            "{type: object, properties: {tags: {type: array, items: {type: [string, 'null']}}, \
             pair: {allOf: [{type: array, prefixItems: [{}]}]}}}",
        );
        assert_eq!(
            schema["properties"]["tags"]["items"],
            yaml("{type: string, nullable: true}")
        );
        assert_eq!(
            warnings,
            [
                "#/components/schemas/A/properties/pair/allOf/0/prefixItems: `prefixItems` (a \
              tuple) has no OpenAPI 3.0 form and is not read: the items are generated as any \
              JSON value"
            ]
        );
    }

    #[test]
    fn definitions_become_component_schemas_and_references_follow_them() {
        let (document, warnings) = rewrite_document(
            "components:\n  schemas:\n    A:\n      properties:\n        \
             b: {$ref: '#/components/schemas/A/$defs/B'}\n        \
             c: {$ref: '#/components/schemas/A/$defs/C'}\n        \
             d: {$ref: '#/components/schemas/A/$defs/C/$defs/D/properties/e'}\n        \
             f: {$ref: '#/components/schemas/A/definitions/F'}\n      \
             $defs:\n        B: {type: [string, 'null']}\n        \
             C: {$defs: {D: {properties: {e: {const: 1}}}}}\n      \
             definitions:\n        F: {type: integer}\n    C: {type: string}\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        let schemas = &document["components"]["schemas"];
        assert_eq!(
            schemas["A"],
            yaml(
                "{properties: {b: {$ref: '#/components/schemas/B'}, \
                 c: {$ref: '#/components/schemas/A_C'}, \
                 d: {$ref: '#/components/schemas/D/properties/e'}, \
                 f: {$ref: '#/components/schemas/F'}}}"
            )
        );
        assert_eq!(schemas["B"], yaml("{type: string, nullable: true}"));
        assert_eq!(schemas["A_C"], yaml("{}"));
        assert_eq!(schemas["C"], yaml("{type: string}"));
        assert_eq!(schemas["F"], yaml("{type: integer}"));
        assert_eq!(
            schemas["D"],
            yaml("{properties: {e: {type: integer, enum: [1]}}}")
        );
    }

    #[test]
    fn document_parts_new_in_31_take_their_30_form() {
        let (document, warnings) = rewrite_document(
            "webhooks: {ping: {post: {responses: {'200': {description: ok}}}}}\n\
             components:\n  \
               securitySchemes:\n    \
                 tls: {type: mutualTLS}\n    \
                 key: {type: apiKey, in: header, name: X-Key}\n  \
               pathItems:\n    \
                 Ping:\n      \
                   summary: shared\n      \
                   get:\n        \
                     responses:\n          \
                       '200':\n            \
                         description: ok\n            \
                         headers: {X-Rate: {schema: {type: [integer, 'null']}}}\n        \
                     callbacks:\n          \
                       done: {'{$request.body#/url}': {post: {requestBody: {content: \
                         {application/json: {schema: {const: done}}}}}}}\n",
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(document["paths"], yaml("{}"));
        let schemes = &document["components"]["securitySchemes"];
        assert!(schemes.get("tls").is_none());
        assert!(schemes.get("key").is_some());
        let ping = &document["components"]["pathItems"]["Ping"]["get"];
        assert_eq!(
            ping["responses"]["200"]["headers"]["X-Rate"]["schema"],
            yaml("{type: integer, nullable: true}")
        );
        let callback = &ping["callbacks"]["done"]["{$request.body#/url}"]["post"];
        assert_eq!(
            callback["requestBody"]["content"]["application/json"]["schema"],
            yaml("{type: string, enum: [done]}")
        );
        // `responses` may be left out in 3.1.
        assert_eq!(callback["responses"], yaml("{}"));
    }

    #[test]
    fn path_items_from_components_are_copied_in_place_with_the_reference_s_summary() {
        let (document, warnings) = rewrite_document(
            "paths:\n  \
               /a: {$ref: '#/components/pathItems/A', summary: mine}\n  \
               /b: {$ref: '#/components/pathItems/B'}\n  \
               /c: {$ref: '#/components/pathItems/Missing'}\n\
             components:\n  pathItems:\n    \
               A: {summary: theirs, get: {parameters: [{name: q, in: query, \
                 schema: {type: [string, 'null'], prefixItems: []}}]}}\n    \
               B: {$ref: '#/components/pathItems/A'}\n",
        );
        let paths = &document["paths"];
        assert_eq!(paths["/a"]["summary"], yaml("mine"));
        assert_eq!(
            paths["/a"]["get"]["parameters"][0]["schema"],
            yaml("{type: string, nullable: true}")
        );
        assert_eq!(paths["/b"]["summary"], yaml("theirs"));
        assert_eq!(
            paths["/c"],
            yaml("{$ref: '#/components/pathItems/Missing'}")
        );
        // The shared item is rewritten, and warned about, once.
        assert_eq!(
            warnings,
            [
                "#/components/pathItems/A/get/parameters/0/schema/prefixItems: `prefixItems` (a \
              tuple) has no OpenAPI 3.0 form and is not read: the items are generated as any \
              JSON value"
            ]
        );
    }

    #[test]
    fn the_rewritten_document_fits_the_typed_parse() {
        let text = "openapi: 3.1.0\n\
                    info: {title: t, version: '1', summary: s,\n  \
                    license: {name: MIT, identifier: MIT}}\n\
                    jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base'\n\
                    paths:\n  /a:\n    get:\n      parameters:\n        \
                    - {name: q, in: query, schema: {type: [string, number, 'null']}}\n      \
                    responses:\n        '200':\n          description: ok\n          \
                    content:\n            application/json:\n              \
                    schema: {$ref: '#/components/schemas/A', description: beside}\n\
                    components:\n  schemas:\n    A:\n      type: object\n      \
                    properties:\n        n: {type: integer, exclusiveMinimum: 0}\n        \
                    kind: {const: a}\n        when: {type: [string, 'null'], format: date-time}\n";
        let file = crate::parse_spec(Path::new("spec/a.yaml"), text).expect("loads");
        assert!(file.warnings.is_empty(), "{:?}", file.warnings);
        let operation = &file.api.paths.paths["/a"].as_item().unwrap().get;
        assert!(operation.is_some());
    }

    #[test]
    fn an_operation_without_responses_generates() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\n\
                    paths:\n  /ping:\n    post:\n      operationId: ping\n";
        let file = crate::parse_spec(Path::new("spec/a.yaml"), text).expect("loads");
        let generated = crate::generate_from(&[file]).expect("generates");
        assert!(generated.warnings.is_empty(), "{:?}", generated.warnings);
        let group = generated
            .files
            .iter()
            .find(|file| file.path == "src/apis/other.rs")
            .expect("the untagged group");
        assert!(
            group.contents.contains("pub fn ping("),
            "{}",
            group.contents
        );
    }
}
