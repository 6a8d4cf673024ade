//! Turns the OpenAPI description in `spec/` into the `purecloud-platform-client` crate.
//!
//! The pipeline is load → validate → lower → render → format. Every stage is pure except
//! [`load`], which reads the spec files; writing the output is left to the caller (`xtask`).

pub mod diagnostic;
pub mod load;

pub use diagnostic::{Diagnostic, Pointer};
pub use load::{LoadError, SpecFile, load_dir, load_file, parse_spec};
