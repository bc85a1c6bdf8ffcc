//! Errors across IPC: a code the UI can switch on, and a sentence for the user.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// What kind of failure an [`IpcError`] is: the UI switches on it (`ui/src/lib/problems.ts`,
/// `problemHint`), so a new code is a compile error there until the page decides what to do with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// A record the page named does not exist (deleted meanwhile, or a typo in a filter).
    NotFound,
    /// An argument the analyst gave cannot be used; the message says why.
    BadInput,
    /// A path the page was not granted in this session (see `grants`).
    Forbidden,
    /// Another process holds the store's write lock.
    Locked,
    /// The store cannot be written.
    ReadOnly,
    /// The store file is not a Crosscheck store, or a newer Crosscheck's.
    NotAStore,
    /// Reading or writing a file failed.
    Io,
    /// A web page could not be fetched (network, HTTP status, size or time limit).
    Fetch,
    /// SQLite failed otherwise.
    Store,
    /// A defect of the app or of its shipped data, not of anything the analyst did.
    Internal,
}

/// An error as the UI receives it: a stable machine `code` and a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct IpcError {
    /// What kind of failure, for the page to branch on.
    pub code: ErrorCode,
    /// What happened, for the user.
    pub message: String,
}

impl IpcError {
    /// An error with `code` and `message`.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        IpcError { code, message: message.into() }
    }

    /// An `internal` error: a defect of the app, so it is logged as well as shown.
    pub fn internal(message: impl Into<String>) -> Self {
        let e = IpcError::new(ErrorCode::Internal, message);
        log::error!("{}", e.message);
        e
    }
}

impl From<&crosscheck::Error> for ErrorCode {
    /// Every core error has its code here, with no catch-all arm: a new core error does not
    /// compile until it is given one, rather than reaching the page as `internal`.
    fn from(e: &crosscheck::Error) -> Self {
        use crosscheck::Error as E;
        match e {
            E::NotFound { .. } => ErrorCode::NotFound,
            E::BadInput { .. } => ErrorCode::BadInput,
            E::Locked { .. } => ErrorCode::Locked,
            E::ReadOnly { .. } => ErrorCode::ReadOnly,
            E::NotAStore { .. } | E::StoreTooNew { .. } => ErrorCode::NotAStore,
            E::Io { .. } => ErrorCode::Io,
            E::Fetch { .. } => ErrorCode::Fetch,
            E::Sqlite(_) => ErrorCode::Store,
            E::Typeset { .. } | E::BundledData { .. } => ErrorCode::Internal,
        }
    }
}

impl From<crosscheck::Error> for IpcError {
    fn from(e: crosscheck::Error) -> Self {
        let code = ErrorCode::from(&e);
        // A failure that is not the analyst's input is kept in the log file: the page shows the
        // sentence once, and a GUI launch has no terminal to keep it.
        match code {
            ErrorCode::Internal | ErrorCode::Store => log::error!("{e}"),
            ErrorCode::Io | ErrorCode::NotAStore | ErrorCode::Locked | ErrorCode::ReadOnly | ErrorCode::Fetch => log::warn!("{e}"),
            ErrorCode::NotFound | ErrorCode::BadInput | ErrorCode::Forbidden => log::debug!("{e}"),
        }
        IpcError::new(code, e.to_string())
    }
}
