//! Every spec under `tests/fixtures/` (one folder per group of constructs) is generated and
//! checked four ways: its models and operations match a committed snapshot, generating twice
//! gives the same bytes, the crate and its quick start compile with its hand-written round-trip
//! tests passing, and adding a spec file to the real spec leaves the files that do not list
//! operations alone.
//!
//! A fixture is a folder of spec files, a `snapshot.rs.txt` of the generated `src/models/**`
//! (and `<crate>/src/models/**` of the crates of models) and `src/apis/**`,
//! and a `roundtrip.rs` that becomes the generated crate's test: JSON round trips where the
//! wire shape matters, calls that must compile elsewhere. After a deliberate change to the
//! templates or the generator, `BLESS=1 cargo test -p purecloud-generator --test fixtures`
//! rewrites the snapshots; review the diff before committing it.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use purecloud_generator::{Generated, OutputFile, generate};
use similar::TextDiff;

/// The name of the snapshot file in a fixture folder.
const SNAPSHOT: &str = "snapshot.rs.txt";
/// The name of the round-trip test in a fixture folder.
const ROUNDTRIP: &str = "roundtrip.rs";
/// The scratch workspace's member for the real spec extended by the walk-through.
const WALKTHROUGH: &str = "walkthrough";

fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One folder of `tests/fixtures/`.
struct Fixture {
    name: String,
    dir: PathBuf,
}

/// Every fixture, in name order.
fn fixtures() -> Vec<Fixture> {
    let root = crate_dir().join("tests/fixtures");
    let mut fixtures: Vec<Fixture> = fs::read_dir(&root)
        .unwrap_or_else(|error| panic!("listing {}: {error}", root.display()))
        .map(|entry| entry.expect("listing the fixtures").path())
        .map(|dir| {
            assert!(dir.is_dir(), "{}: fixtures are folders", dir.display());
            let name = dir
                .file_name()
                .and_then(|name| name.to_str())
                .expect("fixture names are UTF-8")
                .to_owned();
            // The name becomes part of a package and a library name in the scratch workspace.
            assert!(
                name.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                "fixture name `{name}` must be lower-case snake case"
            );
            Fixture { name, dir }
        })
        .collect();
    fixtures.sort_by(|a, b| a.name.cmp(&b.name));
    assert!(fixtures.len() >= 15, "only {} fixtures", fixtures.len());
    fixtures
}

fn generate_dir(dir: &Path) -> Generated {
    generate(dir).unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
}

/// The part of a generated crate that the snapshots hold: models and operation groups. The
/// other files (manifests, `lib.rs`, metadata) are checked by compiling the crate.
fn snapshot_text(generated: &Generated, dir: &Path) -> String {
    let mut text = String::new();
    // Warnings first, with the file named relative to the fixture, so that the snapshot
    // does not depend on where the project lies.
    if !generated.warnings.is_empty() {
        text.push_str("// ==== warnings ====\n");
        for warning in &generated.warnings {
            let mut shown = warning.clone();
            shown.file = warning
                .file
                .strip_prefix(dir)
                .unwrap_or(&warning.file)
                .to_owned();
            text.push_str(&format!("// warning: {shown}\n"));
        }
    }
    for file in &generated.files {
        // Models in the crates of models lie in `<crate>/src/models/`.
        if file.path.contains("src/models/") || file.path.starts_with("src/apis/") {
            text.push_str(&format!("// ==== {} ====\n", file.path));
            text.push_str(&file.contents);
            if !file.contents.ends_with('\n') {
                text.push('\n');
            }
        }
    }
    text
}

fn bless() -> bool {
    std::env::var_os("BLESS").is_some_and(|value| !value.is_empty() && value != "0")
}

#[test]
fn generated_models_and_operations_match_the_snapshots() {
    let bless = bless();
    let mut failures = Vec::new();
    for fixture in fixtures() {
        let actual = snapshot_text(&generate_dir(&fixture.dir), &fixture.dir);
        let path = fixture.dir.join(SNAPSHOT);
        if bless {
            let current = fs::read_to_string(&path).ok();
            if current.as_deref() != Some(actual.as_str()) {
                fs::write(&path, &actual)
                    .unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
            }
            continue;
        }
        let Ok(expected) = fs::read_to_string(&path) else {
            failures.push(format!("{}: no {SNAPSHOT}", fixture.name));
            continue;
        };
        if expected != actual {
            let diff = TextDiff::from_lines(&expected, &actual)
                .unified_diff()
                .context_radius(3)
                .header(
                    &format!("{}/{SNAPSHOT}", fixture.name),
                    &format!("{} (generated now)", fixture.name),
                )
                .to_string();
            failures.push(diff);
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n\nThe generated code differs from the snapshots above. If the change is intended, \
         rerun with BLESS=1 to accept it:\n  BLESS=1 cargo test -p purecloud-generator --test \
         fixtures\nand review the snapshot diff before committing it.",
        failures.join("\n")
    );
}

#[test]
fn generating_a_fixture_twice_gives_the_same_bytes() {
    for fixture in fixtures() {
        let first = generate_dir(&fixture.dir).files;
        let second = generate_dir(&fixture.dir).files;
        let paths = |files: &[OutputFile]| -> Vec<String> {
            files.iter().map(|file| file.path.clone()).collect()
        };
        assert_eq!(paths(&first), paths(&second), "{}", fixture.name);
        let differing: Vec<&str> = first
            .iter()
            .zip(&second)
            .filter(|(one, two)| one.contents != two.contents)
            .map(|(one, _)| one.path.as_str())
            .collect();
        assert!(
            differing.is_empty(),
            "{}: two runs differ in {differing:?}",
            fixture.name
        );
    }
}

/// A spec folder under the system's temporary folder, removed when dropped.
struct TempSpec(PathBuf);

impl TempSpec {
    fn new(label: &str) -> Self {
        // The process id keeps concurrent test runs apart; the label keeps tests apart.
        let dir =
            std::env::temp_dir().join(format!("purecloud-fixtures-{}-{label}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).expect("creating a temporary spec folder");
        Self(dir)
    }

    fn add(&self, from: &Path) {
        let name = from.file_name().expect("a spec file has a name");
        fs::copy(from, self.0.join(name))
            .unwrap_or_else(|error| panic!("copying {}: {error}", from.display()));
    }
}

impl Drop for TempSpec {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// The real spec generated alone, then with `tests/walkthrough/routing.yaml` beside it.
fn extend_the_real_spec(label: &str) -> (Vec<OutputFile>, Vec<OutputFile>) {
    let spec = TempSpec::new(label);
    spec.add(&crate_dir().join("../spec/orgauthorization.yaml"));
    let before = generate_dir(&spec.0).files;
    spec.add(&crate_dir().join("tests/walkthrough/routing.yaml"));
    let after = generate_dir(&spec.0).files;
    (before, after)
}

#[test]
fn adding_a_spec_file_changes_only_the_files_that_list_operations() {
    let (before, after) = extend_the_real_spec("walkthrough");
    let before: BTreeMap<&str, &str> = before
        .iter()
        .map(|file| (file.path.as_str(), file.contents.as_str()))
        .collect();
    let after: BTreeMap<&str, &str> = after
        .iter()
        .map(|file| (file.path.as_str(), file.contents.as_str()))
        .collect();
    let added: BTreeSet<&str> = after
        .keys()
        .filter(|path| !before.contains_key(*path))
        .copied()
        .collect();
    let removed: BTreeSet<&str> = before
        .keys()
        .filter(|path| !after.contains_key(*path))
        .copied()
        .collect();
    let changed: BTreeSet<&str> = before
        .iter()
        .filter(|(path, text)| after.get(*path).is_some_and(|now| now != *text))
        .map(|(path, _)| *path)
        .collect();
    // The new tag is a new group file; its schema (with its inline enum) a new model file.
    assert_eq!(
        added,
        BTreeSet::from(["src/apis/routing_skills.rs", "src/models/routing_skill.rs"])
    );
    assert_eq!(removed, BTreeSet::new());
    // Only the files that list groups, operations or model modules change: the manifest and
    // `src/lib.rs` list the group features, and the new group's feature gates the new model
    // module. `src/lib.rs`'s quick start still calls the first group, Organization
    // Authorization. `src/error.rs` stays: the new operations answer errors with the same
    // `ErrorBody`.
    assert_eq!(
        changed,
        BTreeSet::from([
            "Cargo.toml",
            "README.md",
            "src/lib.rs",
            "src/apis/mod.rs",
            "src/metadata.rs",
            "src/models/mod.rs",
        ])
    );
    let group = after["src/apis/routing_skills.rs"];
    for needle in [
        "pub fn routing_skills(&self) -> RoutingSkills<'_>",
        "pub fn get_routing_skill(",
        "pub fn post_routing_skills(",
        // Each request type's shared methods come from the runtime's macro, told what a
        // call decodes (formatting may break the line).
        "crate::client::request_methods!(",
        "Model(RoutingSkill)",
    ] {
        assert!(group.contains(needle), "the new group has no `{needle}`");
    }
    let metadata = after["src/metadata.rs"];
    for needle in [
        "pub const GET_ROUTING_SKILL:",
        "pub const POST_ROUTING_SKILLS:",
    ] {
        assert!(metadata.contains(needle), "metadata has no `{needle}`");
    }
    assert!(after["src/apis/mod.rs"].contains("pub mod routing_skills;"));
    assert!(after["README.md"].contains("## Routing Skills"));
}

/// The target folder this test binary was built in (`<target>/<profile>/deps/<binary>`):
/// `$CARGO_TARGET_DIR` when set, else the workspace's `target/`.
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the test binary's path");
    exe.ancestors()
        .nth(3)
        .expect("the test binary lies in <target>/<profile>/deps")
        .to_owned()
}

/// The scratch workspace's manifest: the members, and the project's `[workspace.package]` and
/// `[workspace.lints.*]` sections, so the fixture crates build under the same settings and
/// lints as `generated/`.
fn scratch_manifest(members: &[&str]) -> String {
    let manifest = fs::read_to_string(crate_dir().join("../Cargo.toml"))
        .expect("reading the project's Cargo.toml");
    let mut sections: Vec<(String, Vec<String>)> = Vec::new();
    for line in manifest.lines() {
        if line.starts_with('[') {
            sections.push((line.to_owned(), Vec::new()));
        } else if let Some((_, lines)) = sections.last_mut() {
            lines.push(line.to_owned());
        }
    }
    sections.retain(|(header, _)| {
        header == "[workspace.package]" || header.starts_with("[workspace.lints.")
    });
    assert!(
        sections
            .iter()
            .any(|(header, _)| header == "[workspace.lints.clippy]"),
        "the project's Cargo.toml has no [workspace.lints.clippy]"
    );
    let members: Vec<String> = members.iter().map(|name| format!("{name:?}")).collect();
    let mut text = format!(
        "# Written by generator/tests/fixtures.rs: every fixture's generated crate.\n\
         [workspace]\nresolver = \"3\"\nmembers = [{}]\n",
        members.join(", ")
    );
    // Nobody debugs these crates; without debug info the test binaries link much faster.
    text.push_str("\n[profile.dev]\ndebug = false\n");
    for (header, lines) in &sections {
        text.push('\n');
        text.push_str(header);
        text.push('\n');
        for line in lines.iter().filter(|line| !line.trim().is_empty()) {
            text.push_str(line);
            text.push('\n');
        }
    }
    assert!(
        text.contains("[workspace.package]") && text.contains("[workspace.lints.rust]"),
        "the project's Cargo.toml lost its workspace package or lint sections"
    );
    text
}

/// The files of one member of the scratch workspace: the generated crate renamed to
/// `fixture-<name>` (library `fixture_<name>`), plus its round-trip test, which names the
/// library `fixture_<name>`.
fn member_files(name: &str, generated: Vec<OutputFile>, test: &Path) -> BTreeMap<String, String> {
    let mut files: BTreeMap<String, String> = generated
        .into_iter()
        .map(|file| (file.path, file.contents))
        .collect();
    let manifest = files
        .get_mut("Cargo.toml")
        .expect("a crate has a Cargo.toml");
    let package = package_name(name);
    let library = format!("fixture_{name}");
    for (from, to) in [
        (
            "name = \"purecloud-platform-client\"\n",
            format!("name = \"{package}\"\n"),
        ),
        // Distinct library names keep the crates' outputs apart in the shared target folder.
        // The library has no unit tests of its own (the runtime's run in the project's
        // workspace). Its doctest, the quick start, stays on: it differs with each spec (a region
        // or a base URL, the first group's calls) and compiling it costs a few seconds.
        (
            "name = \"purecloud_platform_client\"\n",
            format!("name = \"{library}\"\ntest = false\n"),
        ),
    ] {
        assert_eq!(
            manifest.matches(from).count(),
            1,
            "the generated Cargo.toml no longer has one {from:?}"
        );
        *manifest = manifest.replacen(from, &to, 1);
    }
    // The hand-written runtime keeps its name: every fixture depends on the project's one,
    // which cargo builds once for all of them. Its names are set aside from the renames below.
    for text in files.values_mut() {
        *text = text
            .replace("purecloud_platform_client_runtime", "\0runtime_library\0")
            .replace("purecloud-platform-client-runtime", "\0runtime_package\0");
    }
    // The examples and the quick start name the crate by its published name, which is now
    // the fixture's.
    for (path, text) in files.iter_mut() {
        if path.starts_with("examples/") || path == "src/lib.rs" || path == "README.md" {
            *text = text.replace("purecloud_platform_client", &library);
        }
    }
    // The crates of models beside the client take the fixture's name too, in their manifests
    // and wherever code or manifests name them; the runtime is the project's, by its path.
    let runtime_dir = crate_dir().join("../runtime");
    let runtime_dir = runtime_dir.to_str().expect("the project's path is UTF-8");
    for (path, text) in files.iter_mut() {
        *text = text
            .replace("purecloud_platform_client_", &format!("{library}_"))
            .replace("\0runtime_library\0", "purecloud_platform_client_runtime");
        if path.ends_with("Cargo.toml") {
            *text = text
                .replace("purecloud-platform-client-", &format!("{package}-"))
                .replace("\0runtime_package\0", "purecloud-platform-client-runtime")
                .replace(
                    "path = \"../../runtime\"",
                    &format!("path = {runtime_dir:?}"),
                )
                .replace("path = \"../runtime\"", &format!("path = {runtime_dir:?}"));
            if path != "Cargo.toml" {
                // Crates of models have no unit tests of their own.
                *text = text.replacen(
                    "path = \"src/lib.rs\"\n",
                    "path = \"src/lib.rs\"\ntest = false\n",
                    1,
                );
            }
        }
    }
    let text = fs::read_to_string(test)
        .unwrap_or_else(|error| panic!("reading {}: {error}", test.display()));
    files.insert("tests/roundtrip.rs".to_owned(), text);
    files
}

/// The package name of a member of the scratch workspace.
fn package_name(member: &str) -> String {
    format!("fixture-{}", member.replace('_', "-"))
}

/// Writes `files` under `dir`, leaving files whose text is unchanged untouched (cargo would
/// rebuild a crate whose file times move), and removes every other file under `dir`.
fn sync_dir(dir: &Path, files: &BTreeMap<String, String>) {
    for path in files_under(dir) {
        let relative = path
            .strip_prefix(dir)
            .expect("listed under dir")
            .to_str()
            .expect("paths written here are UTF-8")
            .replace('\\', "/");
        if !files.contains_key(&relative) {
            fs::remove_file(&path)
                .unwrap_or_else(|error| panic!("removing {}: {error}", path.display()));
        }
    }
    for (relative, text) in files {
        let path = dir.join(relative);
        if fs::read_to_string(&path).ok().as_deref() == Some(text.as_str()) {
            continue;
        }
        fs::create_dir_all(path.parent().expect("a file has a parent"))
            .unwrap_or_else(|error| panic!("creating the parent of {}: {error}", path.display()));
        fs::write(&path, text)
            .unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for entry in entries {
        let path = entry.expect("listing the scratch workspace").path();
        if path.is_dir() {
            found.extend(files_under(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// Runs cargo in the scratch workspace; panics with its output when it fails.
fn cargo(workspace: &Path, target: &Path, args: &[&str]) {
    cargo_with_env(workspace, target, args, &[]);
}

/// [`cargo`] with extra environment variables.
fn cargo_with_env(workspace: &Path, target: &Path, args: &[&str], env: &[(&str, &str)]) {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let started = Instant::now();
    let output = Command::new(cargo)
        .envs(env.iter().copied())
        .args(args)
        .current_dir(workspace)
        // Not the outer build's target folder: the outer cargo holds its lock while it runs
        // this test, and a shared folder keeps the dependencies built across runs.
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("running cargo");
    eprintln!(
        "cargo {} in {}: {:.1?}",
        args.join(" "),
        workspace.display(),
        started.elapsed()
    );
    assert!(
        output.status.success(),
        "`cargo {}` failed in {}:\n{}\n{}",
        args.join(" "),
        workspace.display(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn every_fixture_crate_compiles_and_round_trips() {
    let target = target_dir();
    let workspace = target.join("fixture-crates");
    let mut members: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for fixture in fixtures() {
        // Every fixture has a test, so `cargo test` builds every crate, not only checks it.
        let test = fixture.dir.join(ROUNDTRIP);
        assert!(test.is_file(), "{}: no {ROUNDTRIP}", fixture.name);
        let files = member_files(&fixture.name, generate_dir(&fixture.dir).files, &test);
        members.insert(fixture.name, files);
    }
    // The walk-through's extended spec compiles here too, with a test of its new methods.
    let (_, extended) = extend_the_real_spec("compile");
    let usage = crate_dir().join("tests/walkthrough/usage.rs");
    assert!(
        !members.contains_key(WALKTHROUGH),
        "a fixture takes the name {WALKTHROUGH}"
    );
    members.insert(
        WALKTHROUGH.to_owned(),
        member_files(WALKTHROUGH, extended, &usage),
    );

    fs::create_dir_all(&workspace).expect("creating the scratch workspace");
    for entry in fs::read_dir(&workspace).expect("listing the scratch workspace") {
        let path = entry.expect("listing the scratch workspace").path();
        let name = path.file_name().and_then(|name| name.to_str());
        let known = name.is_some_and(|name| {
            members.contains_key(name) || matches!(name, "Cargo.toml" | "Cargo.lock")
        });
        // A fixture that was renamed or removed leaves a folder behind.
        if !known && path.is_dir() {
            fs::remove_dir_all(&path)
                .unwrap_or_else(|error| panic!("removing {}: {error}", path.display()));
        }
    }
    let names: Vec<&str> = members.keys().map(String::as_str).collect();
    let mut root = BTreeMap::new();
    root.insert("Cargo.toml".to_owned(), scratch_manifest(&names));
    // The project's lock pins the dependencies to the versions `generated/` is tested with;
    // cargo adds the fixture packages to it.
    let lock = fs::read_to_string(crate_dir().join("../Cargo.lock"))
        .expect("reading the project's Cargo.lock");
    root.insert("Cargo.lock".to_owned(), lock);
    for (relative, text) in &root {
        let path = workspace.join(relative);
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            fs::write(&path, text)
                .unwrap_or_else(|error| panic!("writing {}: {error}", path.display()));
        }
    }
    for (name, files) in &members {
        sync_dir(&workspace.join(name), files);
    }

    let build_target = target.join("fixture-target");
    // All features: the round-trip tests call preview operations; the default features are
    // compiled by the first clippy run below.
    cargo(
        &workspace,
        &build_target,
        &["test", "--workspace", "--all-features"],
    );
    // The default features first: the library and its examples, since the round-trip tests
    // call preview operations. Then every target with all features (`--all-targets` less the
    // library's unit tests, which `test = false` turns off), as CI checks `generated/` both
    // ways: preview operations only compile with their feature.
    cargo(
        &workspace,
        &build_target,
        &[
            "clippy",
            "--workspace",
            "--lib",
            "--examples",
            "--",
            "-D",
            "warnings",
        ],
    );
    // A program that turns the default off and picks one group: its operations compile with
    // the models they reach and nothing else, in one crate (`tags`: `users` needs the module
    // of `user-favorites`, where an operation both list lives) and over crates of models
    // (`split_models`: `teams` leaves out the request body of `users` and what it holds).
    for (fixture, group) in [("tags", "users"), ("split_models", "teams")] {
        assert!(members.contains_key(fixture), "no fixture {fixture}");
        let package = package_name(fixture);
        cargo(
            &workspace,
            &build_target,
            &[
                "clippy",
                "--package",
                &package,
                "--lib",
                "--no-default-features",
                "--features",
                &format!("{package}/{group}"),
                "--",
                "-D",
                "warnings",
            ],
        );
    }
    let previews = members.iter().filter(|(_, files)| {
        files.iter().any(|(path, text)| {
            path.starts_with("src/apis/") && text.contains("#[cfg(feature = \"preview\")]")
        })
    });
    assert!(previews.count() > 0, "the real spec has preview operations");
    cargo(
        &workspace,
        &build_target,
        &[
            "clippy",
            "--workspace",
            "--all-features",
            "--lib",
            "--tests",
            "--examples",
            "--",
            "-D",
            "warnings",
        ],
    );
    // Every crate must document cleanly too, as CI asks of `generated/`: intra-doc links
    // between group modules only break with some specs.
    cargo_with_env(
        &workspace,
        &build_target,
        &["doc", "--workspace", "--no-deps", "--all-features"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    );
}
