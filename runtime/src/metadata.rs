//! How operations are described at run time: id, HTTP method, path template, permissions,
//! preview flag. The client crate lists every operation of the API with these.

/// An HTTP method.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum HttpMethod {
    /// `GET`
    Get,
    /// `PUT`
    Put,
    /// `POST`
    Post,
    /// `DELETE`
    Delete,
    /// `PATCH`
    Patch,
    /// `HEAD`
    Head,
    /// `OPTIONS`
    Options,
    /// `TRACE`
    Trace,
}

impl HttpMethod {
    /// The method as sent on the wire.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Put => "PUT",
            Self::Post => "POST",
            Self::Delete => "DELETE",
            Self::Patch => "PATCH",
            Self::Head => "HEAD",
            Self::Options => "OPTIONS",
            Self::Trace => "TRACE",
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How the permissions of an operation combine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PermissionKind {
    /// One of the permissions suffices.
    Any,
    /// Each permission is needed.
    All,
}

/// The permissions a caller needs for an operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Permissions {
    /// How the names combine.
    pub kind: PermissionKind,
    /// Permission names, such as `authorization:orgTrustee:view`.
    pub names: &'static [&'static str],
}

impl Permissions {
    /// Whether a caller holding `granted` may call the operation. No names means no need.
    pub fn is_satisfied_by(&self, granted: &[&str]) -> bool {
        if self.names.is_empty() {
            return true;
        }
        let held = |name: &&str| granted.contains(name);
        match self.kind {
            PermissionKind::Any => self.names.iter().any(held),
            PermissionKind::All => self.names.iter().all(held),
        }
    }
}

/// One operation of the API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OperationInfo {
    /// The `operationId`.
    pub id: &'static str,
    /// The HTTP method.
    pub method: HttpMethod,
    /// The path template, with `{name}` for each path parameter.
    pub path: &'static str,
    /// The tag the operation is grouped under.
    pub tag: &'static str,
    /// What the caller needs.
    pub permissions: Permissions,
    /// Whether the operation is a preview, which may change or go away without notice.
    /// Preview operations can only be called with the `preview` feature.
    pub preview: bool,
}

impl OperationInfo {
    /// An operation that needs no permission and is not a preview; the generated metadata
    /// adds what else it is with the methods below, which keeps its table of operations short.
    pub const fn new(
        id: &'static str,
        method: HttpMethod,
        path: &'static str,
        tag: &'static str,
    ) -> Self {
        Self {
            id,
            method,
            path,
            tag,
            permissions: Permissions {
                kind: PermissionKind::All,
                names: &[],
            },
            preview: false,
        }
    }

    /// The same operation, needing each of `names`.
    pub const fn needs_all(mut self, names: &'static [&'static str]) -> Self {
        self.permissions = Permissions {
            kind: PermissionKind::All,
            names,
        };
        self
    }

    /// The same operation, needing one of `names`.
    pub const fn needs_any(mut self, names: &'static [&'static str]) -> Self {
        self.permissions = Permissions {
            kind: PermissionKind::Any,
            names,
        };
        self
    }

    /// The same operation, as a preview.
    pub const fn preview(mut self) -> Self {
        self.preview = true;
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_operation_is_described_by_its_constructor_and_what_is_added() {
        const PLAIN: OperationInfo = OperationInfo::new("getX", HttpMethod::Get, "/x", "X");
        assert_eq!(PLAIN.permissions.kind, PermissionKind::All);
        assert!(PLAIN.permissions.names.is_empty() && !PLAIN.preview);
        assert!(PLAIN.permissions.is_satisfied_by(&[]));
        let guarded = PLAIN.needs_any(&["a", "b"]).preview();
        assert_eq!(guarded.permissions.kind, PermissionKind::Any);
        assert!(guarded.preview);
        assert!(guarded.permissions.is_satisfied_by(&["b"]));
        let strict = PLAIN.needs_all(&["a", "b"]);
        assert!(!strict.permissions.is_satisfied_by(&["b"]));
        assert!(strict.permissions.is_satisfied_by(&["a", "b"]));
    }
}
