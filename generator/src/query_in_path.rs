//! Binds the variables of a query string written into a path key (`/search?query={query}`).
//!
//! OpenAPI templates the path alone, but some documents write the query string into the path
//! key, its values as template variables. Read as a URI template, the key says what to send:
//! each variable is replaced by its value, wherever it stands, which is what the generated client
//! does with an `in: path` parameter. A variable after the `?` that has an `in: path` parameter
//! already needs nothing; one whose parameter the document declares `in: query` (the name
//! the template gives it) is read as an `in: path` one, so that its value is written where the
//! template says, once; one with no parameter at all becomes a required string, as the template
//! cannot be sent without a value. Each such variable gets a warning at its operation. This
//! runs on the untyped tree before the typed parse, which keeps the path keys as they are, so
//! pointers into the text stay right.

use std::path::Path;

use serde_yaml::{Mapping, Value};

use crate::diagnostic::{Diagnostic, Pointer};
use crate::walk::{METHODS, token};

/// Binds the query variables of every path key of `document`, read from `file`, and returns a
/// warning for each variable bound.
pub fn bind_query_variables(file: &Path, document: &mut Value) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    let Some(paths) = document.get_mut("paths").and_then(Value::as_mapping_mut) else {
        return warnings;
    };
    let at = Pointer::root().join("paths");
    for (key, item) in paths.iter_mut() {
        let path = token(key);
        let Some((_, query)) = path.split_once('?') else {
            continue;
        };
        let variables = variables(query);
        let Some(item) = item.as_mapping_mut() else {
            continue;
        };
        let at = at.join(&path);
        for variable in &variables {
            // A parameter of the path item applies to each operation: it is read there once.
            if read_as_path_parameter(item, variable) {
                warnings.push(Diagnostic::warning(file, at.clone(), in_query(variable)));
            }
        }
        // The variables the path item binds; with a `$ref` among its parameters, which
        // validation checks, none is added.
        let bound_by_item: Vec<&String> = variables
            .iter()
            .filter(|variable| has_path_parameter(item, variable))
            .collect();
        let item_refers = has_reference(item);
        for method in METHODS {
            let Some(operation) = item.get_mut(*method).and_then(Value::as_mapping_mut) else {
                continue;
            };
            for variable in &variables {
                let message = if read_as_path_parameter(operation, variable) {
                    in_query(variable)
                } else if bound_by_item.contains(&variable)
                    || has_path_parameter(operation, variable)
                    || item_refers
                    || has_reference(operation)
                {
                    continue;
                } else {
                    add_string_parameter(operation, variable);
                    format!(
                        "path variable `{{{variable}}}` stands in the query string written into \
                         the path and has no parameter: it is a required string argument"
                    )
                };
                warnings.push(Diagnostic::warning(file, at.join(method), message));
            }
        }
    }
    warnings
}

/// The warning for a query parameter read as a path parameter.
fn in_query(variable: &str) -> String {
    format!(
        "path variable `{{{variable}}}` stands in the query string written into the path: its \
         `in: query` parameter is read as a path parameter, its value written there"
    )
}

/// The names of the template variables in `query`, in order, each once.
fn variables(query: &str) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let mut rest = query;
    while let Some(start) = rest.find('{') {
        let Some(length) = rest[start..].find('}') else {
            break;
        };
        let name = &rest[start + 1..start + length];
        if !name.is_empty() && !names.iter().any(|known| known == name) {
            names.push(name.to_owned());
        }
        rest = &rest[start + length + 1..];
    }
    names
}

/// The parameters written in place in `owner` (a path item or an operation).
fn inline_parameters(owner: &mut Mapping) -> impl Iterator<Item = &mut Mapping> {
    owner
        .get_mut("parameters")
        .and_then(Value::as_sequence_mut)
        .into_iter()
        .flatten()
        .filter_map(Value::as_mapping_mut)
}

/// Makes the `in: query` parameter of `owner` named `variable`, when there is one and no
/// `in: path` one, a required path parameter; says whether it did.
fn read_as_path_parameter(owner: &mut Mapping, variable: &str) -> bool {
    if has_path_parameter(owner, variable) {
        return false;
    }
    let Some(parameter) = inline_parameters(owner).find(|parameter| {
        parameter.get("name").and_then(Value::as_str) == Some(variable)
            && parameter.get("in").and_then(Value::as_str) == Some("query")
    }) else {
        return false;
    };
    parameter.insert("in".into(), "path".into());
    parameter.insert("required".into(), Value::Bool(true));
    true
}

/// Whether `owner` has an `in: path` parameter written in place named `variable`.
fn has_path_parameter(owner: &mut Mapping, variable: &str) -> bool {
    inline_parameters(owner).any(|parameter| {
        parameter.get("name").and_then(Value::as_str) == Some(variable)
            && parameter.get("in").and_then(Value::as_str) == Some("path")
    })
}

/// Whether a parameter of `owner` is a `$ref`.
fn has_reference(owner: &Mapping) -> bool {
    owner
        .get("parameters")
        .and_then(Value::as_sequence)
        .is_some_and(|parameters| {
            parameters
                .iter()
                .any(|parameter| parameter.get("$ref").is_some())
        })
}

/// Adds to `operation` a required `in: path` string parameter named `variable`.
fn add_string_parameter(operation: &mut Mapping, variable: &str) {
    let mut schema = Mapping::new();
    schema.insert("type".into(), "string".into());
    let mut parameter = Mapping::new();
    parameter.insert("name".into(), variable.into());
    parameter.insert("in".into(), "path".into());
    parameter.insert("required".into(), Value::Bool(true));
    parameter.insert("schema".into(), Value::Mapping(schema));
    match operation
        .get_mut("parameters")
        .and_then(Value::as_sequence_mut)
    {
        Some(parameters) => parameters.push(Value::Mapping(parameter)),
        None => {
            operation.insert(
                "parameters".into(),
                Value::Sequence(vec![Value::Mapping(parameter)]),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `paths` (YAML) bound, and the warnings as `pointer: message`.
    fn bound(paths: &str) -> (Value, Vec<String>) {
        let mut document: Value =
            serde_yaml::from_str(&format!("paths:\n{paths}")).expect("the test's YAML parses");
        let warnings = bind_query_variables(Path::new("spec/a.yaml"), &mut document)
            .into_iter()
            .map(|warning| format!("{}: {}", warning.pointer, warning.message))
            .collect();
        (document, warnings)
    }

    #[test]
    fn a_query_parameter_named_in_the_path_is_written_there() {
        let (document, warnings) = bound(
            "  /search?query={query}&page={page}:\n    get:\n      parameters:\n        \
             - {name: query, in: query, schema: {type: string}}\n        \
             - {name: page, in: path, required: true, schema: {type: integer}}\n        \
             - {name: size, in: query, schema: {type: integer}}\n",
        );
        let parameters =
            &document["paths"]["/search?query={query}&page={page}"]["get"]["parameters"];
        assert_eq!(
            parameters[0],
            serde_yaml::from_str::<Value>(
                "{name: query, in: path, schema: {type: string}, required: true}"
            )
            .unwrap()
        );
        // Bound already, or not in the template: left as they are.
        assert_eq!(parameters[1]["in"], "path");
        assert_eq!(parameters[2]["in"], "query");
        assert_eq!(
            warnings,
            [
                "#/paths/~1search?query={query}&page={page}/get: path variable `{query}` stands \
                 in the query string written into the path: its `in: query` parameter is read \
                 as a path parameter, its value written there"
            ]
        );
    }

    #[test]
    fn a_variable_without_a_parameter_is_a_required_string() {
        let (document, warnings) = bound(
            "  /rides?page={page}:\n    parameters:\n      \
             - {name: page, in: query, schema: {type: integer}}\n    \
             get:\n      responses: {}\n  \
             /uploads?convert={convert}:\n    post:\n      responses: {}\n  \
             /other?x={x}:\n    get:\n      parameters: [{$ref: '#/components/parameters/X'}]\n",
        );
        // A path item's query parameter is read once, for every operation.
        assert_eq!(
            document["paths"]["/rides?page={page}"]["parameters"][0]["in"],
            "path"
        );
        assert_eq!(
            document["paths"]["/uploads?convert={convert}"]["post"]["parameters"],
            serde_yaml::from_str::<Value>(
                "[{name: convert, in: path, required: true, schema: {type: string}}]"
            )
            .unwrap()
        );
        // A `$ref` among the parameters may bind it: validation says whether it does.
        assert!(document["paths"]["/other?x={x}"]["get"]["parameters"][1].is_null());
        assert_eq!(
            warnings,
            [
                "#/paths/~1rides?page={page}: path variable `{page}` stands in the query string \
                 written into the path: its `in: query` parameter is read as a path parameter, \
                 its value written there",
                "#/paths/~1uploads?convert={convert}/post: path variable `{convert}` stands in \
                 the query string written into the path and has no parameter: it is a required \
                 string argument",
            ]
        );
    }
}
