//! Checks parsed spec files against what the generator supports, before anything is lowered.
//!
//! The generator handles a deliberate subset of OpenAPI 3.0. Rather than stumbling over the
//! first surprise while lowering, [`validate`] walks every file up front and reports each
//! problem with the file and the JSON pointer of the node at fault.

use std::borrow::Borrow;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Display};
use std::path::{Path, PathBuf};

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, BooleanType, Components, Content, IntegerType,
    NumberType, ObjectType, OpenAPI, Operation, Parameter, ParameterData, ParameterSchemaOrContent,
    PathItem, PathStyle, QueryStyle, ReferenceOr, RequestBody, Response, Responses, Schema,
    SchemaKind, StatusCode, StringFormat, StringType, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::load::SpecFile;

/// What every supported `$ref` starts with.
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// The only media type the generated client sends and reads.
const JSON: &str = "application/json";

/// Checks every file and returns all problems: files in the order given, each in document order.
///
/// The files are checked as one merged API: a `$ref` may name a schema of any file, and
/// operation ids and (path, method) pairs must be unique across all of them.
pub fn validate(files: &[SpecFile]) -> Vec<Diagnostic> {
    let schemas = component_schemas(files);
    let mut seen = Seen::default();
    let mut diagnostics = Vec::new();
    for file in files {
        let mut walker = Walker {
            file: &file.path,
            at: Pointer::root(),
            schemas: &schemas,
            seen: &mut seen,
            diagnostics: &mut diagnostics,
        };
        walker.document(&file.api);
    }
    diagnostics
}

/// Component schemas of all files by name.
type SchemaIndex<'a> = HashMap<&'a str, &'a ReferenceOr<Schema>>;

fn component_schemas(files: &[SpecFile]) -> SchemaIndex<'_> {
    let mut index = HashMap::new();
    let all = files
        .iter()
        .filter_map(|file| file.api.components.as_ref())
        .flat_map(|components| &components.schemas);
    for (name, schema) in all {
        // The index only resolves references, so the first definition is as good as any.
        index.entry(name.as_str()).or_insert(schema);
    }
    index
}

/// A node in some file, shown as `file#/pointer`.
#[derive(Debug, Clone)]
struct Place {
    file: PathBuf,
    pointer: Pointer,
}

impl Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}{}", self.file.display(), self.pointer)
    }
}

/// What earlier operations claimed, so that clashes across files name both places.
#[derive(Default)]
struct Seen {
    operation_ids: HashMap<String, Place>,
    routes: HashMap<(String, &'static str), Place>,
}

/// How a parameter value can be written into a URL.
enum Shape {
    Scalar,
    ScalarArray,
    Structured,
    /// The schema checks already report why the shape cannot be told.
    Unknown,
}

/// Walks one document, keeping the file and the pointer of the node being checked.
struct Walker<'a> {
    file: &'a Path,
    at: Pointer,
    schemas: &'a SchemaIndex<'a>,
    seen: &'a mut Seen,
    diagnostics: &'a mut Vec<Diagnostic>,
}

impl Walker<'_> {
    /// Runs `visit` one level down, at `token`, then comes back up.
    fn enter<T>(&mut self, token: impl Display, visit: impl FnOnce(&mut Self) -> T) -> T {
        let inner = self.at.join(token);
        let outer = std::mem::replace(&mut self.at, inner);
        let result = visit(self);
        self.at = outer;
        result
    }

    fn report(&mut self, message: impl Into<String>) {
        let diagnostic = Diagnostic::new(self.file, self.at.clone(), message);
        self.diagnostics.push(diagnostic);
    }

    fn report_in(&mut self, token: impl Display, message: impl Into<String>) {
        self.enter(token, |walker| walker.report(message));
    }

    fn place(&self) -> Place {
        Place {
            file: self.file.to_owned(),
            pointer: self.at.clone(),
        }
    }

    fn document(&mut self, api: &OpenAPI) {
        self.enter("paths", |walker| {
            for (path, item) in &api.paths.paths {
                walker.enter(path, |walker| walker.path_item(path, item));
            }
        });
        if let Some(components) = &api.components {
            self.enter("components", |walker| walker.components(components));
        }
    }

    fn path_item(&mut self, path: &str, item: &ReferenceOr<PathItem>) {
        let item = match item {
            ReferenceOr::Reference { reference } => {
                self.report(format!("path item `$ref` `{reference}` is not supported"));
                return;
            }
            ReferenceOr::Item(item) => item,
        };
        // openapiv3 drops such keys while parsing, but a document built in code may hold one.
        if !path.starts_with('/') {
            self.report(format!("path `{path}` does not start with `/`"));
        }
        let template = match template_variables(path) {
            Ok(names) => Some(names),
            Err(message) => {
                self.report(message);
                None
            }
        };
        if !item.parameters.is_empty() {
            self.report_in(
                "parameters",
                "path-level `parameters` are not supported; declare them on each operation",
            );
        }
        if !item.servers.is_empty() {
            self.report_in("servers", "path-level `servers` are not supported");
        }
        for (method, operation) in operations(item) {
            self.enter(method, |walker| {
                walker.operation(path, method, template.as_deref(), operation);
            });
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &'static str,
        template: Option<&[&str]>,
        operation: &Operation,
    ) {
        self.route(path, method);
        match &operation.operation_id {
            Some(id) => self.enter("operationId", |walker| walker.operation_id(id)),
            None => self.report("operation has no `operationId`"),
        }
        self.tags(&operation.tags);
        let declared = self.enter("parameters", |walker| {
            walker.parameters(&operation.parameters, template)
        });
        for name in template.unwrap_or_default() {
            if !declared.iter().any(|declared| declared == name) {
                self.report(format!(
                    "path variable `{{{name}}}` has no `in: path` parameter"
                ));
            }
        }
        if let Some(body) = &operation.request_body {
            self.enter("requestBody", |walker| walker.request_body(body));
        }
        self.enter("responses", |walker| walker.responses(&operation.responses));
        if !operation.callbacks.is_empty() {
            self.report_in("callbacks", "`callbacks` are not supported");
        }
        if !operation.servers.is_empty() {
            self.report_in("servers", "operation-level `servers` are not supported");
        }
    }

    /// Each (path, method) pair becomes one client method, so it may be defined only once.
    fn route(&mut self, path: &str, method: &'static str) {
        let place = self.place();
        let key = (path.to_owned(), method);
        if let Some(first) = self.seen.routes.get(&key) {
            let message = format!("operation `{method} {path}` is already defined at {first}");
            self.report(message);
        } else {
            self.seen.routes.insert(key, place);
        }
    }

    /// Operation ids become method names, so they must be identifiers and unique.
    fn operation_id(&mut self, id: &str) {
        if !is_identifier(id) {
            self.report(format!(
                "`operationId` `{id}` must start with an ASCII letter and hold only ASCII \
                 letters, digits and `_`"
            ));
        }
        let place = self.place();
        if let Some(first) = self.seen.operation_ids.get(id) {
            let message = format!("`operationId` `{id}` is already used at {first}");
            self.report(message);
        } else {
            self.seen.operation_ids.insert(id.to_owned(), place);
        }
    }

    /// The tag picks the API module an operation goes into, so there must be exactly one.
    fn tags(&mut self, tags: &[String]) {
        match tags {
            [_] => {}
            [] => self.report("operation has no tag; exactly one is required"),
            several => {
                let list = several
                    .iter()
                    .map(|tag| format!("`{tag}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                let count = several.len();
                self.report_in(
                    "tags",
                    format!("operation has {count} tags ({list}); exactly one is required"),
                );
            }
        }
    }

    /// Checks an operation's parameters and returns the names of its path parameters.
    fn parameters(
        &mut self,
        parameters: &[ReferenceOr<Parameter>],
        template: Option<&[&str]>,
    ) -> Vec<String> {
        let mut names = HashSet::new();
        let mut path_names = Vec::new();
        for (index, parameter) in parameters.iter().enumerate() {
            self.enter(index, |walker| match parameter {
                ReferenceOr::Reference { reference } => walker.report(format!(
                    "parameter `$ref` `{reference}` is not supported; declare the parameter inline"
                )),
                ReferenceOr::Item(parameter) => {
                    let data = parameter.parameter_data_ref();
                    if !names.insert(data.name.as_str()) {
                        let name = &data.name;
                        walker.report(format!("parameter `{name}` is declared more than once"));
                    }
                    if walker.parameter(parameter, template) {
                        path_names.push(data.name.clone());
                    }
                }
            });
        }
        path_names
    }

    /// Checks one inline parameter; true when it is a path parameter.
    fn parameter(&mut self, parameter: &Parameter, template: Option<&[&str]>) -> bool {
        match parameter {
            Parameter::Path {
                parameter_data,
                style,
            } => {
                self.path_parameter(parameter_data, style, template);
                true
            }
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => {
                self.query_parameter(parameter_data, style);
                false
            }
            Parameter::Header { parameter_data, .. } => {
                let name = &parameter_data.name;
                self.report(format!("header parameter `{name}` is not supported"));
                false
            }
            Parameter::Cookie { parameter_data, .. } => {
                let name = &parameter_data.name;
                self.report(format!("cookie parameter `{name}` is not supported"));
                false
            }
        }
    }

    fn path_parameter(
        &mut self,
        data: &ParameterData,
        style: &PathStyle,
        template: Option<&[&str]>,
    ) {
        let name = &data.name;
        if template.is_some_and(|template| !template.contains(&name.as_str())) {
            self.report(format!(
                "path parameter `{name}` does not appear in the path"
            ));
        }
        if !data.required {
            self.report(format!(
                "path parameter `{name}` must have `required: true`"
            ));
        }
        if *style != PathStyle::Simple {
            let style = path_style_name(style);
            self.report_in(
                "style",
                format!("path parameter `{name}` has style `{style}`; only `simple` is supported"),
            );
        }
        if let Some(Shape::ScalarArray | Shape::Structured) = self.parameter_schema(data) {
            self.report_in(
                "schema",
                format!("path parameter `{name}` must be a string, integer, number or boolean"),
            );
        }
    }

    fn query_parameter(&mut self, data: &ParameterData, style: &QueryStyle) {
        let name = &data.name;
        if *style != QueryStyle::Form {
            let style = query_style_name(style);
            self.report_in(
                "style",
                format!("query parameter `{name}` has style `{style}`; only `form` is supported"),
            );
        }
        if let Some(Shape::Structured) = self.parameter_schema(data) {
            self.report_in(
                "schema",
                format!("query parameter `{name}` must be a scalar or an array of scalars"),
            );
        }
    }

    /// Checks a parameter's schema and tells its shape; `None` when it has no schema.
    fn parameter_schema(&mut self, data: &ParameterData) -> Option<Shape> {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.enter("schema", |walker| walker.schema_or_ref(schema));
                Some(self.shape(schema))
            }
            ParameterSchemaOrContent::Content(_) => {
                let name = &data.name;
                self.report_in(
                    "content",
                    format!(
                        "parameter `{name}` uses `content`, which is not supported; give it a \
                         `schema`"
                    ),
                );
                None
            }
        }
    }

    fn request_body(&mut self, body: &ReferenceOr<RequestBody>) {
        match body {
            ReferenceOr::Reference { reference } => self.report(format!(
                "request body `$ref` `{reference}` is not supported; declare the body inline"
            )),
            ReferenceOr::Item(body) if body.content.is_empty() => {
                self.report("request body has no content; it needs `application/json`");
            }
            ReferenceOr::Item(body) => {
                self.enter("content", |walker| walker.content(&body.content));
            }
        }
    }

    fn responses(&mut self, responses: &Responses) {
        let mut success = None;
        for (status, response) in &responses.responses {
            self.enter(status, |walker| {
                match status {
                    StatusCode::Range(_) => walker.report(format!(
                        "status range `{status}` is not supported; list exact status codes"
                    )),
                    StatusCode::Code(code @ 200..=299) => match success {
                        Some(first) => walker.report(format!(
                            "a second success status `{code}` is not supported; `{first}` is \
                             already the success response"
                        )),
                        None => success = Some(*code),
                    },
                    StatusCode::Code(_) => {}
                }
                walker.response(response);
            });
        }
        if let Some(response) = &responses.default {
            self.enter("default", |walker| walker.response(response));
        }
    }

    fn response(&mut self, response: &ReferenceOr<Response>) {
        match response {
            ReferenceOr::Reference { reference } => self.report(format!(
                "response `$ref` `{reference}` is not supported; declare the response inline"
            )),
            ReferenceOr::Item(response) => {
                self.enter("content", |walker| walker.content(&response.content));
            }
        }
    }

    /// Bodies are JSON or nothing: any other media type would need its own codec.
    fn content(&mut self, content: &Content) {
        for (media_type, media) in content {
            self.enter(media_type, |walker| {
                if media_type != JSON {
                    walker.report(format!(
                        "media type `{media_type}` is not supported; only `{JSON}` is"
                    ));
                    return;
                }
                match &media.schema {
                    Some(schema) => walker.enter("schema", |walker| walker.schema_or_ref(schema)),
                    None => walker.report(format!("`{JSON}` content has no `schema`")),
                }
            });
        }
    }

    fn components(&mut self, components: &Components) {
        self.enter("schemas", |walker| {
            for (name, schema) in &components.schemas {
                walker.enter(name, |walker| walker.component_schema(name, schema));
            }
        });
        let unsupported = [
            ("responses", components.responses.is_empty()),
            ("parameters", components.parameters.is_empty()),
            ("examples", components.examples.is_empty()),
            ("requestBodies", components.request_bodies.is_empty()),
            ("headers", components.headers.is_empty()),
            ("links", components.links.is_empty()),
            ("callbacks", components.callbacks.is_empty()),
        ];
        for (section, is_empty) in unsupported {
            if !is_empty {
                self.report_in(section, format!("`components.{section}` is not supported"));
            }
        }
    }

    fn component_schema(&mut self, name: &str, schema: &ReferenceOr<Schema>) {
        // Component names become Rust type names.
        if name.is_empty() {
            self.report("component schema name is empty");
        } else if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            self.report(format!(
                "schema name `{name}` must start with an ASCII letter"
            ));
        }
        match schema {
            ReferenceOr::Reference { reference } => self.report(format!(
                "component schema `{name}` is only a `$ref` to `{reference}`, which is not \
                 supported"
            )),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    fn schema_or_ref<S: Borrow<Schema>>(&mut self, schema: &ReferenceOr<S>) {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(schema) => self.schema(schema.borrow()),
        }
    }

    /// Only component schemas can be referenced; the files are merged, so any file may hold it.
    fn reference(&mut self, reference: &str) {
        match reference.strip_prefix(SCHEMA_REF_PREFIX) {
            Some(name) if self.schemas.contains_key(name) => {}
            Some(name) if !name.is_empty() && !name.contains('/') => {
                self.report(format!("`$ref` `{reference}` does not resolve"));
            }
            _ => self.report(format!(
                "`$ref` `{reference}` is not supported; only `{SCHEMA_REF_PREFIX}<Name>` is"
            )),
        }
    }

    fn schema(&mut self, schema: &Schema) {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => self.string(string),
            SchemaKind::Type(Type::Integer(integer)) => self.integer(integer),
            SchemaKind::Type(Type::Number(number)) => self.number(number),
            SchemaKind::Type(Type::Boolean(boolean)) => self.boolean(boolean),
            SchemaKind::Type(Type::Array(array)) => self.array(array),
            SchemaKind::Type(Type::Object(object)) => self.object(object),
            SchemaKind::AllOf { .. } => self.report_in("allOf", "`allOf` is not supported"),
            SchemaKind::OneOf { .. } => self.report_in("oneOf", "`oneOf` is not supported"),
            SchemaKind::AnyOf { .. } => self.report_in("anyOf", "`anyOf` is not supported"),
            SchemaKind::Not { .. } => self.report_in("not", "`not` is not supported"),
            SchemaKind::Any(any) => self.any(any),
        }
    }

    fn string(&mut self, string: &StringType) {
        // Unknown formats such as `uuid` or `uri` stay plain strings; bytes have no JSON form yet.
        let unsupported = match &string.format {
            VariantOrUnknownOrEmpty::Item(StringFormat::Byte) => Some("byte"),
            VariantOrUnknownOrEmpty::Item(StringFormat::Binary) => Some("binary"),
            _ => None,
        };
        if let Some(format) = unsupported {
            self.report_in(
                "format",
                format!("string format `{format}` is not supported"),
            );
        }
        // Each value becomes an enum variant, so it must be present, non-empty and distinct.
        let mut values = HashSet::new();
        self.enter("enum", |walker| {
            for (index, value) in string.enumeration.iter().enumerate() {
                match value {
                    None => walker.report_in(index, "`enum` value `null` is not supported"),
                    Some(value) if value.is_empty() => {
                        walker.report_in(index, "an empty `enum` value is not supported");
                    }
                    Some(value) if !values.insert(value.as_str()) => {
                        walker.report_in(index, format!("`enum` value `{value}` is listed twice"));
                    }
                    Some(_) => {}
                }
            }
        });
    }

    fn integer(&mut self, integer: &IntegerType) {
        if let VariantOrUnknownOrEmpty::Unknown(format) = &integer.format {
            self.report_in(
                "format",
                format!("integer format `{format}` is not supported; use `int32` or `int64`"),
            );
        }
        // A numeric enum would need its own Rust type with custom serialisation.
        if !integer.enumeration.is_empty() {
            self.report_in("enum", "an `enum` of integers is not supported");
        }
    }

    fn number(&mut self, number: &NumberType) {
        if let VariantOrUnknownOrEmpty::Unknown(format) = &number.format {
            self.report_in(
                "format",
                format!("number format `{format}` is not supported; use `float` or `double`"),
            );
        }
        if !number.enumeration.is_empty() {
            self.report_in("enum", "an `enum` of numbers is not supported");
        }
    }

    fn boolean(&mut self, boolean: &BooleanType) {
        if !boolean.enumeration.is_empty() {
            self.report_in("enum", "an `enum` of booleans is not supported");
        }
    }

    fn array(&mut self, array: &ArrayType) {
        match &array.items {
            Some(items) => self.enter("items", |walker| walker.schema_or_ref(items)),
            None => self.report("array schema has no `items`"),
        }
    }

    fn object(&mut self, object: &ObjectType) {
        self.enter("properties", |walker| {
            for (name, property) in &object.properties {
                walker.enter(name, |walker| walker.schema_or_ref(property));
            }
        });
        self.enter("required", |walker| {
            for (index, name) in object.required.iter().enumerate() {
                if !object.properties.contains_key(name) {
                    walker.report_in(
                        index,
                        format!("required property `{name}` is not declared in `properties`"),
                    );
                }
            }
        });
        if let Some(AdditionalProperties::Schema(schema)) = &object.additional_properties {
            // A struct with named fields plus a map of the rest is not generated yet.
            if object.properties.is_empty() {
                self.enter("additionalProperties", |walker| {
                    walker.schema_or_ref(schema.as_ref())
                });
            } else {
                self.report_in(
                    "additionalProperties",
                    "an object with both `properties` and an `additionalProperties` schema is \
                     not supported",
                );
            }
        }
    }

    /// openapiv3 falls back to `Any` for schemas that fit no single type.
    fn any(&mut self, any: &AnySchema) {
        let mut composed = false;
        for (keyword, present) in [
            ("allOf", !any.all_of.is_empty()),
            ("oneOf", !any.one_of.is_empty()),
            ("anyOf", !any.any_of.is_empty()),
            ("not", any.not.is_some()),
        ] {
            if present {
                self.report_in(keyword, format!("`{keyword}` is not supported"));
                composed = true;
            }
        }
        if composed || *any == AnySchema::default() {
            return;
        }
        match any.typ.as_deref() {
            None => self.report("a schema without `type` is not supported unless it is empty"),
            Some(typ @ ("string" | "integer" | "number" | "boolean" | "array" | "object")) => {
                self.report(format!(
                    "a `{typ}` schema with keywords or values that do not fit its type is not \
                     supported"
                ));
            }
            Some(typ) => self.report_in("type", format!("type `{typ}` is not supported")),
        }
    }

    /// The schema itself, or the component that a `$ref` names; `None` when it cannot be followed.
    fn resolve<'s, S: Borrow<Schema>>(&'s self, schema: &'s ReferenceOr<S>) -> Option<&'s Schema> {
        match schema {
            ReferenceOr::Item(schema) => Some(schema.borrow()),
            ReferenceOr::Reference { reference } => {
                let name = reference.strip_prefix(SCHEMA_REF_PREFIX)?;
                self.schemas.get(name)?.as_item()
            }
        }
    }

    /// Whether a schema is a single scalar; `None` when that cannot be told.
    fn is_scalar<S: Borrow<Schema>>(&self, schema: &ReferenceOr<S>) -> Option<bool> {
        match &self.resolve(schema)?.schema_kind {
            SchemaKind::Type(
                Type::String(_) | Type::Integer(_) | Type::Number(_) | Type::Boolean(_),
            ) => Some(true),
            SchemaKind::Type(Type::Array(_) | Type::Object(_)) => Some(false),
            _ => None,
        }
    }

    fn shape<S: Borrow<Schema>>(&self, schema: &ReferenceOr<S>) -> Shape {
        let Some(resolved) = self.resolve(schema) else {
            return Shape::Unknown;
        };
        match &resolved.schema_kind {
            SchemaKind::Type(Type::Array(array)) => {
                match array.items.as_ref().and_then(|items| self.is_scalar(items)) {
                    Some(true) => Shape::ScalarArray,
                    Some(false) => Shape::Structured,
                    None => Shape::Unknown,
                }
            }
            _ => match self.is_scalar(schema) {
                Some(true) => Shape::Scalar,
                Some(false) => Shape::Structured,
                None => Shape::Unknown,
            },
        }
    }
}

/// The operations of a path item, in the order the OpenAPI specification lists them.
fn operations(item: &PathItem) -> impl Iterator<Item = (&'static str, &Operation)> {
    [
        ("get", &item.get),
        ("put", &item.put),
        ("post", &item.post),
        ("delete", &item.delete),
        ("options", &item.options),
        ("head", &item.head),
        ("patch", &item.patch),
        ("trace", &item.trace),
    ]
    .into_iter()
    .filter_map(|(method, operation)| Some((method, operation.as_ref()?)))
}

/// The variable names in a path template, or why the template cannot be read.
fn template_variables(path: &str) -> Result<Vec<&str>, String> {
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("path `{path}` has a `}}` without a matching `{{`"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find(['{', '}'])
            .filter(|&close| after[close..].starts_with('}'))
            .ok_or_else(|| format!("path `{path}` has a `{{` without a matching `}}`"))?;
        let name = &after[..close];
        if name.is_empty() {
            return Err(format!("path `{path}` has an empty `{{}}`"));
        }
        if names.contains(&name) {
            return Err(format!(
                "path variable `{{{name}}}` appears twice in `{path}`"
            ));
        }
        names.push(name);
        rest = &after[close + 1..];
    }
    Ok(names)
}

fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|first| first.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn path_style_name(style: &PathStyle) -> &'static str {
    match style {
        PathStyle::Matrix => "matrix",
        PathStyle::Label => "label",
        PathStyle::Simple => "simple",
    }
}

fn query_style_name(style: &QueryStyle) -> &'static str {
    match style {
        QueryStyle::Form => "form",
        QueryStyle::SpaceDelimited => "spaceDelimited",
        QueryStyle::PipeDelimited => "pipeDelimited",
        QueryStyle::DeepObject => "deepObject",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_spec;

    const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

    fn file(path: &str, body: &str) -> SpecFile {
        let text = format!("{HEADER}{body}");
        let api = parse_spec(Path::new(path), &text).expect("the test spec must load");
        SpecFile {
            path: PathBuf::from(path),
            api,
            source: text.into(),
        }
    }

    fn check_files(files: &[SpecFile]) -> Vec<String> {
        validate(files).iter().map(ToString::to_string).collect()
    }

    /// Validates one file, `spec/a.yaml`, whose text is `body` after the common header.
    fn check(body: &str) -> Vec<String> {
        check_files(&[file("spec/a.yaml", body)])
    }

    #[test]
    fn operation_needs_an_operation_id() {
        let body = "
paths:
  /things:
    get:
      tags: [Things]
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            ["spec/a.yaml: #/paths/~1things/get: operation has no `operationId`"]
        );
    }

    #[test]
    fn operation_id_must_be_an_identifier() {
        let body = "
paths:
  /things:
    get:
      operationId: get-things
      tags: [Things]
      responses: {'204': {description: done}}
    post:
      operationId: 2things
      tags: [Things]
      responses: {'204': {description: done}}
    put:
      operationId: put_things2
      tags: [Things]
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/get/operationId: `operationId` `get-things` must \
                 start with an ASCII letter and hold only ASCII letters, digits and `_`",
                "spec/a.yaml: #/paths/~1things/post/operationId: `operationId` `2things` must \
                 start with an ASCII letter and hold only ASCII letters, digits and `_`",
            ]
        );
    }

    #[test]
    fn operation_ids_are_unique_across_files() {
        let first = "
paths:
  /things:
    get:
      operationId: getThings
      tags: [Things]
      responses: {'204': {description: done}}
";
        let second = "
paths:
  /others:
    get:
      operationId: getThings
      tags: [Things]
      responses: {'204': {description: done}}
    post:
      operationId: getThings
      tags: [Things]
      responses: {'204': {description: done}}
";
        let files = [file("spec/a.yaml", first), file("spec/b.yaml", second)];
        assert_eq!(
            check_files(&files),
            [
                "spec/b.yaml: #/paths/~1others/get/operationId: `operationId` `getThings` is \
                 already used at spec/a.yaml#/paths/~1things/get/operationId",
                "spec/b.yaml: #/paths/~1others/post/operationId: `operationId` `getThings` is \
                 already used at spec/a.yaml#/paths/~1things/get/operationId",
            ]
        );
    }

    #[test]
    fn operation_needs_exactly_one_tag() {
        let body = "
paths:
  /things:
    get:
      operationId: getThings
      responses: {'204': {description: done}}
    post:
      operationId: postThings
      tags: [Things, Stuff]
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/get: operation has no tag; exactly one is required",
                "spec/a.yaml: #/paths/~1things/post/tags: operation has 2 tags (`Things`, \
                 `Stuff`); exactly one is required",
            ]
        );
    }

    #[test]
    fn operation_servers_and_callbacks_are_unsupported() {
        let body = "
paths:
  /things:
    post:
      operationId: postThings
      tags: [Things]
      responses: {'204': {description: done}}
      callbacks:
        done:
          '{$request.body#/url}':
            post:
              responses: {'204': {description: done}}
      servers: [{url: 'https://example.com'}]
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/post/callbacks: `callbacks` are not supported",
                "spec/a.yaml: #/paths/~1things/post/servers: operation-level `servers` are not \
                 supported",
            ]
        );
    }

    #[test]
    fn path_item_ref_and_path_level_fields_are_unsupported() {
        let body = "
paths:
  /things:
    $ref: '#/paths/~1others'
  /others:
    parameters:
      - {name: q, in: query, schema: {type: string}}
    servers: [{url: 'https://example.com'}]
    get:
      operationId: getOthers
      tags: [Things]
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things: path item `$ref` `#/paths/~1others` is not \
                 supported",
                "spec/a.yaml: #/paths/~1others/parameters: path-level `parameters` are not \
                 supported; declare them on each operation",
                "spec/a.yaml: #/paths/~1others/servers: path-level `servers` are not supported",
            ]
        );
    }

    #[test]
    fn path_must_start_with_a_slash() {
        // openapiv3 drops such keys when parsing, so the document is built in code.
        let mut spec = file("spec/a.yaml", "paths: {}\n");
        let item = ReferenceOr::Item(PathItem::default());
        spec.api.paths.paths.insert("things".to_owned(), item);
        assert_eq!(
            check_files(&[spec]),
            ["spec/a.yaml: #/paths/things: path `things` does not start with `/`"]
        );
    }

    #[test]
    fn path_template_must_be_well_formed() {
        let body = "
paths:
  /a/{id:
    get: {operationId: a, tags: [T], responses: {'204': {description: done}}}
  /b/id}:
    get: {operationId: b, tags: [T], responses: {'204': {description: done}}}
  /c/{}:
    get: {operationId: c, tags: [T], responses: {'204': {description: done}}}
  /d/{x}/{x}:
    get:
      operationId: d
      tags: [T]
      parameters:
        - {name: x, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1a~1{id: path `/a/{id` has a `{` without a matching `}`",
                "spec/a.yaml: #/paths/~1b~1id}: path `/b/id}` has a `}` without a matching `{`",
                "spec/a.yaml: #/paths/~1c~1{}: path `/c/{}` has an empty `{}`",
                "spec/a.yaml: #/paths/~1d~1{x}~1{x}: path variable `{x}` appears twice in \
                 `/d/{x}/{x}`",
            ]
        );
    }

    #[test]
    fn path_template_and_path_parameters_must_match() {
        let body = "
paths:
  /things/{id}/parts/{part}:
    get:
      operationId: getPart
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, schema: {type: string}}
        - {name: other, in: path, required: true, schema: {type: string}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{id}~1parts~1{part}/get/parameters/1: path \
                 parameter `other` does not appear in the path",
                "spec/a.yaml: #/paths/~1things~1{id}~1parts~1{part}/get: path variable `{part}` \
                 has no `in: path` parameter",
            ]
        );
    }

    #[test]
    fn path_parameter_must_be_required() {
        let body = "
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: id, in: path, schema: {type: string}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{id}/get/parameters/0: path parameter `id` must \
                 have `required: true`",
            ]
        );
    }

    #[test]
    fn same_route_in_two_files_is_an_error() {
        let first = "
paths:
  /things:
    get: {operationId: getThings, tags: [T], responses: {'204': {description: done}}}
";
        let second = "
paths:
  /things:
    get: {operationId: listThings, tags: [T], responses: {'204': {description: done}}}
    post: {operationId: postThings, tags: [T], responses: {'204': {description: done}}}
";
        let files = [file("spec/a.yaml", first), file("spec/b.yaml", second)];
        assert_eq!(
            check_files(&files),
            [
                "spec/b.yaml: #/paths/~1things/get: operation `get /things` is already defined at \
                 spec/a.yaml#/paths/~1things/get",
            ]
        );
    }

    #[test]
    fn parameter_must_be_an_inline_path_or_query_parameter_with_a_schema() {
        let body = "
paths:
  /things:
    get:
      operationId: getThings
      tags: [Things]
      parameters:
        - $ref: '#/components/parameters/PageSize'
        - {name: X-Trace, in: header, schema: {type: string}}
        - {name: session, in: cookie, schema: {type: string}}
        - name: filter
          in: query
          content: {application/json: {schema: {type: string}}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/get/parameters/0: parameter `$ref` \
                 `#/components/parameters/PageSize` is not supported; declare the parameter inline",
                "spec/a.yaml: #/paths/~1things/get/parameters/1: header parameter `X-Trace` is \
                 not supported",
                "spec/a.yaml: #/paths/~1things/get/parameters/2: cookie parameter `session` is \
                 not supported",
                "spec/a.yaml: #/paths/~1things/get/parameters/3/content: parameter `filter` uses \
                 `content`, which is not supported; give it a `schema`",
            ]
        );
    }

    #[test]
    fn parameter_names_are_unique_within_an_operation() {
        let body = "
paths:
  /things/{q}:
    get:
      operationId: getThings
      tags: [Things]
      parameters:
        - {name: q, in: path, required: true, schema: {type: string}}
        - {name: q, in: query, schema: {type: string}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{q}/get/parameters/1: parameter `q` is declared \
                 more than once",
            ]
        );
    }

    #[test]
    fn parameter_schemas_must_fit_into_a_url() {
        let body = "
paths:
  /things/{ids}/{filter}/{kind}:
    get:
      operationId: getThings
      tags: [Things]
      parameters:
        - {name: ids, in: path, required: true, schema: {type: array, items: {type: string}}}
        - {name: filter, in: path, required: true, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: kind, in: path, required: true, schema: {$ref: '#/components/schemas/Kind'}}
        - {name: tags, in: query, schema: {type: array, items: {type: string}}}
        - {name: sort, in: query, schema: {$ref: '#/components/schemas/Kind'}}
        - {name: where, in: query, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: grid, in: query, schema: {type: array, items: {type: array, items: {type: integer}}}}
      responses: {'204': {description: done}}
components:
  schemas:
    Filter: {type: object, properties: {name: {type: string}}}
    Kind: {type: string, enum: [big, small]}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{ids}~1{filter}~1{kind}/get/parameters/0/schema: \
                 path parameter `ids` must be a string, integer, number or boolean",
                "spec/a.yaml: #/paths/~1things~1{ids}~1{filter}~1{kind}/get/parameters/1/schema: \
                 path parameter `filter` must be a string, integer, number or boolean",
                "spec/a.yaml: #/paths/~1things~1{ids}~1{filter}~1{kind}/get/parameters/5/schema: \
                 query parameter `where` must be a scalar or an array of scalars",
                "spec/a.yaml: #/paths/~1things~1{ids}~1{filter}~1{kind}/get/parameters/6/schema: \
                 query parameter `grid` must be a scalar or an array of scalars",
            ]
        );
    }

    #[test]
    fn parameter_styles_must_be_the_defaults() {
        let body = "
paths:
  /things/{id}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, style: label, schema: {type: string}}
        - {name: a, in: query, style: form, schema: {type: string}}
        - {name: b, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{id}/get/parameters/0/style: path parameter `id` \
                 has style `label`; only `simple` is supported",
                "spec/a.yaml: #/paths/~1things~1{id}/get/parameters/2/style: query parameter `b` \
                 has style `pipeDelimited`; only `form` is supported",
            ]
        );
    }

    #[test]
    fn request_body_must_be_inline_json_with_a_schema() {
        let body = "
paths:
  /a:
    post:
      operationId: a
      tags: [T]
      requestBody: {$ref: '#/components/requestBodies/Thing'}
      responses: {'204': {description: done}}
  /b:
    post:
      operationId: b
      tags: [T]
      requestBody:
        content:
          application/json: {schema: {type: string}}
          text/plain: {schema: {type: string}}
      responses: {'204': {description: done}}
  /c:
    post:
      operationId: c
      tags: [T]
      requestBody: {content: {application/json: {}}}
      responses: {'204': {description: done}}
  /d:
    post:
      operationId: d
      tags: [T]
      requestBody: {content: {}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1a/post/requestBody: request body `$ref` \
                 `#/components/requestBodies/Thing` is not supported; declare the body inline",
                "spec/a.yaml: #/paths/~1b/post/requestBody/content/text~1plain: media type \
                 `text/plain` is not supported; only `application/json` is",
                "spec/a.yaml: #/paths/~1c/post/requestBody/content/application~1json: \
                 `application/json` content has no `schema`",
                "spec/a.yaml: #/paths/~1d/post/requestBody: request body has no content; it needs \
                 `application/json`",
            ]
        );
    }

    #[test]
    fn responses_must_be_inline_with_one_success_status_and_json_bodies() {
        let body = "
paths:
  /a:
    get:
      operationId: a
      tags: [T]
      responses:
        '200': {$ref: '#/components/responses/Ok'}
        '4XX': {description: client error}
  /b:
    get:
      operationId: b
      tags: [T]
      responses:
        '200': {description: ok, content: {application/json: {schema: {type: string}}}}
        '201': {description: created}
        '204': {description: empty}
        '404': {description: missing}
        default: {description: error, content: {text/html: {schema: {type: string}}}}
  /c:
    get:
      operationId: c
      tags: [T]
      responses:
        '200': {description: ok, content: {application/json: {}}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1a/get/responses/200: response `$ref` \
                 `#/components/responses/Ok` is not supported; declare the response inline",
                "spec/a.yaml: #/paths/~1a/get/responses/4XX: status range `4XX` is not \
                 supported; list exact status codes",
                "spec/a.yaml: #/paths/~1b/get/responses/201: a second success status `201` is not \
                 supported; `200` is already the success response",
                "spec/a.yaml: #/paths/~1b/get/responses/204: a second success status `204` is not \
                 supported; `200` is already the success response",
                "spec/a.yaml: #/paths/~1b/get/responses/default/content/text~1html: media type \
                 `text/html` is not supported; only `application/json` is",
                "spec/a.yaml: #/paths/~1c/get/responses/200/content/application~1json: \
                 `application/json` content has no `schema`",
            ]
        );
    }

    #[test]
    fn references_must_name_a_component_schema_that_exists() {
        let body = "
paths:
  /things:
    post:
      operationId: postThings
      tags: [Things]
      parameters:
        - {name: q, in: query, schema: {$ref: '#/components/schemas/Query'}}
      requestBody:
        content: {application/json: {schema: {$ref: '#/components/schemas/Input'}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Output'}}}
components:
  schemas:
    Thing:
      type: object
      properties:
        good: {$ref: '#/components/schemas/Thing'}
        size: {$ref: '#/components/parameters/Size'}
        other: {$ref: 'other.yaml#/components/schemas/Other'}
        deep: {$ref: '#/components/schemas/Thing/properties/good'}
        list: {type: array, items: {$ref: '#/components/schemas/Missing'}}
        map: {type: object, additionalProperties: {$ref: '#/components/schemas/Gone'}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/post/parameters/0/schema: `$ref` \
                 `#/components/schemas/Query` does not resolve",
                "spec/a.yaml: #/paths/~1things/post/requestBody/content/application~1json/schema: \
                 `$ref` `#/components/schemas/Input` does not resolve",
                "spec/a.yaml: \
                 #/paths/~1things/post/responses/200/content/application~1json/schema: `$ref` \
                 `#/components/schemas/Output` does not resolve",
                "spec/a.yaml: #/components/schemas/Thing/properties/size: `$ref` \
                 `#/components/parameters/Size` is not supported; only \
                 `#/components/schemas/<Name>` is",
                "spec/a.yaml: #/components/schemas/Thing/properties/other: `$ref` \
                 `other.yaml#/components/schemas/Other` is not supported; only \
                 `#/components/schemas/<Name>` is",
                "spec/a.yaml: #/components/schemas/Thing/properties/deep: `$ref` \
                 `#/components/schemas/Thing/properties/good` is not supported; only \
                 `#/components/schemas/<Name>` is",
                "spec/a.yaml: #/components/schemas/Thing/properties/list/items: `$ref` \
                 `#/components/schemas/Missing` does not resolve",
                "spec/a.yaml: #/components/schemas/Thing/properties/map/additionalProperties: \
                 `$ref` `#/components/schemas/Gone` does not resolve",
            ]
        );
    }

    #[test]
    fn references_resolve_across_files() {
        let first = "
paths:
  /things/{kind}:
    get:
      operationId: getThings
      tags: [Things]
      parameters:
        - {name: kind, in: path, required: true, schema: {$ref: '#/components/schemas/Kind'}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
";
        let second = "
paths: {}
components:
  schemas:
    Kind: {type: string, enum: [big, small]}
    Thing: {type: object, properties: {kind: {$ref: '#/components/schemas/Kind'}}}
";
        let files = [file("spec/a.yaml", first), file("spec/b.yaml", second)];
        assert_eq!(check_files(&files), Vec::<String>::new());
    }

    #[test]
    fn component_schema_that_is_only_a_ref_is_unsupported() {
        let body = "
paths: {}
components:
  schemas:
    Thing: {type: string}
    Alias: {$ref: '#/components/schemas/Thing'}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Alias: component schema `Alias` is only a \
                 `$ref` to `#/components/schemas/Thing`, which is not supported",
            ]
        );
    }

    #[test]
    fn composed_schemas_are_unsupported() {
        let body = "
paths: {}
components:
  schemas:
    A: {allOf: [{type: string}]}
    B: {oneOf: [{type: string}, {type: integer}]}
    C: {anyOf: [{type: string}]}
    D: {not: {type: string}}
    E:
      type: object
      properties: {a: {type: string}}
      oneOf: [{required: [a]}]
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/A/allOf: `allOf` is not supported",
                "spec/a.yaml: #/components/schemas/B/oneOf: `oneOf` is not supported",
                "spec/a.yaml: #/components/schemas/C/anyOf: `anyOf` is not supported",
                "spec/a.yaml: #/components/schemas/D/not: `not` is not supported",
                "spec/a.yaml: #/components/schemas/E/oneOf: `oneOf` is not supported",
            ]
        );
    }

    #[test]
    fn untyped_schema_must_be_empty() {
        let body = "
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        anything: {}
        described: {description: any JSON value, nullable: true}
        untyped: {properties: {a: {type: string}}}
        mixed: {type: string, minimum: 1}
        strange: {type: 'null'}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Thing/properties/untyped: a schema without \
                 `type` is not supported unless it is empty",
                "spec/a.yaml: #/components/schemas/Thing/properties/mixed: a `string` schema \
                 with keywords or values that do not fit its type is not supported",
                "spec/a.yaml: #/components/schemas/Thing/properties/strange/type: type `null` is \
                 not supported",
            ]
        );
    }

    #[test]
    fn string_formats() {
        let body = "
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        a: {type: string}
        b: {type: string, format: date}
        c: {type: string, format: date-time}
        d: {type: string, format: password}
        e: {type: string, format: uuid}
        f: {type: string, format: uri}
        g: {type: string, format: email}
        h: {type: string, format: byte}
        i: {type: string, format: binary}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Thing/properties/h/format: string format \
                 `byte` is not supported",
                "spec/a.yaml: #/components/schemas/Thing/properties/i/format: string format \
                 `binary` is not supported",
            ]
        );
    }

    #[test]
    fn string_enum_values_must_be_present_non_empty_and_distinct() {
        let body = "
paths: {}
components:
  schemas:
    State:
      type: string
      nullable: true
      enum: [active, null, '', inactive, active]
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/State/enum/1: `enum` value `null` is not \
                 supported",
                "spec/a.yaml: #/components/schemas/State/enum/2: an empty `enum` value is not \
                 supported",
                "spec/a.yaml: #/components/schemas/State/enum/4: `enum` value `active` is listed \
                 twice",
            ]
        );
    }

    #[test]
    fn numeric_and_boolean_schemas() {
        let body = "
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        a: {type: integer}
        b: {type: integer, format: int32}
        c: {type: integer, format: int64}
        d: {type: integer, format: int8}
        e: {type: integer, enum: [1, 2]}
        f: {type: number, format: float}
        g: {type: number, format: double}
        h: {type: number, format: decimal}
        i: {type: number, enum: [1.5]}
        j: {type: boolean, enum: [true]}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Thing/properties/d/format: integer format \
                 `int8` is not supported; use `int32` or `int64`",
                "spec/a.yaml: #/components/schemas/Thing/properties/e/enum: an `enum` of \
                 integers is not supported",
                "spec/a.yaml: #/components/schemas/Thing/properties/h/format: number format \
                 `decimal` is not supported; use `float` or `double`",
                "spec/a.yaml: #/components/schemas/Thing/properties/i/enum: an `enum` of numbers \
                 is not supported",
                "spec/a.yaml: #/components/schemas/Thing/properties/j/enum: an `enum` of \
                 booleans is not supported",
            ]
        );
    }

    #[test]
    fn arrays_need_items() {
        let body = "
paths: {}
components:
  schemas:
    List: {type: array}
";
        assert_eq!(
            check(body),
            ["spec/a.yaml: #/components/schemas/List: array schema has no `items`"]
        );
    }

    #[test]
    fn object_rules() {
        let body = "
paths: {}
components:
  schemas:
    Thing:
      type: object
      properties:
        id: {type: string}
        open: {type: object, properties: {a: {type: string}}, additionalProperties: true}
        both:
          type: object
          properties: {a: {type: string}}
          additionalProperties: {type: string}
      required: [id, name]
    Labels:
      type: object
      additionalProperties: {type: string, format: byte}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Thing/properties/both/additionalProperties: \
                 an object with both `properties` and an `additionalProperties` schema is not \
                 supported",
                "spec/a.yaml: #/components/schemas/Thing/required/1: required property `name` is \
                 not declared in `properties`",
                "spec/a.yaml: #/components/schemas/Labels/additionalProperties/format: string \
                 format `byte` is not supported",
            ]
        );
    }

    #[test]
    fn schema_names_must_start_with_a_letter() {
        let body = "
paths: {}
components:
  schemas:
    Good_1: {type: string}
    1Bad: {type: string}
    _Bad: {type: string}
    '': {type: string}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/1Bad: schema name `1Bad` must start with an \
                 ASCII letter",
                "spec/a.yaml: #/components/schemas/_Bad: schema name `_Bad` must start with an \
                 ASCII letter",
                "spec/a.yaml: #/components/schemas/: component schema name is empty",
            ]
        );
    }

    #[test]
    fn schemas_are_checked_wherever_they_occur() {
        let body = "
paths:
  /things:
    post:
      operationId: postThings
      tags: [Things]
      parameters:
        - {name: at, in: query, schema: {type: string, format: binary}}
      requestBody:
        content:
          application/json:
            schema: {type: array, items: {type: object, properties: {a: {allOf: []}}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {type: object, additionalProperties: {type: array}}}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/post/parameters/0/schema/format: string format \
                 `binary` is not supported",
                "spec/a.yaml: \
                 #/paths/~1things/post/requestBody/content/application~1json/schema/items/\
                 properties/a/allOf: \
                 `allOf` is not supported",
                "spec/a.yaml: \
                 #/paths/~1things/post/responses/200/content/application~1json/schema/\
                 additionalProperties: \
                 array schema has no `items`",
            ]
        );
    }

    #[test]
    fn components_other_than_schemas_and_security_schemes_are_unsupported() {
        let body = "
paths: {}
components:
  securitySchemes:
    Token: {type: http, scheme: bearer}
  parameters:
    PageSize: {name: pageSize, in: query, schema: {type: integer}}
  responses:
    Ok: {description: ok}
  requestBodies:
    Thing: {content: {application/json: {schema: {type: string}}}}
  headers:
    Trace: {schema: {type: string}}
  examples:
    One: {value: 1}
  links:
    Next: {operationId: getThings}
  callbacks:
    Done: {}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/responses: `components.responses` is not supported",
                "spec/a.yaml: #/components/parameters: `components.parameters` is not supported",
                "spec/a.yaml: #/components/examples: `components.examples` is not supported",
                "spec/a.yaml: #/components/requestBodies: `components.requestBodies` is not \
                 supported",
                "spec/a.yaml: #/components/headers: `components.headers` is not supported",
                "spec/a.yaml: #/components/links: `components.links` is not supported",
                "spec/a.yaml: #/components/callbacks: `components.callbacks` is not supported",
            ]
        );
    }

    #[test]
    fn every_problem_is_reported_in_document_order() {
        let body = "
paths:
  /users/{userId}:
    get:
      tags: [Users]
      parameters:
        - {name: userId, in: path, schema: {type: string}}
        - {name: X-Trace, in: header, schema: {type: string}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Person'}}}
  /users:
    post:
      operationId: post-user
      tags: [Users, Admin]
      requestBody: {content: {text/plain: {schema: {type: string}}}}
      responses: {'2XX': {description: ok}}
components:
  schemas:
    User:
      type: object
      properties:
        manager: {$ref: '#/components/schemas/Manager'}
        photo: {type: string, format: byte}
      required: [id]
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1users~1{userId}/get: operation has no `operationId`",
                "spec/a.yaml: #/paths/~1users~1{userId}/get/parameters/0: path parameter \
                 `userId` must have `required: true`",
                "spec/a.yaml: #/paths/~1users~1{userId}/get/parameters/1: header parameter \
                 `X-Trace` is not supported",
                "spec/a.yaml: \
                 #/paths/~1users~1{userId}/get/responses/200/content/application~1json/schema: \
                 `$ref` `#/components/schemas/Person` does not resolve",
                "spec/a.yaml: #/paths/~1users/post/operationId: `operationId` `post-user` must \
                 start with an ASCII letter and hold only ASCII letters, digits and `_`",
                "spec/a.yaml: #/paths/~1users/post/tags: operation has 2 tags (`Users`, \
                 `Admin`); exactly one is required",
                "spec/a.yaml: #/paths/~1users/post/requestBody/content/text~1plain: media type \
                 `text/plain` is not supported; only `application/json` is",
                "spec/a.yaml: #/paths/~1users/post/responses/2XX: status range `2XX` is not \
                 supported; list exact status codes",
                "spec/a.yaml: #/components/schemas/User/properties/manager: `$ref` \
                 `#/components/schemas/Manager` does not resolve",
                "spec/a.yaml: #/components/schemas/User/properties/photo/format: string format \
                 `byte` is not supported",
                "spec/a.yaml: #/components/schemas/User/required/0: required property `id` is not \
                 declared in `properties`",
            ]
        );
    }

    #[test]
    fn real_spec_has_no_problems() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/orgauthorization.yaml");
        let spec = crate::load::load_file(&path).expect("the real spec must load");
        assert_eq!(validate(&[spec]), Vec::new());
    }
}
