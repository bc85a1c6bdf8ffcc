// Windowing for long lists: which rows are visible, and which pages of rows to fetch. The list
// never holds more than the pages around the viewport.

export interface Window {
  first: number; // first row index rendered
  last: number; // exclusive
}

export function visibleRows(scrollTop: number, viewport: number, rowHeight: number, total: number, overscan = 8): Window {
  if (total <= 0 || rowHeight <= 0) return { first: 0, last: 0 };
  const first = Math.max(0, Math.floor(scrollTop / rowHeight) - overscan);
  const last = Math.min(total, Math.ceil((scrollTop + viewport) / rowHeight) + overscan);
  return { first, last: Math.max(first, last) };
}

/** Page numbers (of `pageSize` rows) covering rows first..last. */
export function pagesFor(w: Window, pageSize: number): number[] {
  if (w.last <= w.first) return [];
  const out: number[] = [];
  for (let p = Math.floor(w.first / pageSize); p <= Math.floor((w.last - 1) / pageSize); p++) out.push(p);
  return out;
}

/** A small page cache that forgets the pages farthest from `keepNear` beyond `max` pages. */
export class PageCache<T> {
  private pages = new Map<number, T[]>();
  constructor(private max = 12) {}
  get(p: number): T[] | undefined {
    return this.pages.get(p);
  }
  has(p: number): boolean {
    return this.pages.has(p);
  }
  set(p: number, rows: T[], keepNear: number): void {
    this.pages.set(p, rows);
    if (this.pages.size > this.max) {
      const far = [...this.pages.keys()].sort((a, b) => Math.abs(b - keepNear) - Math.abs(a - keepNear));
      for (const k of far.slice(0, this.pages.size - this.max)) this.pages.delete(k);
    }
  }
  clear(): void {
    this.pages.clear();
  }
  get size(): number {
    return this.pages.size;
  }
}

/** Moves a cursor by `delta` within 0..total-1. */
export function moveCursor(cursor: number, delta: number, total: number): number {
  if (total <= 0) return -1;
  return Math.min(total - 1, Math.max(0, cursor + delta));
}
