//! `cargo xtask profile`: times each stage of the generator on one spec, several runs, and
//! prints the median and spread of each, the peak memory, and where formatting spends.
//!
//! The stages are the generator's own stage functions, the ones `generate_from` runs, called
//! one by one in its order (formatting file by file, on one thread, to see where it spends),
//! plus the two ways `xtask` finishes: comparing with an up-to-date folder (what `check` does)
//! and writing into an empty one (a first `generate`).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use purecloud_generator::{
    OutputFile, analyze, format, generate_from, layout, load_dir, lower_files, render,
    validate_files,
};
use purecloud_synth::Config;

use crate::args::Options;
use crate::measure::{self, Short, Spread};
use crate::sync;

const STAGES: [&str; 9] = [
    "load", "validate", "lower", "analyze", "layout", "render", "format", "compare", "write",
];
/// The index in [`STAGES`] of `compare`, and `write` after it: `xtask`'s own stages.
const COMPARE: usize = 7;
const WRITE: usize = 8;

/// `cargo xtask profile [--spec DIR | --operations N] [--runs N]`.
pub fn run(args: &[&str]) -> Result<(), String> {
    let options = Options::parse(args, &["--spec", "--operations", "--runs"], &[])?;
    let runs: usize = options.parsed_or("--runs", 5)?;
    if runs == 0 {
        return Err("--runs must be at least 1".into());
    }
    let (spec_dir, label) = match options.value("--operations") {
        Some(_) => {
            let operations: usize = options.parsed_or("--operations", 0)?;
            let dir = crate::synth::scratch_dir(operations);
            crate::synth::write_spec(&Config::new(operations), &dir)?;
            (dir, format!("synthetic-{operations}"))
        }
        None => {
            let dir = PathBuf::from(options.value("--spec").unwrap_or(crate::SPEC_DIR));
            let label = dir.file_name().map_or_else(
                || "spec".to_owned(),
                |name| name.to_string_lossy().into_owned(),
            );
            (dir, label)
        }
    };
    let work = crate::target_dir().join("profile").join(&label);
    profile(&spec_dir, &work, runs)
}

/// One run's stage timings, in [`STAGES`] order.
struct Run {
    times: [Duration; STAGES.len()],
    /// Time to format each output file.
    format_times: Vec<(String, Duration)>,
    /// `generate_from` in one call, validate to format, as `xtask` runs it.
    generate_from: Duration,
}

/// What the spec and its output hold, to put the timings in proportion.
#[derive(Default)]
struct Sizes {
    spec_files: usize,
    spec_bytes: usize,
    operations: usize,
    schemas: usize,
    output_files: usize,
    rendered_bytes: usize,
    output_bytes: usize,
    output_lines: usize,
}

fn profile(spec_dir: &Path, work: &Path, runs: usize) -> Result<(), String> {
    let up_to_date = work.join("up-to-date");
    let scratch = work.join("written");
    let load_before = measure::load_average();

    // An untimed warm-up run, in a process that has not allocated yet: the only run whose
    // per-stage memory peaks mean something, as the allocator keeps freed memory for reuse.
    // It also fills the folder that `compare` reads.
    let mut peaks = [None; STAGES.len()];
    let mut sizes = Sizes::default();
    let output = generate_by_stage(spec_dir, &mut sizes, &mut |index, stage| {
        let reset = measure::reset_peak();
        stage()?;
        peaks[index] = reset.then(|| measure::status_bytes("VmHWM")).flatten();
        Ok(())
    })?;
    let output = output.into_iter().map(|(file, _)| file).collect();
    let reset = measure::reset_peak();
    sync::update(&up_to_date, Ok::<_, String>(output)).map_err(|error| error.to_string())?;
    peaks[COMPARE] = reset.then(|| measure::status_bytes("VmHWM")).flatten();
    peaks[WRITE] = peaks[COMPARE];

    let mut all = Vec::with_capacity(runs);
    for _ in 0..runs {
        all.push(timed_run(spec_dir, &up_to_date, &scratch, &mut sizes)?);
    }
    let end_peak = measure::status_bytes("VmHWM");
    let load_after = measure::load_average();

    println!("spec: {}", spec_dir.display());
    println!(
        "  {} file(s), {} bytes; {} operations, {} schemas",
        sizes.spec_files, sizes.spec_bytes, sizes.operations, sizes.schemas
    );
    println!(
        "  output: {} files, {} bytes rendered, {} bytes formatted, {} lines",
        sizes.output_files, sizes.rendered_bytes, sizes.output_bytes, sizes.output_lines
    );
    println!(
        "runs: {runs} after a warm-up; cpus: {}; load average before {load_before}, after \
         {load_after}",
        measure::cpus()
    );
    println!();
    print_table(&all, &peaks);
    println!();
    print_format_breakdown(&all);

    // The readings reset the peak, so the whole run's is the largest of them all.
    let peak = peaks.iter().flatten().copied().max().max(end_peak);
    println!();
    match peak {
        Some(bytes) => println!("peak memory (VmHWM): {}", measure::mib(bytes)),
        None => println!("peak memory: unknown (no /proc/self/status)"),
    }
    Ok(())
}

/// One stage of the generator, as a closure that does it.
type Stage<'a> = dyn FnMut() -> Result<(), String> + 'a;

/// Runs a stage given its index in [`STAGES`], measuring what it will around it.
type StageRunner<'a> = dyn FnMut(usize, &mut Stage<'_>) -> Result<(), String> + 'a;

/// Runs the generator's stages one by one, each through `stage_runner(index, stage)`, and
/// returns the formatted files; fills `sizes`.
fn generate_by_stage(
    spec_dir: &Path,
    sizes: &mut Sizes,
    stage_runner: &mut StageRunner<'_>,
) -> Result<Vec<(OutputFile, Duration)>, String> {
    let mut files = Vec::new();
    stage_runner(0, &mut || {
        files = load_dir(spec_dir).map_err(|errors| join(&errors))?;
        Ok(())
    })?;
    // Warnings never stop generation; only errors end the profile.
    stage_runner(1, &mut || {
        validate_files(&files).map_err(|error| error.to_string())?;
        Ok(())
    })?;
    let mut lowered = None;
    stage_runner(2, &mut || {
        lowered = Some(lower_files(&files).map_err(|error| error.to_string())?.0);
        Ok(())
    })?;
    let mut api = lowered.ok_or("lowering produced nothing")?;
    let mut types = None;
    stage_runner(3, &mut || {
        types = Some(analyze::analyze(&mut api));
        Ok(())
    })?;
    let types = types.ok_or("analysis produced nothing")?;
    let mut plan = None;
    stage_runner(4, &mut || {
        plan = Some(layout::layout(&api, &types));
        Ok(())
    })?;
    let plan = plan.ok_or("layout produced nothing")?;
    let mut rendered = Vec::new();
    stage_runner(5, &mut || {
        rendered = render::render(&api, &plan).map_err(|error| error.to_string())?;
        Ok(())
    })?;
    let mut output = Vec::with_capacity(rendered.len());
    stage_runner(6, &mut || {
        for file in &rendered {
            let start = Instant::now();
            let contents = format::format_file(file).map_err(|error| error.to_string())?;
            let file = OutputFile {
                path: file.path.clone(),
                contents,
            };
            output.push((file, start.elapsed()));
        }
        Ok(())
    })?;
    *sizes = Sizes {
        spec_files: files.len(),
        spec_bytes: files.iter().map(|file| file.source.len()).sum(),
        operations: files.iter().map(|file| file.api.operations().count()).sum(),
        schemas: files
            .iter()
            .filter_map(|file| file.api.components.as_ref())
            .map(|components| components.schemas.len())
            .sum(),
        output_files: output.len(),
        rendered_bytes: rendered.iter().map(|file| file.text.len()).sum(),
        output_bytes: output.iter().map(|(file, _)| file.contents.len()).sum(),
        output_lines: output
            .iter()
            .map(|(file, _)| file.contents.lines().count())
            .sum(),
    };
    Ok(output)
}

/// One timed run: the generator's stages, then comparing with the up-to-date folder and
/// writing into an empty one.
fn timed_run(
    spec_dir: &Path,
    up_to_date: &Path,
    scratch: &Path,
    sizes: &mut Sizes,
) -> Result<Run, String> {
    let mut times = [Duration::ZERO; STAGES.len()];
    let mut time = |index: usize, stage: &mut Stage<'_>| {
        let start = Instant::now();
        stage()?;
        times[index] = start.elapsed();
        Ok(())
    };
    let formatted = generate_by_stage(spec_dir, sizes, &mut time)?;
    let mut format_times = Vec::with_capacity(formatted.len());
    let mut output = Vec::with_capacity(formatted.len());
    for (file, elapsed) in formatted {
        format_times.push((file.path.clone(), elapsed));
        output.push(file);
    }
    time(COMPARE, &mut || {
        let plan = sync::plan(up_to_date, &output).map_err(|error| error.to_string())?;
        if plan.is_fresh() {
            Ok(())
        } else {
            Err(format!(
                "{}: not what the spec generates",
                up_to_date.display()
            ))
        }
    })?;
    // Removing the last run's files is not part of writing.
    if scratch.exists() {
        fs::remove_dir_all(scratch).map_err(|error| format!("{}: {error}", scratch.display()))?;
    }
    time(WRITE, &mut || {
        let plan = sync::plan(scratch, &output).map_err(|error| error.to_string())?;
        sync::apply(scratch, &plan).map_err(|error| error.to_string())?;
        Ok(())
    })?;
    // The stages in one call: what `xtask` really runs, and the check that calling them one
    // by one measures the same thing, whatever the generator does inside.
    let files = load_dir(spec_dir).map_err(|errors| join(&errors))?;
    let start = Instant::now();
    let generated = generate_from(&files).map_err(|error| error.to_string())?;
    let generate_from = start.elapsed();
    if generated.files != output {
        return Err("generate_from and the stages one by one disagree".into());
    }
    Ok(Run {
        times,
        format_times,
        generate_from,
    })
}

fn print_table(all: &[Run], peaks: &[Option<u64>; STAGES.len()]) {
    let totals: Vec<Duration> = all.iter().map(|run| run.times.iter().sum()).collect();
    let total = Spread::of(&totals).map_or(Duration::ZERO, |spread| spread.median);
    println!(
        "{:<10} {:>10} {:>10} {:>10} {:>7} {:>12}",
        "stage", "median", "min", "max", "share", "peak RSS*"
    );
    for (index, stage) in STAGES.iter().enumerate() {
        let times: Vec<Duration> = all.iter().map(|run| run.times[index]).collect();
        let Some(spread) = Spread::of(&times) else {
            continue;
        };
        let share = 100.0 * spread.median.as_secs_f64() / total.as_secs_f64().max(f64::EPSILON);
        let peak = peaks[index].map_or_else(|| "n/a".to_owned(), measure::mib);
        println!(
            "{stage:<10} {:>10} {:>10} {:>10} {share:>6.1}% {peak:>12}",
            Short(spread.median),
            Short(spread.min),
            Short(spread.max)
        );
    }
    if let Some(spread) = Spread::of(&totals) {
        println!(
            "{:<10} {:>10} {:>10} {:>10}",
            "total",
            Short(spread.median),
            Short(spread.min),
            Short(spread.max)
        );
    }
    let whole: Vec<Duration> = all.iter().map(|run| run.generate_from).collect();
    if let Some(spread) = Spread::of(&whole) {
        println!(
            "{:<10} {:>10} {:>10} {:>10}  (generate_from: validate to format in one call)",
            "pipeline",
            Short(spread.median),
            Short(spread.min),
            Short(spread.max)
        );
    }
    println!(
        "* the process's peak resident size during the stage, in the warm-up run; compare and \
         write share one reading (`sync::update`)"
    );
}

/// Formatting time by kind of file (models, API groups, the rest) and the slowest files,
/// each file's time being its fastest over the runs, the least disturbed by other load.
fn print_format_breakdown(all: &[Run]) {
    let mut fastest: BTreeMap<&str, Duration> = BTreeMap::new();
    for (path, time) in all.iter().flat_map(|run| &run.format_times) {
        let entry = fastest.entry(path.as_str()).or_insert(*time);
        *entry = (*entry).min(*time);
    }
    let mut kinds: BTreeMap<&str, (usize, Duration)> = BTreeMap::new();
    for (path, time) in &fastest {
        // A large spec's models lie in crates of their own, `models-<n>/src/models/`.
        let kind = if path.contains("src/models/") {
            "models"
        } else if path.starts_with("src/apis/") {
            "src/apis/*"
        } else {
            "other files"
        };
        let entry = kinds.entry(kind).or_default();
        entry.0 += 1;
        entry.1 += *time;
    }
    println!("format, by kind of file (fastest run of each file, summed):");
    for (kind, (count, time)) in &kinds {
        println!("  {kind:<14} {count:>6} files {:>10}", Short(*time));
    }
    let mut slowest: Vec<(&str, Duration)> = fastest.into_iter().collect();
    slowest.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    println!("format, slowest files:");
    for (path, time) in slowest.iter().take(5) {
        println!("  {:>10}  {path}", Short(*time));
    }
}

/// The messages of several errors, one per line.
fn join(errors: &[impl std::fmt::Display]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}
