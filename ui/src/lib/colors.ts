// A stable colour per party key, so a party looks the same in every view and every session.
// Presentation only: the party itself comes from the core.

const PALETTE = [210, 25, 140, 280, 50, 330, 175, 100, 0, 245, 75, 195];

export function partyHue(key: string | null | undefined): number | null {
  if (!key) return null;
  // The state code before the first dot, so "RU.mfa" and "RU" share a colour family.
  const root = key.split('.')[0];
  let h = 0;
  for (const c of root) h = (h * 31 + c.codePointAt(0)!) >>> 0;
  return PALETTE[h % PALETTE.length];
}

/** CSS custom-property style for a party's colour; unresolved speakers are grey. A document's
 *  palette (see documentPalette) overrides the stable hue so that its parties never share one. */
export function partyStyle(key: string | null | undefined, palette?: Map<string, number>): string {
  const hue = key ? palette?.get(key.split('.')[0]) ?? partyHue(key) : null;
  return hue === null ? '--party-h: 0; --party-s: 0%' : `--party-h: ${hue}; --party-s: 70%`;
}

const gap = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));

/** Hues for the parties (by state root) of one document, in order of appearance: the first keeps
 *  its stable hue, each next one takes the palette hue farthest from those already given, so two
 *  parties of the same document are never drawn alike (up to the palette's twelve). */
export function documentPalette(keys: (string | null | undefined)[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const key of keys) {
    if (!key) continue;
    const root = key.split('.')[0];
    if (out.has(root)) continue;
    const used = [...out.values()];
    const stable = partyHue(root)!;
    if (!used.length || used.every((h) => gap(h, stable) >= 60)) {
      out.set(root, stable);
      continue;
    }
    const free = PALETTE.filter((h) => !used.includes(h));
    const pool = free.length ? free : PALETTE;
    const best = pool.reduce((a, b) => (Math.min(...used.map((u) => gap(u, b))) > Math.min(...used.map((u) => gap(u, a))) ? b : a));
    out.set(root, best);
  }
  return out;
}
