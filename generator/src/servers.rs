//! The server an operation's requests go to when its path item or the operation lists `servers`.
//!
//! The client has one base URL (the document's first server, a region's host, or the caller's
//! `base_url`); an operation whose own `servers` (else its path item's) name another place
//! carries that place's URL, and the runtime decides per request where it goes
//! (`runtime/src/client.rs`, `operation_base_url`). Only the first server listed is used, as
//! with the document's `servers`: the others are alternatives a client does not choose among.

use openapiv3::{Operation, PathItem, Server};
use url::Url;

use crate::diagnostic::{Diagnostic, Pointer};
use crate::load::SpecFile;

/// The URL of the server the operation at `operation_pointer` names, its own or its path
/// item's, with its variables' defaults put in and without a trailing `/`; `None` when it
/// names none, or the document's default server (where the client's base URL goes anyway,
/// and a region or a `base_url` set by the caller should take it too).
///
/// A URL that cannot be used (a variable without a value, a scheme other than http(s), a
/// query) is reported as a warning, and the operation goes to the client's base URL.
pub(crate) fn operation_server(
    files: &[SpecFile],
    file: &SpecFile,
    (item_pointer, item): (&Pointer, &PathItem),
    (operation_pointer, operation): (&Pointer, &Operation),
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let (servers_pointer, server) = if let Some(server) = operation.servers.first() {
        (operation_pointer.join("servers"), server)
    } else {
        (item_pointer.join("servers"), item.servers.first()?)
    };
    let url = match server_url(server) {
        Ok(url) => url?,
        Err(problem) => {
            diagnostics.push(Diagnostic::warning(
                &file.path,
                servers_pointer.join(0).join("url"),
                format!(
                    "server `{}` {problem}; requests go to the client's base URL",
                    server.url
                ),
            ));
            return None;
        }
    };
    (default_server_url(files).as_deref() != Some(url.as_str())).then_some(url)
}

/// The URL of the document's first server, the client's default base URL, with its variables'
/// defaults put in and without a trailing `/`; as written (less a trailing `/`) when it cannot
/// be used so, for a caller to set `base_url` instead. `None` when the document lists none.
pub(crate) fn default_server_url(files: &[SpecFile]) -> Option<String> {
    let server = files.iter().find_map(|file| file.api.servers.first())?;
    Some(
        server_url(server)
            .ok()
            .flatten()
            .unwrap_or_else(|| server.url.trim_end_matches('/').to_owned()),
    )
}

/// The server's URL with each `{variable}` replaced by its default, checked and without a
/// trailing `/` (`/` alone stays: the root of the base URL's host). `Ok(None)` for an empty
/// URL, which RFC 3986 resolves to the base URL itself; `Err` says why the URL cannot be used.
fn server_url(server: &Server) -> Result<Option<String>, String> {
    let mut url = String::with_capacity(server.url.len());
    let mut rest = server.url.as_str();
    while let Some(start) = rest.find('{') {
        let end = rest[start..]
            .find('}')
            .map(|end| start + end)
            .ok_or("has a `{` without its `}`")?;
        let name = &rest[start + 1..end];
        let value = server
            .variables
            .as_ref()
            .and_then(|variables| variables.get(name))
            .ok_or_else(|| format!("uses the variable `{{{name}}}`, which has no default"))?;
        url.push_str(&rest[..start]);
        url.push_str(&value.default);
        rest = &rest[end + 1..];
    }
    url.push_str(rest);
    if url.is_empty() {
        return Ok(None);
    }
    // What the runtime will do with it: an absolute URL as it is, a relative one resolved
    // against the base URL (any base: only the reference's own syntax is checked here).
    let resolved = match Url::parse(&url) {
        Ok(absolute) => absolute,
        Err(url::ParseError::RelativeUrlWithoutBase) => Url::parse("http://base.invalid/path/")
            .and_then(|base| base.join(&url))
            .map_err(|error| format!("is not a URL: {error}"))?,
        Err(error) => return Err(format!("is not a URL: {error}")),
    };
    if !matches!(resolved.scheme(), "http" | "https") {
        return Err(format!("is not an http(s) URL (`{}`)", resolved.scheme()));
    }
    if resolved.query().is_some() || resolved.fragment().is_some() {
        return Err("has a query or a fragment, which a base URL cannot have".to_owned());
    }
    let trimmed = url.trim_end_matches('/');
    Ok(Some(
        if trimmed.is_empty() { "/" } else { trimmed }.to_owned(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// The server of `GET /things` in a document whose path item and operation say what
    /// `item` and `operation` (YAML lines, indented for their place) say, with the warnings.
    fn server_of(root: &str, item: &str, operation: &str) -> (Option<String>, Vec<String>) {
        let text = format!(
            "openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{root}\npaths:\n  /things:\n\
             {item}\n    get:\n      responses: {{'204': {{description: done}}}}\n{operation}\n"
        );
        let file = crate::load::parse_spec(Path::new("spec/a.yaml"), &text).expect("loads");
        let files = [file];
        let item_pointer = Pointer::root().join("paths").join("/things");
        let item = files[0].api.paths.paths["/things"]
            .as_item()
            .expect("written in place");
        let operation = item.get.as_ref().expect("a GET");
        let mut diagnostics = Vec::new();
        let server = operation_server(
            &files,
            &files[0],
            (&item_pointer, item),
            (&item_pointer.join("get"), operation),
            &mut diagnostics,
        );
        let warnings = diagnostics.iter().map(ToString::to_string).collect();
        (server, warnings)
    }

    const ROOT: &str = "servers: [{url: 'https://api.example.com/v1/'}]";

    #[test]
    fn the_operations_servers_win_over_the_path_items_and_only_the_first_counts() {
        let item = "    servers: [{url: 'https://path.example.com'}]";
        let operation = "      servers:\n        - url: https://upload.example.com/v1/\n        \
                         - url: https://other.example.com";
        assert_eq!(
            server_of(ROOT, item, operation),
            (Some("https://upload.example.com/v1".to_owned()), vec![])
        );
        assert_eq!(
            server_of(ROOT, item, ""),
            (Some("https://path.example.com".to_owned()), vec![])
        );
        assert_eq!(server_of(ROOT, "", ""), (None, vec![]));
    }

    #[test]
    fn relative_urls_stay_relative_and_the_documents_own_server_is_no_server() {
        for (url, expected) in [
            ("/v2", Some("/v2")),
            ("v2/", Some("v2")),
            ("../v2", Some("../v2")),
            ("/", Some("/")),
            ("''", None),
            ("https://api.example.com/v1", None),
            ("https://api.example.com/v1/", None),
        ] {
            let item = format!("    servers: [{{url: {url}}}]");
            assert_eq!(
                server_of(ROOT, &item, ""),
                (expected.map(str::to_owned), vec![]),
                "{url}"
            );
        }
    }

    #[test]
    fn variables_take_their_defaults() {
        let item = "    servers:\n      - url: '{scheme}://{host}:{port}/{base}'\n        \
                    variables:\n          scheme: {default: http, enum: [http, https]}\n          \
                    host: {default: files.example.com}\n          port: {default: '8443'}\n          \
                    base: {default: ''}";
        assert_eq!(
            server_of(ROOT, item, ""),
            (Some("http://files.example.com:8443".to_owned()), vec![])
        );
    }

    #[test]
    fn the_documents_server_takes_its_variables_defaults_and_is_no_server_of_its_own() {
        let root = "servers:\n  - url: 'https://{region}.example.com/{version}/'\n    variables:\n      \
                    region: {default: eu}\n      version: {default: v2}";
        let text =
            format!("openapi: 3.0.3\ninfo: {{title: t, version: '1'}}\n{root}\npaths: {{}}\n");
        let file = crate::load::parse_spec(Path::new("spec/a.yaml"), &text).expect("loads");
        assert_eq!(
            default_server_url(&[file]).as_deref(),
            Some("https://eu.example.com/v2")
        );
        let item = "    servers: [{url: 'https://eu.example.com/v2'}]";
        assert_eq!(server_of(root, item, ""), (None, vec![]));
        // Without a default, the URL stays as written, for the caller's `base_url` to replace.
        let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n\
                    servers: [{url: 'https://{tenant}.example.com/'}]\npaths: {}\n";
        let file = crate::load::parse_spec(Path::new("spec/a.yaml"), text).expect("loads");
        assert_eq!(
            default_server_url(&[file]).as_deref(),
            Some("https://{tenant}.example.com")
        );
    }

    #[test]
    fn unusable_urls_warn_and_go_to_the_base_url() {
        for (url, problem) in [
            (
                "'https://{region}.example.com'",
                "uses the variable `{region}`, which has no default",
            ),
            ("'https://{region.example.com'", "has a `{` without its `}`"),
            (
                "'wss://stream.example.com'",
                "is not an http(s) URL (`wss`)",
            ),
            (
                "'https://example.com/v1?key=k'",
                "has a query or a fragment, which a base URL cannot have",
            ),
            (
                "'http://exa mple.com'",
                "is not a URL: invalid international domain name",
            ),
        ] {
            let operation = format!("      servers: [{{url: {url}}}]");
            let shown = url.trim_matches('\'');
            assert_eq!(
                server_of(ROOT, "", &operation),
                (
                    None,
                    vec![format!(
                        "spec/a.yaml: #/paths/~1things/get/servers/0/url: server `{shown}` \
                         {problem}; requests go to the client's base URL"
                    )]
                ),
            );
        }
    }
}
