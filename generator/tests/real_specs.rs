//! Real API descriptions nobody here wrote generate without an error: each of progenitor's test
//! corpus alone, through the whole pipeline, and the whole Genesys Cloud API through validation,
//! lowering, analysis, layout and rendering (formatting its 50 MB of Rust is left to `cargo
//! xtask corpus`, which also compiles what it generates).
//!
//! The corpus lies outside the repository, in `../shared/corpus/` from the project root; it is
//! test data, never copied in. Warnings are allowed: they say where Rust only approximates a
//! spec, and the count of each spec's warnings is printed for whoever reads the log.

use std::path::{Path, PathBuf};

use purecloud_generator::{
    Diagnostic, SpecFile, analyze, generate_from, layout, load_file, locate, lower, render,
};

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus")
}

fn load(path: &Path) -> SpecFile {
    load_file(path).unwrap_or_else(|error| panic!("{error}"))
}

fn errors_of(file: &SpecFile, diagnostics: Vec<Diagnostic>) -> Vec<String> {
    locate::add_lines(std::slice::from_ref(file), diagnostics)
        .iter()
        .filter(|diagnostic| diagnostic.is_error())
        .map(ToString::to_string)
        .collect()
}

#[test]
fn each_of_progenitors_specs_generates_alone() {
    let dir = corpus().join("progenitor");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a folder entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "json"))
        .collect();
    specs.sort();
    assert_eq!(specs.len(), 8, "progenitor's corpus has 8 specs");
    let mut failures = Vec::new();
    for path in &specs {
        let file = load(path);
        match generate_from(std::slice::from_ref(&file)) {
            Ok(generated) => println!(
                "{}: {} files, {} warnings",
                path.display(),
                generated.files.len(),
                generated.warnings.len()
            ),
            Err(error) => failures.push(format!("{}: {error}", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_whole_genesys_api_validates_lowers_and_renders() {
    let file = load(&corpus().join("genesys/genesys-cloud.yaml"));
    let files = std::slice::from_ref(&file);
    let validated = purecloud_generator::validate(files);
    let errors = errors_of(&file, validated.clone());
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let (mut api, warnings) = lower::lower(files)
        .unwrap_or_else(|diagnostics| panic!("{}", errors_of(&file, diagnostics).join("\n")));
    let types = analyze::analyze(&mut api);
    let plan = layout::layout(&api, &types);
    let rendered = render::render(&api, &plan).unwrap_or_else(|error| panic!("{error}"));
    println!(
        "the Genesys API: {} files rendered, {} warnings",
        rendered.len(),
        validated.len() + warnings.len()
    );
    assert!(rendered.len() > 4_000, "every model and group has a file");
}
