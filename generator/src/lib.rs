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
//!    the plan; [`render::file_templates`] lists the files first, so that each can be rendered
//!    on the core that formats it.
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
mod split_yaml;
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
    let templates = render::file_templates(&api, &plan);
    // Lines are looked up once, for all the warnings, so that the stages only deal in pointers.
    let warnings = locate::add_lines(files, warnings);
    let finished = render_and_format(&templates, cache)?;
    let unchanged = cache.len() == finished.len() && finished.iter().all(|file| file.from_cache);
    let mut next = (!unchanged).then(FormatCache::default);
    let files = finished
        .into_iter()
        .map(|file| {
            if let Some(next) = &mut next {
                next.insert(&file.rendered, file.formatted.clone());
            }
            OutputFile {
                path: file.rendered.path,
                contents: file.formatted,
            }
        })
        .collect();
    Ok((Generated { files, warnings }, next))
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

/// A file rendered and formatted.
struct FinishedFile {
    rendered: render::RenderedFile,
    formatted: String,
    /// Whether the formatted text came from the cache.
    from_cache: bool,
}

/// Renders and formats every file, taking the formatted text from `cache` where it holds the
/// rendered one. Formatting is most of the generator's time, so each of the machine's cores
/// takes the next file from a shared queue until none is left; the results are put back in
/// the order of `templates`, so the output does not depend on who did what.
///
/// The queue holds the files other than models first: API groups and the metadata table
/// take up to a hundred times as long as a model, and taken last, one would keep a core busy
/// after the other has run out of work.
fn render_and_format(
    templates: &[render::FileTemplate<'_>],
    cache: &FormatCache,
) -> Result<Vec<FinishedFile>, GenerateError> {
    let finish = |template: &render::FileTemplate<'_>| {
        let rendered = template.render().map_err(GenerateError::Render)?;
        let (formatted, from_cache) = match cache.get(&rendered) {
            Some(formatted) => (formatted.to_owned(), true),
            None => (
                format::format_file(&rendered).map_err(GenerateError::Format)?,
                false,
            ),
        };
        Ok(FinishedFile {
            rendered,
            formatted,
            from_cache,
        })
    };
    let mut queue: Vec<usize> = (0..templates.len()).collect();
    queue.sort_by_key(|&index| templates[index].holds_models());
    let next = std::sync::atomic::AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let position = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&index) = queue.get(position) else {
                return done;
            };
            done.push((index, finish(&templates[index])));
        }
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, std::num::NonZero::get)
        .min(templates.len());
    let mut done: Vec<(usize, Result<FinishedFile, GenerateError>)> = std::thread::scope(|scope| {
        let workers: Vec<_> = (1..threads).map(|_| scope.spawn(work)).collect();
        let mut done = work();
        for worker in workers {
            // A worker only panics on a bug: let it surface as it would have here.
            done.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        done
    });
    done.sort_by_key(|(index, _)| *index);
    done.into_iter().map(|(_, file)| file).collect()
}
