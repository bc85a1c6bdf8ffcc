//! Fuzzes the search box: whatever a user types, searching sources and claims either runs or is
//! refused as bad input; it is never an FTS5 syntax error (a store error).
#![no_main]

use std::sync::OnceLock;
use std::sync::Mutex;

use crosscheck::store::ClaimFilter;
use crosscheck::{Error, Workbench};
use libfuzzer_sys::fuzz_target;

fn workbench() -> &'static Mutex<Workbench> {
    static WB: OnceLock<Mutex<Workbench>> = OnceLock::new();
    WB.get_or_init(|| {
        let mut wb = Workbench::in_memory().expect("store");
        let gaz = wb.gazetteer().expect("gazetteer");
        let doc = crosscheck::ingest::load("d.txt", "Erevan dément : « Bakou ment », a déclaré le ministère. L'armée nie.".as_bytes()).expect("doc");
        wb.import_document(doc, None, &gaz).expect("import");
        Mutex::new(wb)
    })
}

fuzz_target!(|data: &[u8]| {
    let query = String::from_utf8_lossy(data);
    let wb = workbench().lock().expect("lock");
    for r in [wb.store().search_sources(&query).map(drop), wb.store().claims(&ClaimFilter { query: Some(query.to_string()), ..Default::default() }).map(drop)] {
        if let Err(e) = r {
            assert!(matches!(e, Error::BadInput { .. }), "search {query:?} failed with a store error: {e}");
        }
    }
});
