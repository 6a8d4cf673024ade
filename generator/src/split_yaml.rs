//! Reads a large YAML document on every core: cut into runs of whole mapping entries, each
//! parsed alone and the trees joined, or `None` when the text cannot be cut safely.
//!
//! Parsing is most of the time spent loading a spec (the whole Genesys API: 7 MB of YAML, a
//! third of a second on one core), and a YAML parser runs on one thread. An OpenAPI document is
//! a few mappings of many entries (`paths`, `components.schemas`), and an entry of a block
//! mapping is a run of lines that starts at its parent's child indentation and ends where the
//! next line that is not blank or a comment starts at that indentation or less. So the text is
//! cut before such lines only. A run that starts inside a mapping is parsed under copies of the
//! lines that open it (`paths:`, `components:` and `  schemas:`), which then hold nothing
//! else: only mappings opened by a key alone on its line are entered, at most two deep.
//!
//! What parses alone parses as it would have in the whole: a construct that crosses a cut (a
//! quoted or flow scalar whose lines run on unindented, an alias of an anchor in an earlier
//! run) leaves its run unterminated or unresolved, which fails, and then the caller parses
//! the whole text as usual, which also gives any error its place. Keys repeated across runs
//! also make the joined tree `None`; so do directives and a second document.

use serde_yaml::{Mapping, Value};

/// Below this size, one thread parses the whole text faster than threads can start.
const MIN_SPLIT_BYTES: usize = 1 << 20;

/// How deep runs may start: in a mapping opened at the top (`paths`), or in one opened inside
/// such a mapping (`components.schemas`).
const MAX_DEPTH: usize = 2;

/// The tree of `text`, parsed in `parts` runs on as many threads, or `None` when the text is
/// small, cannot be cut, or a run does not parse.
pub(crate) fn parse(text: &str, parts: usize) -> Option<Value> {
    if text.len() < MIN_SPLIT_BYTES || parts < 2 {
        return None;
    }
    parse_runs(text, parts)
}

/// The tree of `text` parsed in `parts` runs, whatever its size.
fn parse_runs(text: &str, parts: usize) -> Option<Value> {
    let runs = runs(text, parts)?;
    let trees: Vec<Option<Value>> = std::thread::scope(|scope| {
        let parsing: Vec<_> = runs
            .iter()
            .map(|run| scope.spawn(move || serde_yaml::from_str::<Value>(&run.text()).ok()))
            .collect();
        parsing
            .into_iter()
            .map(|parsing| parsing.join().ok().flatten())
            .collect()
    });
    let mut root = Mapping::new();
    for (run, tree) in runs.iter().zip(trees) {
        let Value::Mapping(tree) = tree? else {
            return None;
        };
        join(&mut root, tree, &run.opened_by_keys())?;
    }
    Some(Value::Mapping(root))
}

/// A run of lines, and the lines that open the mappings its first line is in.
struct Run<'t> {
    openers: Vec<&'t str>,
    lines: &'t str,
}

impl Run<'_> {
    /// The run as a document of its own.
    fn text(&self) -> String {
        let mut text = String::with_capacity(self.lines.len() + 64);
        for opener in &self.openers {
            text.push_str(opener);
            text.push('\n');
        }
        text.push_str(self.lines);
        text
    }

    /// The keys of the mappings the run starts in, outermost first.
    fn opened_by_keys(&self) -> Vec<Value> {
        self.openers
            .iter()
            .map(|opener| Value::String(header_key(opener).unwrap_or_default().to_owned()))
            .collect()
    }
}

/// Adds the entries of `tree` to `into`; the entries of the mappings named by `opened` (the
/// ones the run started in) are added to the mappings of those names, which earlier runs
/// began. `None` when a key is there already otherwise.
fn join(into: &mut Mapping, tree: Mapping, opened: &[Value]) -> Option<()> {
    for (key, value) in tree {
        match (opened.first(), into.get_mut(&key), value) {
            (Some(name), Some(Value::Mapping(existing)), Value::Mapping(more)) if *name == key => {
                join(existing, more, &opened[1..])?;
            }
            (_, Some(_), _) => return None,
            (_, None, value) => {
                into.insert(key, value);
            }
        }
    }
    Some(())
}

/// One line as the cutter sees it.
struct Line<'t> {
    /// Byte offset of its start in the text.
    start: usize,
    text: &'t str,
    indent: usize,
}

/// A mapping the lines so far are in: its opening line, whether that line is a key alone
/// (whose mapping runs may start in), and the indentation of its entries once seen.
struct Open<'t> {
    line: &'t str,
    indent: usize,
    is_header: bool,
    entry_indent: Option<usize>,
}

/// Cuts `text` into about `parts` runs of about equal size, or `None` when it has no place to
/// cut or holds what makes cutting unsafe.
fn runs(text: &str, parts: usize) -> Option<Vec<Run<'_>>> {
    // Places to cut: a line offset, with the openers of its mapping.
    let mut cuts: Vec<(usize, Vec<&str>)> = Vec::new();
    let mut open: Vec<Open<'_>> = Vec::new();
    // The keys at each place a run may start in, to refuse repeated ones: the join would merge
    // what the whole parse calls a duplicate.
    let mut seen = std::collections::HashSet::new();
    let mut first_content = true;
    for line in lines(text) {
        let content = line.text.trim_start_matches(' ');
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if content.starts_with('\t') || content.starts_with('%') {
            return None;
        }
        if line.indent == 0 && (content.starts_with("---") || content.starts_with("...")) {
            if !first_content {
                return None;
            }
            first_content = false;
            continue;
        }
        first_content = false;
        while open
            .last()
            .is_some_and(|parent| parent.indent >= line.indent)
        {
            open.pop();
        }
        // The first line deeper than its opener sets the indentation of the mapping's entries.
        let siblings = match open.last_mut() {
            Some(parent) => *parent.entry_indent.get_or_insert(line.indent) == line.indent,
            None => line.indent == 0,
        };
        let inside_headers = open.len() <= MAX_DEPTH && open.iter().all(|parent| parent.is_header);
        if siblings
            && inside_headers
            && let Some(key) = entry_key(content)
        {
            let place: Vec<&str> = open.iter().map(|parent| parent.line).collect();
            if !seen.insert((place.clone(), key)) {
                return None;
            }
            cuts.push((line.start, place));
        }
        open.push(Open {
            line: line.text,
            indent: line.indent,
            is_header: header_key(line.text).is_some(),
            entry_indent: None,
        });
    }
    let share = text.len().div_ceil(parts);
    let mut runs = Vec::with_capacity(parts);
    let (mut start, mut openers) = (0, Vec::new());
    for (offset, place) in cuts {
        if offset - start >= share && runs.len() + 1 < parts {
            runs.push(Run {
                openers: std::mem::replace(&mut openers, place),
                lines: &text[start..offset],
            });
            start = offset;
        }
    }
    runs.push(Run {
        openers,
        lines: &text[start..],
    });
    (runs.len() > 1).then_some(runs)
}

/// The lines of `text`, each with its start and indentation, line breaks dropped.
fn lines(text: &str) -> impl Iterator<Item = Line<'_>> {
    let mut start = 0;
    text.split_inclusive('\n').map(move |raw| {
        let line = Line {
            start,
            text: raw.trim_end_matches(['\n', '\r']),
            indent: raw.len() - raw.trim_start_matches(' ').len(),
        };
        start += raw.len();
        line
    })
}

/// The key of a line that starts a mapping entry with a plain or quoted key (`name:` or
/// `name: value`), without `:` in the key itself; `None` for anything else (a list item, an
/// explicit `? key`, a flow collection, a line that continues a scalar).
fn entry_key(content: &str) -> Option<&str> {
    let key = if let Some(quote @ ('"' | '\'')) = content.chars().next() {
        let end = content[1..].find(quote)? + 2;
        &content[..end]
    } else {
        let end = content.find(':')?;
        let key = &content[..end];
        let first = key.chars().next()?;
        let starts_plain = !"-?:,[]{}#&*!|>'\"%@`".contains(first) && !first.is_whitespace();
        if !starts_plain || key.contains(" #") {
            return None;
        }
        key
    };
    let after = &content[key.len()..];
    let after = after.strip_prefix(':')?;
    (after.is_empty() || after.starts_with([' ', '\t'])).then_some(key)
}

/// The key of a line that holds only a key, whose value (a mapping) starts on the next line;
/// the key unquoted.
fn header_key(line: &str) -> Option<&str> {
    let content = line.trim_start_matches(' ');
    let key = entry_key(content)?;
    let rest = content[key.len() + 1..].trim_start();
    if !(rest.is_empty() || rest.starts_with('#')) {
        return None;
    }
    Some(key.trim_matches(['"', '\'']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn whole(text: &str) -> Value {
        serde_yaml::from_str(text).unwrap()
    }

    const SPEC: &str = "\
openapi: 3.0.3
info:
  title: t
  version: '1'
  description: |
    paths:
      x: y
paths:
  /a:
    get:
      responses: {'200': {description: ok}}
  /b/{id}:
    # comment
    get:
      description: \"quoted
        on two lines\"
      responses:
        '200':
          description: ok
  ? /c
  : get: {}
components:
  schemas:
    A:
      type: object
      properties:
        a: {type: string}
    'B':
      type: array
      items:
        $ref: '#/components/schemas/A'
    C: &c
      type: string
    D: *c
";

    #[test]
    fn a_document_cut_anywhere_parses_as_the_whole_does() {
        let text = SPEC;
        for parts in 2..30 {
            let runs = runs(text, parts).expect("the text has places to cut");
            let joined: String = runs.iter().map(|run| run.lines).collect();
            assert_eq!(joined, text, "the runs cover the text once, in order");
            if let Some(tree) = parse_runs(text, parts) {
                assert_eq!(tree, whole(text), "{parts} parts");
            }
        }
        assert_eq!(parse_runs(text, 2), Some(whole(text)));
    }

    #[test]
    fn cuts_fall_only_before_entries_of_mappings_opened_by_a_key_alone() {
        let text = SPEC;
        // As many parts as bytes: a cut at every place there is.
        let places: Vec<(&str, Vec<&str>)> = runs(text, text.len())
            .unwrap()
            .into_iter()
            .map(|run| (run.lines.lines().next().unwrap_or(""), run.openers))
            .collect();
        let firsts: Vec<&str> = places.iter().map(|(first, _)| *first).collect();
        assert_eq!(
            firsts,
            [
                "openapi: 3.0.3",
                "info:",
                "  title: t",
                "  version: '1'",
                "  description: |",
                "paths:",
                "  /a:",
                "    get:",
                "  /b/{id}:",
                "    get:",
                "components:",
                "  schemas:",
                "    A:",
                "    'B':",
                "    C: &c",
                "    D: *c",
            ]
        );
        assert_eq!(places[9].1, ["paths:", "  /b/{id}:"]);
        assert_eq!(places[12].1, ["components:", "  schemas:"]);
        // `? /c` is no place to cut, and nothing inside a scalar or an operation is.
        assert!(
            !firsts
                .iter()
                .any(|first| first.contains("/c") || first.contains("x: y"))
        );
    }

    #[test]
    fn an_alias_of_an_earlier_run_s_anchor_fails_the_run() {
        let text = SPEC;
        // Every cut between `C: &c` and `D: *c` leaves the alias without its anchor.
        let runs = runs(text, text.len()).unwrap();
        let alias = runs
            .iter()
            .find(|run| run.lines.starts_with("    D: *c"))
            .unwrap();
        assert!(serde_yaml::from_str::<Value>(&alias.text()).is_err());
        assert!(parse_runs(text, text.len()).is_none());
    }

    #[test]
    fn repeated_keys_directives_and_documents_are_not_cut() {
        assert!(parse_runs("paths:\n  /a: {}\npaths:\n  /b: {}\n", 4).is_none());
        assert!(parse_runs("paths:\n  /a: {}\n  /a: {}\n", 4).is_none());
        assert!(runs("%YAML 1.2\n---\nopenapi: 3.0.3\ninfo: {}\n", 4).is_none());
        assert!(runs("a: 1\n---\nb: 2\n", 4).is_none());
        let started = "---\nopenapi: 3.0.3\ninfo:\n  title: t\n";
        assert_eq!(parse_runs(started, 4), Some(whole(started)));
    }

    #[test]
    fn a_quoted_scalar_running_on_unindented_fails_its_run() {
        // YAML readers take this scalar's second line; cut before it, the run ends unquoted.
        let text = "a: \"one\nb: two\"\nc: 3\n";
        let runs = runs(text, text.len()).unwrap();
        assert!(
            runs.iter()
                .any(|run| serde_yaml::from_str::<Value>(&run.text()).is_err())
        );
        assert!(parse_runs(text, text.len()).is_none());
        assert_eq!(
            parse_runs(text, 2),
            Some(whole(text)),
            "cut after the scalar"
        );
    }

    #[test]
    fn small_texts_and_flow_documents_are_left_whole() {
        assert!(parse(SPEC, 4).is_none());
        let json = format!(
            "{{\"openapi\": \"3.0.3\",\n\"x\": \"{}\"}}",
            "y".repeat(MIN_SPLIT_BYTES)
        );
        assert!(runs(&json, 4).is_none());
    }

    #[test]
    fn keys_are_read_from_plain_and_quoted_entries_only() {
        assert_eq!(entry_key("paths:"), Some("paths"));
        assert_eq!(entry_key("/a/{id}: x"), Some("/a/{id}"));
        assert_eq!(entry_key("'200':"), Some("'200'"));
        assert_eq!(entry_key("\"a: b\": c"), Some("\"a: b\""));
        assert_eq!(entry_key("- name: a"), None);
        assert_eq!(entry_key("? /c"), None);
        assert_eq!(entry_key(": get: {}"), None);
        assert_eq!(entry_key("http://x"), None);
        assert_eq!(entry_key("words, then: more"), Some("words, then"));
        assert_eq!(header_key("  schemas:  # the models"), Some("schemas"));
        assert_eq!(header_key("  C: &c"), None);
        assert_eq!(header_key("description: |"), None);
    }

    #[test]
    fn the_whole_genesys_api_cut_in_runs_parses_as_it_does_whole() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../shared/corpus/genesys/genesys-cloud.yaml");
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|error| panic!("{}: {error}", path.display()));
        let whole = whole(&text);
        for parts in [2, 3, 8] {
            let runs = runs(&text, parts).expect("the document has places to cut");
            assert_eq!(runs.len(), parts);
            assert_eq!(
                parse_runs(&text, parts).as_ref(),
                Some(&whole),
                "{parts} parts"
            );
        }
    }
}
