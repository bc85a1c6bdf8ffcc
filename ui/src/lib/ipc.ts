// The one module that talks to the backend. Every view calls these functions; none imports
// @tauri-apps/api. Arguments and results are the generated DTO types (./bindings), and every
// failure is an IpcError {code, message} — including failures of the transport itself.

import { invoke, Channel } from '@tauri-apps/api/core';
import type {
  ClaimDetail, ClaimEditInput, ClaimLinks, ConflictRecord, Evidence, EvidenceInput, ClaimPageDto, ClaimQuery, ConflictDiff, ConflictReview,
  ConflictSummary, ImportEvent, ImportReport, IpcError, NewClaimInput, PartyKind, PartySpeaker, PartySummary, ReviewState,
  ReportFormat, ReportOptions, ReportPreview, ReportResult, ReportScope, SameStatement, SearchResults, SourceFactsDto, SourceField, SourcePageDto, SourceSummary, SourceText,
  TagCountDto, TagMatrixDto, TimelinePoint, VerdictInput, VerdictOption, Verification, WorkspaceInfo,
} from './bindings';

export type * from './bindings';

/** True when `e` is an error as the backend sends it. */
export function isIpcError(e: unknown): e is IpcError {
  return typeof e === 'object' && e !== null && 'code' in e && 'message' in e;
}

/** Any thrown value as an IpcError, so views show one kind of error. */
export function asIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return e;
  return { code: 'internal', message: e instanceof Error ? e.message : String(e) };
}

async function call<T>(cmd: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw asIpcError(e);
  }
}

export const workspaceInfo = () => call<WorkspaceInfo>('workspace_info');
export const uiReady = () => call<number>('ui_ready');

/** At most `limit` sources whose title (`field` 'title') or text holds the words, newest first; a number finds that source. */
export const findSources = (words: string, field: SourceField, limit: number) => call<SourceSummary[]>('find_sources', { words, field, limit });
export const sourceSummary = (id: number) => call<SourceSummary>('source_summary', { id });
export const sourcesPage = (offset: number, limit: number) => call<SourcePageDto>('sources_page', { offset, limit });
export const sourceFacts = (id: number) => call<SourceFactsDto>('source_facts', { id });
/** Corrects a source's outlet, author and day (null clears one); the core logs what changed. */
export const editSource = (id: number, facts: SourceFactsDto) => call<SourceFactsDto>('edit_source', { id, facts });
export const sourceText = (id: number) => call<SourceText>('source_text', { id });

let nextJob = 1;

/** A running import: its progress arrives through `onEvent`; `cancel` stops it between files. */
export interface ImportJob {
  done: Promise<ImportReport>;
  cancel: () => Promise<boolean>;
}

function startJob(cmd: string, args: Record<string, unknown>, onEvent: (e: ImportEvent) => void): ImportJob {
  const job = nextJob++;
  const channel = new Channel<ImportEvent>();
  channel.onmessage = onEvent;
  return {
    done: call<ImportReport>(cmd, { ...args, job, onEvent: channel }),
    cancel: () => call<boolean>('cancel_import', { job }),
  };
}

export const importFiles = (paths: string[], onEvent: (e: ImportEvent) => void) =>
  startJob('import_files', { paths }, onEvent);
export const importUrl = (url: string, onEvent: (e: ImportEvent) => void) =>
  startJob('import_url', { url }, onEvent);
export const pickImportFiles = () => call<string[]>('pick_import_files');

/** Calls `handler` with the paths of files dropped on the window; resolves to an unsubscribe. */
export async function onFileDrop(handler: (paths: string[]) => void, hover?: (over: boolean) => void): Promise<() => void> {
  try {
    const { getCurrentWebview } = await import('@tauri-apps/api/webview');
    return await getCurrentWebview().onDragDropEvent((event) => {
      const p = event.payload;
      if (p.type === 'drop') {
        hover?.(false);
        if (p.paths.length) handler(p.paths);
      } else if (p.type === 'enter' || p.type === 'over') {
        hover?.(true);
      } else {
        hover?.(false);
      }
    });
  } catch {
    // Outside the app window (tests), there is no drop source.
    return () => {};
  }
}

export const claimsPage = (query: ClaimQuery, offset: number, limit: number) =>
  call<ClaimPageDto>('claims_page', { query, offset, limit });
/** How many claims `query` picks, every one counted: after a page whose total was a bound. */
export const claimsTotal = (query: ClaimQuery) => call<number>('claims_total', { query });
/** The ids of the rows `offset..offset + limit` of the claims `query` picks, in its order. */
export const claimIds = (query: ClaimQuery, offset: number, limit: number) => call<number[]>('claim_ids', { query, offset, limit });
export const claim = (id: number) => call<ClaimDetail>('claim', { id });
export const addClaim = (input: NewClaimInput) => call<ClaimDetail>('add_claim', { input });
export const updateClaim = (id: number, edit: ClaimEditInput) => call<ClaimDetail>('update_claim', { id, edit });
export const deleteClaim = (id: number) => call<null>('delete_claim', { id });
export const setReview = (ids: number[], review: ReviewState) => call<number>('set_review', { ids, review });
export const setVerdicts = (ids: number[], verdict: string) => call<number>('set_verdicts', { ids, verdict });
export const setParty = (ids: number[], party: string) => call<number>('set_party', { ids, party });
export const tagClaims = (tag: string, ids: number[]) => call<TagCountDto[]>('tag_claims', { tag, ids });
export const untagClaims = (tag: string, ids: number[]) => call<TagCountDto[]>('untag_claims', { tag, ids });
export const tags = () => call<TagCountDto[]>('tags');
export const claimTags = (id: number) => call<string[]>('claim_tags', { id });
export const tagMatrix = () => call<TagMatrixDto>('tag_matrix');
export const search = (text: string) => call<SearchResults>('search', { text });

export const parties = (all = false) => call<PartySummary[]>('parties', { all });
export const searchParties = (query: string, limit: number) => call<PartySummary[]>('search_parties', { query, limit });
export const createParty = (name: string, kind: PartyKind, country: string | null) =>
  call<PartySummary>('create_party', { name, kind, country });
export const addAlias = (key: string, lang: string, text: string) => call<PartySummary>('add_alias', { key, lang, text });
export const removeAlias = (key: string, text: string) => call<PartySummary>('remove_alias', { key, text });
export const mergeParties = (from: string, into: string) => call<PartySummary>('merge_parties', { from, into });
export const partyTimeline = (key: string) => call<TimelinePoint[]>('party_timeline', { key });
export const partySpeakers = (key: string) => call<PartySpeaker[]>('party_speakers', { key });

/** The conflicts at `offset..offset + limit` of the list (at most 200), each with its card: of
 * `status`, or of every status but rejected when it is null. */
export const conflictsWindow = (offset: number, limit: number, status: ConflictReview | null = null) =>
  call<ConflictSummary[]>('conflicts_window', { offset, limit, status });
export const conflictDiff = (id: number) => call<ConflictDiff>('conflict_diff', { id });
export const setConflictStatus = (id: number, status: ConflictReview, reason: string) =>
  call<ConflictSummary>('set_conflict_status', { id, status, reason });
/** The conflicts holding a claim and the statement it carries. */
export const claimLinks = (id: number) => call<ClaimLinks>('claim_links', { id });
/** A conflict of claims the analyst says contradict each other; an empty explanation is none. */
export const newConflict = (claims: number[], explanation: string) => call<ConflictSummary>('new_conflict', { claims, explanation });
export const addToConflict = (id: number, claim: number) => call<ConflictSummary>('add_to_conflict', { id, claim });
/** `claim` is the same statement as `sameAs`: it joins that claim's statement (logged with the analyst's name). */
export const linkStatement = (claim: number, sameAs: number, note: string) => call<SameStatement>('link_statement', { claim, sameAs, note });
/** Takes `claim` out of its statement: it stands alone again. */
export const unlinkStatement = (claim: number, note: string) => call<SameStatement>('unlink_statement', { claim, note });

export const addEvidence = (input: EvidenceInput) => call<Evidence>('add_evidence', { input });
export const pickEvidenceFile = () => call<string | null>('pick_evidence_file');
export const openEvidenceUrl = (id: number) => call<null>('open_evidence_url', { id });
export const conflictRecord = (id: number) => call<ConflictRecord>('conflict_record', { id });
export const resolveConflict = (id: number, outcome: string, party: string | null, explanation: string) =>
  call<ConflictRecord>('resolve_conflict', { id, outcome, party, explanation });
export const verification = (claimId: number) => call<Verification>('verification', { claimId });
export const setVerdict = (input: VerdictInput) => call<Verification>('set_verdict', { input });
export const setAnalyst = (name: string) => call<null>('set_analyst', { name });
export const verdicts = () => call<VerdictOption[]>('verdicts');

export const pickReportPath = (format: ReportFormat) => call<string | null>('pick_report_path', { format });
export const exportReport = (options: ReportOptions, format: ReportFormat, path: string) =>
  call<ReportResult>('export_report', { options, format, path });
export const previewReport = (options: ReportOptions) => call<ReportPreview>('preview_report', { options });
export const openPath = (path: string) => call<null>('open_path', { path });
