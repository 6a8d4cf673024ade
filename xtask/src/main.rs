//! Project tasks, run as `cargo xtask <task>` from anywhere in the workspace.

mod args;
mod bench_compile;
mod compare;
mod corpus;
mod format_cache;
mod measure;
mod profile;
mod sync;
mod synth;
#[cfg(test)]
mod temp_dir;
#[cfg(test)]
mod untouched;

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::OnceLock;

/// Generation allocates and frees small strings and syntax nodes by the million; mimalloc does
/// that markedly faster than glibc's allocator (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  generate  regenerate generated/ from spec/: write the files that changed, remove the
            ones no longer produced; on a spec error, leave generated/ as it was
  check     fail, with a diff, if generated/ is not what spec/ generates
  spec      load every file in spec/ and print what it describes

measuring (see docs/performance.md; run with --release, e.g. `cargo xtask-release profile`):
  synth --operations N --out DIR [--schemas M] [--seed S]
            write a synthetic spec of N operations (about 1.5 N schemas) as DIR/synthetic.yaml
  profile [--spec DIR | --operations N] [--runs N]
            time each generator stage on a spec (default spec/), N runs (default 5)
  bench-compile [--operations N]... [--spec DIR]... [--features LIST] [--runs N]
                [--no-real] [--check-only] [--incremental]
            time `cargo check` and `cargo build` of the crates generated from spec/, from
            synthetic specs of N operations and from each DIR, in a scratch workspace under
            target/; with --features, the default features off and LIST on
  compare-progenitor --progenitor PATH [--rounds N]
            time cargo-progenitor and this generator (cold, after an edit, unchanged) in
            turn on spec/, N rounds (default 11)

corpus (real specs nobody here wrote; generation in-process, guarded):
  corpus PATH... [--merge] [--sample N [--seed S]] [--jobs J] [--timeout SECS] [--check]
            generate each spec alone and tell what became of it: a file is one spec; a
            folder is searched recursively and each *.yaml, *.yml, *.json in it is a spec of
            its own (with --merge, a folder argument holding spec files directly is one API,
            as spec/ is). --sample N: N specs picked by seed S (default 1), the same on any
            machine. J specs at a time (default 1); a spec still running after SECS (default
            60) is a hang, its thread left running. --check: cargo check --all-features of
            each generated crate in target/corpus/ws/, sharing target/corpus/target. Prints
            a line per spec, the totals and the most frequent error and warning messages;
            target/corpus/report.txt holds every message. Fails only on wrong arguments.
";

/// The spec folder and the generated crate, relative to the project root: `main` runs from
/// there, so messages name `spec/...` and `generated/...` rather than absolute paths.
const SPEC_DIR: &str = "spec";
const GENERATED_DIR: &str = "generated";

fn main() -> ExitCode {
    let root = match find_project_root() {
        Ok(root) => ROOT.get_or_init(|| root).clone(),
        Err(error) => {
            eprintln!("error: {error}");
            return ExitCode::FAILURE;
        }
    };
    if let Ok(current) = std::env::current_dir() {
        INVOKED_FROM.get_or_init(|| current);
    }
    if let Err(error) = std::env::set_current_dir(&root) {
        eprintln!("error: cannot enter {}: {error}", root.display());
        return ExitCode::FAILURE;
    }
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["generate"] => generate(),
        ["check"] => check(),
        ["spec"] => spec(&root),
        ["synth", rest @ ..] => report(synth::run(rest)),
        ["profile", rest @ ..] => report(profile::run(rest)),
        ["bench-compile", rest @ ..] => report(bench_compile::run(rest)),
        ["compare-progenitor", rest @ ..] => report(compare::run(rest)),
        ["corpus", rest @ ..] => match corpus::run(rest) {
            Ok(()) => ExitCode::SUCCESS,
            // A measurement succeeds whatever the specs do: only wrong arguments fail it.
            Err(error) => {
                eprintln!("error: {error}");
                ExitCode::from(2)
            }
        },
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The folder xtask was started from, before `main` moved to the project root: paths the user
/// names on the command line are relative to it.
static INVOKED_FROM: OnceLock<PathBuf> = OnceLock::new();

/// `path` as the user meant it: relative paths are taken from the folder xtask was started in.
fn user_path(path: &str) -> PathBuf {
    match INVOKED_FROM.get() {
        Some(from) => from.join(path),
        None => PathBuf::from(path),
    }
}

/// The project root, found once by [`find_project_root`] when `main` starts.
static ROOT: OnceLock<PathBuf> = OnceLock::new();

/// The workspace root of the checkout being worked on, found at run time: one binary may serve
/// several checkouts (worktrees sharing a `CARGO_TARGET_DIR`), so the path it was compiled from
/// says nothing about which one ran it.
fn project_root() -> PathBuf {
    ROOT.get_or_init(|| find_project_root().unwrap_or_else(|error| panic!("{error}")))
        .clone()
}

/// `cargo run` (which `cargo xtask` is) sets `CARGO_MANIFEST_DIR` to xtask's folder, one
/// level below the root; without it (the binary run by hand), the first folder up from the
/// current one that [`is_project_root`].
fn find_project_root() -> Result<PathBuf, String> {
    let from_cargo = std::env::var_os("CARGO_MANIFEST_DIR")
        .and_then(|dir| Path::new(&dir).parent().map(Path::to_owned))
        .filter(|root| is_project_root(root));
    if let Some(root) = from_cargo {
        return Ok(root);
    }
    let current = std::env::current_dir()
        .map_err(|error| format!("cannot read the current folder: {error}"))?;
    walk_up_to_root(&current).ok_or_else(|| {
        format!(
            "{} is not inside the project: no folder above it has a Cargo.toml with a \
             [workspace] table beside an xtask/ folder",
            current.display()
        )
    })
}

/// The first of `start` and its ancestors that [`is_project_root`].
fn walk_up_to_root(start: &Path) -> Option<PathBuf> {
    start
        .ancestors()
        .find(|dir| is_project_root(dir))
        .map(Path::to_owned)
}

/// Whether `dir` holds a `Cargo.toml` with a `[workspace]` table and an `xtask/` folder.
fn is_project_root(dir: &Path) -> bool {
    let has_workspace = std::fs::read_to_string(dir.join("Cargo.toml"))
        .is_ok_and(|manifest| manifest.lines().any(|line| line.trim() == "[workspace]"));
    has_workspace && dir.join("xtask").is_dir()
}

/// Where cargo puts build output: `CARGO_TARGET_DIR` when set, else `target/`. The measuring
/// tasks keep their scratch files there. Absolute, as they hand it to processes that run
/// elsewhere.
fn target_dir() -> PathBuf {
    let root = project_root();
    std::env::var_os("CARGO_TARGET_DIR").map_or_else(|| root.join("target"), |dir| root.join(dir))
}

/// Ends a measuring task: its error, if any, on stderr.
fn report(result: Result<(), String>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// `cargo xtask generate`: the generator runs to completion before `generated/` is touched.
fn generate() -> ExitCode {
    let generated = format_cache::generate(Path::new(SPEC_DIR)).map(|generated| {
        print_warnings(&generated.warnings);
        generated.files
    });
    match sync::update(Path::new(GENERATED_DIR), generated) {
        Ok(summary) => {
            println!("{summary}");
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::FAILURE
        }
    }
}

/// Fails when `generated/` is stale, and when `spec/` has warnings: the curated spec keeps
/// exact types, so what only approximates it is fixed in `spec/` rather than generated.
fn check() -> ExitCode {
    let mut warned = false;
    let generated = format_cache::generate(Path::new(SPEC_DIR)).map(|generated| {
        print_warnings(&generated.warnings);
        warned = !generated.warnings.is_empty();
        generated.files
    });
    let fresh = match sync::check(Path::new(GENERATED_DIR), generated) {
        Ok(None) => {
            println!("generated/ is up to date");
            true
        }
        Ok(Some(report)) => {
            print!("{report}");
            false
        }
        Err(error) => {
            eprintln!("error: {error}");
            false
        }
    };
    if warned {
        eprintln!("error: spec/ has warnings; spec/ must generate exactly, without any");
    }
    if fresh && !warned {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

/// Prints each warning on a line of its own, `warning: file:line: pointer: message`.
fn print_warnings(warnings: &[purecloud_generator::Diagnostic]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}

fn spec(root: &Path) -> ExitCode {
    match purecloud_generator::load_dir(&root.join("spec")) {
        Ok(files) => {
            for file in files {
                let operations = file.api.operations().count();
                let schemas = file
                    .api
                    .components
                    .as_ref()
                    .map_or(0, |components| components.schemas.len());
                let shown = file.path.strip_prefix(root).unwrap_or(&file.path);
                println!(
                    "{}: {operations} operations, {schemas} schemas",
                    shown.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temp_dir::TempDir;

    #[test]
    fn the_root_is_the_first_workspace_with_an_xtask_folder_above() {
        let temp = TempDir::new("root");
        let root = temp.path().join("project");
        temp.write("project/Cargo.toml", "[workspace]\nmembers = [\"xtask\"]\n");
        temp.write("project/xtask/Cargo.toml", "[package]\nname = \"xtask\"\n");
        // A member crate below the root: a manifest, but no workspace.
        temp.write("project/generated/Cargo.toml", "[package]\nname = \"a\"\n");
        temp.write("project/generated/src/lib.rs", "");
        // A workspace without xtask/ inside the project is not the root.
        temp.write("project/other/Cargo.toml", "[workspace]\n");
        temp.write("project/other/deep/file.txt", "");

        assert_eq!(walk_up_to_root(&root), Some(root.clone()));
        assert_eq!(walk_up_to_root(&root.join("xtask")), Some(root.clone()));
        assert_eq!(
            walk_up_to_root(&root.join("generated/src")),
            Some(root.clone())
        );
        assert_eq!(
            walk_up_to_root(&root.join("other/deep")),
            Some(root.clone())
        );
        assert!(!is_project_root(&root.join("other")));
        assert_eq!(walk_up_to_root(temp.path()), None);
    }

    #[test]
    fn this_checkout_is_found_from_cargo_and_from_its_folders() {
        let root = find_project_root().expect("cargo test runs inside the project");
        assert!(is_project_root(&root), "{}", root.display());
        assert_eq!(walk_up_to_root(&root.join("xtask/src")), Some(root));
    }

    /// The committed `generated/` must be exactly what the generator makes of the committed
    /// `spec/`; this is `cargo xtask check` run as a test, so `cargo test` catches drift too.
    #[test]
    fn generated_crate_is_fresh() {
        let root = project_root();
        let generated = purecloud_generator::generate(&root.join(SPEC_DIR))
            .unwrap_or_else(|error| panic!("the generator failed:\n{error}"));
        let warnings: Vec<String> = generated.warnings.iter().map(ToString::to_string).collect();
        assert!(
            warnings.is_empty(),
            "spec/ has warnings:\n{}",
            warnings.join("\n")
        );
        let plan = sync::plan(&root.join(GENERATED_DIR), &generated.files)
            .unwrap_or_else(|error| panic!("reading generated/: {error}"));
        if let Some(report) = sync::check_report(&plan) {
            panic!("{report}");
        }
    }
}
