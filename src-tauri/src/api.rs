//! What each command does, as plain functions over a [`Workbench`]: conversion of inputs to core
//! calls and of core results to DTOs, nothing more. Kept free of Tauri types so that they are
//! tested without a window.

use std::collections::HashMap;

use crosscheck::model::Speaker;
use crosscheck::store::{ClaimFilter, DateSpan, SourceField};
use crosscheck::Workbench;

use crate::dto::*;

/// Result of a command.
pub type IpcResult<T> = Result<T, IpcError>;

/// Most rows one claims-page call returns; the table asks for the window it shows.
pub const MAX_PAGE: u32 = 1000;

/// Most sources one `find_sources` call returns.
pub const MAX_FOUND: u32 = 200;

/// At most `limit` (≤ [`MAX_FOUND`]) sources whose title, or text too (`field`), holds the
/// words, newest first; a number finds that source first.
pub fn find_sources(wb: &Workbench, words: &str, field: SourceField, limit: u32) -> IpcResult<Vec<SourceSummary>> {
    Ok(wb.find_sources(words, field, limit.min(MAX_FOUND) as usize)?.iter().map(SourceSummary::from).collect())
}

/// One source as the lists show it, without its text.
pub fn source_summary(wb: &Workbench, id: i64) -> IpcResult<SourceSummary> {
    Ok(SourceSummary::from(&wb.source_listing(id)?))
}

/// The Library's rows `offset..offset + limit` (at most [`MAX_PAGE`]), with the total.
pub fn sources_page(wb: &Workbench, offset: u32, limit: u32) -> IpcResult<SourcePageDto> {
    let page = wb.source_page(offset as usize, limit.min(MAX_PAGE) as usize)?;
    Ok(SourcePageDto { total: count32(page.total), offset, sources: page.sources.iter().map(SourceSummary::from).collect() })
}

/// What is known of a source that the analyst may correct: outlet, author, publication day.
pub fn source_facts(wb: &Workbench, id: i64) -> IpcResult<SourceFactsDto> {
    Ok(SourceFactsDto::new(&wb.source(id)?, wb.provenance(id)?.author))
}

/// Corrects a source's facts as the Library's form holds them (null or empty clears one); the
/// core writes what changed to the history under the analyst's name.
pub fn edit_source(wb: &mut Workbench, id: i64, facts: SourceFactsDto) -> IpcResult<SourceFactsDto> {
    let s = wb.edit_source(id, facts.try_into()?)?;
    Ok(SourceFactsDto::new(&s, wb.provenance(id)?.author))
}

/// A source's text and highlights.
pub fn source_text(wb: &Workbench, id: i64) -> IpcResult<SourceText> {
    let s = wb.source(id)?;
    let claims = wb.claims(&ClaimFilter { source: Some(id), ..Default::default() })?;
    let highlights = claims
        .iter()
        .map(|c| Highlight {
            claim_id: c.id,
            start: c.anchor.start as u32,
            end: c.anchor.end as u32,
            party: c.speaker.party.clone(),
            speaker: c.speaker.name.clone(),
            stance: c.stance,
        })
        .collect();
    Ok(SourceText { source: SourceSummary::new(&s, claims.len()), text: s.text, highlights })
}

/// One window of the claims matching `q`.
pub fn claims_page(wb: &Workbench, q: &ClaimQuery, offset: u32, limit: u32) -> IpcResult<ClaimPageDto> {
    let (filter, dates) = q.to_filter()?;
    let page = wb.claims_page(&filter, &dates, offset as usize, limit.min(MAX_PAGE) as usize)?;
    Ok(ClaimPageDto { total: count32(page.total), total_exact: page.total_exact, offset, rows: rows_of(wb, &page.claims)? })
}

/// How many claims `q` picks, every one counted: asked for after a page whose total was a bound.
pub fn claims_total(wb: &Workbench, q: &ClaimQuery) -> IpcResult<u32> {
    let (filter, dates) = q.to_filter()?;
    Ok(count32(wb.claims_total(&filter, &dates)?))
}

/// The most ids one range may hold: a Shift-click across the whole of a large store.
pub const MAX_RANGE: u32 = 200_000;

/// The ids of the rows `offset..offset + limit` of the claims matching `q`, in the table's
/// order: a range selected across pages the table has not loaded.
pub fn claim_ids(wb: &Workbench, q: &ClaimQuery, offset: u32, limit: u32) -> IpcResult<Vec<i64>> {
    if limit > MAX_RANGE {
        return Err(IpcError::new(ErrorCode::BadInput, format!("a range of {limit} rows is more than {MAX_RANGE}: filter the claims first")));
    }
    let (filter, dates) = q.to_filter()?;
    Ok(wb.claim_ids(&filter, &dates, offset as usize, limit as usize)?)
}

/// Table rows with their verdicts: one indexed lookup a row, for the ~200 rows of a page.
fn rows_of(wb: &Workbench, claims: &[crosscheck::model::Claim]) -> IpcResult<Vec<ClaimRow>> {
    // The page's sources, each read once: a page of 200 claims holds a few dozen.
    let mut ids: Vec<i64> = claims.iter().map(|c| c.source_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let sources: HashMap<i64, crosscheck::store::SourceListing> = wb.source_listings(&ids)?.into_iter().map(|s| (s.id, s)).collect();
    claims.iter().map(|c| Ok(ClaimRow::new(c, wb.verification(c.id)?.verdict, sources.get(&c.source_id)))).collect()
}

/// A claim in full.
pub fn claim(wb: &Workbench, id: i64) -> IpcResult<ClaimDetail> {
    let c = wb.claim(id)?;
    let title = wb.source(c.source_id)?.title;
    Ok(ClaimDetail::new(&c, title))
}

/// Records a claim marked by hand.
pub fn add_claim(wb: &mut Workbench, input: NewClaimInput) -> IpcResult<ClaimDetail> {
    let speaker = Speaker { name: input.speaker, party: input.party, countries: Vec::new() };
    let c = wb.add_claim(input.source_id, input.start as usize, input.end as usize, speaker, input.cue.trim(), input.stance)?;
    claim(wb, c.id)
}

/// Corrects a claim (the core logs the change under the analyst's name).
pub fn update_claim(wb: &mut Workbench, id: i64, edit: ClaimEditInput) -> IpcResult<ClaimDetail> {
    let changes = crosscheck::ClaimChanges {
        text: Some(edit.text),
        speaker: Some(edit.speaker.name),
        party: Some(edit.speaker.party.unwrap_or_default()),
        stance: Some(edit.stance),
        cue: Some(edit.cue),
        span: Some((edit.start as usize, edit.end as usize)),
        responds_to: Some(edit.responds_to),
    };
    wb.edit_claim(id, changes, "")?;
    claim(wb, id)
}

/// Sets the review state of claims (accept: `reviewed`); returns how many changed.
pub fn set_review(wb: &mut Workbench, ids: &[i64], state: ReviewState) -> IpcResult<u32> {
    Ok(u32::try_from(wb.set_review(ids, state, "")?).unwrap_or(u32::MAX))
}

/// Gives claims one verdict (all or none); returns how many changed.
pub fn set_verdicts(wb: &mut Workbench, ids: &[i64], verdict: &str) -> IpcResult<u32> {
    Ok(u32::try_from(wb.set_verdicts(ids, verdict, "")?).unwrap_or(u32::MAX))
}

/// Says which party speaks in claims (all or none); returns how many changed.
pub fn set_party(wb: &mut Workbench, ids: &[i64], party: &str) -> IpcResult<u32> {
    Ok(u32::try_from(wb.set_party(ids, party, "")?).unwrap_or(u32::MAX))
}

/// Adds `tag` to claims (all or none); returns the tags in use after.
pub fn tag_claims(wb: &mut Workbench, tag: &str, ids: &[i64]) -> IpcResult<Vec<TagCountDto>> {
    wb.tag_claims(tag, ids, "")?;
    tags(wb)
}

/// Removes `tag` from claims (all or none); returns the tags in use after.
pub fn untag_claims(wb: &mut Workbench, tag: &str, ids: &[i64]) -> IpcResult<Vec<TagCountDto>> {
    wb.untag_claims(tag, ids, "")?;
    tags(wb)
}

/// The tags in use with their claim counts, for suggestions and the matrix.
pub fn tags(wb: &Workbench) -> IpcResult<Vec<TagCountDto>> {
    Ok(wb.tags()?.iter().map(Into::into).collect())
}

/// A claim's tags.
pub fn claim_tags(wb: &Workbench, id: i64) -> IpcResult<Vec<String>> {
    Ok(wb.claim_tags(id)?)
}

/// The party × tag matrix, with the text and speaker of each cell's claims.
pub fn tag_matrix(wb: &Workbench) -> IpcResult<TagMatrixDto> {
    let m = wb.tag_matrix()?;
    let mut cells = Vec::with_capacity(m.cells.len());
    for c in m.cells {
        let claims = c
            .claims
            .iter()
            .map(|x| wb.claim(x.id).map(|claim| MatrixClaim { id: x.id, text: claim.text, speaker: claim.speaker.name, verdict: x.verdict.clone() }))
            .collect::<crosscheck::Result<Vec<_>>>()?;
        let verdicts = c.verdicts.iter().map(|v| MatrixVerdict { verdict: v.verdict.clone(), claims: u32::try_from(v.claims).unwrap_or(u32::MAX) }).collect();
        cells.push(MatrixCellDto { party: c.party, tag: c.tag, verdicts, claims });
    }
    let parties = m.parties.into_iter().map(|p| MatrixRow { key: p.key, name: p.name }).collect();
    Ok(TagMatrixDto { parties, tags: m.tags, cells })
}

/// Parties matching what the analyst typed in the party picker, best first.
pub fn search_parties(wb: &Workbench, query: &str, limit: u32) -> IpcResult<Vec<PartySummary>> {
    Ok(wb.search_parties(query, limit.min(100) as usize)?.iter().map(|p| PartySummary::new(p, 0)).collect())
}

/// Creates a party from the party picker.
pub fn create_party(wb: &mut Workbench, name: &str, kind: PartyKind, country: Option<String>) -> IpcResult<PartySummary> {
    let p = wb.create_party(name, kind, country.as_deref())?;
    Ok(PartySummary::new(&p, 0))
}

/// Attaches evidence to a claim or a conflict; a file's path must already be checked by the caller.
pub fn add_evidence(wb: &mut Workbench, input: EvidenceInput) -> IpcResult<Evidence> {
    use crosscheck::model::{NewEvidence, NewEvidenceKind, Target};
    let target = match (input.claim, input.conflict) {
        (Some(c), None) => Target::Claim(c),
        (None, Some(c)) => Target::Conflict(c),
        _ => return Err(IpcError::new(ErrorCode::BadInput, "evidence bears on one claim or one conflict")),
    };
    let relation = input.relation;
    let item = match input.evidence {
        EvidenceWhat::Url { url } => {
            if !crosscheck::text::is_web_url(url.trim()) {
                return Err(IpcError::new(ErrorCode::BadInput, format!("{url:?} is not an http(s) address")));
            }
            wb.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Url(url.trim().to_string()), note: input.note })?
        }
        EvidenceWhat::Passage { source_id, start, end } => {
            wb.add_passage_evidence(target, source_id, start as usize, end as usize, relation, &input.note)?
        }
        EvidenceWhat::File { path } => wb.add_file_evidence(target, std::path::Path::new(&path), relation, &input.note)?,
        EvidenceWhat::Note => wb.add_evidence(NewEvidence { target, relation, kind: NewEvidenceKind::Note, note: input.note })?,
    };
    Ok(Evidence::from(&item))
}

/// The http(s) address of a piece of evidence, the only kind of address the app opens.
pub fn evidence_link(wb: &Workbench, id: i64) -> IpcResult<String> {
    wb.evidence_item(id)?
        .and_then(|e| match e.kind {
            crosscheck::model::EvidenceKind::Url { url } if crosscheck::text::is_web_url(&url) => Some(url),
            _ => None,
        })
        .ok_or_else(|| IpcError::new(ErrorCode::Forbidden, format!("evidence {id} is not a web page")))
}

/// Deletes a claim (the history keeps what it was).
pub fn delete_claim(wb: &mut Workbench, id: i64) -> IpcResult<()> {
    Ok(wb.delete_claim(id, "")?)
}

/// Full-text search over sources and claims.
pub fn search(wb: &Workbench, text: &str) -> IpcResult<SearchResults> {
    if text.trim().is_empty() {
        return Ok(SearchResults { sources: Vec::new(), claims: Vec::new() });
    }
    // The newest sources holding the words, as listings: ranking every match and counting every
    // source's claims (a `GROUP BY` over every claim) took seconds at a million claims.
    let sources = find_sources(wb, text, SourceField::Any, MAX_FOUND)?;
    let filter = ClaimFilter { query: Some(text.to_string()), ..Default::default() };
    let claims = wb.claims_page(&filter, &DateSpan::default(), 0, 200)?;
    Ok(SearchResults { sources, claims: rows_of(wb, &claims.claims)? })
}

/// Parties with claims or edited by the analyst (or all of them).
pub fn parties(wb: &Workbench, all: bool) -> IpcResult<Vec<PartySummary>> {
    Ok(wb.parties(all)?.iter().map(|(p, n)| PartySummary::new(p, *n)).collect())
}

fn party_summary(wb: &Workbench, key: &str) -> IpcResult<PartySummary> {
    let p = wb.party(key)?;
    let counts: HashMap<String, i64> = wb.parties(true)?.into_iter().map(|(p, n)| (p.key, n)).collect();
    let n = counts.get(key).copied().unwrap_or(0);
    Ok(PartySummary::new(&p, n))
}

/// Adds an alias.
pub fn add_alias(wb: &mut Workbench, key: &str, lang: &str, text: &str) -> IpcResult<PartySummary> {
    let p = wb.add_alias(key, lang, text)?;
    party_summary(wb, &p.key)
}

/// Removes an alias.
pub fn remove_alias(wb: &mut Workbench, key: &str, text: &str) -> IpcResult<PartySummary> {
    let p = wb.remove_alias(key, text)?;
    party_summary(wb, &p.key)
}

/// Merges party `from` into `into`.
pub fn merge_parties(wb: &mut Workbench, from: &str, into: &str) -> IpcResult<PartySummary> {
    let p = wb.merge_parties(from, into)?;
    party_summary(wb, &p.key)
}

/// A party's claims per day.
pub fn party_timeline(wb: &Workbench, key: &str) -> IpcResult<Vec<TimelinePoint>> {
    let days = wb.claims_by_day(&ClaimFilter { party: Some(key.to_string()), ..Default::default() })?;
    Ok(days.into_iter().map(|(d, n)| TimelinePoint { day: d.format("%Y-%m-%d").to_string(), claims: n as u32 }).collect())
}

/// Who speaks for a party (a state includes its institutions and officials): each person once
/// with every name the sources give them, most claims first.
pub fn party_speakers(wb: &Workbench, key: &str) -> IpcResult<Vec<PartySpeaker>> {
    Ok(wb.party_speakers(key)?.into_iter().map(PartySpeaker::from).collect())
}

/// Creates the sample workspace when the store holds no source; true when it did.
pub fn load_demo_if_empty(wb: &mut Workbench) -> IpcResult<bool> {
    if wb.has_sources()? {
        return Ok(false);
    }
    wb.load_demo()?;
    Ok(true)
}

/// The conflicts at `offset..offset + limit` (at most [`MAX_FOUND`]) of the conflicts list —
/// confirmed and replies first, then candidates by score —, of one status, or of every status but
/// rejected when none is given, each with its card. Every view and form takes a window: a card is a
/// diff view built, and a workspace of a million claims holds conflicts by the ten thousand.
pub fn conflicts_window(wb: &Workbench, offset: u32, limit: u32, status: Option<ConflictReview>) -> IpcResult<Vec<ConflictSummary>> {
    let filter = crosscheck::store::ConflictFilter { status: status.map(|s| s.as_status().to_string()), claim: None };
    Ok(wb.conflict_cards_window(&filter, offset as usize, limit.min(MAX_FOUND) as usize)?.iter().map(ConflictSummary::from).collect())
}

/// A conflict's diff view.
pub fn conflict_diff(wb: &Workbench, id: i64) -> IpcResult<ConflictDiff> {
    let card = wb.conflict_card(id)?;
    let view = wb.conflict_view(id)?;
    Ok(ConflictDiff::new((&card).into(), &view))
}

/// Confirms or rejects a conflict; `reason` goes to the history (required to reject).
pub fn set_conflict_status(wb: &mut Workbench, id: i64, status: ConflictReview, reason: &str) -> IpcResult<ConflictSummary> {
    let c = match status {
        ConflictReview::Confirmed => wb.confirm_conflict(id, reason)?,
        ConflictReview::Rejected => wb.reject_conflict(id, reason)?,
        ConflictReview::Proposed => return Err(IpcError::new(ErrorCode::BadInput, "a conflict can be confirmed or rejected, not set back to proposed")),
    };
    Ok((&wb.conflict_card(c.id)?).into())
}

/// The conflicts holding a claim and the statement it carries: what the claim panel's links show.
pub fn claim_links(wb: &Workbench, id: i64) -> IpcResult<ClaimLinks> {
    let filter = crosscheck::store::ConflictFilter { status: None, claim: Some(id) };
    let statement = SameStatement::from(&wb.statement(id)?);
    let conflicts = wb.conflict_cards(&filter)?.iter().map(ConflictSummary::from).collect();
    Ok(ClaimLinks { claim_id: id, conflicts, statement, analyst: wb.analyst().ok() })
}

/// Builds a conflict by hand from claims the analyst says contradict each other; an empty
/// explanation is none.
pub fn new_conflict(wb: &mut Workbench, claims: &[i64], explanation: &str) -> IpcResult<ConflictSummary> {
    let c = wb.new_conflict(claims, Some(explanation.trim()).filter(|x| !x.is_empty()))?;
    Ok((&wb.conflict_card(c.id)?).into())
}

/// Adds a claim to a conflict.
pub fn add_to_conflict(wb: &mut Workbench, id: i64, claim: i64) -> IpcResult<ConflictSummary> {
    let c = wb.add_to_conflict(id, claim)?;
    Ok((&wb.conflict_card(c.id)?).into())
}

/// Says that `claim` is the same statement as `same_as` (the core logs it under the analyst's name).
pub fn link_statement(wb: &mut Workbench, claim: i64, same_as: i64, note: &str) -> IpcResult<SameStatement> {
    Ok((&wb.link_statement(claim, same_as, note)?).into())
}

/// Takes a claim out of its statement (the core logs it under the analyst's name).
pub fn unlink_statement(wb: &mut Workbench, claim: i64, note: &str) -> IpcResult<SameStatement> {
    Ok((&wb.unlink_statement(claim, note)?).into())
}

/// Store facts for the status bar.
pub fn workspace_info(wb: &Workbench, demo_loaded: bool) -> IpcResult<WorkspaceInfo> {
    Ok(WorkspaceInfo {
        store: wb.store_path().display().to_string(),
        sources: count32(wb.source_count()?),
        claims: wb.claim_count()? as u32,
        demo_loaded,
    })
}

/// Writes the report the options describe, in `format`, to `path`.
pub fn export_report(wb: &Workbench, options: ReportOptions, format: ReportFormat, path: &std::path::Path) -> IpcResult<ReportResult> {
    let bytes = wb.export(&options.try_into()?, format)?;
    crosscheck::report::write_file(path, &bytes)?;
    Ok(ReportResult { path: path.display().to_string(), bytes: bytes.len().min(u32::MAX as usize) as u32 })
}

/// What the report the options describe will hold.
pub fn preview_report(wb: &Workbench, options: ReportOptions) -> IpcResult<ReportPreview> {
    Ok(crosscheck::report::preview(&wb.report(&options.try_into()?)?).into())
}

/// A claim's verdict, attribution status, evidence and history, with the verdicts to choose from.
pub fn verification(wb: &Workbench, claim_id: i64) -> IpcResult<Verification> {
    use crosscheck::model::Target;
    let v = wb.verification(claim_id)?;
    let verdicts = verdicts(wb)?;
    let mut evidence: Vec<Evidence> = wb.evidence(Target::Claim(claim_id))?.iter().map(Evidence::from).collect();
    evidence.reverse();
    let name = party_namer(wb);
    let mut history: Vec<HistoryLine> = wb.history(Some(Target::Claim(claim_id)))?.iter().map(|h| HistoryLine::new(h, &name)).collect();
    history.reverse();
    Ok(Verification { claim_id, verdict: v.verdict, attribution: v.attribution, verdicts, evidence, history, analyst: wb.analyst().ok() })
}

/// Names a party key for readers: "Armenia (AM)", or the key itself when unknown.
fn party_namer(wb: &Workbench) -> impl Fn(&str) -> String + '_ {
    move |key: &str| wb.party(key).map(|p| format!("{} ({key})", p.name)).unwrap_or_else(|_| key.to_string())
}

/// A conflict's decision (who is right, and why), evidence and history, newest first.
pub fn conflict_record(wb: &Workbench, id: i64) -> IpcResult<ConflictRecord> {
    use crosscheck::model::Target;
    let card = wb.conflict_card(id)?;
    let verdict = wb.conflict_verdict(id)?;
    let name = party_namer(wb);
    let mut evidence: Vec<Evidence> = wb.evidence(Target::Conflict(id))?.iter().map(Evidence::from).collect();
    evidence.reverse();
    let mut history: Vec<HistoryLine> = wb.history(Some(Target::Conflict(id)))?.iter().map(|h| HistoryLine::new(h, &name)).collect();
    history.reverse();
    Ok(ConflictRecord {
        id,
        state: ConflictSummary::from(&card).state,
        outcome: verdict.as_ref().map(|v| v.status.as_str().to_string()),
        party: verdict.as_ref().and_then(|v| v.status.party().map(str::to_string)),
        explanation: verdict.map(|v| v.explanation).unwrap_or_default(),
        evidence,
        history,
        analyst: wb.analyst().ok(),
    })
}

/// Says who is right in a conflict (which confirms it), with the explanation.
pub fn resolve_conflict(wb: &mut Workbench, id: i64, outcome: &str, party: Option<String>, explanation: &str) -> IpcResult<ConflictRecord> {
    let status = crosscheck::model::ConflictStatus::parse(outcome, party.as_deref().filter(|p| !p.trim().is_empty()))?;
    wb.set_conflict_status(id, status, explanation)?;
    conflict_record(wb, id)
}

/// Records the analyst's verdict and attribution status (each only when it changed).
pub fn set_verdict(wb: &mut Workbench, input: VerdictInput) -> IpcResult<Verification> {
    let before = wb.verification(input.claim_id)?;
    let note = input.note.unwrap_or_default();
    if before.verdict != input.verdict {
        wb.set_verdict(input.claim_id, &input.verdict, &note)?;
    }
    let attribution = input.attribution;
    if before.attribution != attribution {
        wb.set_attribution(input.claim_id, attribution, &note)?;
    }
    verification(wb, input.claim_id)
}

/// Sets the analyst's name, recorded with every decision.
pub fn set_analyst(wb: &mut Workbench, name: &str) -> IpcResult<()> {
    Ok(wb.set_setting(crosscheck::model::ANALYST_SETTING, name)?)
}

/// The workspace's verdicts, in display order.
pub fn verdicts(wb: &Workbench) -> IpcResult<Vec<VerdictOption>> {
    Ok(wb
        .taxonomy()?
        .verdicts
        .iter()
        .map(|t| VerdictOption { key: t.key.clone(), label: t.label.en.clone(), colour: t.colour.clone(), conclusive: t.conclusive })
        .collect())
}
