//! Formatted texts remembered by the rendered text they came from, so a run formats only what
//! changed since the last one.
//!
//! Formatting is most of a generation's time, and a maintainer's edit to `spec/` changes few
//! files. The cache is plain data: the caller stores its bytes wherever it likes (xtask keeps
//! them under `target/`) and must throw them away when the generator itself changes.

use std::collections::HashMap;

use crate::OutputFile;
use crate::render::RenderedFile;

/// What each entry of the byte form starts with; anything else is not a cache.
const MAGIC: &[u8] = b"purecloud-format-cache 1\n";

/// Per path, the rendered text of a file and what it formatted to.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct FormatCache {
    entries: HashMap<String, (String, String)>,
}

impl FormatCache {
    /// The formatted text of `file`, if this exact text was formatted before.
    pub fn get(&self, file: &RenderedFile) -> Option<&str> {
        // A file's kind follows from its path, so the path and text make the whole key.
        self.entries
            .get(&file.path)
            .filter(|(rendered, _)| *rendered == file.text)
            .map(|(_, formatted)| formatted.as_str())
    }

    /// Remembers that `file` formats to `formatted`.
    pub fn insert(&mut self, file: &RenderedFile, formatted: String) {
        self.entries
            .insert(file.path.clone(), (file.text.clone(), formatted));
    }

    /// Every file it holds as formatted, in path order: the whole output of the run that
    /// filled it, or `None` when it holds nothing.
    pub fn outputs(&self) -> Option<Vec<OutputFile>> {
        let mut outputs: Vec<OutputFile> = self
            .entries
            .iter()
            .map(|(path, (_, formatted))| OutputFile {
                path: path.clone(),
                contents: formatted.clone(),
            })
            .collect();
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        (!outputs.is_empty()).then_some(outputs)
    }

    /// How many files it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds nothing.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The byte form: each entry as three length-prefixed texts, in path order so that the
    /// same cache gives the same bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut entries: Vec<_> = self.entries.iter().collect();
        entries.sort();
        let mut bytes = MAGIC.to_vec();
        for (path, (rendered, formatted)) in entries {
            for text in [path, rendered, formatted] {
                push_text(&mut bytes, text);
            }
        }
        bytes
    }

    /// Reads the byte form; anything unreadable gives an empty cache, which only costs time.
    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self::parse(bytes).unwrap_or_default()
    }

    fn parse(bytes: &[u8]) -> Option<Self> {
        let mut rest = bytes.strip_prefix(MAGIC)?;
        let mut entries = HashMap::new();
        while let Some(path) = take_text(&mut rest) {
            let rendered = take_text(&mut rest)?;
            let formatted = take_text(&mut rest)?;
            entries.insert(path, (rendered, formatted));
        }
        Some(Self { entries })
    }
}

/// Appends `text` to `bytes` after its length, as the byte forms of caches store texts.
pub fn push_text(bytes: &mut Vec<u8>, text: &str) {
    bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
    bytes.extend_from_slice(text.as_bytes());
}

/// Takes one text written by [`push_text`] off the front of `rest`; `None` when what is
/// there is not one.
pub fn take_text(rest: &mut &[u8]) -> Option<String> {
    let (length, tail) = rest.split_first_chunk::<8>()?;
    let length = usize::try_from(u64::from_le_bytes(*length)).ok()?;
    if tail.len() < length {
        return None;
    }
    let (text, tail) = tail.split_at(length);
    *rest = tail;
    String::from_utf8(text.to_vec()).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::FileKind;

    fn file(path: &str, text: &str) -> RenderedFile {
        RenderedFile {
            path: path.to_owned(),
            kind: FileKind::Rust,
            text: text.to_owned(),
        }
    }

    #[test]
    fn entries_survive_the_byte_form_and_bad_bytes_give_an_empty_cache() {
        let mut cache = FormatCache::default();
        cache.insert(&file("src/b.rs", "fn b(){}"), "fn b() {}\n".to_owned());
        cache.insert(&file("src/a.rs", "fn a(){}"), "fn a() {}\n".to_owned());
        let bytes = cache.to_bytes();
        assert_eq!(FormatCache::from_bytes(&bytes), cache);
        assert_eq!(
            cache.to_bytes(),
            bytes,
            "the same cache gives the same bytes"
        );
        assert_eq!(
            cache.get(&file("src/a.rs", "fn a(){}")),
            Some("fn a() {}\n")
        );
        assert_eq!(cache.get(&file("src/a.rs", "fn a() {}")), None);
        assert_eq!(cache.get(&file("src/c.rs", "fn a(){}")), None);
        let paths: Vec<String> = cache
            .outputs()
            .unwrap()
            .into_iter()
            .map(|f| f.path)
            .collect();
        assert_eq!(paths, ["src/a.rs", "src/b.rs"]);
        assert_eq!(FormatCache::default().outputs(), None);
        for broken in [&b""[..], b"something else", &bytes[..bytes.len() - 3]] {
            assert!(FormatCache::from_bytes(broken).is_empty());
        }
    }
}
