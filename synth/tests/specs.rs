//! The synthetic specs the benchmarks use: deterministic, of the asked size, and generated
//! without error, with the constructs they are meant to exercise present in the output.

use std::path::Path;

use purecloud_generator::{SpecFile, generate_from, parse_spec};
use purecloud_synth::{self as synth, Config};

fn load(config: &Config) -> SpecFile {
    let text = synth::spec_text(config);
    let path = Path::new("synthetic.yaml");
    parse_spec(path, &text).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn same_config_same_bytes_other_seed_other_bytes() {
    let config = Config::new(40);
    assert_eq!(synth::spec_text(&config), synth::spec_text(&config));
    let reseeded = Config { seed: 7, ..config };
    assert_ne!(synth::spec_text(&config), synth::spec_text(&reseeded));
}

#[test]
fn sizes_are_as_asked() {
    for operations in [1, 7, 8, 9, 100, 1000] {
        let config = Config::new(operations);
        let file = load(&config);
        assert_eq!(file.api.operations().count(), operations, "{operations}");
        let schemas = file.api.components.as_ref().map_or(0, |c| c.schemas.len());
        // Each resource needs its three schemas, so tiny specs may have a few more.
        let resources = operations.div_ceil(8);
        assert_eq!(
            schemas,
            config.schemas.max(3 + 3 * resources),
            "{operations}"
        );
    }
}

#[test]
fn hundred_operations_generate_with_every_construct() {
    let file = load(&Config::new(100));
    let output = generate_from(std::slice::from_ref(&file))
        .unwrap_or_else(|error| panic!("{error}"))
        .files;
    let text = |path: &str| {
        output
            .iter()
            .find(|file| file.path == path)
            .unwrap_or_else(|| panic!("no {path}"))
            .contents
            .as_str()
    };
    let all: String = output.iter().map(|file| file.contents.as_str()).collect();
    // Several tags, so several API groups.
    let groups = output
        .iter()
        .filter(|file| file.path.starts_with("src/apis/") && file.path != "src/apis/mod.rs")
        .count();
    assert!(groups >= 3, "{groups} groups");
    // Page walks were found from the listings' shape.
    assert!(all.contains("pub fn items("), "no paged operation");
    // A self-containing node and an A → B → A cycle were boxed.
    let node = text("src/models/queue_condition.rs");
    assert!(
        node.contains("Option<Box<crate::models::QueueCondition>>"),
        "{node}"
    );
    let pair = [
        text("src/models/queue_target.rs"),
        text("src/models/queue_assignment.rs"),
    ];
    let boxed = pair
        .iter()
        .filter(|model| model.contains("Option<Box<"))
        .count();
    assert_eq!(boxed, 1, "exactly one half of the cycle is boxed");
    // Open enums, maps and date-times.
    assert!(all.contains("Unknown(String)"));
    assert!(all.contains("BTreeMap<String, String>"));
    assert!(all.contains("chrono::DateTime<chrono::Utc>"));
    assert!(all.contains("chrono::NaiveDate"));
}
