// A scripted backend for UI tests (built only with `vite --mode mock`): it answers the same
// commands as src-tauri with the same DTO shapes, over a tiny fixed workspace. Add `?claims=N`
// to the URL to make the claims list N rows long (rows are synthesized per page, as the real
// backend pages them). The mock reaches no network: a URL import fails as an unreachable host would.

import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  ClaimDetail, ClaimLinks, ClaimQuery, ClaimRow, ConflictDiff, ConflictParty, ConflictRecord, ConflictSummary, DiffColumn, ErrorCode, ImportEvent, IpcError,
  PartySpeaker, PartySummary, SameStatement, SourceSummary, SourceText, TagCountDto, TagMatrixDto, VerdictOption, Verification,
} from '../lib/bindings';

const TEXT = `Bakou et Erevan s'accusent mutuellement de tirs à la frontière

Le ministère azerbaïdjanais de la Défense a affirmé mardi que les forces arméniennes avaient ouvert le feu à trois reprises sur ses positions près de Kalbajar.

Erevan a démenti ces accusations. « Aucun tir n'a été effectué par nos unités ; c'est l'armée azerbaïdjanaise qui a tiré à deux reprises sur le village de Sotk », a déclaré le ministère arménien de la Défense.

Moscou a appelé les deux parties à la retenue, selon la porte-parole de la diplomatie russe.`;

const chars = Array.from(TEXT);
function spanOf(quote: string): [number, number] {
  const i = TEXT.indexOf(quote);
  const start = Array.from(TEXT.slice(0, i)).length;
  return [start, start + Array.from(quote).length];
}

interface MockClaim {
  id: number; source_id: number; quote: string; speaker: string; party: string | null; cue: string; stance: ClaimRow['stance'];
  origin: ClaimRow['origin']; start: number; end: number; confidence: number; doubts: string[]; review: ClaimRow['review'];
}

function mk(id: number, quote: string, speaker: string, party: string | null, cue: string, stance: ClaimRow['stance'], confidence = 1, doubts: string[] = []): MockClaim {
  const [start, end] = spanOf(quote);
  return { id, source_id: 1, quote, speaker, party, cue, stance, origin: 'extracted', start, end, confidence, doubts, review: 'to_review' };
}

let claims: MockClaim[] = [
  mk(1, 'les forces arméniennes avaient ouvert le feu à trois reprises sur ses positions près de Kalbajar', 'ministère azerbaïdjanais de la Défense', 'AZ.mod', 'a affirmé', 'assert'),
  mk(2, "Aucun tir n'a été effectué par nos unités", 'ministère arménien de la Défense', 'AM.mod', 'a déclaré', 'deny'),
  mk(3, "c'est l'armée azerbaïdjanaise qui a tiré à deux reprises sur le village de Sotk", 'ministère arménien de la Défense', 'AM.mod', 'a déclaré', 'assert', 0.85, ['no cue']),
  mk(4, 'appelé les deux parties à la retenue', 'porte-parole de la diplomatie russe', null, 'a appelé', 'warn', 0.4, ['speaker unresolved', 'no party']),
];
let nextId = 100;
let sourceAuthor: string | null = null;

const source: SourceSummary = {
  id: 1, title: "Bakou et Erevan s'accusent mutuellement de tirs à la frontière", outlet: 'TASS', url: 'sample:tass-karabakh-fr.txt',
  language: 'fr', published_at: '2023-09-12T08:00:00Z', imported_at: '2026-11-28T12:00:00Z', format: 'text', chars: chars.length, claims: 4,
};

const parties: PartySummary[] = [
  { key: 'AZ', name: 'Azerbaijan', kind: 'state', country: 'AZ', parent: null, claims: 0, aliases: [{ lang: 'fr', text: 'Bakou', origin: 'extracted' }, { lang: 'fr', text: 'Azerbaïdjan', origin: 'extracted' }] },
  { key: 'AZ.mod', name: 'Ministry of Defence of Azerbaijan', kind: 'organisation', country: 'AZ', parent: 'AZ', claims: 1, aliases: [] },
  { key: 'AM', name: 'Armenia', kind: 'state', country: 'AM', parent: null, claims: 0, aliases: [{ lang: 'fr', text: 'Erevan', origin: 'extracted' }, { lang: 'fr', text: 'Arménie', origin: 'extracted' }] },
  { key: 'AM.mod', name: 'Ministry of Defence of Armenia', kind: 'organisation', country: 'AM', parent: 'AM', claims: 2, aliases: [] },
  { key: 'RU', name: 'Russia', kind: 'state', country: 'RU', parent: null, claims: 0, aliases: [{ lang: 'fr', text: 'Moscou', origin: 'extracted' }] },
  { key: 'RU.mfa', name: 'Ministry of Foreign Affairs of Russia', kind: 'organisation', country: 'RU', parent: 'RU', claims: 20, aliases: [{ lang: 'ru', text: 'МИД России', origin: 'extracted' }] },
  // A known party no claim speaks for: the Parties view's empty "Who speaks for it".
  { key: 'UA', name: 'Ukraine', kind: 'state', country: 'UA', parent: null, claims: 0, aliases: [{ lang: 'fr', text: 'Kiev', origin: 'extracted' }, { lang: 'ru', text: 'Киев', origin: 'extracted' }] },
];

// The ministry's claims in dispatches beyond the sample (sources 2 to 4, in Russian, French and
// English), each with its speaker key as the core stores it (`text::speaker_key`). They count for
// the ministry and are listed by their speaker group only: the sample's own lists and counts stay
// those of its one source.
const BEYOND: (MockClaim & { key: string })[] = [
  ...Array.from({ length: 12 }, (_, i) => {
    const [source_id, speaker, quote] = i < 5
      ? [2, 'Сергей Лавров', `Москва готова принять переговоры министров (${i + 1})`]
      : i < 9 ? [3, 'Sergueï Lavrov', `Moscou est prête à accueillir des pourparlers (${i - 4})`] : [4, 'Sergey Lavrov', `Moscow is ready to host talks (${i - 8})`];
    return { key: 'lavrov', speaker, quote, source_id };
  }),
  ...Array.from({ length: 7 }, (_, i) => (i < 4
    ? { key: 'zakharov', speaker: 'Мария Захарова', quote: `Это провокация (${i + 1})`, source_id: 2 }
    : { key: 'zakharov', speaker: 'Maria Zakharova', quote: `This is a provocation (${i - 3})`, source_id: 4 })),
  { key: '~porte-parole de la diplomatie russe', speaker: 'porte-parole de la diplomatie russe', quote: 'appelé les deux parties à la retenue', source_id: 3 },
].map((c, i) => ({ ...c, id: 200 + i, party: 'RU.mfa', cue: 'said', stance: 'assert' as const, origin: 'extracted' as const, start: i * 10, end: i * 10 + 5, confidence: 1, doubts: [], review: 'to_review' as const }));

/** The key a sample claim's speaker groups under, as the core's `text::speaker_key` gives it for these names. */
const keyOf = (c: MockClaim) => ('key' in c ? (c as { key: string }).key : c.speaker.split(/\s+/).pop()!.toLowerCase());

/** A party's own key and its sub-parties' (a state's claims include its institutions'). */
const underParty = (key: string) => [key, ...parties.filter((p) => p.parent === key).map((p) => p.key)];

/** Who speaks for a party, as `Workbench::party_speakers`: a state includes its institutions. */
function speakersOf(key: string): PartySpeaker[] {
  if (!parties.some((p) => p.key === key)) throw err('not_found', `no party ${key}`);
  const under = underParty(key);
  // key → name → claims
  const groups = new Map<string, Map<string, number>>();
  for (const c of [...claims, ...BEYOND]) {
    if (!c.party || !under.includes(c.party)) continue;
    const names = groups.get(keyOf(c)) ?? new Map<string, number>();
    names.set(c.speaker, (names.get(c.speaker) ?? 0) + 1);
    groups.set(keyOf(c), names);
  }
  return [...groups].map(([id, names]) => ({
    id,
    names: [...names].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n),
    claims: [...names.values()].reduce((a, b) => a + b, 0),
  })).sort((a, b) => b.claims - a.claims || a.id.localeCompare(b.id));
}

const AZ_SIDE = { key: 'AZ', chip: 'AZ', name: 'Azerbaijan' };
const AM_SIDE = { key: 'AM', chip: 'AM', name: 'Armenia' };
let conflictList: ConflictSummary[] = [
  { id: 1, status: 'proposed', state: 'Proposed (not reviewed)', origin: 'candidate', topic: 'Who fired across the border', parties: [AZ_SIDE, AM_SIDE], claim_ids: [1, 2, 3], score: 0.87 },
  { id: 2, status: 'confirmed', state: 'Confirmed, open', origin: 'reply', topic: 'AM answers AZ', parties: [AZ_SIDE, AM_SIDE], claim_ids: [1, 2], score: null },
  // A side no party stands for: its key is the folded name, its chip the name as written. Its
  // claims are in dispatches beyond the sample, as the ministry's other speakers are.
  { id: 3, status: 'proposed', state: 'Proposed (not reviewed)', origin: 'reply', topic: 'federal forces spared civilians', parties: [{ key: 'ET', chip: 'ET', name: 'Ethiopia' }, { key: 'debretsion gebremichael', chip: 'Debretsion Gebremichael', name: 'Debretsion Gebremichael' }], claim_ids: [5, 6], score: null },
];

const VERDICTS: VerdictOption[] = [
  { key: 'unverified', label: 'Unverified', colour: '#808080', conclusive: false },
  { key: 'true', label: 'True', colour: '#1a7f37', conclusive: true },
  { key: 'false', label: 'False', colour: '#cf222e', conclusive: true },
  { key: 'misleading', label: 'Misleading', colour: '#bf8700', conclusive: true },
  { key: 'unproven', label: 'Unproven', colour: '#8250df', conclusive: true },
];
const ANALYST = 'Ana Lyst';
const verifications = new Map<number, Verification>();
function verificationOf(id: number): Verification {
  return verifications.get(id) ?? { claim_id: id, verdict: 'unverified', attribution: 'unchecked', verdicts: VERDICTS, evidence: [], history: [], analyst: ANALYST };
}
verifications.set(2, {
  claim_id: 2, verdict: 'unproven', attribution: 'confirmed', verdicts: VERDICTS, analyst: ANALYST,
  evidence: [{ id: 1, relation: 'supports', what: 'https://mil.am/', note: 'Statement published by the ministry the same day', analyst: ANALYST, added_at: '2026-11-20T10:00:00Z', link: 'https://mil.am/', source_id: null }],
  history: [{ at: '2026-11-20T10:05:00Z', change: 'attribution: unchecked → confirmed', note: 'primary source found', analyst: ANALYST }],
});

let nextEvidence = 10;
const records = new Map<number, ConflictRecord>();
function recordOf(id: number): ConflictRecord {
  return records.get(id) ?? { id, state: 'Proposed (not reviewed)', outcome: null, party: null, explanation: '', evidence: [], history: [], analyst: ANALYST };
}

function logConflict(id: number, change: string) {
  const r = recordOf(id);
  records.set(id, { ...r, history: [{ at: '2026-11-28T12:55:00Z', change, note: null, analyst: ANALYST }, ...r.history] });
}

function err(code: ErrorCode, message: string): IpcError {
  return { code, message };
}

/** What a row says of its source: the sample's only source is 1; the others' rows say nothing. */
function sourceFacts(sourceId: number): Pick<ClaimRow, 'source_title' | 'source_outlet' | 'day' | 'day_imported'> {
  if (sourceId !== 1) return { source_title: '', source_outlet: null, day: '', day_imported: false };
  return { source_title: source.title, source_outlet: source.outlet, day: (source.published_at ?? source.imported_at).slice(0, 10), day_imported: !source.published_at };
}

function row(c: MockClaim): ClaimRow {
  return { id: c.id, source_id: c.source_id, text: c.quote, speaker: c.speaker, party: c.party, cue: c.cue, stance: c.stance, origin: c.origin,
    confidence: c.confidence, doubts: c.doubts, review: c.review, verdict: verificationOf(c.id).verdict, ...sourceFacts(c.source_id) };
}

function detail(c: MockClaim): ClaimDetail {
  return {
    id: c.id, source_id: 1, source_title: source.title, start: c.start, end: c.end, exact: c.quote,
    prefix: chars.slice(Math.max(0, c.start - 32), c.start).join(''), suffix: chars.slice(c.end, c.end + 32).join(''),
    text: c.quote, speaker: { name: c.speaker, party: c.party, countries: c.party ? [c.party.split('.')[0]] : [] },
    cue: c.cue, stance: c.stance, via: [], responds_to: c.id === 2 ? 1 : null, origin: c.origin,
    confidence: c.confidence, doubts: c.doubts, review: c.review,
    created_at: '2026-11-28T12:00:00Z', updated_at: '2026-11-28T12:00:00Z',
  };
}

const SPEAKERS: [string, string][] = [['Bakou', 'AZ'], ['Erevan', 'AM'], ['Moscou', 'RU'], ['Ankara', 'TR'], ['Paris', 'FR']];
const STANCES: ClaimRow['stance'][] = ['assert', 'deny', 'confirm', 'report', 'promise', 'warn', 'question'];
function synthetic(i: number): ClaimRow {
  const [speaker, party] = SPEAKERS[i % SPEAKERS.length];
  return { id: i + 1, source_id: 1 + (i % 50), text: `Synthetic claim number ${i + 1} about the border and the ceasefire`, speaker, party, cue: 'a déclaré',
    stance: STANCES[i % STANCES.length], origin: 'extracted', confidence: 1, doubts: [], review: 'to_review', verdict: 'unverified', ...sourceFacts(1 + (i % 50)) };
}

function matches(c: MockClaim, q: ClaimQuery): boolean {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  if (q.party && !(c.party ?? '').toLowerCase().startsWith(q.party.toLowerCase())) return false;
  if (q.stance && c.stance !== q.stance) return false;
  if (q.source !== null && q.source !== undefined && c.source_id !== q.source) return false;
  if (q.text && !fold(`${c.quote} ${c.speaker} ${c.cue}`).includes(fold(q.text))) return false;
  if (q.speaker && !fold(c.speaker).includes(fold(q.speaker))) return false;
  if (q.verdict && verificationOf(c.id).verdict !== q.verdict) return false;
  if (q.attribution && verificationOf(c.id).attribution !== q.attribution) return false;
  if (q.review && c.review !== q.review) return false;
  if (q.queue && c.review !== 'to_review' && c.party !== null) return false;
  if (q.tag && !(claimTags.get(c.id) ?? []).some((t) => sameTag(t, q.tag!))) return false;
  if (q.speaker_group && (keyOf(c) !== q.speaker_group.id || !underParty(q.speaker_group.party).includes(c.party ?? ''))) return false;
  return true;
}

/** The claims a query lists: the sample's, and the ministry's beyond it for a speaker group. */
function pool(q: ClaimQuery): MockClaim[] {
  if (!q.speaker_group) return claims;
  if (!parties.some((p) => p.key === q.speaker_group!.party)) throw err('not_found', `no party ${q.speaker_group.party}`);
  return [...claims, ...BEYOND];
}

// The core's sort keys over the mock's claims; ties in reading order, as the core breaks them.
const SORT_KEY: Record<string, (c: MockClaim) => string | number> = {
  reading: (c) => c.source_id * 1e6 + c.start, confidence: (c) => c.confidence, party: (c) => c.party ?? '', speaker: (c) => c.speaker.toLowerCase(),
  stance: (c) => c.stance, verdict: (c) => verificationOf(c.id).verdict, review: (c) => c.review, source: (c) => c.source_id, date: () => 0,
};
function sorted(all: MockClaim[], q: ClaimQuery): MockClaim[] {
  const by = SORT_KEY[q.sort ?? (q.queue ? 'confidence' : 'reading')];
  const dir = q.descending ? -1 : 1;
  return [...all].sort((x, y) => {
    const a = by(x), b = by(y);
    return (a < b ? -dir : a > b ? dir : 0) || x.start - y.start;
  });
}

/** The mock's verdict change of one claim, with its history line, as the core logs it. */
function judge(id: number, verdict: string, note: string | null): Verification {
  const prev = verificationOf(id);
  const v: Verification = { ...prev, verdict, history: [{ at: '2026-11-28T12:30:00Z', change: `verdict: ${prev.verdict} → ${verdict}`, note, analyst: ANALYST }, ...prev.history] };
  verifications.set(id, v);
  return v;
}

function known(ids: number[]): MockClaim[] {
  const unknown = ids.find((id) => !claims.some((c) => c.id === id));
  if (unknown !== undefined) throw err('not_found', `no claim ${unknown}`);
  return claims.filter((c) => ids.includes(c.id));
}

const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** A claim's side as the core's `Column` names it: the state its party stands for, else the
 *  speaker (keyed by the folded name, shown as written). The mock's parties stand for one state each. */
function sideOf(c: MockClaim): ConflictParty {
  if (!c.party) return { key: fold(c.speaker), chip: c.speaker, name: c.speaker };
  const key = c.party.split('.')[0];
  return { key, chip: key, name: parties.find((p) => p.key === key)?.name ?? key };
}

/** The diff of a conflict the analyst built: a column per side, each claim whole (the core's
 *  word runs are the sample conflicts' business). */
function plainDiff(conflict: ConflictSummary): ConflictDiff {
  const members = claims.filter((c) => conflict.claim_ids.includes(c.id));
  const columns: DiffColumn[] = conflict.parties.map((p) => ({
    party: p.key, chip: p.chip, name: p.name,
    claims: members.filter((c) => sideOf(c).key === p.key).map((c) => ({
      claim_id: c.id, speaker: c.speaker, chain: [c.speaker, 'TASS'], stance: c.stance, cue: c.cue, date: '2023-09-12', source_title: source.title,
      verification: null, proposition: c.quote, segments: [{ text: c.quote, kind: 'same' as const, fact: null }],
    })),
  }));
  return { conflict, facts: [], columns };
}

function diffOf(id: number): ConflictDiff {
  const conflict = conflictList.find((c) => c.id === id);
  if (!conflict) throw err('not_found', `no conflict ${id}`);
  if (id > 2) return plainDiff(conflict);
  return {
    conflict,
    facts: [
      { kind: 'actor', label: 'forces arméniennes ≠ armée azerbaïdjanaise', values: [{ claim_id: 1, text: 'les forces arméniennes' }, { claim_id: 3, text: "l'armée azerbaïdjanaise" }] },
      { kind: 'number', label: '3 reprise ≠ 2 reprise', values: [{ claim_id: 1, text: 'trois reprises' }, { claim_id: 3, text: 'deux reprises' }] },
      { kind: 'place', label: 'kalbajar ≠ sotk', values: [{ claim_id: 1, text: 'Kalbajar' }, { claim_id: 3, text: 'Sotk' }] },
    ],
    columns: [
      { party: 'AZ', chip: 'AZ', name: 'Azerbaijan', claims: [{ claim_id: 1, speaker: 'ministère azerbaïdjanais de la Défense', chain: ['ministère azerbaïdjanais de la Défense', 'TASS'], stance: 'assert', cue: 'a affirmé', date: '2023-09-12', source_title: source.title, verification: null,
        proposition: 'les forces arméniennes avaient ouvert le feu à trois reprises sur ses positions près de Kalbajar', segments: [
        { text: 'les forces arméniennes', kind: 'fact', fact: 0 }, { text: ' avaient ', kind: 'changed', fact: null },
        { text: 'ouvert le feu à ', kind: 'same', fact: null }, { text: 'trois reprises', kind: 'fact', fact: 1 },
        { text: ' sur ses positions près de ', kind: 'changed', fact: null }, { text: 'Kalbajar', kind: 'fact', fact: 2 }] }, null] },
      { party: 'AM', chip: 'AM', name: 'Armenia', claims: [{ claim_id: 3, speaker: 'ministère arménien de la Défense', chain: ['ministère arménien de la Défense', 'TASS'], stance: 'assert', cue: 'a déclaré', date: '2023-09-12', source_title: source.title, verification: null,
        proposition: "c'est l'armée azerbaïdjanaise qui a tiré à deux reprises sur le village de Sotk", segments: [
        { text: "c'est ", kind: 'changed', fact: null }, { text: "l'armée azerbaïdjanaise", kind: 'fact', fact: 0 },
        { text: ' qui a tiré à ', kind: 'same', fact: null }, { text: 'deux reprises', kind: 'fact', fact: 1 },
        { text: ' sur le village de ', kind: 'changed', fact: null }, { text: 'Sotk', kind: 'fact', fact: 2 }] },
        { claim_id: 2, speaker: 'ministère arménien de la Défense', chain: ['ministère arménien de la Défense', 'TASS'], stance: 'deny', cue: 'a déclaré', date: '2023-09-12', source_title: source.title, verification: null,
          proposition: "Armenia denies: Aucun tir n'a été effectué par nos unités", segments: [{ text: "Aucun tir n'a été effectué par nos unités", kind: 'changed', fact: null }] }] },
    ],
  };
}

// Statement groups as the core keeps them: a claim joined to another names the claim naming its
// group (a claim with no entry names its own). The core's rules: one party's words only, the
// linked claim's whole group moves, each claim whose group changed gets a history line.
const statementOf = new Map<number, number>();
const namingClaim = (id: number) => statementOf.get(id) ?? id;
const groupOf = (id: number) => claims.filter((c) => namingClaim(c.id) === namingClaim(id)).map((c) => c.id).sort((x, y) => x - y);
function statementDto(id: number): SameStatement {
  const ids = groupOf(id);
  return { statement_id: namingClaim(id), claim_ids: ids, sources: new Set(claims.filter((c) => ids.includes(c.id)).map((c) => c.source_id)).size };
}
function groupWords(ids: number[], self: number): string {
  const others = ids.filter((x) => x !== self);
  return others.length ? `with claim${others.length === 1 ? '' : 's'} ${others.join(', ')}` : 'alone';
}
function logStatement(id: number, before: number[], after: number[], note: string) {
  const v = verificationOf(id);
  const line = { at: '2026-11-28T12:50:00Z', change: `same statement: ${groupWords(before, id)} → ${groupWords(after, id)}`, note: note || null, analyst: ANALYST };
  verifications.set(id, { ...v, history: [line, ...v.history] });
}
function linkStatement(claim: number, sameAs: number, note: string): SameStatement {
  if (claim === sameAs) throw err('bad_input', 'claims: a claim is its own statement: link it to another claim');
  const [a, b] = [claim, sameAs].map((id) => known([id])[0]);
  if (sideOf(a).key !== sideOf(b).key) {
    throw err('bad_input', `claims: claim ${a.id} (${a.speaker}, ${sideOf(a).key}) and claim ${b.id} (${b.speaker}, ${sideOf(b).key}) speak for different parties: a statement is one party's words (correct a claim's party first if it is wrong)`);
  }
  const to = namingClaim(sameAs);
  if (namingClaim(claim) === to) throw err('bad_input', `claims: claims ${claim} and ${sameAs} already carry one statement (claim ${to}'s)`);
  const [moving, staying] = [groupOf(claim), groupOf(sameAs)];
  const after = [...moving, ...staying].sort((x, y) => x - y);
  for (const id of moving) if (id === to) statementOf.delete(id); else statementOf.set(id, to);
  for (const id of moving) logStatement(id, moving, after, note);
  for (const id of staying) logStatement(id, staying, after, note);
  return statementDto(claim);
}
function unlinkStatement(claim: number, note: string): SameStatement {
  known([claim]);
  const group = groupOf(claim);
  const rest = group.filter((x) => x !== claim);
  if (!rest.length) throw err('bad_input', `claim: claim ${claim} carries no statement with another claim`);
  const named = namingClaim(claim) === claim ? rest[0] : namingClaim(claim);
  statementOf.delete(claim);
  for (const id of rest) if (id === named) statementOf.delete(id); else statementOf.set(id, named);
  logStatement(claim, group, [claim], note);
  for (const id of rest) logStatement(id, group, rest, note);
  return statementDto(claim);
}

let nextConflict = 10;
function summaryOf(c: Omit<ConflictSummary, 'parties'>): ConflictSummary {
  const sides: ConflictParty[] = [];
  for (const m of claims.filter((x) => c.claim_ids.includes(x.id))) if (!sides.some((p) => p.key === sideOf(m).key)) sides.push(sideOf(m));
  return { ...c, parties: sides };
}

// Tags by claim; one claim starts tagged so that the matrix has a cell before any test tags.
const claimTags = new Map<number, string[]>([[2, ['Sotk village']]]);
const sameTag = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function tagCounts(): TagCountDto[] {
  const counts = new Map<string, number>();
  for (const ts of claimTags.values()) for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts].map(([tag, n]) => ({ tag, claims: n })).sort((x, y) => x.tag.localeCompare(y.tag));
}

function setTag(tag: string, ids: number[], add: boolean): TagCountDto[] {
  const t = tag.trim().replace(/\s+/g, ' ');
  if (!t) throw err('bad_input', 'tag: a tag needs at least one letter or digit');
  const unknown = ids.find((id) => !claims.some((c) => c.id === id));
  if (unknown !== undefined) throw err('not_found', `no claim ${unknown}`);
  const spelled = tagCounts().find((k) => sameTag(k.tag, t))?.tag ?? t;
  for (const id of ids) {
    const mine = (claimTags.get(id) ?? []).filter((x) => !sameTag(x, spelled));
    claimTags.set(id, add ? [...mine, spelled].sort() : mine);
  }
  return tagCounts();
}

// The core's matrix over the mock's claims: each claim under its party and each of its tags.
function matrix(): TagMatrixDto {
  const order = VERDICTS.map((v) => v.key);
  const m: TagMatrixDto = { parties: [], tags: tagCounts().map((t) => t.tag), cells: [] };
  const tagged = claims.filter((c) => (claimTags.get(c.id) ?? []).length);
  const keys = [...new Set(tagged.map((c) => c.party))];
  const name = (k: string | null) => (k === null ? 'no party' : parties.find((p) => p.key === k)?.name ?? k);
  m.parties = keys.map((k) => ({ key: k, name: name(k) })).sort((a, b) => Number(a.key === null) - Number(b.key === null) || a.name.localeCompare(b.name));
  for (const p of m.parties) {
    for (const t of m.tags) {
      const here = tagged.filter((c) => c.party === p.key && claimTags.get(c.id)!.includes(t));
      if (!here.length) continue;
      const cl = here.map((c) => ({ id: c.id, text: c.quote, speaker: c.speaker, verdict: verificationOf(c.id).verdict }));
      const verdicts = order.map((v) => ({ verdict: v, claims: cl.filter((c) => c.verdict === v).length })).filter((v) => v.claims);
      m.cells.push({ party: p.key, tag: t, verdicts, claims: cl });
    }
  }
  return m;
}

export function installMockBackend() {
  const params = new URLSearchParams(location.search);
  const bigTotal = Number(params.get('claims') ?? 0);
  // `?conflicts=N`: N more candidates, every tenth rejected, for the list's paging.
  const moreConflicts = Number(params.get('conflicts') ?? 0);
  if (moreConflicts) {
    conflictList = [...conflictList, ...Array.from({ length: moreConflicts }, (_, k): ConflictSummary => ({
      id: 1000 + k,
      status: k % 10 === 0 ? 'rejected' : 'proposed',
      state: k % 10 === 0 ? 'Rejected' : 'Proposed (not reviewed)',
      origin: 'candidate',
      topic: `Candidate ${k + 1}`,
      parties: [AZ_SIDE, AM_SIDE],
      claim_ids: [1, 2],
      score: 0.5,
    }))];
  }
  (window as unknown as { __mockCalls: string[] }).__mockCalls = [];

  mockIPC((cmd, args) => {
    const a = (args ?? {}) as Record<string, any>;
    (window as unknown as { __mockCalls: string[] }).__mockCalls.push(cmd);
    switch (cmd) {
      case 'workspace_info':
        return { store: '/home/analyst/.local/share/crosscheck/crosscheck.db', sources: 1, claims: bigTotal || claims.length, demo_loaded: true };
      case 'ui_ready': return 1;
      case 'find_sources': {
        // The sample's one source, found by a word of its title (or its text) or its number, as
        // the store's full-text index would (accents ignored).
        const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        const words = fold(String(a.words)).trim();
        const hit = /^#?1$/.test(words) || fold(a.field === 'title' ? source.title : `${source.title} ${TEXT}`).includes(words);
        return words && hit ? [{ ...source, claims: claims.length }] : [];
      }
      case 'source_summary': {
        if (a.id !== 1) throw err('not_found', `no source ${a.id}`);
        return { ...source, claims: claims.length };
      }
      case 'sources_page': return { total: 1, offset: a.offset, sources: a.offset === 0 ? [{ ...source, claims: claims.length }] : [] };
      case 'source_facts': {
        if (a.id !== 1) throw err('not_found', `no source ${a.id}`);
        return { outlet: source.outlet, author: sourceAuthor, published_on: source.published_at?.slice(0, 10) ?? null };
      }
      case 'edit_source': {
        if (a.id !== 1) throw err('not_found', `no source ${a.id}`);
        const f = a.facts as { outlet: string | null; author: string | null; published_on: string | null };
        if (f.published_on && !/^\d{4}-\d{2}-\d{2}$/.test(f.published_on)) throw err('bad_input', `published_on: ${f.published_on} is not a date like 2024-03-01`);
        source.outlet = f.outlet || null;
        sourceAuthor = f.author || null;
        source.published_at = f.published_on ? `${f.published_on}T00:00:00Z` : null;
        return { outlet: source.outlet, author: sourceAuthor, published_on: f.published_on || null };
      }
      case 'source_text': {
        if (a.id !== 1) throw err('not_found', `no source ${a.id}`);
        const st: SourceText = { source, text: TEXT, highlights: claims.map((c) => ({ claim_id: c.id, start: c.start, end: c.end, party: c.party, speaker: c.speaker, stance: c.stance })) };
        return st;
      }
      case 'claims_page': {
        const q = a.query as ClaimQuery;
        // The last query asked for, for the tests: what a filter sends.
        (window as unknown as { __lastQuery: ClaimQuery }).__lastQuery = q;
        if (bigTotal) {
          const rows: ClaimRow[] = [];
          for (let i = a.offset; i < Math.min(bigTotal, a.offset + a.limit); i++) rows.push(synthetic(i));
          // As the core does past 10,000 matches: a first page's total is a bound, `claims_total` the count.
          const bound = bigTotal > 10_000 && a.offset + a.limit < 10_000;
          return { total: bound ? 10_000 : bigTotal, total_exact: !bound, offset: a.offset, rows };
        }
        if (q.tag && !tagCounts().some((t) => sameTag(t.tag, q.tag!))) throw err('not_found', `no tag ${q.tag}`);
        const all = sorted(pool(q).filter((c) => matches(c, q)), q);
        return { total: all.length, total_exact: true, offset: a.offset, rows: all.slice(a.offset, a.offset + a.limit).map(row) };
      }
      case 'claims_total': {
        if (bigTotal) return bigTotal;
        const q = a.query as ClaimQuery;
        return sorted(pool(q).filter((c) => matches(c, q)), q).length;
      }
      case 'claim_ids': {
        const q = a.query as ClaimQuery;
        if (bigTotal) return Array.from({ length: Math.max(0, Math.min(bigTotal, a.offset + a.limit) - a.offset) }, (_, k) => a.offset + k + 1);
        return sorted(pool(q).filter((c) => matches(c, q)), q).slice(a.offset, a.offset + a.limit).map((c) => c.id);
      }
      case 'claim': {
        const c = claims.find((x) => x.id === a.id) ?? BEYOND.find((x) => x.id === a.id);
        if (!c) throw err('not_found', `no claim ${a.id}`);
        return detail(c);
      }
      case 'add_claim': {
        const i = a.input;
        if (!i.speaker.trim()) throw err('bad_input', 'a claim needs a speaker');
        const c: MockClaim = { id: nextId++, source_id: 1, quote: chars.slice(i.start, i.end).join(''), speaker: i.speaker, party: i.party, cue: i.cue, stance: i.stance,
          origin: 'analyst', start: i.start, end: i.end, confidence: 1, doubts: [], review: 'edited' };
        claims = [...claims, c].sort((x, y) => x.start - y.start);
        return detail(c);
      }
      case 'update_claim': {
        const c = claims.find((x) => x.id === a.id);
        if (!c) throw err('not_found', `no claim ${a.id}`);
        Object.assign(c, { quote: a.edit.text, speaker: a.edit.speaker.name, party: a.edit.speaker.party, cue: a.edit.cue, stance: a.edit.stance, origin: 'analyst', review: 'edited' });
        return detail(c);
      }
      case 'set_review': {
        // All or none, and only the claims whose state changes count, as in the core.
        const picked = known(a.ids);
        if (a.review === 'reviewed' && picked.some((x) => !x.party)) throw err('bad_input', 'a claim without a party cannot be accepted');
        const changed = picked.filter((x) => x.review !== a.review);
        changed.forEach((x) => (x.review = a.review));
        return changed.length;
      }
      case 'set_verdicts': {
        if (!VERDICTS.some((v) => v.key === a.verdict)) throw err('not_found', `no verdict ${a.verdict}`);
        const picked = known(a.ids).filter((c) => verificationOf(c.id).verdict !== a.verdict);
        picked.forEach((c) => judge(c.id, a.verdict, null));
        return picked.length;
      }
      case 'set_party': {
        if (!parties.some((p) => p.key === a.party)) throw err('not_found', `no party ${a.party}`);
        const picked = known(a.ids).filter((c) => c.party !== a.party);
        picked.forEach((c) => Object.assign(c, { party: a.party, origin: 'analyst', review: 'edited' }));
        return picked.length;
      }
      case 'tag_claims': return setTag(a.tag, a.ids, true);
      case 'untag_claims': return setTag(a.tag, a.ids, false);
      case 'tags': return tagCounts();
      case 'claim_tags': {
        if (!claims.some((c) => c.id === a.id)) throw err('not_found', `no claim ${a.id}`);
        return claimTags.get(a.id) ?? [];
      }
      case 'tag_matrix': return matrix();
      case 'search_parties': {
        const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        const q = fold(a.query.trim());
        return parties.filter((p) => !q || [p.key, p.name, ...p.aliases.map((x) => x.text)].some((n) => fold(n).includes(q))).slice(0, a.limit);
      }
      case 'create_party': {
        const p: PartySummary = { key: a.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'), name: a.name, kind: a.kind, country: a.country, parent: null, claims: 0, aliases: [] };
        parties.push(p);
        return p;
      }
      case 'delete_claim': claims = claims.filter((x) => x.id !== a.id); return null;
      case 'search': {
        // The sample's text is searched as the store's full-text index would (accents ignored).
        const fold = (t: string) => t.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
        const hit = fold(TEXT).includes(fold(a.text));
        return { sources: hit ? [source] : [], claims: claims.filter((c) => matches(c, { text: a.text } as ClaimQuery)).map(row) };
      }
      case 'parties': return parties;
      case 'party_speakers': return speakersOf(a.key);
      case 'party_timeline': return [{ day: '2023-09-10', claims: 1 }, { day: '2023-09-12', claims: 3 }, { day: '2023-09-13', claims: 2 }];
      case 'add_alias': {
        const p = parties.find((x) => x.key === a.key)!;
        p.aliases = [...p.aliases, { lang: a.lang, text: a.text, origin: 'analyst' }];
        return p;
      }
      case 'remove_alias': {
        const p = parties.find((x) => x.key === a.key)!;
        p.aliases = p.aliases.filter((x) => x.text !== a.text);
        return p;
      }
      case 'merge_parties': return parties.find((x) => x.key === a.into)!;
      case 'pick_import_files': return ['/tmp/a.txt', '/tmp/broken.pdf'];
      case 'import_files': {
        const ch = a.onEvent as { id: number };
        const send = (index: number, message: ImportEvent) => (window as any).__TAURI_INTERNALS__.runCallback(ch.id, { index, message });
        return new Promise((resolve) => {
          send(0, { event: 'started', total: a.paths.length });
          a.paths.forEach((p: string, i: number) => setTimeout(() => send(i + 1, { event: 'item', done: i + 1, name: p }), 50 * (i + 1)));
          setTimeout(() => resolve({
            imported: [{ input: a.paths[0], source_id: 1, title: source.title, duplicate: true, claims: 0 }],
            failed: a.paths.slice(1).map((p: string) => ({ input: p, message: `${p}: looks binary (it holds NUL bytes), not text` })),
            cancelled: false,
          }), 60 * (a.paths.length + 1));
        });
      }
      case 'import_url':
        return { imported: [], failed: [{ input: a.url, message: `${a.url}: could not connect (the mock backend reaches no network)` }], cancelled: false };
      case 'cancel_import': return true;
      case 'conflicts_window': {
        // As the core: one status, or every status but rejected.
        const of = conflictList.filter((c) => (a.status ? c.status === a.status : c.status !== 'rejected'));
        return of.slice(a.offset, a.offset + Math.min(a.limit, 200));
      }
      case 'conflict_diff': return diffOf(a.id);
      case 'set_conflict_status': {
        if (a.status === 'rejected' && !String(a.reason ?? '').trim()) throw err('bad_input', 'say why these claims do not conflict');
        const state = a.status === 'rejected' ? 'Rejected' : 'Confirmed, open';
        conflictList = conflictList.map((c) => (c.id === a.id ? { ...c, status: a.status, state } : c));
        return conflictList.find((c) => c.id === a.id);
      }
      case 'claim_links': {
        known([a.id]);
        const links: ClaimLinks = { claim_id: a.id, conflicts: conflictList.filter((c) => c.claim_ids.includes(a.id) && c.status !== 'rejected'), statement: statementDto(a.id), analyst: ANALYST };
        return links;
      }
      case 'new_conflict': {
        const ids = [...new Set<number>(a.claims)].sort((x, y) => x - y);
        if (ids.length < 2) throw err('bad_input', 'claims: a conflict needs at least two different claims');
        const members = known(ids);
        // The core's title is the disputed proposition's key words; the mock's, the first claim's first words.
        const title = members[0].quote.split(/\s+/).slice(0, 6).join(' ');
        const topic = a.explanation.trim() ? `${title} — ${a.explanation.trim()}` : title;
        const c = summaryOf({ id: nextConflict++, status: 'confirmed', state: 'Confirmed, open', origin: 'analyst', topic, claim_ids: ids, score: null });
        conflictList = [c, ...conflictList];
        // As the core does: the conflict's building goes to its history under the analyst's name.
        const why = a.explanation.trim() ? `, explanation «${a.explanation.trim()}»` : '';
        logConflict(c.id, `conflict created by hand with claims ${ids.join(', ')}${why}`);
        return c;
      }
      case 'add_to_conflict': {
        const c = conflictList.find((x) => x.id === a.id);
        if (!c) throw err('not_found', `no conflict ${a.id}`);
        known([a.claim]);
        if (c.claim_ids.includes(a.claim)) return c;
        const updated = summaryOf({ ...c, claim_ids: [...c.claim_ids, a.claim].sort((x, y) => x - y) });
        conflictList = conflictList.map((x) => (x.id === a.id ? updated : x));
        logConflict(c.id, `claim ${a.claim} added to the conflict: claims ${c.claim_ids.join(', ')} → ${updated.claim_ids.join(', ')}`);
        return updated;
      }
      case 'link_statement': return linkStatement(a.claim, a.sameAs, a.note);
      case 'unlink_statement': return unlinkStatement(a.claim, a.note);
      case 'verification': return verificationOf(a.claimId);
      case 'set_verdict': {
        const v = { ...judge(a.input.claim_id, a.input.verdict, a.input.note), attribution: a.input.attribution };
        verifications.set(a.input.claim_id, v);
        return v;
      }
      case 'verdicts': return VERDICTS;
      case 'pick_evidence_file': return '/tmp/imagery.png';
      case 'open_evidence_url': {
        const ev = [...verifications.values()].flatMap((v) => v.evidence).concat(...[...records.values()].map((r) => r.evidence)).find((e) => e.id === a.id);
        if (!ev?.link) throw err('forbidden', `evidence ${a.id} is not a web page`);
        (window as unknown as { __opened: string[] }).__opened = [...((window as unknown as { __opened?: string[] }).__opened ?? []), ev.link];
        return null;
      }
      case 'add_evidence': {
        const i = a.input;
        const w = i.evidence;
        if (w.kind === 'url' && !/^https?:\/\//.test(w.url)) throw err('bad_input', `${JSON.stringify(w.url)} is not an http(s) address`);
        const what = w.kind === 'url' ? w.url : w.kind === 'passage' ? `source ${w.source_id}, chars ${w.start}–${w.end}: “${chars.slice(w.start, w.end).join('')}”` : w.kind === 'file' ? `${w.path.split('/').pop()} (2048 bytes)` : 'note';
        const ev = { id: nextEvidence++, relation: i.relation, what, note: i.note, analyst: ANALYST, added_at: '2026-11-28T12:40:00Z', link: w.kind === 'url' ? w.url : null, source_id: w.kind === 'passage' ? w.source_id : null };
        const line = { at: '2026-11-28T12:40:00Z', change: `evidence added (${w.kind}, ${i.relation})`, note: i.note || null, analyst: ANALYST };
        if (i.claim !== null) {
          const v = verificationOf(i.claim);
          verifications.set(i.claim, { ...v, evidence: [ev, ...v.evidence], history: [line, ...v.history] });
        } else {
          const r = recordOf(i.conflict);
          records.set(i.conflict, { ...r, evidence: [ev, ...r.evidence], history: [line, ...r.history] });
        }
        return ev;
      }
      case 'conflict_record': return recordOf(a.id);
      case 'resolve_conflict': {
        if (!a.explanation.trim()) throw err('bad_input', 'say why');
        const r = recordOf(a.id);
        const who = a.outcome === 'resolved' ? `resolved for ${a.party}` : a.outcome.replace('_', ' ');
        records.set(a.id, { ...r, outcome: a.outcome, party: a.party, explanation: a.explanation, state: who,
          history: [{ at: '2026-11-28T12:45:00Z', change: `who is right: open → ${who}`, note: a.explanation, analyst: ANALYST }, ...r.history] });
        // As the core does: saying who is right confirms a proposed conflict.
        conflictList = conflictList.map((c) => (c.id === a.id && c.status === 'proposed' ? { ...c, status: 'confirmed', state: `Confirmed, ${who}` } : c));
        return recordOf(a.id);
      }
      case 'set_analyst': return null;
      case 'pick_report_path': return `/tmp/crosscheck-report.${a.format === 'markdown' ? 'md' : a.format === 'claim_review' ? 'jsonld' : a.format}`;
      case 'export_report': {
        // What was asked for is kept for the tests: the claims scope carries the table's filter.
        (window as unknown as { __exported: unknown[] }).__exported = [...((window as unknown as { __exported?: unknown[] }).__exported ?? []), { options: a.options, format: a.format, path: a.path }];
        return { path: a.path, bytes: 18234 };
      }
      case 'preview_report': return {
        title: a.options.title || (a.options.language === 'fr' ? 'Rapport de vérification' : 'Verification report'),
        meta: `${a.options.kind === 'audit' ? 'Audit report' : 'Publication report'} — analyst: ${a.options.analyst || ANALYST} — 3 claims`,
        columns: [{ label: 'False', colour: '#c62828' }, { label: 'Mostly true', colour: '#7cb342' }],
        rows: [{ name: 'Azerbaijan', counts: [1, 0] }, { name: 'Armenia', counts: [0, 2] }],
        conflicts: [{ title: 'Casualties near Tovuz', state: 'Resolved for Armenia' }],
        claims: 3, sources: 2,
      };
      case 'open_path': return null;
      default: throw err('internal', `the mock backend does not know ${cmd}`);
    }
  });
}
