//! Crosscheck's core: import sources, extract claims per party, align conflicts, verify, report.
//!
//! [`Workbench`] is the API both adapters (the CLI and the desktop app) drive; it owns the
//! [`store::Store`] and composes the pure modules (`ingest`, `extract`, …) around it.
#![deny(missing_docs)]

pub mod align;
mod demo;
pub mod error;
pub mod extract;
pub mod gazetteer;
mod import;
pub mod ingest;
pub mod model;
pub mod store;
pub mod text;
pub mod verify;
pub mod report;
mod workbench;

pub use error::{Error, Result};
pub use workbench::{anchor_in, ImportOutcome, ImportSummary, Progress, Workbench};

/// SHA-256 of `bytes`, lowercase hex.
pub fn hash_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}
