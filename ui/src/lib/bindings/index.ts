// Generated from src-tauri/src/dto/ and the core's enums by `cargo test -p crosscheck-desktop` with
// BLESS_BINDINGS=1. Do not edit: a test fails when this file and the Rust types differ.

export type ErrorCode = "not_found" | "bad_input" | "forbidden" | "locked" | "read_only" | "not_a_store" | "io" | "fetch" | "store" | "internal";

export type IpcError = { 
/**
 * What kind of failure, for the page to branch on.
 */
code: ErrorCode, 
/**
 * What happened, for the user.
 */
message: string, };

export type Stance = "assert" | "deny" | "confirm" | "report" | "promise" | "warn" | "question";

export type Origin = "extracted" | "analyst";

export type SourceSummary = { 
/**
 * Store id.
 */
id: number, 
/**
 * Title.
 */
title: string, 
/**
 * Outlet, when known.
 */
outlet: string | null, 
/**
 * URL or file path it came from.
 */
url: string | null, 
/**
 * ISO 639-1 language.
 */
language: string | null, 
/**
 * Publication time (RFC 3339), when known.
 */
published_at: string | null, 
/**
 * Import time (RFC 3339).
 */
imported_at: string, 
/**
 * Format imported from.
 */
format: string, 
/**
 * Length of the text in characters.
 */
chars: number, 
/**
 * Claims found in it.
 */
claims: number, };

export type SourcePageDto = { 
/**
 * Sources in the store.
 */
total: number, 
/**
 * Index of the first row.
 */
offset: number, 
/**
 * The rows.
 */
sources: Array<SourceSummary>, };

export type SourceField = "any" | "title";

export type Highlight = { 
/**
 * The claim.
 */
claim_id: number, 
/**
 * Start, in chars of the source text.
 */
start: number, 
/**
 * End (exclusive), in chars.
 */
end: number, 
/**
 * The speaker's party key, which picks the colour.
 */
party: string | null, 
/**
 * The speaker's name.
 */
speaker: string, 
/**
 * The stance.
 */
stance: Stance, };

export type SourceText = { 
/**
 * The source's metadata.
 */
source: SourceSummary, 
/**
 * Full text; offsets count Unicode scalar values (chars), as JavaScript's `Array.from(text)` does.
 */
text: string, 
/**
 * Claims in text order.
 */
highlights: Array<Highlight>, };

export type SourceFactsDto = { 
/**
 * Outlet ("Reuters").
 */
outlet: string | null, 
/**
 * Author(s) as credited.
 */
author: string | null, 
/**
 * Publication day, `YYYY-MM-DD`.
 */
published_on: string | null, };

export type SpeakerDto = { 
/**
 * The name as resolved.
 */
name: string, 
/**
 * Party key, if resolved.
 */
party: string | null, 
/**
 * States the speaker stands for.
 */
countries: Array<string>, };

export type ReviewState = "to_review" | "reviewed" | "edited";

export type ClaimSort = "reading" | "confidence" | "party" | "speaker" | "stance" | "verdict" | "review" | "source" | "date";

export type ClaimRow = { 
/**
 * Claim id.
 */
id: number, 
/**
 * Source id.
 */
source_id: number, 
/**
 * Content text, cut to 240 characters.
 */
text: string, 
/**
 * Speaker name.
 */
speaker: string, 
/**
 * Speaker's party key.
 */
party: string | null, 
/**
 * Cue.
 */
cue: string, 
/**
 * Stance.
 */
stance: Stance, 
/**
 * Extractor or analyst.
 */
origin: Origin, 
/**
 * How sure the extractor was, 0.05–1.
 */
confidence: number, 
/**
 * What it was not sure of, as short phrases.
 */
doubts: Array<string>, 
/**
 * Review state.
 */
review: ReviewState, 
/**
 * Verdict key (`unverified` when never judged).
 */
verdict: string, 
/**
 * Its source's title (empty where a list does not say).
 */
source_title: string, 
/**
 * Its source's outlet, when known.
 */
source_outlet: string | null, 
/**
 * The day it is dated by, `YYYY-MM-DD`: its source's publication day, else its import day
 * (empty where a list does not say).
 */
day: string, 
/**
 * Whether `day` is the import day, the publication day being unknown.
 */
day_imported: boolean, };

export type ClaimQuery = { 
/**
 * Party key or name (a state includes its institutions and officials).
 */
party: string | null, 
/**
 * Source id.
 */
source: number | null, 
/**
 * Stance.
 */
stance: Stance | null, 
/**
 * Verdict key of the workspace's taxonomy ("unverified" for claims never judged).
 */
verdict: string | null, 
/**
 * Attribution status (needs verification in the core).
 */
attribution: Attribution | null, 
/**
 * First source day included, `YYYY-MM-DD`.
 */
date_from: string | null, 
/**
 * Last source day included, `YYYY-MM-DD`.
 */
date_to: string | null, 
/**
 * Words to find in content, speaker and cue (accents ignored, prefixes match).
 */
text: string | null, 
/**
 * Words of the speaker's name (inflected forms too: « Лавров » finds « Лаврова »).
 */
speaker: string | null, 
/**
 * One speaker of a party as the Parties view lists them: their claims under every name.
 */
speaker_group: PartySpeakerRef | null, 
/**
 * Review state.
 */
review: ReviewState | null, 
/**
 * Only the review queue (claims to review and claims without a party).
 */
queue: boolean, 
/**
 * Claims carrying this tag (case ignored); a tag no claim carries is `not_found`.
 */
tag: string | null, 
/**
 * Sort key; `null` is reading order, or lowest confidence first for the queue.
 */
sort: ClaimSort | null, 
/**
 * Largest first.
 */
descending: boolean, };

export type ClaimPageDto = { 
/**
 * Claims matching the query in all, or, when `total_exact` is false, how many at least (a
 * common word or a large party, counted only as far as the page needed): `claims_total`
 * counts them all.
 */
total: number, 
/**
 * Whether `total` counts every match.
 */
total_exact: boolean, 
/**
 * Index of the first row.
 */
offset: number, 
/**
 * The rows.
 */
rows: Array<ClaimRow>, };

export type ClaimDetail = { 
/**
 * Claim id.
 */
id: number, 
/**
 * Source id.
 */
source_id: number, 
/**
 * Source title.
 */
source_title: string, 
/**
 * Start, in chars of the source.
 */
start: number, 
/**
 * End (exclusive), in chars.
 */
end: number, 
/**
 * The anchored passage.
 */
exact: string, 
/**
 * Up to 32 chars before it.
 */
prefix: string, 
/**
 * Up to 32 chars after it.
 */
suffix: string, 
/**
 * Content text.
 */
text: string, 
/**
 * Who said it.
 */
speaker: SpeakerDto, 
/**
 * Cue.
 */
cue: string, 
/**
 * Stance.
 */
stance: Stance, 
/**
 * Relays, nearest first.
 */
via: Array<SpeakerDto>, 
/**
 * The claim it answers.
 */
responds_to: number | null, 
/**
 * Extractor or analyst.
 */
origin: Origin, 
/**
 * How sure the extractor was, 0.05–1.
 */
confidence: number, 
/**
 * What it was not sure of, as short phrases.
 */
doubts: Array<string>, 
/**
 * Review state.
 */
review: ReviewState, 
/**
 * Created (RFC 3339).
 */
created_at: string, 
/**
 * Last changed (RFC 3339).
 */
updated_at: string, };

export type NewClaimInput = { 
/**
 * Source id.
 */
source_id: number, 
/**
 * Start, in chars.
 */
start: number, 
/**
 * End (exclusive), in chars.
 */
end: number, 
/**
 * Speaker name as written.
 */
speaker: string, 
/**
 * Party key; `null` lets the core resolve the speaker's name.
 */
party: string | null, 
/**
 * Cue.
 */
cue: string, 
/**
 * Stance.
 */
stance: Stance, };

export type ClaimEditInput = { 
/**
 * Content text.
 */
text: string, 
/**
 * Start of the span, in chars of the source.
 */
start: number, 
/**
 * End (exclusive) of the span.
 */
end: number, 
/**
 * The claim it answers.
 */
responds_to: number | null, 
/**
 * Speaker.
 */
speaker: SpeakerDto, 
/**
 * Cue.
 */
cue: string, 
/**
 * Stance.
 */
stance: Stance, };

export type PartyKind = "state" | "organisation" | "person" | "media";

export type AliasDto = { 
/**
 * Language code, or "" for every language.
 */
lang: string, 
/**
 * The name.
 */
text: string, 
/**
 * Shipped or the analyst's.
 */
origin: Origin, };

export type PartySummary = { 
/**
 * Stable key ("AZ", "RU.mfa").
 */
key: string, 
/**
 * Display name.
 */
name: string, 
/**
 * What it is.
 */
kind: PartyKind, 
/**
 * State it stands for.
 */
country: string | null, 
/**
 * Parent party key.
 */
parent: string | null, 
/**
 * Claims spoken under this key.
 */
claims: number, 
/**
 * Names it goes by.
 */
aliases: Array<AliasDto>, };

export type TimelinePoint = { 
/**
 * `YYYY-MM-DD` (the source's publication day, or its import day).
 */
day: string, 
/**
 * Claims that day.
 */
claims: number, };

export type PartySpeaker = { 
/**
 * The core's grouping key ("lavrov"): stable for a name, unique within one party's speakers.
 */
id: string, 
/**
 * Every name the sources give them, as written, most frequent first.
 */
names: Array<string>, 
/**
 * Claims of the party by this speaker.
 */
claims: number, };

export type PartySpeakerRef = { 
/**
 * The party's key.
 */
party: string, 
/**
 * The speaker's `id` among its speakers.
 */
id: string, };

export type ImportEvent = { "event": "started", 
/**
 * Inputs in the job.
 */
total: number, } | { "event": "item", 
/**
 * Inputs done so far.
 */
done: number, 
/**
 * Its name.
 */
name: string, };

export type ImportedItem = { 
/**
 * The input's name.
 */
input: string, 
/**
 * Source id (the existing one for a duplicate).
 */
source_id: number, 
/**
 * Title.
 */
title: string, 
/**
 * The same text was already stored.
 */
duplicate: boolean, 
/**
 * Claims found.
 */
claims: number, };

export type FailedItem = { 
/**
 * The input's name.
 */
input: string, 
/**
 * Why.
 */
message: string, };

export type ImportReport = { 
/**
 * Inputs imported (or found already stored).
 */
imported: Array<ImportedItem>, 
/**
 * Inputs that failed.
 */
failed: Array<FailedItem>, 
/**
 * The user stopped the job.
 */
cancelled: boolean, };

export type SearchResults = { 
/**
 * Sources whose title or text match, newest first (at most 200).
 */
sources: Array<SourceSummary>, 
/**
 * Claims that match (first 200).
 */
claims: Array<ClaimRow>, };

export type WorkspaceInfo = { 
/**
 * The store file.
 */
store: string, 
/**
 * Sources in it.
 */
sources: number, 
/**
 * Claims in it.
 */
claims: number, 
/**
 * The sample workspace was created at this start.
 */
demo_loaded: boolean, };

export type ConflictReview = "proposed" | "confirmed" | "rejected";

export type ConflictParty = { 
/**
 * The side's key: the states it stands for ("AM", "AZ+RU"), else its party key, else the
 * speaker's folded name. For colours and grouping, not for reading.
 */
key: string, 
/**
 * What its chip shows: the state codes, the party key, or the speaker's name as written
 * for a speaker no party stands for (the core's `Column::chip`).
 */
chip: string, 
/**
 * Its display name ("Armenia").
 */
name: string, };

export type ConflictSummary = { 
/**
 * Conflict id.
 */
id: number, 
/**
 * Its review: "proposed", "confirmed" or "rejected".
 */
status: string, 
/**
 * Where it stands, as reports say it ("Proposed (not reviewed)", "Resolved for AM").
 */
state: string, 
/**
 * Where it came from: "reply", "candidate" or "analyst".
 */
origin: string, 
/**
 * What it is about: the disputed proposition's key words and disagreeing facts, then the analyst's note.
 */
topic: string, 
/**
 * Each side's party, once, in column order.
 */
parties: Array<ConflictParty>, 
/**
 * Claims involved.
 */
claim_ids: Array<number>, 
/**
 * How sure the detector is, 0..1 (none for replies and the analyst's own).
 */
score: number | null, };

export type SameStatement = { 
/**
 * The claim naming the statement (the claim's own id when it stands alone).
 */
statement_id: number, 
/**
 * Every claim carrying it, the claim asked about included, in id order.
 */
claim_ids: Array<number>, 
/**
 * How many sources carry it: "carried by N sources".
 */
sources: number, };

export type ClaimLinks = { 
/**
 * The claim.
 */
claim_id: number, 
/**
 * Conflicts holding it, as the list shows them.
 */
conflicts: Array<ConflictSummary>, 
/**
 * The statement it carries, with the claims carrying it too.
 */
statement: SameStatement, 
/**
 * The analyst's name, if set: linking or unlinking a statement needs it (it goes to the history).
 */
analyst: string | null, };

export type RunKind = "same" | "changed" | "fact";

export type DiffSegment = { 
/**
 * The words.
 */
text: string, 
/**
 * How they compare.
 */
kind: RunKind, 
/**
 * Index into the diff's `facts` for a `fact` run.
 */
fact: number | null, };

export type DiffClaim = { 
/**
 * Claim id.
 */
claim_id: number, 
/**
 * Speaker name.
 */
speaker: string, 
/**
 * The attribution chain as read: speaker, relays, outlet.
 */
chain: Array<string>, 
/**
 * Stance.
 */
stance: Stance, 
/**
 * Cue.
 */
cue: string, 
/**
 * Source title.
 */
source_title: string, 
/**
 * When it was said (`YYYY-MM-DD`).
 */
date: string, 
/**
 * What this side states: for a bare denial, "‹party› denies: ‹what it denies›".
 */
proposition: string, 
/**
 * The statement, cut in runs.
 */
segments: Array<DiffSegment>, 
/**
 * The claim's verification, when the build has verification.
 */
verification: Verification | null, };

export type DiffColumn = { 
/**
 * Party key (state codes joined with "+", else party key, else the speaker's folded name).
 */
party: string, 
/**
 * What its chip shows (the key, or the speaker's name as written when no party stands for them).
 */
chip: string, 
/**
 * Display name.
 */
name: string, 
/**
 * One cell per row of the diff: the claim this party has in that row, or null.
 */
claims: Array<DiffClaim | null>, };

export type FactChip = { 
/**
 * "number", "date", "time", "place", "actor".
 */
kind: string, 
/**
 * One-line reading ("18 drone ≠ 6 missile").
 */
label: string, 
/**
 * Each side's value, pointing at its claim.
 */
values: Array<FactChipValue>, };

export type FactChipValue = { 
/**
 * The claim holding it.
 */
claim_id: number, 
/**
 * The value as written.
 */
text: string, };

export type ConflictDiff = { 
/**
 * The conflict.
 */
conflict: ConflictSummary, 
/**
 * One column per party.
 */
columns: Array<DiffColumn>, 
/**
 * The facts that disagree.
 */
facts: Array<FactChip>, };

export type VerdictOption = { 
/**
 * Stable key ("mostly_true", "unverified").
 */
key: string, 
/**
 * English label.
 */
label: string, 
/**
 * `#rrggbb`.
 */
colour: string, 
/**
 * False for work in progress (`unverified`, `in_progress`).
 */
conclusive: boolean, };

export type Attribution = "unchecked" | "confirmed" | "relayed_only" | "misattributed";

export type Evidence = { 
/**
 * Evidence id.
 */
id: number, 
/**
 * "supports", "refutes" or "context".
 */
relation: string, 
/**
 * What it is: a URL, "source 3, chars 10–40", a file name, or "note".
 */
what: string, 
/**
 * The analyst's comment (or the note itself).
 */
note: string, 
/**
 * Who attached it.
 */
analyst: string, 
/**
 * When (RFC 3339).
 */
added_at: string, 
/**
 * For a web page with an http(s) address: the address, which `open_evidence_url` opens.
 */
link: string | null, 
/**
 * For a passage: its source, to read it in context.
 */
source_id: number | null, };

export type Relation = "supports" | "refutes" | "context";

export type EvidenceWhat = { "kind": "url", 
/**
 * Its address (http or https).
 */
url: string, } | { "kind": "passage", 
/**
 * The source.
 */
source_id: number, 
/**
 * Start.
 */
start: number, 
/**
 * End (exclusive).
 */
end: number, } | { "kind": "file", 
/**
 * The path the dialog returned.
 */
path: string, } | { "kind": "note" };

export type EvidenceInput = { 
/**
 * The claim it bears on.
 */
claim: number | null, 
/**
 * The conflict it bears on.
 */
conflict: number | null, 
/**
 * Supports, refutes or context.
 */
relation: Relation, 
/**
 * What it is.
 */
evidence: EvidenceWhat, 
/**
 * The analyst's comment (the note itself for a note).
 */
note: string, };

export type ConflictRecord = { 
/**
 * Conflict id.
 */
id: number, 
/**
 * Where it stands, as reports say it.
 */
state: string, 
/**
 * Who is right: "open", "resolved", "all_contradicted", "both_partly", "unresolvable"; `null` until decided.
 */
outcome: string | null, 
/**
 * For "resolved": the party key.
 */
party: string | null, 
/**
 * Why.
 */
explanation: string, 
/**
 * Evidence, newest first.
 */
evidence: Array<Evidence>, 
/**
 * Changes, newest first.
 */
history: Array<HistoryLine>, 
/**
 * The analyst's name; `null` until set.
 */
analyst: string | null, };

export type HistoryLine = { 
/**
 * When (RFC 3339).
 */
at: string, 
/**
 * What changed, as a sentence ("verdict: unverified → false").
 */
change: string, 
/**
 * The analyst's note.
 */
note: string | null, 
/**
 * Who.
 */
analyst: string, };

export type Verification = { 
/**
 * Claim id.
 */
claim_id: number, 
/**
 * Verdict key.
 */
verdict: string, 
/**
 * Attribution status.
 */
attribution: Attribution, 
/**
 * The verdicts to choose from, in display order.
 */
verdicts: Array<VerdictOption>, 
/**
 * Evidence, newest first.
 */
evidence: Array<Evidence>, 
/**
 * Changes, newest first.
 */
history: Array<HistoryLine>, 
/**
 * The analyst's name, needed to record a decision; `null` until it is set.
 */
analyst: string | null, };

export type VerdictInput = { 
/**
 * Claim id.
 */
claim_id: number, 
/**
 * New verdict key.
 */
verdict: string, 
/**
 * New attribution status.
 */
attribution: Attribution, 
/**
 * Why.
 */
note: string | null, };

export type ReportScope = { "kind": "all" } | { "kind": "party", 
/**
 * Party key.
 */
key: string, } | { "kind": "source", 
/**
 * Source id.
 */
id: number, } | { "kind": "conflict", 
/**
 * Conflict id.
 */
id: number, } | { "kind": "claims", 
/**
 * The table's query (its sort does not matter: a report lists claims in reading order).
 */
query: ClaimQuery, };

export type ReportFormat = "markdown" | "html" | "json" | "csv" | "claim_review" | "pdf";

export type ReportKind = "publication" | "audit";

export type ReportOptions = { 
/**
 * What it covers.
 */
scope: ReportScope, 
/**
 * Publication or audit.
 */
kind: ReportKind, 
/**
 * `en` or `fr`.
 */
language: string, 
/**
 * Title (`None` or blank: one naming the scope).
 */
title: string | null, 
/**
 * The analyst named on it (`None` or blank: the `analyst` setting).
 */
analyst: string | null, };

export type PreviewColumn = { 
/**
 * Its label in the report's language.
 */
label: string, 
/**
 * `#rrggbb`.
 */
colour: string, };

export type PreviewRow = { 
/**
 * The party's name in the report's language.
 */
name: string, 
/**
 * Claims per verdict, in the order of the columns.
 */
counts: Array<number>, };

export type PreviewConflict = { 
/**
 * The disputed proposition.
 */
title: string, 
/**
 * Where it stands.
 */
state: string, };

export type ReportPreview = { 
/**
 * Title.
 */
title: string, 
/**
 * Kind, date, analyst, number of claims.
 */
meta: string, 
/**
 * The chart's verdicts (only those with claims).
 */
columns: Array<PreviewColumn>, 
/**
 * The chart's bars.
 */
rows: Array<PreviewRow>, 
/**
 * Its conflicts.
 */
conflicts: Array<PreviewConflict>, 
/**
 * Claims listed.
 */
claims: number, 
/**
 * Sources cited.
 */
sources: number, };

export type ReportResult = { 
/**
 * Where.
 */
path: string, 
/**
 * Its size in bytes.
 */
bytes: number, };

export type TagCountDto = { 
/**
 * The tag.
 */
tag: string, 
/**
 * Claims carrying it.
 */
claims: number, };

export type MatrixRow = { 
/**
 * Party key; `null` for claims whose party is unknown.
 */
key: string | null, 
/**
 * Display name ("no party" for the unknown one).
 */
name: string, };

export type MatrixVerdict = { 
/**
 * Verdict key (see `verdicts` for labels and colours).
 */
verdict: string, 
/**
 * How many.
 */
claims: number, };

export type MatrixClaim = { 
/**
 * Claim id.
 */
id: number, 
/**
 * Content text.
 */
text: string, 
/**
 * Who said it.
 */
speaker: string, 
/**
 * Verdict key.
 */
verdict: string, };

export type MatrixCellDto = { 
/**
 * The row's party key (`null`: no party).
 */
party: string | null, 
/**
 * The column's tag.
 */
tag: string, 
/**
 * Claims per verdict, in the taxonomy's order.
 */
verdicts: Array<MatrixVerdict>, 
/**
 * The claims, in reading order.
 */
claims: Array<MatrixClaim>, };

export type TagMatrixDto = { 
/**
 * Rows, by name, the unknown party last.
 */
parties: Array<MatrixRow>, 
/**
 * Columns, alphabetically.
 */
tags: Array<string>, 
/**
 * Non-empty cells.
 */
cells: Array<MatrixCellDto>, };

