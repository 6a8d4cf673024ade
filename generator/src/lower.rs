//! Lowers validated spec files to the IR: Rust names, inline types named by place.
//!
//! Only the types and operations: what needs them all lowered (boxes, page walks, ...) is
//! `analyze`'s, and which crate and feature holds what is `layout`'s.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, Operation as SpecOperation,
    Parameter as SpecParameter, ParameterSchemaOrContent, PathStyle, QueryStyle, ReferenceOr,
    Schema, SchemaKind, StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::ir::{
    Alias, Api, Body, BodyKind, Enum, Field, FormField, Group, Location, ModelModule, Operation,
    Parameter, Permissions, Response, StatusCase, StatusResponse, Struct, Style, SuccessStatus,
    TypeRef, Union, UnionVariant, Variant,
};
use crate::load::SpecFile;
use crate::media::{self, MediaKind};
use crate::naming::{self, Scope};
use crate::refs::{Located, Node, Refs, SchemaTarget, component_schema_name, place_tokens};

const JSON: &str = "application/json";
/// The group of operations without a tag.
const UNTAGGED_GROUP: &str = "Other";
/// Suffix for a made-up type name that is already taken.
const INLINE_SUFFIX: &str = "Inline";

/// Lowers spec files that passed validation. Problems only lowering can see (names that
/// collide after case conversion, malformed extensions) come back all together.
pub fn lower(files: &[SpecFile]) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut lowerer = Lowerer::new(files);
    lowerer.claim_component_names();
    lowerer.lower_components();
    let groups = lowerer.lower_operations();
    // After every type is named, so builders dodge them all.
    lowerer.name_builders();
    let models_per_crate = lowerer.types_per_crate();
    let error_model = lowerer.error_model.take().flatten();
    let (errors, warnings): (Vec<_>, Vec<_>) = std::mem::take(&mut lowerer.diagnostics)
        .into_iter()
        .partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(errors);
    }
    // A path item that is a `$ref` lowers the operations of the item it names a second time,
    // at the same places: what they say is said once.
    let mut said = BTreeSet::new();
    let warnings: Vec<Diagnostic> = warnings
        .into_iter()
        .filter(|warning| said.insert(warning.clone()))
        .collect();
    let mut modules = lowerer.modules;
    let aliases = Aliases::of(&modules);
    // An error document named through aliases is the struct they name.
    let error_model = error_model.map(|name| aliases.target_name(&name).to_owned());
    modules.sort_by(|a, b| a.module.cmp(&b.module));
    // The error document implements the runtime's `ErrorMessage` beside its struct (which may
    // lie in a crate of models, where the orphan rule wants the impl); a document that is not
    // a struct is read as any JSON.
    let error_struct = modules
        .iter_mut()
        .flat_map(|module| &mut module.structs)
        .find(|lowered| error_model.as_deref() == Some(lowered.rust_name.as_str()));
    let error_model = match error_struct {
        Some(lowered) => {
            lowered.is_error_model = true;
            error_model
        }
        None => None,
    };
    // The first file by name names the crate; validation makes every file that lists servers
    // agree on the first one.
    let first = files.first().map(|file| &file.api);
    let server = crate::servers::default_server_url(files);
    let api = Api {
        title: first.map(|api| api.info.title.clone()).unwrap_or_default(),
        version: first
            .map(|api| api.info.version.clone())
            .unwrap_or_default(),
        default_base_url: server.clone().unwrap_or_default(),
        default_login_base_url: files
            .iter()
            .find_map(|file| token_url(&file.api))
            .map(|url| url.trim_end_matches("/oauth/token").to_owned())
            .or_else(|| server.map(|server| server.replacen("://api.", "://login.", 1)))
            .unwrap_or_default(),
        modules,
        groups,
        error_model,
        models_per_crate,
    };
    Ok((api, warnings))
}

fn token_url(api: &openapiv3::OpenAPI) -> Option<String> {
    let components = api.components.as_ref()?;
    components
        .security_schemes
        .values()
        .find_map(|scheme| match scheme {
            ReferenceOr::Item(openapiv3::SecurityScheme::OAuth2 { flows, .. }) => flows
                .client_credentials
                .as_ref()
                .map(|flow| flow.token_url.clone()),
            _ => None,
        })
}

/// A component schema and where it is defined.
struct Component<'a> {
    file: &'a SpecFile,
    schema: &'a Schema,
}

/// Types defined while lowering one module.
#[derive(Default)]
struct ModuleTypes {
    structs: Vec<Struct>,
    enums: Vec<Enum>,
    unions: Vec<Union>,
    aliases: Vec<Alias>,
}

impl ModuleTypes {
    fn append(&mut self, mut other: ModuleTypes) {
        self.structs.append(&mut other.structs);
        self.enums.append(&mut other.enums);
        self.unions.append(&mut other.unions);
        self.aliases.append(&mut other.aliases);
    }

    fn into_module(self, api_name: &str, module: String) -> ModelModule {
        ModelModule {
            api_name: api_name.to_owned(),
            module,
            structs: self.structs,
            enums: self.enums,
            unions: self.unions,
            aliases: self.aliases,
        }
    }

    fn is_empty(&self) -> bool {
        self.structs.is_empty()
            && self.enums.is_empty()
            && self.unions.is_empty()
            && self.aliases.is_empty()
    }
}

/// What a schema is, seen through openapiv3's two ways of writing each kind (`SchemaKind::Any`
/// holds schemas that mix keywords, such as `type: object` beside `allOf`).
enum Shape<'s> {
    Object(ObjectParts<'s>),
    AllOf(&'s [ReferenceOr<Schema>]),
    OneOf(&'s [ReferenceOr<Schema>]),
    String(&'s openapiv3::StringType),
    Integer(&'s openapiv3::IntegerType),
    Number(&'s openapiv3::NumberType),
    Boolean,
    Array(Option<&'s ReferenceOr<Box<Schema>>>),
    FreeForm,
}

/// The parts of an object schema.
struct ObjectParts<'s> {
    properties: &'s indexmap::IndexMap<String, ReferenceOr<Box<Schema>>>,
    required: &'s [String],
    additional: Option<&'s AdditionalProperties>,
}

fn shape(schema: &Schema) -> Shape<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(object)) => Shape::Object(ObjectParts {
            properties: &object.properties,
            required: &object.required,
            additional: object.additional_properties.as_ref(),
        }),
        SchemaKind::Type(Type::String(string)) => Shape::String(string),
        SchemaKind::Type(Type::Integer(integer)) => Shape::Integer(integer),
        SchemaKind::Type(Type::Number(number)) => Shape::Number(number),
        SchemaKind::Type(Type::Boolean(_)) => Shape::Boolean,
        SchemaKind::Type(Type::Array(array)) => Shape::Array(array.items.as_ref()),
        SchemaKind::AllOf { all_of } => Shape::AllOf(all_of),
        SchemaKind::OneOf { one_of } => Shape::OneOf(one_of),
        SchemaKind::AnyOf { any_of } => Shape::OneOf(any_of),
        SchemaKind::Any(any) if !any.all_of.is_empty() => Shape::AllOf(&any.all_of),
        SchemaKind::Any(any) if !any.one_of.is_empty() => Shape::OneOf(&any.one_of),
        SchemaKind::Any(any) if !any.any_of.is_empty() => Shape::OneOf(&any.any_of),
        // Validation lets a typeless schema declare or require properties only as an `allOf`
        // member.
        SchemaKind::Any(any) if !any.properties.is_empty() || !any.required.is_empty() => {
            Shape::Object(ObjectParts {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            })
        }
        SchemaKind::Not { .. } | SchemaKind::Any(_) => Shape::FreeForm,
    }
}

/// A path and the path item whose operations it has.
struct Route<'a> {
    /// The file that lists the path.
    file: &'a SpecFile,
    path: &'a str,
    /// The path's place, `#/paths/<path>`.
    pointer: Pointer,
    /// The path item: the one written at `pointer`, or the one its `$ref` names.
    item: Located<'a, &'a openapiv3::PathItem>,
    /// The `$ref` when the path item is one.
    reference: Option<&'a str>,
}

/// One property of a struct, wherever it was declared (the struct, or an `allOf` member).
struct Property<'a> {
    name: &'a str,
    schema: &'a ReferenceOr<Box<Schema>>,
    required: bool,
    file: &'a SpecFile,
    pointer: Pointer,
}

struct Lowerer<'a> {
    files: &'a [SpecFile],
    refs: Refs<'a>,
    /// Component schemas by API name, sorted so names are claimed in a stable order.
    components: BTreeMap<&'a str, Component<'a>>,
    /// Component schemas that are only a `$ref`, by API name, with their file and `$ref`:
    /// each is an alias of what its `$ref` names.
    aliases: BTreeMap<&'a str, (&'a SpecFile, &'a str)>,
    /// Rust type name of each component.
    type_names: BTreeMap<&'a str, String>,
    /// Every type name handed out, crate-wide.
    scope: Scope,
    modules: Vec<ModelModule>,
    /// `None` until an operation is seen; `Some(None)` once two operations disagree.
    error_model: Option<Option<String>>,
    /// `allOf` cycles already reported, by their sorted member names.
    reported_cycles: BTreeSet<Vec<String>>,
    /// Types made for schemas written in place, by file and pointer: a property of an `allOf`
    /// member is met once per including schema, and a schema that `$ref`s name from many
    /// places is met once per place, but each gets one type.
    inline_types: BTreeMap<(PathBuf, String), TypeRef>,
    /// The schemas that `$ref`s lead to which are being lowered, by file and pointer: a
    /// schema that holds itself through lists and maps alone would otherwise never end.
    following: Vec<(PathBuf, String)>,
    /// Types of a component's `allOf` members made while lowering another component, waiting
    /// for their owner's module.
    pending: BTreeMap<&'a str, ModuleTypes>,
    /// Components whose module is built.
    lowered: BTreeSet<&'a str>,
    /// Types of schemas written in an operation, made while lowering something else because a
    /// `$ref` named them, waiting for the operation's module; by file and operation pointer.
    pending_operations: BTreeMap<(PathBuf, String), ModuleTypes>,
    /// Operations whose module is built, by file and pointer.
    lowered_operations: BTreeSet<(PathBuf, String)>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn new(files: &'a [SpecFile]) -> Self {
        let mut lowerer = Self {
            files,
            refs: Refs::new(files),
            components: BTreeMap::new(),
            aliases: BTreeMap::new(),
            type_names: BTreeMap::new(),
            scope: Scope::default(),
            modules: Vec::new(),
            error_model: None,
            reported_cycles: BTreeSet::new(),
            inline_types: BTreeMap::new(),
            following: Vec::new(),
            pending: BTreeMap::new(),
            lowered: BTreeSet::new(),
            pending_operations: BTreeMap::new(),
            lowered_operations: BTreeSet::new(),
            diagnostics: Vec::new(),
        };
        for file in files {
            let Some(components) = &file.api.components else {
                continue;
            };
            // Validation rejects different definitions of one schema name; the first
            // definition stands for all.
            for (name, schema) in &components.schemas {
                let taken = lowerer.components.contains_key(name.as_str())
                    || lowerer.aliases.contains_key(name.as_str());
                if taken {
                    continue;
                }
                match schema {
                    ReferenceOr::Item(schema) => {
                        lowerer.components.insert(name, Component { file, schema });
                    }
                    ReferenceOr::Reference { reference } => {
                        lowerer.aliases.insert(name, (file, reference));
                    }
                }
            }
        }
        lowerer
    }

    /// Every component schema's API name, in order, and its file.
    fn component_names(&self) -> Vec<(&'a str, &'a SpecFile)> {
        let mut names: Vec<(&'a str, &'a SpecFile)> = self
            .components
            .iter()
            .map(|(&name, component)| (name, component.file))
            .chain(self.aliases.iter().map(|(&name, &(file, _))| (name, file)))
            .collect();
        names.sort_by_key(|(name, _)| *name);
        names
    }

    fn schema_pointer(name: &str) -> Pointer {
        Pointer::root()
            .join("components")
            .join("schemas")
            .join(name)
    }

    /// Component names are claimed before any inline name, so made-up names never take theirs.
    ///
    /// No name is reserved: models live in `crate::models` and the generated code names
    /// everything else by full path, so a schema may be `Client`, `Error` or `Option`. Two
    /// schemas whose names case to one Rust name are told apart by a number, in the order of
    /// their API names (`UserInfo` keeps `UserInfo`, `user_info` becomes `UserInfo2`), with a
    /// warning, since the Rust name no longer says which schema it is.
    fn claim_component_names(&mut self) {
        let mut owners: BTreeMap<String, (&str, &SpecFile)> = BTreeMap::new();
        for (api_name, file) in self.component_names() {
            let wanted = naming::type_name(api_name);
            let rust_name = self.scope.claim_free(&wanted, "");
            if rust_name != wanted {
                let pointer = Self::schema_pointer(api_name);
                let owner = owners.get(&wanted).map_or_else(
                    || "a type made for another schema".to_owned(),
                    |(other, other_file)| {
                        let other_file = &other_file.path;
                        if *other_file == file.path {
                            format!("schema `{other}`")
                        } else {
                            let name = other_file.file_name().unwrap_or_default().display();
                            format!("schema `{other}` ({name})")
                        }
                    },
                );
                self.diagnostics.push(Diagnostic::warning(
                    &file.path,
                    pointer,
                    format!(
                        "schema `{api_name}` and {owner} would both be the Rust type \
                         `{wanted}`; this one is `{rust_name}`"
                    ),
                ));
            }
            owners.insert(rust_name.clone(), (api_name, file));
            self.type_names.insert(api_name, rust_name);
        }
    }

    /// Names each struct's builder `<Struct>Builder`, or `<Struct>ModelBuilder` (numbered if
    /// need be) when a type already has that name.
    fn name_builders(&mut self) {
        for lowered in self
            .modules
            .iter_mut()
            .flat_map(|module| &mut module.structs)
        {
            let name = format!("{}Builder", lowered.rust_name);
            lowered.builder_name = if self.scope.claim(&name) {
                name
            } else {
                let fallback = format!("{}ModelBuilder", lowered.rust_name);
                self.scope.claim_free(&fallback, "")
            };
        }
    }

    fn lower_components(&mut self) {
        for (api_name, file) in self.component_names() {
            let rust_name = self.type_names[api_name].clone();
            let pointer = Self::schema_pointer(api_name);
            let mut types = ModuleTypes::default();
            match self.components.get(api_name) {
                Some(component) => {
                    let schema = component.schema;
                    self.lower_named(file, &pointer, api_name, &rust_name, schema, &mut types);
                }
                // A component that is only a `$ref` is an alias of what the `$ref` names
                // (which validation made sure is no cycle of such components).
                None => {
                    let (_, reference) = self.aliases[api_name];
                    let ty = self.referenced(file, reference, &rust_name, &mut types);
                    // OpenAPI 3.0 gives a `$ref` no description of its own.
                    types.aliases.insert(
                        0,
                        Alias {
                            rust_name: rust_name.clone(),
                            doc: None,
                            ty,
                        },
                    );
                }
            }
            if let Some(pending) = self.pending.remove(api_name) {
                types.append(pending);
            }
            self.lowered.insert(api_name);
            let module = naming::value_name(&rust_name);
            self.modules.push(types.into_module(api_name, module));
        }
    }

    /// Lowers a schema that gets a type of its own, named `rust_name`, into `types`.
    fn lower_named(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        api_name: &str,
        rust_name: &str,
        schema: &'a Schema,
        types: &mut ModuleTypes,
    ) {
        match shape(schema) {
            // Each type goes before the types defined inside it, which lowering it adds.
            Shape::Object(parts) if !parts.properties.is_empty() => {
                let at = types.structs.len();
                let properties = self.object_properties(file, pointer, &parts);
                let lowered =
                    self.lower_struct(pointer, api_name, rust_name, schema, properties, types);
                types.structs.insert(at, lowered);
            }
            Shape::AllOf(members)
                if !matches!(self.all_of_kind(file, members), AllOfKind::Objects) =>
            {
                match self.all_of_kind(file, members) {
                    // `allOf: [X]` beside a description, as converted Swagger documents write a
                    // described `$ref`: the type is X's.
                    AllOfKind::Single(_, ReferenceOr::Reference { reference }) => {
                        let ty = self.referenced(file, reference, rust_name, types);
                        types.aliases.push(Alias {
                            rust_name: rust_name.to_owned(),
                            doc: schema.schema_data.description.clone(),
                            ty,
                        });
                    }
                    AllOfKind::Single(index, ReferenceOr::Item(member)) => {
                        let member_pointer = pointer.join("allOf").join(index);
                        self.lower_named(file, &member_pointer, api_name, rust_name, member, types);
                    }
                    _ => {
                        self.diagnostics.push(Diagnostic::warning(
                            &file.path,
                            pointer.join("allOf"),
                            "an `allOf` of members that are not all objects is generated as any \
                             JSON value, `serde_json::Value`",
                        ));
                        types.aliases.push(Alias {
                            rust_name: rust_name.to_owned(),
                            doc: schema.schema_data.description.clone(),
                            ty: TypeRef::Json,
                        });
                    }
                }
            }
            Shape::AllOf(members) => {
                let at = types.structs.len();
                let mut stack = vec![api_name.to_owned()];
                let properties = self.all_of_properties(file, pointer, members, &mut stack);
                let lowered =
                    self.lower_struct(pointer, api_name, rust_name, schema, properties, types);
                types.structs.insert(at, lowered);
            }
            Shape::OneOf(members) => {
                let at = types.unions.len();
                let lowered =
                    self.lower_union(file, pointer, api_name, rust_name, schema, members, types);
                types.unions.insert(at, lowered);
            }
            Shape::String(string) if !string.enumeration.is_empty() => {
                let values: Vec<String> = string.enumeration.iter().flatten().cloned().collect();
                types
                    .enums
                    .push(lower_enum(api_name, rust_name, schema, &values, false));
            }
            Shape::Integer(integer) if !integer.enumeration.is_empty() => {
                let values: Vec<String> = integer
                    .enumeration
                    .iter()
                    .flatten()
                    .map(ToString::to_string)
                    .collect();
                types
                    .enums
                    .push(lower_enum(api_name, rust_name, schema, &values, true));
            }
            _ => {
                // Anything else (a list, a map, a scalar) is an alias of the type it lowers to.
                let ty = self.lower_plain(file, pointer, schema, rust_name, types);
                types.aliases.push(Alias {
                    rust_name: rust_name.to_owned(),
                    doc: schema.schema_data.description.clone(),
                    ty,
                });
            }
        }
    }

    fn object_properties(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        parts: &ObjectParts<'a>,
    ) -> Vec<Property<'a>> {
        parts
            .properties
            .iter()
            .map(|(name, schema)| Property {
                name,
                schema,
                required: parts.required.contains(name),
                file,
                pointer: pointer.join("properties").join(name),
            })
            .collect()
    }

    /// The properties of every `allOf` member, merged in order. `stack` holds the components
    /// being merged, to catch a member that includes itself.
    fn all_of_properties(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        members: &'a [ReferenceOr<Schema>],
        stack: &mut Vec<String>,
    ) -> Vec<Property<'a>> {
        let mut merged: Vec<Property<'a>> = Vec::new();
        // A member may require a property that another member declares.
        let mut required: BTreeSet<&'a str> = BTreeSet::new();
        for (index, member) in members.iter().enumerate() {
            if only_describes(member) {
                continue;
            }
            let member_pointer = pointer.join("allOf").join(index);
            let found = match member {
                ReferenceOr::Item(schema) => {
                    if let Shape::Object(parts) = shape(schema) {
                        required.extend(parts.required.iter().map(String::as_str));
                    }
                    self.schema_properties(file, &member_pointer, schema, stack)
                }
                ReferenceOr::Reference { reference } => {
                    // Through components that are only `$ref`s, to the schema that has fields.
                    let Some(target) = self.refs.final_schema(file, reference) else {
                        continue;
                    };
                    // Components by name, other schemas by place, as `lower_named` names them.
                    let name = component_schema_name(&target.pointer)
                        .unwrap_or_else(|| target.pointer.to_string());
                    let name = name.as_str();
                    if let Some(start) = stack.iter().position(|seen| seen == name) {
                        // Each component of the cycle would find it again: report it once.
                        let mut members = stack[start..].to_vec();
                        members.sort();
                        if !self.reported_cycles.insert(members) {
                            continue;
                        }
                        let chain = stack.join(" → ");
                        self.diagnostics.push(Diagnostic::new(
                            &file.path,
                            member_pointer,
                            format!(
                                "`allOf` includes `{name}` inside itself ({chain} → {name}); \
                                 its fields cannot be laid out"
                            ),
                        ));
                        continue;
                    }
                    let schema = target.item;
                    if let Shape::Object(parts) = shape(schema) {
                        required.extend(parts.required.iter().map(String::as_str));
                    }
                    stack.push(name.to_owned());
                    let found = self.schema_properties(target.file, &target.pointer, schema, stack);
                    stack.pop();
                    found
                }
            };
            for property in found {
                match merged.iter_mut().find(|seen| seen.name == property.name) {
                    None => merged.push(property),
                    Some(seen) => {
                        let same = serde_json::to_value(seen.schema).ok()
                            == serde_json::to_value(property.schema).ok();
                        if !same {
                            self.diagnostics.push(Diagnostic::warning(
                                &property.file.path,
                                property.pointer.clone(),
                                format!(
                                    "property `{}` is also declared, differently, by another \
                                     `allOf` member at {}; the first declaration gives the \
                                     field its type",
                                    property.name, seen.pointer
                                ),
                            ));
                        }
                        seen.required |= property.required;
                    }
                }
            }
        }
        for property in &mut merged {
            property.required |= required.contains(property.name);
        }
        merged
    }

    fn schema_properties(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a Schema,
        stack: &mut Vec<String>,
    ) -> Vec<Property<'a>> {
        match shape(schema) {
            Shape::Object(parts) => self.object_properties(file, pointer, &parts),
            Shape::AllOf(members) => self.all_of_properties(file, pointer, members, stack),
            _ => {
                self.diagnostics.push(Diagnostic::warning(
                    &file.path,
                    pointer.clone(),
                    "an `allOf` member that is not an object adds no field; what it holds is \
                     kept with the unknown properties",
                ));
                Vec::new()
            }
        }
    }

    fn lower_struct(
        &mut self,
        pointer: &Pointer,
        api_name: &str,
        rust_name: &str,
        schema: &'a Schema,
        properties: Vec<Property<'a>>,
        types: &mut ModuleTypes,
    ) -> Struct {
        let mut field_names: BTreeMap<String, &str> = BTreeMap::new();
        let mut fields = Vec::new();
        let mut setters = naming::builder_scope();
        for property in properties {
            let mut field_rust_name = naming::value_name(property.name);
            // Names that meet after case conversion (`+1` and `-1`, `id` and `ID`): the first
            // in the spec's order keeps the name, the others are numbered.
            if let Some(other) = field_names.get(&field_rust_name).copied() {
                let base = field_rust_name.clone();
                field_rust_name = naming::numbered(&base, |name| field_names.contains_key(name));
                self.diagnostics.push(Diagnostic::warning(
                    &property.file.path,
                    property.pointer.clone(),
                    format!(
                        "properties `{other}` and `{}` would both be the Rust field `{base}`; \
                         this one is `{field_rust_name}`",
                        property.name
                    ),
                ));
            }
            field_names.insert(field_rust_name.clone(), property.name);
            // A property another component declares (through `allOf`) is named as that
            // component would name it, and placed in its module unless that is built already,
            // so both share one type.
            let owner = self.foreign_owner(pointer, &property.pointer);
            let inline_name = format!(
                "{}{}",
                owner.map_or(rust_name, |owner| self.type_names[owner].as_str()),
                naming::type_name(property.name)
            );
            let pending_owner = owner.filter(|owner| !self.lowered.contains(owner));
            let mut owner_types =
                pending_owner.map(|owner| self.pending.remove(owner).unwrap_or_default());
            let ty = self.lower_boxed_type(
                property.file,
                &property.pointer,
                property.schema,
                &inline_name,
                owner_types.as_mut().unwrap_or(types),
            );
            if let (Some(owner), Some(owner_types)) = (pending_owner, owner_types) {
                put_back(&mut self.pending, owner, owner_types);
            }
            let (doc, data) = match property.schema {
                ReferenceOr::Item(schema) => {
                    let doc = schema.schema_data.description.clone().or_else(|| {
                        single_reference(schema).and_then(|reference| {
                            self.referenced_description(property.file, reference)
                        })
                    });
                    (doc, Some(&schema.schema_data))
                }
                ReferenceOr::Reference { reference } => {
                    (self.referenced_description(property.file, reference), None)
                }
            };
            fields.push(Field {
                api_name: property.name.to_owned(),
                setter: setters.claim_free(&field_rust_name, "_"),
                rust_name: field_rust_name,
                doc,
                ty,
                required: property.required,
                // Set once every type is lowered (`analyze::box_cycles`).
                boxed: false,
                nullable: data.is_some_and(|data| data.nullable),
                read_only: data.is_some_and(|data| data.read_only),
                deprecated: data.is_some_and(|data| data.deprecated),
            });
        }
        let unknown_fields = naming::unknown_fields_name(field_names.keys().map(String::as_str));
        Struct {
            api_name: api_name.to_owned(),
            rust_name: rust_name.to_owned(),
            doc: schema.schema_data.description.clone(),
            fields,
            deprecated: schema.schema_data.deprecated,
            unknown_fields,
            // Named once every type is (`name_builders`).
            builder_name: String::new(),
            is_error_model: false,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn lower_union(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        api_name: &str,
        rust_name: &str,
        schema: &'a Schema,
        members: &'a [ReferenceOr<Schema>],
        types: &mut ModuleTypes,
    ) -> Union {
        let keyword = match &schema.schema_kind {
            SchemaKind::AnyOf { .. } => "anyOf",
            SchemaKind::Any(any) if any.one_of.is_empty() => "anyOf",
            _ => "oneOf",
        };
        // Tags are component names: with a member written in place, the union is untagged
        // (validation warns).
        let discriminator = schema.schema_data.discriminator.as_ref().filter(|_| {
            members
                .iter()
                .all(|member| matches!(member, ReferenceOr::Reference { .. }))
        });
        let mut names = Scope::default();
        let mut variants = Vec::new();
        for (index, member) in members.iter().enumerate() {
            let member_pointer = pointer.join(keyword).join(index);
            let inline_name = format!("{rust_name}Option{}", index + 1);
            let ty = self.lower_type(file, &member_pointer, member, &inline_name, types);
            let tags = match (discriminator, member) {
                (Some(discriminator), ReferenceOr::Reference { reference }) => {
                    let component = match self.refs.schema(file, reference) {
                        Ok(SchemaTarget::Component(name)) => name,
                        _ => reference.rsplit('/').next().unwrap_or(reference),
                    };
                    let mapped: Vec<String> = discriminator
                        .mapping
                        .iter()
                        .filter(|(_, target)| *target == reference || target.as_str() == component)
                        .map(|(value, _)| value.clone())
                        .collect();
                    // Without a mapping, the tag is the component's name.
                    if mapped.is_empty() {
                        vec![component.to_owned()]
                    } else {
                        mapped
                    }
                }
                _ => Vec::new(),
            };
            let name = variant_of_type(&ty);
            variants.push(UnionVariant {
                rust_name: names.claim_free(&name, "Variant"),
                ty,
                tags,
                // Set once every type is lowered (`analyze::box_cycles`).
                boxed: false,
                // Filled once every struct is lowered (`analyze::note_member_requirements`).
                required: Vec::new(),
            });
        }
        Union {
            api_name: api_name.to_owned(),
            rust_name: rust_name.to_owned(),
            doc: schema.schema_data.description.clone(),
            discriminator: discriminator.map(|discriminator| discriminator.property_name.clone()),
            other_variant: names.claim_free("Unknown", "Value"),
            variants,
        }
    }

    /// The component that declares a property at `property`, when that is not the schema at
    /// `schema` (the property came in through `allOf`).
    fn foreign_owner(&self, schema: &Pointer, property: &Pointer) -> Option<&'a str> {
        let inside = property
            .as_str()
            .strip_prefix(schema.as_str())
            .is_some_and(|rest| rest.starts_with('/'));
        if inside {
            return None;
        }
        self.owner_component(property)
    }

    /// The component schema written around `pointer`, if any.
    fn owner_component(&self, pointer: &Pointer) -> Option<&'a str> {
        match place_tokens(pointer).as_slice() {
            [components, schemas, name, ..]
                if components == "components" && schemas == "schemas" =>
            {
                self.components
                    .get_key_value(name.as_str())
                    .map(|(&name, _)| name)
            }
            _ => None,
        }
    }

    /// The description of the schema a `$ref` finally names.
    fn referenced_description(&self, file: &'a SpecFile, reference: &str) -> Option<String> {
        let target = self.refs.final_schema(file, reference)?;
        target.item.schema_data.description.clone()
    }

    fn lower_boxed_type(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a ReferenceOr<Box<Schema>>,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.referenced(file, reference, inline_name, types)
            }
            ReferenceOr::Item(schema) => {
                self.lower_inline(file, pointer, schema, inline_name, types)
            }
        }
    }

    fn lower_type(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a ReferenceOr<Schema>,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        match schema {
            ReferenceOr::Reference { reference } => {
                self.referenced(file, reference, inline_name, types)
            }
            ReferenceOr::Item(schema) => {
                self.lower_inline(file, pointer, schema, inline_name, types)
            }
        }
    }

    /// The type of what a `$ref` in `file` names: a component's own type, or the one type of
    /// a schema written elsewhere, shared by every `$ref` to it and by its own place. That
    /// type is made the first time it is needed, named after its place (or `inline_name`),
    /// in the module of the component that holds it when that is not built yet.
    fn referenced(
        &mut self,
        file: &'a SpecFile,
        reference: &str,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        let target = match self.refs.schema(file, reference) {
            Ok(SchemaTarget::Component(name)) => return self.component_type(name),
            Ok(SchemaTarget::Inline(target)) => target,
            // Validation reports it.
            Err(_) => return TypeRef::Json,
        };
        let key = (target.file.path.clone(), target.pointer.as_str().to_owned());
        if let Some(ty) = self.inline_types.get(&key) {
            return ty.clone();
        }
        if self.following.contains(&key) {
            self.diagnostics.push(Diagnostic::warning(
                &target.file.path,
                target.pointer.clone(),
                format!(
                    "`$ref` `{reference}` leads back into this schema through lists and maps \
                     alone, which no type alias can hold; there it is any JSON value, \
                     `serde_json::Value`"
                ),
            ));
            return TypeRef::Json;
        }
        let name = self
            .place_name(target.file, &target.pointer)
            .unwrap_or_else(|| inline_name.to_owned());
        // The type goes to the module of the component or operation that holds it, unless
        // that module is built already.
        let owner = self
            .owner_component(&target.pointer)
            .filter(|owner| !self.lowered.contains(owner));
        let operation = owner_operation(&target.file.path, &target.pointer)
            .filter(|operation| !self.lowered_operations.contains(operation));
        let mut owner_types = match (owner, &operation) {
            (Some(owner), _) => Some(self.pending.remove(owner).unwrap_or_default()),
            (None, Some(operation)) => Some(
                self.pending_operations
                    .remove(operation)
                    .unwrap_or_default(),
            ),
            (None, None) => None,
        };
        self.following.push(key);
        let ty = self.lower_inline(
            target.file,
            &target.pointer,
            target.item,
            &name,
            owner_types.as_mut().unwrap_or(types),
        );
        self.following.pop();
        match (owner, operation, owner_types) {
            (Some(owner), _, Some(owner_types)) => {
                put_back(&mut self.pending, owner, owner_types);
            }
            (None, Some(operation), Some(owner_types)) => {
                put_back(&mut self.pending_operations, operation, owner_types);
            }
            _ => {}
        }
        ty
    }

    /// The type of a component schema, by API name.
    fn component_type(&self, name: &str) -> TypeRef {
        TypeRef::Named(
            self.type_names
                .get(name)
                .cloned()
                .unwrap_or_else(|| naming::type_name(name)),
        )
    }

    /// A type name for a schema from its place, as the schema's owner would name it there:
    /// `#/components/schemas/Pet/properties/tags/items` is `PetTagsItem`; `None` for places
    /// the generator does not name types after.
    fn place_name(&self, file: &'a SpecFile, pointer: &Pointer) -> Option<String> {
        let tokens = place_tokens(pointer);
        let (mut name, rest) = match tokens.as_slice() {
            [components, section, component, rest @ ..] if components == "components" => {
                let name = match section.as_str() {
                    "schemas" => self.type_names.get(component.as_str())?.clone(),
                    "parameters" => naming::type_name(component),
                    "requestBodies" => with_suffix(naming::type_name(component), "Body"),
                    "responses" => with_suffix(naming::type_name(component), "Response"),
                    _ => return None,
                };
                (name, rest)
            }
            [paths, path, method, rest @ ..] if paths == "paths" => {
                let Some(Node::Operation(operation)) = self
                    .refs
                    .at(file, &Pointer::root().join(paths).join(path).join(method))
                    .map(|found| found.item)
                else {
                    return None;
                };
                let base = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| naming::unnamed_operation_base(method, path));
                (naming::operation_names(&base).builder, rest)
            }
            _ => return None,
        };
        let mut at = Pointer::root();
        for token in &tokens[..tokens.len() - rest.len()] {
            at = at.join(token);
        }
        let mut rest = rest.iter();
        while let Some(token) = rest.next() {
            at = at.join(token);
            let part = match token.as_str() {
                "properties" => {
                    let property = rest.next()?;
                    at = at.join(property);
                    naming::type_name(property)
                }
                "parameters" => {
                    let index = rest.next()?;
                    at = at.join(index);
                    match self.refs.at(file, &at)?.item {
                        Node::Parameter(parameter) => {
                            naming::type_name(&parameter.parameter_data_ref().name)
                        }
                        _ => return None,
                    }
                }
                "oneOf" | "anyOf" => {
                    let index: usize = rest.next()?.parse().ok()?;
                    at = at.join(index);
                    format!("Option{}", index + 1)
                }
                "allOf" | "content" | "responses" => {
                    let skipped = rest.next()?;
                    at = at.join(skipped);
                    if token == "responses" {
                        "Response".to_owned()
                    } else {
                        String::new()
                    }
                }
                "items" => "Item".to_owned(),
                "additionalProperties" => "Value".to_owned(),
                "requestBody" => "Body".to_owned(),
                "not" => "Not".to_owned(),
                "schema" => String::new(),
                _ => return None,
            };
            name.push_str(&part);
        }
        Some(name)
    }

    /// Lowers a schema written in place: objects, unions and enums become types named
    /// `inline_name` (or a free variant of it); an `allOf` of one `$ref` is that type.
    fn lower_inline(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a Schema,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        if let Some(reference) = single_reference(schema) {
            return self.referenced(file, reference, inline_name, types);
        }
        if let Shape::AllOf(members) = shape(schema) {
            match self.all_of_kind(file, members) {
                AllOfKind::Objects => {}
                AllOfKind::Single(_, ReferenceOr::Reference { reference }) => {
                    return self.referenced(file, reference, inline_name, types);
                }
                AllOfKind::Single(index, ReferenceOr::Item(member)) => {
                    let member_pointer = pointer.join("allOf").join(index);
                    return self.lower_inline(file, &member_pointer, member, inline_name, types);
                }
                AllOfKind::Other => {
                    self.diagnostics.push(Diagnostic::warning(
                        &file.path,
                        pointer.join("allOf"),
                        "an `allOf` of members that are not all objects is generated as any \
                         JSON value, `serde_json::Value`",
                    ));
                    return TypeRef::Json;
                }
            }
        }
        let needs_type = match shape(schema) {
            Shape::Object(parts) => !parts.properties.is_empty(),
            Shape::AllOf(_) | Shape::OneOf(_) => true,
            Shape::String(string) => !string.enumeration.is_empty(),
            Shape::Integer(integer) => !integer.enumeration.is_empty(),
            _ => false,
        };
        if needs_type {
            let key = (file.path.clone(), pointer.as_str().to_owned());
            if let Some(ty) = self.inline_types.get(&key) {
                return ty.clone();
            }
            let rust_name = self.scope.claim_free(inline_name, INLINE_SUFFIX);
            self.inline_types
                .insert(key, TypeRef::Named(rust_name.clone()));
            self.lower_named(file, pointer, pointer.as_str(), &rust_name, schema, types);
            return TypeRef::Named(rust_name);
        }
        self.lower_plain(file, pointer, schema, inline_name, types)
    }

    /// Lowers a schema that needs no type of its own: scalars, lists and maps.
    fn lower_plain(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a Schema,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        match shape(schema) {
            Shape::String(string) => match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                _ => TypeRef::String,
            },
            Shape::Integer(integer) => integer_type(&integer.format),
            Shape::Number(number) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            Shape::Boolean => TypeRef::Bool,
            Shape::Array(Some(items)) => {
                let item_name = format!("{inline_name}Item");
                let item =
                    self.lower_boxed_type(file, &pointer.join("items"), items, &item_name, types);
                TypeRef::List(Box::new(nullable_if(
                    item,
                    items.as_item().map(|item| &**item),
                )))
            }
            Shape::Array(None) => TypeRef::List(Box::new(TypeRef::Json)),
            Shape::Object(parts) => match parts.additional {
                Some(AdditionalProperties::Schema(values)) => {
                    let value_name = format!("{inline_name}Value");
                    let value = self.lower_type(
                        file,
                        &pointer.join("additionalProperties"),
                        values,
                        &value_name,
                        types,
                    );
                    TypeRef::Map(Box::new(nullable_if(value, values.as_item())))
                }
                Some(AdditionalProperties::Any(true)) => TypeRef::Map(Box::new(TypeRef::Json)),
                _ => TypeRef::Json,
            },
            _ => TypeRef::Json,
        }
    }

    /// Reads `x-rust-models-per-crate: <count>` from the first file that has it: how many
    /// types a crate of models holds before the next one starts.
    fn types_per_crate(&mut self) -> Option<usize> {
        const KEY: &str = "x-rust-models-per-crate";
        let (file, value) = self
            .files
            .iter()
            .find_map(|file| file.api.extensions.get(KEY).map(|value| (file, value)))?;
        match value.as_u64().and_then(|count| usize::try_from(count).ok()) {
            Some(count) if count > 0 => Some(count),
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    &file.path,
                    Pointer::root().join(KEY),
                    "must be a whole number of types, at least 1",
                ));
                None
            }
        }
    }

    fn lower_operations(&mut self) -> Vec<Group> {
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let group_names = self.group_names();
        // Builders live in the groups' modules beside the group types.
        let group_types: BTreeSet<String> = group_names
            .values()
            .map(|(rust_name, _)| rust_name.clone())
            .collect();
        let mut names = naming::OperationScope::new(group_types.iter().map(String::as_str));
        // Who took each name first, to say whom a later operation collides with.
        let mut owners: BTreeMap<String, (String, &'a SpecFile, Pointer)> = BTreeMap::new();
        let mut ids: BTreeMap<&'a str, (String, &'a SpecFile, Pointer)> = BTreeMap::new();
        for route in self.routes() {
            let Route {
                file,
                path,
                pointer: path_pointer,
                item,
                reference,
            } = route;
            for (method, operation) in item.item.iter() {
                // Where the operation is reached, which its name belongs to, and where it
                // is written, which its types and their warnings belong to: two places
                // when the path item is a `$ref`.
                let pointer = path_pointer.join(method);
                let written = item.pointer.join(method);
                let shared = (&item.pointer, item.item.parameters.as_slice());
                let base = operation
                    .operation_id
                    .clone()
                    .unwrap_or_else(|| naming::unnamed_operation_base(method, path));
                let wanted = naming::operation_names(&base);
                let (claimed, suffixed) = names.claim(&base);
                let shown = match &operation.operation_id {
                    Some(id) => format!("`{id}`"),
                    None => format!("`{} {path}`", method.to_uppercase()),
                };
                // Where an earlier operation is, from this one's file.
                let place = |other: &SpecFile, at: &Pointer| {
                    if other.path == file.path {
                        at.to_string()
                    } else {
                        let name = other.path.file_name().unwrap_or_default().display();
                        format!("{name}{at}")
                    }
                };
                let at = |(shown, other, at): &(String, &SpecFile, Pointer)| {
                    format!("{shown} ({})", place(other, at))
                };
                match &operation.operation_id {
                    None => self.diagnostics.push(Diagnostic::warning(
                        &file.path,
                        pointer.clone(),
                        format!(
                            "operation has no `operationId`; it is named `{}` after its \
                                 method and path",
                            claimed.method
                        ),
                    )),
                    Some(id) if suffixed => {
                        let owner = [&wanted.method, &wanted.builder, &wanted.constant]
                            .into_iter()
                            .find_map(|name| owners.get(name.as_str()));
                        let message = if let Some((_, other, first)) = ids.get(id.as_str()) {
                            format!(
                                "`operationId` `{id}` is already used at {}; this \
                                     operation is `{}` in Rust",
                                place(other, first),
                                claimed.method
                            )
                        } else if let Some(first) = owner {
                            format!(
                                "operations {} and `{id}` would both be named `{}` in \
                                     Rust; this one is `{}`",
                                at(first),
                                wanted.method,
                                claimed.method
                            )
                        } else {
                            let taken = if group_types.contains(&wanted.builder) {
                                format!("`{}`, the type of a group", wanted.builder)
                            } else {
                                format!("`{}`, a name of the metadata", wanted.constant)
                            };
                            format!(
                                "operation `{id}` would take {taken}; it is `{}` in Rust \
                                     (its request `{}`, its metadata `{}`)",
                                claimed.method, claimed.builder, claimed.constant
                            )
                        };
                        // The operation is written elsewhere: say why it is here again.
                        let message = match reference {
                            Some(reference) => {
                                format!("{message} (this path's item is the `$ref` `{reference}`)")
                            }
                            None => message,
                        };
                        self.diagnostics.push(Diagnostic::warning(
                            &file.path,
                            pointer.join("operationId"),
                            message,
                        ));
                    }
                    Some(_) => {}
                }
                let owner = (shown, file, pointer.clone());
                for name in [&claimed.method, &claimed.builder, &claimed.constant] {
                    owners.entry(name.clone()).or_insert_with(|| owner.clone());
                }
                if let Some(id) = &operation.operation_id {
                    ids.entry(id.as_str()).or_insert(owner);
                }
                let home_module = group_names[&operation_tags(operation)[0]].1.clone();
                let server = crate::servers::operation_server(
                    self.files,
                    item.file,
                    (&item.pointer, item.item),
                    (&written, operation),
                    &mut self.diagnostics,
                );
                let lowered = self.lower_operation(
                    item.file,
                    &written,
                    (method, path),
                    operation,
                    shared,
                    (claimed, home_module, server),
                );
                for tag in operation_tags(operation) {
                    let doc = self
                        .files
                        .iter()
                        .flat_map(|file| &file.api.tags)
                        .find(|spec_tag| spec_tag.name == tag)
                        .and_then(|spec_tag| spec_tag.description.clone());
                    let (rust_name, module) = group_names[&tag].clone();
                    groups
                        .entry(tag.clone())
                        .or_insert_with(|| Group {
                            rust_name,
                            module,
                            api_name: tag,
                            doc,
                            operations: Vec::new(),
                        })
                        .operations
                        .push(lowered.clone());
                }
            }
        }
        let mut groups: Vec<Group> = groups.into_values().collect();
        groups.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        groups
    }

    /// The group type and module name of each tag. Tags whose names meet after case conversion
    /// (`ManagedClusters` and `managedClusters`) are numbered in the order they are first used,
    /// with a warning.
    fn group_names(&mut self) -> BTreeMap<String, (String, String)> {
        let mut names: BTreeMap<String, (String, String)> = BTreeMap::new();
        // Each group type and module name handed out, with the tag that has it.
        let mut taken: BTreeMap<String, String> = BTreeMap::new();
        for route in self.routes() {
            let file = route.file;
            for (method, operation) in route.item.item.iter() {
                for tag in operation_tags(operation) {
                    if names.contains_key(&tag) {
                        continue;
                    }
                    let index = operation.tags.iter().position(|listed| *listed == tag);
                    let wanted = naming::type_name(&tag);
                    let mut rust_name = wanted.clone();
                    let mut module = naming::value_name(&tag);
                    let first = taken.get(&rust_name).or_else(|| taken.get(&module));
                    let clash = match first {
                        Some(first) => Some(format!(
                            "tags `{first}` and `{tag}` would both be the group `{wanted}`"
                        )),
                        None => naming::CLIENT_METHODS.contains(&module.as_str()).then(|| {
                            format!(
                                "tag `{tag}` would be `Client::{module}`, a method the client \
                                 has itself"
                            )
                        }),
                    };
                    if let Some(clash) = clash {
                        let number = (2..)
                            .find(|number| {
                                !taken.contains_key(&format!("{rust_name}{number}"))
                                    && !taken.contains_key(&format!("{module}_{number}"))
                            })
                            .unwrap_or(2);
                        rust_name = format!("{rust_name}{number}");
                        module = format!("{module}_{number}");
                        let operation_pointer = route.pointer.join(method);
                        self.diagnostics.push(Diagnostic::warning(
                            &file.path,
                            match index {
                                Some(index) => operation_pointer.join("tags").join(index),
                                None => operation_pointer,
                            },
                            format!("{clash}; this one is `{rust_name}` (module `{module}`)"),
                        ));
                    }
                    taken.insert(rust_name.clone(), tag.clone());
                    taken.insert(module.clone(), tag.clone());
                    names.insert(tag, (rust_name, module));
                }
            }
        }
        names
    }

    /// Every path of every file, in order, with the path item whose operations it has: the
    /// one written there, or the one its `$ref` names (validation reports those that name
    /// none, which are left out).
    fn routes(&self) -> Vec<Route<'a>> {
        let mut routes = Vec::new();
        for file in self.files {
            for (path, item) in &file.api.paths.paths {
                let pointer = Pointer::root().join("paths").join(path);
                let reference = match item {
                    ReferenceOr::Reference { reference } => Some(reference.as_str()),
                    ReferenceOr::Item(_) => None,
                };
                if let Ok(item) = self.refs.path_item_or_ref(file, &pointer, item) {
                    routes.push(Route {
                        file,
                        path,
                        pointer,
                        item,
                        reference,
                    });
                }
            }
        }
        routes
    }

    /// The type name of a schema inside a parameter, body or response at `found`: `natural`
    /// where it was written in place (`at`), else a name after the place a `$ref` led to, as
    /// every operation that names that place shares its types.
    fn name_at<T>(&self, found: &Located<'a, T>, at: &Pointer, natural: String) -> String {
        if found.pointer == *at {
            natural
        } else {
            self.place_name(found.file, &found.pointer)
                .unwrap_or(natural)
        }
    }

    fn lower_operation(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        (method, path): (&str, &str),
        operation: &'a SpecOperation,
        (path_pointer, shared): (&Pointer, &'a [ReferenceOr<SpecParameter>]),
        (names, home_module, server): (naming::OperationNames, String, Option<String>),
    ) -> Operation {
        // Without an `operationId`, the method name stands for it in the metadata.
        let api_name = operation
            .operation_id
            .clone()
            .unwrap_or_else(|| names.method.clone());
        let type_name = names.builder.clone();
        // Types that `$ref`s from elsewhere made for schemas written here come first.
        let key = (file.path.clone(), pointer.as_str().to_owned());
        let mut types = self.pending_operations.remove(&key).unwrap_or_default();
        self.lowered_operations.insert(key);
        // Path-level parameters first, unless the operation declares one of the same name
        // and place again, which then replaces it.
        // Each parameter with where it stands in the list, and where it is written (the same
        // place, unless it is a `$ref`).
        type Listed<'a> = (Pointer, Located<'a, &'a SpecParameter>);
        let own: Vec<Listed<'a>> = operation
            .parameters
            .iter()
            .enumerate()
            .filter_map(|(index, parameter)| {
                let at = pointer.join("parameters").join(index);
                let found = self.refs.parameter_or_ref(file, &at, parameter).ok()?;
                Some((at, found))
            })
            .collect();
        let mut all: Vec<Listed<'a>> = shared
            .iter()
            .enumerate()
            .filter_map(|(index, parameter)| {
                let at = path_pointer.join("parameters").join(index);
                let found = self.refs.parameter_or_ref(file, &at, parameter).ok()?;
                let overridden = own.iter().any(|(_, mine)| {
                    let (mine, found) = (mine.item, found.item);
                    mine.parameter_data_ref().name == found.parameter_data_ref().name
                        && std::mem::discriminant(mine) == std::mem::discriminant(found)
                });
                (!overridden).then_some((at, found))
            })
            .collect();
        all.extend(own);
        let mut parameter_names = BTreeMap::new();
        let mut parameters = Vec::new();
        for (parameter_pointer, found) in all {
            let parameter = found.item;
            let (location, style) = match parameter {
                SpecParameter::Path { style, .. } => (
                    Location::Path,
                    match style {
                        PathStyle::Simple => Style::Simple,
                        PathStyle::Label => Style::Label,
                        PathStyle::Matrix => Style::Matrix,
                    },
                ),
                SpecParameter::Query { style, .. } => (
                    Location::Query,
                    match style {
                        QueryStyle::Form => Style::Form,
                        QueryStyle::SpaceDelimited => Style::SpaceDelimited,
                        QueryStyle::PipeDelimited => Style::PipeDelimited,
                        QueryStyle::DeepObject => Style::DeepObject,
                    },
                ),
                SpecParameter::Header { .. } => (Location::Header, Style::Simple),
                SpecParameter::Cookie { .. } => (Location::Cookie, Style::Form),
            };
            let data = parameter.parameter_data_ref();
            // `form` explodes unless the spec says otherwise; every other style does not.
            let explode = data.explode.unwrap_or(style == Style::Form);
            let mut rust_name = naming::parameter_name(&data.name);
            // Names that meet after case conversion (`maxResults` and `MaxResults`, or `id` in
            // the path and in the query): the first keeps the name, the others are numbered.
            if let Some(other) = parameter_names.get(&rust_name).cloned() {
                let base = rust_name.clone();
                rust_name = naming::numbered(&base, |name| parameter_names.contains_key(name));
                self.diagnostics.push(Diagnostic::warning(
                    &file.path,
                    parameter_pointer.clone(),
                    format!(
                        "parameters `{other}` and `{}` would both be the Rust argument `{base}`; \
                         this one is `{rust_name}`",
                        data.name
                    ),
                ));
            }
            parameter_names.insert(rust_name.clone(), data.name.clone());
            let natural = format!("{type_name}{}", naming::type_name(&data.name));
            let inline_name = self.name_at(&found, &parameter_pointer, natural);
            // `content` instead of `schema`: JSON is the schema's type sent as its JSON text;
            // any other media type is a string the caller writes (validation warns).
            let (schema, schema_pointer, style) = match &data.format {
                ParameterSchemaOrContent::Schema(schema) => {
                    (Some(schema), found.pointer.join("schema"), style)
                }
                ParameterSchemaOrContent::Content(content) => match media::choose(content) {
                    Some((media_type, media, MediaKind::Json)) => (
                        media.schema.as_ref(),
                        found
                            .pointer
                            .join("content")
                            .join(media_type)
                            .join("schema"),
                        Style::Json,
                    ),
                    _ => (None, found.pointer.clone(), location.default_style()),
                },
            };
            let ty = match schema {
                Some(schema) => self.lower_type(
                    found.file,
                    &schema_pointer,
                    schema,
                    &inline_name,
                    &mut types,
                ),
                None if style == Style::Json => TypeRef::Json,
                None => TypeRef::String,
            };
            let default = match schema {
                Some(ReferenceOr::Item(schema)) => schema.schema_data.default.clone(),
                _ => None,
            };
            parameters.push(Parameter {
                api_name: data.name.clone(),
                rust_name,
                location,
                doc: data.description.clone(),
                ty,
                required: data.required,
                default,
                style,
                explode,
                // Set once every type is lowered (`analyze::mark_direct_parameters`).
                direct: false,
                allow_reserved: matches!(
                    parameter,
                    SpecParameter::Query {
                        allow_reserved: true,
                        ..
                    }
                ),
            });
        }
        let body = self.lower_body(file, pointer, operation, &type_name, &mut types);
        let (response, accept) =
            self.lower_response(file, pointer, operation, &type_name, &mut types);
        self.note_error_model(file, pointer, operation);
        let permissions = self.permissions(file, pointer, operation);
        if !types.is_empty() {
            let module = naming::value_name(&format!("{type_name}Types"));
            self.modules.push(types.into_module(&api_name, module));
        }
        Operation {
            doc_alias: naming::doc_alias(&api_name, &names.method).map(str::to_owned),
            method_name: names.method,
            builder_name: names.builder,
            const_name: names.constant,
            api_name,
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            home_module,
            deprecated: operation.deprecated,
            permissions,
            preview: operation
                .extensions
                .get("x-genesys-preview")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
            parameters,
            body,
            response,
            accept,
            // Found once every struct is lowered (`analyze::pagination`).
            pagination: None,
            server,
        }
    }

    fn lower_body(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        operation: &'a SpecOperation,
        type_name: &str,
        types: &mut ModuleTypes,
    ) -> Option<Body> {
        let at = pointer.join("requestBody");
        let found = self
            .refs
            .request_body_or_ref(file, &at, operation.request_body.as_ref()?)
            .ok()?;
        let body = found.item;
        let (media_type, media, kind) = media::choose(&body.content)?;
        let kind = match kind {
            MediaKind::Json => BodyKind::Json,
            MediaKind::Form => BodyKind::Form,
            MediaKind::Text => BodyKind::Text,
            MediaKind::Binary => BodyKind::Binary,
        };
        let ty = match (kind, &media.schema) {
            (BodyKind::Json | BodyKind::Form, Some(schema)) => {
                let schema_pointer = found
                    .pointer
                    .join("content")
                    .join(media_type)
                    .join("schema");
                let inline_name = self.name_at(&found, &at, format!("{type_name}Body"));
                self.lower_type(found.file, &schema_pointer, schema, &inline_name, types)
            }
            (BodyKind::Json, None) => TypeRef::Json,
            // A form without a schema: any fields, each a string.
            (BodyKind::Form, None) => TypeRef::Map(Box::new(TypeRef::String)),
            (BodyKind::Text | BodyKind::Binary, _) => TypeRef::String,
        };
        // A form's fields are an object's properties; any other schema (a string already in
        // form encoding, as some specs give) is sent as the text the caller gives.
        let (kind, ty) = match (kind, ty) {
            (BodyKind::Form, ty @ (TypeRef::Named(_) | TypeRef::Map(_) | TypeRef::Json)) => {
                (BodyKind::Form, ty)
            }
            (BodyKind::Form, _) => (BodyKind::Text, TypeRef::String),
            other => other,
        };
        let form_fields = match (kind, &media.schema) {
            (BodyKind::Form, Some(schema)) => media
                .encoding
                .iter()
                .filter_map(|(name, encoding)| {
                    let at = found
                        .pointer
                        .join("content")
                        .join(media_type)
                        .join("encoding")
                        .join(name);
                    let explode = found
                        .file
                        .encoding_writes_explode(&at)
                        .then_some(encoding.explode);
                    self.form_field(file, schema, name, (encoding, explode))
                })
                .collect(),
            _ => Vec::new(),
        };
        Some(Body {
            doc: body.description.clone(),
            ty,
            kind,
            media_type: media_type.clone(),
            form_fields,
        })
    }

    /// How the Encoding Object `encoding` writes form field `name`; `None` for the default,
    /// `form` style with `explode`. As OpenAPI 3.1.1 makes plain: a `style` or `explode`
    /// makes the field a query parameter of that style; without one, `contentType` decides:
    /// JSON is the field's JSON text, text is the default, and anything else the client
    /// cannot write, so an object or a list is its JSON text (validation warns) and a scalar
    /// its text. `explode` is the encoding's `explode` when it writes one (openapiv3 reads a
    /// missing one as `false`).
    fn form_field(
        &self,
        file: &'a SpecFile,
        schema: &'a ReferenceOr<Schema>,
        name: &str,
        (encoding, explode): (&openapiv3::Encoding, Option<bool>),
    ) -> Option<FormField> {
        let field = |style, explode| {
            Some(FormField {
                api_name: name.to_owned(),
                style,
                explode,
            })
        };
        if encoding.style.is_some() || explode.is_some() {
            let style = match encoding.style {
                None | Some(QueryStyle::Form) => Style::Form,
                Some(QueryStyle::SpaceDelimited) => Style::SpaceDelimited,
                Some(QueryStyle::PipeDelimited) => Style::PipeDelimited,
                Some(QueryStyle::DeepObject) => Style::DeepObject,
            };
            // Without `explode`, OpenAPI's default: `true` for `form` only.
            let explode = explode.unwrap_or(style == Style::Form);
            return if (style, explode) == (Style::Form, true) {
                None
            } else {
                field(style, explode)
            };
        }
        match media::field_kind(encoding.content_type.as_deref()?) {
            MediaKind::Json => field(Style::Json, false),
            MediaKind::Text | MediaKind::Form => None,
            MediaKind::Binary => self
                .form_field_is_structured(file, schema, name)
                .then(|| field(Style::Json, false))
                .flatten(),
        }
    }

    /// Whether form field `name` of the body `schema` is an object or a list of objects
    /// (declared in the body's own properties; one brought in through `allOf` counts as not).
    fn form_field_is_structured(
        &self,
        file: &'a SpecFile,
        schema: &'a ReferenceOr<Schema>,
        name: &str,
    ) -> bool {
        let resolve = |reference: &str| {
            self.refs
                .final_schema(file, reference)
                .map(|found| found.item)
        };
        let body = match schema {
            ReferenceOr::Item(schema) => Some(schema),
            ReferenceOr::Reference { reference } => resolve(reference),
        };
        let Some(Shape::Object(parts)) = body.map(shape) else {
            return false;
        };
        let property = match parts.properties.get(name) {
            Some(ReferenceOr::Item(property)) => Some(&**property),
            Some(ReferenceOr::Reference { reference }) => resolve(reference),
            None => None,
        };
        let structured = |shape: Shape<'_>| {
            matches!(shape, Shape::Object(_) | Shape::AllOf(_) | Shape::OneOf(_))
        };
        match property.map(shape) {
            Some(Shape::Array(Some(items))) => {
                let items = match items {
                    ReferenceOr::Item(items) => Some(&**items),
                    ReferenceOr::Reference { reference } => resolve(reference),
                };
                items.map(shape).is_some_and(structured)
            }
            Some(shape) => structured(shape),
            None => false,
        }
    }

    /// The response at `key` of an operation at `pointer` in `file`: written in place, or
    /// the one its `$ref` names.
    fn resolve_response(
        &self,
        file: &'a SpecFile,
        pointer: &Pointer,
        key: &str,
        response: &'a ReferenceOr<openapiv3::Response>,
    ) -> Option<Located<'a, &'a openapiv3::Response>> {
        let at = pointer.join("responses").join(key);
        self.refs.response_or_ref(file, &at, response).ok()
    }

    /// What a success decodes to. For a success status S, the body is the exact code's when
    /// the spec lists S, else the `2XX` range's. `default` is the error document (see
    /// [`Self::note_error_model`]); it describes successes too only when the operation lists
    /// no success at all, neither an exact 2xx nor `2XX`. Ranges other than `2XX` are error
    /// documents like exact 4xx and 5xx, which the client reads as the error model.
    /// Returns the response and the `Accept` header.
    fn lower_response(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        operation: &'a SpecOperation,
        type_name: &str,
        types: &mut ModuleTypes,
    ) -> (Response, String) {
        let responses = &operation.responses;
        let resolve = |key: &str, response| self.resolve_response(file, pointer, key, response);
        let mut successes: Vec<(SuccessStatus, String, Located<'a, &'a openapiv3::Response>)> =
            responses
                .responses
                .iter()
                .filter_map(|(status, response)| match status {
                    StatusCode::Code(code) if (200..300).contains(code) => {
                        let key = status.to_string();
                        let found = resolve(&key, response)?;
                        Some((SuccessStatus::Code(*code), key, found))
                    }
                    _ => None,
                })
                .collect();
        // The range comes after the exact codes: it takes only the statuses they leave.
        successes.extend(
            responses
                .responses
                .iter()
                .find_map(|(status, response)| match status {
                    StatusCode::Range(2) => {
                        let key = status.to_string();
                        let found = resolve(&key, response)?;
                        Some((SuccessStatus::Range, key, found))
                    }
                    _ => None,
                }),
        );
        if successes.is_empty() {
            successes.extend(
                responses
                    .default
                    .as_ref()
                    .and_then(|response| resolve("default", response))
                    .map(|response| (SuccessStatus::Range, "default".to_owned(), response)),
            );
        }
        let several = successes.len() > 1;
        let mut cases = Vec::new();
        let mut accept: Vec<String> = Vec::new();
        for (status, key, found) in successes {
            let body = match media::choose(&found.item.content) {
                None => Response::Empty,
                Some((media_type, media, MediaKind::Json)) => {
                    accept.push(media_type.clone());
                    match &media.schema {
                        Some(schema) => {
                            let schema_pointer = found
                                .pointer
                                .join("content")
                                .join(media_type)
                                .join("schema");
                            let natural = match status {
                                _ if !several => format!("{type_name}Response"),
                                SuccessStatus::Code(code) => format!("{type_name}Response{code}"),
                                SuccessStatus::Range => format!("{type_name}ResponseSuccess"),
                            };
                            let at = pointer.join("responses").join(&key);
                            let inline_name = self.name_at(&found, &at, natural);
                            let ty = self.lower_type(
                                found.file,
                                &schema_pointer,
                                schema,
                                &inline_name,
                                types,
                            );
                            Response::Json(ty)
                        }
                        None => Response::Json(TypeRef::Json),
                    }
                }
                Some((media_type, _, MediaKind::Text)) => {
                    accept.push(media_type.clone());
                    Response::Text(media_type.clone())
                }
                Some((media_type, _, MediaKind::Form | MediaKind::Binary)) => {
                    accept.push(media_type.clone());
                    Response::Binary(media_type.clone())
                }
            };
            cases.push(StatusCase {
                status,
                rust_name: match status {
                    SuccessStatus::Code(code) => status_variant(code),
                    SuccessStatus::Range => "Success".to_owned(),
                },
                body,
            });
        }
        let mut unique = Vec::new();
        for media_type in accept {
            if !unique.contains(&media_type) {
                unique.push(media_type);
            }
        }
        let accept = if unique.is_empty() {
            JSON.to_owned()
        } else {
            unique.join(", ")
        };
        let response = match cases.len() {
            0 => Response::Empty,
            _ if cases.iter().all(|case| case.body == cases[0].body) => cases.swap_remove(0).body,
            _ => Response::ByStatus(StatusResponse {
                rust_name: self
                    .scope
                    .claim_free(&format!("{type_name}Response"), "Status"),
                cases,
            }),
        };
        (response, accept)
    }

    /// Records the `default` response's model; the error type carries it when all agree.
    /// The model is a component schema the response's `$ref`s lead to.
    fn note_error_model(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        operation: &'a SpecOperation,
    ) {
        let model = operation
            .responses
            .default
            .as_ref()
            .and_then(|response| self.resolve_response(file, pointer, "default", response))
            .and_then(|found| {
                let (_, media, kind) = media::choose(&found.item.content)?;
                let ReferenceOr::Reference { reference } = media.schema.as_ref()? else {
                    return None;
                };
                match (kind, self.refs.schema(found.file, reference)) {
                    (MediaKind::Json, Ok(SchemaTarget::Component(name))) => {
                        match self.component_type(name) {
                            TypeRef::Named(name) => Some(name),
                            _ => None,
                        }
                    }
                    _ => None,
                }
            });
        self.error_model = match self.error_model.take() {
            None => Some(model),
            Some(seen) if seen == model => Some(seen),
            Some(_) => Some(None),
        };
    }

    fn permissions(
        &mut self,
        file: &SpecFile,
        pointer: &Pointer,
        operation: &SpecOperation,
    ) -> Option<Permissions> {
        let value = operation.extensions.get("x-inin-requires-permissions")?;
        let kind = value.get("type").and_then(serde_json::Value::as_str);
        let names = value
            .get("permissions")
            .and_then(serde_json::Value::as_array)
            .map(|names| {
                names
                    .iter()
                    .map(|name| name.as_str().map(str::to_owned))
                    .collect::<Option<Vec<_>>>()
            });
        match (kind, names) {
            (Some(kind @ ("ANY" | "ALL")), Some(Some(names))) => Some(Permissions {
                all: kind == "ALL",
                names,
            }),
            _ => {
                self.diagnostics.push(Diagnostic::new(
                    &file.path,
                    pointer.join("x-inin-requires-permissions"),
                    "must be `{type: ANY|ALL, permissions: [<names>]}`",
                ));
                None
            }
        }
    }
}

/// The Rust integer of an integer schema's `format`: the signed and unsigned widths openapiv3
/// does not know arrive as `Unknown`; any other format (or none) is the JSON integer, `i64`.
fn integer_type(format: &VariantOrUnknownOrEmpty<IntegerFormat>) -> TypeRef {
    match format {
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
        VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => TypeRef::I64,
        VariantOrUnknownOrEmpty::Unknown(format) => match format.as_str() {
            "int8" => TypeRef::I8,
            "int16" => TypeRef::I16,
            "int32" => TypeRef::I32,
            "uint8" => TypeRef::U8,
            "uint16" => TypeRef::U16,
            "uint32" => TypeRef::U32,
            "uint64" => TypeRef::U64,
            _ => TypeRef::I64,
        },
        VariantOrUnknownOrEmpty::Empty => TypeRef::I64,
    }
}

fn lower_enum(
    api_name: &str,
    rust_name: &str,
    schema: &Schema,
    values: &[String],
    integer: bool,
) -> Enum {
    let mut scope = Scope::default();
    // A value listed twice is one variant (validation warns).
    let mut seen = std::collections::HashSet::new();
    let variants: Vec<Variant> = values
        .iter()
        .filter(|value| seen.insert(value.as_str()))
        .enumerate()
        .map(|(position, value)| Variant {
            api_name: value.clone(),
            rust_name: scope.claim_free(&naming::variant_name(value, position), "Value"),
        })
        .collect();
    Enum {
        api_name: api_name.to_owned(),
        rust_name: rust_name.to_owned(),
        doc: schema.schema_data.description.clone(),
        other_variant: scope.claim_free("Unknown", "Value"),
        variants,
        integer,
    }
}

/// Puts types taken out of a pending module back, after those that lowering them added to
/// it meanwhile (a type that names another of the same owner), so that none is lost.
fn put_back<K: Ord>(pending: &mut BTreeMap<K, ModuleTypes>, owner: K, mut types: ModuleTypes) {
    if let Some(added) = pending.remove(&owner) {
        types.append(added);
    }
    pending.insert(owner, types);
}

/// The operation written around `pointer` (`#/paths/<path>/<method>/...`), by file and
/// pointer.
fn owner_operation(file: &std::path::Path, pointer: &Pointer) -> Option<(PathBuf, String)> {
    const METHODS: [&str; 8] = [
        "get", "put", "post", "delete", "options", "head", "patch", "trace",
    ];
    match place_tokens(pointer).as_slice() {
        [paths, path, method, ..] if paths == "paths" && METHODS.contains(&method.as_str()) => {
            let operation = Pointer::root().join(paths).join(path).join(method);
            Some((file.to_owned(), operation.as_str().to_owned()))
        }
        _ => None,
    }
}

/// `name`, ending in `suffix` once.
fn with_suffix(name: String, suffix: &str) -> String {
    if name.ends_with(suffix) {
        name
    } else {
        name + suffix
    }
}

/// The tags of an operation; an untagged one goes to the group `Other`.
fn operation_tags(operation: &SpecOperation) -> Vec<String> {
    // Empty and repeated tags are ignored (validation warns).
    let mut tags: Vec<String> = Vec::with_capacity(operation.tags.len());
    for tag in &operation.tags {
        if !tag.trim().is_empty() && !tags.contains(tag) {
            tags.push(tag.clone());
        }
    }
    if tags.is_empty() {
        tags.push(UNTAGGED_GROUP.to_owned());
    }
    tags
}

/// A variant name for a success status.
fn status_variant(status: u16) -> String {
    match status {
        200 => "Ok".to_owned(),
        201 => "Created".to_owned(),
        202 => "Accepted".to_owned(),
        203 => "NonAuthoritative".to_owned(),
        204 => "NoContent".to_owned(),
        206 => "PartialContent".to_owned(),
        other => format!("Status{other}"),
    }
}

/// The `$ref` of a schema that is only `allOf: [$ref]`, a common way to give a reference a
/// description or `nullable`.
/// What an `allOf` is, once the members that only describe (no type, no keyword but
/// documentation) are set aside.
enum AllOfKind<'s> {
    /// One member is left, at this index: the `allOf` is that member.
    Single(usize, &'s ReferenceOr<Schema>),
    /// Every member left is an object (or an `allOf` of objects): a struct of their fields.
    Objects,
    /// Some member is a scalar, a list, a union or unknown: nothing Rust can merge.
    Other,
}

/// Whether an `allOf` member only documents: `{description: ...}` and the like.
fn only_describes(member: &ReferenceOr<Schema>) -> bool {
    matches!(member, ReferenceOr::Item(schema)
        if matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default()))
}

impl<'a> Lowerer<'a> {
    fn all_of_kind<'s>(
        &self,
        file: &'a SpecFile,
        members: &'s [ReferenceOr<Schema>],
    ) -> AllOfKind<'s> {
        let mut left = members
            .iter()
            .enumerate()
            .filter(|(_, member)| !only_describes(member));
        match (left.next(), left.next()) {
            (Some((index, member)), None) => AllOfKind::Single(index, member),
            _ if members
                .iter()
                .all(|member| self.is_object_like(file, member, 0)) =>
            {
                AllOfKind::Objects
            }
            _ => AllOfKind::Other,
        }
    }

    /// Whether a schema has fields to merge: an object, or an `allOf` of such. `depth` ends a
    /// walk around a cycle of `$ref`s (reported elsewhere).
    fn is_object_like(
        &self,
        file: &'a SpecFile,
        schema: &ReferenceOr<Schema>,
        depth: usize,
    ) -> bool {
        if depth > 32 {
            return true;
        }
        let (file, schema) = match schema {
            ReferenceOr::Item(schema) => (file, schema),
            ReferenceOr::Reference { reference } => match self.refs.final_schema(file, reference) {
                Some(target) => (target.file, target.item),
                // Validation reports it; here it adds nothing either way.
                None => return true,
            },
        };
        match shape(schema) {
            Shape::Object(_) => true,
            Shape::AllOf(members) => members.iter().all(|member| {
                only_describes(member) || self.is_object_like(file, member, depth + 1)
            }),
            Shape::FreeForm => {
                matches!(&schema.schema_kind, SchemaKind::Any(any) if *any == openapiv3::AnySchema::default())
            }
            _ => false,
        }
    }
}

fn single_reference(schema: &Schema) -> Option<&str> {
    match shape(schema) {
        Shape::AllOf([ReferenceOr::Reference { reference }]) => Some(reference),
        _ => None,
    }
}

/// `ty` as the type of a list item or map value whose schema is `schema`: `Option<ty>` when
/// the schema, written in place, says `nullable: true` (a `$ref`'s siblings say nothing in
/// OpenAPI 3.0; a 3.1 `$ref` beside `nullable` comes as `allOf: [$ref]` written in place).
fn nullable_if(ty: TypeRef, schema: Option<&Schema>) -> TypeRef {
    match schema {
        // `null` is already a value of any JSON value.
        Some(schema) if schema.schema_data.nullable && ty != TypeRef::Json => {
            TypeRef::Nullable(Box::new(ty))
        }
        _ => ty,
    }
}

/// A union variant's name, from the type it holds.
fn variant_of_type(ty: &TypeRef) -> String {
    match ty {
        TypeRef::Named(name) => name.clone(),
        TypeRef::String => "String".to_owned(),
        TypeRef::Bool => "Boolean".to_owned(),
        TypeRef::I8
        | TypeRef::I16
        | TypeRef::I32
        | TypeRef::I64
        | TypeRef::U8
        | TypeRef::U16
        | TypeRef::U32
        | TypeRef::U64 => "Integer".to_owned(),
        TypeRef::F32 | TypeRef::F64 => "Number".to_owned(),
        TypeRef::DateTime => "DateTime".to_owned(),
        TypeRef::Date => "Date".to_owned(),
        TypeRef::Json => "Value".to_owned(),
        TypeRef::List(_) => "List".to_owned(),
        TypeRef::Map(_) => "Map".to_owned(),
        TypeRef::Nullable(inner) => variant_of_type(inner),
    }
}

/// The type each alias stands for, to see through aliases (of aliases) to what they name.
struct Aliases(BTreeMap<String, TypeRef>);

impl Aliases {
    fn of(modules: &[ModelModule]) -> Self {
        let aliases = modules
            .iter()
            .flat_map(|module| &module.aliases)
            .map(|alias| (alias.rust_name.clone(), alias.ty.clone()))
            .collect();
        Self(aliases)
    }

    /// The name of the type `name` stands for, itself when that is no named type.
    fn target_name<'t>(&'t self, name: &'t str) -> &'t str {
        let mut current = name;
        for _ in 0..=self.0.len() {
            match self.0.get(current) {
                Some(TypeRef::Named(next)) => current = next,
                _ => break,
            }
        }
        current
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lower_text(text: &str) -> Result<Api, Vec<Diagnostic>> {
        lower_text_with_warnings(text).map(|(api, _warnings)| api)
    }

    fn lower_text_with_warnings(text: &str) -> Result<(Api, Vec<Diagnostic>), Vec<Diagnostic>> {
        let file = crate::load::parse_spec(Path::new("spec/test.yaml"), text).unwrap();
        lower(&[file])
    }

    fn find_struct<'a>(api: &'a Api, name: &str) -> &'a Struct {
        api.modules
            .iter()
            .flat_map(|module| &module.structs)
            .find(|lowered| lowered.rust_name == name)
            .unwrap_or_else(|| panic!("no struct {name}"))
    }

    const HEADER: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn inline_types_are_named_by_place_and_avoid_component_names() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Contact:\n      type: object\n      properties:\n        \
             type: {{type: string, enum: [WORK, work, Unknown, '+']}}\n        \
             address: {{type: object, properties: {{line: {{type: string}}}}}}\n    \
             ContactType:\n      type: object\n      properties:\n        \
             id: {{type: string}}\n"
        );
        let api = lower_text(&text).unwrap();
        let module = api.modules.iter().find(|m| m.module == "contact").unwrap();
        let kind = &module.enums[0];
        assert_eq!(kind.rust_name, "ContactTypeInline");
        let variants: Vec<&str> = kind.variants.iter().map(|v| v.rust_name.as_str()).collect();
        assert_eq!(variants, ["Work", "WorkValue", "Unknown", "Value3"]);
        assert_eq!(kind.other_variant, "UnknownValue");
        assert_eq!(module.structs[1].rust_name, "ContactAddress");
        let contact = find_struct(&api, "Contact");
        assert_eq!(contact.fields[0].rust_name, "type_");
    }

    #[test]
    fn schema_names_that_collide_after_case_conversion_are_numbered_with_a_warning() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             user_info: {{type: object, properties: {{a: {{type: string}}}}}}\n    \
             UserInfo: {{type: object, properties: {{a: {{type: string}}}}}}\n    \
             Permissions: {{type: object, properties: {{a: {{type: string}}}}}}\n"
        );
        let (api, warnings) = lower_text_with_warnings(&text).unwrap();
        let names: Vec<&str> = api
            .modules
            .iter()
            .flat_map(|module| &module.structs)
            .map(|lowered| lowered.rust_name.as_str())
            .collect();
        // In the order of the API names; a name the client uses is a model name like any other.
        assert_eq!(names, ["Permissions", "UserInfo", "UserInfo2"]);
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "spec/test.yaml: #/components/schemas/user_info: schema `user_info` and schema \
              `UserInfo` would both be the Rust type `UserInfo`; this one is `UserInfo2`"
            ]
        );
    }

    #[test]
    fn builders_dodge_type_names() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Trust:\n      type: object\n      required: [enabled]\n      properties:\n        \
             enabled: {{type: boolean}}\n        \
             unknown_fields: {{type: string}}\n    \
             TrustBuilder: {{type: object, properties: {{build: {{type: string}}}}}}\n"
        );
        let api = lower_text(&text).unwrap();
        let structs: BTreeMap<&str, &crate::ir::Struct> = api
            .modules
            .iter()
            .flat_map(|module| &module.structs)
            .map(|lowered| (lowered.rust_name.as_str(), lowered))
            .collect();
        // `TrustBuilder` is a schema, so Trust's builder takes the next name.
        assert_eq!(structs["Trust"].builder_name, "TrustModelBuilder");
        assert_eq!(structs["TrustBuilder"].builder_name, "TrustBuilderBuilder");
        assert_eq!(structs["Trust"].unknown_fields, "unknown_fields_");
        assert_eq!(structs["TrustBuilder"].fields[0].setter, "build_");
    }

    #[test]
    fn a_list_that_holds_itself_through_a_ref_is_any_json_value_where_it_comes_back() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Tree:\n      type: object\n      properties:\n        \
             nested:\n          type: array\n          \
             items: {{$ref: '#/components/schemas/Tree/properties/nested'}}\n"
        );
        let (api, warnings) = lower_text_with_warnings(&text).unwrap();
        let nested = &find_struct(&api, "Tree").fields[0].ty;
        let json_list = TypeRef::List(Box::new(TypeRef::Json));
        assert_eq!(*nested, TypeRef::List(Box::new(json_list)));
        let warnings: Vec<String> = warnings.iter().map(ToString::to_string).collect();
        assert_eq!(
            warnings,
            [
                "spec/test.yaml: #/components/schemas/Tree/properties/nested: `$ref` \
                 `#/components/schemas/Tree/properties/nested` leads back into this schema \
                 through lists and maps alone, which no type alias can hold; there it is any \
                 JSON value, `serde_json::Value`"
            ]
        );
    }

    #[test]
    fn a_parameter_named_by_ref_from_two_operations_has_one_type_named_after_its_place() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  \
             /a:\n    get:\n      operationId: getA\n      \
             parameters: [{$ref: '#/components/parameters/sortOrder'}]\n      \
             responses: {'204': {description: done}}\n  \
             /b:\n    get:\n      operationId: getB\n      \
             parameters: [{$ref: '#/paths/~1a/get/parameters/0'}]\n      \
             responses: {'204': {description: done}}\n\
             components:\n  parameters:\n    sortOrder:\n      \
             {name: sortOrder, in: query, schema: {type: string, enum: [asc, desc]}}\n";
        let api = lower_text(text).unwrap();
        let types: Vec<&TypeRef> = api
            .groups
            .iter()
            .flat_map(|group| &group.operations)
            .map(|operation| &operation.parameters[0].ty)
            .collect();
        let sort_order = TypeRef::Named("SortOrder".to_owned());
        assert_eq!(types, [&sort_order, &sort_order]);
        let enums = api.modules.iter().flat_map(|module| &module.enums).count();
        assert_eq!(enums, 1);
    }

    #[test]
    fn types_made_for_a_component_not_lowered_yet_all_reach_its_module() {
        // Lowering `A` makes `Z.p`'s type, which makes `Z.r`'s: both wait for `Z`'s module.
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             A: {{type: object, properties: {{x: {{$ref: '#/components/schemas/Z/properties/p'}}}}}}\n    \
             Z:\n      type: object\n      properties:\n        \
             p: {{type: object, properties: {{q: {{$ref: '#/components/schemas/Z/properties/r'}}}}}}\n        \
             r: {{type: object, properties: {{s: {{type: string}}}}}}\n"
        );
        let api = lower_text(&text).unwrap();
        let z = api
            .modules
            .iter()
            .find(|module| module.api_name == "Z")
            .unwrap();
        let names: Vec<&str> = z
            .structs
            .iter()
            .map(|lowered| lowered.rust_name.as_str())
            .collect();
        assert_eq!(names, ["Z", "ZP", "ZR"]);
        assert_eq!(
            find_struct(&api, "A").fields[0].ty,
            TypeRef::Named("ZP".to_owned())
        );
    }
}
