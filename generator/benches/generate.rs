//! Full generation, load to formatted files, of the real spec and of a synthetic spec of 100
//! operations: `cargo bench -p purecloud-generator`.
//!
//! Each iteration is tens of milliseconds or more, so the group samples flat, ten times, to
//! keep a run near half a minute; `cargo xtask profile` gives the per-stage breakdown.

use std::fs;
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Duration;

use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use purecloud_generator::generate;
use purecloud_synth::{self as synth, Config};

/// A folder holding only the synthetic spec, removed when dropped.
struct SyntheticSpec(PathBuf);

impl SyntheticSpec {
    fn new(operations: usize) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "purecloud-bench-synth-{operations}-{}",
            std::process::id()
        ));
        fs::create_dir_all(&dir).expect("creating a temp dir");
        fs::write(
            dir.join("synthetic.yaml"),
            synth::spec_text(&Config::new(operations)),
        )
        .expect("writing the synthetic spec");
        Self(dir)
    }
}

impl Drop for SyntheticSpec {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

fn full_generation(c: &mut Criterion) {
    let real = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the generator lives one folder below the workspace root")
        .join("spec");
    let synthetic = SyntheticSpec::new(100);

    let mut group = c.benchmark_group("generate");
    group
        .sampling_mode(SamplingMode::Flat)
        .sample_size(10)
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10));
    for (name, dir) in [
        ("real spec", real.as_path()),
        ("synthetic 100", &synthetic.0),
    ] {
        group.bench_function(name, |bencher| {
            bencher.iter(|| generate(black_box(dir)).unwrap_or_else(|error| panic!("{error}")));
        });
    }
    group.finish();
}

criterion_group!(benches, full_generation);
criterion_main!(benches);
