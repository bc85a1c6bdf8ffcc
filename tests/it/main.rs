//! The one integration-test binary; modules mirror `src/`.

mod cli; // the `crosscheck` binary end to end: import, list, search, aliases, exit codes
mod extract; // the attribution extractor: claims, relays, replies, scores on gold files, bad input
mod store; // the store's guarantees: refusing foreign files, locks, read-only, crash safety
mod support; // shared helpers: temp stores, running the binary, corpus paths
