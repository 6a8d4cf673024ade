//! `cargo xtask corpus`: how the generator does on real specs nobody here wrote.
//!
//! Each spec is generated alone, in this process, on a thread of its own: a panic is caught
//! and recorded as the outcome `panic`, and a spec that takes longer than `--timeout` is
//! recorded as `hang` while its thread is left running (a thread cannot be stopped from
//! outside; it ends with the process, and until then it keeps a core busy). A stack overflow
//! cannot be caught at all and would end the command, so the threads get a large stack.
//!
//! With `--check`, every generated crate is written into a scratch workspace under
//! `target/corpus/ws/`, beside one copy of `runtime/`, and `cargo check --all-features` runs
//! on each, all of them sharing `target/corpus/target`, so their dependencies build once.
//! The command is a measurement: it succeeds whatever the specs do, and fails only on wrong
//! arguments.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use purecloud_generator::{GenerateError, LoadError, OutputFile};

use crate::args::Options;
use crate::bench_compile;
use crate::sync;

/// The options that take a value, and the switches.
const VALUED: &[&str] = &["--sample", "--seed", "--jobs", "--timeout"];
const SWITCHES: &[&str] = &["--check", "--merge"];

/// How many message buckets the summary lists, of each kind.
const TOP: usize = 15;

/// The generator threads' stack: deep schemas recurse deeply, and an overflow would abort the
/// whole command rather than be caught. Only touched pages are ever allocated.
const STACK_BYTES: usize = 256 << 20;

/// The runtime crate in the project, and its folder in the scratch workspace, where the
/// generated manifests' `../runtime` finds it from each crate's folder.
const RUNTIME_SOURCE: &str = "runtime";
const RUNTIME_DIR: &str = "runtime";

/// `cargo xtask corpus DIR... [--check] [--merge] [--sample N --seed S] [--jobs J]
/// [--timeout SECS]`.
pub fn run(args: &[&str]) -> Result<(), String> {
    let (paths, option_args) = split_positional(args, VALUED);
    let options = Options::parse(&option_args, VALUED, SWITCHES)?;
    if paths.is_empty() {
        return Err("corpus: name at least one spec file or folder".into());
    }
    let jobs: usize = options.parsed_or("--jobs", 1)?;
    let timeout: u64 = options.parsed_or("--timeout", 60)?;
    if jobs == 0 || timeout == 0 {
        return Err("--jobs and --timeout must be at least 1".into());
    }
    let merge = options.switch("--merge");
    let mut specs = Vec::new();
    for path in &paths {
        specs.extend(discover(&crate::user_path(path), merge)?);
    }
    specs.sort_by(|a, b| a.path.cmp(&b.path));
    specs.dedup_by(|a, b| a.path == b.path);
    if specs.is_empty() {
        return Err(format!(
            "no spec file (*.yaml, *.yml, *.json) in {}",
            paths.join(", ")
        ));
    }
    let found = specs.len();
    let mut heading = format!("{found} specs");
    if options.value("--sample").is_some() {
        let count: usize = options.parsed_or("--sample", 0)?;
        let seed: u64 = options.parsed_or("--seed", 1)?;
        specs = sample(specs, count, seed);
        let _ = write!(
            heading,
            ", a sample of {} (--sample {count} --seed {seed})",
            specs.len()
        );
    }
    let check = options
        .switch("--check")
        .then(Workspace::prepare)
        .transpose()?;
    println!(
        "corpus: {heading}; {jobs} at a time, {timeout} s each at most{}",
        if check.is_some() {
            "; then cargo check of each generated crate"
        } else {
            ""
        }
    );

    let records = generate_all(&specs, jobs, Duration::from_secs(timeout), check.as_ref())?;
    let mut checks = Vec::new();
    if let Some(workspace) = &check {
        workspace.remove_stale(&records)?;
        println!(
            "\ncargo check --all-features of each generated crate, sharing {} (the first \
             also builds the dependencies: minutes, the first time)",
            workspace.target.display()
        );
        let to_check: Vec<&Record> = records.iter().filter(|r| r.crate_dir.is_some()).collect();
        for (done, record) in to_check.iter().enumerate() {
            let checked = workspace.check(record)?;
            println!(
                "[{:>4}/{}] check {} {:>7} {}{}",
                done + 1,
                to_check.len(),
                if checked.passed { "ok  " } else { "fail" },
                seconds(checked.time),
                record.spec.label,
                checked
                    .errors
                    .first()
                    .map_or_else(String::new, |first| format!("  — {}", clip(first, 140))),
            );
            checks.push((record.index, checked));
        }
    }
    let summary = summarize(&records, &checks);
    println!("\n{summary}");
    let report = crate::target_dir().join("corpus").join("report.txt");
    if let Some(dir) = report.parent() {
        fs::create_dir_all(dir).map_err(|error| io(dir, error))?;
    }
    fs::write(&report, full_report(&records, &checks)).map_err(|error| io(&report, error))?;
    println!("every message of every spec: {}", report.display());
    Ok(())
}

/// Separates the paths from the options: an argument that starts with `--` is an option, and
/// a `valued` one given without `=` takes the next argument with it.
fn split_positional<'a>(args: &[&'a str], valued: &[&str]) -> (Vec<&'a str>, Vec<&'a str>) {
    let (mut positional, mut options) = (Vec::new(), Vec::new());
    let mut rest = args.iter();
    while let Some(&arg) = rest.next() {
        if arg.starts_with("--") {
            options.push(arg);
            if valued.contains(&arg) {
                options.extend(rest.next().copied());
            }
        } else {
            positional.push(arg);
        }
    }
    (positional, options)
}

/// One spec to generate: a file, or with `--merge` a folder whose spec files are one API.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Spec {
    /// The file or folder.
    path: PathBuf,
    /// The path as shown: relative to the argument it was found under, when it is inside one.
    label: String,
    /// Whether `path` is a folder read with `load_dir`.
    merged: bool,
}

/// The specs a path stands for: a file is one spec; a folder is searched recursively and each
/// spec file in it is a spec of its own (the layout of the APIs.guru directory and of
/// progenitor's samples), except that with `merge` a folder argument that directly holds spec
/// files is one API of several files, as `spec/` is.
fn discover(path: &Path, merge: bool) -> Result<Vec<Spec>, String> {
    let metadata = fs::metadata(path).map_err(|error| io(path, error))?;
    if metadata.is_file() {
        let label = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        return Ok(vec![Spec {
            path: path.to_owned(),
            label,
            merged: false,
        }]);
    }
    if merge && !spec_files_in(path)?.is_empty() {
        return Ok(vec![Spec {
            path: path.to_owned(),
            label: path.display().to_string(),
            merged: true,
        }]);
    }
    let mut files = Vec::new();
    walk(path, &mut files)?;
    files.sort();
    Ok(files
        .into_iter()
        .map(|file| {
            let label = file
                .strip_prefix(path)
                .unwrap_or(&file)
                .display()
                .to_string();
            Spec {
                path: file,
                label,
                merged: false,
            }
        })
        .collect())
}

/// Whether `path` names a spec file, as `load_dir` reads them.
fn is_spec_file(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext == "yaml" || ext == "yml" || ext == "json")
}

/// The spec files directly in `dir`.
fn spec_files_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).map_err(|error| io(dir, error))? {
        let path = entry.map_err(|error| io(dir, error))?.path();
        if is_spec_file(&path) && path.is_file() {
            files.push(path);
        }
    }
    Ok(files)
}

/// Every spec file under `dir`, skipping hidden folders, `node_modules` and `target`.
fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> Result<(), String> {
    for entry in fs::read_dir(dir).map_err(|error| io(dir, error))? {
        let entry = entry.map_err(|error| io(dir, error))?;
        let path = entry.path();
        let file_type = entry.file_type().map_err(|error| io(&path, error))?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if file_type.is_dir() {
            if !name.starts_with('.') && name != "node_modules" && name != "target" {
                walk(&path, files)?;
            }
        } else if is_spec_file(&path) && path.is_file() {
            files.push(path);
        }
    }
    Ok(())
}

/// `count` of `specs` chosen at random by `seed`, in path order: the same on every machine,
/// since `specs` arrive sorted by path and the generator is ours.
fn sample<T: Clone>(specs: Vec<T>, count: usize, seed: u64) -> Vec<T> {
    if count >= specs.len() {
        return specs;
    }
    // A partial Fisher–Yates shuffle: the first `count` places end up a uniform sample. The
    // chosen indices are then sorted, so the sample is listed in path order.
    let mut rng = SplitMix64::new(seed);
    let mut order: Vec<usize> = (0..specs.len()).collect();
    for place in 0..count {
        let pick = place + rng.below(order.len() - place);
        order.swap(place, pick);
    }
    let mut chosen = order[..count].to_vec();
    chosen.sort_unstable();
    chosen.iter().map(|&index| specs[index].clone()).collect()
}

/// The generator's seeded splitmix64, so a sample stays the same for a seed on any machine
/// and any day and figures can be compared.
struct SplitMix64(purecloud_synth::Rng);

impl SplitMix64 {
    fn new(seed: u64) -> Self {
        Self(purecloud_synth::Rng(seed))
    }

    /// A number in `0..bound` (`bound` > 0), without modulo bias worth speaking of: the high
    /// half of a 128-bit product.
    fn below(&mut self, bound: usize) -> usize {
        ((u128::from(self.0.next_u64()) * bound as u128) >> 64) as usize
    }
}

/// What became of one spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Generated,
    Warned,
    LoadError,
    Invalid,
    RenderFormat,
    Panic,
    Hang,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Self::Generated => "generated",
            Self::Warned => "generated with warnings",
            Self::LoadError => "load error",
            Self::Invalid => "invalid",
            Self::RenderFormat => "render/format error",
            Self::Panic => "panic",
            Self::Hang => "hang",
        }
    }

    fn generated(self) -> bool {
        matches!(self, Self::Generated | Self::Warned)
    }
}

/// A message: in full (file, line, pointer) for the report, and the bare message, which is
/// what is bucketed.
#[derive(Debug, Clone)]
struct Message {
    full: String,
    bare: String,
}

/// What the generator thread hands back: plain data, whatever the generator's error types.
struct Finished {
    kind: Kind,
    operations: Option<usize>,
    errors: Vec<Message>,
    warnings: Vec<Message>,
    files: Option<Vec<OutputFile>>,
}

/// One spec's outcome.
struct Record {
    index: usize,
    spec: Spec,
    kind: Kind,
    time: Duration,
    operations: Option<usize>,
    errors: Vec<Message>,
    warnings: Vec<Message>,
    /// Where the generated crate was written, with `--check`.
    crate_dir: Option<PathBuf>,
}

impl Record {
    /// `ok`, `warn N`, `error N`, `panic` or `hang`.
    fn short(&self) -> String {
        match self.kind {
            Kind::Generated => "ok".into(),
            Kind::Warned => format!("warn {}", self.warnings.len()),
            Kind::LoadError | Kind::Invalid | Kind::RenderFormat => {
                format!("error {}", self.errors.len())
            }
            Kind::Panic => "panic".into(),
            Kind::Hang => "hang".into(),
        }
    }
}

/// Generates every spec, `jobs` at a time, printing a line for each as it ends; with a
/// workspace, writes each generated crate into it.
fn generate_all(
    specs: &[Spec],
    jobs: usize,
    timeout: Duration,
    workspace: Option<&Workspace>,
) -> Result<Vec<Record>, String> {
    install_panic_hook();
    let keep_files = workspace.is_some();
    let next = Arc::new(AtomicUsize::new(0));
    let shared: Arc<Vec<Spec>> = Arc::new(specs.to_vec());
    let (sender, receiver) = mpsc::channel();
    for _ in 0..jobs.min(specs.len()) {
        let (next, shared, sender) = (Arc::clone(&next), Arc::clone(&shared), sender.clone());
        std::thread::spawn(move || {
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(spec) = shared.get(index) else { break };
                let outcome = run_guarded(index, spec, timeout, keep_files);
                if sender.send((index, outcome)).is_err() {
                    break;
                }
            }
        });
    }
    drop(sender);
    let mut records = Vec::with_capacity(specs.len());
    for (done, (index, (finished, time))) in receiver.iter().enumerate() {
        let spec = specs[index].clone();
        let (mut kind, mut errors) = (finished.kind, finished.errors);
        let crate_dir = match (workspace, finished.files) {
            (Some(workspace), Some(files)) if kind.generated() => {
                // Files the generator should never produce (two with one path) are the
                // spec's outcome, not the end of the run.
                match workspace.write_crate(index, &spec, files) {
                    Ok(dir) => Some(dir),
                    Err(error) => {
                        kind = Kind::RenderFormat;
                        errors.push(Message {
                            full: error.clone(),
                            bare: error,
                        });
                        None
                    }
                }
            }
            _ => None,
        };
        let record = Record {
            index,
            spec,
            kind,
            time,
            operations: finished.operations,
            errors,
            warnings: finished.warnings,
            crate_dir,
        };
        let first = record
            .errors
            .first()
            .or(record.warnings.first())
            .map_or_else(String::new, |message| {
                format!("  — {}", clip(&message.bare, 140))
            });
        println!(
            "[{:>4}/{}] {:<9} {:>7} {:>6} ops  {}{first}",
            done + 1,
            specs.len(),
            record.short(),
            seconds(record.time),
            record
                .operations
                .map_or_else(|| "?".to_owned(), |operations| operations.to_string()),
            record.spec.label,
        );
        records.push(record);
    }
    records.sort_by_key(|record| record.index);
    Ok(records)
}

/// Generates one spec on a thread of its own, guarded by [`guarded`].
fn run_guarded(
    index: usize,
    spec: &Spec,
    timeout: Duration,
    keep_files: bool,
) -> (Finished, Duration) {
    let spec = spec.clone();
    guarded(format!("corpus-{index}"), timeout, move || {
        attempt(&spec, keep_files)
    })
}

/// Runs `work` on a thread of its own, turning its panic into the outcome `panic` and giving
/// up on it after `timeout` (the outcome `hang`; the thread is then left to run, as nothing
/// can stop it from outside). Also returns how long it took, or how long it was waited for.
fn guarded(
    name: String,
    timeout: Duration,
    work: impl FnOnce() -> Finished + Send + 'static,
) -> (Finished, Duration) {
    let (sender, receiver) = mpsc::channel();
    let start = Instant::now();
    let spawned = std::thread::Builder::new()
        .name(name)
        .stack_size(STACK_BYTES)
        .spawn(move || {
            GUARDED.set(true);
            let finished = panic::catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
                let location = LAST_PANIC.take().unwrap_or_default();
                let message = format!("{}{location}", panic_message(payload.as_ref()));
                Finished::failed(Kind::Panic, message)
            });
            let _ = sender.send(finished);
        });
    let finished = match spawned {
        Err(error) => Finished::failed(Kind::Panic, format!("cannot start a thread: {error}")),
        Ok(_) => match receiver.recv_timeout(timeout) {
            Ok(finished) => finished,
            Err(mpsc::RecvTimeoutError::Timeout) => Finished::failed(
                Kind::Hang,
                format!(
                    "no result after {} (its thread is left running)",
                    seconds(timeout)
                ),
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                Finished::failed(Kind::Panic, "the thread ended without a result".into())
            }
        },
    };
    (finished, start.elapsed())
}

impl Finished {
    /// An outcome without output, with one message.
    fn failed(kind: Kind, message: String) -> Self {
        Self {
            kind,
            operations: None,
            errors: vec![Message {
                full: message.clone(),
                bare: message,
            }],
            warnings: Vec::new(),
            files: None,
        }
    }
}

/// Loads and generates one spec; the generator's errors become plain messages.
fn attempt(spec: &Spec, keep_files: bool) -> Finished {
    let loaded = if spec.merged {
        purecloud_generator::load_dir(&spec.path)
    } else {
        purecloud_generator::load_file(&spec.path)
            .map(|file| vec![file])
            .map_err(|error| vec![error])
    };
    let files = match loaded {
        Ok(files) => files,
        Err(errors) => {
            return Finished {
                kind: Kind::LoadError,
                operations: None,
                errors: errors.iter().map(load_message).collect(),
                warnings: Vec::new(),
                files: None,
            };
        }
    };
    let operations = Some(files.iter().map(|file| file.api.operations().count()).sum());
    let diagnostic = |diagnostic: &purecloud_generator::Diagnostic| Message {
        full: diagnostic.to_string(),
        bare: diagnostic.message.clone(),
    };
    match purecloud_generator::generate_from(&files) {
        Ok(generated) => Finished {
            kind: if generated.warnings.is_empty() {
                Kind::Generated
            } else {
                Kind::Warned
            },
            operations,
            errors: Vec::new(),
            warnings: generated.warnings.iter().map(diagnostic).collect(),
            files: keep_files.then_some(generated.files),
        },
        Err(error) => {
            let (kind, errors) = match &error {
                GenerateError::Load(errors) => {
                    (Kind::LoadError, errors.iter().map(load_message).collect())
                }
                GenerateError::Invalid(diagnostics) => {
                    (Kind::Invalid, diagnostics.iter().map(diagnostic).collect())
                }
                GenerateError::Render(render) => (
                    Kind::RenderFormat,
                    vec![Message {
                        full: render.to_string(),
                        bare: format!("template failed to render: {}", render.source),
                    }],
                ),
                GenerateError::Format(format) => (
                    Kind::RenderFormat,
                    vec![Message {
                        full: format.to_string(),
                        bare: format!("a template rendered invalid Rust: {}", format.message),
                    }],
                ),
            };
            Finished {
                kind,
                operations,
                errors,
                warnings: Vec::new(),
                files: None,
            }
        }
    }
}

/// A load error, and what it says without the file it names.
fn load_message(error: &LoadError) -> Message {
    let bare = match error {
        LoadError::Read { source, .. } => format!("cannot read: {source}"),
        LoadError::NoSpecFiles { .. } => "no spec file in this folder".to_owned(),
        LoadError::Yaml { message, .. } => format!("invalid YAML: {message}"),
        LoadError::NotOpenApi { reason, .. } => {
            format!("not an OpenAPI 3.0 or 3.1 document: {reason}")
        }
    };
    Message {
        full: error.to_string(),
        bare,
    }
}

thread_local! {
    /// Set on the generator threads: their panics are recorded, not printed.
    static GUARDED: Cell<bool> = const { Cell::new(false) };
    /// Where the last recorded panic on this thread happened, ` (at file:line:column)`.
    static LAST_PANIC: Cell<Option<String>> = const { Cell::new(None) };
}

/// Keeps the generator threads' panics off the terminal (they become outcomes, with their
/// location); every other thread's go to the hook that was there before.
fn install_panic_hook() {
    let previous = panic::take_hook();
    panic::set_hook(Box::new(move |info| {
        if GUARDED.get() {
            let location = info
                .location()
                .map(|at| format!(" (at {}:{}:{})", at.file(), at.line(), at.column()));
            LAST_PANIC.set(location);
        } else {
            previous(info);
        }
    }));
}

/// The text a panic was raised with.
fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|text| (*text).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned())
}

/// The scratch workspace of `--check`.
struct Workspace {
    ws: PathBuf,
    target: PathBuf,
    logs: PathBuf,
    /// The project's tables the generated manifests inherit, appended to each one.
    tables: String,
    lock: String,
}

/// How `cargo check` went on one crate.
struct Checked {
    passed: bool,
    time: Duration,
    /// The compiler's errors, one line each, without their locations.
    errors: Vec<String>,
}

impl Workspace {
    /// Writes `target/corpus/ws/` with the runtime in it.
    fn prepare() -> Result<Self, String> {
        let root = crate::target_dir().join("corpus");
        let workspace = Self {
            ws: root.join("ws"),
            target: root.join("target"),
            logs: root.join("logs"),
            tables: String::new(),
            lock: String::new(),
        };
        fs::create_dir_all(&workspace.logs).map_err(|error| io(&workspace.logs, error))?;
        let manifest = fs::read_to_string("Cargo.toml").map_err(|error| io("Cargo.toml", error))?;
        let lock = fs::read_to_string("Cargo.lock").map_err(|error| io("Cargo.lock", error))?;
        let tables = bench_compile::inherited_tables(&manifest);
        // The runtime's own manifest inherits from the workspace it finds above it: this one,
        // of which it is the only member. Each generated crate is a workspace of its own.
        let runtime = bench_compile::read_crate(Path::new(RUNTIME_SOURCE))?;
        sync::update(&workspace.ws.join(RUNTIME_DIR), Ok::<_, String>(runtime))
            .map_err(|error| error.to_string())?;
        let ws_manifest = format!(
            "# The scratch workspace of `cargo xtask corpus --check`; rewritten on every run.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\"{RUNTIME_DIR}\"]\n{tables}"
        );
        fs::write(workspace.ws.join("Cargo.toml"), ws_manifest)
            .map_err(|error| io(&workspace.ws, error))?;
        Ok(Self {
            tables,
            lock,
            ..workspace
        })
    }

    /// Writes one generated crate to `ws/<index>-<name>/`, as a workspace of its own (so that
    /// crates which all call themselves `purecloud-platform-client` can sit side by side), with
    /// the project's lock file, which pins the versions the generated code is tested with.
    fn write_crate(
        &self,
        index: usize,
        spec: &Spec,
        mut files: Vec<OutputFile>,
    ) -> Result<PathBuf, String> {
        let dir = self.ws.join(crate_dir_name(index, &spec.label));
        for file in &mut files {
            if file.path == "Cargo.toml" {
                let _ = write!(
                    file.contents,
                    "\n# Added by `cargo xtask corpus --check`: this crate is a workspace of its own.\n\
                     [workspace]\nresolver = \"3\"\n{}",
                    self.tables
                );
            }
        }
        files.push(OutputFile {
            path: "Cargo.lock".into(),
            contents: self.lock.clone(),
        });
        files.sort_by(|a, b| a.path.cmp(&b.path));
        sync::update(&dir, Ok::<_, String>(files)).map_err(|error| error.to_string())?;
        Ok(dir)
    }

    /// Removes the crates of earlier runs that this one did not write.
    fn remove_stale(&self, records: &[Record]) -> Result<(), String> {
        let current: Vec<&PathBuf> = records
            .iter()
            .filter_map(|r| r.crate_dir.as_ref())
            .collect();
        for entry in fs::read_dir(&self.ws).map_err(|error| io(&self.ws, error))? {
            let path = entry.map_err(|error| io(&self.ws, error))?.path();
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            let generated = name.split_once('-').is_some_and(|(number, _)| {
                !number.is_empty() && number.bytes().all(|byte| byte.is_ascii_digit())
            });
            if path.is_dir() && generated && !current.contains(&&path) {
                fs::remove_dir_all(&path).map_err(|error| io(&path, error))?;
            }
        }
        Ok(())
    }

    /// `cargo check --all-features` of one crate, its output kept in `logs/`.
    fn check(&self, record: &Record) -> Result<Checked, String> {
        let dir = record.crate_dir.as_ref().ok_or("no crate to check")?;
        let name = dir
            .file_name()
            .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
        let log = self.logs.join(format!("{name}.log"));
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        let start = Instant::now();
        let output = Command::new(cargo)
            .args(["check", "--all-features", "--message-format", "short"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", &self.target)
            .stdin(Stdio::null())
            .output()
            .map_err(|error| format!("running cargo: {error}"))?;
        let time = start.elapsed();
        let mut text = String::from_utf8_lossy(&output.stdout).into_owned();
        text.push_str(&String::from_utf8_lossy(&output.stderr));
        fs::write(&log, &text).map_err(|error| io(&log, error))?;
        Ok(Checked {
            passed: output.status.success(),
            time,
            errors: compiler_errors(&text),
        })
    }
}

/// `<index>-<label>` with everything but ASCII letters, digits, `-` and `_` made `_`, short
/// enough for any file system.
fn crate_dir_name(index: usize, label: &str) -> String {
    let stem = label
        .strip_suffix(".json")
        .or_else(|| label.strip_suffix(".yaml"))
        .or_else(|| label.strip_suffix(".yml"))
        .unwrap_or(label);
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    name.truncate(60);
    format!("{index}-{name}")
}

/// The error lines of cargo's `--message-format short` output, each without the location in
/// front (`src/x.rs:1:2: error[E0412]: ...` gives `error[E0412]: ...`); cargo's own closing
/// "could not compile" line is left out.
fn compiler_errors(output: &str) -> Vec<String> {
    output
        .lines()
        .filter_map(|line| {
            let at = line.find("error")?;
            let error = &line[at..];
            let is_error = error.starts_with("error[") || error.starts_with("error:");
            (is_error && !error.starts_with("error: could not compile")).then(|| error.to_owned())
        })
        .collect()
}

/// Collapses the specifics of a message so that messages of one kind fall into one bucket:
/// names in backticks, quoted strings, JSON pointers and numbers; only its first line counts.
fn normalize(message: &str) -> String {
    let line = message.lines().next().unwrap_or("");
    let chars: Vec<char> = line.chars().collect();
    let mut out = String::with_capacity(line.len());
    let mut index = 0;
    let closing = |from: usize, quote: char| {
        chars[from..]
            .iter()
            .position(|&c| c == quote)
            .map(|at| from + at)
    };
    while index < chars.len() {
        let c = chars[index];
        let previous = index.checked_sub(1).map(|at| chars[at]);
        let after_word = previous.is_some_and(char::is_alphanumeric);
        match c {
            '`' | '"' => {
                if let Some(end) = closing(index + 1, c) {
                    out.extend([c, '…', c]);
                    index = end + 1;
                    continue;
                }
            }
            // A single quote opens a quotation only where a word does not go on ("isn't").
            '\'' if !after_word => {
                let end = (index + 1..chars.len()).find(|&at| {
                    chars[at] == '\''
                        && !chars.get(at + 1).is_some_and(|next| next.is_alphanumeric())
                });
                if let Some(end) = end {
                    out.push_str("'…'");
                    index = end + 1;
                    continue;
                }
            }
            '#' if chars.get(index + 1) == Some(&'/') => {
                let mut end = index;
                while end < chars.len() && !chars[end].is_whitespace() {
                    end += 1;
                }
                // Punctuation after the pointer belongs to the sentence.
                while end > index + 2 && matches!(chars[end - 1], ',' | ';' | ':' | ')' | '.') {
                    end -= 1;
                }
                out.push_str("#/…");
                index = end;
                continue;
            }
            _ if c.is_ascii_digit() && !after_word => {
                while index < chars.len()
                    && (chars[index].is_ascii_digit()
                        || (chars[index] == '.'
                            && chars.get(index + 1).is_some_and(char::is_ascii_digit)))
                {
                    index += 1;
                }
                out.push('N');
                continue;
            }
            _ => {}
        }
        out.push(c);
        index += 1;
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Counts of normalized messages: how often each occurs, in how many specs, and the first
/// message that fell into it, as an example of what the collapsed specifics were.
#[derive(Default)]
struct Buckets(BTreeMap<String, Bucket>);

#[derive(Debug, Default, PartialEq, Eq)]
struct Bucket {
    times: usize,
    specs: usize,
    example: String,
}

impl Buckets {
    /// Adds one spec's messages.
    fn add<'a>(&mut self, messages: impl IntoIterator<Item = &'a str>) {
        let mut seen = Vec::new();
        for message in messages {
            let key = normalize(message);
            let bucket = self.0.entry(key.clone()).or_default();
            if bucket.times == 0 {
                bucket.example = message.to_owned();
            }
            bucket.times += 1;
            if !seen.contains(&key) {
                bucket.specs += 1;
                seen.push(key);
            }
        }
    }

    /// The `count` most frequent, most first (ties by the number of specs, then by text).
    fn top(&self, count: usize) -> Vec<(&str, &Bucket)> {
        let mut all: Vec<_> = self
            .0
            .iter()
            .map(|(key, bucket)| (key.as_str(), bucket))
            .collect();
        all.sort_by(|a, b| {
            (b.1.times, b.1.specs)
                .cmp(&(a.1.times, a.1.specs))
                .then(a.0.cmp(b.0))
        });
        all.truncate(count);
        all
    }

    fn write(&self, out: &mut String, title: &str) {
        let _ = writeln!(out, "\n{title} ({} kinds):", self.0.len());
        if self.0.is_empty() {
            out.push_str("  none\n");
        }
        for (message, bucket) in self.top(TOP) {
            let _ = writeln!(
                out,
                "  {:>6} in {:>4} specs  {}",
                bucket.times,
                bucket.specs,
                clip(message, 200)
            );
            if bucket.example != message {
                let _ = writeln!(out, "  {:>22}e.g. {}", "", clip(&bucket.example, 180));
            }
        }
    }
}

/// The totals and the most frequent messages.
fn summarize(records: &[Record], checks: &[(usize, Checked)]) -> String {
    let mut out = String::new();
    let count = |kind: Kind| records.iter().filter(|record| record.kind == kind).count();
    let generated = records
        .iter()
        .filter(|record| record.kind.generated())
        .count();
    let _ = writeln!(
        out,
        "specs: {}; generated: {generated} ({} without warnings, {} with warnings); failed: {}",
        records.len(),
        count(Kind::Generated),
        count(Kind::Warned),
        records.len() - generated,
    );
    let failures: Vec<String> = [
        Kind::LoadError,
        Kind::Invalid,
        Kind::RenderFormat,
        Kind::Panic,
        Kind::Hang,
    ]
    .into_iter()
    .map(|kind| format!("{} {}", kind.name(), count(kind)))
    .collect();
    let _ = writeln!(out, "failed as: {}", failures.join(", "));
    let operations: usize = records
        .iter()
        .filter(|record| record.kind.generated())
        .filter_map(|record| record.operations)
        .sum();
    let all_operations: usize = records.iter().filter_map(|record| record.operations).sum();
    let time: Duration = records.iter().map(|record| record.time).sum();
    let _ = writeln!(
        out,
        "operations: {operations} generated of {all_operations} in the specs that loaded; \
         generation time {} in all",
        seconds(time)
    );
    if !checks.is_empty() {
        let passed = checks.iter().filter(|(_, checked)| checked.passed).count();
        let _ = writeln!(
            out,
            "cargo check --all-features: {} checked, {passed} compiled, {} failed",
            checks.len(),
            checks.len() - passed
        );
    }
    let mut errors = Buckets::default();
    let mut warnings = Buckets::default();
    for record in records {
        errors.add(record.errors.iter().map(|message| message.bare.as_str()));
        warnings.add(record.warnings.iter().map(|message| message.bare.as_str()));
    }
    errors.write(&mut out, "most frequent errors");
    warnings.write(&mut out, "most frequent warnings");
    if !checks.is_empty() {
        let mut compiler = Buckets::default();
        for (_, checked) in checks {
            compiler.add(checked.errors.iter().map(String::as_str));
        }
        compiler.write(&mut out, "most frequent compiler errors");
    }
    out
}

/// Every spec with all its messages, for `target/corpus/report.txt`.
fn full_report(records: &[Record], checks: &[(usize, Checked)]) -> String {
    let mut out = String::new();
    for record in records {
        let _ = writeln!(
            out,
            "{} [{}] {} in {}, {} operations",
            record.spec.path.display(),
            record.short(),
            record.kind.name(),
            seconds(record.time),
            record
                .operations
                .map_or_else(|| "?".to_owned(), |operations| operations.to_string()),
        );
        for message in &record.errors {
            let _ = writeln!(out, "  error: {}", message.full.replace('\n', "\n    "));
        }
        for message in &record.warnings {
            let _ = writeln!(out, "  warning: {}", message.full);
        }
        if let Some((_, checked)) = checks.iter().find(|(index, _)| *index == record.index) {
            let _ = writeln!(
                out,
                "  cargo check: {} ({} errors)",
                if checked.passed { "ok" } else { "failed" },
                checked.errors.len()
            );
            for error in checked.errors.iter().take(20) {
                let _ = writeln!(out, "    {error}");
            }
        }
    }
    out
}

/// At most `width` characters of `text`'s first line.
fn clip(text: &str, width: usize) -> String {
    let line = text.lines().next().unwrap_or("");
    if line.chars().count() <= width {
        line.to_owned()
    } else {
        let mut clipped: String = line.chars().take(width - 1).collect();
        clipped.push('…');
        clipped
    }
}

fn seconds(duration: Duration) -> String {
    format!("{:.2}s", duration.as_secs_f64())
}

fn io(path: impl AsRef<Path>, error: std::io::Error) -> String {
    format!("{}: {error}", path.as_ref().display())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temp_dir::TempDir;

    #[test]
    fn a_seed_always_gives_the_same_sample() {
        let specs: Vec<u32> = (0..100).collect();
        let first = sample(specs.clone(), 10, 1);
        assert_eq!(first, sample(specs.clone(), 10, 1));
        assert_ne!(first, sample(specs.clone(), 10, 2));
        assert_eq!(first.len(), 10);
        assert!(
            first.windows(2).all(|pair| pair[0] < pair[1]),
            "in order, no repeats: {first:?}"
        );
        // Pinned: a sample must not change with the machine or with a rewrite of this code,
        // or figures taken on different days would not compare.
        assert_eq!(first, [3, 34, 46, 55, 56, 74, 77, 81, 88, 97]);
        assert_eq!(sample(specs.clone(), 100, 7), specs);
        assert_eq!(sample(specs.clone(), 500, 7), specs);
        assert!(sample(specs, 0, 7).is_empty());
    }

    #[test]
    fn splitmix64_matches_its_reference_output() {
        // The first outputs for seed 1234567, from the reference implementation
        // (Vigna, prng.di.unimi.it/splitmix64.c).
        let mut rng = SplitMix64::new(1_234_567);
        assert_eq!(rng.0.next_u64(), 6_457_827_717_110_365_317);
        assert_eq!(rng.0.next_u64(), 3_203_168_211_198_807_973);
    }

    #[test]
    fn normalizing_collapses_specifics() {
        assert_eq!(
            normalize("`$ref` `#/components/schemas/Foo` does not resolve"),
            "`…` `…` does not resolve"
        );
        assert_eq!(
            normalize("integer format `uint8` is not supported; use `int32` or `int64`"),
            "integer format `…` is not supported; use `…` or `…`"
        );
        assert_eq!(
            normalize("operation is already defined at #/paths/~1a/get, again"),
            "operation is already defined at #/…, again"
        );
        assert_eq!(
            normalize("invalid YAML: did not find expected key at line 12 column 5"),
            "invalid YAML: did not find expected key at line N column N"
        );
        assert_eq!(
            normalize("value \"x y\" isn't 'quoted' 1.5 times, int32 E0412\nsecond line"),
            "value \"…\" isn't '…' N times, int32 E0412"
        );
        assert_eq!(
            normalize("error[E0412]: cannot find type `Foo` in this scope"),
            "error[E0412]: cannot find type `…` in this scope"
        );
        // An unclosed quote is left as it is.
        assert_eq!(normalize("a ` b"), "a ` b");
    }

    #[test]
    fn buckets_count_messages_and_specs() {
        let mut buckets = Buckets::default();
        buckets.add(["`a` is bad", "`b` is bad", "line 3"]);
        buckets.add(["`c` is bad"]);
        let top: Vec<_> = buckets
            .top(5)
            .into_iter()
            .map(|(key, bucket)| (key, bucket.times, bucket.specs, bucket.example.as_str()))
            .collect();
        assert_eq!(
            top,
            [
                ("`…` is bad", 3, 2, "`a` is bad"),
                ("line N", 1, 1, "line 3")
            ]
        );
    }

    #[test]
    fn discovery_of_files_folders_and_trees() {
        let temp = TempDir::new("corpus");
        let root = temp.path();
        temp.write("tree/a.com/openapi.yaml", "");
        temp.write("tree/a.com/v2/openapi.json", "");
        temp.write("tree/b.json", "");
        temp.write("tree/notes.txt", "");
        temp.write("tree/node_modules/x.json", "");
        temp.write("tree/.hidden/y.json", "");
        temp.write("multi/one.yaml", "");
        temp.write("multi/two.yml", "");

        let paths = |specs: Vec<Spec>| -> Vec<(String, bool)> {
            specs
                .into_iter()
                .map(|spec| (spec.label, spec.merged))
                .collect()
        };
        assert_eq!(
            paths(discover(&root.join("tree"), false).expect("tree")),
            [
                ("a.com/openapi.yaml".to_owned(), false),
                ("a.com/v2/openapi.json".to_owned(), false),
                ("b.json".to_owned(), false),
            ]
        );
        // A folder that holds spec files directly is one spec only with --merge; its
        // subfolders never are.
        assert_eq!(
            paths(discover(&root.join("tree"), true).expect("merged tree")),
            [(root.join("tree").display().to_string(), true)]
        );
        assert_eq!(
            discover(&root.join("multi"), false).expect("multi").len(),
            2
        );
        assert_eq!(discover(&root.join("multi"), true).expect("multi").len(), 1);
        // A folder without spec files directly is searched even with --merge.
        assert_eq!(
            discover(&root.join("tree/a.com/v2"), true)
                .expect("v2")
                .len(),
            1
        );
        assert_eq!(
            paths(discover(&root.join("tree/b.json"), true).expect("file")),
            [("b.json".to_owned(), false)]
        );
        assert!(discover(&root.join("missing"), false).is_err());
    }

    #[test]
    fn a_panic_and_a_hang_are_outcomes() {
        install_panic_hook();
        let (finished, _) = guarded("test-panic".into(), Duration::from_secs(60), || {
            panic!("boom {}", 42)
        });
        assert_eq!(finished.kind, Kind::Panic);
        let message = &finished.errors[0].bare;
        assert!(
            message.starts_with("boom 42 (at xtask/src/corpus.rs:"),
            "{message}"
        );

        let (finished, waited) = guarded("test-hang".into(), Duration::from_millis(50), || {
            std::thread::sleep(Duration::from_secs(30));
            Finished::failed(Kind::Generated, "never seen".into())
        });
        assert_eq!(finished.kind, Kind::Hang);
        assert!(waited < Duration::from_secs(30), "{waited:?}");
        assert!(finished.errors[0].bare.contains("left running"));
    }

    #[test]
    fn positional_arguments_and_options_are_told_apart() {
        let (paths, options) = split_positional(
            &["a", "--sample", "5", "b", "--seed=3", "--check", "c"],
            VALUED,
        );
        assert_eq!(paths, ["a", "b", "c"]);
        assert_eq!(options, ["--sample", "5", "--seed=3", "--check"]);
    }

    #[test]
    fn crate_folders_and_compiler_errors() {
        assert_eq!(
            crate_dir_name(3, "a.com/v2/open api.json"),
            "3-a_com_v2_open_api"
        );
        let output = "    Checking x v0.1.0\n\
                      src/lib.rs:1:5: error[E0412]: cannot find type `Foo` in this scope\n\
                      src/lib.rs:2:1: warning: unused import\n\
                      error: could not compile `x` (lib) due to 1 previous error\n";
        assert_eq!(
            compiler_errors(output),
            ["error[E0412]: cannot find type `Foo` in this scope"]
        );
    }
}
