//! A logbook of any bytes, read as CSV or (when it starts like a zip) as an XLSX workbook: the
//! import never panics, and whatever it commits passes `check`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::PathBuf;
use std::sync::{LazyLock, Mutex};
use tiepdan::exchange::{ImportOptions, Mapping, Quiet, import_logbook};
use tiepdan::i18n::Lang;
use tiepdan::policy::Policy;
use tiepdan::store::Store;

/// Statics, not thread-locals: a thread-local's destructor registration is reported as a leak by
/// LeakSanitizer when the run ends.
static DIR: LazyLock<tempfile::TempDir> = LazyLock::new(|| tempfile::tempdir().unwrap());
/// An empty store, reused while inputs write nothing (most do): a fresh one per input would
/// spend the run on migrations.
static EMPTY: Mutex<Option<Store>> = Mutex::new(None);

fn input_path(workbook: bool) -> PathBuf {
    DIR.path().join(if workbook {
        "so-tiep.xlsx"
    } else {
        "so-tiep.csv"
    })
}

fuzz_target!(|data: &[u8]| {
    let path = input_path(data.starts_with(b"PK"));
    std::fs::write(&path, data).unwrap();
    let mut store = EMPTY
        .lock()
        .unwrap()
        .take()
        .unwrap_or_else(|| Store::open_in_memory(Policy::legal_default()).unwrap());
    let options = ImportOptions {
        today: chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap(),
        skip_bad: data.last().is_some_and(|b| b & 1 == 1),
        lang: Lang::Vi,
        mapping: Mapping::default(),
    };
    match import_logbook(&mut store, &path, &options, &Quiet) {
        Ok(report) => {
            for lang in [Lang::Vi, Lang::En] {
                let _ = report.bad_summary(lang);
            }
            let stored = store.petition_count().unwrap() as usize;
            if report.committed {
                assert_eq!(stored, report.added, "every added row is stored");
            } else {
                assert_eq!(stored, 0, "an import stopped by bad rows writes nothing");
            }
            let check = store.check().unwrap();
            assert!(check.is_ok(), "{check:?}");
        }
        Err(e) => {
            assert!(!e.message(Lang::Vi).is_empty());
            assert_eq!(
                store.petition_count().unwrap(),
                0,
                "a refused file writes nothing"
            );
        }
    }
    if store.petition_count().unwrap() == 0 {
        *EMPTY.lock().unwrap() = Some(store);
    }
});
