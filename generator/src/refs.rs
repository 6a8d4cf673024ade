//! Follows `$ref`s: a JSON pointer into the loaded spec files, to the object its place needs.
//!
//! References are resolved in the typed documents that `openapiv3` parsed, not rewritten in
//! the YAML before parsing: every object keeps the one place it is written at, so a schema
//! referred to from many places is lowered once (its type is keyed by that place), and each
//! diagnostic names the file and pointer where the text at fault really is.
//!
//! A pointer is walked step by step through the OpenAPI objects that hold schemas, parameters,
//! bodies, responses and path items. A `$ref` met on the way is followed, so
//! `#/paths/~1a/get/parameters/0/schema` reaches the schema of the component parameter that
//! `parameters/0` names. The files are merged, so `#/components/<section>/<name>` finds the
//! first file that defines that name; any other local pointer stays in the referring file, and
//! `other.yaml#/...` names a loaded file by its path relative to the referring one.

use std::borrow::Cow;
use std::fmt;
use std::path::{Component, Path, PathBuf};

use openapiv3::{
    AdditionalProperties, Components, Content, MediaType, OpenAPI, Operation, Parameter,
    ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Response, Responses, Schema,
    SchemaKind, StatusCode, Type,
};

use crate::diagnostic::Pointer;
use crate::load::SpecFile;

/// How many `$ref`s one resolution follows before it calls the chain a cycle: far more than
/// any real chain, and a bound on pointers that lead into themselves mid-way.
const MAX_HOPS: usize = 64;

/// What a pointer leads to, seen as the generator reads it.
#[derive(Clone, Copy)]
pub enum Node<'a> {
    /// `#`.
    Document(&'a OpenAPI),
    /// `#/paths`.
    Paths(&'a openapiv3::Paths),
    /// `#/paths/~1a`.
    PathItem(&'a PathItem),
    /// `#/paths/~1a/get`.
    Operation(&'a Operation),
    /// The `parameters` of a path item or an operation.
    Parameters(&'a [ReferenceOr<Parameter>]),
    /// One parameter.
    Parameter(&'a Parameter),
    /// An operation's `requestBody`, or a component request body.
    RequestBody(&'a RequestBody),
    /// An operation's `responses`.
    Responses(&'a Responses),
    /// One response.
    Response(&'a Response),
    /// The `content` of a body, a response or a parameter.
    Content(&'a Content),
    /// One media type of a `content`.
    MediaType(&'a MediaType),
    /// `#/components`.
    Components(&'a Components),
    /// One section of `components`.
    Section(&'a Components, Section),
    /// A schema, wherever it is written.
    Schema(&'a Schema),
    /// A schema's `properties`.
    Properties(&'a indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>),
    /// The members of an `allOf`, `oneOf` or `anyOf`.
    Members(&'a [ReferenceOr<Schema>]),
    /// A `$ref` where an object could stand, reached as the pointer's last step.
    Reference(&'a str),
}

/// The sections of `components` that hold what operations use.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Section {
    /// `schemas`.
    Schemas,
    /// `parameters`.
    Parameters,
    /// `requestBodies`.
    RequestBodies,
    /// `responses`.
    Responses,
}

impl Section {
    fn from_token(token: &str) -> Option<Self> {
        match token {
            "schemas" => Some(Self::Schemas),
            "parameters" => Some(Self::Parameters),
            "requestBodies" => Some(Self::RequestBodies),
            "responses" => Some(Self::Responses),
            _ => None,
        }
    }

    fn has(self, components: &Components, name: &str) -> bool {
        match self {
            Self::Schemas => components.schemas.contains_key(name),
            Self::Parameters => components.parameters.contains_key(name),
            Self::RequestBodies => components.request_bodies.contains_key(name),
            Self::Responses => components.responses.contains_key(name),
        }
    }
}

impl Node<'_> {
    /// What the node is, for a message that says a `$ref` names the wrong kind of object.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Document(_) => "the whole document",
            Self::Paths(_) => "the `paths` object",
            Self::PathItem(_) => "a path item",
            Self::Operation(_) => "an operation",
            Self::Parameters(_) => "a list of parameters",
            Self::Parameter(_) => "a parameter",
            Self::RequestBody(_) => "a request body",
            Self::Responses(_) => "the responses of an operation",
            Self::Response(_) => "a response",
            Self::Content(_) => "a `content` map",
            Self::MediaType(_) => "a media type object",
            Self::Components(_) => "the `components` object",
            Self::Section(..) => "a section of `components`",
            Self::Schema(_) => "a schema",
            Self::Properties(_) => "a schema's `properties`",
            Self::Members(_) => "a list of `allOf`, `oneOf` or `anyOf` members",
            Self::Reference(_) => "a `$ref`",
        }
    }
}

/// An object and where it is written.
#[derive(Clone)]
pub struct Located<'a, T> {
    /// The file that holds it; `$ref`s inside it are relative to this file.
    pub file: &'a SpecFile,
    /// Its place in that file.
    pub pointer: Pointer,
    /// The object.
    pub item: T,
}

/// Where a schema `$ref` leads.
pub enum SchemaTarget<'a> {
    /// A component schema, by name: it has a type of its own, and is checked where it stands.
    Component(&'a str),
    /// A schema written anywhere else (a property, an array's items, a parameter's schema...).
    Inline(Located<'a, &'a Schema>),
}

/// Why a `$ref` leads to no object of the kind its place needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefError {
    /// `other.yaml#/...` names a file that is not among the loaded spec files.
    NotLoaded(String),
    /// The fragment is not a JSON pointer (`#/...`).
    NotAPointer,
    /// Nothing the generator reads is at the pointer: `at` is the first place that is missing.
    Missing {
        /// The pointer of the first missing step.
        at: String,
    },
    /// The pointer names an object of another kind, at `at`.
    WrongKind {
        /// What the object is ([`Node::kind`]).
        found: &'static str,
        /// Where it is.
        at: String,
    },
    /// The `$ref`s lead back to one already followed; the references in order.
    Cycle(Vec<String>),
}

impl RefError {
    /// The problem as a sentence about `reference`, for a place that needs `wanted` (`a
    /// schema`): `` `$ref` `#/a/b` does not resolve ``.
    pub fn message(&self, reference: &str, wanted: &str) -> String {
        // The place is worth showing only when it is not the reference itself.
        let at_other = |at: &str| {
            if reference == at {
                String::new()
            } else {
                format!(" (at `{at}`)")
            }
        };
        match self {
            Self::NotLoaded(file) => format!(
                "`$ref` `{reference}` points into `{file}`, which is not one of the loaded spec \
                 files"
            ),
            Self::NotAPointer => {
                format!("`$ref` `{reference}` is not a JSON pointer (`#/...`)")
            }
            // Where the walk stopped is rarely worth more than the reference itself.
            Self::Missing { .. } => format!("`$ref` `{reference}` does not resolve"),
            Self::WrongKind { found, at } => format!(
                "`$ref` `{reference}` names {found}{}, not {wanted}",
                at_other(at)
            ),
            Self::Cycle(chain) => format!(
                "`$ref` `{reference}` leads round a cycle of `$ref`s ({}), so it names no {}",
                chain.join(" → "),
                wanted.trim_start_matches("a ").trim_start_matches("an ")
            ),
        }
    }
}

/// Resolves `$ref`s across the loaded spec files.
#[derive(Clone, Copy)]
pub struct Refs<'a> {
    files: &'a [SpecFile],
}

impl<'a> Refs<'a> {
    /// Resolves within `files`, merged as the generator merges them.
    pub fn new(files: &'a [SpecFile]) -> Self {
        Self { files }
    }

    /// The object at `reference`, a `$ref` written in `from`; `$ref`s met before the last
    /// step are followed, one at the last step is returned as [`Node::Reference`].
    pub fn locate(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<Located<'a, Node<'a>>, RefError> {
        self.locate_within(from, reference, 0)
    }

    fn locate_within(
        &self,
        from: &'a SpecFile,
        reference: &str,
        hops: usize,
    ) -> Result<Located<'a, Node<'a>>, RefError> {
        if hops > MAX_HOPS {
            return Err(RefError::Cycle(vec![reference.to_owned()]));
        }
        let (file_part, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let mut file = if file_part.is_empty() {
            from
        } else {
            self.loaded(from, file_part)
                .ok_or_else(|| RefError::NotLoaded(file_part.to_owned()))?
        };
        let tokens = pointer_tokens(fragment).ok_or(RefError::NotAPointer)?;
        // Component names are shared by all files: the first file that defines the name
        // holds the one definition the generator uses.
        if file_part.is_empty()
            && let [first, section, name, ..] = tokens.as_slice()
            && first == "components"
            && let Some(section) = Section::from_token(section)
            && let Some(owner) = self.files.iter().find(|file| {
                file.api
                    .components
                    .as_ref()
                    .is_some_and(|components| section.has(components, name))
            })
        {
            file = owner;
        }
        self.walk(file, &tokens, hops)
    }

    /// The object at `pointer`, a place the generator made, in `file`.
    pub fn at(&self, file: &'a SpecFile, pointer: &Pointer) -> Option<Located<'a, Node<'a>>> {
        self.walk(file, &place_tokens(pointer), 0).ok()
    }

    /// Walks `tokens` down from `file`'s root, following the `$ref`s met on the way.
    fn walk(
        &self,
        mut file: &'a SpecFile,
        tokens: &[String],
        hops: usize,
    ) -> Result<Located<'a, Node<'a>>, RefError> {
        let mut node = Node::Document(&file.api);
        let mut pointer = Pointer::root();
        for token in tokens {
            // A `$ref` on the way: the pointer goes on from the object it names.
            let mut followed = hops;
            while let Node::Reference(inner) = node {
                followed += 1;
                let target = self.locate_within(file, inner, followed)?;
                (file, pointer, node) = (target.file, target.pointer, target.item);
            }
            node = step(node, token).ok_or_else(|| RefError::Missing {
                at: pointer.join(token).to_string(),
            })?;
            pointer = pointer.join(token);
        }
        Ok(Located {
            file,
            pointer,
            item: node,
        })
    }

    /// The loaded file that `name` (a path relative to `from`'s folder) names.
    fn loaded(&self, from: &SpecFile, name: &str) -> Option<&'a SpecFile> {
        let folder = from.path.parent().unwrap_or(Path::new(""));
        let wanted = normalize(&folder.join(percent_decode(name).as_ref()));
        self.files
            .iter()
            .find(|file| normalize(&file.path) == wanted)
    }

    /// Follows `reference` and the `$ref`s it leads to until an object that `pick` takes.
    fn follow<T>(
        &self,
        from: &'a SpecFile,
        reference: &str,
        pick: impl Fn(Node<'a>) -> Option<T>,
    ) -> Result<Located<'a, T>, RefError> {
        let mut chain = vec![reference.to_owned()];
        let mut located = self.locate(from, reference)?;
        let mut seen = vec![(located.file.path.as_path(), located.pointer.to_string())];
        loop {
            if let Node::Reference(next) = located.item {
                let file = located.file;
                located = self.locate(file, next)?;
                let place = (located.file.path.as_path(), located.pointer.to_string());
                chain.push(next.to_owned());
                if seen.contains(&place) || seen.len() > MAX_HOPS {
                    return Err(RefError::Cycle(chain));
                }
                seen.push(place);
                continue;
            }
            return match pick(located.item) {
                Some(item) => Ok(Located {
                    file: located.file,
                    pointer: located.pointer,
                    item,
                }),
                None => Err(RefError::WrongKind {
                    found: located.item.kind(),
                    at: located.pointer.to_string(),
                }),
            };
        }
    }

    /// Where a schema `$ref` in `from` leads: the component schema it reaches first (each
    /// component is its own type, a `$ref` of its own included), or the schema it ends at.
    pub fn schema(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<SchemaTarget<'a>, RefError> {
        // Nearly every `$ref` names a component plainly: found without walking a pointer.
        if let Some(name) = reference.strip_prefix("#/components/schemas/")
            && !name.contains(['/', '~', '%'])
            && let Some(name) = self.files.iter().find_map(|file| {
                let components = file.api.components.as_ref()?;
                let (name, _) = components.schemas.get_key_value(name)?;
                Some(name.as_str())
            })
        {
            return Ok(SchemaTarget::Component(name));
        }
        let mut chain = vec![reference.to_owned()];
        let mut located = self.locate(from, reference)?;
        let mut seen = vec![(located.file.path.as_path(), located.pointer.to_string())];
        loop {
            if let Some(name) = component_schema_name(&located.pointer) {
                // The name as the file writes it, borrowed from the document.
                let name = located
                    .file
                    .api
                    .components
                    .as_ref()
                    .and_then(|components| components.schemas.get_key_value(name.as_str()))
                    .map(|(name, _)| name.as_str());
                if let Some(name) = name {
                    return Ok(SchemaTarget::Component(name));
                }
            }
            match located.item {
                Node::Schema(schema) => {
                    return Ok(SchemaTarget::Inline(Located {
                        file: located.file,
                        pointer: located.pointer,
                        item: schema,
                    }));
                }
                Node::Reference(next) => {
                    let file = located.file;
                    located = self.locate(file, next)?;
                    let place = (located.file.path.as_path(), located.pointer.to_string());
                    chain.push(next.to_owned());
                    if seen.contains(&place) || seen.len() > MAX_HOPS {
                        return Err(RefError::Cycle(chain));
                    }
                    seen.push(place);
                }
                other => {
                    return Err(RefError::WrongKind {
                        found: other.kind(),
                        at: located.pointer.to_string(),
                    });
                }
            }
        }
    }

    /// The schema a `$ref` in `from` finally holds, through component schemas that are only
    /// `$ref`s; `None` when it leads nowhere or round a cycle (validation reports both).
    pub fn final_schema(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Option<Located<'a, &'a Schema>> {
        let (mut file, mut reference) = (from, reference);
        for _ in 0..MAX_HOPS {
            match self.schema(file, reference).ok()? {
                SchemaTarget::Inline(located) => return Some(located),
                SchemaTarget::Component(name) => {
                    let (owner, schema) = self.component_schema(name)?;
                    match schema {
                        ReferenceOr::Item(schema) => {
                            return Some(Located {
                                file: owner,
                                pointer: component_schema_pointer(name),
                                item: schema,
                            });
                        }
                        ReferenceOr::Reference { reference: next } => {
                            (file, reference) = (owner, next);
                        }
                    }
                }
            }
        }
        None
    }

    /// A component schema by name, and the file whose definition stands for all.
    pub fn component_schema(&self, name: &str) -> Option<(&'a SpecFile, &'a ReferenceOr<Schema>)> {
        self.files.iter().find_map(|file| {
            let schema = file.api.components.as_ref()?.schemas.get(name)?;
            Some((file, schema))
        })
    }

    /// The parameter a `$ref` in `from` names, through `$ref`s to `$ref`s.
    pub fn parameter(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<Located<'a, &'a Parameter>, RefError> {
        self.follow(from, reference, |node| match node {
            Node::Parameter(parameter) => Some(parameter),
            _ => None,
        })
    }

    /// The request body a `$ref` in `from` names, through `$ref`s to `$ref`s.
    pub fn request_body(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<Located<'a, &'a RequestBody>, RefError> {
        self.follow(from, reference, |node| match node {
            Node::RequestBody(body) => Some(body),
            _ => None,
        })
    }

    /// The response a `$ref` in `from` names, through `$ref`s to `$ref`s.
    pub fn response(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<Located<'a, &'a Response>, RefError> {
        self.follow(from, reference, |node| match node {
            Node::Response(response) => Some(response),
            _ => None,
        })
    }

    /// The path item a `$ref` in `from` names, through `$ref`s to `$ref`s.
    pub fn path_item(
        &self,
        from: &'a SpecFile,
        reference: &str,
    ) -> Result<Located<'a, &'a PathItem>, RefError> {
        self.follow(from, reference, |node| match node {
            Node::PathItem(item) => Some(item),
            _ => None,
        })
    }

    /// A parameter written in place, or the one its `$ref` names, with where it is written.
    pub fn parameter_or_ref(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        parameter: &'a ReferenceOr<Parameter>,
    ) -> Result<Located<'a, &'a Parameter>, RefError> {
        match parameter {
            ReferenceOr::Item(item) => Ok(Located {
                file,
                pointer: pointer.clone(),
                item,
            }),
            ReferenceOr::Reference { reference } => self.parameter(file, reference),
        }
    }

    /// A request body written in place, or the one its `$ref` names.
    pub fn request_body_or_ref(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        body: &'a ReferenceOr<RequestBody>,
    ) -> Result<Located<'a, &'a RequestBody>, RefError> {
        match body {
            ReferenceOr::Item(item) => Ok(Located {
                file,
                pointer: pointer.clone(),
                item,
            }),
            ReferenceOr::Reference { reference } => self.request_body(file, reference),
        }
    }

    /// A response written in place, or the one its `$ref` names.
    pub fn response_or_ref(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        response: &'a ReferenceOr<Response>,
    ) -> Result<Located<'a, &'a Response>, RefError> {
        match response {
            ReferenceOr::Item(item) => Ok(Located {
                file,
                pointer: pointer.clone(),
                item,
            }),
            ReferenceOr::Reference { reference } => self.response(file, reference),
        }
    }

    /// A path item written in place, or the one its `$ref` names.
    pub fn path_item_or_ref(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        item: &'a ReferenceOr<PathItem>,
    ) -> Result<Located<'a, &'a PathItem>, RefError> {
        match item {
            ReferenceOr::Item(item) => Ok(Located {
                file,
                pointer: pointer.clone(),
                item,
            }),
            ReferenceOr::Reference { reference } => self.path_item(file, reference),
        }
    }
}

/// One step down from `node`, at `token`; `None` when nothing the generator reads is there.
fn step<'a>(node: Node<'a>, token: &str) -> Option<Node<'a>> {
    fn or_ref<'a, T>(item: &'a ReferenceOr<T>, wrap: impl FnOnce(&'a T) -> Node<'a>) -> Node<'a> {
        match item {
            ReferenceOr::Item(item) => wrap(item),
            ReferenceOr::Reference { reference } => Node::Reference(reference),
        }
    }
    fn schema_or_ref<'a, S: std::borrow::Borrow<Schema>>(item: &'a ReferenceOr<S>) -> Node<'a> {
        or_ref(item, |schema| Node::Schema(schema.borrow()))
    }
    let index = || token.parse::<usize>().ok();
    Some(match node {
        Node::Document(api) => match token {
            "paths" => Node::Paths(&api.paths),
            "components" => Node::Components(api.components.as_ref()?),
            _ => return None,
        },
        Node::Paths(paths) => or_ref(paths.paths.get(token)?, Node::PathItem),
        Node::PathItem(item) => match token {
            "parameters" => Node::Parameters(&item.parameters),
            method => {
                let (_, operation) = item.iter().find(|(name, _)| *name == method)?;
                Node::Operation(operation)
            }
        },
        Node::Operation(operation) => match token {
            "parameters" => Node::Parameters(&operation.parameters),
            "requestBody" => or_ref(operation.request_body.as_ref()?, Node::RequestBody),
            "responses" => Node::Responses(&operation.responses),
            _ => return None,
        },
        Node::Parameters(parameters) => or_ref(parameters.get(index()?)?, Node::Parameter),
        Node::Parameter(parameter) => match (&parameter.parameter_data_ref().format, token) {
            (ParameterSchemaOrContent::Schema(schema), "schema") => schema_or_ref(schema),
            (ParameterSchemaOrContent::Content(content), "content") => Node::Content(content),
            _ => return None,
        },
        Node::RequestBody(body) => match token {
            "content" => Node::Content(&body.content),
            _ => return None,
        },
        Node::Responses(responses) => {
            let response = match token {
                "default" => responses.default.as_ref()?,
                status => responses.responses.get(&status_code(status)?)?,
            };
            or_ref(response, Node::Response)
        }
        Node::Response(response) => match token {
            "content" => Node::Content(&response.content),
            _ => return None,
        },
        Node::Content(content) => Node::MediaType(content.get(token)?),
        Node::MediaType(media) => match token {
            "schema" => schema_or_ref(media.schema.as_ref()?),
            _ => return None,
        },
        Node::Components(components) => Node::Section(components, Section::from_token(token)?),
        Node::Section(components, section) => match section {
            Section::Schemas => schema_or_ref(components.schemas.get(token)?),
            Section::Parameters => or_ref(components.parameters.get(token)?, Node::Parameter),
            Section::RequestBodies => {
                or_ref(components.request_bodies.get(token)?, Node::RequestBody)
            }
            Section::Responses => or_ref(components.responses.get(token)?, Node::Response),
        },
        Node::Schema(schema) => schema_step(schema, token)?,
        Node::Properties(properties) => schema_or_ref(properties.get(token)?),
        Node::Members(members) => schema_or_ref(members.get(index()?)?),
        Node::Reference(_) => return None,
    })
}

/// One step into a schema: its properties, items, additional properties and members.
fn schema_step<'a>(schema: &'a Schema, token: &str) -> Option<Node<'a>> {
    fn schema_or_ref<'a, S: std::borrow::Borrow<Schema>>(item: &'a ReferenceOr<S>) -> Node<'a> {
        match item {
            ReferenceOr::Item(schema) => Node::Schema(schema.borrow()),
            ReferenceOr::Reference { reference } => Node::Reference(reference),
        }
    }
    let additional = |additional: Option<&'a AdditionalProperties>| match additional? {
        AdditionalProperties::Schema(schema) => Some(schema_or_ref(schema.as_ref())),
        AdditionalProperties::Any(_) => None,
    };
    Some(match (&schema.schema_kind, token) {
        (SchemaKind::Type(Type::Object(object)), "properties") => {
            Node::Properties(&object.properties)
        }
        (SchemaKind::Type(Type::Object(object)), "additionalProperties") => {
            additional(object.additional_properties.as_ref())?
        }
        (SchemaKind::Type(Type::Array(array)), "items") => schema_or_ref(array.items.as_ref()?),
        (SchemaKind::AllOf { all_of: members }, "allOf")
        | (SchemaKind::OneOf { one_of: members }, "oneOf")
        | (SchemaKind::AnyOf { any_of: members }, "anyOf") => Node::Members(members),
        (SchemaKind::Not { not }, "not") => schema_or_ref(not.as_ref()),
        (SchemaKind::Any(any), _) => match token {
            "properties" => Node::Properties(&any.properties),
            "additionalProperties" => additional(any.additional_properties.as_ref())?,
            "items" => schema_or_ref(any.items.as_ref()?),
            "allOf" => Node::Members(&any.all_of),
            "oneOf" => Node::Members(&any.one_of),
            "anyOf" => Node::Members(&any.any_of),
            "not" => schema_or_ref(any.not.as_deref()?),
            _ => return None,
        },
        _ => return None,
    })
}

/// A status code as a response key writes it: `200`, `2XX` (any case).
fn status_code(token: &str) -> Option<StatusCode> {
    match token.as_bytes() {
        [digit, x, y] if x.eq_ignore_ascii_case(&b'x') && y.eq_ignore_ascii_case(&b'x') => {
            Some(StatusCode::Range(u16::from(digit.checked_sub(b'0')?)))
        }
        _ => token.parse().ok().map(StatusCode::Code),
    }
}

/// The reference tokens of a URI fragment (`/paths/~1a%7Bb%7D/get`, after the `#`): percent
/// escapes decoded first, then `~1` and `~0` (RFC 6901); `None` when it is not a pointer.
pub fn pointer_tokens(fragment: &str) -> Option<Vec<String>> {
    let fragment = percent_decode(fragment);
    if fragment.is_empty() {
        return Some(Vec::new());
    }
    let rest = fragment.strip_prefix('/')?;
    Some(
        rest.split('/')
            .map(|token| token.replace("~1", "/").replace("~0", "~"))
            .collect(),
    )
}

/// The name of the component schema that `pointer` names exactly (`#/components/schemas/X`).
pub fn component_schema_name(pointer: &Pointer) -> Option<String> {
    match place_tokens(pointer).as_slice() {
        [first, section, name] if first == "components" && section == "schemas" => {
            Some(name.clone())
        }
        _ => None,
    }
}

/// The tokens of a pointer the generator made (`Pointer` escapes `~` and `/`, nothing else).
pub fn place_tokens(pointer: &Pointer) -> Vec<String> {
    pointer
        .as_str()
        .strip_prefix("#/")
        .map(|rest| {
            rest.split('/')
                .map(|token| token.replace("~1", "/").replace("~0", "~"))
                .collect()
        })
        .unwrap_or_default()
}

/// The pointer of a component schema.
pub fn component_schema_pointer(name: &str) -> Pointer {
    Pointer::root()
        .join("components")
        .join("schemas")
        .join(name)
}

/// `%XX` escapes decoded; text that decodes to invalid UTF-8 keeps the replacement character.
fn percent_decode(text: &str) -> Cow<'_, str> {
    if !text.contains('%') {
        return Cow::Borrowed(text);
    }
    let bytes = text.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let escaped = (bytes[index] == b'%')
            .then(|| bytes.get(index + 1..index + 3))
            .flatten()
            .and_then(|hex| std::str::from_utf8(hex).ok())
            .and_then(|hex| u8::from_str_radix(hex, 16).ok());
        match escaped {
            Some(byte) => {
                decoded.push(byte);
                index += 3;
            }
            None => {
                decoded.push(bytes[index]);
                index += 1;
            }
        }
    }
    Cow::Owned(String::from_utf8_lossy(&decoded).into_owned())
}

/// A path with `.` dropped and `..` applied, so two spellings of one file compare equal.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if normal.file_name().is_some() => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    normal
}

impl fmt::Debug for Node<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::parse_spec;

    fn file(path: &str, text: &str) -> SpecFile {
        parse_spec(Path::new(path), text).expect("the test spec loads")
    }

    const SPEC: &str = "
openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /things/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    get:
      parameters:
        - $ref: '#/components/parameters/Size'
        - $ref: '#/paths/~1things~1%7Bid%7D/parameters/0'
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  tags: {type: array, items: {type: string}}
        2XX: {$ref: '#/paths/~1things~1{id}/get/responses/200'}
  /others: {$ref: '#/paths/~1things~1{id}'}
components:
  parameters:
    Size: {$ref: '#/components/parameters/RealSize'}
    RealSize: {name: size, in: query, schema: {type: integer}}
  schemas:
    A: {$ref: '#/components/schemas/B'}
    B: {$ref: '#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema'}
    Loop: {$ref: '#/components/schemas/Loop/properties/x'}
    Self:
      type: object
      properties:
        x: {$ref: '#/components/schemas/Self/properties/y'}
        y: {$ref: '#/components/schemas/Self/properties/x'}
";

    #[test]
    fn pointers_are_decoded_and_followed_through_refs_on_the_way() {
        let spec = file("spec/a.yaml", SPEC);
        let refs = Refs::new(std::slice::from_ref(&spec));
        let found = refs
            .locate(&spec, "#/paths/~1things~1%7Bid%7D/get/parameters/0/schema")
            .unwrap();
        assert_eq!(
            found.pointer.as_str(),
            "#/components/parameters/RealSize/schema"
        );
        let items = refs
            .locate(
                &spec,
                "#/paths/~1things~1{id}/get/responses/2xx/content/application~1json/schema/properties/tags/items",
            )
            .unwrap();
        assert_eq!(
            items.pointer.as_str(),
            "#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema/properties/tags/items"
        );
        assert!(matches!(items.item, Node::Schema(_)));
    }

    #[test]
    fn objects_of_each_kind_are_found_through_chains() {
        let spec = file("spec/a.yaml", SPEC);
        let refs = Refs::new(std::slice::from_ref(&spec));
        let size = refs
            .parameter(&spec, "#/components/parameters/Size")
            .unwrap();
        assert_eq!(size.item.parameter_data_ref().name, "size");
        let path = refs
            .parameter(&spec, "#/paths/~1things~1%7Bid%7D/get/parameters/1")
            .unwrap();
        assert_eq!(path.item.parameter_data_ref().name, "id");
        assert_eq!(path.pointer.as_str(), "#/paths/~1things~1{id}/parameters/0");
        let item = refs.path_item(&spec, "#/paths/~1others").unwrap();
        assert_eq!(item.pointer.as_str(), "#/paths/~1things~1{id}");
        assert_eq!(
            refs.response(&spec, "#/components/parameters/Size")
                .err()
                .unwrap(),
            RefError::WrongKind {
                found: "a parameter",
                at: "#/components/parameters/RealSize".to_owned()
            }
        );
    }

    #[test]
    fn schema_refs_stop_at_components_and_final_schema_goes_through_them() {
        let spec = file("spec/a.yaml", SPEC);
        let refs = Refs::new(std::slice::from_ref(&spec));
        assert!(matches!(
            refs.schema(&spec, "#/components/schemas/A"),
            Ok(SchemaTarget::Component("A"))
        ));
        let last = refs.final_schema(&spec, "#/components/schemas/A").unwrap();
        assert_eq!(
            last.pointer.as_str(),
            "#/paths/~1things~1{id}/get/responses/200/content/application~1json/schema"
        );
        let cycle = refs.schema(&spec, "#/components/schemas/Self/properties/x");
        assert_eq!(
            cycle.err().unwrap(),
            RefError::Cycle(vec![
                "#/components/schemas/Self/properties/x".to_owned(),
                "#/components/schemas/Self/properties/y".to_owned(),
                "#/components/schemas/Self/properties/x".to_owned(),
            ])
        );
        assert!(
            refs.final_schema(&spec, "#/components/schemas/Loop")
                .is_none()
        );
    }

    #[test]
    fn missing_places_and_other_files_are_errors() {
        let spec = file("spec/a.yaml", SPEC);
        let other = file(
            "spec/b.yaml",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n\
             components: {schemas: {C: {type: string}}}\n",
        );
        let files = [spec, other];
        let refs = Refs::new(&files);
        assert_eq!(
            refs.locate(&files[0], "#/components/schemas/Nope")
                .err()
                .unwrap(),
            RefError::Missing {
                at: "#/components/schemas/Nope".to_owned()
            }
        );
        assert_eq!(
            refs.locate(&files[0], "c.yaml#/components/schemas/C")
                .err()
                .unwrap(),
            RefError::NotLoaded("c.yaml".to_owned())
        );
        let found = refs
            .locate(&files[0], "./b.yaml#/components/schemas/C")
            .unwrap();
        assert_eq!(found.file.path, Path::new("spec/b.yaml"));
        // The files are merged: a local pointer to a component finds the file defining it.
        let merged = refs.locate(&files[0], "#/components/schemas/C").unwrap();
        assert_eq!(merged.file.path, Path::new("spec/b.yaml"));
        assert_eq!(
            refs.locate(&files[0], "#components").err().unwrap(),
            RefError::NotAPointer
        );
    }

    #[test]
    fn component_names_come_from_exact_component_pointers() {
        let schemas = Pointer::root().join("components").join("schemas");
        assert_eq!(
            component_schema_name(&schemas.join("a/b~c%20")).as_deref(),
            Some("a/b~c%20")
        );
        assert_eq!(
            component_schema_name(&schemas.join("A").join("items")),
            None
        );
        let responses = Pointer::root().join("components").join("responses");
        assert_eq!(component_schema_name(&responses.join("A")), None);
    }
}
