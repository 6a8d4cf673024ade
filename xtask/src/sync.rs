//! Syncing `generated/` with the generator's output, and telling how far apart they are.
//!
//! Everything here works on an explicit `generated_dir` and a list of [`OutputFile`]s, so the
//! tests can run it on temporary folders. The flow is [`plan`] (read only) then [`apply`]
//! (writes) or [`check_report`] (pure); [`update`] and [`check`] chain them for `main`.

use std::collections::BTreeSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use purecloud_generator::OutputFile;
use similar::TextDiff;

/// The folder inside `generated/` that cargo may fill when the crate is built on its own; it is
/// never the generator's, so it is neither compared nor removed.
const IGNORED_DIR: &str = "target";

/// What it takes to make `generated/` match the generator's output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// How many files the generator produced.
    pub total: usize,
    /// Files to create or overwrite, in the generator's order.
    pub write: Vec<Write>,
    /// Files on disk the generator no longer produces, relative to `generated/`, sorted.
    pub remove: Vec<String>,
}

/// One file to write: missing on disk (`old` is `None`) or stale (`old` holds what is there).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Write {
    /// Path relative to `generated/`, with `/` separators.
    pub path: String,
    /// The text the generator produced.
    pub contents: String,
    /// The text on disk, if the file exists (invalid UTF-8 replaced, as it is only shown).
    pub old: Option<String>,
}

impl Plan {
    /// Whether `generated/` already matches: nothing to write, nothing to remove.
    pub fn is_fresh(&self) -> bool {
        self.write.is_empty() && self.remove.is_empty()
    }

    /// Files that exist but differ, with their contents on disk.
    pub fn stale(&self) -> impl Iterator<Item = (&Write, &str)> {
        self.write
            .iter()
            .filter_map(|write| write.old.as_deref().map(|old| (write, old)))
    }

    /// Files the generator produces that are not on disk.
    pub fn missing(&self) -> impl Iterator<Item = &Write> {
        self.write.iter().filter(|write| write.old.is_none())
    }
}

/// What [`apply`] did, printed by `cargo xtask generate`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    /// How many files the generator produced.
    pub files: usize,
    /// How many of them were created or overwritten.
    pub written: usize,
    /// How many files no longer produced were removed.
    pub removed: usize,
}

impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "generated/: {} files, {} written, {} removed",
            self.files, self.written, self.removed
        )
    }
}

/// Why [`update`] or [`check`] failed: the generator's error, or an I/O error on `generated/`.
#[derive(Debug)]
pub enum Failure<E> {
    /// The generator failed; `generated/` was not touched.
    Generate(E),
    /// Reading or writing `generated/` failed; the message names the path.
    Io(io::Error),
}

impl<E: fmt::Display> fmt::Display for Failure<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Generate(error) => error.fmt(f),
            Failure::Io(error) => error.fmt(f),
        }
    }
}

/// `cargo xtask generate` once the generator has run: on success, syncs `generated_dir`.
///
/// Taking the generator's finished result (rather than calling it) is what guarantees that a
/// failed generation never reaches the disk: an `Err` returns before anything is read or written.
pub fn update<E>(
    generated_dir: &Path,
    generated: Result<Vec<OutputFile>, E>,
) -> Result<Summary, Failure<E>> {
    let files = generated.map_err(Failure::Generate)?;
    let plan = plan(generated_dir, &files).map_err(Failure::Io)?;
    apply(generated_dir, &plan).map_err(Failure::Io)
}

/// `cargo xtask check` once the generator has run: the report if `generated_dir` is stale.
pub fn check<E>(
    generated_dir: &Path,
    generated: Result<Vec<OutputFile>, E>,
) -> Result<Option<String>, Failure<E>> {
    let files = generated.map_err(Failure::Generate)?;
    let plan = plan(generated_dir, &files).map_err(Failure::Io)?;
    Ok(check_report(&plan))
}

/// The files of `files` whose text differs from the file of the same path under
/// `generated_dir`, or that it does not have.
fn changed_files(generated_dir: &Path, files: &[OutputFile]) -> io::Result<Vec<Write>> {
    let mut write = Vec::new();
    for file in files {
        let path = generated_dir.join(&file.path);
        let old = match fs::read(&path) {
            Ok(bytes) if bytes == file.contents.as_bytes() => continue,
            Ok(bytes) => Some(String::from_utf8_lossy(&bytes).into_owned()),
            // A file where a folder is expected shows up here; it is removed as extra.
            Err(error)
                if matches!(
                    error.kind(),
                    io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                ) =>
            {
                None
            }
            Err(error) => return Err(with_path(error, &path)),
        };
        write.push(Write {
            path: file.path.clone(),
            contents: file.contents.clone(),
            old,
        });
    }
    Ok(write)
}

/// Compares `files` with `generated_dir` (which may not exist yet), reading but never writing.
///
/// Refuses, as `InvalidInput`, output paths that could escape `generated_dir` or clash with
/// each other: those are generator bugs, better caught before anything is written.
pub fn plan(generated_dir: &Path, files: &[OutputFile]) -> io::Result<Plan> {
    let produced = validate(files)?;
    // Reading back tens of megabytes is most of a run that changes nothing: the files are
    // compared on every core, in runs whose results join in order, beside the folder's listing.
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let run = files.len().div_ceil(cores).max(1);
    let (on_disk, compared) = std::thread::scope(|scope| {
        let comparing: Vec<_> = files
            .chunks(run)
            .map(|run| scope.spawn(move || changed_files(generated_dir, run)))
            .collect();
        let on_disk = list_files(generated_dir);
        let compared: Vec<io::Result<Vec<Write>>> = comparing
            .into_iter()
            .map(|comparing| {
                comparing
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect();
        (on_disk, compared)
    });
    let on_disk = on_disk?;
    let mut write = Vec::new();
    for changed in compared {
        write.extend(changed?);
    }

    let remove = on_disk
        .into_iter()
        .filter(|path| !produced.contains(path.as_str()))
        .collect();
    Ok(Plan {
        total: files.len(),
        write,
        remove,
    })
}

/// Carries out `plan` in `generated_dir`: removes extra files (and the folders they leave
/// empty), then writes the missing and stale ones, creating folders as needed.
pub fn apply(generated_dir: &Path, plan: &Plan) -> io::Result<Summary> {
    // Removing first lets a produced `a/b` replace an extra file `a`.
    for relative in &plan.remove {
        let path = generated_dir.join(relative);
        fs::remove_file(&path).map_err(|error| with_path(error, &path))?;
        remove_empty_parents(generated_dir, relative)?;
    }
    for write in &plan.write {
        let path = generated_dir.join(&write.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|error| with_path(error, parent))?;
        }
        fs::write(&path, &write.contents).map_err(|error| with_path(error, &path))?;
    }
    Ok(Summary {
        files: plan.total,
        written: plan.write.len(),
        removed: plan.remove.len(),
    })
}

/// The report `cargo xtask check` prints when `generated/` is stale, or `None` when it is not:
/// a unified diff per stale file, then the missing and extra files, then what to run.
pub fn check_report(plan: &Plan) -> Option<String> {
    if plan.is_fresh() {
        return None;
    }
    let mut report = String::new();
    for (write, old) in plan.stale() {
        let diff = TextDiff::from_lines(old, write.contents.as_str());
        let text = diff
            .unified_diff()
            .header(
                &format!("a/generated/{}", write.path),
                &format!("b/generated/{}", write.path),
            )
            .to_string();
        report.push_str(&text);
        if !text.ends_with('\n') {
            report.push('\n');
        }
    }
    for write in plan.missing() {
        report.push_str(&format!("missing: generated/{}\n", write.path));
    }
    for path in &plan.remove {
        report.push_str(&format!("extra: generated/{path}\n"));
    }
    report.push_str("generated/ is stale: run `cargo xtask generate`\n");
    Some(report)
}

/// Checks that every output path is a plain relative path inside `generated/`, outside the
/// ignored folder, given once, and not also a folder of another output; returns the set of them.
fn validate(files: &[OutputFile]) -> io::Result<BTreeSet<&str>> {
    let invalid = |path: &str, why: &str| {
        io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("generator output path {path:?}: {why}"),
        )
    };
    let mut produced = BTreeSet::new();
    for file in files {
        let path = file.path.as_str();
        let plain =
            !path.contains('\\') && path.split('/').all(|part| !matches!(part, "" | "." | ".."));
        if !plain {
            return Err(invalid(path, "not a relative path of `/`-separated names"));
        }
        if path.split('/').next() == Some(IGNORED_DIR) {
            return Err(invalid(path, "inside the ignored `target/` folder"));
        }
        if !produced.insert(path) {
            return Err(invalid(path, "produced twice"));
        }
    }
    for path in &produced {
        let mut prefix = *path;
        while let Some((parent, _)) = prefix.rsplit_once('/') {
            if produced.contains(parent) {
                return Err(invalid(
                    path,
                    &format!("{parent:?} is also produced as a file"),
                ));
            }
            prefix = parent;
        }
    }
    Ok(produced)
}

/// Every non-folder entry under `generated_dir` (relative, `/`-separated, sorted), skipping the
/// top-level `target/`; empty if `generated_dir` does not exist yet.
pub fn list_files(generated_dir: &Path) -> io::Result<BTreeSet<String>> {
    let mut found = BTreeSet::new();
    if !generated_dir.exists() {
        return Ok(found);
    }
    let mut pending = vec![(generated_dir.to_owned(), String::new())];
    while let Some((dir, prefix)) = pending.pop() {
        for entry in fs::read_dir(&dir).map_err(|error| with_path(error, &dir))? {
            let entry = entry.map_err(|error| with_path(error, &dir))?;
            let name = entry.file_name();
            let Some(name) = name.to_str() else {
                return Err(with_path(
                    io::Error::new(io::ErrorKind::InvalidData, "file name is not UTF-8"),
                    &entry.path(),
                ));
            };
            let relative = format!("{prefix}{name}");
            // `file_type` does not follow symlinks, so a linked folder counts as one entry.
            let file_type = entry
                .file_type()
                .map_err(|error| with_path(error, &entry.path()))?;
            if file_type.is_dir() {
                if relative != IGNORED_DIR {
                    pending.push((entry.path(), format!("{relative}/")));
                }
            } else {
                found.insert(relative);
            }
        }
    }
    Ok(found)
}

/// Removes the folders between `relative` (just removed) and `generated_dir` that are now empty.
fn remove_empty_parents(generated_dir: &Path, relative: &str) -> io::Result<()> {
    let mut current = relative;
    while let Some((parent, _)) = current.rsplit_once('/') {
        let dir: PathBuf = generated_dir.join(parent);
        let mut entries = fs::read_dir(&dir).map_err(|error| with_path(error, &dir))?;
        if entries.next().is_some() {
            break;
        }
        fs::remove_dir(&dir).map_err(|error| with_path(error, &dir))?;
        current = parent;
    }
    Ok(())
}

/// Puts the path in the message: a bare "permission denied" does not say which file.
fn with_path(error: io::Error, path: &Path) -> io::Error {
    io::Error::new(error.kind(), format!("{}: {error}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::temp_dir::TempDir;
    use std::collections::BTreeMap;
    use std::time::SystemTime;

    /// The `generated/` folder inside a test's own temp dir, not yet created.
    fn generated_in(temp: &TempDir) -> PathBuf {
        temp.path().join("generated")
    }

    fn file(path: &str, contents: &str) -> OutputFile {
        OutputFile {
            path: path.to_owned(),
            contents: contents.to_owned(),
        }
    }

    fn crate_files() -> Vec<OutputFile> {
        vec![
            file("Cargo.toml", "[package]\nname = \"client\"\n"),
            file("src/lib.rs", "//! Client.\n\npub mod models;\n"),
            file("src/models/mod.rs", "//! Models.\n\npub struct Trust;\n"),
        ]
    }

    /// Generates `files` into `dir` as `cargo xtask generate` would.
    fn generate(dir: &Path, files: &[OutputFile]) -> Summary {
        update(dir, Ok::<_, String>(files.to_vec())).expect("generating")
    }

    /// Every file under `dir` with its contents and modification time.
    fn snapshot(dir: &Path) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
        list_files(dir)
            .expect("listing")
            .into_iter()
            .map(|relative| {
                let path = dir.join(&relative);
                let contents = fs::read(&path).expect("reading");
                let modified = fs::metadata(&path)
                    .and_then(|metadata| metadata.modified())
                    .expect("mtime");
                (relative, (contents, modified))
            })
            .collect()
    }

    fn report(dir: &Path, files: &[OutputFile]) -> Option<String> {
        check_report(&plan(dir, files).expect("planning"))
    }

    #[test]
    fn first_generation_creates_every_file() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        let summary = generate(&dir, &crate_files());
        assert_eq!(
            summary,
            Summary {
                files: 3,
                written: 3,
                removed: 0
            }
        );
        assert_eq!(
            summary.to_string(),
            "generated/: 3 files, 3 written, 0 removed"
        );
        for expected in crate_files() {
            let on_disk = fs::read_to_string(dir.join(&expected.path)).expect("reading");
            assert_eq!(on_disk, expected.contents);
        }
        assert_eq!(report(&dir, &crate_files()), None);
    }

    #[test]
    fn unchanged_files_are_not_rewritten() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        let before = snapshot(&dir);

        let plan = plan(&dir, &crate_files()).expect("planning");
        assert!(plan.is_fresh(), "{plan:?}");
        assert_eq!(apply(&dir, &plan).expect("applying").written, 0);
        assert_eq!(snapshot(&dir), before);
    }

    #[test]
    fn changed_file_is_rewritten_and_only_it() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        let before = snapshot(&dir);

        let mut files = crate_files();
        files[1].contents.push_str("pub mod api;\n");
        let plan = plan(&dir, &files).expect("planning");
        assert_eq!(plan.write.len(), 1);
        assert_eq!(plan.write[0].path, "src/lib.rs");
        assert_eq!(
            plan.write[0].old.as_deref(),
            Some(crate_files()[1].contents.as_str())
        );
        let summary = apply(&dir, &plan).expect("applying");
        assert_eq!((summary.written, summary.removed), (1, 0));

        let after = snapshot(&dir);
        assert_eq!(after["src/lib.rs"].0, files[1].contents.as_bytes());
        assert_eq!(after["Cargo.toml"], before["Cargo.toml"]);
        assert_eq!(after["src/models/mod.rs"], before["src/models/mod.rs"]);
    }

    #[test]
    fn file_no_longer_produced_is_removed_with_its_empty_folder() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());

        let files = &crate_files()[..2];
        let summary = generate(&dir, files);
        assert_eq!((summary.files, summary.written, summary.removed), (2, 0, 1));
        assert!(!dir.join("src/models").exists());
        assert!(dir.join("src/lib.rs").is_file());

        // Even with nothing produced, generated/ itself stays.
        generate(&dir, &[]);
        assert!(dir.is_dir());
        assert_eq!(fs::read_dir(&dir).expect("listing").count(), 0);
    }

    #[test]
    fn target_folder_is_neither_compared_nor_removed() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        let built = dir.join("target/debug/libclient.rlib");
        fs::create_dir_all(built.parent().expect("parent")).expect("creating");
        fs::write(&built, "binary").expect("writing");

        assert_eq!(report(&dir, &crate_files()), None);
        generate(&dir, &crate_files());
        assert!(built.is_file());
    }

    #[test]
    fn produced_file_replaces_extra_file_in_its_way() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        fs::create_dir_all(&dir).expect("creating");
        fs::write(dir.join("src"), "a file where a folder belongs").expect("writing");

        let summary = generate(&dir, &crate_files());
        assert_eq!((summary.written, summary.removed), (3, 1));
        assert_eq!(report(&dir, &crate_files()), None);
    }

    #[test]
    fn check_reports_hand_edited_file_with_a_diff() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        fs::write(
            dir.join("src/lib.rs"),
            "//! Client.\n\npub mod models;\npub fn hand_edited() {}\n",
        )
        .expect("editing");

        let report = report(&dir, &crate_files()).expect("stale");
        assert!(report.contains("--- a/generated/src/lib.rs\n"), "{report}");
        assert!(report.contains("+++ b/generated/src/lib.rs\n"), "{report}");
        assert!(report.contains("\n-pub fn hand_edited() {}\n"), "{report}");
        assert!(!report.contains("Cargo.toml"), "{report}");
        assert!(
            report.ends_with("generated/ is stale: run `cargo xtask generate`\n"),
            "{report}"
        );
    }

    #[test]
    fn check_reports_missing_and_extra_files() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        fs::remove_file(dir.join("src/models/mod.rs")).expect("removing");
        fs::write(dir.join("src/stray.rs"), "// left behind\n").expect("writing");

        let report = report(&dir, &crate_files()).expect("stale");
        assert_eq!(
            report,
            "missing: generated/src/models/mod.rs\n\
             extra: generated/src/stray.rs\n\
             generated/ is stale: run `cargo xtask generate`\n"
        );
    }

    #[test]
    fn check_does_not_write() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        fs::write(dir.join("src/lib.rs"), "edited\n").expect("editing");
        let before = snapshot(&dir);

        let mut files = crate_files();
        files.pop();
        let report = check(&dir, Ok::<_, String>(files)).expect("checking");
        assert!(report.is_some());
        assert_eq!(snapshot(&dir), before);
    }

    #[test]
    fn generator_error_leaves_generated_dir_untouched() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        generate(&dir, &crate_files());
        // Make it stale every way, so that any write or removal would show.
        fs::write(dir.join("src/lib.rs"), "edited\n").expect("editing");
        fs::remove_file(dir.join("Cargo.toml")).expect("removing");
        fs::write(dir.join("src/stray.rs"), "extra\n").expect("writing");
        let before = snapshot(&dir);

        let failed = Err::<Vec<OutputFile>, _>("spec/api.yaml: broken\nspec/api.yaml: worse");
        match update(&dir, failed) {
            Err(Failure::Generate(error)) => assert!(error.contains("worse")),
            other => panic!("expected the generator's error, got {other:?}"),
        }
        assert_eq!(snapshot(&dir), before);

        // Nor is a missing generated/ created.
        let absent = temp.path().join("absent");
        assert!(update(&absent, Err::<Vec<OutputFile>, _>("broken")).is_err());
        assert!(!absent.exists());
    }

    #[test]
    fn unsafe_or_clashing_paths_are_refused_before_writing() {
        let temp = TempDir::new("sync");
        let dir = generated_in(&temp);
        let cases = [
            vec![file("../escape.rs", "")],
            vec![file("/absolute.rs", "")],
            vec![file("src//lib.rs", "")],
            vec![file("src/./lib.rs", "")],
            vec![file("src\\lib.rs", "")],
            vec![file("", "")],
            vec![file("target/x.rs", "")],
            vec![file("a.rs", ""), file("a.rs", "")],
            vec![file("src", ""), file("src/lib.rs", "")],
        ];
        for files in cases {
            let error = plan(&dir, &files).expect_err("refused");
            assert_eq!(error.kind(), io::ErrorKind::InvalidInput, "{files:?}");
            assert!(matches!(
                update(&dir, Ok::<_, String>(files)),
                Err(Failure::Io(_))
            ));
        }
        assert!(!dir.exists());
    }
}
