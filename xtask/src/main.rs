//! Project tasks, run as `cargo xtask <task>` from anywhere in the workspace.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "\
usage: cargo xtask <task>

tasks:
  spec    load every file in spec/ and print what it describes
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args
        .iter()
        .map(String::as_str)
        .collect::<Vec<_>>()
        .as_slice()
    {
        ["spec"] => spec(&project_root()),
        ["help" | "--help" | "-h"] => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        _ => {
            eprint!("{USAGE}");
            ExitCode::from(2)
        }
    }
}

/// The workspace root: xtask's manifest folder is one level below it.
fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives one folder below the workspace root")
        .to_owned()
}

/// Loads `spec/` and prints a line per file with its counts of operations and schemas.
fn spec(root: &Path) -> ExitCode {
    match purecloud_generator::load_dir(&root.join("spec")) {
        Ok(files) => {
            for file in files {
                let operations = file.api.operations().count();
                let schemas = file
                    .api
                    .components
                    .as_ref()
                    .map_or(0, |components| components.schemas.len());
                let shown = file.path.strip_prefix(root).unwrap_or(&file.path);
                println!(
                    "{}: {operations} operations, {schemas} schemas",
                    shown.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(errors) => {
            for error in &errors {
                eprintln!("error: {error}");
            }
            ExitCode::FAILURE
        }
    }
}
