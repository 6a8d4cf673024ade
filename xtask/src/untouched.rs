//! `cargo xtask generate` on an invalid spec fails and leaves a copy of the real `generated/`
//! byte for byte as it was, and prints the errors the generator's invalid-spec suite expects.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::sync::{self, Failure};
use crate::{GENERATED_DIR, project_root};

/// A fresh folder under the system temp dir, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let name = format!(
            "xtask-untouched-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        );
        let path = std::env::temp_dir().join(name);
        // A folder left by a crashed run with the same pid would otherwise leak into this one.
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).expect("creating a temp dir");
        TempDir(path)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Every file under `dir` (relative `/`-separated path → bytes), skipping a top-level
/// `target/`, which cargo may fill and the generator never owns.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut pending = vec![(dir.to_owned(), String::new())];
    while let Some((folder, prefix)) = pending.pop() {
        for entry in fs::read_dir(&folder).expect("listing") {
            let entry = entry.expect("listing");
            let relative = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.file_type().expect("file type").is_dir() {
                if relative != "target" {
                    pending.push((entry.path(), format!("{relative}/")));
                }
            } else {
                files.insert(relative, fs::read(entry.path()).expect("reading"));
            }
        }
    }
    files
}

/// Writes `files` under `dir`, creating folders as needed.
fn restore(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    for (relative, bytes) in files {
        let path = dir.join(relative);
        fs::create_dir_all(path.parent().expect("a file has a parent")).expect("creating");
        fs::write(path, bytes).expect("writing");
    }
}

/// Runs the `generate` task's update path for one fixture of the generator's invalid-spec suite,
/// on a copy of `generated/`, and checks what it printed and that the copy did not change.
fn check_fixture(name: &str) {
    let root = project_root();
    let fixtures = root.join("generator/tests/invalid");
    let temp = TempDir::new();

    // `generate` takes a folder: a folder fixture is used as it is, a file gets one of its own.
    // Either way, the paths the expected file names (relative to the generator crate) are
    // replaced with the folder the generator really reads.
    let folder_fixture = fixtures.join(name);
    let (spec_dir, named_as) = if folder_fixture.is_dir() {
        (folder_fixture, format!("tests/invalid/{name}"))
    } else {
        let spec_dir = temp.0.join("spec");
        fs::create_dir_all(&spec_dir).expect("creating");
        let file = format!("{name}.yaml");
        fs::copy(fixtures.join(&file), spec_dir.join(&file)).expect("copying the fixture");
        (spec_dir, "tests/invalid".to_owned())
    };
    let expected = fs::read_to_string(fixtures.join(format!("{name}.expected")))
        .expect("reading the .expected file")
        .replace(&named_as, &spec_dir.display().to_string());
    // The file lists the errors, then the warnings, which a failed `generate` does not print.
    let lines: Vec<&str> = expected
        .lines()
        .filter(|line| !line.starts_with("warning: "))
        .collect();
    let plural = if lines.len() == 1 { "" } else { "s" };
    let expected_output = format!(
        "error: the spec has {} problem{plural}:\n  {}",
        lines.len(),
        lines.join("\n  ")
    );

    let real = snapshot(&root.join(GENERATED_DIR));
    assert!(real.contains_key("Cargo.toml"), "generated/ looks empty");
    let generated = temp.0.join("generated");
    restore(&generated, &real);

    let result = sync::update(
        &generated,
        purecloud_generator::generate(&spec_dir).map(|generated| generated.files),
    );
    match result {
        // `main` prints exactly this line for a failed `generate`.
        Err(error @ Failure::Generate(_)) => {
            assert_eq!(format!("error: {error}"), expected_output, "{name}");
        }
        Err(Failure::Io(error)) => panic!("{name}: expected a spec error, got {error}"),
        Ok(summary) => panic!("{name}: expected a spec error, got {summary}"),
    }
    let after = snapshot(&generated);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        real.keys().collect::<Vec<_>>(),
        "{name}: the file list changed"
    );
    for (path, bytes) in &real {
        assert!(after[path] == *bytes, "{name}: generated/{path} changed");
    }
}

#[test]
fn yaml_syntax_error_leaves_generated_untouched() {
    check_fixture("yaml_syntax_error");
}

#[test]
fn validation_errors_leave_generated_untouched() {
    check_fixture("several_problems");
}

#[test]
fn lowering_error_leaves_generated_untouched() {
    check_fixture("malformed_models_per_crate");
}

#[test]
fn error_across_two_files_leaves_generated_untouched() {
    check_fixture("different_schema_in_two_files");
}
