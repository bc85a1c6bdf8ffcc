// UI state shared by the views: which view is open, which source and claim are selected, the
// workspace facts, transient notices. Domain data stays in the backend; views fetch what they show.

import { uiReady, type IpcError, type PartySpeaker, type WorkspaceInfo } from './ipc';

export type View = 'library' | 'reader' | 'claims' | 'parties' | 'conflicts' | 'reports' | 'matrix';

export const VIEWS: { id: View; label: string; key: string }[] = [
  { id: 'library', label: 'Library', key: '1' },
  { id: 'reader', label: 'Reader', key: '2' },
  { id: 'claims', label: 'Claims', key: '3' },
  { id: 'parties', label: 'Parties', key: '4' },
  { id: 'conflicts', label: 'Conflicts', key: '5' },
  { id: 'reports', label: 'Reports', key: '6' },
  { id: 'matrix', label: 'Matrix', key: '7' },
];

/** Claims another view sends the Claims view to: a party's, or one of its speakers' under every
 *  name they go by (the speaker as the Parties view listed them for that party). */
export interface ClaimsOf {
  party: string;
  speaker: PartySpeaker | null;
}

export interface ListKeys {
  next(): void;
  prev(): void;
  open(): void;
  /** Accept the row under the cursor (review queue). */
  accept?(): void;
  /** Correct the row under the cursor: open it for editing. */
  edit?(): void;
  /** Add the row under the cursor to the selection, or take it out. */
  toggle?(): void;
  /** Move the cursor, extending the selection to the row it reaches. */
  extend?(by: 1 | -1): void;
}

class AppState {
  view = $state<View>('library');
  sourceId = $state<number | null>(null);
  claimId = $state<number | null>(null);
  /** The view that opened the claim panel: the panel shows there only. The claim stays the one
   * a passage selected in the Reader is attached to, wherever the analyst goes. */
  claimView = $state<View | null>(null);
  /** The open claim was asked for editing (e in the review queue). */
  editing = $state(false);
  info = $state<WorkspaceInfo | null>(null);
  fatal = $state<IpcError | null>(null);
  notice = $state<{ text: string; error: boolean } | null>(null);
  theme = $state<'light' | 'dark'>('light');
  /** Bumped when data changed (import, claim edit), so views refetch. */
  revision = $state(0);
  /** The current view's list navigation, for j/k/Enter. */
  keys: ListKeys | null = null;
  /** A conflict to open in the Conflicts view (a claim's link to it was followed). */
  conflictId = $state<number | null>(null);
  /** Claims the Claims view is to show when it opens next; it takes them and clears this. */
  claimsOf = $state<ClaimsOf | null>(null);
  private paintedOnce = false;
  /** A view has its first data on screen: the first call tells the backend, after the frame is
   *  painted, for the start-up measurement (`CROSSCHECK_TIMING`). */
  painted(): void {
    if (this.paintedOnce) return;
    this.paintedOnce = true;
    requestAnimationFrame(() => requestAnimationFrame(() => uiReady().catch(() => {})));
  }
  /** Files dropped on the window, waiting for the library to import them. */
  dropped = $state<string[] | null>(null);

  openSource(id: number) {
    this.sourceId = id;
    this.view = 'reader';
  }
  openClaim(id: number | null, edit = false) {
    this.claimId = id;
    this.claimView = id === null ? null : this.view;
    this.editing = edit;
  }
  /** The open claim's source in the Reader, the panel going along. */
  showClaimSource(sourceId: number) {
    this.openSource(sourceId);
    if (this.claimId !== null) this.claimView = 'reader';
  }
  /** Conflict `id` opened in the Conflicts view. */
  showConflict(id: number) {
    this.conflictId = id;
    this.view = 'conflicts';
  }
  /** The Claims view, listing a party's claims or one of its speakers'. */
  showClaimsOf(of: ClaimsOf) {
    this.claimsOf = of;
    this.view = 'claims';
  }
  /** Whether the claim panel shows in the current view. */
  get panelOpen(): boolean {
    return this.claimId !== null && this.claimView === this.view;
  }
  changed() {
    this.revision++;
  }
  say(text: string, error = false) {
    this.notice = { text, error };
  }
}

export const app = new AppState();
