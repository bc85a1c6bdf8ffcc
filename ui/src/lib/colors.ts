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

/** CSS custom-property style for a party's colour; unresolved speakers are grey. */
export function partyStyle(key: string | null | undefined): string {
  const hue = partyHue(key);
  return hue === null ? '--party-h: 0; --party-s: 0%' : `--party-h: ${hue}; --party-s: 70%`;
}
