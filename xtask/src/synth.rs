//! `cargo xtask synth`: writes a synthetic spec of a chosen size, for profiling and benchmarks.

use std::fs;
use std::path::{Path, PathBuf};

use purecloud_synth::Config;

use crate::args::Options;

/// The one file a synthetic spec folder holds.
pub const FILE_NAME: &str = "synthetic.yaml";

/// `cargo xtask synth --operations N --out DIR [--schemas M] [--seed S]`.
pub fn run(args: &[&str]) -> Result<(), String> {
    let options = Options::parse(args, &["--operations", "--out", "--schemas", "--seed"], &[])?;
    let operations: usize = options
        .value("--operations")
        .ok_or("--operations N is required")?
        .parse()
        .map_err(|_| "--operations: not a number")?;
    let out = options.value("--out").ok_or("--out DIR is required")?;
    let defaults = Config::new(operations);
    let config = Config {
        operations,
        schemas: options.parsed_or("--schemas", defaults.schemas)?,
        seed: options.parsed_or("--seed", defaults.seed)?,
    };
    let path = write_spec(&config, Path::new(out))?;
    let bytes = fs::metadata(&path).map_or(0, |metadata| metadata.len());
    println!(
        "{}: {operations} operations, {} schemas or more, {bytes} bytes",
        path.display(),
        config.schemas
    );
    Ok(())
}

/// Writes the spec for `config` as `dir/synthetic.yaml`, creating `dir`, and returns the path.
/// Other YAML files in `dir` would be loaded with it, so their presence is an error.
pub fn write_spec(config: &Config, dir: &Path) -> Result<PathBuf, String> {
    fs::create_dir_all(dir).map_err(|error| format!("{}: {error}", dir.display()))?;
    let strays: Vec<String> = fs::read_dir(dir)
        .map_err(|error| format!("{}: {error}", dir.display()))?
        .filter_map(Result::ok)
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .filter(|name| name != FILE_NAME && (name.ends_with(".yaml") || name.ends_with(".yml")))
        .collect();
    if !strays.is_empty() {
        return Err(format!(
            "{}: holds other spec files ({}), which the generator would merge in",
            dir.display(),
            strays.join(", ")
        ));
    }
    let path = dir.join(FILE_NAME);
    let text = purecloud_synth::spec_text(config);
    // Rewriting the same bytes would still bump the mtime; skip it so builds stay warm.
    if fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
        fs::write(&path, text).map_err(|error| format!("{}: {error}", path.display()))?;
    }
    Ok(path)
}

/// The folder under `target/` where the measuring tasks keep the spec of `operations`.
pub fn scratch_dir(operations: usize) -> PathBuf {
    crate::target_dir()
        .join("synth")
        .join(format!("ops-{operations}"))
}
