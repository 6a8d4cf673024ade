//! Checks `spec/` against the reference facts in `../shared/reference/`: every operation and model.
//!
//! Each difference is reported, all at once, naming the operation or model and what differs.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use heck::ToLowerCamelCase;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, OpenAPI, Operation, Parameter,
    ParameterSchemaOrContent, QueryStyle, ReferenceOr, Schema, SchemaKind, StatusCode,
    StringFormat, Type, VariantOrUnknownOrEmpty,
};
use serde::Deserialize;
use serde_json::Value;

const TAG: &str = "Organization Authorization";
const SCHEMA_PREFIX: &str = "#/components/schemas/";

#[derive(Deserialize)]
struct RefOperation {
    method_name: String,
    http_method: String,
    path: String,
    summary: String,
    preview: bool,
    permissions: RefPermissions,
    parameters: Vec<RefParameter>,
    returns: Option<String>,
}

#[derive(Deserialize)]
struct RefPermissions {
    #[serde(rename = "type")]
    kind: String,
    names: Vec<String>,
}

#[derive(Deserialize)]
struct RefParameter {
    wire_name: Option<String>,
    #[serde(rename = "in")]
    location: String,
    #[serde(rename = "type")]
    type_word: String,
    required: bool,
    default: Option<Value>,
    description: String,
}

#[derive(Deserialize)]
struct RefModel {
    properties: Vec<RefProperty>,
}

#[derive(Deserialize)]
struct RefProperty {
    json: String,
    #[serde(rename = "type")]
    type_word: String,
    format: Option<String>,
    required: bool,
    #[serde(default)]
    #[serde(rename = "enum")]
    values: Option<Vec<String>>,
    description: String,
}

/// A spec schema reduced to the reference's vocabulary.
#[derive(Debug, Default, PartialEq)]
struct Shape {
    /// The type word: `str`, `int`, `list[X]`, `dict(str, X)`, a model name...
    word: String,
    /// The format of the innermost number, as the reference gives it (`int32`, `double`).
    format: Option<String>,
    /// Enum values of a string.
    values: Option<Vec<String>>,
    /// The schema's default value.
    default: Option<Value>,
    /// The schema's description.
    description: Option<String>,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_owned()
}

fn read_reference<T: for<'de> Deserialize<'de>>(file: &str) -> T {
    let path = root().join("../shared/reference").join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|error| {
        panic!(
            "{}: cannot read the reference facts ({error}); shared/ must sit beside the checkout",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("{}: {error}", path.display()))
}

fn load_spec() -> OpenAPI {
    let files = purecloud_generator::load_dir(&root().join("spec")).unwrap_or_else(|errors| {
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!("spec/ does not load:\n{}", messages.join("\n"))
    });
    assert_eq!(
        files.len(),
        1,
        "this test expects the orgauthorization spec alone in spec/"
    );
    files.into_iter().next().unwrap().api
}

/// Reduces a schema to a [`Shape`], or says why it cannot be.
fn shape(schema: &ReferenceOr<Schema>) -> Result<Shape, String> {
    match schema {
        ReferenceOr::Reference { reference } => reference
            .strip_prefix(SCHEMA_PREFIX)
            .map(|name| Shape {
                word: name.to_owned(),
                ..Shape::default()
            })
            .ok_or_else(|| format!("`$ref: {reference}` is not a schema reference")),
        ReferenceOr::Item(schema) => schema_shape(schema),
    }
}

fn boxed_shape(schema: &ReferenceOr<Box<Schema>>) -> Result<Shape, String> {
    match schema {
        ReferenceOr::Reference { reference } => shape(&ReferenceOr::Reference {
            reference: reference.clone(),
        }),
        ReferenceOr::Item(schema) => schema_shape(schema),
    }
}

fn format_name<T: std::fmt::Debug>(format: &VariantOrUnknownOrEmpty<T>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(item) => Some(format!("{item:?}")),
        VariantOrUnknownOrEmpty::Unknown(name) => Some(name.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

fn schema_shape(schema: &Schema) -> Result<Shape, String> {
    let mut result = Shape {
        default: schema.schema_data.default.clone(),
        description: schema.schema_data.description.clone(),
        ..Shape::default()
    };
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(string)) => {
            result.word = match &string.format {
                VariantOrUnknownOrEmpty::Item(StringFormat::DateTime) => "datetime".to_owned(),
                VariantOrUnknownOrEmpty::Item(StringFormat::Date) => "date".to_owned(),
                VariantOrUnknownOrEmpty::Empty => "str".to_owned(),
                other => return Err(format!("string format {other:?} is not in the reference")),
            };
            if !string.enumeration.is_empty() {
                let values = string.enumeration.iter().flatten().cloned().collect();
                result.values = Some(values);
            }
        }
        SchemaKind::Type(Type::Integer(integer)) => {
            result.word = "int".to_owned();
            result.format = match &integer.format {
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32) => Some("int32".to_owned()),
                VariantOrUnknownOrEmpty::Item(IntegerFormat::Int64) => Some("int64".to_owned()),
                other => format_name(other),
            };
        }
        SchemaKind::Type(Type::Number(number)) => {
            result.word = "float".to_owned();
            result.format = match &number.format {
                VariantOrUnknownOrEmpty::Item(NumberFormat::Double) => Some("double".to_owned()),
                VariantOrUnknownOrEmpty::Item(NumberFormat::Float) => Some("float".to_owned()),
                other => format_name(other),
            };
        }
        SchemaKind::Type(Type::Boolean(_)) => result.word = "bool".to_owned(),
        SchemaKind::Type(Type::Array(array)) => {
            let items = array.items.as_ref().ok_or("an array without `items`")?;
            let inner = boxed_shape(items)?;
            result.word = format!("list[{}]", inner.word);
            result.format = inner.format;
        }
        SchemaKind::Type(Type::Object(object)) => {
            if !object.properties.is_empty() {
                return Err("an inline object with properties is not in the reference".to_owned());
            }
            match &object.additional_properties {
                None => result.word = "object".to_owned(),
                Some(AdditionalProperties::Schema(values)) => {
                    let inner = shape(values)?;
                    result.word = format!("dict(str, {})", inner.word);
                    result.format = inner.format;
                }
                Some(AdditionalProperties::Any(any)) => {
                    return Err(format!(
                        "`additionalProperties: {any}` is not in the reference"
                    ));
                }
            }
        }
        other => return Err(format!("schema kind {other:?} is not in the reference")),
    }
    Ok(result)
}

/// Compares one value, noting a difference under `what`.
fn expect_eq<T: PartialEq + std::fmt::Debug>(
    differences: &mut Vec<String>,
    what: &str,
    actual: T,
    expected: T,
) {
    if actual != expected {
        differences.push(format!(
            "{what}: spec has {actual:?}, reference has {expected:?}"
        ));
    }
}

/// A spec description must exist and be the project's own words, not the vendor's.
fn check_description(differences: &mut Vec<String>, what: &str, ours: Option<&str>, vendor: &str) {
    let normal = |text: &str| text.trim().trim_end_matches('.').to_lowercase();
    match ours {
        None | Some("") => differences.push(format!("{what}: no description")),
        Some(ours) if !vendor.is_empty() && normal(ours) == normal(vendor) => {
            differences.push(format!("{what}: description copies the vendor's text"));
        }
        Some(_) => {}
    }
}

fn check_operation(differences: &mut Vec<String>, reference: &RefOperation, operation: &Operation) {
    let name = &reference.method_name;
    let what = |detail: &str| format!("operation {name}: {detail}");
    expect_eq(
        differences,
        &what("operationId"),
        operation.operation_id.as_deref(),
        Some(name.to_lower_camel_case().as_str()),
    );
    expect_eq(
        differences,
        &what("summary"),
        operation.summary.as_deref(),
        Some(reference.summary.as_str()),
    );
    expect_eq(
        differences,
        &what("tags"),
        operation.tags.clone(),
        vec![TAG.to_owned()],
    );

    let permissions = operation.extensions.get("x-inin-requires-permissions");
    let expected_permissions = serde_json::json!({
        "type": reference.permissions.kind,
        "permissions": reference.permissions.names,
    });
    expect_eq(
        differences,
        &what("x-inin-requires-permissions"),
        permissions,
        Some(&expected_permissions),
    );
    let preview = operation.extensions.get("x-genesys-preview");
    let expected_preview = reference.preview.then_some(Value::Bool(true));
    expect_eq(
        differences,
        &what("x-genesys-preview"),
        preview,
        expected_preview.as_ref(),
    );

    check_parameters(differences, reference, operation);
    check_body(differences, reference, operation);
    check_responses(differences, reference, operation);
}

fn check_parameters(
    differences: &mut Vec<String>,
    reference: &RefOperation,
    operation: &Operation,
) {
    let name = &reference.method_name;
    let expected: Vec<&RefParameter> = reference
        .parameters
        .iter()
        .filter(|parameter| parameter.location != "body")
        .collect();
    let mut actual = Vec::new();
    for parameter in &operation.parameters {
        match parameter {
            ReferenceOr::Item(parameter) => actual.push(parameter),
            ReferenceOr::Reference { reference } => differences.push(format!(
                "operation {name}: parameter `$ref: {reference}`: the reference inlines parameters"
            )),
        }
    }
    let names = |list: Vec<String>| list;
    expect_eq(
        differences,
        &format!("operation {name}: parameter names"),
        names(
            actual
                .iter()
                .map(|p| p.parameter_data_ref().name.clone())
                .collect(),
        ),
        names(
            expected
                .iter()
                .map(|p| p.wire_name.clone().unwrap_or_default())
                .collect(),
        ),
    );
    for reference_parameter in expected {
        let wire_name = reference_parameter.wire_name.as_deref().unwrap_or_default();
        let what = |detail: &str| format!("operation {name}: parameter `{wire_name}`: {detail}");
        let Some(parameter) = actual
            .iter()
            .find(|p| p.parameter_data_ref().name == wire_name)
        else {
            continue;
        };
        let (location, explode) = match parameter {
            Parameter::Path { parameter_data, .. } => ("path", parameter_data.explode),
            Parameter::Query {
                parameter_data,
                style,
                ..
            } => {
                if *style != QueryStyle::Form {
                    differences.push(what(&format!("style is {style:?}, expected form")));
                }
                ("query", parameter_data.explode)
            }
            Parameter::Header { .. } => ("header", None),
            Parameter::Cookie { .. } => ("cookie", None),
        };
        expect_eq(
            differences,
            &what("in"),
            location,
            reference_parameter.location.as_str(),
        );
        let data = parameter.parameter_data_ref();
        expect_eq(
            differences,
            &what("required"),
            data.required,
            reference_parameter.required,
        );
        // Lists go on the query as repeated keys (`id=a&id=b`); scalars leave explode unset.
        let is_list = reference_parameter.type_word.starts_with("list[");
        expect_eq(
            differences,
            &what("explode"),
            explode,
            is_list.then_some(true),
        );
        check_description(
            differences,
            &what("description"),
            data.description.as_deref(),
            &reference_parameter.description,
        );
        let ParameterSchemaOrContent::Schema(schema) = &data.format else {
            differences.push(what("uses `content` instead of `schema`"));
            continue;
        };
        match shape(schema) {
            Ok(shape) => {
                expect_eq(
                    differences,
                    &what("type"),
                    shape.word.as_str(),
                    reference_parameter.type_word.as_str(),
                );
                let expected_format = (reference_parameter.type_word == "int").then_some("int32");
                expect_eq(
                    differences,
                    &what("format"),
                    shape.format.as_deref(),
                    expected_format,
                );
                expect_eq(
                    differences,
                    &what("default"),
                    shape.default,
                    typed_default(reference_parameter),
                );
            }
            Err(problem) => differences.push(what(&problem)),
        }
    }
}

/// The reference writes every default as a string; the spec types it like its parameter.
fn typed_default(parameter: &RefParameter) -> Option<Value> {
    let default = parameter.default.as_ref()?;
    let Value::String(text) = default else {
        return Some(default.clone());
    };
    let typed = match parameter.type_word.as_str() {
        "int" => text.parse::<i64>().map(Value::from).ok(),
        "bool" => text.parse::<bool>().map(Value::from).ok(),
        _ => None,
    };
    Some(typed.unwrap_or_else(|| default.clone()))
}

fn check_body(differences: &mut Vec<String>, reference: &RefOperation, operation: &Operation) {
    let name = &reference.method_name;
    let what = |detail: &str| format!("operation {name}: request body: {detail}");
    let expected = reference
        .parameters
        .iter()
        .find(|parameter| parameter.location == "body");
    match (&operation.request_body, expected) {
        (None, None) => {}
        (Some(_), None) => differences.push(what("the spec has one, the reference has none")),
        (None, Some(_)) => differences.push(what("missing")),
        (Some(ReferenceOr::Reference { reference }), Some(_)) => {
            differences.push(what(&format!(
                "`$ref: {reference}`: the reference inlines bodies"
            )));
        }
        (Some(ReferenceOr::Item(body)), Some(expected)) => {
            expect_eq(
                differences,
                &what("required"),
                body.required,
                expected.required,
            );
            check_description(
                differences,
                &what("description"),
                body.description.as_deref(),
                &expected.description,
            );
            let media_types: Vec<&str> = body.content.keys().map(String::as_str).collect();
            expect_eq(
                differences,
                &what("media types"),
                media_types,
                vec!["application/json"],
            );
            let schema = body
                .content
                .get("application/json")
                .and_then(|media| media.schema.as_ref());
            match schema.map(shape) {
                Some(Ok(shape)) => expect_eq(
                    differences,
                    &what("type"),
                    shape.word.as_str(),
                    expected.type_word.as_str(),
                ),
                Some(Err(problem)) => differences.push(what(&problem)),
                None => differences.push(what("no schema")),
            }
        }
    }
}

fn check_responses(differences: &mut Vec<String>, reference: &RefOperation, operation: &Operation) {
    let name = &reference.method_name;
    let what = |detail: &str| format!("operation {name}: responses: {detail}");
    let codes: Vec<&StatusCode> = operation.responses.responses.keys().collect();
    let expected_code = StatusCode::Code(if reference.returns.is_some() {
        200
    } else {
        204
    });
    expect_eq(
        differences,
        &what("status codes"),
        codes,
        vec![&expected_code],
    );
    let success = operation.responses.responses.get(&expected_code);
    let success_schema = match success {
        Some(ReferenceOr::Item(response)) => {
            let media_types: Vec<&str> = response.content.keys().map(String::as_str).collect();
            let expected_media: Vec<&str> = match reference.returns {
                Some(_) => vec!["application/json"],
                None => vec![],
            };
            expect_eq(
                differences,
                &what("success media types"),
                media_types,
                expected_media,
            );
            response
                .content
                .get("application/json")
                .and_then(|media| media.schema.as_ref())
        }
        Some(ReferenceOr::Reference { reference }) => {
            differences.push(what(&format!(
                "`$ref: {reference}`: the reference inlines responses"
            )));
            None
        }
        None => None,
    };
    if let Some(returns) = &reference.returns {
        match success_schema.map(shape) {
            Some(Ok(shape)) => expect_eq(
                differences,
                &what("success type"),
                shape.word.as_str(),
                returns.as_str(),
            ),
            Some(Err(problem)) => differences.push(what(&problem)),
            None => differences.push(what("the success response has no JSON schema")),
        }
    }
    let error_schema = match &operation.responses.default {
        Some(ReferenceOr::Item(response)) => response
            .content
            .get("application/json")
            .and_then(|media| media.schema.as_ref())
            .map(shape),
        _ => None,
    };
    match error_schema {
        Some(Ok(shape)) => expect_eq(
            differences,
            &what("default type"),
            shape.word.as_str(),
            "ErrorBody",
        ),
        Some(Err(problem)) => differences.push(what(&problem)),
        None => differences.push(what("no `default` response with an ErrorBody JSON body")),
    }
}

fn check_model(differences: &mut Vec<String>, name: &str, reference: &RefModel, schema: &Schema) {
    let what = |detail: &str| format!("model {name}: {detail}");
    check_description(
        differences,
        &what("description"),
        schema.schema_data.description.as_deref(),
        "",
    );
    let SchemaKind::Type(Type::Object(object)) = &schema.schema_kind else {
        differences.push(what("is not `type: object`"));
        return;
    };
    expect_eq(
        differences,
        &what("property names, in order"),
        object.properties.keys().cloned().collect::<Vec<_>>(),
        reference
            .properties
            .iter()
            .map(|p| p.json.clone())
            .collect(),
    );
    expect_eq(
        differences,
        &what("required"),
        object.required.iter().cloned().collect::<BTreeSet<_>>(),
        reference
            .properties
            .iter()
            .filter(|p| p.required)
            .map(|p| p.json.clone())
            .collect(),
    );
    for property in &reference.properties {
        let Some(schema) = object.properties.get(&property.json) else {
            continue;
        };
        let what = |detail: &str| format!("model {name}: property `{}`: {detail}", property.json);
        let shape = match boxed_shape(schema) {
            Ok(shape) => shape,
            Err(problem) => {
                differences.push(what(&problem));
                continue;
            }
        };
        expect_eq(
            differences,
            &what("type"),
            shape.word.as_str(),
            property.type_word.as_str(),
        );
        expect_eq(
            differences,
            &what("format"),
            shape.format.as_deref(),
            property.format.as_deref(),
        );
        expect_eq(
            differences,
            &what("enum"),
            shape.values.as_ref(),
            property.values.as_ref(),
        );
        // A `$ref` cannot carry a description in OpenAPI 3.0; the model's own applies.
        if matches!(schema, ReferenceOr::Item(_)) {
            check_description(
                differences,
                &what("description"),
                shape.description.as_deref(),
                &property.description,
            );
        }
    }
}

fn fail_on(differences: Vec<String>) {
    assert!(
        differences.is_empty(),
        "spec/ differs from ../shared/reference in {} place(s):\n{}",
        differences.len(),
        differences.join("\n")
    );
}

#[test]
fn every_operation_matches_the_reference() {
    let api = load_spec();
    let operations: Vec<RefOperation> = read_reference("operations.json");
    assert_eq!(operations.len(), 46, "the reference lists 46 operations");
    let mut differences = Vec::new();
    let mut spec_operations: BTreeMap<(String, String), &Operation> = api
        .operations()
        .map(|(path, method, operation)| ((method.to_uppercase(), path.to_owned()), operation))
        .collect();
    for reference in &operations {
        let key = (reference.http_method.clone(), reference.path.clone());
        match spec_operations.remove(&key) {
            Some(operation) => check_operation(&mut differences, reference, operation),
            None => differences.push(format!(
                "operation {}: {} {} is missing from the spec",
                reference.method_name, key.0, key.1
            )),
        }
    }
    for ((method, path), operation) in spec_operations {
        differences.push(format!(
            "operation {}: {method} {path} is in the spec but not in the reference",
            operation
                .operation_id
                .as_deref()
                .unwrap_or("(no operationId)")
        ));
    }
    fail_on(differences);
}

#[test]
fn every_model_matches_the_reference() {
    let api = load_spec();
    let models: BTreeMap<String, RefModel> = read_reference("models.json");
    assert_eq!(models.len(), 67, "the reference lists 67 models");
    let schemas = api
        .components
        .as_ref()
        .map(|components| &components.schemas)
        .expect("the spec has components");
    let mut differences = Vec::new();
    for (name, reference) in &models {
        match schemas.get(name) {
            Some(ReferenceOr::Item(schema)) => {
                check_model(&mut differences, name, reference, schema);
            }
            Some(ReferenceOr::Reference { reference }) => {
                differences.push(format!(
                    "model {name}: is `$ref: {reference}`, not a schema"
                ));
            }
            None => differences.push(format!("model {name}: missing from components.schemas")),
        }
    }
    for name in schemas.keys().filter(|name| !models.contains_key(*name)) {
        differences.push(format!(
            "model {name}: in the spec but not in the reference"
        ));
    }
    fail_on(differences);
}

#[test]
fn document_level_facts_match_the_issue() {
    let api = load_spec();
    let mut differences = Vec::new();
    expect_eq(&mut differences, "openapi", api.openapi.as_str(), "3.0.3");
    let servers: Vec<&str> = api
        .servers
        .iter()
        .map(|server| server.url.as_str())
        .collect();
    expect_eq(
        &mut differences,
        "servers",
        servers,
        vec!["https://api.mypurecloud.com"],
    );
    let tags: Vec<&str> = api.tags.iter().map(|tag| tag.name.as_str()).collect();
    expect_eq(&mut differences, "tags", tags, vec![TAG]);
    // Security applied at the top level covers every operation that does not override it.
    let security = serde_json::to_value(&api.security).unwrap();
    expect_eq(
        &mut differences,
        "security",
        security,
        serde_json::json!([{ "PureCloudOAuth": [] }]),
    );
    for (path, method, operation) in api.operations() {
        if operation.security.is_some() {
            differences.push(format!("{method} {path}: overrides the top-level security"));
        }
    }
    let scheme = api
        .components
        .as_ref()
        .and_then(|components| components.security_schemes.get("PureCloudOAuth"));
    let scheme = serde_json::to_value(scheme).unwrap();
    expect_eq(
        &mut differences,
        "PureCloudOAuth token URL",
        scheme.pointer("/flows/clientCredentials/tokenUrl"),
        Some(&Value::from("https://login.mypurecloud.com/oauth/token")),
    );
    expect_eq(
        &mut differences,
        "PureCloudOAuth type",
        scheme.pointer("/type"),
        Some(&Value::from("oauth2")),
    );
    fail_on(differences);
}
