//! Crosscheck's core: import sources, extract claims per party, align conflicts, verify, report.
//!
//! [`Workbench`] is the API both adapters (the CLI and the desktop app) drive; it owns the
//! [`store::Store`] and composes the pure modules (`ingest`, `extract`, …) around it.
#![deny(missing_docs)]

pub mod align;
pub mod error;
pub mod extract;
pub mod gazetteer;
pub mod ingest;
pub mod model;
pub mod places;
pub mod report;
pub mod store;
pub mod text;
mod workbench;

pub use error::{Error, Result};
pub use workbench::{anchor_in, ClaimChanges, SourceFacts, ImportOutcome, ImportSummary, Progress, Workbench};
