//! The sample workspace: real dispatches bundled into the binary, so a newcomer sees real data
//! at once without the corpus folder being present at run time.

use crate::error::Result;
use crate::ingest;
use super::{ImportOutcome, Workbench};

/// (file name, text) of every bundled sample: the TASS dispatch of the shared corpus, two opposing
/// ministries' accounts of one border clash (a cross-source conflict), and the dispatches written for
/// the extractor's tests. They live where their tests read them; the binary carries a copy.
const SAMPLES: &[(&str, &str)] = &[
    ("tass-karabakh-fr.txt", include_str!("../../data/demo/tass-karabakh-fr.txt")),
    ("am-mod-tavush-2020-07-12.txt", include_str!("../../tests/fixtures/align/am-mod-tavush-2020-07-12.txt")),
    ("az-mod-tovuz-2020-07-12.txt", include_str!("../../tests/fixtures/align/az-mod-tovuz-2020-07-12.txt")),
    ("et-tigre-fr.txt", include_str!("../../tests/corpus/et-tigre-fr.txt")),
    ("il-lb-frontiere-fr.txt", include_str!("../../tests/corpus/il-lb-frontiere-fr.txt")),
    ("in-pk-statement-en.txt", include_str!("../../tests/corpus/in-pk-statement-en.txt")),
    ("rs-xk-nord-en.txt", include_str!("../../tests/corpus/rs-xk-nord-en.txt")),
    ("ru-ua-drones-en.txt", include_str!("../../tests/corpus/ru-ua-drones-en.txt")),
    ("ru-ua-mid-fr.txt", include_str!("../../tests/corpus/ru-ua-mid-fr.txt")),
    ("am-az-frontiere-fr.txt", include_str!("../../tests/corpus/heldout/am-az-frontiere-fr.txt")),
    ("il-ps-gaza-en.txt", include_str!("../../tests/corpus/heldout/il-ps-gaza-en.txt")),
];

impl Workbench {
    /// Imports the bundled samples; already-imported ones are reported as duplicates.
    pub fn load_demo(&mut self) -> Result<Vec<ImportOutcome>> {
        let gazetteer = self.gazetteer()?;
        SAMPLES
            .iter()
            .map(|(name, text)| {
                let mut doc = ingest::load(name, text.as_bytes())?;
                doc.url = Some(format!("sample:{name}"));
                // The dispatch opens with its dateline, not a headline: name it as an analyst would.
                if name.starts_with("tass-") {
                    doc.title = "TASS: Lavrov's separate calls with the Azerbaijani and Armenian foreign ministers".into();
                    doc.outlet = Some("TASS".into());
                }
                self.import_document(doc, None, &gazetteer)
            })
            .collect()
    }
}
