//! Every spec under `tests/invalid/` is rejected with exactly the errors its `.expected` file lists.
//!
//! A fixture is a `<name>.yaml` file, or a `<name>/` folder of spec files loaded together; its
//! `<name>.expected` holds one error per line, as `cargo xtask generate` shows them. Paths in
//! them are relative to this crate, where cargo runs the tests. After a deliberate change to the
//! messages, `BLESS=1 cargo test -p purecloud-generator --test invalid_specs` rewrites the
//! `.expected` files; review the diff before committing it.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use purecloud_generator::{GenerateError, OutputFile, generate, generate_from, load_file};

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

/// Runs the generator on a fixture the way `generate` runs it on `spec/`.
fn run(spec: &Path) -> Result<Vec<OutputFile>, GenerateError> {
    if spec.is_dir() {
        return generate(spec).map(|generated| generated.files);
    }
    // `generate` takes a folder, and the single-file fixtures share one.
    let file = load_file(spec).map_err(|error| GenerateError::Load(vec![error]))?;
    generate_from(&[file]).map(|generated| generated.files)
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
fn every_invalid_spec_is_rejected_with_exactly_its_expected_errors() {
    let bless = std::env::var_os("BLESS").is_some();
    let fixtures = fixtures();
    assert!(fixtures.len() >= 21, "only {} fixtures", fixtures.len());
    let mut failures = Vec::new();
    for fixture in &fixtures {
        let error = match run(&fixture.spec) {
            Ok(files) => {
                failures.push(format!(
                    "{}: generated {} files instead of failing",
                    fixture.name,
                    files.len()
                ));
                continue;
            }
            Err(error) => error,
        };
        let actual = error_lines(&error);
        assert_eq!(error.to_string(), shown(&actual), "{}", fixture.name);
        if bless {
            let mut text = actual.join("\n");
            text.push('\n');
            fs::write(&fixture.expected, text).expect("writing the .expected file");
            continue;
        }
        let expected: Vec<String> = fs::read_to_string(&fixture.expected)
            .expect("reading the .expected file")
            .lines()
            .map(str::to_owned)
            .collect();
        if actual.is_empty() || actual != expected {
            failures.push(format!(
                "{}:\n  expected:\n    {}\n  actual:\n    {}",
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
        match run(&fixture.spec) {
            Err(GenerateError::Invalid(diagnostics)) => {
                for diagnostic in &diagnostics {
                    assert!(diagnostic.line.is_some(), "{}: {diagnostic}", fixture.name);
                }
            }
            // Load errors carry the YAML parser's position, when it gives one.
            Err(GenerateError::Load(_)) => {}
            Err(other) => panic!("{}: {other}", fixture.name),
            Ok(_) => panic!("{}: generated instead of failing", fixture.name),
        }
    }
}
