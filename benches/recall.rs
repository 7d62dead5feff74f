//! Repeat recall on an independent corpus, side by side with the baseline engines (run with
//! `cargo bench --bench recall`; never part of `cargo test`, where tests/recall.rs asserts the
//! floors).
//!
//! For each labelled set — the independent corpus (tests/recall_corpus/, committed as
//! fixtures/recall/) and the older fixtures/repeats/ — the petitions are imported with
//! `tiepdan import` into a fresh database; each cluster's query is run through
//! `tiepdan search --json` (operator role) and through the baselines on the same database (the
//! SQL LIKE engine, SkimMatcherV2 and nucleo scanning every row); each new visit is put to the
//! new-visit pane's lookup; `tiepdan repeats --json --min 2` is scored against the labels.
//! Printed as Markdown tables, per failure class, with the missed queries.
//!
//! Options: `--misses` prints every query the product missed.

#[path = "../tests/recall_corpus/mod.rs"]
mod recall_corpus;

use recall_corpus::{corpus, eval};
use std::path::Path;

fn main() {
    let misses = std::env::args().any(|a| a == "--misses");
    let bin = Path::new(env!("CARGO_BIN_EXE_tiepdan"));
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let independent = corpus::generate(corpus::SEED);
    let committed = std::fs::read_to_string(root.join("fixtures/recall/petitions.csv")).unwrap();
    assert!(
        committed == independent.petitions_csv(),
        "fixtures/recall/ is stale: RECALL_WRITE=1 cargo test --test recall the_committed_corpus"
    );
    let fixture = eval::repeats_fixture(&root.join("fixtures/repeats/petitions.csv"));
    let dir = tempfile::tempdir().unwrap();
    let fixture_file = dir.path().join("repeats.csv");
    std::fs::write(&fixture_file, fixture.petitions_csv()).unwrap();
    let sets = [
        (
            "independent corpus (fixtures/recall/)",
            &independent,
            root.join("fixtures/recall/petitions.csv"),
        ),
        ("fixtures/repeats/", &fixture, fixture_file),
    ];
    for (label, corpus, file) in sets {
        let started = std::time::Instant::now();
        let (desk, report) = eval::measure(bin, corpus, &file);
        let baselines = eval::baselines(&desk, &corpus.clusters);
        println!(
            "\n== {label}: {} petitions, {} labelled clusters, {} new visits ({:.1} s)\n",
            corpus.petitions.len(),
            corpus.clusters.len(),
            corpus.visits.len(),
            started.elapsed().as_secs_f64()
        );
        println!("{}", eval::table(&report, &baselines));
        println!("{}", eval::summary(&report));
        if misses {
            for miss in &report.search.misses {
                println!("  missed: {miss}");
            }
        }
    }
}
