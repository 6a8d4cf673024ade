//! Visits the schemas of an untyped OpenAPI document where its structure holds them, each at its JSON pointer.
//!
//! The rewrites that run on the text's tree before the typed parse (`openapi31`,
//! `declared_type`) change schemas in place; walking the tree as the text has it lets their
//! warnings point where the text says what they changed. The walk follows the 3.0 structure,
//! which 3.1 keeps: path items, operations, parameters, bodies, responses, headers, media types,
//! callbacks and components. It stops at each schema: what lies inside one is the visitor's.

use serde_yaml::{Mapping, Value};

use crate::diagnostic::Pointer;

/// The operations of a path item, by their keys.
pub const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// What a rewrite does where the walk meets something.
pub trait Visitor {
    /// A schema that the document's structure holds at `at`, not one inside another schema;
    /// `component` is its name when it is a component schema.
    fn schema(&mut self, at: &Pointer, schema: &mut Value, component: Option<&str>);

    /// An operation, before its parts are visited.
    fn operation(&mut self, _at: &Pointer, _operation: &mut Mapping) {}
}

/// Visits every schema of `document`: those of the paths first, then the components'.
pub fn document(document: &mut Mapping, visitor: &mut impl Visitor) {
    let mut walk = Walk { visitor };
    let root = Pointer::root();
    if let Some(paths) = mapping_mut(document, "paths") {
        let at = root.join("paths");
        for (key, item) in paths.iter_mut() {
            let path = token(key);
            if !path.starts_with("x-") {
                walk.path_item(&at.join(&path), item);
            }
        }
    }
    if let Some(components) = mapping_mut(document, "components") {
        walk.components(&root.join("components"), components);
    }
}

/// A mapping key as a JSON pointer token: YAML keys may be numbers (`200:`) or booleans.
pub fn token(key: &Value) -> String {
    match key {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => String::new(),
    }
}

/// The mapping under `key`, if that is one.
pub fn mapping_mut<'v>(owner: &'v mut Mapping, key: &str) -> Option<&'v mut Mapping> {
    owner.get_mut(key).and_then(Value::as_mapping_mut)
}

/// The object itself, or `None` for a `$ref` (visited where it is defined).
fn item_mut(value: &mut Value) -> Option<&mut Mapping> {
    value
        .as_mapping_mut()
        .filter(|object| !object.contains_key("$ref"))
}

struct Walk<'v, V> {
    visitor: &'v mut V,
}

impl<V: Visitor> Walk<'_, V> {
    fn components(&mut self, at: &Pointer, components: &mut Mapping) {
        if let Some(schemas) = mapping_mut(components, "schemas") {
            let at = at.join("schemas");
            for (key, schema) in schemas.iter_mut() {
                let name = token(key);
                self.visitor.schema(&at.join(&name), schema, Some(&name));
            }
        }
        for (section, visit) in [
            (
                "parameters",
                Self::parameter as fn(&mut Self, &Pointer, &mut Value),
            ),
            ("headers", Self::parameter),
            ("requestBodies", Self::request_body),
            ("responses", Self::response),
            ("callbacks", Self::callback),
            ("pathItems", Self::path_item),
        ] {
            if let Some(entries) = mapping_mut(components, section) {
                let at = at.join(section);
                for (key, entry) in entries.iter_mut() {
                    visit(self, &at.join(token(key)), entry);
                }
            }
        }
    }

    fn path_item(&mut self, at: &Pointer, item: &mut Value) {
        // A path item that is a `$ref` is visited where it is defined.
        let Some(item) = item_mut(item) else {
            return;
        };
        self.parameters(at, item);
        for method in METHODS {
            if let Some(operation) = mapping_mut(item, method) {
                self.operation(&at.join(method), operation);
            }
        }
    }

    fn operation(&mut self, at: &Pointer, operation: &mut Mapping) {
        self.visitor.operation(at, operation);
        self.parameters(at, operation);
        if let Some(body) = operation.get_mut("requestBody") {
            self.request_body(&at.join("requestBody"), body);
        }
        if let Some(responses) = mapping_mut(operation, "responses") {
            let at = at.join("responses");
            for (key, response) in responses.iter_mut() {
                let status = token(key);
                if !status.starts_with("x-") {
                    self.response(&at.join(status), response);
                }
            }
        }
        if let Some(callbacks) = mapping_mut(operation, "callbacks") {
            let at = at.join("callbacks");
            for (key, callback) in callbacks.iter_mut() {
                self.callback(&at.join(token(key)), callback);
            }
        }
    }

    fn parameters(&mut self, at: &Pointer, owner: &mut Mapping) {
        if let Some(Value::Sequence(parameters)) = owner.get_mut("parameters") {
            let at = at.join("parameters");
            for (index, parameter) in parameters.iter_mut().enumerate() {
                self.parameter(&at.join(index), parameter);
            }
        }
    }

    /// A parameter or a header: both hold a `schema` or a `content`.
    fn parameter(&mut self, at: &Pointer, parameter: &mut Value) {
        let Some(parameter) = item_mut(parameter) else {
            return;
        };
        if let Some(schema) = parameter.get_mut("schema") {
            self.visitor.schema(&at.join("schema"), schema, None);
        }
        self.content(at, parameter);
    }

    fn request_body(&mut self, at: &Pointer, body: &mut Value) {
        if let Some(body) = item_mut(body) {
            self.content(at, body);
        }
    }

    fn response(&mut self, at: &Pointer, response: &mut Value) {
        let Some(response) = item_mut(response) else {
            return;
        };
        self.headers(at, response);
        self.content(at, response);
    }

    fn headers(&mut self, at: &Pointer, owner: &mut Mapping) {
        if let Some(headers) = mapping_mut(owner, "headers") {
            let at = at.join("headers");
            for (key, header) in headers.iter_mut() {
                self.parameter(&at.join(token(key)), header);
            }
        }
    }

    /// A callback: path items by run-time expression.
    fn callback(&mut self, at: &Pointer, callback: &mut Value) {
        if let Some(callback) = item_mut(callback) {
            for (key, item) in callback.iter_mut() {
                let expression = token(key);
                if !expression.starts_with("x-") {
                    self.path_item(&at.join(expression), item);
                }
            }
        }
    }

    fn content(&mut self, at: &Pointer, owner: &mut Mapping) {
        let Some(content) = mapping_mut(owner, "content") else {
            return;
        };
        let at = at.join("content");
        for (key, media) in content.iter_mut() {
            let at = at.join(token(key));
            let Some(media) = media.as_mapping_mut() else {
                continue;
            };
            if let Some(schema) = media.get_mut("schema") {
                self.visitor.schema(&at.join("schema"), schema, None);
            }
            if let Some(encodings) = mapping_mut(media, "encoding") {
                let at = at.join("encoding");
                for (key, encoding) in encodings.iter_mut() {
                    if let Some(encoding) = encoding.as_mapping_mut() {
                        self.headers(&at.join(token(key)), encoding);
                    }
                }
            }
        }
    }
}
