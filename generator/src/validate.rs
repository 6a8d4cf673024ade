//! Checks parsed spec files against what the generator supports, before anything is lowered.
//!
//! The generator handles a deliberate subset of OpenAPI 3.0. Rather than stumbling over the
//! first surprise while lowering, [`validate`] walks every file up front and reports each
//! problem with the file and the JSON pointer of the node at fault.

use std::borrow::Borrow;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::{self, Display};
use std::path::{Path, PathBuf};

use openapiv3::{
    AdditionalProperties, AnySchema, ArrayType, Components, Content, IntegerType, NumberType,
    ObjectType, OpenAPI, Operation, Parameter, ParameterData, ParameterSchemaOrContent, PathItem,
    PathStyle, QueryStyle, ReferenceOr, RequestBody, Response, Responses, Schema, SchemaKind,
    StatusCode, StringType, Type,
};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::load::SpecFile;
use crate::media::{self, MediaKind};
use crate::refs::{Located, Refs, SchemaTarget, place_tokens};

/// Where a discriminator's mapping finds a component named by its bare name.
const SCHEMA_REF_PREFIX: &str = "#/components/schemas/";

/// Checks every file and returns all problems: files in the order given, each in document order.
///
/// The files are checked as one merged API: a `$ref` may name a schema of any file, and
/// operation ids and (path, method) pairs must be unique across all of them.
pub fn validate(files: &[SpecFile]) -> Vec<Diagnostic> {
    let refs = Refs::new(files);
    let mut seen = Seen::default();
    let mut diagnostics = Vec::new();
    duplicate_schemas(files, &mut diagnostics);
    different_servers(files, &mut diagnostics);
    for file in files {
        let mut walker = Walker {
            file,
            at: Pointer::root(),
            refs,
            seen: &mut seen,
            diagnostics: &mut diagnostics,
            all_of_member: false,
        };
        walker.document(&file.api);
    }
    diagnostics
}

/// A schema defined in two files must be defined the same way: then it is one schema.
fn duplicate_schemas(files: &[SpecFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: HashMap<&str, (&Path, &ReferenceOr<Schema>)> = HashMap::new();
    for file in files {
        let Some(components) = &file.api.components else {
            continue;
        };
        for (name, schema) in &components.schemas {
            match first.get(name.as_str()) {
                None => {
                    first.insert(name, (&file.path, schema));
                }
                Some((other_file, other)) if *other_file != file.path.as_path() => {
                    let same =
                        serde_json::to_value(schema).ok() == serde_json::to_value(other).ok();
                    if !same {
                        let pointer = Pointer::root()
                            .join("components")
                            .join("schemas")
                            .join(name);
                        diagnostics.push(Diagnostic::new(
                            &file.path,
                            pointer.clone(),
                            format!(
                                "schema `{name}` is also defined, differently, at {}{pointer}",
                                other_file.display()
                            ),
                        ));
                    }
                }
                Some(_) => {}
            }
        }
    }
}

/// The client has one default base URL, so every file that lists servers starts with the same.
fn different_servers(files: &[SpecFile], diagnostics: &mut Vec<Diagnostic>) {
    let mut first: Option<(&Path, &str)> = None;
    for file in files {
        let Some(server) = file.api.servers.first() else {
            continue;
        };
        let url = server.url.trim_end_matches('/');
        match first {
            None => first = Some((&file.path, url)),
            Some((other_file, other_url)) if other_url != url => {
                diagnostics.push(Diagnostic::new(
                    &file.path,
                    Pointer::root().join("servers").join(0).join("url"),
                    format!(
                        "server `{url}` differs from `{other_url}` in {}; the client has one \
                         default base URL (callers pick another with `.base_url` or `.region`)",
                        other_file.display()
                    ),
                ));
            }
            Some(_) => {}
        }
    }
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
    routes: HashMap<(String, &'static str), Place>,
    /// Cycles of component schemas that are only `$ref`s, reported once each, by their
    /// sorted names.
    alias_cycles: HashSet<Vec<String>>,
}

/// What a parameter value or a form field is, as far as writing it into a URL goes.
enum Shape {
    Scalar,
    /// A list not known to hold lists or objects.
    ScalarArray,
    /// A list whose items are lists or objects.
    NestedArray,
    /// An object: properties, or a map; `nested` when a value in it is a list or an object.
    Object {
        nested: bool,
    },
    /// Free-form, a union, or a schema the other checks already report.
    Unknown,
}

impl Shape {
    /// An object, or a list of lists or objects: more than a form field holds.
    fn is_structured(&self) -> bool {
        matches!(self, Self::NestedArray | Self::Object { .. })
    }
}

/// Walks one document, keeping the file and the pointer of the node being checked.
struct Walker<'a> {
    file: &'a SpecFile,
    at: Pointer,
    refs: Refs<'a>,
    seen: &'a mut Seen,
    diagnostics: &'a mut Vec<Diagnostic>,
    /// Set just before an `allOf` member written in place is checked: its `required` may name
    /// a sibling's properties, so the `allOf` checks those names instead.
    all_of_member: bool,
}

impl<'a> Walker<'a> {
    /// Runs `visit` one level down, at `token`, then comes back up.
    fn enter<T>(&mut self, token: impl Display, visit: impl FnOnce(&mut Self) -> T) -> T {
        let inner = self.at.join(token);
        let outer = std::mem::replace(&mut self.at, inner);
        let result = visit(self);
        self.at = outer;
        result
    }

    fn report(&mut self, message: impl Into<String>) {
        let diagnostic = Diagnostic::new(&self.file.path, self.at.clone(), message);
        self.diagnostics.push(diagnostic);
    }

    /// A warning here: the spec generates, but only approximately as it says.
    fn warn(&mut self, message: impl Into<String>) {
        let diagnostic = Diagnostic::warning(&self.file.path, self.at.clone(), message);
        self.diagnostics.push(diagnostic);
    }

    fn warn_in(&mut self, token: impl Display, message: impl Into<String>) {
        self.enter(token, |walker| walker.warn(message));
    }

    fn place(&self) -> Place {
        Place {
            file: self.file.path.clone(),
            pointer: self.at.clone(),
        }
    }

    fn document(&mut self, api: &'a OpenAPI) {
        self.enter("paths", |walker| {
            for (path, item) in &api.paths.paths {
                walker.enter(path, |walker| walker.path_item(path, item));
            }
        });
        if let Some(components) = &api.components {
            self.enter("components", |walker| walker.components(components));
        }
    }

    fn path_item(&mut self, path: &str, item: &'a ReferenceOr<PathItem>) {
        let item = match item {
            ReferenceOr::Reference { reference } => {
                match self.refs.path_item(self.file, reference) {
                    Ok(target) => self.referenced_path_item(path, target),
                    Err(error) => {
                        let message = error.message(reference, "a path item");
                        self.report(format!("path item {message}"));
                    }
                }
                return;
            }
            ReferenceOr::Item(item) => item,
        };
        self.path_item_content(path, item);
    }

    /// A path item that is a `$ref` to another one has that item's operations at this path.
    /// The item is checked where it is written; here, only what this path changes (its
    /// template against the item's path parameters, and its routes) is reported, at the
    /// item's pointers and with the path named.
    fn referenced_path_item(&mut self, path: &str, target: Located<'a, &'a PathItem>) {
        let walk = |seen: &mut Seen, path: &str| {
            let mut diagnostics = Vec::new();
            let mut walker = Walker {
                file: target.file,
                at: target.pointer.clone(),
                refs: self.refs,
                seen,
                diagnostics: &mut diagnostics,
                all_of_member: false,
            };
            walker.path_item_content(path, target.item);
            diagnostics
        };
        // What the item reports at its own path is reported there.
        let own = match place_tokens(&target.pointer).as_slice() {
            [paths, own_path] if paths == "paths" => walk(&mut Seen::default(), own_path),
            _ => Vec::new(),
        };
        let here = walk(self.seen, path);
        let referrer = self.place();
        for mut diagnostic in here {
            if !own.contains(&diagnostic) {
                diagnostic.message = format!(
                    "{} (as path `{path}`, whose `$ref` at {referrer} names this item)",
                    diagnostic.message
                );
                self.diagnostics.push(diagnostic);
            }
        }
    }

    /// Checks a path item written in place, the operations of `path`.
    fn path_item_content(&mut self, path: &str, item: &'a PathItem) {
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
        // Path-level parameters apply to every operation of the path.
        let shared = self.enter("parameters", |walker| {
            walker.parameters(&item.parameters, template.as_deref())
        });
        if !item.servers.is_empty() {
            self.warn_in(
                "servers",
                "path-level `servers` are not honoured yet: its operations go to the client's \
                 base URL",
            );
        }
        for (method, operation) in operations(item) {
            self.enter(method, |walker| {
                walker.operation(path, method, template.as_deref(), &shared, operation);
            });
        }
    }

    fn operation(
        &mut self,
        path: &str,
        method: &'static str,
        template: Option<&[&str]>,
        shared: &[String],
        operation: &'a Operation,
    ) {
        self.route(path, method);
        // Any `operationId`, or none, names a method: lowering derives the Rust names and
        // numbers the ones that collide.
        self.tags(&operation.tags);
        let mut declared = self.enter("parameters", |walker| {
            walker.parameters(&operation.parameters, template)
        });
        declared.extend(shared.iter().cloned());
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
        // `callbacks` describe requests the server makes: the client has nothing to send.
        if !operation.servers.is_empty() {
            self.warn_in(
                "servers",
                "operation-level `servers` are not honoured yet: the operation goes to the \
                 client's base URL",
            );
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

    /// Each tag becomes an operation group; untagged operations go to a group of their own.
    fn tags(&mut self, tags: &[String]) {
        let mut seen = HashSet::new();
        self.enter("tags", |walker| {
            for (index, tag) in tags.iter().enumerate() {
                if tag.trim().is_empty() {
                    walker.warn_in(index, "an empty tag is ignored");
                } else if !seen.insert(tag.as_str()) {
                    walker.warn_in(
                        index,
                        format!("tag `{tag}` is listed twice; it counts once"),
                    );
                }
            }
        });
    }

    /// Checks an operation's (or a path's) parameters and returns the names of its path
    /// parameters. An operation may declare a path-level parameter again to override it.
    fn parameters(
        &mut self,
        parameters: &'a [ReferenceOr<Parameter>],
        template: Option<&[&str]>,
    ) -> Vec<String> {
        let mut names = HashSet::new();
        let mut path_names = Vec::new();
        for (index, parameter) in parameters.iter().enumerate() {
            self.enter(index, |walker| {
                let parameter = match parameter {
                    ReferenceOr::Reference { reference } => {
                        match walker.component_parameter(reference) {
                            Some(parameter) => parameter,
                            None => return,
                        }
                    }
                    ReferenceOr::Item(parameter) => parameter,
                };
                let data = parameter.parameter_data_ref();
                if !names.insert((data.name.clone(), location_name(parameter))) {
                    let name = &data.name;
                    walker.report(format!("parameter `{name}` is declared more than once"));
                }
                if walker.parameter(parameter, template) {
                    path_names.push(data.name.clone());
                }
            });
        }
        path_names
    }

    /// The parameter a `$ref` names, through `$ref`s to `$ref`s, or `None` (reported) when
    /// it cannot be found.
    fn component_parameter(&mut self, reference: &str) -> Option<&'a Parameter> {
        match self.refs.parameter(self.file, reference) {
            Ok(found) => Some(found.item),
            Err(error) => {
                let message = error.message(reference, "a parameter");
                self.report(format!("parameter {message}"));
                None
            }
        }
    }

    /// Checks one inline parameter; true when it is a path parameter.
    ///
    /// Every location, schema and style generates (see the runtime's `parameter` module for
    /// how each is written); what OpenAPI leaves undefined gets a warning saying what is sent.
    fn parameter(&mut self, parameter: &Parameter, template: Option<&[&str]>) -> bool {
        let data = parameter.parameter_data_ref();
        let (style, is_path) = match parameter {
            Parameter::Path { style, .. } => {
                self.path_parameter(data, template);
                (path_style_name(style), true)
            }
            Parameter::Query { style, .. } => (query_style_name(style), false),
            Parameter::Header { .. } => ("simple", false),
            Parameter::Cookie { .. } => ("form", false),
        };
        // `form` explodes unless the spec says otherwise; every other style does not.
        let explode = data.explode.unwrap_or(style == "form");
        if let Some(shape) = self.parameter_format(data) {
            self.parameter_style(&data.name, style, explode, &shape);
        }
        is_path
    }

    fn path_parameter(&mut self, data: &ParameterData, template: Option<&[&str]>) {
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
    }

    /// Warns where `style` cannot write a value of `shape` as OpenAPI describes it.
    fn parameter_style(&mut self, name: &str, style: &str, explode: bool, shape: &Shape) {
        let delimited = matches!(style, "spaceDelimited" | "pipeDelimited");
        let message = match shape {
            Shape::Scalar if delimited => Some(format!(
                "parameter `{name}` has style `{style}`, which joins the items of a list or an \
                 object; its one value is sent as `{name}=value`, as `form` sends it"
            )),
            Shape::ScalarArray | Shape::NestedArray | Shape::Object { .. }
                if delimited && explode =>
            {
                Some(format!(
                    "parameter `{name}` has style `{style}` with `explode: true`, which joins \
                     nothing: it is sent as exploded `form` is, a pair per item"
                ))
            }
            Shape::Scalar if style == "deepObject" => Some(format!(
                "parameter `{name}` has style `deepObject`, which is for objects; its one \
                 value is sent as `{name}=value`"
            )),
            Shape::ScalarArray | Shape::NestedArray if style == "deepObject" => Some(format!(
                "parameter `{name}` has style `deepObject`, which is for objects; the list's \
                 items are sent by index, `{name}[0]=value`"
            )),
            _ => None,
        };
        if let Some(message) = message {
            self.warn_in("style", message);
        }
        // deepObject nests: `name[key][inner]=value`.
        if matches!(shape, Shape::NestedArray | Shape::Object { nested: true })
            && style != "deepObject"
        {
            self.warn_in(
                "schema",
                format!(
                    "parameter `{name}` holds lists or objects inside a list or an object, \
                     which style `{style}` cannot write: each inner one is sent as its JSON text"
                ),
            );
        }
    }

    /// Checks a parameter's `schema` or `content` and tells the shape of the value a style
    /// writes; `None` for `content`, whose value is one text.
    fn parameter_format(&mut self, data: &ParameterData) -> Option<Shape> {
        match &data.format {
            ParameterSchemaOrContent::Schema(schema) => {
                self.enter("schema", |walker| walker.schema_or_ref(schema));
                Some(self.parameter_shape(schema))
            }
            ParameterSchemaOrContent::Content(content) => {
                let name = &data.name;
                self.enter("content", |walker| match media::choose(content) {
                    None => walker.warn(format!(
                        "parameter `{name}` has an empty `content`: it is a `String` sent as \
                         given"
                    )),
                    // Sent as its JSON text, encoded like any string.
                    Some((media_type, media, MediaKind::Json)) => {
                        if let Some(schema) = &media.schema {
                            walker.enter(media_type, |walker| {
                                walker.enter("schema", |walker| walker.schema_or_ref(schema));
                            });
                        }
                    }
                    Some((media_type, media, kind)) => {
                        if kind != MediaKind::Text || !media::is_plain(media.schema.as_ref()) {
                            walker.warn_in(
                                media_type,
                                format!(
                                    "parameter `{name}` is `{media_type}`, which the client \
                                     does not encode: it is a `String` sent as given"
                                ),
                            );
                        }
                    }
                });
                None
            }
        }
    }

    fn request_body(&mut self, body: &'a ReferenceOr<RequestBody>) {
        let body = match body {
            ReferenceOr::Reference { reference } => {
                match self.refs.request_body(self.file, reference) {
                    Ok(found) => found.item,
                    Err(error) => {
                        let message = error.message(reference, "a request body");
                        self.report(format!("request body {message}"));
                        return;
                    }
                }
            }
            ReferenceOr::Item(body) => body,
        };
        if body.content.is_empty() {
            self.warn("the request body lists no media type in `content`; no body is sent");
            return;
        }
        self.enter("content", |walker| walker.content(&body.content));
    }

    /// Every status is generated: exact codes, ranges (`2XX` is a success like an exact 2xx,
    /// the others error documents like exact ones) and `default`.
    /// Only what a success returns gets a warning when the client reads it as text or bytes:
    /// the client keeps any other status's body as the error's raw text.
    fn responses(&mut self, responses: &'a Responses) {
        let is_success = |status: &StatusCode| match status {
            StatusCode::Code(code) => (200..300).contains(code),
            StatusCode::Range(range) => *range == 2,
        };
        let any_success = responses.responses.keys().any(is_success);
        for (status, response) in &responses.responses {
            self.enter(status, |walker| {
                walker.response(response, is_success(status))
            });
        }
        if let Some(response) = &responses.default {
            self.enter("default", |walker| walker.response(response, !any_success));
        }
    }

    fn response(&mut self, response: &'a ReferenceOr<Response>, success: bool) {
        let response = match response {
            ReferenceOr::Reference { reference } => {
                match self.refs.response(self.file, reference) {
                    Ok(found) => found.item,
                    Err(error) => {
                        let message = error.message(reference, "a response");
                        self.report(format!("response {message}"));
                        return;
                    }
                }
            }
            ReferenceOr::Item(response) => response,
        };
        self.enter("content", |walker| {
            walker.response_content(&response.content, success)
        });
    }

    /// A request body is sent with the media type [`media::choose`] picks: JSON and forms are
    /// encoded from the schema's type, text is a `String`, anything else bytes. The media
    /// types not picked are alternatives the server also accepts, and are not looked at.
    fn content(&mut self, content: &Content) {
        let Some((media_type, media, kind)) = media::choose(content) else {
            return;
        };
        self.enter(media_type, |walker| match kind {
            MediaKind::Json | MediaKind::Form => {
                if let Some(schema) = &media.schema {
                    walker.enter("schema", |walker| {
                        walker.schema_or_ref(schema);
                        if kind == MediaKind::Form {
                            walker.form_fields(schema);
                        }
                    });
                    if kind == MediaKind::Form {
                        walker.form_encodings(schema, &media.encoding);
                    }
                }
            }
            MediaKind::Text | MediaKind::Binary => {
                let body = if kind == MediaKind::Text {
                    "a `String`"
                } else {
                    "bytes (`bytes::Bytes`)"
                };
                if media::essence(media_type).starts_with("multipart/") {
                    walker.warn(format!(
                        "`{media_type}` body is sent as the {body} given, which the caller \
                         encodes; set its `Content-Type` with the boundary through `.header(..)`"
                    ));
                } else if !media::is_plain(media.schema.as_ref()) {
                    walker.warn(format!(
                        "`{media_type}` body is sent as {body}: its schema is not encoded"
                    ));
                }
            }
        });
    }

    /// A form's fields are an object's properties; any other schema is text the caller
    /// encodes. Fields of any shape are written, each in the style of its Encoding Object
    /// (see [`Self::form_encodings`]).
    fn form_fields(&mut self, schema: &ReferenceOr<Schema>) {
        let (refs, file) = (self.refs, self.file);
        let Some(resolved) = resolve(refs, file, schema) else {
            return;
        };
        if object_parts(resolved).is_none() {
            self.warn(
                "a form body that is not an object is sent as the `String` given, which the \
                 caller encodes",
            );
        }
    }

    /// A form field's Encoding Object: a `style` or `explode` writes it as a query parameter
    /// of that style, a JSON `contentType` as its JSON text, a text one as the default `form`
    /// style. Any other media type the client cannot write: an object field, or a list of
    /// objects, is sent as its JSON text, which is said here; a scalar is its text.
    fn form_encodings(
        &mut self,
        schema: &ReferenceOr<Schema>,
        encodings: &indexmap::IndexMap<String, openapiv3::Encoding>,
    ) {
        let (refs, file) = (self.refs, self.file);
        let Some((Some(properties), _)) = resolve(refs, file, schema).and_then(object_parts) else {
            return;
        };
        for (name, encoding) in encodings {
            if encoding.style.is_some() || encoding.explode {
                continue;
            }
            let Some(content_type) = &encoding.content_type else {
                continue;
            };
            if media::field_kind(content_type) != MediaKind::Binary {
                continue;
            }
            let structured = properties
                .get(name)
                .is_some_and(|property| self.shape(property).is_structured());
            if structured {
                self.enter("encoding", |walker| {
                    walker.enter(name, |walker| {
                        walker.warn(format!(
                            "form field `{name}` is sent as its JSON text: its `contentType` \
                             `{content_type}` is neither JSON nor text, which the client \
                             cannot write"
                        ));
                    });
                });
            }
        }
    }

    /// A response is read with the media type [`media::choose`] picks: JSON is decoded with
    /// the schema's type (`serde_json::Value` without one), text is a `String`, anything else
    /// bytes.
    fn response_content(&mut self, content: &Content, success: bool) {
        let Some((media_type, media, kind)) = media::choose(content) else {
            return;
        };
        self.enter(media_type, |walker| match kind {
            MediaKind::Json => {
                if let Some(schema) = &media.schema {
                    walker.enter("schema", |walker| walker.schema_or_ref(schema));
                }
            }
            MediaKind::Form | MediaKind::Text | MediaKind::Binary => {
                if success && !media::is_plain(media.schema.as_ref()) {
                    let read = if kind == MediaKind::Text {
                        "a `String`"
                    } else {
                        "bytes (`bytes::Bytes`)"
                    };
                    walker.warn(format!(
                        "`{media_type}` response is read as {read}: its schema is not decoded"
                    ));
                }
            }
        });
    }

    fn components(&mut self, components: &'a Components) {
        self.enter("schemas", |walker| {
            for (name, schema) in &components.schemas {
                walker.enter(name, |walker| walker.component_schema(name, schema));
            }
        });
        self.enter("parameters", |walker| {
            for (name, parameter) in &components.parameters {
                walker.enter(name, |walker| match parameter {
                    ReferenceOr::Item(parameter) => {
                        walker.parameter(parameter, None);
                    }
                    // What it names is checked where that is written.
                    ReferenceOr::Reference { reference } => {
                        walker.component_parameter(reference);
                    }
                });
            }
        });
        self.enter("requestBodies", |walker| {
            for (name, body) in &components.request_bodies {
                walker.enter(name, |walker| walker.request_body(body));
            }
        });
        self.enter("responses", |walker| {
            for (name, response) in &components.responses {
                walker.enter(name, |walker| walker.response(response, false));
            }
        });
        // `examples`, `headers`, `links` and `callbacks` give a client nothing to generate:
        // they are left alone, silently.
    }

    fn component_schema(&mut self, name: &'a str, schema: &'a ReferenceOr<Schema>) {
        // Component names become Rust type names; any text makes one (`naming::type_name`),
        // but OpenAPI forbids an empty name, which no `$ref` could tell from its section.
        if name.is_empty() {
            self.report("component schema name is empty");
        }
        match schema {
            ReferenceOr::Reference { reference } => self.alias(name, reference),
            ReferenceOr::Item(schema) => self.schema(schema),
        }
    }

    /// A component schema that is only a `$ref` is an alias of what the `$ref` names: a chain
    /// of such components ends at a type, unless it goes round a cycle, where none has one.
    /// Each `$ref` is checked at its own component; the cycle is reported once, at its first
    /// component in document order.
    fn alias(&mut self, name: &'a str, reference: &'a str) {
        let mut chain = vec![name];
        let (mut file, mut next_reference) = (self.file, reference);
        loop {
            let next = match self.refs.schema(file, next_reference) {
                Ok(SchemaTarget::Component(next)) => next,
                Ok(SchemaTarget::Inline(_)) => return,
                Err(error) => {
                    if chain.len() == 1 {
                        self.report(error.message(reference, "a schema"));
                    }
                    return;
                }
            };
            if let Some(start) = chain.iter().position(|seen| *seen == next) {
                let mut members: Vec<String> =
                    chain[start..].iter().map(|&name| name.to_owned()).collect();
                members.sort();
                if start == 0 && self.seen.alias_cycles.insert(members) {
                    chain.push(next);
                    self.report(alias_cycle_message(&chain));
                }
                return;
            }
            chain.push(next);
            match self.refs.component_schema(next) {
                Some((owner, ReferenceOr::Reference { reference })) => {
                    (file, next_reference) = (owner, reference);
                }
                _ => return,
            }
        }
    }

    fn schema_or_ref<S: Borrow<Schema>>(&mut self, schema: &ReferenceOr<S>) {
        match schema {
            ReferenceOr::Reference { reference } => self.reference(reference),
            ReferenceOr::Item(schema) => self.schema(schema.borrow()),
        }
    }

    /// A `$ref` may name any schema: a component (of any file, as the files are merged) or
    /// one written anywhere else. What it names is checked where that is written.
    fn reference(&mut self, reference: &str) {
        if let Err(error) = self.refs.schema(self.file, reference) {
            self.report(error.message(reference, "a schema"));
        }
    }

    fn schema(&mut self, schema: &Schema) {
        let all_of_member = std::mem::take(&mut self.all_of_member);
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => self.string(string),
            SchemaKind::Type(Type::Integer(integer)) => self.integer(integer),
            SchemaKind::Type(Type::Number(number)) => self.number(number),
            // `enum: [true]` is a constant; `bool` holds it.
            SchemaKind::Type(Type::Boolean(_)) => {}
            SchemaKind::Type(Type::Array(array)) => self.array(array),
            SchemaKind::Type(Type::Object(object)) => self.object(object, all_of_member),
            SchemaKind::AllOf { all_of } => self.members("allOf", all_of),
            SchemaKind::OneOf { one_of } => {
                self.members("oneOf", one_of);
                self.discriminator(schema, one_of);
            }
            SchemaKind::AnyOf { any_of } => {
                self.members("anyOf", any_of);
                self.discriminator(schema, any_of);
            }
            SchemaKind::Not { .. } => {
                self.warn_in(
                    "not",
                    "`not` is generated as any JSON value, `serde_json::Value`",
                );
            }
            SchemaKind::Any(any) => self.any(any, all_of_member),
        }
    }

    /// The members of `allOf`, `oneOf` or `anyOf`.
    fn members(&mut self, keyword: &str, members: &[ReferenceOr<Schema>]) {
        self.enter(keyword, |walker| {
            if members.is_empty() {
                walker.report(format!("`{keyword}` has no member"));
            }
            for (index, member) in members.iter().enumerate() {
                walker.all_of_member = keyword == "allOf" && matches!(member, ReferenceOr::Item(_));
                walker.enter(index, |walker| walker.schema_or_ref(member));
            }
            if keyword == "allOf" {
                walker.all_of_required(members);
            }
        });
    }

    /// Each name an in-place `allOf` member lists as `required` is declared by some member.
    fn all_of_required(&mut self, members: &[ReferenceOr<Schema>]) {
        let mut declared = BTreeSet::new();
        for member in members {
            self.declared_properties(member, &mut Vec::new(), &mut declared);
        }
        for (index, member) in members.iter().enumerate() {
            let ReferenceOr::Item(schema) = member else {
                continue;
            };
            let required = match &schema.schema_kind {
                SchemaKind::Type(Type::Object(object)) => &object.required,
                SchemaKind::Any(any) => &any.required,
                _ => continue,
            };
            for (position, name) in required.iter().enumerate() {
                if !declared.contains(name) {
                    self.enter(index, |walker| {
                        walker.enter("required", |walker| {
                            walker.warn_in(
                                position,
                                format!(
                                    "required property `{name}` is declared by no `allOf` \
                                     member; it has no field, and is kept with the unknown \
                                     properties when present"
                                ),
                            );
                        });
                    });
                }
            }
        }
    }

    /// Adds the names of the properties `schema` declares, through `allOf` and `$ref`s, to
    /// `declared`. `visiting` holds the components on the way, so a cycle ends the walk.
    fn declared_properties<S: Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        visiting: &mut Vec<String>,
        declared: &mut BTreeSet<String>,
    ) {
        if let ReferenceOr::Reference { reference } = schema {
            if visiting.contains(reference) {
                return;
            }
            visiting.push(reference.clone());
        }
        let Some(resolved) = self.resolve(schema) else {
            return;
        };
        let Some((properties, all_of)) = object_parts(resolved) else {
            return;
        };
        declared.extend(
            properties
                .into_iter()
                .flatten()
                .map(|(name, _)| name.clone()),
        );
        for member in all_of {
            self.declared_properties(member, visiting, declared);
        }
    }

    /// A discriminator names a property every member has, and maps values to members.
    fn discriminator(&mut self, schema: &Schema, members: &[ReferenceOr<Schema>]) {
        let Some(discriminator) = &schema.schema_data.discriminator else {
            return;
        };
        self.enter("discriminator", |walker| {
            let property = &discriminator.property_name;
            // A member written in place has no name to be the tag's value.
            if members
                .iter()
                .any(|member| matches!(member, ReferenceOr::Item(_)))
            {
                walker.warn(
                    "the discriminator is not used, as a member is written in place rather \
                     than a `$ref` to a component: a value decodes to the first member it fits",
                );
                return;
            }
            for member in members {
                if let ReferenceOr::Reference { reference } = member {
                    // The property may come from an `allOf` base the member includes.
                    let mut declared = BTreeSet::new();
                    walker.declared_properties(member, &mut Vec::new(), &mut declared);
                    let has_property = declared.contains(property);
                    if !has_property && walker.resolve(member).is_some() {
                        walker.warn(format!(
                            "member `{reference}` does not declare the property `{property}`: \
                             a value read keeps its tag with the unknown properties, and a value \
                             built in Rust must put it there"
                        ));
                    }
                }
            }
            walker.enter("mapping", |walker| {
                for (value, target) in &discriminator.mapping {
                    let target = if target.starts_with('#') {
                        target.clone()
                    } else {
                        format!("{SCHEMA_REF_PREFIX}{target}")
                    };
                    let listed = members.iter().any(|member| {
                        matches!(member, ReferenceOr::Reference { reference } if *reference == target)
                    });
                    if !listed {
                        walker.warn_in(
                            value,
                            format!(
                                "`{target}` is not one of the members: a value with this tag \
                                 decodes to the union's unknown variant"
                            ),
                        );
                    }
                }
            });
        });
    }

    fn string(&mut self, string: &StringType) {
        // Unknown formats such as `uuid` or `uri` stay plain strings; `byte` is base64 text and
        // `binary` is raw text in JSON.
        // Each value becomes an enum variant. `null` makes no variant: every field is an
        // `Option`, which reads it as absent. An empty value gets a variant named by position.
        let mut values = HashSet::new();
        self.enter("enum", |walker| {
            for (index, value) in string.enumeration.iter().enumerate() {
                if let Some(value) = value
                    && !values.insert(value.as_str())
                {
                    walker.warn_in(
                        index,
                        format!("`enum` value `{value}` is listed twice; it is one variant"),
                    );
                }
            }
        });
    }

    fn integer(&mut self, integer: &IntegerType) {
        // Every format is accepted: `int8`…`uint64` become the matching Rust integer, any
        // other the JSON integer, `i64` (see `lower::integer_type`).
        // Each value becomes an enum variant; `null` makes none, as for strings.
        let mut values = HashSet::new();
        self.enter("enum", |walker| {
            for (index, value) in integer.enumeration.iter().enumerate() {
                if let Some(value) = value
                    && !values.insert(*value)
                {
                    walker.warn_in(
                        index,
                        format!("`enum` value `{value}` is listed twice; it is one variant"),
                    );
                }
            }
        });
    }

    fn number(&mut self, number: &NumberType) {
        // Unknown formats (`decimal`, `int32` on a number, ...) are the JSON number, `f64`.
        if !number.enumeration.is_empty() {
            self.warn_in(
                "enum",
                "an `enum` of numbers is generated as the number, `f64`; its values are not checked",
            );
        }
    }

    fn array(&mut self, array: &ArrayType) {
        // Without `items`, any item is allowed: a list of `serde_json::Value`, exactly.
        if let Some(items) = &array.items {
            self.enter("items", |walker| walker.schema_or_ref(items));
        }
    }

    /// `all_of_member`: the object is an `allOf` member written in place, whose `required`
    /// the `allOf` checks against every member's properties.
    fn object(&mut self, object: &ObjectType, all_of_member: bool) {
        self.properties(&object.properties);
        if all_of_member {
            self.additional_properties(object);
            return;
        }
        self.enter("required", |walker| {
            for (index, name) in object.required.iter().enumerate() {
                if !object.properties.contains_key(name) {
                    walker.warn_in(
                        index,
                        format!(
                            "required property `{name}` is not declared in `properties`; it has \
                             no field, and is kept with the unknown properties when present"
                        ),
                    );
                }
            }
        });
        self.additional_properties(object);
    }

    fn properties(&mut self, properties: &Properties) {
        self.enter("properties", |walker| {
            for (name, property) in properties {
                walker.enter(name, |walker| walker.schema_or_ref(property));
            }
        });
    }

    fn additional_properties(&mut self, object: &ObjectType) {
        if let Some(AdditionalProperties::Schema(schema)) = &object.additional_properties {
            // A struct with named fields plus a map of the rest is not generated yet.
            if object.properties.is_empty() {
                self.enter("additionalProperties", |walker| {
                    walker.schema_or_ref(schema.as_ref())
                });
            } else {
                self.warn_in(
                    "additionalProperties",
                    "the properties beyond `properties` are kept as JSON values in the \
                     struct's `unknown_fields`, not checked against this schema",
                );
            }
        }
    }

    /// openapiv3 falls back to `Any` for schemas that fit no single type, such as an `allOf`
    /// beside `type: object`.
    fn any(&mut self, any: &AnySchema, all_of_member: bool) {
        let composed = !any.all_of.is_empty() || !any.one_of.is_empty() || !any.any_of.is_empty();
        if any.not.is_some() {
            self.warn_in(
                "not",
                "`not` is generated as any JSON value, `serde_json::Value`",
            );
            return;
        }
        if composed {
            if !any.properties.is_empty() {
                self.warn_in(
                    "properties",
                    "`properties` beside `allOf`, `oneOf` or `anyOf` get no fields of their \
                     own: they are kept with the unknown properties when present",
                );
            }
            for (keyword, members) in [
                ("allOf", &any.all_of),
                ("oneOf", &any.one_of),
                ("anyOf", &any.any_of),
            ] {
                if !members.is_empty() {
                    self.members(keyword, members);
                }
            }
            return;
        }
        if *any == AnySchema::default() {
            return;
        }
        // A schema without `type` that only declares properties or requires some, such as
        // `{required: [name]}` in an `allOf` or `{properties: ...}` from a converted Swagger
        // document, is an object (lowering's `shape` agrees); an `allOf` checks its members'
        // `required` itself.
        let object_only = AnySchema {
            properties: Default::default(),
            required: Vec::new(),
            ..any.clone()
        };
        if object_only == AnySchema::default() {
            self.properties(&any.properties);
            if !all_of_member {
                self.enter("required", |walker| {
                    for (index, name) in any.required.iter().enumerate() {
                        if !any.properties.contains_key(name) {
                            walker.warn_in(
                                index,
                                format!(
                                    "required property `{name}` is not declared in \
                                     `properties`; it has no field, and is kept with the \
                                     unknown properties when present"
                                ),
                            );
                        }
                    }
                });
            }
            return;
        }
        match any.typ.as_deref() {
            None => self.warn(
                "a schema without `type` whose keywords fit no single type is generated as any \
                 JSON value, `serde_json::Value`",
            ),
            Some(typ @ ("string" | "integer" | "number" | "boolean" | "array" | "object")) => {
                self.warn(format!(
                    "a `{typ}` schema with keywords or values that do not fit its type is \
                     generated as any JSON value, `serde_json::Value`"
                ));
            }
            Some(typ) => self.warn_in(
                "type",
                format!("type `{typ}` is generated as any JSON value, `serde_json::Value`"),
            ),
        }
    }

    /// The schema itself, or the one a `$ref` finally names; `None` when it cannot be followed.
    fn resolve<'s, S: Borrow<Schema>>(&'s self, schema: &'s ReferenceOr<S>) -> Option<&'s Schema> {
        resolve(self.refs, self.file, schema)
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
                // Items of no known shape (none given, a union) are not known to nest.
                match array.items.as_ref().and_then(|items| self.is_scalar(items)) {
                    Some(false) => Shape::NestedArray,
                    Some(true) | None => Shape::ScalarArray,
                }
            }
            _ => match self.is_scalar(schema) {
                Some(true) => Shape::Scalar,
                Some(false) => Shape::Object {
                    nested: self.has_nested_values(schema, &mut Vec::new()),
                },
                None => Shape::Unknown,
            },
        }
    }

    /// [`Self::shape`], and objects written as `allOf` or without `type` are objects too: a
    /// form field is not checked that far, a parameter's style is.
    fn parameter_shape(&self, schema: &ReferenceOr<Schema>) -> Shape {
        let object = |schema: &Schema| match &schema.schema_kind {
            SchemaKind::AllOf { .. } => true,
            SchemaKind::Any(any) => !any.properties.is_empty() || !any.all_of.is_empty(),
            _ => false,
        };
        match self.shape(schema) {
            Shape::Unknown if self.resolve(schema).is_some_and(object) => Shape::Object {
                nested: self.has_nested_values(schema, &mut Vec::new()),
            },
            shape => shape,
        }
    }

    /// Whether an object schema has a property (or, as a map, values) known to be a list or
    /// an object, through `allOf` members and `$ref`s; `visiting` ends a cycle.
    fn has_nested_values<S: Borrow<Schema>>(
        &self,
        schema: &ReferenceOr<S>,
        visiting: &mut Vec<String>,
    ) -> bool {
        if let ReferenceOr::Reference { reference } = schema {
            if visiting.contains(reference) {
                return false;
            }
            visiting.push(reference.clone());
        }
        let Some(resolved) = self.resolve(schema) else {
            return false;
        };
        if let SchemaKind::Type(Type::Object(object)) = &resolved.schema_kind
            && let Some(AdditionalProperties::Schema(values)) = &object.additional_properties
            && self.is_scalar(values.as_ref()) == Some(false)
        {
            return true;
        }
        let Some((properties, all_of)) = object_parts(resolved) else {
            return false;
        };
        let nested_property = properties
            .into_iter()
            .flatten()
            .any(|(_, property)| self.is_scalar(property) == Some(false));
        nested_property
            || all_of
                .iter()
                .any(|member| self.has_nested_values(member, visiting))
    }
}

/// A schema's `properties`, by name.
type Properties = indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>;

/// The properties an object-like schema declares itself, and the `allOf` members that add
/// theirs; `None` for schemas that are not objects.
fn object_parts(schema: &Schema) -> Option<(Option<&Properties>, &[ReferenceOr<Schema>])> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Some((Some(&object.properties), &[])),
        SchemaKind::AllOf { all_of } => Some((None, all_of)),
        SchemaKind::Any(any) => Some((Some(&any.properties), &any.all_of)),
        _ => None,
    }
}

/// The schema itself, or the one a `$ref` in `file` finally names, through component schemas
/// that are only `$ref`s; `None` when it cannot be followed.
fn resolve<'s, S: Borrow<Schema>>(
    refs: Refs<'s>,
    file: &'s SpecFile,
    schema: &'s ReferenceOr<S>,
) -> Option<&'s Schema> {
    match schema {
        ReferenceOr::Item(schema) => Some(schema.borrow()),
        ReferenceOr::Reference { reference } => {
            refs.final_schema(file, reference).map(|found| found.item)
        }
    }
}

/// Names the component schemas of a cycle of `$ref`s, `chain` ending where it started.
fn alias_cycle_message(chain: &[&str]) -> String {
    let shown = chain.join(" → ");
    let members = &chain[..chain.len() - 1];
    let quoted: Vec<String> = members.iter().map(|name| format!("`{name}`")).collect();
    match quoted.as_slice() {
        [one] => {
            format!("component schema {one} is a `$ref` to itself ({shown}), so it has no type")
        }
        [first, second] => format!(
            "component schemas {first} and {second} are `$ref`s to each other ({shown}), so \
             neither has a type"
        ),
        [init @ .., last] => format!(
            "component schemas {} and {last} are `$ref`s round a cycle ({shown}), so none has a \
             type",
            init.join(", ")
        ),
        [] => String::new(),
    }
}

/// The `in` of a parameter: names may repeat across locations.
fn location_name(parameter: &Parameter) -> &'static str {
    match parameter {
        Parameter::Query { .. } => "query",
        Parameter::Header { .. } => "header",
        Parameter::Path { .. } => "path",
        Parameter::Cookie { .. } => "cookie",
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
        parse_spec(Path::new(path), &text).expect("the test spec must load")
    }

    /// Each diagnostic as shown, warnings marked as such.
    fn check_files(files: &[SpecFile]) -> Vec<String> {
        validate(files)
            .iter()
            .map(|diagnostic| match diagnostic.severity {
                crate::Severity::Error => diagnostic.to_string(),
                crate::Severity::Warning => format!("warning: {diagnostic}"),
            })
            .collect()
    }

    /// Validates one file, `spec/a.yaml`, whose text is `body` after the common header.
    fn check(body: &str) -> Vec<String> {
        check_files(&[file("spec/a.yaml", body)])
    }

    #[test]
    fn tags_must_be_distinct_and_not_empty() {
        let body = "
paths:
  /things:
    get:
      operationId: getThings
      responses: {'204': {description: done}}
    post:
      operationId: postThings
      tags: [Things, Stuff, Things, '']
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "warning: spec/a.yaml: #/paths/~1things/post/tags/2: tag `Things` is listed twice; it counts once",
                "warning: spec/a.yaml: #/paths/~1things/post/tags/3: an empty tag is ignored",
            ]
        );
    }

    #[test]
    fn operation_servers_warn_and_callbacks_are_ignored() {
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
                "warning: spec/a.yaml: #/paths/~1things/post/servers: operation-level `servers` are not honoured yet: the operation goes to the client's base URL",
            ]
        );
    }

    #[test]
    fn path_item_refs_take_the_named_item_and_path_servers_warn() {
        // What the item says is reported once, where it is written; what the referring path
        // changes (its template) is reported at the item, naming that path.
        let body = "
paths:
  /things:
    $ref: '#/paths/~1others'
  /things/{id}:
    $ref: '#/paths/~1others'
  /elsewhere:
    $ref: '#/paths/~1nowhere'
  /stuff:
    $ref: '#/components/schemas/Thing'
  /others:
    parameters:
      - {name: q, in: query, schema: {type: string}}
    servers: [{url: 'https://example.com'}]
    get:
      operationId: getOthers
      tags: [Things]
      responses: {'204': {description: done}}
components:
  schemas:
    Thing: {type: string}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1others/get: path variable `{id}` has no `in: path` \
                 parameter (as path `/things/{id}`, whose `$ref` at spec/a.yaml#/paths/~1things~1{id} \
                 names this item)",
                "spec/a.yaml: #/paths/~1elsewhere: path item `$ref` `#/paths/~1nowhere` does not \
                 resolve",
                "spec/a.yaml: #/paths/~1stuff: path item `$ref` `#/components/schemas/Thing` names \
                 a schema, not a path item",
                "warning: spec/a.yaml: #/paths/~1others/servers: path-level `servers` are not honoured yet: its operations go to the client's base URL",
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
    fn parameter_refs_must_resolve_and_cookies_and_content_generate() {
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
          content: {application/json: {schema: {$ref: '#/components/schemas/Missing'}}}
        - {name: note, in: query, content: {text/plain: {schema: {type: string}}}}
        - {name: doc, in: header, content: {application/xml: {schema: {type: object}}}}
        - {name: blank, in: query, content: {}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things/get/parameters/0: parameter `$ref` \
                 `#/components/parameters/PageSize` does not resolve",
                "spec/a.yaml: #/paths/~1things/get/parameters/3/content/application~1json/schema: \
                 `$ref` `#/components/schemas/Missing` does not resolve",
                "warning: spec/a.yaml: #/paths/~1things/get/parameters/5/content/application~1xml: \
                 parameter `doc` is `application/xml`, which the client does not encode: it is \
                 a `String` sent as given",
                "warning: spec/a.yaml: #/paths/~1things/get/parameters/6/content: parameter \
                 `blank` has an empty `content`: it is a `String` sent as given",
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
        - {name: q, in: query, schema: {type: integer}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1things~1{q}/get/parameters/2: parameter `q` is declared \
                 more than once",
            ]
        );
    }

    #[test]
    fn parameter_values_nested_beyond_one_level_are_json_text() {
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
        - {name: where, in: query, schema: {$ref: '#/components/schemas/Filter'}}
        - {name: grid, in: query, schema: {type: array, items: {type: array, items: {type: integer}}}}
        - {name: tree, in: header, schema: {$ref: '#/components/schemas/Tree'}}
        - {name: labels, in: cookie, schema: {type: object, additionalProperties: {type: array}}}
        - {name: deep, in: query, style: deepObject, schema: {$ref: '#/components/schemas/Tree'}}
        - {name: any, in: query, schema: {type: object}}
      responses: {'204': {description: done}}
components:
  schemas:
    Filter: {type: object, properties: {name: {type: string}}}
    Kind: {type: string, enum: [big, small]}
    Tree:
      allOf:
        - $ref: '#/components/schemas/Filter'
        - {properties: {children: {type: array, items: {$ref: '#/components/schemas/Tree'}}}}
";
        let at = "spec/a.yaml: #/paths/~1things~1{ids}~1{filter}~1{kind}/get/parameters";
        let inner = "which style `{}` cannot write: each inner one is sent as its JSON text";
        assert_eq!(
            check(body),
            [
                format!(
                    "warning: {at}/5/schema: parameter `grid` holds lists or objects inside a \
                     list or an object, {}",
                    inner.replace("{}", "form")
                ),
                format!(
                    "warning: {at}/6/schema: parameter `tree` holds lists or objects inside a \
                     list or an object, {}",
                    inner.replace("{}", "simple")
                ),
                format!(
                    "warning: {at}/7/schema: parameter `labels` holds lists or objects inside a \
                     list or an object, {}",
                    inner.replace("{}", "form")
                ),
            ]
        );
    }

    #[test]
    fn parameter_styles_outside_the_spec_table_warn() {
        let body = "
paths:
  /things/{id}/{at}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: id, in: path, required: true, style: label, schema: {type: string}}
        - {name: at, in: path, required: true, style: matrix, explode: true, schema: {type: object}}
        - {name: a, in: query, style: form, schema: {type: string}}
        - {name: b, in: query, style: pipeDelimited, schema: {type: array, items: {type: string}}}
        - {name: c, in: query, style: spaceDelimited, schema: {type: integer}}
        - {name: d, in: query, style: pipeDelimited, explode: true, schema: {type: array}}
        - {name: e, in: query, style: deepObject, schema: {type: boolean}}
        - {name: f, in: query, style: deepObject, schema: {type: array, items: {type: string}}}
        - {name: g, in: query, style: deepObject, explode: true, schema: {type: object}}
      responses: {'204': {description: done}}
";
        let at = "spec/a.yaml: #/paths/~1things~1{id}~1{at}/get/parameters";
        assert_eq!(
            check(body),
            [
                format!(
                    "warning: {at}/4/style: parameter `c` has style `spaceDelimited`, which \
                     joins the items of a list or an object; its one value is sent as \
                     `c=value`, as `form` sends it"
                ),
                format!(
                    "warning: {at}/5/style: parameter `d` has style `pipeDelimited` with \
                     `explode: true`, which joins nothing: it is sent as exploded `form` is, a \
                     pair per item"
                ),
                format!(
                    "warning: {at}/6/style: parameter `e` has style `deepObject`, which is for \
                     objects; its one value is sent as `e=value`"
                ),
                format!(
                    "warning: {at}/7/style: parameter `f` has style `deepObject`, which is for \
                     objects; the list's items are sent by index, `f[0]=value`"
                ),
            ]
        );
    }

    #[test]
    fn form_fields_may_hold_anything_and_only_unwritable_encodings_warn() {
        let body = "
paths:
  /tokens:
    post:
      operationId: postTokens
      tags: [T]
      requestBody:
        content:
          application/x-www-form-urlencoded:
            schema:
              type: object
              properties:
                any: {}
                list: {type: array}
                composed: {allOf: [{type: string}]}
                device: {type: object}
                metadata: {type: object}
                json: {type: object}
                xml: {type: object}
                styled: {type: object}
                note: {type: string}
            encoding:
              metadata: {style: deepObject, explode: true}
              json: {contentType: application/vnd.api+json}
              xml: {contentType: application/xml}
              styled: {contentType: application/xml, style: form}
              note: {contentType: application/xml}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "warning: spec/a.yaml: #/paths/~1tokens/post/requestBody/content/\
                 application~1x-www-form-urlencoded/encoding/xml: form field `xml` is \
                 sent as its JSON text: its `contentType` `application/xml` is neither JSON nor \
                 text, which the client cannot write",
            ]
        );
    }

    #[test]
    fn request_bodies_take_any_media_type() {
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
          text/plain: {schema: {type: object}}
          application/json: {schema: {type: string}}
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
  /e:
    post:
      operationId: e
      tags: [T]
      requestBody:
        content:
          application/xml: {schema: {type: object}}
          text/plain: {schema: {type: object}}
      responses: {'204': {description: done}}
  /f:
    post:
      operationId: f
      tags: [T]
      requestBody:
        content:
          multipart/form-data: {schema: {type: object}}
      responses: {'204': {description: done}}
  /g:
    post:
      operationId: g
      tags: [T]
      requestBody:
        content:
          application/octet-stream: {schema: {type: string, format: binary}}
      responses: {'204': {description: done}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1a/post/requestBody: request body `$ref` `#/components/requestBodies/Thing` does not resolve",
                "warning: spec/a.yaml: #/paths/~1d/post/requestBody: the request body lists no media type in `content`; no body is sent",
                "warning: spec/a.yaml: #/paths/~1e/post/requestBody/content/text~1plain: `text/plain` body is sent as a `String`: its schema is not encoded",
                "warning: spec/a.yaml: #/paths/~1f/post/requestBody/content/multipart~1form-data: `multipart/form-data` body is sent as the bytes (`bytes::Bytes`) given, which the caller encodes; set its `Content-Type` with the boundary through `.header(..)`",
            ]
        );
    }

    #[test]
    fn responses_take_ranges_and_any_media_type() {
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
        '2XX': {description: ok, content: {application/xml: {schema: {type: object}}}}
        '404': {description: missing, content: {application/xml: {schema: {type: object}}}}
        default: {description: error, content: {application/xml: {schema: {type: object}}}}
  /c:
    get:
      operationId: c
      tags: [T]
      responses:
        '200': {description: ok, content: {application/json: {}}}
  /d:
    get:
      operationId: d
      tags: [T]
      responses:
        default: {description: any, content: {application/xml: {schema: {type: object}}}}
  /e:
    get:
      operationId: e
      tags: [T]
      responses:
        default: {description: any, content: {'*/*': {schema: {}}}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1a/get/responses/200: response `$ref` `#/components/responses/Ok` does not resolve",
                "warning: spec/a.yaml: #/paths/~1b/get/responses/2XX/content/application~1xml: `application/xml` response is read as bytes (`bytes::Bytes`): its schema is not decoded",
                "warning: spec/a.yaml: #/paths/~1d/get/responses/default/content/application~1xml: `application/xml` response is read as bytes (`bytes::Bytes`): its schema is not decoded",
            ]
        );
    }

    #[test]
    fn references_must_name_a_schema_that_exists() {
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
        loop: {$ref: '#/components/schemas/Thing/properties/loop'}
        far: {$ref: '#/paths/~1things/post/parameters/0/schema/items'}
        list: {type: array, items: {$ref: '#/components/schemas/Missing'}}
        map: {type: object, additionalProperties: {$ref: '#/components/schemas/Gone'}}
  parameters:
    Size: {name: size, in: query, schema: {type: integer}}
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
                 `#/components/parameters/Size` names a parameter, not a schema",
                "spec/a.yaml: #/components/schemas/Thing/properties/other: `$ref` \
                 `other.yaml#/components/schemas/Other` points into `other.yaml`, which is not \
                 one of the loaded spec files",
                "spec/a.yaml: #/components/schemas/Thing/properties/loop: `$ref` \
                 `#/components/schemas/Thing/properties/loop` leads round a cycle of `$ref`s \
                 (#/components/schemas/Thing/properties/loop → \
                 #/components/schemas/Thing/properties/loop), so it names no schema",
                "spec/a.yaml: #/components/schemas/Thing/properties/far: `$ref` \
                 `#/paths/~1things/post/parameters/0/schema/items` does not resolve",
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
    fn component_schemas_that_are_only_refs_are_aliases_unless_they_go_round() {
        let body = "
paths: {}
components:
  schemas:
    Thing: {type: object, properties: {id: {type: string}}}
    Alias: {$ref: '#/components/schemas/Thing'}
    AliasOfAlias: {$ref: '#/components/schemas/Alias'}
    Part: {$ref: '#/components/schemas/Thing/properties/id'}
    Ping: {$ref: '#/components/schemas/Pong'}
    Pong: {$ref: '#/components/schemas/Ping'}
    Me: {$ref: '#/components/schemas/Me'}
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/components/schemas/C'}
    C: {$ref: '#/components/schemas/A'}
    IntoCycle: {$ref: '#/components/schemas/Ping'}
    Nowhere: {$ref: '#/components/schemas/Gone'}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/Ping: component schemas `Ping` and `Pong` are \
                 `$ref`s to each other (Ping → Pong → Ping), so neither has a type",
                "spec/a.yaml: #/components/schemas/Me: component schema `Me` is a `$ref` to \
                 itself (Me → Me), so it has no type",
                "spec/a.yaml: #/components/schemas/A: component schemas `A`, `B` and `C` are \
                 `$ref`s round a cycle (A → B → C → A), so none has a type",
                "spec/a.yaml: #/components/schemas/Nowhere: `$ref` `#/components/schemas/Gone` \
                 does not resolve",
            ]
        );
    }

    #[test]
    fn composed_schemas_are_checked_member_by_member() {
        let body = "
paths: {}
components:
  schemas:
    A: {allOf: [{type: string}]}
    B: {oneOf: [{type: string}, {type: integer, format: int8}]}
    C: {anyOf: [{$ref: '#/components/schemas/Missing'}]}
    D: {not: {type: string}}
    E:
      type: object
      properties: {a: {type: string}}
      oneOf: [{required: [a]}]
    F:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {type: string}]
      discriminator:
        propertyName: kind
        mapping: {dog: '#/components/schemas/Dog'}
    Cat: {type: object, properties: {name: {type: string}}}
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/components/schemas/C/anyOf/0: `$ref` `#/components/schemas/Missing` does not resolve",
                "warning: spec/a.yaml: #/components/schemas/D/not: `not` is generated as any JSON value, `serde_json::Value`",
                "warning: spec/a.yaml: #/components/schemas/E/properties: `properties` beside `allOf`, `oneOf` or `anyOf` get no fields of their own: they are kept with the unknown properties when present",
                "warning: spec/a.yaml: #/components/schemas/E/oneOf/0/required/0: required property `a` is not declared in `properties`; it has no field, and is kept with the unknown properties when present",
                "warning: spec/a.yaml: #/components/schemas/F/discriminator: the discriminator is not used, as a member is written in place rather than a `$ref` to a component: a value decodes to the first member it fits",
            ]
        );
    }

    #[test]
    fn all_of_members_share_properties_for_required_and_discriminators() {
        let body = "
paths: {}
components:
  schemas:
    Base:
      type: object
      required: [kind]
      properties: {kind: {type: string}, name: {type: string}}
    Cat:
      allOf:
        - $ref: '#/components/schemas/Base'
        - type: object
          required: [name, lives]
          properties: {lives: {type: integer}}
    Dog:
      allOf:
        - $ref: '#/components/schemas/Cat'
        - required: [name, bark]
    Pet:
      oneOf: [{$ref: '#/components/schemas/Cat'}, {$ref: '#/components/schemas/Dog'}]
      discriminator: {propertyName: kind}
    Odd:
      oneOf: [{$ref: '#/components/schemas/Cat'}]
      discriminator: {propertyName: colour, mapping: {dog: '#/components/schemas/Dog'}}
";
        assert_eq!(
            check(body),
            [
                "warning: spec/a.yaml: #/components/schemas/Dog/allOf/1/required/1: required property `bark` is declared by no `allOf` member; it has no field, and is kept with the unknown properties when present",
                "warning: spec/a.yaml: #/components/schemas/Odd/discriminator: member `#/components/schemas/Cat` does not declare the property `colour`: a value read keeps its tag with the unknown properties, and a value built in Rust must put it there",
                "warning: spec/a.yaml: #/components/schemas/Odd/discriminator/mapping/dog: `#/components/schemas/Dog` is not one of the members: a value with this tag decodes to the union's unknown variant",
            ]
        );
    }

    #[test]
    fn untyped_schemas_are_objects_or_any_json_value() {
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
        strange: {type: 'null'}
";
        assert_eq!(
            check(body),
            [
                "warning: spec/a.yaml: #/components/schemas/Thing/properties/strange/type: type `null` is generated as any JSON value, `serde_json::Value`",
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
        // Every format is a string in JSON: `byte` is base64 text, `binary` raw text.
        assert!(check(body).is_empty());
    }

    #[test]
    fn string_enum_values_may_be_null_empty_or_repeated() {
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
                "warning: spec/a.yaml: #/components/schemas/State/enum/4: `enum` value `active` is listed twice; it is one variant",
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
                "warning: spec/a.yaml: #/components/schemas/Thing/properties/i/enum: an `enum` of numbers is generated as the number, `f64`; its values are not checked",
            ]
        );
    }

    #[test]
    fn arrays_without_items_hold_any_json_value() {
        let body = "
paths: {}
components:
  schemas:
    List: {type: array}
";
        assert_eq!(check(body), Vec::<String>::new());
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
      additionalProperties: {type: string, format: int7}
";
        assert_eq!(
            check(body),
            [
                "warning: spec/a.yaml: #/components/schemas/Thing/properties/both/additionalProperties: the properties beyond `properties` are kept as JSON values in the struct's `unknown_fields`, not checked against this schema",
                "warning: spec/a.yaml: #/components/schemas/Thing/required/1: required property `name` is not declared in `properties`; it has no field, and is kept with the unknown properties when present",
            ]
        );
    }

    #[test]
    fn schema_names_may_be_any_text_but_empty() {
        let body = "
paths: {}
components:
  schemas:
    Good_1: {type: string}
    1st: {type: string}
    _Odd.name-here: {type: string}
    '': {type: string}
";
        assert_eq!(
            check(body),
            ["spec/a.yaml: #/components/schemas/: component schema name is empty"]
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
        - {name: at, in: query, schema: {type: integer, format: int7}}
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
                "spec/a.yaml: #/paths/~1things/post/requestBody/content/application~1json/schema/items/properties/a/allOf: `allOf` has no member",
            ]
        );
    }

    #[test]
    fn components_are_checked_and_the_kinds_a_client_needs_not_are_ignored() {
        let body = "
paths: {}
components:
  securitySchemes:
    Token: {type: http, scheme: bearer}
  parameters:
    PageSize: {name: pageSize, in: query, schema: {type: integer, format: int7}}
  responses:
    Ok: {description: ok, content: {application/xml: {}}}
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
        assert_eq!(check(body), Vec::<String>::new());
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
        kind: {type: integer, enum: [1, 1]}
      required: [id]
";
        assert_eq!(
            check(body),
            [
                "spec/a.yaml: #/paths/~1users~1{userId}/get/parameters/0: path parameter `userId` must have `required: true`",
                "spec/a.yaml: #/paths/~1users~1{userId}/get/responses/200/content/application~1json/schema: `$ref` `#/components/schemas/Person` does not resolve",
                "spec/a.yaml: #/components/schemas/User/properties/manager: `$ref` `#/components/schemas/Manager` does not resolve",
                "warning: spec/a.yaml: #/components/schemas/User/properties/kind/enum/1: `enum` value `1` is listed twice; it is one variant",
                "warning: spec/a.yaml: #/components/schemas/User/required/0: required property `id` is not declared in `properties`; it has no field, and is kept with the unknown properties when present",
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
