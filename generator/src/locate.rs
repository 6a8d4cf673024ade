//! Finds the line of a JSON-pointer node in a spec file's YAML text, so diagnostics can name it.
//!
//! `openapiv3` keeps no positions, so the text is read a second time with `saphyr-parser`,
//! whose events carry spans, into a small outline of nodes and their lines.

use std::collections::HashMap;
use std::path::Path;

use saphyr_parser::{Event, Parser};

use crate::diagnostic::Diagnostic;
use crate::load::SpecFile;

/// The line of the node at `pointer` (a URI fragment such as `#/paths/~1x/get/parameters/1`)
/// in the YAML `text`, from 1: the key's line for a mapping entry, the item's line for a
/// sequence item. When the node itself is missing, the line of its nearest existing ancestor.
/// `None` when the text is not YAML or the pointer is not a `#` fragment.
pub fn line_of(text: &str, pointer: &str) -> Option<usize> {
    Outline::parse(text)?.line_of(pointer)
}

/// Fills the `line` of each diagnostic from the source of the file it names.
///
/// Each file is parsed at most once, and only if some diagnostic names it.
pub fn add_lines(files: &[SpecFile], mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let mut outlines: HashMap<&Path, Option<Outline>> = HashMap::new();
    for diagnostic in &mut diagnostics {
        let Some(file) = files.iter().find(|file| file.path == diagnostic.file) else {
            continue;
        };
        let outline = outlines
            .entry(file.path.as_path())
            .or_insert_with(|| Outline::parse(&file.source));
        diagnostic.line = outline
            .as_ref()
            .and_then(|outline| outline.line_of(&diagnostic.pointer));
    }
    diagnostics
}

/// Index of a node in [`Outline::nodes`].
type NodeId = usize;

/// One YAML node: where it starts and what it holds.
#[derive(Debug)]
struct Node {
    line: usize,
    kind: Kind,
}

#[derive(Debug)]
enum Kind {
    Scalar,
    /// `*name`, by the parser's anchor id.
    Alias(usize),
    Sequence(Vec<NodeId>),
    Mapping(Vec<Entry>),
}

#[derive(Debug)]
struct Entry {
    /// The key's text; `None` for a key that is itself a collection or an alias.
    key: Option<String>,
    key_line: usize,
    value: NodeId,
}

/// The nodes of a YAML document's first document, with their lines and anchors.
#[derive(Debug)]
pub struct Outline {
    nodes: Vec<Node>,
    root: NodeId,
    /// Anchor id → the node it names, so a pointer can go on through an alias.
    anchors: HashMap<usize, NodeId>,
}

/// A collection being filled while events come in.
struct Open {
    id: NodeId,
    /// In a mapping, the key read and waiting for its value.
    key: Option<(Option<String>, usize)>,
}

impl Outline {
    /// Reads the first document of `text`; `None` if the text is not YAML or holds no document.
    pub fn parse(text: &str) -> Option<Self> {
        let mut nodes: Vec<Node> = Vec::new();
        let mut anchors = HashMap::new();
        let mut open: Vec<Open> = Vec::new();
        let mut root = None;
        // An explicit stack rather than recursion: nesting depth is up to the text.
        for event in Parser::new_from_str(text) {
            let (event, span) = event.ok()?;
            let line = span.start.line();
            let (kind, anchor, starts, key_text) = match event {
                Event::Scalar(value, _, anchor, _) => {
                    (Kind::Scalar, anchor, false, Some(value.into_owned()))
                }
                Event::Alias(anchor) => (Kind::Alias(anchor), 0, false, None),
                Event::SequenceStart(anchor, _) => (Kind::Sequence(Vec::new()), anchor, true, None),
                Event::MappingStart(anchor, _) => (Kind::Mapping(Vec::new()), anchor, true, None),
                Event::SequenceEnd | Event::MappingEnd => {
                    open.pop();
                    if open.is_empty() && root.is_some() {
                        break;
                    }
                    continue;
                }
                Event::DocumentEnd if root.is_some() => break,
                _ => continue,
            };
            let id = nodes.len();
            nodes.push(Node { line, kind });
            // Anchor id 0 means "no anchor".
            if anchor != 0 {
                anchors.insert(anchor, id);
            }
            match open.last_mut() {
                None => root = Some(id),
                Some(parent) => match &mut nodes[parent.id].kind {
                    Kind::Sequence(items) => items.push(id),
                    Kind::Mapping(entries) => match parent.key.take() {
                        None => parent.key = Some((key_text, line)),
                        Some((key, key_line)) => entries.push(Entry {
                            key,
                            key_line,
                            value: id,
                        }),
                    },
                    Kind::Scalar | Kind::Alias(_) => unreachable!("only collections are open"),
                },
            }
            if starts {
                open.push(Open { id, key: None });
            } else if open.is_empty() {
                // The document is a single scalar or alias.
                break;
            }
        }
        Some(Self {
            nodes,
            root: root?,
            anchors,
        })
    }

    /// The line of the node at `pointer`, or of its nearest existing ancestor; see [`line_of`].
    pub fn line_of(&self, pointer: &str) -> Option<usize> {
        let path = pointer.strip_prefix('#')?;
        let mut node = self.root;
        let mut line = self.nodes[node].line;
        if path.is_empty() {
            return Some(line);
        }
        for token in path.strip_prefix('/')?.split('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            match self.child(node, &token) {
                Some((child, child_line)) => {
                    node = child;
                    line = child_line;
                }
                None => break,
            }
        }
        Some(line)
    }

    /// The child of `node` named by one unescaped pointer token, and the line to report for it.
    fn child(&self, node: NodeId, token: &str) -> Option<(NodeId, usize)> {
        let node = self.follow_alias(node)?;
        match &self.nodes[node].kind {
            Kind::Mapping(entries) => {
                let find = |wanted: &str| {
                    entries
                        .iter()
                        .find(|entry| entry.key.as_deref() == Some(wanted))
                };
                // A fragment may percent-encode characters such as `{`; try the raw token first,
                // since a key can hold a literal `%`.
                let entry = find(token).or_else(|| find(&percent_decode(token)?))?;
                Some((entry.value, entry.key_line))
            }
            Kind::Sequence(items) => {
                let index = array_index(token)?;
                let item = *items.get(index)?;
                Some((item, self.nodes[item].line))
            }
            Kind::Scalar | Kind::Alias(_) => None,
        }
    }

    /// The node an alias stands for (the node itself when it is no alias); `None` when the
    /// anchor is unknown.
    fn follow_alias(&self, node: NodeId) -> Option<NodeId> {
        match self.nodes[node].kind {
            // An alias always names a node that is not itself an alias, so one step is enough.
            Kind::Alias(anchor) => self.anchors.get(&anchor).copied(),
            _ => Some(node),
        }
    }
}

/// An RFC 6901 array index: `0`, or digits without a leading zero.
fn array_index(token: &str) -> Option<usize> {
    let digits = !token.is_empty() && token.bytes().all(|byte| byte.is_ascii_digit());
    if !digits || (token.len() > 1 && token.starts_with('0')) {
        return None;
    }
    token.parse().ok()
}

/// Decodes `%XX` escapes; `None` when there are none or one is malformed or not UTF-8.
fn percent_decode(token: &str) -> Option<String> {
    if !token.contains('%') {
        return None;
    }
    let mut bytes = Vec::with_capacity(token.len());
    let mut rest = token.as_bytes();
    while let Some((&first, tail)) = rest.split_first() {
        if first == b'%' {
            let hex = std::str::from_utf8(tail.get(..2)?).ok()?;
            bytes.push(u8::from_str_radix(hex, 16).ok()?);
            rest = &tail[2..];
        } else {
            bytes.push(first);
            rest = tail;
        }
    }
    String::from_utf8(bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    const BLOCK: &str = "\
openapi: 3.0.3
paths:
  /api/v2/users/{userId}:
    get:
      operationId: getUser
      parameters:
        - name: userId
          in: path
        -
          name: expand
          in: query
      responses:
        '200':
          description: ok
";

    #[test]
    fn block_style_keys_and_items() {
        let line = |pointer| line_of(BLOCK, pointer);
        assert_eq!(line("#"), Some(1));
        assert_eq!(line("#/openapi"), Some(1));
        assert_eq!(line("#/paths/~1api~1v2~1users~1{userId}"), Some(3));
        assert_eq!(line("#/paths/~1api~1v2~1users~1{userId}/get"), Some(4));
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/operationId"),
            Some(5)
        );
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters"),
            Some(6)
        );
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters/0"),
            Some(7)
        );
        // An item whose `-` stands alone starts on the next line.
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters/1"),
            Some(10)
        );
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters/1/in"),
            Some(11)
        );
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/responses/200/description"),
            Some(14)
        );
    }

    #[test]
    fn missing_nodes_fall_back_to_the_nearest_ancestor() {
        let line = |pointer| line_of(BLOCK, pointer);
        assert_eq!(line("#/paths/~1api~1v2~1users~1{userId}/get/tags"), Some(4));
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters/2/schema"),
            Some(6)
        );
        // A scalar has no children.
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/operationId/x"),
            Some(5)
        );
        assert_eq!(line("#/components/schemas/User"), Some(1));
        // RFC 6901 indexes have no leading zeros or signs.
        assert_eq!(
            line("#/paths/~1api~1v2~1users~1{userId}/get/parameters/01"),
            Some(6)
        );
    }

    #[test]
    fn flow_style_and_quoted_keys() {
        let text = "\
info: {title: t, version: '1'}
paths:
  '/things':
    get: {operationId: getThings, tags: [Things,
      Other], responses: {\"204\": {description: done}}}
components:
  schemas:
    \"a~b/c\": {type: string, enum: [x, y,
      z]}
";
        let line = |pointer| line_of(text, pointer);
        assert_eq!(line("#/info/version"), Some(1));
        assert_eq!(line("#/paths/~1things/get/tags/0"), Some(4));
        assert_eq!(line("#/paths/~1things/get/tags/1"), Some(5));
        assert_eq!(line("#/paths/~1things/get/responses/204"), Some(5));
        assert_eq!(line("#/components/schemas/a~0b~1c/enum/2"), Some(9));
        assert_eq!(line("#/components/schemas/a~0b~1c/enum/5"), Some(8));
    }

    #[test]
    fn percent_encoded_fragments_are_understood() {
        let text = "paths:\n  /a/{id}:\n    get: {}\n  /b%20c:\n    put: {}\n";
        assert_eq!(line_of(text, "#/paths/~1a~1%7Bid%7D/get"), Some(3));
        // A literal `%` in a key wins over decoding.
        assert_eq!(line_of(text, "#/paths/~1b%20c/put"), Some(5));
    }

    #[test]
    fn aliases_lead_to_the_anchored_node() {
        let text = "\
shared: &page
  type: object
  properties:
    size: {type: integer}
users: *page
groups:
  <<: *page
";
        let line = |pointer| line_of(text, pointer);
        assert_eq!(line("#/users"), Some(5));
        // Past the alias, lines are those of the anchored text.
        assert_eq!(line("#/users/properties/size"), Some(4));
        // Merge keys are not expanded: the nearest node that exists is `groups`.
        assert_eq!(line("#/groups/type"), Some(6));
    }

    #[test]
    fn only_the_first_document_counts_and_bad_input_gives_none() {
        assert_eq!(line_of("a: 1\n---\nb: 2\n", "#/b"), Some(1));
        assert_eq!(line_of("a: [1\n", "#/a"), None);
        assert_eq!(line_of("", "#/a"), None);
        assert_eq!(line_of("a: 1\n", "/a"), None);
        assert_eq!(line_of("a: 1\n", "#a"), None);
        assert_eq!(line_of("\n\njust text\n", "#/a"), Some(3));
    }

    #[test]
    fn every_operation_and_schema_of_the_real_spec_is_found_at_its_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec/orgauthorization.yaml");
        let spec = crate::load::load_file(&path).expect("the real spec must load");
        let outline = Outline::parse(&spec.source).expect("the real spec is YAML");
        let lines: Vec<&str> = spec.source.lines().collect();
        let text_at = |pointer: &str| {
            let line = outline.line_of(pointer).expect("a line");
            lines[line - 1].trim_start()
        };
        let root = crate::diagnostic::Pointer::root();
        let mut checked = 0;
        for (path, item) in &spec.api.paths.paths {
            let item = item.as_item().expect("inline path items");
            for (method, operation) in item.iter() {
                let at = root.join("paths").join(path).join(method);
                assert!(
                    text_at(at.as_str()).starts_with(&format!("{method}:")),
                    "{at}"
                );
                let id = operation.operation_id.as_deref().expect("an id");
                let at = at.join("operationId");
                assert_eq!(text_at(at.as_str()), format!("operationId: {id}"), "{at}");
                checked += 1;
            }
        }
        let components = spec.api.components.as_ref().expect("components");
        for name in components.schemas.keys() {
            let at = root.join("components").join("schemas").join(name);
            assert_eq!(text_at(at.as_str()), format!("{name}:"), "{at}");
        }
        assert_eq!(checked, 46);
    }

    #[test]
    fn diagnostics_get_the_line_of_their_own_file() {
        let file = |path: &str, source: &str| SpecFile {
            path: path.into(),
            api: serde_yaml::from_str(
                "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n",
            )
            .expect("a minimal document"),
            source: source.into(),
            warnings: Vec::new(),
            encodings_writing_explode: Default::default(),
        };
        let files = [
            file("spec/a.yaml", "x: 1\ny: 2\n"),
            file("spec/b.yaml", "\ny: 2\n"),
        ];
        let diagnostics = add_lines(
            &files,
            vec![
                Diagnostic::new("spec/a.yaml", "#/y", "first"),
                Diagnostic::new("spec/b.yaml", "#/y", "second"),
                Diagnostic::new("spec/c.yaml", "#/y", "elsewhere"),
            ],
        );
        let lines: Vec<Option<usize>> = diagnostics.iter().map(|d| d.line).collect();
        assert_eq!(lines, [Some(2), Some(2), None]);
        assert_eq!(diagnostics[0].to_string(), "spec/a.yaml:2: #/y: first");
        assert_eq!(diagnostics[2].to_string(), "spec/c.yaml: #/y: elsewhere");
    }
}
