//! Loads spec files: YAML text → `openapiv3::OpenAPI`, with errors that name the file and position.

use std::collections::BTreeSet;
use std::fmt;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use openapiv3::OpenAPI;

use crate::declared_type;
use crate::diagnostic::{Diagnostic, Pointer};
use crate::openapi31;
use crate::query_in_path;
use crate::walk;

/// One parsed spec file and where it came from.
#[derive(Debug, Clone)]
pub struct SpecFile {
    /// The path the file was read from, as given by the caller.
    pub path: PathBuf,
    /// The parsed OpenAPI document.
    pub api: OpenAPI,
    /// The text `api` was parsed from, kept to find the lines of diagnostics.
    pub source: Arc<str>,
    /// What loading had to change to read the document, each at its pointer in `source`.
    pub warnings: Vec<Diagnostic>,
    /// The pointers of the Encoding Objects that write `explode` themselves. openapiv3 reads
    /// a missing `explode` as `false`, which for the `form` style (and an encoding without a
    /// `style`) is not OpenAPI's default, `true`: only this tells `explode: false` from none.
    pub encodings_writing_explode: BTreeSet<String>,
}

impl SpecFile {
    /// Whether the Encoding Object at `pointer` writes `explode` itself (its value is the
    /// typed `explode`); see [`SpecFile::encodings_writing_explode`].
    pub fn encoding_writes_explode(&self, pointer: &Pointer) -> bool {
        self.encodings_writing_explode.contains(pointer.as_str())
    }
}

/// A line and column in a spec file, both counted from 1.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1.
    pub column: usize,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, ":{}:{}", self.line, self.column)
    }
}

/// Why a spec file could not be loaded. Every variant names the file.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// The file or folder could not be read.
    #[error("{}: cannot read: {source}", path.display())]
    Read {
        /// The file or folder.
        path: PathBuf,
        /// What the operating system said.
        source: io::Error,
    },
    /// The folder holds no `.yaml`, `.yml` or `.json` file.
    #[error("{}: no spec file (*.yaml, *.yml, *.json) in this folder", path.display())]
    NoSpecFiles {
        /// The folder.
        path: PathBuf,
    },
    /// The text is not valid YAML.
    #[error("{}{}: invalid YAML: {message}", path.display(), OptionalPosition(*position))]
    Yaml {
        /// The file.
        path: PathBuf,
        /// Where the YAML parser stopped, when it says.
        position: Option<Position>,
        /// What the YAML parser said.
        message: String,
    },
    /// The text is YAML but not an OpenAPI 3.0 or 3.1 document.
    #[error("{}{}: not an OpenAPI 3.0 or 3.1 document: {reason}", path.display(), OptionalPosition(*position))]
    NotOpenApi {
        /// The file.
        path: PathBuf,
        /// Where the problem is, when known.
        position: Option<Position>,
        /// What is wrong.
        reason: String,
    },
}

/// Shows a position as `:line:column`, or nothing when there is none.
struct OptionalPosition(Option<Position>);

impl fmt::Display for OptionalPosition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(position) => position.fmt(f),
            None => Ok(()),
        }
    }
}

/// Reads and parses one spec file.
pub fn load_file(path: &Path) -> Result<SpecFile, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Read {
        path: path.to_owned(),
        source,
    })?;
    parse_spec(path, &text)
}

/// Reads and parses every `*.yaml`, `*.yml` and `*.json` file directly in `dir`, in file-name
/// order. JSON is read by the same YAML parser, as YAML 1.2 includes it.
///
/// Every file is tried, so all load errors come back together.
pub fn load_dir(dir: &Path) -> Result<Vec<SpecFile>, Vec<LoadError>> {
    all_or_errors(spec_paths(dir)?.iter().map(|path| load_file(path)))
}

/// The path and text of every spec file in `dir`, as [`load_dir`] finds them, not parsed: a
/// caller that remembers an earlier run can compare the texts before paying for a parse.
pub fn read_dir(dir: &Path) -> Result<Vec<(PathBuf, String)>, Vec<LoadError>> {
    all_or_errors(
        spec_paths(dir)?
            .into_iter()
            .map(|path| match std::fs::read_to_string(&path) {
                Ok(text) => Ok((path, text)),
                Err(source) => Err(LoadError::Read { path, source }),
            }),
    )
}

/// Parses texts from [`read_dir`]; every text is tried, so all errors come back together.
pub fn parse_texts(texts: Vec<(PathBuf, String)>) -> Result<Vec<SpecFile>, Vec<LoadError>> {
    all_or_errors(
        texts
            .into_iter()
            .map(|(path, text)| parse_spec(&path, &text)),
    )
}

/// The `*.yaml`, `*.yml` and `*.json` files directly in `dir`, in file-name order.
fn spec_paths(dir: &Path) -> Result<Vec<PathBuf>, Vec<LoadError>> {
    let read_error = |source| {
        vec![LoadError::Read {
            path: dir.to_owned(),
            source,
        }]
    };
    let mut paths = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(read_error)? {
        let path = entry.map_err(read_error)?.path();
        let is_spec = path
            .extension()
            .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json");
        if is_spec && path.is_file() {
            paths.push(path);
        }
    }
    if paths.is_empty() {
        return Err(vec![LoadError::NoSpecFiles {
            path: dir.to_owned(),
        }]);
    }
    // read_dir's order depends on the file system; sorting keeps output the same everywhere.
    paths.sort();
    Ok(paths)
}

/// Every value, or every error when there is one.
fn all_or_errors<T>(
    results: impl Iterator<Item = Result<T, LoadError>>,
) -> Result<Vec<T>, Vec<LoadError>> {
    let mut values = Vec::new();
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(value) => values.push(value),
            Err(error) => errors.push(error),
        }
    }
    if errors.is_empty() {
        Ok(values)
    } else {
        Err(errors)
    }
}

/// Parses spec text; `path` names the file in errors and in the returned [`SpecFile`].
///
/// The text is first read untyped: syntax errors and duplicate keys get their position there,
/// and the inputs on which openapiv3's own parser panics (duplicate keys, non-finite numbers)
/// are refused before it sees them. An OpenAPI 3.1 document is rewritten there into the 3.0
/// shape the typed parse reads ([`openapi31`]), with warnings for what 3.0 cannot say; in
/// either version, a schema whose keywords do not all fit its `type` is made to fit it
/// ([`declared_type`]), with a warning naming what was ignored.
pub fn parse_spec(path: &Path, text: &str) -> Result<SpecFile, LoadError> {
    let (value, version, warnings) = untyped(path, text)?;
    let encodings_writing_explode = encodings_writing_explode(&value);
    let typed = std::panic::catch_unwind(|| typed_document(value));
    match typed {
        Ok(Ok(api)) => Ok(SpecFile {
            path: path.to_owned(),
            api,
            source: text.into(),
            warnings,
            encodings_writing_explode,
        }),
        // Converting the tree loses positions: parse the text again to find where it fails.
        _ if version == Version::OpenApi30 => Err(typed_error(path, text)),
        // What failed is not the text but its rewrite, which has no positions of its own.
        _ => Err(rewritten_error(path, text)),
    }
}

/// The typed document read from the tree: its paths and its components, nearly all of it, on
/// two threads at once, and the rest after. Read whole, the document would also be buffered
/// once more by openapiv3 (it collects the extensions of the top level with serde's
/// `flatten`); read in parts, what the parts hold is read exactly as it would be in place.
fn typed_document(mut value: serde_yaml::Value) -> Result<OpenAPI, serde_yaml::Error> {
    let parts = value.as_mapping_mut().and_then(|document| {
        let paths = document.get_mut("paths")?;
        let paths = std::mem::replace(paths, serde_yaml::Value::Mapping(Default::default()));
        // `components: null` reads as none in place, but as no `Components` alone.
        let components = document
            .get_mut("components")
            .filter(|components| !components.is_null())
            .map(std::mem::take);
        Some((paths, components))
    });
    let Some((paths, components)) = parts else {
        return serde_yaml::from_value(value);
    };
    std::thread::scope(|scope| {
        let components = scope.spawn(move || {
            components
                .map(serde_yaml::from_value::<openapiv3::Components>)
                .transpose()
        });
        let paths = serde_yaml::from_value::<openapiv3::Paths>(paths);
        let components = components
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        let mut api: OpenAPI = serde_yaml::from_value(value)?;
        api.paths = paths?;
        if let Some(components) = components? {
            api.components = Some(components);
        }
        Ok(api)
    })
}

/// The text read as an untyped tree and checked, its version, and the tree rewritten into the
/// shape the typed parse reads, with the warnings of that rewrite.
fn untyped(
    path: &Path,
    text: &str,
) -> Result<(serde_yaml::Value, Version, Vec<Diagnostic>), LoadError> {
    let mut value = read_tree(path, text)?;
    let version = check_document(path, &value)?;
    let warnings = match version {
        Version::OpenApi30 => rewrite_30(path, &mut value),
        Version::OpenApi31 => {
            let mut warnings = openapi31::rewrite_as_30(path, &mut value);
            warnings.extend(query_in_path::bind_query_variables(path, &mut value));
            if let Some(document) = value.as_mapping_mut() {
                walk::document(document, &mut CallbackReferences);
            }
            warnings
        }
    };
    Ok((value, version, warnings))
}

/// The rewrites of a 3.0 document's tree: schemas fitted to their declared types, query strings
/// in path keys bound, callback references taken out. They change nothing outside the part of
/// the document they are in, so the paths are rewritten on one thread while the rest (the
/// components) is on another. The warnings keep the order of one walk: the paths' fitting, the
/// components', then the query strings'.
fn rewrite_30(path: &Path, document: &mut serde_yaml::Value) -> Vec<Diagnostic> {
    let rewrite = |part: &mut serde_yaml::Value, paths: bool| {
        let fitted = declared_type::fit_document(path, part);
        let bound = if paths {
            query_in_path::bind_query_variables(path, part)
        } else {
            Vec::new()
        };
        if let Some(part) = part.as_mapping_mut() {
            walk::document(part, &mut CallbackReferences);
        }
        (fitted, bound)
    };
    let taken = document
        .as_mapping_mut()
        .and_then(|document| document.get_mut("paths"))
        .map(std::mem::take);
    let Some(paths) = taken else {
        let (mut warnings, bound) = rewrite(document, true);
        warnings.extend(bound);
        return warnings;
    };
    let mut paths_only =
        serde_yaml::Value::Mapping([("paths".into(), paths)].into_iter().collect());
    let ((mut warnings, bound), (components_fitted, _)) = std::thread::scope(|scope| {
        let rest = scope.spawn(|| rewrite(document, false));
        let paths = rewrite(&mut paths_only, true);
        let rest = rest
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (paths, rest)
    });
    if let (Some(slot), Some(paths)) = (
        document
            .as_mapping_mut()
            .and_then(|document| document.get_mut("paths")),
        paths_only
            .as_mapping_mut()
            .and_then(|only| only.remove("paths")),
    ) {
        *slot = paths;
    }
    warnings.extend(components_fitted);
    warnings.extend(bound);
    warnings
}

/// The pointers of the mappings at `.../content/<media type>/encoding/<field>` that have an
/// `explode` key: the Encoding Objects of request bodies, wherever those are written. Lists
/// are not entered: no Encoding Object that a client reads stands in one.
fn encodings_writing_explode(value: &serde_yaml::Value) -> BTreeSet<String> {
    fn walk<'v>(value: &'v serde_yaml::Value, at: &mut Vec<&'v str>, found: &mut BTreeSet<String>) {
        let entries = match value {
            serde_yaml::Value::Mapping(entries) => entries,
            serde_yaml::Value::Tagged(tagged) => return walk(&tagged.value, at, found),
            _ => return,
        };
        if let [.., content, _, encoding, _] = at.as_slice()
            && *content == "content"
            && *encoding == "encoding"
            && entries.contains_key("explode")
        {
            let pointer = at
                .iter()
                .fold(Pointer::root(), |pointer, token| pointer.join(token));
            found.insert(pointer.into());
        }
        for (key, item) in entries {
            if let Some(key) = key.as_str() {
                at.push(key);
                walk(item, at, found);
                at.pop();
            }
        }
    }
    let mut found = BTreeSet::new();
    walk(value, &mut Vec::new(), &mut found);
    found
}

/// Takes out the callbacks of operations that are `$ref`s to `components.callbacks`. OpenAPI
/// allows them, but openapiv3 reads an operation's callbacks written in place only, and would
/// refuse the document; callbacks describe requests the server sends, which the generator
/// ignores whichever way they are written.
struct CallbackReferences;

impl walk::Visitor for CallbackReferences {
    fn schema(&mut self, _: &Pointer, _: &mut serde_yaml::Value, _: Option<&str>) {}

    fn operation(&mut self, _: &Pointer, operation: &mut serde_yaml::Mapping) {
        if let Some(serde_yaml::Value::Mapping(callbacks)) = operation.get_mut("callbacks") {
            callbacks.retain(|_, callback| callback.get("$ref").is_none());
        }
    }
}

/// The text as an untyped tree, read as YAML, which includes JSON. A JSON text that the YAML
/// reader refuses is read as JSON: an integer beyond 64 bits, which JSON readers take as a
/// float (`-9223372036854776000`, a JavaScript rendering of `i64::MIN`), and a C1 control
/// character in a string, which JSON allows and YAML does not, are found in real documents.
fn read_tree(path: &Path, text: &str) -> Result<serde_yaml::Value, LoadError> {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if let Some(value) = crate::split_yaml::parse(text, cores) {
        return Ok(value);
    }
    let yaml_error = match serde_yaml::from_str::<serde_yaml::Value>(text) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    if let Some(value) = read_json(text) {
        return Ok(value);
    }
    let (position, message) = split_error(&yaml_error);
    Err(LoadError::Yaml {
        path: path.to_owned(),
        position,
        message,
    })
}

/// The text read as JSON, when it is JSON; straight into the YAML tree, which keeps the order
/// of keys (the JSON one sorts them).
fn read_json(text: &str) -> Option<serde_yaml::Value> {
    serde_json::from_str::<serde_yaml::Value>(text).ok()
}

/// The versions of OpenAPI read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    /// 3.0.x, read as it is.
    OpenApi30,
    /// 3.1.x, rewritten into the 3.0 shape first.
    OpenApi31,
}

fn is_openapi_30(version: &str) -> bool {
    version == "3.0" || version.starts_with("3.0.")
}

/// Checks what the typed parse cannot tell well: the document's kind and version, and numbers.
fn check_document(path: &Path, value: &serde_yaml::Value) -> Result<Version, LoadError> {
    let not_openapi = |reason: String| LoadError::NotOpenApi {
        path: path.to_owned(),
        position: None,
        reason,
    };
    let Some(document) = value.as_mapping() else {
        return Err(not_openapi("the document is not a mapping".to_owned()));
    };
    let version = match document.get("openapi") {
        None if document.contains_key("swagger") => {
            return Err(not_openapi(
                "it is a Swagger 2.0 document; convert it to OpenAPI 3.0.x or 3.1.x".to_owned(),
            ));
        }
        None => return Err(not_openapi("it has no `openapi` field".to_owned())),
        Some(serde_yaml::Value::String(version)) if is_openapi_30(version) => Version::OpenApi30,
        Some(serde_yaml::Value::String(version)) if openapi31::is_openapi_31(version) => {
            Version::OpenApi31
        }
        Some(serde_yaml::Value::String(version)) => {
            return Err(not_openapi(format!(
                "`openapi` is `{version}`; only 3.0.x and 3.1.x are supported"
            )));
        }
        Some(_) => return Err(not_openapi("`openapi` is not a string".to_owned())),
    };
    match non_finite_number(value) {
        Some(at) => Err(not_openapi(format!("`{at}` is not a finite number"))),
        None => Ok(version),
    }
}

/// The place of the first `.nan` or `.inf`, which have no JSON form, as `a.b.0.c`.
fn non_finite_number(value: &serde_yaml::Value) -> Option<String> {
    /// One step down the tree; turned into text only for the number found.
    enum Step<'v> {
        Index(usize),
        Key(&'v serde_yaml::Value),
    }
    fn find<'v>(value: &'v serde_yaml::Value, at: &mut Vec<Step<'v>>) -> bool {
        match value {
            serde_yaml::Value::Number(number) => number.as_f64().is_some_and(|n| !n.is_finite()),
            serde_yaml::Value::Sequence(items) => items.iter().enumerate().any(|(index, item)| {
                at.push(Step::Index(index));
                let found = find(item, at);
                if !found {
                    at.pop();
                }
                found
            }),
            serde_yaml::Value::Mapping(entries) => entries.iter().any(|(key, item)| {
                at.push(Step::Key(key));
                let found = find(item, at);
                if !found {
                    at.pop();
                }
                found
            }),
            serde_yaml::Value::Tagged(tagged) => find(&tagged.value, at),
            _ => false,
        }
    }
    let mut at = Vec::new();
    find(value, &mut at).then(|| {
        at.iter()
            .map(|step| match step {
                Step::Index(index) => index.to_string(),
                Step::Key(key) => key
                    .as_str()
                    .map_or_else(|| format!("{key:?}"), str::to_owned),
            })
            .collect::<Vec<_>>()
            .join(".")
    })
}

/// The typed parse's error, with its position; `check_document` has ruled out the inputs
/// that make openapiv3 panic, but a panic is still turned into an error, never passed on.
fn typed_error(path: &Path, text: &str) -> LoadError {
    let (position, reason) =
        match std::panic::catch_unwind(|| serde_yaml::from_str::<OpenAPI>(text)) {
            // A text that only the JSON reader reads: its typed parse says where it fails.
            Ok(Err(_)) if serde_yaml::from_str::<serde_yaml::Value>(text).is_err() => {
                match serde_json::from_str::<OpenAPI>(text) {
                    Err(error) => split_json_error(&error),
                    Ok(_) => (None, DOES_NOT_FIT.to_owned()),
                }
            }
            Ok(Err(error)) => split_error(&error),
            _ => (None, DOES_NOT_FIT.to_owned()),
        };
    LoadError::NotOpenApi {
        path: path.to_owned(),
        position,
        reason,
    }
}

/// What is said when the typed parse fails without a message of its own (it panicked).
const DOES_NOT_FIT: &str = "it does not fit the OpenAPI 3.0 schema";

/// The typed parse's error on the rewrite of a 3.1 document, made again: the rewritten tree
/// has no positions, so the error has none.
fn rewritten_error(path: &Path, text: &str) -> LoadError {
    let reason = match untyped(path, text) {
        Err(error) => return error,
        Ok((value, _, _)) => {
            match std::panic::catch_unwind(|| serde_yaml::from_value::<OpenAPI>(value)) {
                Ok(Err(error)) => format!("{error} (read as OpenAPI 3.0)"),
                _ => DOES_NOT_FIT.to_owned(),
            }
        }
    };
    LoadError::NotOpenApi {
        path: path.to_owned(),
        position: None,
        reason,
    }
}

/// Separates serde_yaml's message from the position it appends to it.
fn split_error(error: &serde_yaml::Error) -> (Option<Position>, String) {
    let position = error.location().map(|location| Position {
        line: location.line(),
        column: location.column(),
    });
    without_position(error.to_string(), position)
}

/// Separates serde_json's message from the position it appends to it.
fn split_json_error(error: &serde_json::Error) -> (Option<Position>, String) {
    let position = (error.line() > 0).then(|| Position {
        line: error.line(),
        column: error.column(),
    });
    without_position(error.to_string(), position)
}

/// The position, and the message without the ` at line L column C` that tells it.
fn without_position(message: String, position: Option<Position>) -> (Option<Position>, String) {
    let Some(position) = position else {
        return (None, message);
    };
    let suffix = format!(" at line {} column {}", position.line, position.column);
    let message = match message.find(&suffix) {
        Some(start) => format!("{}{}", &message[..start], &message[start + suffix.len()..]),
        None => message,
    };
    (Some(position), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_error(text: &str) -> String {
        parse_spec(Path::new("spec/example.yaml"), text)
            .expect_err("the text must be rejected")
            .to_string()
    }

    const MINIMAL: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";

    #[test]
    fn a_non_finite_number_is_refused_with_its_place() {
        let text = format!(
            "{MINIMAL}components:\n  schemas:\n    A:\n      enum: [1, 2]\n      \
             x-limits: [0, .inf]\n"
        );
        let error = parse_error(&text);
        assert!(
            error.contains("`components.schemas.A.x-limits.1` is not a finite number"),
            "{error}"
        );
    }

    #[test]
    fn encodings_that_write_explode_are_known_by_their_pointers() {
        let text = format!(
            "{MINIMAL}components:\n  requestBodies:\n    Form:\n      content:\n        \
             application/x-www-form-urlencoded:\n          encoding:\n            \
             a: {{explode: false}}\n            b: {{style: form}}\n            \
             c/d: {{explode: true}}\n"
        );
        let file = parse_spec(Path::new("spec/example.yaml"), &text).unwrap();
        let at = Pointer::root()
            .join("components")
            .join("requestBodies")
            .join("Form")
            .join("content")
            .join("application/x-www-form-urlencoded")
            .join("encoding");
        assert!(file.encoding_writes_explode(&at.join("a")));
        assert!(!file.encoding_writes_explode(&at.join("b")));
        assert!(file.encoding_writes_explode(&at.join("c/d")));
        assert_eq!(file.encodings_writing_explode.len(), 2);
    }

    #[test]
    fn json_the_yaml_reader_refuses_is_read_as_json() {
        // An integer beyond 64 bits, and a C1 control character in a string.
        let text = "{\"openapi\": \"3.0.3\", \"info\": {\"title\": \"t\u{80}\", \"version\": \"1\"}, \
                    \"paths\": {}, \"components\": {\"schemas\": {\"A\": \
                    {\"type\": \"number\", \"minimum\": -9223372036854776000}}}}";
        assert!(serde_yaml::from_str::<serde_yaml::Value>(text).is_err());
        let file = parse_spec(Path::new("spec/example.json"), text).expect("loads");
        assert_eq!(file.api.info.title, "t\u{80}");
        // What does not fit OpenAPI is still said, with its position in the text.
        let error = parse_error(&text.replace("\"paths\": {}", "\"paths\": 7"));
        assert!(
            error.starts_with("spec/example.yaml:1:") && error.contains("not an OpenAPI"),
            "{error}"
        );
        // YAML that is not JSON is read as YAML alone.
        let error = parse_error(&format!("{MINIMAL}x-big: 99999999999999999999\n"));
        assert!(error.contains("invalid YAML"), "{error}");
    }

    #[test]
    fn an_operation_s_callback_may_be_a_reference() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      \
                    responses: {'204': {description: done}}\n      callbacks:\n        \
                    done: {$ref: '#/components/callbacks/done'}\n        \
                    inline: {'{$url}': {post: {responses: {'204': {description: ok}}}}}\n\
                    components:\n  callbacks:\n    done:\n      '{$url}':\n        \
                    post: {responses: {'204': {description: ok}}}\n";
        let file = parse_spec(Path::new("spec/example.yaml"), text).expect("loads");
        let operation = file.api.paths.paths["/a"]
            .as_item()
            .and_then(|item| item.get.as_ref())
            .expect("the operation");
        assert_eq!(operation.callbacks.keys().collect::<Vec<_>>(), ["inline"]);
        assert!(file.warnings.is_empty());
    }

    #[test]
    fn the_document_read_in_parts_is_the_document_read_whole() {
        let documents = [
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\nx-top: [1]\npaths:\n  /a:\n    x-p: 1\n    get:\n      responses: {'200': {description: ok}}\ncomponents:\n  schemas:\n    A: {type: string}\n  x-c: true\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: null\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
        ];
        for text in documents {
            let value: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
            let whole: OpenAPI = serde_yaml::from_value(value.clone()).unwrap();
            assert_eq!(typed_document(value).unwrap(), whole, "{text}");
        }
        for broken in [
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents: 1\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: []\n",
            "openapi: 3.0.3\ninfo: {title: t}\npaths: {}\n",
            "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n",
        ] {
            let value: serde_yaml::Value = serde_yaml::from_str(broken).unwrap();
            assert!(typed_document(value).is_err(), "{broken}");
        }
    }

    #[test]
    fn minimal_document_loads() {
        let file = parse_spec(Path::new("spec/example.yaml"), MINIMAL).unwrap();
        assert_eq!(file.api.openapi, "3.0.3");
    }

    #[test]
    fn missing_file_names_the_file() {
        let path = Path::new("spec/does-not-exist.yaml");
        let message = load_file(path).unwrap_err().to_string();
        assert!(
            message.starts_with("spec/does-not-exist.yaml: cannot read: "),
            "{message}"
        );
    }

    #[test]
    fn invalid_yaml_names_file_line_and_column() {
        let message = parse_error("openapi: 3.0.3\ninfo: {title: t\npaths: [\n");
        assert_eq!(
            message,
            "spec/example.yaml:3:6: invalid YAML: did not find expected ',' or '}', \
             while parsing a flow mapping at line 2 column 7"
        );
    }

    #[test]
    fn yaml_without_openapi_field_is_rejected() {
        assert_eq!(
            parse_error("name: not a spec\n"),
            "spec/example.yaml: not an OpenAPI 3.0 or 3.1 document: it has no `openapi` field"
        );
    }

    #[test]
    fn swagger_document_is_rejected() {
        assert_eq!(
            parse_error("swagger: '2.0'\ninfo: {title: t, version: '1'}\npaths: {}\n"),
            "spec/example.yaml: not an OpenAPI 3.0 or 3.1 document: it is a Swagger 2.0 \
             document; convert it to OpenAPI 3.0.x or 3.1.x"
        );
    }

    #[test]
    fn openapi_31_loads_rewritten_and_other_versions_are_rejected() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1', summary: s}\n\
                    components:\n  schemas:\n    A: {type: [string, 'null']}\n";
        let file = parse_spec(Path::new("spec/example.yaml"), text).unwrap();
        assert_eq!(file.api.openapi, "3.1.0");
        assert!(file.api.paths.paths.is_empty());
        let schema = file.api.components.unwrap().schemas["A"]
            .clone()
            .into_item()
            .unwrap();
        assert!(schema.schema_data.nullable);
        assert!(file.warnings.is_empty());
        for version in ["3.2.0", "3.10.0", "4.0.0"] {
            assert_eq!(
                parse_error(&MINIMAL.replace("3.0.3", version)),
                format!(
                    "spec/example.yaml: not an OpenAPI 3.0 or 3.1 document: `openapi` is \
                     `{version}`; only 3.0.x and 3.1.x are supported"
                )
            );
        }
    }

    #[test]
    fn a_31_document_whose_rewrite_does_not_fit_says_so_without_a_position() {
        let text = "openapi: 3.1.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: 7\n";
        let message = parse_error(text);
        assert!(
            message.starts_with("spec/example.yaml: not an OpenAPI 3.0 or 3.1 document: "),
            "{message}"
        );
        assert!(message.ends_with("(read as OpenAPI 3.0)"), "{message}");
    }

    #[test]
    fn scalar_document_is_rejected() {
        assert_eq!(
            parse_error("just text\n"),
            "spec/example.yaml: not an OpenAPI 3.0 or 3.1 document: the document is not a mapping"
        );
    }

    #[test]
    fn wrong_shape_names_the_position() {
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a: 7\n";
        let message = parse_error(text);
        assert!(
            message.starts_with("spec/example.yaml:4:"),
            "no position: {message}"
        );
        assert!(
            message.contains("not an OpenAPI 3.0 or 3.1 document: "),
            "{message}"
        );
    }

    #[test]
    fn folder_without_spec_files_is_an_error() {
        let dir = std::env::temp_dir().join(format!("purecloud-empty-spec-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let errors = load_dir(&dir).unwrap_err();
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0]
                .to_string()
                .ends_with(": no spec file (*.yaml, *.yml, *.json) in this folder")
        );
    }
}
