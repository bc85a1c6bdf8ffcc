//! The one integration-test binary; modules mirror `src/`.

mod align; // conflicts and the diff view: candidates across sources, analyst edits, word diffs
mod browse; // paged claims, claims per day, claim edits and party merges
mod cli; // the `crosscheck` binary end to end: import, list, search, aliases, exit codes
mod report; // reports: ClaimReview fields, escaping, HTML in headless Chromium, CSV read back, JSON schema
mod extract; // the attribution extractor: claims, relays, replies, scores on gold files, bad input
mod store; // the store's guarantees: refusing foreign files, locks, read-only, crash safety
mod support; // shared helpers: temp stores, running the binary, corpus paths
mod layering; // the core's import graph: store on model only, nothing below the workbench imports it
mod regression; // one test per fixed bug, named after it
mod import; // the import pipeline: batches equal one-by-one imports, failures per input, cancel
mod ingest; // web pages, PDFs, URLs and feeds from a local server; hostile inputs; versions
mod review; // confidence, the review queue, accepting and correcting claims (core and CLI)
mod tags; // coding by issue: tags on claims, untagging, the tag filter, history, the party × tag matrix (core and CLI)
mod verify; // verdicts, attribution, taxonomy, evidence and blobs, claim edits, append-only history
mod worktable; // the claims worktable: bulk verdict and party on a selection, exporting the claims a filter picks
