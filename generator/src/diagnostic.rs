//! Problems found in a spec: the file, the JSON pointer of the offending node, and what is wrong.
//!
//! An error stops generation; a warning says where the generated code only approximates what
//! the spec says (a wider type, a renamed operation) and never stops it.

use std::fmt;
use std::path::PathBuf;

/// Whether a diagnostic stops generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The spec is broken or ambiguous beyond repair: nothing is generated.
    Error,
    /// The spec is generated, but not exactly as it says: the message tells what it became.
    Warning,
}

/// One problem in a spec file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// Whether it stops generation.
    pub severity: Severity,
    /// The spec file.
    pub file: PathBuf,
    /// The line of the node in the file, from 1, once it has been looked up.
    pub line: Option<usize>,
    /// JSON pointer of the node, as a URI fragment: `#/paths/~1api~1v2~1x/get/parameters/1`.
    pub pointer: String,
    /// What is wrong, as one sentence without a trailing period.
    pub message: String,
}

impl Diagnostic {
    /// An error at `pointer` in `file`.
    pub fn new(
        file: impl Into<PathBuf>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Error,
            file: file.into(),
            line: None,
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl Diagnostic {
    /// A warning at `pointer` in `file`: generation goes on.
    pub fn warning(
        file: impl Into<PathBuf>,
        pointer: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::new(file, pointer, message)
        }
    }

    /// Whether it stops generation.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// `file:line: pointer: message`, the same for both severities: whoever prints a warning says so.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        write!(f, ": {}: {}", self.pointer, self.message)
    }
}

/// Builds JSON pointers from tokens, escaping `~` and `/` as RFC 6901 asks.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Pointer(String);

impl Pointer {
    /// The document root, `#`.
    pub fn root() -> Self {
        Self(String::from("#"))
    }

    /// This pointer with one more reference token.
    pub fn join(&self, token: impl fmt::Display) -> Self {
        let token = token.to_string().replace('~', "~0").replace('/', "~1");
        Self(format!("{}/{token}", self.0))
    }

    /// The pointer as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Pointer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Pointer> for String {
    fn from(pointer: Pointer) -> Self {
        pointer.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_slash_and_tilde() {
        let pointer = Pointer::root()
            .join("paths")
            .join("/api/v2/{id}")
            .join("get")
            .join("a~b")
            .join(1);
        assert_eq!(pointer.as_str(), "#/paths/~1api~1v2~1{id}/get/a~0b/1");
    }

    #[test]
    fn diagnostic_names_file_and_pointer() {
        let diagnostic = Diagnostic::new("spec/a.yaml", "#/paths", "no paths");
        assert_eq!(diagnostic.to_string(), "spec/a.yaml: #/paths: no paths");
    }

    #[test]
    fn diagnostic_with_a_line_shows_it_after_the_file() {
        let mut diagnostic = Diagnostic::new("spec/a.yaml", "#/paths", "no paths");
        diagnostic.line = Some(3);
        assert_eq!(diagnostic.to_string(), "spec/a.yaml:3: #/paths: no paths");
    }
}
