//! Keeps the generator's format cache under `target/` between runs of `generate` and `check`.
//!
//! The cache is only valid for the binary that wrote it (a new generator may format
//! differently), so it starts with a stamp of this executable: its size and modification time.
//! A missing, stale or broken cache is an empty one; failing to save it costs only time.

use std::fs;
use std::path::Path;

use purecloud_generator::{FormatCache, GenerateError, OutputFile};

/// Where the cache lives, relative to the project root.
const CACHE_FILE: &str = "target/xtask/format-cache";

/// Generates from `spec_dir`, reusing and then refreshing the format cache.
pub fn generate(spec_dir: &Path) -> Result<Vec<OutputFile>, GenerateError> {
    let files = purecloud_generator::load_dir(spec_dir).map_err(GenerateError::Load)?;
    let cache = load();
    let (output, next) = purecloud_generator::generate_cached(&files, &cache)?;
    if let Some(next) = next {
        save(&next);
    }
    Ok(output)
}

/// This executable's size and modification time, as one line.
fn stamp() -> Option<String> {
    let metadata = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = metadata
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!("{} {}\n", metadata.len(), modified.as_nanos()))
}

fn load() -> FormatCache {
    let (Some(stamp), Ok(bytes)) = (stamp(), fs::read(CACHE_FILE)) else {
        return FormatCache::default();
    };
    match bytes.strip_prefix(stamp.as_bytes()) {
        Some(rest) => FormatCache::from_bytes(rest),
        None => FormatCache::default(),
    }
}

fn save(cache: &FormatCache) {
    let Some(stamp) = stamp() else {
        return;
    };
    let mut bytes = stamp.into_bytes();
    bytes.extend(cache.to_bytes());
    let path = Path::new(CACHE_FILE);
    let partial = path.with_extension("partial");
    // Written aside then renamed, so a run stopped halfway leaves no torn cache.
    let saved = path
        .parent()
        .map_or(Ok(()), fs::create_dir_all)
        .and_then(|()| fs::write(&partial, bytes))
        .and_then(|()| fs::rename(&partial, path));
    if let Err(error) = saved {
        eprintln!(
            "note: the format cache was not saved ({error}); the next run formats everything"
        );
    }
}
