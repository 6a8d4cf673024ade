//! Turns the OpenAPI description in `spec/` into the `purecloud-platform-client` crate, in
//! stages, each working on what the one before made:
//!
//! 1. **load** ([`load_dir`]): the spec files, parsed; OpenAPI 3.1 is read through its 3.0
//!    form (`openapi31`).
//! 2. **validate** ([`validate_files`]): every problem of the files at once, each with its
//!    file and JSON pointer; errors stop generation here, warnings go on.
//! 3. **lower** ([`lower_files`]): the types and operations with their Rust names, the IR
//!    ([`ir::Api`]).
//! 4. **analyze** ([`analyze::analyze`]): from one graph of the types, what needs them all
//!    lowered: which fields close a cycle and are boxed, what untagged union members require,
//!    which operations walk pages, which parameters the generated code writes itself.
//! 5. **layout** ([`layout::layout`]): which crate holds each model module and which cargo
//!    feature compiles each group and module, a [`layout::Plan`].
//! 6. **render** ([`render::render`]): the askama templates of `templates/`, from the IR and
//!    the plan.
//! 7. **format** ([`format::format_file`]): each file parsed by syn and printed by
//!    prettyplease, on every core, unless a [`FormatCache`] holds it already.
//!
//! [`generate_cached`] runs them in this order, and `xtask profile` times the same functions
//! one by one. Every stage is pure except load, which reads the spec files; writing the
//! output is left to the caller (`xtask`).

pub mod analyze;
pub mod cache;
pub mod declared_type;
pub mod diagnostic;
pub mod format;
pub mod ir;
pub mod layout;
pub mod load;
pub mod locate;
pub mod lower;
pub mod media;
pub mod naming;
pub mod openapi31;
pub mod query_in_path;
pub mod refs;
pub mod render;
pub mod servers;
pub mod validate;
mod walk;

use std::fmt;
use std::path::Path;

pub use cache::FormatCache;
pub use diagnostic::{Diagnostic, Pointer, Severity};
pub use load::{LoadError, SpecFile, load_dir, load_file, parse_spec, parse_texts, read_dir};
pub use validate::validate;

/// One file of the generated crate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to `generated/`, with `/` separators.
    pub path: String,
    /// The whole text, preamble first.
    pub contents: String,
}

/// What generation produced: the crate's files, and where they only approximate the spec.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The files of the generated crate, sorted by path.
    pub files: Vec<OutputFile>,
    /// Warnings, each with its file, line and JSON pointer, in file and document order.
    pub warnings: Vec<Diagnostic>,
}

/// Why generation failed.
#[derive(Debug)]
pub enum GenerateError {
    /// Spec files could not be read or parsed.
    Load(Vec<LoadError>),
    /// The spec has problems; each names its file and JSON pointer.
    Invalid(Vec<Diagnostic>),
    /// A template failed to render.
    Render(render::RenderError),
    /// A template rendered Rust that does not parse.
    Format(format::FormatError),
}

impl fmt::Display for GenerateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list(f: &mut fmt::Formatter<'_>, problems: &[impl fmt::Display]) -> fmt::Result {
            let count = problems.len();
            write!(
                f,
                "the spec has {count} problem{}:",
                if count == 1 { "" } else { "s" }
            )?;
            problems
                .iter()
                .try_for_each(|problem| write!(f, "\n  {problem}"))
        }
        match self {
            Self::Load(errors) => list(f, errors),
            Self::Invalid(diagnostics) => list(f, diagnostics),
            Self::Render(error) => error.fmt(f),
            Self::Format(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for GenerateError {}

/// Loads every spec file in `spec_dir` and returns the files of the generated crate and the warnings.
pub fn generate(spec_dir: &Path) -> Result<Generated, GenerateError> {
    let files = load_dir(spec_dir).map_err(GenerateError::Load)?;
    generate_from(&files)
}

/// Generates the crate from spec files already loaded.
pub fn generate_from(files: &[SpecFile]) -> Result<Generated, GenerateError> {
    generate_cached(files, &FormatCache::default()).map(|(output, _)| output)
}

/// Generates the crate, taking each file's formatted text from `cache` when its rendered text
/// is there. Also returns the cache of this run's files for the next run, or `None` when
/// `cache` already is exactly that (every file came from it, and it holds no other).
pub fn generate_cached(
    files: &[SpecFile],
    cache: &FormatCache,
) -> Result<(Generated, Option<FormatCache>), GenerateError> {
    let mut warnings = validate_files(files)?;
    let (mut api, lowering_warnings) = lower_files(files)?;
    warnings.extend(lowering_warnings);
    let types = analyze::analyze(&mut api);
    let plan = layout::layout(&api, &types);
    let rendered = render::render(&api, &plan).map_err(GenerateError::Render)?;
    // Lines are looked up once, for all the warnings, so that the stages only deal in pointers.
    let warnings = locate::add_lines(files, warnings);
    // Each file with what the cache holds for it, looked up once.
    let jobs: Vec<FormatJob<'_>> = rendered
        .iter()
        .map(|file| (file, cache.get(file)))
        .collect();
    let output = format_all(&jobs)?;
    let unchanged = cache.len() == jobs.len() && jobs.iter().all(|(_, cached)| cached.is_some());
    if unchanged {
        return Ok((
            Generated {
                files: output,
                warnings,
            },
            None,
        ));
    }
    let mut next = FormatCache::default();
    for (file, formatted) in rendered.iter().zip(&output) {
        next.insert(file, formatted.contents.clone());
    }
    Ok((
        Generated {
            files: output,
            warnings,
        },
        Some(next),
    ))
}

/// The validate stage: the warnings of loading and validating `files`, their lines not looked
/// up yet, or every error, with its line.
pub fn validate_files(files: &[SpecFile]) -> Result<Vec<Diagnostic>, GenerateError> {
    let (errors, validation_warnings): (Vec<_>, Vec<_>) =
        validate(files).into_iter().partition(Diagnostic::is_error);
    if !errors.is_empty() {
        return Err(GenerateError::Invalid(locate::add_lines(files, errors)));
    }
    Ok(files
        .iter()
        .flat_map(|file| file.warnings.iter().cloned())
        .chain(validation_warnings)
        .collect())
}

/// The lower stage, on files that passed validation: the IR and the warnings of lowering,
/// their lines not looked up yet, or every error, with its line.
pub fn lower_files(files: &[SpecFile]) -> Result<(ir::Api, Vec<Diagnostic>), GenerateError> {
    lower::lower(files).map_err(|errors| GenerateError::Invalid(locate::add_lines(files, errors)))
}

/// A rendered file and its formatted text from the cache, if there.
type FormatJob<'a> = (&'a render::RenderedFile, Option<&'a str>);

/// Formats every file the cache did not have; formatting is most of the generator's time, so
/// the files are split over the machine's cores. Chunks are joined back in order, so the output
/// is the same.
fn format_all(jobs: &[FormatJob<'_>]) -> Result<Vec<OutputFile>, GenerateError> {
    let format_chunk = |jobs: &[FormatJob<'_>]| {
        jobs.iter()
            .map(|&(file, cached)| {
                let contents = match cached {
                    Some(formatted) => formatted.to_owned(),
                    None => format::format_file(file).map_err(GenerateError::Format)?,
                };
                Ok(OutputFile {
                    path: file.path.clone(),
                    contents,
                })
            })
            .collect::<Result<Vec<_>, GenerateError>>()
    };
    // Split only the files left to format, so a warm run does not start threads for nothing.
    let to_format = jobs.iter().filter(|(_, cached)| cached.is_none()).count();
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if to_format < 2 || threads < 2 {
        return format_chunk(jobs);
    }
    let chunks = balanced_chunks(jobs, threads, |(file, cached)| {
        if cached.is_some() { 0 } else { file.text.len() }
    });
    std::thread::scope(|scope| {
        let workers: Vec<_> = chunks
            .iter()
            .map(|&chunk| scope.spawn(move || format_chunk(chunk)))
            .collect();
        let mut files = Vec::with_capacity(jobs.len());
        for (worker, chunk) in workers.into_iter().zip(&chunks) {
            // A worker only panics on a bug; format its files here so it surfaces as usual.
            let formatted = worker.join().unwrap_or_else(|_| format_chunk(chunk));
            files.extend(formatted?);
        }
        Ok(files)
    })
}

/// Splits `items` into at most `count` runs of neighbours whose `weight`s add up to about the
/// same: formatting time follows text length, and a few files (API groups, the metadata
/// table) weigh as much as hundreds of small models.
fn balanced_chunks<T>(items: &[T], count: usize, weight: impl Fn(&T) -> usize) -> Vec<&[T]> {
    let total: usize = items.iter().map(&weight).sum();
    let share = total.div_ceil(count.max(1)).max(1);
    let mut chunks = Vec::with_capacity(count);
    let (mut start, mut sum) = (0, 0);
    for (index, item) in items.iter().enumerate() {
        sum += weight(item);
        if sum >= share && chunks.len() + 1 < count {
            chunks.push(&items[start..=index]);
            (start, sum) = (index + 1, 0);
        }
    }
    if start < items.len() {
        chunks.push(&items[start..]);
    }
    chunks
}

#[cfg(test)]
mod tests {
    use super::balanced_chunks;

    #[test]
    fn chunks_keep_order_and_split_by_weight() {
        let weights = [50, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 40];
        let chunks = balanced_chunks(&weights, 2, |weight| *weight);
        assert_eq!(chunks.concat(), weights, "every item once, in order");
        assert_eq!(chunks, [&weights[..1], &weights[1..]]);
        assert_eq!(
            balanced_chunks(&weights, 1, |weight| *weight),
            [&weights[..]]
        );
        assert_eq!(balanced_chunks(&[0; 3], 4, |weight| *weight), [&[0; 3][..]]);
        assert!(balanced_chunks::<usize>(&[], 2, |weight| *weight).is_empty());
    }
}
