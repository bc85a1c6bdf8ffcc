//! The core's error type: one enum, each variant carrying the context a user needs to act.

use std::path::PathBuf;

/// Everything the core can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The store file exists but is not a SQLite database (or is damaged).
    #[error("{path} is not a Crosscheck store (not a SQLite database, or damaged); it was left untouched")]
    NotAStore {
        /// The file given as the store.
        path: PathBuf,
    },
    /// The store was written by a newer Crosscheck.
    #[error("{path} was written by a newer Crosscheck (schema {found}, this build knows {known}); it was left untouched")]
    StoreTooNew {
        /// The store file.
        path: PathBuf,
        /// Its schema version.
        found: i64,
        /// The newest schema this build knows.
        known: i64,
    },
    /// Another process holds the store's write lock past the busy timeout.
    #[error("the store {path} is locked by another process; try again when it is done")]
    Locked {
        /// The store file.
        path: PathBuf,
    },
    /// The store cannot be written (read-only file or folder).
    #[error("the store {path} is read-only; choose a writable location with --db or CROSSCHECK_DB")]
    ReadOnly {
        /// The store file.
        path: PathBuf,
    },
    /// Any other SQLite failure.
    #[error("store error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file concerned.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// An input could not be understood.
    #[error("{what}: {why}")]
    BadInput {
        /// The input concerned (a file name, an argument).
        what: String,
        /// What is wrong with it.
        why: String,
    },
    /// A URL could not be fetched (network, HTTP status, size or time limit).
    #[error("{url}: {why}")]
    Fetch {
        /// The URL asked for.
        url: String,
        /// What went wrong.
        why: String,
    },
    /// A record named by the user does not exist.
    #[error("no {kind} {id}")]
    NotFound {
        /// What kind of record ("claim", "source", "party").
        kind: &'static str,
        /// The id or key given.
        id: String,
    },
    /// The PDF typesetter refused the report: a defect of the shipped template, never of the
    /// report's text (which reaches the typesetter as data).
    #[error("the PDF report could not be typeset: {why}")]
    Typeset {
        /// The typesetter's messages.
        why: String,
    },
    /// Shipped data failed to parse: a build defect, not a user error.
    #[error("bundled data {name} is invalid: {why}")]
    BundledData {
        /// The data file.
        name: &'static str,
        /// The parse error.
        why: String,
    },
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// A `BadInput` for `what`.
    pub fn bad_input(what: impl Into<String>, why: impl Into<String>) -> Self {
        Error::BadInput { what: what.into(), why: why.into() }
    }

    /// A `NotFound` for a record.
    pub fn not_found(kind: &'static str, id: impl ToString) -> Self {
        Error::NotFound { kind, id: id.to_string() }
    }
}
