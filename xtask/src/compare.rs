//! `cargo xtask compare-progenitor`: this generator against cargo-progenitor on the same spec,
//! the two run in turn, round after round, so that both see the same machine.
//!
//! Each round times, as whole processes: cargo-progenitor; this `xtask generate` with no cache
//! (cold); again with the format cache but not the spec texts, which is the work after an edit
//! to `spec/` that leaves most files alone; and again with both caches (nothing changed).
//! cargo-progenitor gets the spec without its `default` responses, on which it panics.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::args::Options;
use crate::format_cache::{FORMAT_CACHE_FILE, SPEC_TEXTS_FILE};
use crate::measure::{Short, Spread, load_average};

/// `cargo xtask compare-progenitor --progenitor PATH [--rounds N]`
pub fn run(args: &[&str]) -> Result<(), String> {
    let args = Options::parse(args, &["--progenitor", "--rounds"], &[])?;
    let progenitor = args
        .value("--progenitor")
        .map(PathBuf::from)
        .ok_or("--progenitor PATH is needed: the cargo-progenitor binary (cargo install cargo-progenitor --version 0.15.0)")?;
    let rounds: usize = args.parsed_or("--rounds", 11)?;
    let scratch = crate::target_dir().join("compare");
    std::fs::create_dir_all(&scratch).map_err(|error| format!("{}: {error}", scratch.display()))?;
    let spec = scratch.join("spec-without-default.yaml");
    write_spec_without_default(&spec)?;
    let ours = std::env::current_exe().map_err(|error| format!("this executable: {error}"))?;
    let progenitor_out = scratch.join("progenitor-out");

    let load_before = load_average();
    let mut timings: [Vec<Duration>; 4] = Default::default();
    for round in 1..=rounds {
        let _ = std::fs::remove_dir_all(&progenitor_out);
        let mut command = Command::new(&progenitor);
        command
            .arg("progenitor")
            .arg("-i")
            .arg(&spec)
            .arg("-o")
            .arg(&progenitor_out);
        command.args(["-n", "orgauth", "-v", "0.1.0"]);
        timings[0].push(time(&mut command)?);
        remove_caches(&[FORMAT_CACHE_FILE, SPEC_TEXTS_FILE]);
        timings[1].push(time(Command::new(&ours).arg("generate"))?);
        remove_caches(&[SPEC_TEXTS_FILE]);
        timings[2].push(time(Command::new(&ours).arg("generate"))?);
        timings[3].push(time(Command::new(&ours).arg("generate"))?);
        eprintln!("round {round}/{rounds} done");
    }

    let labels = [
        "cargo-progenitor",
        "ours, no cache",
        "ours, after an edit",
        "ours, nothing changed",
    ];
    let spreads: Vec<Spread> = timings
        .iter()
        .map(|runs| Spread::of(runs).ok_or("no rounds"))
        .collect::<Result<_, _>>()?;
    println!("{rounds} rounds; load {load_before} → {}", load_average());
    println!(
        "{:<24}{:>12}{:>24}{:>10}",
        "", "median", "(min-max)", "share"
    );
    for (label, spread) in labels.iter().zip(&spreads) {
        let share = spread.median.as_secs_f64() / spreads[0].median.as_secs_f64();
        println!(
            "{label:<24}{:>12}{:>24}{:>9.1}%",
            Short(spread.median),
            format!("({}-{})", Short(spread.min), Short(spread.max)),
            share * 100.0
        );
    }
    Ok(())
}

/// The project's spec (one file) without any operation's `default` response.
fn write_spec_without_default(out: &Path) -> Result<(), String> {
    let files = purecloud_generator::load_dir(Path::new(crate::SPEC_DIR)).map_err(|errors| {
        errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let [file] = files.as_slice() else {
        return Err("cargo-progenitor reads one file; spec/ holds several".to_owned());
    };
    let mut api = file.api.clone();
    for (_, item) in api.paths.paths.iter_mut() {
        if let openapiv3::ReferenceOr::Item(item) = item {
            for operation in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
                &mut item.options,
                &mut item.trace,
            ]
            .into_iter()
            .flatten()
            {
                operation.responses.default = None;
            }
        }
    }
    let text = serde_yaml::to_string(&api).map_err(|error| format!("spec as YAML: {error}"))?;
    std::fs::write(out, text).map_err(|error| format!("{}: {error}", out.display()))
}

/// Removes cache files of `xtask generate`; one that is not there is already removed.
fn remove_caches(files: &[&str]) {
    for file in files {
        let _ = std::fs::remove_file(file);
    }
}

/// Runs `command` to its end, output discarded, and returns its wall time.
fn time(command: &mut Command) -> Result<Duration, String> {
    command.stdout(Stdio::null()).stderr(Stdio::null());
    let started = Instant::now();
    let status = command
        .status()
        .map_err(|error| format!("{command:?}: {error}"))?;
    let elapsed = started.elapsed();
    if !status.success() {
        return Err(format!("{command:?} failed: {status}"));
    }
    Ok(elapsed)
}
