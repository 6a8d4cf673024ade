//! Lowers validated spec files to the IR: Rust names, inline types named by place, recursion boxed.

use std::collections::{BTreeMap, BTreeSet};

use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, Operation as SpecOperation,
    Parameter as SpecParameter, ParameterSchemaOrContent, ReferenceOr, Schema, SchemaKind,
    StatusCode, StringFormat, Type, VariantOrUnknownOrEmpty,
};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::ir::{
    Api, Body, Enum, Field, Group, Location, ModelModule, Operation, Parameter, Permissions,
    Response, Struct, TypeRef, Variant,
};
use crate::load::SpecFile;
use crate::naming::{self, Scope};

const SCHEMA_PREFIX: &str = "#/components/schemas/";
const JSON: &str = "application/json";
/// Suffix for a made-up type name that is already taken.
const INLINE_SUFFIX: &str = "Inline";

/// Lowers spec files that passed validation. Problems only lowering can see (names that
/// collide after case conversion, malformed extensions) come back all together.
pub fn lower(files: &[SpecFile]) -> Result<Api, Vec<Diagnostic>> {
    let mut lowerer = Lowerer::new(files);
    lowerer.claim_component_names();
    lowerer.lower_components();
    let mut groups = lowerer.lower_operations();
    let regions = lowerer.regions();
    let error_model = lowerer.error_model.take().flatten();
    if !lowerer.diagnostics.is_empty() {
        return Err(lowerer.diagnostics);
    }
    let mut modules = lowerer.modules;
    box_cycles(&mut modules);
    // Pagination reads the page struct's fields, so it comes once every struct is lowered.
    for operation in groups.iter_mut().flat_map(|group| &mut group.operations) {
        operation.pagination = pagination(operation, &modules);
    }
    modules.sort_by(|a, b| a.module.cmp(&b.module));
    let error_model_has_message = error_model.as_deref().is_some_and(|name| {
        modules
            .iter()
            .flat_map(|module| &module.structs)
            .any(|lowered| {
                lowered.rust_name == name
                    && lowered.fields.iter().any(|field| {
                        field.api_name == "message"
                            && field.ty == TypeRef::String
                            && !field.required
                    })
            })
    });
    let first = files.first().map(|file| &file.api);
    Ok(Api {
        title: first.map(|api| api.info.title.clone()).unwrap_or_default(),
        version: first
            .map(|api| api.info.version.clone())
            .unwrap_or_default(),
        default_base_url: first
            .and_then(|api| api.servers.first())
            .map(|server| server.url.trim_end_matches('/').to_owned())
            .unwrap_or_default(),
        default_login_base_url: files
            .iter()
            .find_map(|file| token_url(&file.api))
            .map(|url| url.trim_end_matches("/oauth/token").to_owned())
            .or_else(|| {
                first
                    .and_then(|api| api.servers.first())
                    .map(|server| server.url.replacen("://api.", "://login.", 1))
            })
            .unwrap_or_default(),
        modules,
        groups,
        error_model,
        error_model_has_message,
        regions,
    })
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
}

struct Lowerer<'a> {
    files: &'a [SpecFile],
    /// Component schemas by API name, sorted so names are claimed in a stable order.
    components: BTreeMap<&'a str, Component<'a>>,
    /// Rust type name of each component.
    type_names: BTreeMap<&'a str, String>,
    /// Every type name handed out, crate-wide.
    scope: Scope,
    modules: Vec<ModelModule>,
    /// `None` until an operation is seen; `Some(None)` once two operations disagree.
    error_model: Option<Option<String>>,
    diagnostics: Vec<Diagnostic>,
}

impl<'a> Lowerer<'a> {
    fn new(files: &'a [SpecFile]) -> Self {
        let mut components = BTreeMap::new();
        for file in files {
            let Some(spec_components) = &file.api.components else {
                continue;
            };
            for (name, schema) in &spec_components.schemas {
                // Validation rejects component schemas that are bare references.
                if let ReferenceOr::Item(schema) = schema {
                    components
                        .entry(name.as_str())
                        .or_insert(Component { file, schema });
                }
            }
        }
        Self {
            files,
            components,
            type_names: BTreeMap::new(),
            scope: Scope::with_taken(naming::RESERVED_TYPE_NAMES.iter().copied()),
            modules: Vec::new(),
            error_model: None,
            diagnostics: Vec::new(),
        }
    }

    fn schema_pointer(name: &str) -> Pointer {
        Pointer::root()
            .join("components")
            .join("schemas")
            .join(name)
    }

    /// Component names are claimed before any inline name, so made-up names never take theirs.
    fn claim_component_names(&mut self) {
        let mut owners: BTreeMap<String, &str> = BTreeMap::new();
        for (&api_name, component) in &self.components {
            let rust_name = naming::type_name(api_name);
            let pointer = Self::schema_pointer(api_name);
            if let Some(other) = owners.get(&rust_name) {
                let other_file = self.components[other].file.path.display();
                self.diagnostics.push(Diagnostic::new(
                    &component.file.path,
                    pointer,
                    format!(
                        "schema `{api_name}` and schema `{other}` ({other_file}) would both be \
                         the Rust type `{rust_name}`"
                    ),
                ));
            } else if !self.scope.claim(&rust_name) {
                self.diagnostics.push(Diagnostic::new(
                    &component.file.path,
                    pointer,
                    format!(
                        "schema `{api_name}` would be the Rust type `{rust_name}`, a name the \
                         client uses itself"
                    ),
                ));
            }
            owners.insert(rust_name.clone(), api_name);
            self.type_names.insert(api_name, rust_name);
        }
    }

    fn lower_components(&mut self) {
        let names: Vec<&'a str> = self.components.keys().copied().collect();
        for api_name in names {
            let component = &self.components[api_name];
            let (file, schema) = (component.file, component.schema);
            let rust_name = self.type_names[api_name].clone();
            let pointer = Self::schema_pointer(api_name);
            let mut types = ModuleTypes::default();
            match &schema.schema_kind {
                SchemaKind::Type(Type::Object(_)) if has_properties(schema) => {
                    let lowered =
                        self.lower_struct(file, &pointer, api_name, &rust_name, schema, &mut types);
                    types.structs.insert(0, lowered);
                }
                SchemaKind::Type(Type::String(string)) if !string.enumeration.is_empty() => {
                    let lowered = lower_enum(api_name, &rust_name, schema, &string.enumeration);
                    types.enums.insert(0, lowered);
                }
                _ => {
                    self.diagnostics.push(Diagnostic::new(
                        &file.path,
                        pointer,
                        "a component schema must be an object with properties or a string enum",
                    ));
                    continue;
                }
            }
            self.modules.push(ModelModule {
                api_name: api_name.to_owned(),
                module: naming::value_name(&rust_name),
                structs: types.structs,
                enums: types.enums,
            });
        }
    }

    fn lower_struct(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        api_name: &str,
        rust_name: &str,
        schema: &'a Schema,
        types: &mut ModuleTypes,
    ) -> Struct {
        let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
            unreachable!("lower_struct is only called on object schemas");
        };
        let mut field_names: BTreeMap<String, &str> = BTreeMap::new();
        let mut fields = Vec::new();
        for (property, property_schema) in &object.properties {
            let property_pointer = pointer.join("properties").join(property);
            let field_rust_name = naming::value_name(property);
            if let Some(other) = field_names.insert(field_rust_name.clone(), property) {
                self.diagnostics.push(Diagnostic::new(
                    &file.path,
                    property_pointer.clone(),
                    format!(
                        "properties `{other}` and `{property}` would both be the Rust field \
                         `{field_rust_name}`"
                    ),
                ));
            }
            let inline_name = format!("{rust_name}{}", naming::type_name(property));
            let ty = self.lower_boxed_type(
                file,
                &property_pointer,
                property_schema,
                &inline_name,
                types,
            );
            let doc = match property_schema {
                ReferenceOr::Item(schema) => schema.schema_data.description.clone(),
                ReferenceOr::Reference { reference } => self.referenced_description(reference),
            };
            fields.push(Field {
                api_name: property.clone(),
                rust_name: field_rust_name,
                doc,
                ty,
                required: object.required.contains(property),
                boxed: false,
            });
        }
        Struct {
            api_name: api_name.to_owned(),
            rust_name: rust_name.to_owned(),
            doc: schema.schema_data.description.clone(),
            fields,
        }
    }

    fn referenced_description(&self, reference: &str) -> Option<String> {
        let name = reference.strip_prefix(SCHEMA_PREFIX)?;
        self.components
            .get(name)
            .and_then(|component| component.schema.schema_data.description.clone())
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
            ReferenceOr::Reference { reference } => self.named(reference),
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
            ReferenceOr::Reference { reference } => self.named(reference),
            ReferenceOr::Item(schema) => {
                self.lower_inline(file, pointer, schema, inline_name, types)
            }
        }
    }

    fn named(&self, reference: &str) -> TypeRef {
        // Validation guarantees every reference names a component schema.
        let name = reference.strip_prefix(SCHEMA_PREFIX).unwrap_or(reference);
        TypeRef::Named(
            self.type_names
                .get(name)
                .cloned()
                .unwrap_or_else(|| naming::type_name(name)),
        )
    }

    /// Lowers a schema written in place; objects and enums become types named `inline_name`.
    fn lower_inline(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        schema: &'a Schema,
        inline_name: &str,
        types: &mut ModuleTypes,
    ) -> TypeRef {
        match &schema.schema_kind {
            SchemaKind::Type(Type::String(string)) => {
                if !string.enumeration.is_empty() {
                    let rust_name = self.scope.claim_free(inline_name, INLINE_SUFFIX);
                    let lowered =
                        lower_enum(pointer.as_str(), &rust_name, schema, &string.enumeration);
                    types.enums.push(lowered);
                    return TypeRef::Named(rust_name);
                }
                match &string.format {
                    VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => TypeRef::DateTime,
                    VariantOrUnknownOrEmpty::Item(StringFormat::Date) => TypeRef::Date,
                    _ => TypeRef::String,
                }
            }
            SchemaKind::Type(Type::Integer(integer)) => match integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => TypeRef::I32,
                _ => TypeRef::I64,
            },
            SchemaKind::Type(Type::Number(number)) => match number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => TypeRef::F32,
                _ => TypeRef::F64,
            },
            SchemaKind::Type(Type::Boolean(_)) => TypeRef::Bool,
            SchemaKind::Type(Type::Array(array)) => match &array.items {
                Some(items) => {
                    let item_name = format!("{inline_name}Item");
                    let item = self.lower_boxed_type(
                        file,
                        &pointer.join("items"),
                        items,
                        &item_name,
                        types,
                    );
                    TypeRef::List(Box::new(item))
                }
                None => TypeRef::List(Box::new(TypeRef::Json)),
            },
            SchemaKind::Type(Type::Object(object)) => {
                if has_properties(schema) {
                    let rust_name = self.scope.claim_free(inline_name, INLINE_SUFFIX);
                    let lowered = self.lower_struct(
                        file,
                        pointer,
                        pointer.as_str(),
                        &rust_name,
                        schema,
                        types,
                    );
                    types.structs.push(lowered);
                    return TypeRef::Named(rust_name);
                }
                match &object.additional_properties {
                    Some(AdditionalProperties::Schema(values)) => {
                        let value_name = format!("{inline_name}Value");
                        let value = self.lower_type(
                            file,
                            &pointer.join("additionalProperties"),
                            values,
                            &value_name,
                            types,
                        );
                        TypeRef::Map(Box::new(value))
                    }
                    Some(AdditionalProperties::Any(true)) => TypeRef::Map(Box::new(TypeRef::Json)),
                    _ => TypeRef::Json,
                }
            }
            _ => TypeRef::Json,
        }
    }

    /// Reads `x-genesys-regions: [{name, host}, ...]` from the first file that has it.
    fn regions(&mut self) -> Vec<crate::ir::Region> {
        let Some((file, value)) = self.files.iter().find_map(|file| {
            file.api
                .extensions
                .get("x-genesys-regions")
                .map(|value| (file, value))
        }) else {
            return Vec::new();
        };
        let entries = value.as_array().map(|entries| {
            entries
                .iter()
                .map(|entry| {
                    let text = |key| entry.get(key).and_then(serde_json::Value::as_str);
                    Some((text("name")?.to_owned(), text("host")?.to_owned()))
                })
                .collect::<Option<Vec<_>>>()
        });
        let Some(Some(entries)) = entries else {
            self.diagnostics.push(Diagnostic::new(
                &file.path,
                Pointer::root().join("x-genesys-regions"),
                "must be a list of `{name: <region>, host: <host>}`",
            ));
            return Vec::new();
        };
        let mut scope = Scope::default();
        entries
            .into_iter()
            .map(|(name, host)| crate::ir::Region {
                variant: scope.claim_free(&naming::type_name(&name), "Region"),
                name,
                host,
            })
            .collect()
    }

    fn lower_operations(&mut self) -> Vec<Group> {
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let mut const_names: BTreeMap<String, String> = BTreeMap::new();
        for file in self.files {
            for (path, path_item) in &file.api.paths.paths {
                let ReferenceOr::Item(path_item) = path_item else {
                    continue;
                };
                for (method, operation) in path_item.iter() {
                    let pointer = Pointer::root().join("paths").join(path).join(method);
                    let Some(lowered) =
                        self.lower_operation(file, &pointer, path, method, operation)
                    else {
                        continue;
                    };
                    if let Some(other) =
                        const_names.insert(lowered.const_name.clone(), lowered.api_name.clone())
                    {
                        self.diagnostics.push(Diagnostic::new(
                            &file.path,
                            pointer.join("operationId"),
                            format!(
                                "operations `{other}` and `{}` would both be named `{}` in Rust",
                                lowered.api_name, lowered.method_name
                            ),
                        ));
                    }
                    let tag = operation.tags.first().cloned().unwrap_or_default();
                    let doc = file
                        .api
                        .tags
                        .iter()
                        .find(|spec_tag| spec_tag.name == tag)
                        .and_then(|spec_tag| spec_tag.description.clone());
                    groups
                        .entry(tag.clone())
                        .or_insert_with(|| Group {
                            rust_name: naming::type_name(&tag),
                            module: naming::value_name(&tag),
                            api_name: tag,
                            doc,
                            operations: Vec::new(),
                        })
                        .operations
                        .push(lowered);
                }
            }
        }
        let mut groups: Vec<Group> = groups.into_values().collect();
        groups.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
        groups
    }

    fn lower_operation(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        path: &str,
        method: &str,
        operation: &'a SpecOperation,
    ) -> Option<Operation> {
        let api_name = operation.operation_id.clone()?;
        let type_name = naming::type_name(&api_name);
        let mut types = ModuleTypes::default();
        let mut parameter_names = BTreeMap::new();
        let mut parameters = Vec::new();
        for (index, parameter) in operation.parameters.iter().enumerate() {
            let ReferenceOr::Item(parameter) = parameter else {
                continue;
            };
            let parameter_pointer = pointer.join("parameters").join(index);
            let (location, explode) = match parameter {
                SpecParameter::Path { .. } => (Location::Path, false),
                SpecParameter::Query { parameter_data, .. } => {
                    // Form style explodes unless the spec says otherwise.
                    (Location::Query, parameter_data.explode.unwrap_or(true))
                }
                _ => continue,
            };
            let data = parameter.parameter_data_ref();
            let ParameterSchemaOrContent::Schema(schema) = &data.format else {
                continue;
            };
            let rust_name = naming::parameter_name(&data.name);
            if let Some(other) = parameter_names.insert(rust_name.clone(), data.name.clone()) {
                self.diagnostics.push(Diagnostic::new(
                    &file.path,
                    parameter_pointer.clone(),
                    format!(
                        "parameters `{other}` and `{}` would both be the Rust argument `{rust_name}`",
                        data.name
                    ),
                ));
            }
            let inline_name = format!("{type_name}{}", naming::type_name(&data.name));
            let ty = self.lower_type(
                file,
                &parameter_pointer.join("schema"),
                schema,
                &inline_name,
                &mut types,
            );
            let default = match schema {
                ReferenceOr::Item(schema) => schema.schema_data.default.clone(),
                ReferenceOr::Reference { .. } => None,
            };
            parameters.push(Parameter {
                api_name: data.name.clone(),
                rust_name,
                location,
                doc: data.description.clone(),
                ty,
                required: data.required,
                default,
                explode,
            });
        }
        let body = match &operation.request_body {
            Some(ReferenceOr::Item(body)) => body.content.get(JSON).and_then(|media| {
                let schema = media.schema.as_ref()?;
                let body_pointer = pointer
                    .join("requestBody")
                    .join("content")
                    .join(JSON)
                    .join("schema");
                let ty = self.lower_type(
                    file,
                    &body_pointer,
                    schema,
                    &format!("{type_name}Body"),
                    &mut types,
                );
                Some(Body {
                    doc: body.description.clone(),
                    ty,
                })
            }),
            _ => None,
        };
        let response = self.lower_response(file, pointer, operation, &type_name, &mut types);
        self.note_error_model(operation);
        let permissions = self.permissions(file, pointer, operation);
        if !types.structs.is_empty() || !types.enums.is_empty() {
            self.modules.push(ModelModule {
                api_name: api_name.clone(),
                module: naming::value_name(&format!("{type_name}Types")),
                structs: types.structs,
                enums: types.enums,
            });
        }
        Some(Operation {
            method_name: naming::value_name(&api_name),
            builder_name: type_name,
            const_name: naming::const_name(&api_name),
            api_name,
            http_method: method.to_uppercase(),
            path: path.to_owned(),
            summary: operation.summary.clone(),
            description: operation.description.clone(),
            permissions,
            preview: operation
                .extensions
                .get("x-genesys-preview")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false),
            parameters,
            body,
            response,
            pagination: None,
        })
    }

    fn lower_response(
        &mut self,
        file: &'a SpecFile,
        pointer: &Pointer,
        operation: &'a SpecOperation,
        type_name: &str,
        types: &mut ModuleTypes,
    ) -> Response {
        let success = operation.responses.responses.iter().find(
            |(status, _)| matches!(status, StatusCode::Code(code) if (200..300).contains(code)),
        );
        let Some((status, ReferenceOr::Item(response))) = success else {
            return Response::Empty;
        };
        let Some(schema) = response
            .content
            .get(JSON)
            .and_then(|media| media.schema.as_ref())
        else {
            return Response::Empty;
        };
        let schema_pointer = pointer
            .join("responses")
            .join(status)
            .join("content")
            .join(JSON)
            .join("schema");
        let ty = self.lower_type(
            file,
            &schema_pointer,
            schema,
            &format!("{type_name}Response"),
            types,
        );
        Response::Json(ty)
    }

    /// Records the `default` response's model; the error type carries it when all agree.
    fn note_error_model(&mut self, operation: &SpecOperation) {
        let model = match &operation.responses.default {
            Some(ReferenceOr::Item(response)) => response
                .content
                .get(JSON)
                .and_then(|media| media.schema.as_ref())
                .and_then(|schema| match schema {
                    ReferenceOr::Reference { reference } => match self.named(reference) {
                        TypeRef::Named(name) => Some(name),
                        _ => None,
                    },
                    ReferenceOr::Item(_) => None,
                }),
            _ => None,
        };
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

/// Finds the page walk of an operation from its shape: an integer `pageNumber` query parameter,
/// and a response struct with an `entities` list and integer `pageNumber` and `pageCount`.
fn pagination(operation: &Operation, modules: &[ModelModule]) -> Option<crate::ir::Pagination> {
    let setter = operation.parameters.iter().find(|parameter| {
        parameter.location == Location::Query
            && parameter.api_name == "pageNumber"
            && matches!(parameter.ty, TypeRef::I32 | TypeRef::I64)
    })?;
    let Response::Json(TypeRef::Named(page_type)) = &operation.response else {
        return None;
    };
    let page = modules
        .iter()
        .flat_map(|module| &module.structs)
        .find(|lowered| &lowered.rust_name == page_type)?;
    let field = |api_name: &str| {
        page.fields
            .iter()
            .find(|field| field.api_name == api_name && !field.boxed)
    };
    let entities = field("entities")?;
    let TypeRef::List(item) = &entities.ty else {
        return None;
    };
    let integer = |field: &Field| matches!(field.ty, TypeRef::I32 | TypeRef::I64);
    let page_number = field("pageNumber").filter(|field| integer(field))?;
    let page_count = field("pageCount").filter(|field| integer(field))?;
    let named = |field: &Field| crate::ir::PageField {
        rust_name: field.rust_name.clone(),
        required: field.required,
        ty: field.ty.clone(),
    };
    Some(crate::ir::Pagination {
        page_type: page_type.clone(),
        item: (**item).clone(),
        page_number_setter: setter.rust_name.clone(),
        page_number_type: setter.ty.clone(),
        entities: named(entities),
        page_number: named(page_number),
        page_count: named(page_count),
    })
}

fn has_properties(schema: &Schema) -> bool {
    matches!(&schema.schema_kind, SchemaKind::Type(Type::Object(object)) if !object.properties.is_empty())
}

fn lower_enum(api_name: &str, rust_name: &str, schema: &Schema, values: &[Option<String>]) -> Enum {
    let mut scope = Scope::default();
    let variants: Vec<Variant> = values
        .iter()
        .flatten()
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
    }
}

/// Boxes the fields that close a cycle of by-value containment, which would otherwise give a
/// type of infinite size. Lists and maps already hold their items on the heap, so a cycle that
/// passes through one needs no box.
fn box_cycles(modules: &mut [ModelModule]) {
    let mut edges: BTreeMap<String, Vec<(String, usize)>> = BTreeMap::new();
    for module in modules.iter() {
        for lowered in &module.structs {
            let targets = lowered
                .fields
                .iter()
                .enumerate()
                .filter_map(|(index, field)| match &field.ty {
                    TypeRef::Named(target) => Some((target.clone(), index)),
                    _ => None,
                })
                .collect();
            edges.insert(lowered.rust_name.clone(), targets);
        }
    }
    let mut to_box: BTreeSet<(String, usize)> = BTreeSet::new();
    let mut done: BTreeSet<String> = BTreeSet::new();
    for start in edges.keys() {
        find_back_edges(start, &edges, &mut Vec::new(), &mut done, &mut to_box);
    }
    for module in modules.iter_mut() {
        for lowered in &mut module.structs {
            for (index, field) in lowered.fields.iter_mut().enumerate() {
                field.boxed = to_box.contains(&(lowered.rust_name.clone(), index));
            }
        }
    }
}

/// Depth-first search in name order; an edge back to a type on the current path closes a cycle.
fn find_back_edges(
    node: &str,
    edges: &BTreeMap<String, Vec<(String, usize)>>,
    path: &mut Vec<String>,
    done: &mut BTreeSet<String>,
    to_box: &mut BTreeSet<(String, usize)>,
) {
    if done.contains(node) {
        return;
    }
    path.push(node.to_owned());
    for (target, field) in edges.get(node).into_iter().flatten() {
        if path.iter().any(|on_path| on_path == target) {
            to_box.insert((node.to_owned(), *field));
        } else if edges.contains_key(target) {
            find_back_edges(target, edges, path, done, to_box);
        }
    }
    path.pop();
    done.insert(node.to_owned());
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn lower_text(text: &str) -> Result<Api, Vec<Diagnostic>> {
        let api = crate::load::parse_spec(Path::new("spec/test.yaml"), text).unwrap();
        lower(&[SpecFile {
            path: "spec/test.yaml".into(),
            api,
            source: text.into(),
        }])
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
    fn only_by_value_cycles_are_boxed() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             Node:\n      type: object\n      properties:\n        \
             parent: {{$ref: '#/components/schemas/Node'}}\n        \
             children: {{type: array, items: {{$ref: '#/components/schemas/Node'}}}}\n        \
             other: {{$ref: '#/components/schemas/Other'}}\n    \
             Other:\n      type: object\n      properties:\n        \
             back: {{$ref: '#/components/schemas/Node'}}\n"
        );
        let api = lower_text(&text).unwrap();
        let node = find_struct(&api, "Node");
        let boxed: Vec<(&str, bool)> = node
            .fields
            .iter()
            .map(|field| (field.api_name.as_str(), field.boxed))
            .collect();
        assert_eq!(
            boxed,
            [("parent", true), ("children", false), ("other", false)]
        );
        // Node → Other → Node is closed by the edge back to Node, found from Node first.
        assert!(find_struct(&api, "Other").fields[0].boxed);
    }

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
    fn schema_names_that_collide_after_case_conversion_are_an_error() {
        let text = format!(
            "{HEADER}components:\n  schemas:\n    \
             user_info: {{type: object, properties: {{a: {{type: string}}}}}}\n    \
             UserInfo: {{type: object, properties: {{a: {{type: string}}}}}}\n"
        );
        let errors = lower_text(&text).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "spec/test.yaml: #/components/schemas/user_info: schema `user_info` and schema \
             `UserInfo` (spec/test.yaml) would both be the Rust type `UserInfo`"
        );
    }
}
