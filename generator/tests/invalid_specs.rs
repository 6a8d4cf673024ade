//! Every spec under `tests/invalid/` gives exactly the errors and warnings its `.expected` file
//! lists.
//!
//! A fixture is a `<name>.yaml` file, or a `<name>/` folder of spec files loaded together; its
//! `<name>.expected` holds one diagnostic per line, as `cargo xtask generate` shows them: the
//! errors of a spec that fails, then the warnings, after `warning: `. A spec that generates
//! lists its warnings alone, or nothing when it must generate without any. A run that fails
//! returns no warnings, so for a spec that fails the warnings are those of loading and
//! validating it, which generation gathers before any error stops it. Paths in them are
//! relative to this crate, where cargo runs the tests. After a deliberate change to the
//! messages, `BLESS=1 cargo test -p purecloud-generator --test invalid_specs` rewrites the
//! `.expected` files; review the diff before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use purecloud_generator::{
    Diagnostic, GenerateError, SpecFile, generate_from, load_dir, load_file, locate, validate,
};

/// The fixture folder, relative to the crate root (the working directory of `cargo test`).
const FIXTURES: &str = "tests/invalid";

/// A fixture and the file with its expected errors.
struct Fixture {
    name: String,
    spec: PathBuf,
    expected: PathBuf,
}

/// Every fixture, by name; panics if a fixture has no `.expected` file or the other way round.
fn fixtures() -> Vec<Fixture> {
    let dir = Path::new(FIXTURES);
    assert!(
        dir.is_dir(),
        "{FIXTURES} not found: run the tests from the purecloud-generator crate (cargo does)"
    );
    let mut specs = BTreeMap::new();
    let mut expected = BTreeMap::new();
    for entry in fs::read_dir(dir).expect("listing the fixtures") {
        let path = entry.expect("listing the fixtures").path();
        let stem = path
            .file_stem()
            .and_then(|stem| stem.to_str())
            .expect("fixture names are UTF-8")
            .to_owned();
        match path.extension().and_then(|ext| ext.to_str()) {
            _ if path.is_dir() => specs.insert(stem, path),
            Some("yaml" | "yml") => specs.insert(stem, path),
            Some("expected") => expected.insert(stem, path),
            _ => panic!(
                "{}: neither a fixture nor an .expected file",
                path.display()
            ),
        };
    }
    let orphans: Vec<&String> = expected
        .keys()
        .filter(|name| !specs.contains_key(*name))
        .collect();
    assert!(orphans.is_empty(), "no fixture for {orphans:?}");
    specs
        .into_iter()
        .map(|(name, spec)| {
            let expected = expected
                .remove(&name)
                .unwrap_or_else(|| panic!("{}: no {name}.expected beside it", spec.display()));
            Fixture {
                name,
                spec,
                expected,
            }
        })
        .collect()
}

/// What generating a fixture reported.
struct Run {
    /// Why it failed, if it did.
    error: Option<GenerateError>,
    /// Its warnings, with their lines.
    warnings: Vec<Diagnostic>,
}

/// Runs the generator on a fixture the way `generate` runs it on `spec/`.
fn run(spec: &Path) -> Run {
    // `generate` takes a folder, and the single-file fixtures share one.
    let loaded = if spec.is_dir() {
        load_dir(spec).map_err(GenerateError::Load)
    } else {
        load_file(spec)
            .map(|file| vec![file])
            .map_err(|error| GenerateError::Load(vec![error]))
    };
    let files = match loaded {
        Ok(files) => files,
        Err(error) => {
            return Run {
                error: Some(error),
                warnings: Vec::new(),
            };
        }
    };
    match generate_from(&files) {
        Ok(generated) => Run {
            error: None,
            warnings: generated.warnings,
        },
        Err(error) => Run {
            error: Some(error),
            warnings: validation_warnings(&files),
        },
    }
}

/// The warnings of loading and validating `files`, with their lines: what generation has
/// gathered when validation, or anything after it, stops it.
fn validation_warnings(files: &[SpecFile]) -> Vec<Diagnostic> {
    let warnings = files
        .iter()
        .flat_map(|file| file.warnings.iter().cloned())
        .chain(
            validate(files)
                .into_iter()
                .filter(|found| !found.is_error()),
        )
        .collect();
    locate::add_lines(files, warnings)
}

/// The errors of a failed run, one line each; panics if the run did not fail on the spec.
fn error_lines(error: &GenerateError) -> Vec<String> {
    match error {
        GenerateError::Load(errors) => errors.iter().map(ToString::to_string).collect(),
        GenerateError::Invalid(diagnostics) => {
            diagnostics.iter().map(ToString::to_string).collect()
        }
        other => panic!("expected load or spec errors, got: {other}"),
    }
}

/// What `cargo xtask generate` prints after `error: ` for these error lines.
fn shown(lines: &[String]) -> String {
    let count = lines.len();
    let plural = if count == 1 { "" } else { "s" };
    let mut text = format!("the spec has {count} problem{plural}:");
    for line in lines {
        text.push_str("\n  ");
        text.push_str(line);
    }
    text
}

#[test]
fn every_spec_gives_exactly_its_expected_diagnostics() {
    let bless = std::env::var_os("BLESS").is_some();
    let fixtures = fixtures();
    assert!(fixtures.len() >= 50, "only {} fixtures", fixtures.len());
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let Run { error, warnings } = run(&fixture.spec);
        let mut actual = Vec::new();
        if let Some(error) = &error {
            actual = error_lines(error);
            assert_eq!(error.to_string(), shown(&actual), "{}", fixture.name);
        }
        actual.extend(warnings.iter().map(|warning| format!("warning: {warning}")));
        if bless {
            // A spec that must generate without a diagnostic has an empty file.
            let text: String = actual.iter().map(|line| format!("{line}\n")).collect();
            fs::write(&fixture.expected, text).expect("writing the .expected file");
            continue;
        }
        let expected: Vec<String> = fs::read_to_string(&fixture.expected)
            .expect("reading the .expected file")
            .lines()
            .map(str::to_owned)
            .collect();
        if actual != expected {
            let outcome = if error.is_some() {
                "failed"
            } else {
                "generated"
            };
            failures.push(format!(
                "{} ({outcome}):\n  expected:\n    {}\n  actual:\n    {}",
                fixture.name,
                expected.join("\n    "),
                actual.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures differ (BLESS=1 rewrites the .expected files):\n{}",
        failures.len(),
        fixtures.len(),
        failures.join("\n")
    );
}

#[test]
fn every_spec_diagnostic_names_a_line() {
    for fixture in fixtures() {
        let Run { error, warnings } = run(&fixture.spec);
        let errors = match error {
            Some(GenerateError::Invalid(diagnostics)) => diagnostics,
            // Load errors carry the YAML parser's position, when it gives one.
            Some(GenerateError::Load(_)) | None => Vec::new(),
            Some(other) => panic!("{}: {other}", fixture.name),
        };
        for diagnostic in errors.iter().chain(&warnings) {
            assert!(diagnostic.line.is_some(), "{}: {diagnostic}", fixture.name);
        }
    }
}
