//! Errors across IPC: a code the UI can switch on, and a sentence for the user.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine `code` and a sentence for the user.
///
/// Codes: `not_found`, `bad_input`, `locked`, `read_only`, `not_a_store`, `io`, `store`,
/// `cancelled`, `internal`, `forbidden` (a path the page was not granted, see `grants`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// Stable machine-readable kind.
    pub code: String,
    /// What happened, for the user.
    pub message: String,
}

impl IpcError {
    /// An error with `code` and `message`.
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        IpcError { code: code.to_string(), message: message.into() }
    }
}

impl From<crosscheck::Error> for IpcError {
    fn from(e: crosscheck::Error) -> Self {
        use crosscheck::Error as E;
        let code = match &e {
            E::NotFound { .. } => "not_found",
            E::BadInput { .. } => "bad_input",
            E::Locked { .. } => "locked",
            E::ReadOnly { .. } => "read_only",
            E::NotAStore { .. } | E::StoreTooNew { .. } => "not_a_store",
            E::Io { .. } => "io",
            E::Sqlite(_) => "store",
            E::BundledData { .. } => "internal",
            #[allow(unreachable_patterns)]
            _ => "internal",
        };
        IpcError::new(code, e.to_string())
    }
}
