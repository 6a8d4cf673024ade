//! `cargo xtask bench-compile`: how long the generated crate takes to compile, and how big and
//! hungry that is, for the real spec and for synthetic ones.
//!
//! Each crate is generated into one scratch workspace under `target/bench-compile/ws/` with a
//! target folder of its own, so that the measurements neither disturb nor reuse the project's
//! build. Its dependencies are built once, untimed; then `cargo check` and `cargo build` of the
//! generated libraries alone are timed (the client, and the crates of models split off it when
//! the spec is large), each `lib.rs` touched before each run. Incremental compilation
//! is off by default: a touched but unchanged crate would otherwise be rebuilt from rustc's
//! incremental cache, which measures the cache rather than the crate, and a user who depends on
//! the published crate never compiles it incrementally either.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use purecloud_synth::Config;

use crate::args::Options;
use crate::measure::{self, Short, Spread};
use crate::sync;

/// The hand-written runtime crate: its folder in the project, and in the scratch workspace
/// relative to the client's folder, as the generated manifests' paths give it.
const RUNTIME_SOURCE: &str = "runtime";
const RUNTIME_DIR: &str = "../runtime/";

/// GNU time, whose `-v` report gives the peak resident size of the largest process in the tree.
const GNU_TIME: &str = "/usr/bin/time";

/// `cargo xtask bench-compile [--operations N]... [--spec DIR]... [--features LIST] [--runs N] [--no-real] [--check-only]
/// [--incremental]`.
pub fn run(args: &[&str]) -> Result<(), String> {
    let options = Options::parse(
        args,
        &[
            "--operations",
            "--spec",
            "--runs",
            "--features",
            "--against",
        ],
        &[
            "--no-real",
            "--check-only",
            "--incremental",
            "--with-runtime",
        ],
    )?;
    let runs: usize = options.parsed_or("--runs", 3)?;
    if runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let mut specs: Vec<(String, PathBuf)> = Vec::new();
    if !options.switch("--no-real") {
        specs.push(("spec/ (real)".into(), PathBuf::from(crate::SPEC_DIR)));
    }
    for dir in options.all::<String>("--spec")? {
        specs.push((dir.clone(), PathBuf::from(dir)));
    }
    for operations in options.all::<usize>("--operations")? {
        let dir = crate::synth::scratch_dir(operations);
        crate::synth::write_spec(&Config::new(operations), &dir)?;
        specs.push((format!("synthetic {operations}"), dir));
    }
    if specs.is_empty() {
        return Err("nothing to measure: --no-real without --operations or --spec".into());
    }

    let mut bench = Bench::prepare(options.switch("--incremental"))?;
    // `cargo build` of a big crate needs much more time and memory than `cargo check`.
    bench.check_only = options.switch("--check-only");
    // A program that calls a few groups: the default features off, those on.
    bench.features = options.value("--features").map(str::to_owned);
    bench.with_runtime = options.switch("--with-runtime");
    if let Some(dir) = options.value("--against") {
        bench.against = Some(Against::prepare(&bench, Path::new(dir))?);
    }
    let mut results = Vec::new();
    for (label, spec_dir) in &specs {
        println!("== {label}: generating into {}", bench.crate_dir.display());
        results.push(bench.measure(label, spec_dir, runs)?);
    }

    println!();
    println!(
        "cpus: {}; runs per figure: {runs}; incremental: {}; peak memory: {}",
        measure::cpus(),
        bench.incremental,
        if Path::new(GNU_TIME).exists() {
            "largest process, /usr/bin/time -v"
        } else {
            "largest process, sampled from /proc"
        }
    );
    println!(
        "{:<18} {:>8} {:>26} {:>26} {:>10} {:>10} {:>10}  load (1 5 15 min)",
        "spec",
        "lines",
        "check median (min-max)",
        "build median (min-max)",
        "rlib",
        "check RSS",
        "build RSS"
    );
    for result in &results {
        println!("{result}");
    }
    if let Some(against) = &bench.against {
        let check = Spread::of(&against.check.borrow()).map(|spread| spread.median);
        let build = Spread::of(&against.build.borrow()).map(|spread| spread.median);
        println!(
            "{}: check median {}, build median {}, each run right after one of ours",
            against.label,
            check.map_or_else(|| "n/a".to_owned(), |median| Short(median).to_string()),
            build.map_or_else(|| "n/a".to_owned(), |median| Short(median).to_string()),
        );
    }
    Ok(())
}

/// Another crate timed in turn with ours (`--against DIR`), such as the one cargo-progenitor
/// writes for the same spec, so that both see the same machine.
struct Against {
    label: String,
    workspace: PathBuf,
    package: String,
    check: std::cell::RefCell<Vec<Duration>>,
    build: std::cell::RefCell<Vec<Duration>>,
}

impl Against {
    /// Copies the crate in `dir` into a scratch workspace of its own, which shares the target
    /// folder, and builds its dependencies, untimed.
    fn prepare(bench: &Bench, dir: &Path) -> Result<Self, String> {
        let files = read_crate(dir)?;
        let manifest = files
            .iter()
            .find(|file| file.path == "Cargo.toml")
            .ok_or_else(|| format!("{}: no Cargo.toml", dir.display()))?;
        let (package, _) = crate_names(&manifest.contents)?;
        let workspace = bench.workspace.with_file_name("against");
        sync::update(&workspace.join("crate"), Ok::<_, String>(files))
            .map_err(|error| error.to_string())?;
        fs::write(
            workspace.join("Cargo.toml"),
            "# `cargo xtask bench-compile --against`: the crate timed beside ours.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\"crate\"]\n",
        )
        .map_err(|error| io(&workspace, error))?;
        let against = Self {
            label: dir.display().to_string(),
            workspace,
            package,
            check: Default::default(),
            build: Default::default(),
        };
        println!(
            "== {}: building it and its dependencies (untimed)",
            against.label
        );
        if !bench.check_only {
            bench.cargo_in(
                &against.workspace,
                None,
                "build",
                &against.package,
                "against-warm-build",
            )?;
        }
        bench.cargo_in(
            &against.workspace,
            None,
            "check",
            &against.package,
            "against-warm-check",
        )?;
        Ok(against)
    }

    /// Times one `cargo <mode>` of the crate, its `lib.rs` touched first.
    fn run(&self, bench: &Bench, mode: &str, log_name: &str) -> Result<(), String> {
        let lib = self.workspace.join("crate/src/lib.rs");
        fs::File::options()
            .write(true)
            .open(&lib)
            .and_then(|file| file.set_modified(SystemTime::now()))
            .map_err(|error| io(&lib, error))?;
        let measured = bench.cargo_in(&self.workspace, None, mode, &self.package, log_name)?;
        println!("   {} {mode}: {}", self.label, Short(measured.wall));
        let runs = if mode == "check" {
            &self.check
        } else {
            &self.build
        };
        runs.borrow_mut().push(measured.wall);
        Ok(())
    }
}

/// The scratch workspace.
struct Bench {
    workspace: PathBuf,
    crate_dir: PathBuf,
    target: PathBuf,
    logs: PathBuf,
    incremental: bool,
    check_only: bool,
    /// `--no-default-features --features <this>` for the timed runs, when given.
    features: Option<String>,
    /// Whether the runtime crate is timed too, rather than built with the dependencies.
    with_runtime: bool,
    /// A crate timed in turn with ours.
    against: Option<Against>,
}

/// The figures for one spec.
struct Outcome {
    label: String,
    lines: usize,
    check: Vec<Measured>,
    build: Vec<Measured>,
    rlib_bytes: Option<u64>,
    load: String,
}

/// One timed cargo run.
struct Measured {
    wall: Duration,
    peak_bytes: Option<u64>,
}

impl std::fmt::Display for Outcome {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let spread = |runs: &[Measured]| {
            let walls: Vec<Duration> = runs.iter().map(|run| run.wall).collect();
            Spread::of(&walls).map_or_else(
                || "n/a".to_owned(),
                |spread| {
                    format!(
                        "{} ({}-{})",
                        Short(spread.median),
                        Short(spread.min),
                        Short(spread.max)
                    )
                },
            )
        };
        let peak = |runs: &[Measured]| {
            runs.iter()
                .filter_map(|run| run.peak_bytes)
                .max()
                .map_or_else(|| "n/a".to_owned(), measure::mib)
        };
        write!(
            f,
            "{:<18} {:>8} {:>26} {:>26} {:>10} {:>10} {:>10}  {}",
            self.label,
            self.lines,
            spread(&self.check),
            spread(&self.build),
            self.rlib_bytes
                .map_or_else(|| "n/a".to_owned(), measure::mib),
            peak(&self.check),
            peak(&self.build),
            self.load
        )
    }
}

impl Bench {
    /// Writes the scratch workspace's manifest and lock file.
    fn prepare(incremental: bool) -> Result<Self, String> {
        let root = crate::target_dir().join("bench-compile");
        let bench = Self {
            workspace: root.join("ws"),
            crate_dir: root.join("ws").join("client"),
            target: root.join("target"),
            logs: root.join("logs"),
            incremental,
            check_only: false,
            features: None,
            with_runtime: false,
            against: None,
        };
        fs::create_dir_all(&bench.workspace).map_err(|error| io(&bench.workspace, error))?;
        fs::create_dir_all(&bench.logs).map_err(|error| io(&bench.logs, error))?;
        let manifest = fs::read_to_string("Cargo.toml").map_err(|error| io("Cargo.toml", error))?;
        write_if_changed(
            &bench.workspace.join("Cargo.toml"),
            &scratch_manifest(&manifest),
        )?;
        // The project's lock file pins the versions the generated crate is tested with; cargo
        // drops the entries the scratch workspace does not use.
        let lock = fs::read_to_string("Cargo.lock").map_err(|error| io("Cargo.lock", error))?;
        write_if_changed(&bench.workspace.join("Cargo.lock"), &lock)?;
        Ok(bench)
    }

    fn measure(&self, label: &str, spec_dir: &Path, runs: usize) -> Result<Outcome, String> {
        let files = purecloud_generator::generate(spec_dir)
            .map_err(|error| error.to_string())?
            .files;
        let lines = files
            .iter()
            .filter(|file| file.path.ends_with(".rs"))
            .map(|file| file.contents.lines().count())
            .sum();
        // The client and the crates of models split off it, by the folder of each manifest
        // (`""` for the client's), with their package and library names.
        let mut crates: Vec<(String, String, String)> = Vec::new();
        for file in &files {
            if let Some(dir) = file.path.strip_suffix("Cargo.toml") {
                let (package, library) = crate_names(&file.contents)?;
                crates.push((dir.to_owned(), package, library));
            }
        }
        let package = crates
            .iter()
            .find(|(dir, ..)| dir.is_empty())
            .map(|(_, package, _)| package.clone())
            .ok_or("the generator made no Cargo.toml")?;
        if crates.len() > 1 {
            println!(
                "   {} crates: the client and {} of models",
                crates.len(),
                crates.len() - 1
            );
        }
        // The hand-written runtime the manifests point to, beside the client's folder. It does
        // not change with the spec, so it is built with the dependencies unless
        // `--with-runtime` asks for it to be timed too.
        let runtime = read_crate(Path::new(RUNTIME_SOURCE))?;
        sync::update(&self.crate_dir.join(RUNTIME_DIR), Ok::<_, String>(runtime))
            .map_err(|error| error.to_string())?;
        if self.with_runtime {
            let manifest = fs::read_to_string(Path::new(RUNTIME_SOURCE).join("Cargo.toml"))
                .map_err(|error| io(RUNTIME_SOURCE, error))?;
            let (package, library) = crate_names(&manifest)?;
            crates.push((RUNTIME_DIR.to_owned(), package, library));
        }
        let crate_dirs: Vec<String> = crates.iter().map(|(dir, ..)| dir.clone()).collect();
        let timed = crate_dirs.clone();
        // The dependencies are built with an empty library in each timed crate's place:
        // building them is not what is measured, and building the big crates once more would
        // double the wait for nothing. The examples come along because the manifest names
        // them; `--lib` leaves them unbuilt.
        let manifest: Vec<_> = files
            .iter()
            .filter(|file| {
                file.path.ends_with("Cargo.toml")
                    || file.path.starts_with("examples/")
                    || crate_dirs.iter().any(|dir| {
                        !dir.is_empty()
                            && !timed.contains(dir)
                            && file.path.starts_with(dir.as_str())
                    })
            })
            .cloned()
            .chain(timed.iter().filter(|dir| *dir != RUNTIME_DIR).map(|dir| {
                purecloud_generator::OutputFile {
                    path: format!("{dir}src/lib.rs"),
                    contents: "//! Stands in for a generated crate while its dependencies build.\n"
                        .into(),
                }
            }))
            .collect();
        sync::update(&self.crate_dir, Ok::<_, String>(manifest))
            .map_err(|error| error.to_string())?;
        println!("   building dependencies (untimed; long the first time)");
        if !self.check_only {
            self.cargo("build", &package, "warm-build")?;
        }
        self.cargo("check", &package, "warm-check")?;
        sync::update(&self.crate_dir, Ok::<_, String>(files)).map_err(|error| error.to_string())?;

        let load_before = measure::load_average();
        let mut check = Vec::with_capacity(runs);
        let mut build = Vec::with_capacity(runs);
        for (mode, results) in [("check", &mut check), ("build", &mut build)] {
            if mode == "build" && self.check_only {
                continue;
            }
            for run in 1..=runs {
                self.touch_libs(&timed)?;
                let measured = self.cargo(mode, &package, &format!("{mode}-{run}"))?;
                if let Some(against) = &self.against {
                    against.run(self, mode, &format!("against-{mode}-{run}"))?;
                }
                println!(
                    "   cargo {mode} #{run}: {}, peak {}",
                    Short(measured.wall),
                    measured
                        .peak_bytes
                        .map_or_else(|| "n/a".to_owned(), measure::mib)
                );
                results.push(measured);
            }
        }
        let load_after = measure::load_average();
        // The `.rlib`s of every timed crate, added up.
        let rlib_bytes = || -> Option<u64> {
            crates
                .iter()
                .filter(|(dir, ..)| timed.contains(dir))
                .map(|(_, _, library)| self.newest_rlib(library))
                .sum()
        };
        Ok(Outcome {
            label: label.to_owned(),
            lines,
            check,
            build,
            // After `check` alone, an `.rlib` there is an older build's.
            rlib_bytes: (!self.check_only).then(rlib_bytes).flatten(),
            load: format!("{load_before} → {load_after}"),
        })
    }

    /// The size of the newest `.rlib` of `library`: cargo copies only the requested package's
    /// up to `debug/`, so the crates of models are found under `debug/deps/`, named with a hash.
    fn newest_rlib(&self, library: &str) -> Option<u64> {
        let deps = self.target.join("debug").join("deps");
        let prefix = format!("lib{library}-");
        fs::read_dir(deps)
            .ok()?
            .filter_map(Result::ok)
            .filter(|entry| {
                let name = entry.file_name();
                let name = name.to_string_lossy();
                name.starts_with(&prefix) && name.ends_with(".rlib")
            })
            .filter_map(|entry| entry.metadata().ok())
            .max_by_key(|metadata| metadata.modified().ok())
            .map(|metadata| metadata.len())
    }

    /// A new modification time makes cargo recompile the generated crates, and only them.
    fn touch_libs(&self, crate_dirs: &[String]) -> Result<(), String> {
        for dir in crate_dirs {
            let lib = self.crate_dir.join(dir).join("src/lib.rs");
            fs::File::options()
                .write(true)
                .open(&lib)
                .and_then(|file| file.set_modified(SystemTime::now()))
                .map_err(|error| io(&lib, error))?;
        }
        Ok(())
    }

    /// Runs `cargo <mode> --lib -p <package>` in the scratch workspace, its output to a log.
    fn cargo(&self, mode: &str, package: &str, log_name: &str) -> Result<Measured, String> {
        self.cargo_in(
            &self.workspace,
            self.features.as_deref(),
            mode,
            package,
            log_name,
        )
    }

    /// Runs `cargo <mode> --lib -p <package>` in `workspace`, with the default features off and
    /// `features` on when given.
    fn cargo_in(
        &self,
        workspace: &Path,
        features: Option<&str>,
        mode: &str,
        package: &str,
        log_name: &str,
    ) -> Result<Measured, String> {
        let log = self.logs.join(format!("{log_name}.log"));
        let report = self.logs.join(format!("{log_name}.time"));
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let gnu_time = Path::new(GNU_TIME).exists();
        let mut command = if gnu_time {
            let mut command = Command::new(GNU_TIME);
            command.arg("-v").arg("-o").arg(&report).arg(&cargo);
            command
        } else {
            Command::new(&cargo)
        };
        let log_file = fs::File::create(&log).map_err(|error| io(&log, error))?;
        let log_copy = log_file.try_clone().map_err(|error| io(&log, error))?;
        command
            .args([mode, "--lib", "--package", package])
            .args(
                features
                    .iter()
                    .flat_map(|features| ["--no-default-features", "--features", features]),
            )
            .current_dir(workspace)
            .env("CARGO_TARGET_DIR", &self.target)
            .env(
                "CARGO_INCREMENTAL",
                if self.incremental { "1" } else { "0" },
            )
            .stdin(Stdio::null())
            .stdout(log_file)
            .stderr(log_copy);
        let start = Instant::now();
        let mut child = command
            .spawn()
            .map_err(|error| format!("running cargo: {error}"))?;
        let sampled = if gnu_time {
            None
        } else {
            Some(sample_peak(&mut child))
        };
        let status = child
            .wait()
            .map_err(|error| format!("waiting for cargo: {error}"))?;
        let wall = start.elapsed();
        if !status.success() {
            let text = fs::read_to_string(&log).unwrap_or_default();
            let tail: Vec<&str> = text.lines().rev().take(30).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!(
                "cargo {mode} failed ({status}); the end of {}:\n{}",
                log.display(),
                tail.join("\n")
            ));
        }
        let peak_bytes = match sampled {
            Some(peak) => peak,
            None => fs::read_to_string(&report)
                .ok()
                .and_then(|text| gnu_time_peak(&text)),
        };
        Ok(Measured { wall, peak_bytes })
    }
}

/// The scratch workspace's manifest: the generated crate as its only member, and the
/// project's own `[workspace.package]` and `[workspace.lints.*]` tables, which the generated
/// manifest inherits from.
fn scratch_manifest(project_manifest: &str) -> String {
    let mut out = String::from(
        "# The scratch workspace of `cargo xtask bench-compile`; rewritten on every run.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\"client\"]\n",
    );
    out.push_str(&inherited_tables(project_manifest));
    out
}

/// The project's `[workspace.package]` and `[workspace.lints.*]` tables, which the generated
/// manifests and the runtime's inherit from, each preceded by an empty line.
pub fn inherited_tables(project_manifest: &str) -> String {
    let mut out = String::new();
    let mut keep = false;
    for line in project_manifest.lines() {
        if line.starts_with('[') {
            keep = line == "[workspace.package]" || line.starts_with("[workspace.lints");
            if keep {
                out.push('\n');
            }
        }
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

/// Every file of the crate in `dir`, as the generator would return them.
pub fn read_crate(dir: &Path) -> Result<Vec<purecloud_generator::OutputFile>, String> {
    sync::list_files(dir)
        .map_err(|error| io(dir, error))?
        .into_iter()
        .filter(|path| !path.starts_with("target/"))
        .map(|path| {
            let full = dir.join(&path);
            fs::read_to_string(&full)
                .map(|contents| purecloud_generator::OutputFile { path, contents })
                .map_err(|error| io(&full, error))
        })
        .collect()
}

/// The package and library names a generated `Cargo.toml` declares.
fn crate_names(manifest: &str) -> Result<(String, String), String> {
    let mut section = "";
    let (mut package, mut library) = (None, None);
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
        } else if let Some(value) = line.strip_prefix("name = ") {
            let value = value.trim_matches('"').to_owned();
            match section {
                "[package]" => package = package.or(Some(value)),
                "[lib]" => library = library.or(Some(value)),
                _ => {}
            }
        }
    }
    let package = package.ok_or("the generated Cargo.toml names no package")?;
    let library = library.unwrap_or_else(|| package.replace('-', "_"));
    Ok((package, library))
}

/// The peak resident size in GNU time's verbose report, in bytes.
fn gnu_time_peak(report: &str) -> Option<u64> {
    report.lines().find_map(|line| {
        let kilobytes = line
            .trim()
            .strip_prefix("Maximum resident set size (kbytes):")?;
        Some(kilobytes.trim().parse::<u64>().ok()? * 1024)
    })
}

/// Without GNU time: polls `/proc` until `child` exits for the largest `VmHWM` among it and
/// its descendants. Short-lived processes between two polls can be missed; rustc, which is
/// what matters here, lives long enough.
fn sample_peak(child: &mut std::process::Child) -> Option<u64> {
    let root = child.id();
    let mut peak = None;
    while let Ok(None) = child.try_wait() {
        for pid in descendants(root) {
            let status = fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
            let hwm = status.lines().find_map(|line| {
                let kilobytes = line.strip_prefix("VmHWM:")?.trim().trim_end_matches("kB");
                kilobytes.trim().parse::<u64>().ok()
            });
            peak = peak.max(hwm.map(|kilobytes| kilobytes * 1024));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    peak
}

/// `root` and every process below it, from the parent ids in `/proc/<pid>/stat`.
fn descendants(root: u32) -> Vec<u32> {
    let mut parents = Vec::new();
    for entry in fs::read_dir("/proc").into_iter().flatten().flatten() {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|name| name.parse::<u32>().ok())
        else {
            continue;
        };
        let Ok(stat) = fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // The command name is in parentheses and may hold spaces; the parent id follows the
        // state, two fields after the closing one.
        let parent = stat
            .rsplit_once(')')
            .and_then(|(_, rest)| rest.split_whitespace().nth(1))
            .and_then(|field| field.parse::<u32>().ok());
        if let Some(parent) = parent {
            parents.push((pid, parent));
        }
    }
    let mut found = vec![root];
    let mut index = 0;
    while index < found.len() {
        let current = found[index];
        found.extend(
            parents
                .iter()
                .filter(|(_, parent)| *parent == current)
                .map(|(pid, _)| *pid),
        );
        index += 1;
    }
    found
}

fn write_if_changed(path: &Path, text: &str) -> Result<(), String> {
    if fs::read_to_string(path).ok().as_deref() != Some(text) {
        fs::write(path, text).map_err(|error| io(path, error))?;
    }
    Ok(())
}

fn io(path: impl AsRef<Path>, error: std::io::Error) -> String {
    format!("{}: {error}", path.as_ref().display())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_manifest_keeps_what_members_inherit() {
        let project = "[workspace]\nmembers = [\"a\"]\n\n[workspace.package]\nversion = \"0.1.0\"\n\
                       edition = \"2024\"\n\n[workspace.dependencies]\nserde = \"1\"\n\n\
                       [workspace.lints.rust]\nmissing_docs = \"warn\"\n";
        let manifest = scratch_manifest(project);
        assert!(manifest.contains("members = [\"client\"]"), "{manifest}");
        assert!(manifest.contains("[workspace.package]\nversion = \"0.1.0\"\nedition = \"2024\""));
        assert!(manifest.contains("[workspace.lints.rust]\nmissing_docs = \"warn\""));
        assert!(!manifest.contains("serde"), "{manifest}");
        assert!(!manifest.contains("\"a\""), "{manifest}");
    }

    #[test]
    fn names_from_the_generated_manifest() {
        let with_lib = "[package]\nname = \"a-b\"\n\n[lib]\nname = \"c\"\n";
        assert_eq!(crate_names(with_lib), Ok(("a-b".into(), "c".into())));
        let without = "[package]\nname = \"a-b\"\n[dependencies]\nname = \"x\"\n";
        assert_eq!(crate_names(without), Ok(("a-b".into(), "a_b".into())));
    }

    #[test]
    fn peak_from_gnu_time() {
        let report = "\tCommand being timed: \"cargo check\"\n\
                      \tMaximum resident set size (kbytes): 2048\n\tExit status: 0\n";
        assert_eq!(gnu_time_peak(report), Some(2 * 1024 * 1024));
        assert_eq!(gnu_time_peak("nothing"), None);
    }

    #[test]
    fn this_process_is_among_its_own_descendants() {
        assert!(descendants(std::process::id()).contains(&std::process::id()));
    }
}
