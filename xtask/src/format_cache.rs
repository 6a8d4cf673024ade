//! Keeps the generator's caches under `target/` between runs of `generate` and `check`.
//!
//! Two files: the generator's format cache, so that a run after an edit to `spec/` formats only
//! the files the edit changed; and the spec texts that cache's files were generated from, so
//! that a run on the same texts skips the generator altogether (the output is a function of
//! the spec and of the generator only). The second is removed before the first is rewritten,
//! so the two never describe different runs.
//!
//! Both are only valid for the binary that wrote them (a new generator may generate
//! differently), so each starts with a stamp of this executable: its size and modification
//! time. A missing, stale or broken cache is an empty one; failing to save it costs only time.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use purecloud_generator::cache::{push_text, take_text};
use purecloud_generator::{FormatCache, GenerateError, Generated};

/// The format cache, relative to the project root.
pub(crate) const FORMAT_CACHE_FILE: &str = "target/xtask/format-cache";

/// The spec texts the format cache's files were generated from.
pub(crate) const SPEC_TEXTS_FILE: &str = "target/xtask/spec-texts";

/// Each spec file's path and text, in file-name order.
type SpecTexts = Vec<(PathBuf, String)>;

/// What the spec texts file starts with, after the stamp.
const SPEC_MAGIC: &[u8] = b"purecloud-spec-texts 2\n";

/// Generates from `spec_dir`, reusing and then refreshing the caches.
///
/// The shortcut for unchanged spec texts is kept only after a run without warnings, since it
/// does not keep them: a spec with warnings is generated (from the format cache) every time, so
/// its warnings are printed every time.
pub fn generate(spec_dir: &Path) -> Result<Generated, GenerateError> {
    let texts = purecloud_generator::read_dir(spec_dir).map_err(GenerateError::Load)?;
    let cache = read_stamped(FORMAT_CACHE_FILE).map_or_else(FormatCache::default, |bytes| {
        FormatCache::from_bytes(&bytes)
    });
    let last_texts = read_stamped(SPEC_TEXTS_FILE).and_then(|bytes| split_spec_texts(&bytes));
    if last_texts.as_ref() == Some(&texts)
        && let Some(files) = cache.outputs()
    {
        return Ok(Generated {
            files,
            warnings: Vec::new(),
        });
    }
    let files = purecloud_generator::parse_texts(texts.clone()).map_err(GenerateError::Load)?;
    let (output, next) = purecloud_generator::generate_cached(&files, &cache)?;
    let save_texts = || {
        if output.warnings.is_empty() {
            spec_texts_bytes(&texts).and_then(|bytes| write_stamped(SPEC_TEXTS_FILE, bytes))
        } else {
            remove_if_there(Path::new(SPEC_TEXTS_FILE))
        }
    };
    let saved = match next {
        Some(next) => remove_if_there(Path::new(SPEC_TEXTS_FILE))
            .and_then(|()| write_stamped(FORMAT_CACHE_FILE, next.to_bytes()))
            .and_then(|()| save_texts()),
        None if last_texts.as_ref() != Some(&texts) => save_texts(),
        None => Ok(()),
    };
    if let Err(error) = saved {
        eprintln!("note: the generator's cache was not saved ({error}); the next run takes longer");
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

/// What follows the stamp in `file`, when this executable wrote it.
fn read_stamped(file: &str) -> Option<Vec<u8>> {
    let stamp = stamp()?;
    let mut bytes = fs::read(file).ok()?;
    if !bytes.starts_with(stamp.as_bytes()) {
        return None;
    }
    bytes.drain(..stamp.len());
    Some(bytes)
}

/// Writes the stamp then `bytes` to `file`: aside first, then renamed, so that a run stopped
/// halfway leaves no torn file.
fn write_stamped(file: &str, bytes: Vec<u8>) -> io::Result<()> {
    let stamp = stamp().ok_or_else(|| io::Error::other("this executable has no stamp"))?;
    let path = Path::new(file);
    let partial = path.with_extension("partial");
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let mut contents = stamp.into_bytes();
    contents.extend(bytes);
    fs::write(&partial, contents)?;
    fs::rename(&partial, path)
}

fn remove_if_there(path: &Path) -> io::Result<()> {
    match fs::remove_file(path) {
        Err(error) if error.kind() != io::ErrorKind::NotFound => Err(error),
        _ => Ok(()),
    }
}

/// Reads the spec texts file after its stamp: each path and text, as the format cache stores
/// texts. Anything else, trailing bytes included, is no texts.
fn split_spec_texts(bytes: &[u8]) -> Option<SpecTexts> {
    let mut rest = bytes.strip_prefix(SPEC_MAGIC)?;
    let mut texts = Vec::new();
    while !rest.is_empty() {
        let path = take_text(&mut rest)?;
        let text = take_text(&mut rest)?;
        texts.push((PathBuf::from(path), text));
    }
    Some(texts)
}

/// The spec texts file's bytes after the stamp, read back by [`split_spec_texts`].
fn spec_texts_bytes(texts: &[(PathBuf, String)]) -> io::Result<Vec<u8>> {
    let mut bytes = SPEC_MAGIC.to_vec();
    for (path, text) in texts {
        let path = path
            .to_str()
            .ok_or_else(|| io::Error::other("a spec path is not UTF-8"))?;
        push_text(&mut bytes, path);
        push_text(&mut bytes, text);
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spec_texts_survive_their_byte_form_and_bad_bytes_are_no_texts() {
        let texts = vec![
            (PathBuf::from("spec/a.yaml"), "openapi: 3.0.3\n".to_owned()),
            (PathBuf::from("spec/b.yml"), String::new()),
        ];
        let bytes = spec_texts_bytes(&texts).unwrap();
        assert_eq!(split_spec_texts(&bytes), Some(texts));
        let longer = [&bytes[..], b"rest"].concat();
        for broken in [
            &b""[..],
            b"purecloud-spec-texts 2\n\x05",
            &bytes[..bytes.len() - 10],
            &longer,
        ] {
            assert!(split_spec_texts(broken).is_none());
        }
    }
}
