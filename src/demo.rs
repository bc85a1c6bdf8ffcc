//! The sample workspace: real dispatches bundled into the binary, so a newcomer sees real data
//! at once without the corpus folder being present at run time.

use crate::error::Result;
use crate::ingest;
use crate::workbench::{ImportOutcome, Workbench};

/// (file name, text) of every bundled sample.
const SAMPLES: &[(&str, &str)] = &[("tass-karabakh-fr.txt", include_str!("../data/demo/tass-karabakh-fr.txt"))];

impl Workbench {
    /// Imports the bundled samples; already-imported ones are reported as duplicates.
    pub fn load_demo(&mut self) -> Result<Vec<ImportOutcome>> {
        let gazetteer = self.store().gazetteer()?;
        SAMPLES
            .iter()
            .map(|(name, text)| {
                let mut doc = ingest::load(name, text.as_bytes())?;
                doc.url = Some(format!("sample:{name}"));
                self.import_document(doc, None, &gazetteer)
            })
            .collect()
    }
}
