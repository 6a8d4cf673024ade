//! Property-based fuzzing: mutated and made-up specs must come back as errors, never as panics.
//!
//! The case count comes from `PROPTEST_CASES` (64 when unset) so `cargo test` stays quick;
//! long runs set it high, e.g.
//! `PROPTEST_CASES=200000 cargo test --release -p purecloud-generator --test fuzz -- --nocapture`.
//! A failure prints the minimal input; `FUZZ_TOLERATE_PANICS=openapiv3` (substrings of panic
//! locations) lets a long run count a known panic and go on. Inputs that once panicked are
//! kept as `regression_*` tests at the end.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::{Once, OnceLock};
use std::time::Instant;

use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::{Config, TestCaseError, TestError, TestRunner};
use purecloud_generator::{GenerateError, generate_from, lower, parse_spec, validate};
use serde_yaml::{Mapping, Value};

// ---------------------------------------------------------------------------------------------
// Seeds: the real spec and small specs that each reach a different corner of the generator.

/// Operations with a path parameter, a query parameter, a body and a shared error model.
const PATH_PARAMETER: &str = r#"
openapi: 3.0.3
info: {title: Seed, version: '1'}
servers: [{url: 'https://api.example.com'}]
paths:
  /things/{thingId}:
    get:
      operationId: getThing
      tags: [Things]
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: string}}
        - {name: expand, in: query, schema: {type: array, items: {type: string}}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
        default:
          description: failed
          content: {application/json: {schema: {$ref: '#/components/schemas/ErrorBody'}}}
    put:
      operationId: putThing
      tags: [Things]
      parameters:
        - {name: thingId, in: path, required: true, schema: {type: integer, format: int64}}
      requestBody:
        required: true
        content: {application/json: {schema: {$ref: '#/components/schemas/Thing'}}}
      responses:
        '204': {description: stored}
        default:
          description: failed
          content: {application/json: {schema: {$ref: '#/components/schemas/ErrorBody'}}}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
        name: {type: string, description: Shown to people}
    ErrorBody:
      type: object
      properties:
        message: {type: string}
        status: {type: integer, format: int32}
"#;

/// One component with inline objects, arrays, maps and enums nested in each other.
const NESTED_INLINE: &str = r#"
openapi: 3.0.3
info: {title: Seed, version: '1'}
paths:
  /orders:
    post:
      operationId: postOrder
      tags: [Orders]
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                note: {type: string}
                kind: {type: string, enum: [small, big, Big, '1st', '+']}
      responses:
        '201':
          description: created
          content: {application/json: {schema: {$ref: '#/components/schemas/Order'}}}
components:
  schemas:
    Order:
      type: object
      properties:
        state: {type: string, enum: [open, closed, Unknown]}
        placed: {type: string, format: date-time}
        due: {type: string, format: date}
        total: {type: number, format: float}
        lines:
          type: array
          items:
            type: object
            properties:
              sku: {type: string}
              tags: {type: array, items: {type: string, enum: [red, blue]}}
              extra: {type: object, additionalProperties: {type: integer}}
        labels: {type: object, additionalProperties: {type: string}}
        anything: {}
        loose: {type: object, additionalProperties: true}
        address:
          type: object
          properties:
            city: {type: string}
            geo:
              type: object
              properties:
                lat: {type: number}
                lon: {type: number}
"#;

/// References that lead through several components, in parameters, bodies and items.
const REF_CHAIN: &str = r#"
openapi: 3.0.3
info: {title: Seed, version: '1'}
paths:
  /a/{kind}:
    get:
      operationId: getA
      tags: [Chain]
      parameters:
        - {name: kind, in: path, required: true, schema: {$ref: '#/components/schemas/Kind'}}
        - {name: pageNumber, in: query, schema: {type: integer, format: int32}}
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/APage'}}}
components:
  schemas:
    APage:
      type: object
      properties:
        entities: {type: array, items: {$ref: '#/components/schemas/A'}}
        pageNumber: {type: integer, format: int32}
        pageCount: {type: integer, format: int32}
    A:
      type: object
      properties:
        b: {$ref: '#/components/schemas/B'}
    B:
      type: object
      properties:
        c: {$ref: '#/components/schemas/C'}
        kinds: {type: array, items: {$ref: '#/components/schemas/Kind'}}
    C:
      type: object
      properties:
        kind: {$ref: '#/components/schemas/Kind'}
    Kind: {type: string, enum: [first, second]}
"#;

/// Schemas that contain themselves, directly and through another, by value and through lists.
const RECURSIVE: &str = r#"
openapi: 3.0.3
info: {title: Seed, version: '1'}
x-genesys-regions:
  - {name: us-east-1, host: example.com}
  - {name: eu-west-1, host: example.ie}
paths:
  /nodes:
    get:
      operationId: getNodes
      tags: [Nodes]
      x-inin-requires-permissions: {type: ANY, permissions: ['nodes:view']}
      x-genesys-preview: true
      responses:
        '200':
          description: ok
          content: {application/json: {schema: {$ref: '#/components/schemas/Node'}}}
components:
  schemas:
    Node:
      type: object
      properties:
        parent: {$ref: '#/components/schemas/Node'}
        children: {type: array, items: {$ref: '#/components/schemas/Node'}}
        byName: {type: object, additionalProperties: {$ref: '#/components/schemas/Node'}}
        other: {$ref: '#/components/schemas/Other'}
    Other:
      type: object
      properties:
        back: {$ref: '#/components/schemas/Node'}
"#;

fn real_spec_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/orgauthorization.yaml")
}

/// The seed texts, real spec first.
fn seed_texts() -> &'static [String] {
    static TEXTS: OnceLock<Vec<String>> = OnceLock::new();
    TEXTS.get_or_init(|| {
        let real = std::fs::read_to_string(real_spec_path()).expect("the real spec is readable");
        [
            real.as_str(),
            PATH_PARAMETER,
            NESTED_INLINE,
            REF_CHAIN,
            RECURSIVE,
        ]
        .map(str::to_owned)
        .to_vec()
    })
}

/// The seeds parsed once; every case mutates a clone.
fn seed_trees() -> &'static [Value] {
    static TREES: OnceLock<Vec<Value>> = OnceLock::new();
    TREES.get_or_init(|| {
        seed_texts()
            .iter()
            .map(|text| serde_yaml::from_str(text).expect("every seed is YAML"))
            .collect()
    })
}

// ---------------------------------------------------------------------------------------------
// Running the pipeline with panics caught.

/// How far one input got, with the error for the outcomes that point at a generator bug.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Outcome {
    LoadError,
    Invalid,
    LowerError,
    /// Validation and lowering passed, yet a template failed.
    RenderError(String),
    /// Validation and lowering passed, yet a template rendered Rust that does not parse.
    FormatError(String),
    Generated,
}

impl Outcome {
    fn kind(&self) -> &'static str {
        match self {
            Self::LoadError => "load error",
            Self::Invalid => "invalid",
            Self::LowerError => "lower error",
            Self::RenderError(_) => "render error",
            Self::FormatError(_) => "format error",
            Self::Generated => "generated",
        }
    }
}

/// A panic caught in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Panic {
    /// `file:line:column` of the panic.
    location: String,
    /// Message, location and the generator's frames.
    report: String,
}

thread_local! {
    /// Set while the pipeline runs, so its panics are recorded instead of printed.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last panic caught on this thread.
    static LAST_PANIC: RefCell<Option<Panic>> = const { RefCell::new(None) };
}

/// Records panics raised under [`CATCHING`]; others go to the usual hook so test failures show.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.get() {
                return previous(info);
            }
            let backtrace = std::backtrace::Backtrace::force_capture().to_string();
            // Only the generator's own frames help locate the bug; the rest is std and proptest.
            let frames: Vec<&str> = backtrace
                .lines()
                .filter(|line| line.contains("purecloud_generator") || line.contains("/src/"))
                .filter(|line| !line.contains("/rustc/") && !line.contains("/.cargo/"))
                .collect();
            LAST_PANIC.set(Some(Panic {
                location: info.location().map(ToString::to_string).unwrap_or_default(),
                report: format!("{info}\ngenerator frames:\n{}", frames.join("\n")),
            }));
        }));
    });
}

/// Runs load → validate → lower → generate on `text`, catching any panic.
fn run_pipeline(text: &str) -> Result<Outcome, Panic> {
    install_panic_hook();
    CATCHING.set(true);
    let result = panic::catch_unwind(AssertUnwindSafe(|| pipeline(text)));
    CATCHING.set(false);
    result.map_err(|_| {
        LAST_PANIC.take().unwrap_or_else(|| Panic {
            location: String::new(),
            report: "panicked, and the hook saw nothing".to_owned(),
        })
    })
}

fn pipeline(text: &str) -> Outcome {
    let path = Path::new("spec/fuzz.yaml");
    let Ok(file) = parse_spec(path, text) else {
        return Outcome::LoadError;
    };
    let files = [file];
    if !validate(&files).is_empty() {
        return Outcome::Invalid;
    }
    if lower::lower(&files).is_err() {
        return Outcome::LowerError;
    }
    match generate_from(&files) {
        Ok(_) => Outcome::Generated,
        Err(GenerateError::Render(error)) => Outcome::RenderError(error.to_string()),
        Err(GenerateError::Format(error)) => Outcome::FormatError(error.message),
        // validate and lower already passed above, so these mean generate_from disagrees.
        Err(GenerateError::Invalid(_) | GenerateError::Load(_)) => Outcome::LowerError,
    }
}

/// Panic locations that `FUZZ_TOLERATE_PANICS` (comma-separated substrings) lets a long run
/// count and go past, so one known bug does not hide the next.
fn tolerated(panic: &Panic) -> bool {
    static SUBSTRINGS: OnceLock<Vec<String>> = OnceLock::new();
    SUBSTRINGS
        .get_or_init(|| {
            std::env::var("FUZZ_TOLERATE_PANICS")
                .unwrap_or_default()
                .split(',')
                .filter(|part| !part.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .iter()
        .any(|part| panic.location.contains(part.as_str()))
}

/// Counts cases by outcome and keeps the smallest input of each finding that is not a failure
/// (render and format errors, tolerated panics), for a long run to print.
struct Tally {
    name: &'static str,
    started: Instant,
    executions: Cell<usize>,
    outcomes: RefCell<BTreeMap<&'static str, usize>>,
    findings: RefCell<BTreeMap<String, (usize, String)>>,
}

impl Tally {
    fn new(name: &'static str) -> Self {
        Self {
            name,
            started: Instant::now(),
            executions: Cell::new(0),
            outcomes: RefCell::default(),
            findings: RefCell::default(),
        }
    }

    fn count(&self, kind: &'static str) {
        self.executions.set(self.executions.get() + 1);
        *self.outcomes.borrow_mut().entry(kind).or_default() += 1;
        // Long runs show they are alive.
        if self.executions.get().is_multiple_of(10_000) {
            eprintln!(
                "{}: {} executions in {:.0?}",
                self.name,
                self.executions.get(),
                self.started.elapsed()
            );
        }
    }

    fn record(&self, outcome: &Outcome, text: &str) {
        self.count(outcome.kind());
        match outcome {
            Outcome::RenderError(message) | Outcome::FormatError(message) => {
                self.find(format!("{}: {message}", outcome.kind()), text);
            }
            _ => {}
        }
    }

    fn find(&self, finding: String, text: &str) {
        let mut findings = self.findings.borrow_mut();
        let (count, smallest) = findings
            .entry(finding)
            .or_insert_with(|| (0, text.to_owned()));
        *count += 1;
        if text.len() < smallest.len() {
            text.clone_into(smallest);
        }
    }

    fn print(&self) {
        let name = self.name;
        println!(
            "{name}: {} executions in {:.1?}; outcomes {:?}",
            self.executions.get(),
            self.started.elapsed(),
            self.outcomes.borrow()
        );
        for (finding, (count, smallest)) in self.findings.borrow().iter() {
            println!("{name}: {count} × {finding}\nsmallest input:\n{smallest}");
        }
    }
}

/// Checks one input, counting it; a panic, or Rust that does not parse from a spec that
/// passed validation, fails the case with the input attached.
fn check(tally: &Tally, text: &str) -> Result<(), TestCaseError> {
    match run_pipeline(text) {
        Ok(outcome @ (Outcome::RenderError(_) | Outcome::FormatError(_))) => {
            tally.record(&outcome, text);
            let (Outcome::RenderError(message) | Outcome::FormatError(message)) = &outcome else {
                unreachable!("matched above")
            };
            Err(TestCaseError::fail(format!(
                "a valid spec gave a {}: {message}\n--- input ---\n{text}--- end of input ---",
                outcome.kind()
            )))
        }
        Ok(outcome) => {
            tally.record(&outcome, text);
            Ok(())
        }
        Err(panic) if tolerated(&panic) => {
            tally.count("tolerated panic");
            let message = panic.report.lines().take(2).collect::<Vec<_>>().join(" ");
            tally.find(format!("tolerated {message}"), text);
            Ok(())
        }
        Err(panic) => {
            tally.count("panic");
            Err(TestCaseError::fail(format!(
                "the pipeline panicked\n{}\n--- input ---\n{text}--- end of input ---",
                panic.report
            )))
        }
    }
}

fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|cases| cases.parse().ok())
        .unwrap_or(64)
}

fn runner() -> TestRunner {
    TestRunner::new(Config {
        cases: cases(),
        // Failures are turned into regression tests below by hand, not files in the tree.
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    })
}

/// Runs `strategy` through the pipeline, prints the tally and fails on the minimal panic.
fn fuzz<S: Strategy>(name: &'static str, strategy: S, to_text: impl Fn(&S::Value) -> Option<String>)
where
    S::Value: std::fmt::Debug,
{
    let tally = Tally::new(name);
    let result = runner().run(&strategy, |value| match to_text(&value) {
        Some(text) => check(&tally, &text),
        None => Ok(()),
    });
    tally.print();
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, value)) => {
            panic!("{name}: minimal failing case {value:#?}\n{reason}")
        }
        Err(TestError::Abort(reason)) => panic!("{name}: aborted: {reason}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Mutations of the YAML tree.

/// Names the generator gives meaning to, and extension keys it reads.
const KEYWORDS: &[&str] = &[
    "$ref",
    "type",
    "enum",
    "items",
    "properties",
    "required",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "additionalProperties",
    "in",
    "name",
    "operationId",
    "nullable",
    "format",
    "schema",
    "content",
    "application/json",
    "parameters",
    "requestBody",
    "responses",
    "default",
    "200",
    "204",
    "tags",
    "description",
    "style",
    "explode",
    "components",
    "schemas",
    "paths",
    "servers",
    "callbacks",
    "securitySchemes",
    "x-inin-requires-permissions",
    "x-genesys-preview",
    "x-genesys-regions",
];

/// Names that are hard to turn into Rust identifiers or JSON pointers.
const WEIRD_NAMES: &[&str] = &[
    "",
    " ",
    "_",
    "__",
    "-",
    "+",
    "1st",
    "123",
    "9lives",
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "r#type",
    "Type",
    "Unknown",
    "Value",
    "Client",
    "Error",
    "Inline",
    "ThingInline",
    "ünïcödé",
    "日本語",
    "😀",
    "a/b",
    "/",
    "~",
    "~0~1",
    "{",
    "}",
    "{id}",
    "a{b}c",
    "{}",
    "a b",
    "line\nbreak",
    "tab\t",
    "null",
    "true",
    "1e5",
    "'",
    "\"",
    "#",
    "#/components/schemas/Thing",
    "x-",
    "getThing",
    "Thing",
    "thing",
    "THING",
    "things",
    "Things",
    "pageNumber",
    "entities",
    "message",
];

const METHODS: &[&str] = &[
    "get", "put", "post", "delete", "options", "head", "patch", "trace",
];

/// Subtrees to drop in anywhere: each is valid somewhere in a spec.
const SNIPPETS: &[&str] = &[
    "{type: string, enum: [a, b, A, '1', '+']}",
    "{type: string, enum: []}",
    "{type: array}",
    "{type: array, items: {type: object, properties: {x: {type: integer}}}}",
    "{type: object, additionalProperties: true}",
    "{type: object, additionalProperties: {type: object, properties: {v: {type: string}}}}",
    "{type: object, properties: {type: {type: string}, self: {type: boolean}, Self: {}}}",
    "{type: object, properties: {}}",
    "{$ref: '#/components/schemas/Thing'}",
    "{allOf: [{type: string}]}",
    "{type: string, format: date-time, nullable: true}",
    "{type: integer, format: int32, default: 7}",
    "[{name: id, in: path, required: true, schema: {type: string}}]",
    "{name: q, in: query, schema: {type: array, items: {type: string}}}",
    "{name: pageNumber, in: query, schema: {type: integer}}",
    "{'200': {description: ok, content: {application/json: {schema: {type: string}}}}}",
    "{application/json: {schema: {type: object, properties: {a: {type: string}}}}}",
    "{type: ANY, permissions: [a, b]}",
    "{type: ALL, permissions: []}",
    "[{name: us-east-1, host: example.com}, {name: us-east-1, host: example.org}]",
    "{operationId: extra, tags: [Extra], responses: {'204': {description: done}}}",
    "{entities: {type: array, items: {type: string}}, pageNumber: {type: integer}, \
     pageCount: {type: integer}}",
];

/// OpenAPI versions, good and bad.
const VERSIONS: &[&str] = &[
    "3.0.0", "3.0", "3.0.3", "3.0.99", "3.0.", "3.0x", "3.1.0", "3.00", "2.0", "3", "",
];

/// A value to put in the tree.
#[derive(Debug, Clone)]
enum Fragment {
    Str(String),
    Int(i64),
    Bool(bool),
    Null,
    Float(f64),
    EmptyMap,
    EmptySeq,
    Snippet(usize),
}

impl Fragment {
    fn to_value(&self) -> Value {
        match self {
            Self::Str(text) => Value::String(text.clone()),
            Self::Int(number) => Value::Number((*number).into()),
            Self::Bool(flag) => Value::Bool(*flag),
            Self::Null => Value::Null,
            Self::Float(number) => Value::Number((*number).into()),
            Self::EmptyMap => Value::Mapping(Mapping::new()),
            Self::EmptySeq => Value::Sequence(Vec::new()),
            Self::Snippet(index) => {
                serde_yaml::from_str(SNIPPETS[*index]).expect("every snippet is YAML")
            }
        }
    }
}

/// What a new `$ref` points at.
#[derive(Debug, Clone)]
enum RefTarget {
    /// A component schema of the document.
    Existing(Index),
    /// `#/components/schemas/<name>` for a name that may well not exist.
    Missing(String),
    /// The component schema the `$ref` sits in.
    Enclosing,
    /// Anything else: other sections, other files, malformed.
    Raw(&'static str),
}

const RAW_REFS: &[&str] = &[
    "#/paths/~1things~1{thingId}/get",
    "#/paths/~1nodes",
    "other.yaml#/x",
    "other.yaml#/components/schemas/Thing",
    "#/components/schemas/",
    "#/components/schemas/Thing/properties/id",
    "#/components/parameters/Thing",
    "#/components/schemas",
    "#",
    "",
    "#/components/schemas/~1",
    "http://example.com/spec.yaml#/components/schemas/Thing",
];

/// Where a duplicated operation goes.
#[derive(Debug, Clone)]
enum NewPath {
    /// The same path, under the chosen method.
    Same,
    /// The original path with a segment added.
    Suffix(String),
    /// A path of its own.
    Fresh(String),
}

#[derive(Debug, Clone)]
enum Mutation {
    /// Deletes a mapping entry or sequence item.
    Delete(Index),
    /// Replaces any node but the root.
    Replace(Index, Fragment),
    /// Adds a key to a mapping.
    Insert(Index, String, Fragment),
    /// Renames a mapping key in place.
    Rename(Index, String),
    /// Puts a `$ref` in a mapping, beside its keys or instead of them; in a place that
    /// holds a schema unless `anywhere`.
    SetRef {
        at: Index,
        target: RefTarget,
        keep_siblings: bool,
        anywhere: bool,
    },
    /// Makes two component schemas refer to each other (or one to itself).
    Cycle(Index, Index),
    /// Copies an operation to another path or method.
    DuplicateOperation {
        operation: Index,
        path: NewPath,
        method: Index,
    },
    /// Sets the `openapi` field.
    Version(Fragment),
    /// Puts a weird string where a name goes: a schema, property or path key, an
    /// `operationId`, a parameter name, a tag or an enum value.
    WeirdName(Index, String),
}

fn keyword() -> impl Strategy<Value = String> {
    select(KEYWORDS).prop_map(str::to_owned)
}

fn weird_name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(WEIRD_NAMES).prop_map(str::to_owned),
        2 => "\\PC{0,12}",
        1 => "[A-Za-z0-9_{}/~ -]{0,10}",
        1 => (1usize..600).prop_map(|length| "a".repeat(length)),
    ]
}

fn key_name() -> impl Strategy<Value = String> {
    prop_oneof![2 => keyword(), 1 => weird_name()]
}

fn fragment() -> impl Strategy<Value = Fragment> {
    prop_oneof![
        1 => weird_name().prop_map(Fragment::Str),
        1 => any::<i64>().prop_map(Fragment::Int),
        1 => any::<bool>().prop_map(Fragment::Bool),
        1 => Just(Fragment::Null),
        1 => prop_oneof![
            4 => any::<f64>(),
            1 => Just(f64::NAN),
            1 => Just(f64::INFINITY),
            1 => Just(f64::NEG_INFINITY),
        ]
        .prop_map(Fragment::Float),
        1 => Just(Fragment::EmptyMap),
        1 => Just(Fragment::EmptySeq),
        2 => (0..SNIPPETS.len()).prop_map(Fragment::Snippet),
    ]
}

fn ref_target() -> impl Strategy<Value = RefTarget> {
    prop_oneof![
        3 => any::<Index>().prop_map(RefTarget::Existing),
        1 => weird_name().prop_map(RefTarget::Missing),
        1 => Just(RefTarget::Enclosing),
        1 => select(RAW_REFS).prop_map(RefTarget::Raw),
    ]
}

fn new_path() -> impl Strategy<Value = NewPath> {
    prop_oneof![
        Just(NewPath::Same),
        weird_name().prop_map(NewPath::Suffix),
        weird_name().prop_map(NewPath::Fresh),
    ]
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        // Most type changes stop the document at openapiv3's parse, so the mutations that keep
        // it well-typed get more weight to reach validate, lower and render more often.
        2 => any::<Index>().prop_map(Mutation::Delete),
        2 => (any::<Index>(), fragment()).prop_map(|(at, with)| Mutation::Replace(at, with)),
        2 => (any::<Index>(), key_name(), fragment())
            .prop_map(|(at, key, value)| Mutation::Insert(at, key, value)),
        2 => (any::<Index>(), key_name()).prop_map(|(at, key)| Mutation::Rename(at, key)),
        4 => (any::<Index>(), ref_target(), any::<bool>(), prop::bool::weighted(0.2)).prop_map(
            |(at, target, keep_siblings, anywhere)| Mutation::SetRef {
                at,
                target,
                keep_siblings,
                anywhere
            }
        ),
        2 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Mutation::Cycle(a, b)),
        2 => (any::<Index>(), new_path(), any::<Index>()).prop_map(
            |(operation, path, method)| Mutation::DuplicateOperation { operation, path, method }
        ),
        1 => prop_oneof![
            3 => select(VERSIONS).prop_map(|version| Fragment::Str(version.to_owned())),
            1 => fragment(),
        ]
        .prop_map(Mutation::Version),
        4 => (any::<Index>(), weird_name()).prop_map(|(at, name)| Mutation::WeirdName(at, name)),
    ]
}

/// One step from a node to a child.
#[derive(Debug, Clone)]
enum Step {
    Key(Value),
    Item(usize),
}

type NodePath = Vec<Step>;

/// Every node below `value`, parents before children.
fn all_paths(value: &Value) -> Vec<NodePath> {
    fn walk(value: &Value, path: &mut NodePath, out: &mut Vec<NodePath>) {
        out.push(path.clone());
        match value {
            Value::Mapping(mapping) => {
                for (key, child) in mapping {
                    path.push(Step::Key(key.clone()));
                    walk(child, path, out);
                    path.pop();
                }
            }
            Value::Sequence(items) => {
                for (index, child) in items.iter().enumerate() {
                    path.push(Step::Item(index));
                    walk(child, path, out);
                    path.pop();
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(value, &mut Vec::new(), &mut out);
    out
}

fn node_mut<'v>(mut value: &'v mut Value, path: &[Step]) -> Option<&'v mut Value> {
    for step in path {
        value = match (value, step) {
            (Value::Mapping(mapping), Step::Key(key)) => mapping.get_mut(key)?,
            (Value::Sequence(items), Step::Item(index)) => items.get_mut(*index)?,
            _ => return None,
        };
    }
    Some(value)
}

fn node<'v>(mut value: &'v Value, path: &[Step]) -> Option<&'v Value> {
    for step in path {
        value = match (value, step) {
            (Value::Mapping(mapping), Step::Key(key)) => mapping.get(key)?,
            (Value::Sequence(items), Step::Item(index)) => items.get(*index)?,
            _ => return None,
        };
    }
    Some(value)
}

fn pick<'a, T>(items: &'a [T], index: &Index) -> Option<&'a T> {
    (!items.is_empty()).then(|| &items[index.index(items.len())])
}

fn key_is(step: Option<&Step>, names: &[&str]) -> bool {
    matches!(step, Some(Step::Key(Value::String(key))) if names.contains(&key.as_str()))
}

/// Whether the node at `path` is a schema in a well-formed spec.
fn holds_schema(path: &[Step]) -> bool {
    let parent = path.len().checked_sub(2).and_then(|at| path.get(at));
    key_is(
        path.last(),
        &["schema", "items", "additionalProperties", "not"],
    ) || (matches!(path.last(), Some(Step::Key(_))) && key_is(parent, &["properties", "schemas"]))
        || (matches!(path.last(), Some(Step::Item(_)))
            && key_is(parent, &["allOf", "oneOf", "anyOf"]))
}

/// Names of the component schemas, in document order.
fn schema_names(root: &Value) -> Vec<String> {
    let path = [Step::Key("components".into()), Step::Key("schemas".into())];
    match node(root, &path) {
        Some(Value::Mapping(schemas)) => schemas
            .keys()
            .filter_map(|key| key.as_str().map(str::to_owned))
            .collect(),
        _ => Vec::new(),
    }
}

/// Renames `old` to `new` in place; an existing `new` entry is overwritten.
fn rename_key(mapping: &mut Mapping, old: &Value, new: &str) {
    let renamed = std::mem::take(mapping)
        .into_iter()
        .map(|(key, value)| {
            if &key == old {
                (Value::String(new.to_owned()), value)
            } else {
                (key, value)
            }
        })
        .collect();
    *mapping = renamed;
}

fn apply(root: &mut Value, mutation: &Mutation) {
    let paths = all_paths(root);
    let below_root: Vec<&NodePath> = paths.iter().filter(|path| !path.is_empty()).collect();
    let mappings: Vec<&NodePath> = paths
        .iter()
        .filter(|path| matches!(node(root, path), Some(Value::Mapping(_))))
        .collect();
    match mutation {
        Mutation::Delete(at) => {
            let Some(path) = pick(&below_root, at) else {
                return;
            };
            let (last, parent) = path.split_last().expect("not the root");
            match (node_mut(root, parent), last) {
                (Some(Value::Mapping(mapping)), Step::Key(key)) => {
                    mapping.shift_remove(key);
                }
                (Some(Value::Sequence(items)), Step::Item(index)) => {
                    items.remove(*index);
                }
                _ => {}
            }
        }
        Mutation::Replace(at, with) => {
            if let Some(target) = pick(&below_root, at).and_then(|path| node_mut(root, path)) {
                *target = with.to_value();
            }
        }
        Mutation::Insert(at, key, value) => {
            if let Some(Value::Mapping(mapping)) =
                pick(&mappings, at).and_then(|path| node_mut(root, path))
            {
                mapping.insert(Value::String(key.clone()), value.to_value());
            }
        }
        Mutation::Rename(at, new) => {
            let keyed: Vec<&NodePath> = below_root
                .iter()
                .copied()
                .filter(|path| matches!(path.last(), Some(Step::Key(_))))
                .collect();
            let Some(path) = pick(&keyed, at) else {
                return;
            };
            let (Step::Key(old), parent) = path.split_last().expect("not the root") else {
                return;
            };
            if let Some(Value::Mapping(mapping)) = node_mut(root, parent) {
                rename_key(mapping, old, new);
            }
        }
        Mutation::SetRef {
            at,
            target,
            keep_siblings,
            anywhere,
        } => {
            let schema_sites: Vec<&NodePath> = mappings
                .iter()
                .copied()
                .filter(|path| *anywhere || holds_schema(path))
                .collect();
            let Some(path) = pick(&schema_sites, at) else {
                return;
            };
            let names = schema_names(root);
            let reference = match target {
                RefTarget::Existing(name) => match pick(&names, name) {
                    Some(name) => format!("#/components/schemas/{name}"),
                    None => "#/components/schemas/Nothing".to_owned(),
                },
                RefTarget::Missing(name) => format!("#/components/schemas/{name}"),
                RefTarget::Enclosing => {
                    let enclosing = match path.as_slice() {
                        [_, _, Step::Key(Value::String(name)), ..]
                            if key_is(path.first(), &["components"])
                                && key_is(path.get(1), &["schemas"]) =>
                        {
                            name.clone()
                        }
                        _ => names.first().cloned().unwrap_or_default(),
                    };
                    format!("#/components/schemas/{enclosing}")
                }
                RefTarget::Raw(reference) => (*reference).to_owned(),
            };
            if let Some(Value::Mapping(mapping)) = node_mut(root, path) {
                if !keep_siblings {
                    mapping.clear();
                }
                mapping.insert("$ref".into(), Value::String(reference));
            }
        }
        Mutation::Cycle(first, second) => {
            let names = schema_names(root);
            let (Some(first), Some(second)) = (pick(&names, first), pick(&names, second)) else {
                return;
            };
            for (from, to) in [(first, second), (second, first)] {
                let path = [
                    Step::Key("components".into()),
                    Step::Key("schemas".into()),
                    Step::Key(from.as_str().into()),
                ];
                let Some(Value::Mapping(schema)) = node_mut(root, &path) else {
                    continue;
                };
                let properties = schema
                    .entry("properties".into())
                    .or_insert_with(|| Value::Mapping(Mapping::new()));
                if let Value::Mapping(properties) = properties {
                    let mut reference = Mapping::new();
                    reference.insert("$ref".into(), format!("#/components/schemas/{to}").into());
                    properties.insert(format!("loopTo{to}").into(), reference.into());
                }
            }
        }
        Mutation::DuplicateOperation {
            operation,
            path: new_path,
            method,
        } => {
            let Some(Value::Mapping(spec_paths)) = root.get("paths") else {
                return;
            };
            let operations: Vec<(String, Value)> = spec_paths
                .iter()
                .filter_map(|(path, item)| Some((path.as_str()?, item.as_mapping()?)))
                .flat_map(|(path, item)| {
                    item.iter()
                        .filter(|(key, _)| key.as_str().is_some_and(|key| METHODS.contains(&key)))
                        .map(move |(_, operation)| (path.to_owned(), operation.clone()))
                })
                .collect();
            let Some((old_path, operation)) = pick(&operations, operation) else {
                return;
            };
            let target = match new_path {
                NewPath::Same => old_path.clone(),
                NewPath::Suffix(segment) => format!("{old_path}/{segment}"),
                NewPath::Fresh(segment) => format!("/{segment}"),
            };
            let method = METHODS[method.index(METHODS.len())];
            let Some(Value::Mapping(spec_paths)) = root.get_mut("paths") else {
                return;
            };
            let item = spec_paths
                .entry(target.into())
                .or_insert_with(|| Value::Mapping(Mapping::new()));
            if let Value::Mapping(item) = item {
                item.insert(method.into(), operation.clone());
            }
        }
        Mutation::Version(version) => {
            if let Value::Mapping(document) = root {
                document.insert("openapi".into(), version.to_value());
            }
        }
        Mutation::WeirdName(at, name) => {
            // A name is a key of a map of named things, or the value of a naming field.
            let sites: Vec<&NodePath> = below_root
                .iter()
                .copied()
                .filter(|path| {
                    let parent = path.len().checked_sub(2).and_then(|at| path.get(at));
                    let named_key = matches!(path.last(), Some(Step::Key(_)))
                        && key_is(parent, &["properties", "schemas", "paths"]);
                    let named_value = key_is(path.last(), &["name", "operationId", "title"]);
                    let listed_name = matches!(path.last(), Some(Step::Item(_)))
                        && key_is(parent, &["tags", "enum", "required"]);
                    named_key || named_value || listed_name
                })
                .collect();
            let Some(path) = pick(&sites, at) else {
                return;
            };
            let (last, parent) = path.split_last().expect("not the root");
            match last {
                Step::Key(old) => {
                    if let Some(Value::Mapping(mapping)) = node_mut(root, parent) {
                        rename_key(mapping, old, name);
                    }
                }
                Step::Item(_) => {
                    if let Some(target) = node_mut(root, path) {
                        *target = Value::String(name.clone());
                    }
                }
            }
        }
    }
}

/// A seed and the mutations to apply to it, in order.
fn mutated_case() -> impl Strategy<Value = (usize, Vec<Mutation>)> {
    (
        0..seed_texts().len(),
        prop::collection::vec(mutation(), 1..=8),
    )
}

fn mutated_text((seed, mutations): &(usize, Vec<Mutation>)) -> Option<String> {
    let mut tree = seed_trees()[*seed].clone();
    for mutation in mutations {
        apply(&mut tree, mutation);
    }
    // Only trees that cannot be written as YAML are skipped; none are expected.
    serde_yaml::to_string(&tree).ok()
}

// ---------------------------------------------------------------------------------------------
// Text that is not built from a seed tree.

/// Pieces of YAML syntax and OpenAPI words, to be strung together at random.
const TOKENS: &[&str] = &[
    "openapi: 3.0.3\n",
    "info: {title: t, version: '1'}\n",
    "paths:\n",
    "components:\n",
    "schemas:\n",
    "  ",
    "    ",
    "\n",
    "- ",
    ": ",
    ", ",
    "{",
    "}",
    "[",
    "]",
    "'",
    "\"",
    "#",
    "&a ",
    "*a",
    "<<: *a\n",
    "!!str ",
    "!!binary ",
    "!custom ",
    "? ",
    "|\n",
    ">-\n",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "~",
    "$ref",
    "'#/components/schemas/A'",
    "/things/{id}",
    "get",
    "type",
    "object",
    "string",
    "properties",
    "A",
    "operationId",
    "responses",
    "'200'",
    "1e999",
    "-0",
    "0x1F",
    ".nan",
    "\t",
    "\u{feff}",
    "\u{0}",
    "é",
];

#[derive(Debug, Clone)]
enum RawText {
    /// Arbitrary bytes, read as UTF-8 with replacement characters.
    Bytes(Vec<u8>),
    /// Tokens from [`TOKENS`], optionally after a valid header.
    Tokens(bool, Vec<usize>),
    /// A seed with a byte range replaced by junk, which also covers truncation.
    Spliced {
        seed: usize,
        at: Index,
        remove: usize,
        junk: Vec<u8>,
    },
}

fn raw_text() -> impl Strategy<Value = RawText> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64).prop_map(RawText::Bytes),
        (any::<bool>(), prop::collection::vec(0..TOKENS.len(), 0..48))
            .prop_map(|(header, tokens)| RawText::Tokens(header, tokens)),
        (
            0..seed_texts().len(),
            any::<Index>(),
            0usize..64,
            prop::collection::vec(any::<u8>(), 0..8),
        )
            .prop_map(|(seed, at, remove, junk)| RawText::Spliced {
                seed,
                at,
                remove,
                junk
            }),
    ]
}

fn raw_to_text(raw: &RawText) -> String {
    match raw {
        RawText::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        RawText::Tokens(header, tokens) => {
            let start = if *header {
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n"
            } else {
                ""
            };
            tokens
                .iter()
                .fold(start.to_owned(), |text, &token| text + TOKENS[token])
        }
        RawText::Spliced {
            seed,
            at,
            remove,
            junk,
        } => {
            let seed = seed_texts()[*seed].as_bytes();
            let start = at.index(seed.len() + 1);
            let end = (start + remove).min(seed.len());
            let bytes = [&seed[..start], junk, &seed[end..]].concat();
            String::from_utf8_lossy(&bytes).into_owned()
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The properties.

#[test]
fn seeds_generate_cleanly() {
    // Mutations are only interesting if the unmutated seeds get all the way through.
    for (index, text) in seed_texts().iter().enumerate() {
        assert_eq!(
            run_pipeline(text),
            Ok(Outcome::Generated),
            "seed {index} does not generate"
        );
    }
}

#[test]
fn mutated_specs_never_panic() {
    fuzz("mutated specs", mutated_case(), mutated_text);
}

#[test]
fn arbitrary_text_never_panics() {
    fuzz("arbitrary text", raw_text(), |raw| Some(raw_to_text(raw)));
}

// ---------------------------------------------------------------------------------------------
// Inputs the fuzzer found, minimized by hand. Each must come back as an error.

fn assert_no_panic(text: &str) {
    if let Err(panic) = run_pipeline(text) {
        panic!(
            "the pipeline panicked\n{}\n--- input ---\n{text}",
            panic.report
        );
    }
}

/// openapiv3's `ReferenceOr` parses a rejected item again through `serde_json::Value`, which
/// keeps the last of two equal keys, and `expect`s that second parse to fail.
#[test]
fn regression_duplicate_key_in_operation() {
    assert_no_panic(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths:
  /a:
    get:
      responses: {}
      responses: {}
",
    );
}

/// The same `expect` in openapiv3: `serde_json::Value` turns `.nan` into `null`, which an
/// optional field accepts.
#[test]
fn regression_nan_where_a_schema_wants_text() {
    assert_no_panic(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    A: {type: string, description: .nan}
",
    );
}

/// Runs the pipeline on `text` and expects a generated crate.
fn assert_generates(text: &str) {
    match run_pipeline(text) {
        Ok(Outcome::Generated) => {}
        Ok(outcome) => panic!("expected a generated crate, got a {}", outcome.kind()),
        Err(panic) => panic!("the pipeline panicked\n{}", panic.report),
    }
}

/// A property name with a line break once ended its field's doc comment early.
#[test]
fn regression_line_break_in_a_property_name() {
    assert_generates(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Page:
      type: object
      properties:
        ? \"line\\nbreak `tick`\"
        : {type: integer}
",
    );
}

/// An empty property name once became an empty Rust identifier.
#[test]
fn regression_empty_property_name() {
    assert_generates(
        "openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Other:
      type: object
      properties:
        '': {type: string}
",
    );
}
