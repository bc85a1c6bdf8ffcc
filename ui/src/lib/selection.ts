// The claims table's selection is a set of claim ids, not of row indexes: rows are paged in and
// out as the table scrolls, and an id means the same claim whatever the sort.

/** The ids of the rows `from..=to` (either way round) that are loaded; rows not loaded are skipped. */
export function rangeIds(from: number, to: number, rowAt: (i: number) => { id: number } | undefined): number[] {
  const out: number[] = [];
  for (let i = Math.min(from, to); i <= Math.max(from, to); i++) {
    const r = rowAt(i);
    if (r) out.push(r.id);
  }
  return out;
}

/** The next sort after a click on a column's header: a new column sorts up, the same one flips. */
export function nextSort<K extends string>(current: { sort: K | null; descending: boolean }, clicked: K): { sort: K; descending: boolean } {
  return current.sort === clicked ? { sort: clicked, descending: !current.descending } : { sort: clicked, descending: false };
}
