// The claims table's selection is a set of claim ids, not of row indexes: rows are paged in and
// out as the table scrolls, and an id means the same claim whatever the sort.

/** A Shift-click range `from..=to` (either way round) as the window of rows the core returns ids for. */
export function rangeWindow(from: number, to: number): { offset: number; limit: number } {
  return { offset: Math.min(from, to), limit: Math.abs(to - from) + 1 };
}

/** The ids of the rows `from..=to` (either way round) when all are loaded; `null` when one is not,
 *  and the core must say which claims the range holds. */
export function rangeIds(from: number, to: number, rowAt: (i: number) => { id: number } | undefined): number[] | null {
  const { offset, limit } = rangeWindow(from, to);
  const out: number[] = [];
  for (let i = offset; i < offset + limit; i++) {
    const r = rowAt(i);
    if (!r) return null;
    out.push(r.id);
  }
  return out;
}

/** The next sort after a click on a column's header: a new column sorts up, the same one flips. */
export function nextSort<K extends string>(current: { sort: K | null; descending: boolean }, clicked: K): { sort: K; descending: boolean } {
  return current.sort === clicked ? { sort: clicked, descending: !current.descending } : { sort: clicked, descending: false };
}
