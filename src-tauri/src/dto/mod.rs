//! The shapes that cross the IPC boundary. The UI's TypeScript types are generated from these
//! (ts-rs, see [`bindings`]) into `ui/src/lib/bindings/index.ts`; a test fails when they drift.
//! One file per concern: `error`, `sources`, `claims`, `parties`, `import`, `conflicts`,
//! `verification`, `reports`, `tags`.
//!
//! DTOs are views of core types, built by `From` conversions here: the UI never sees a core
//! struct directly, so the core can change its internals without breaking the page. The core's
//! plain enums (stance, origin, review state, sort, party kind, attribution, relation, report
//! kind and format, a diff run's kind) cross as they are, since their JSON names already are a contract; their TypeScript
//! types come from the core's `ts` feature rather than from mirror enums here. Ids are `i64` in
//! Rust and `number` in TypeScript (store ids stay far below 2^53).


mod claims;
mod conflicts;
mod error;
mod import;
mod parties;
mod reports;
mod sources;
mod tags;
mod verification;

use chrono::{DateTime, Utc};
use ts_rs::TS;

// The core's own enums cross as they are: their TypeScript types come from the core's `ts`
// feature, so the page cannot drift from what the core accepts.
pub use crosscheck::align::diff::RunKind;
pub use crosscheck::model::{Attribution, Origin, PartyKind, Relation, ReviewState, Stance};
pub use crosscheck::report::{Format as ReportFormat, Kind as ReportKind};
pub use crosscheck::store::{ClaimSort, SourceField};

pub use claims::*;
pub use conflicts::*;
pub use error::*;
pub use import::*;
pub use parties::*;
pub use reports::*;
pub use sources::*;
pub use tags::*;
pub use verification::*;

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// Counts shown in the UI; a store never holds 4 billion of anything, but saturate rather than wrap.
pub(crate) fn count32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The TypeScript declarations of every DTO, as committed in `ui/src/lib/bindings/index.ts`.
pub fn bindings() -> String {
    let decls = [
        ErrorCode::decl(),
        IpcError::decl(),
        Stance::decl(),
        Origin::decl(),
        SourceSummary::decl(),
        SourcePageDto::decl(),
        SourceField::decl(),
        Highlight::decl(),
        SourceText::decl(),
        SourceFactsDto::decl(),
        SpeakerDto::decl(),
        ReviewState::decl(),
        ClaimSort::decl(),
        ClaimRow::decl(),
        ClaimQuery::decl(),
        ClaimPageDto::decl(),
        ClaimDetail::decl(),
        NewClaimInput::decl(),
        ClaimEditInput::decl(),
        PartyKind::decl(),
        AliasDto::decl(),
        PartySummary::decl(),
        TimelinePoint::decl(),
        PartySpeaker::decl(),
        PartySpeakerRef::decl(),
        ImportEvent::decl(),
        ImportedItem::decl(),
        FailedItem::decl(),
        ImportReport::decl(),
        SearchResults::decl(),
        WorkspaceInfo::decl(),
        ConflictReview::decl(),
        ConflictParty::decl(),
        ConflictSummary::decl(),
        SameStatement::decl(),
        ClaimLinks::decl(),
        RunKind::decl(),
        DiffSegment::decl(),
        DiffClaim::decl(),
        DiffColumn::decl(),
        FactChip::decl(),
        FactChipValue::decl(),
        ConflictDiff::decl(),
        VerdictOption::decl(),
        Attribution::decl(),
        Evidence::decl(),
        Relation::decl(),
        EvidenceWhat::decl(),
        EvidenceInput::decl(),
        ConflictRecord::decl(),
        HistoryLine::decl(),
        Verification::decl(),
        VerdictInput::decl(),
        ReportScope::decl(),
        ReportFormat::decl(),
        ReportKind::decl(),
        ReportOptions::decl(),
        PreviewColumn::decl(),
        PreviewRow::decl(),
        PreviewConflict::decl(),
        ReportPreview::decl(),
        ReportResult::decl(),
        TagCountDto::decl(),
        MatrixRow::decl(),
        MatrixVerdict::decl(),
        MatrixClaim::decl(),
        MatrixCellDto::decl(),
        TagMatrixDto::decl(),
    ];
    let mut out = String::from(
        "// Generated from src-tauri/src/dto/ and the core's enums by `cargo test -p crosscheck-desktop` with\n\
         // BLESS_BINDINGS=1. Do not edit: a test fails when this file and the Rust types differ.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(&d);
        out.push_str("\n\n");
    }
    out
}
