// Cuts a source text into runs for the reader: plain runs and highlighted runs, each knowing
// which claims cover it. Offsets from the core count Unicode scalar values (chars), while JS
// strings index UTF-16 units, so we work on code points (Array.from) throughout.
// The reader renders each run as a text node inside a <span>: text is never parsed as HTML.

export interface Mark {
  claimId: number;
  start: number; // chars
  end: number; // chars, exclusive
  party: string | null;
}

export interface Segment {
  text: string;
  start: number; // chars
  end: number;
  /** Claims covering this run, innermost (shortest) first; empty for plain text. */
  claims: number[];
  /** Party of the innermost claim, for the colour. */
  party: string | null;
}

export function segments(text: string, marks: Mark[]): Segment[] {
  const chars = Array.from(text);
  const n = chars.length;
  const valid = marks.filter((m) => m.start < m.end && m.start >= 0 && m.end <= n);
  const cuts = new Set<number>([0, n]);
  for (const m of valid) {
    cuts.add(m.start);
    cuts.add(m.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i];
    const end = points[i + 1];
    if (start === end) continue;
    const covering = valid
      .filter((m) => m.start <= start && m.end >= end)
      .sort((a, b) => a.end - a.start - (b.end - b.start) || a.claimId - b.claimId);
    out.push({
      text: chars.slice(start, end).join(''),
      start,
      end,
      claims: covering.map((m) => m.claimId),
      party: covering.length ? covering[0].party : null,
    });
  }
  return out;
}

/** Number of chars (code points) in the first `units` UTF-16 units of `s`. */
export function charsIn(s: string, units: number): number {
  return Array.from(s.slice(0, units)).length;
}

/**
 * The char span selected in the reader, from the selection's two ends. Each end is given as the
 * segment start (chars) of the span holding it, that span's text, and the UTF-16 offset inside it.
 */
export function selectionSpan(
  a: { segStart: number; segText: string; offset: number },
  b: { segStart: number; segText: string; offset: number },
): { start: number; end: number } | null {
  const pa = a.segStart + charsIn(a.segText, a.offset);
  const pb = b.segStart + charsIn(b.segText, b.offset);
  const start = Math.min(pa, pb);
  const end = Math.max(pa, pb);
  return end > start ? { start, end } : null;
}
