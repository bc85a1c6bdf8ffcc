import { describe, expect, it } from 'vitest';
import { segments, selectionSpan, charsIn } from './segments';
import { visibleRows, pagesFor, PageCache, moveCursor } from './virtual';
import { comboboxKey, keyAction, onComboboxKeydown } from './keys';
import { nextSort, rangeIds, rangeWindow } from './selection';
import { documentPalette, partyHue } from './colors';

describe('segments', () => {
  it('cuts text into plain and highlighted runs by char offsets', () => {
    const s = segments('Moscou a dit: Bakou ment.', [{ claimId: 1, start: 14, end: 24, party: 'AZ' }]);
    expect(s.map((x) => [x.text, x.claims])).toEqual([
      ['Moscou a dit: ', []],
      ['Bakou ment', [1]],
      ['.', []],
    ]);
  });

  it('counts astral characters as one char, as the core does', () => {
    // "😀" is two UTF-16 units but one char: the claim at chars 2..7 is "Erevan".
    const s = segments('😀 Erevan', [{ claimId: 7, start: 2, end: 8, party: 'AM' }]);
    expect(s[1].text).toBe('Erevan');
    expect(charsIn('😀 E', 3)).toBe(2);
  });

  it('nests overlapping claims and colours a run by its innermost claim', () => {
    const s = segments('abcdefghij', [
      { claimId: 1, start: 0, end: 10, party: 'RU' },
      { claimId: 2, start: 3, end: 6, party: 'AZ' },
    ]);
    expect(s.map((x) => [x.text, x.claims, x.party])).toEqual([
      ['abc', [1], 'RU'],
      ['def', [2, 1], 'AZ'],
      ['ghij', [1], 'RU'],
    ]);
  });

  it('ignores marks outside the text rather than failing', () => {
    expect(segments('abc', [{ claimId: 1, start: 2, end: 9, party: null }]).map((x) => x.text)).toEqual(['abc']);
  });

  it('turns a selection across runs into a char span in either direction', () => {
    const a = { segStart: 10, segText: 'é😀x', offset: 3 };
    const b = { segStart: 0, segText: 'hello', offset: 1 };
    expect(selectionSpan(a, b)).toEqual({ start: 1, end: 12 });
    expect(selectionSpan(b, b)).toBeNull();
  });
});

describe('virtual list', () => {
  it('renders the rows in view plus overscan, clamped to the list', () => {
    expect(visibleRows(0, 300, 30, 100_000, 5)).toEqual({ first: 0, last: 15 });
    expect(visibleRows(2_999_700, 300, 30, 100_000, 5)).toEqual({ first: 99_985, last: 100_000 });
    expect(visibleRows(0, 300, 30, 0)).toEqual({ first: 0, last: 0 });
  });

  it('fetches only the pages that cover the window', () => {
    expect(pagesFor({ first: 195, last: 410 }, 200)).toEqual([0, 1, 2]);
    expect(pagesFor({ first: 0, last: 0 }, 200)).toEqual([]);
  });

  it('forgets far pages beyond its size', () => {
    const c = new PageCache<number>(3);
    for (const p of [0, 1, 2, 50]) c.set(p, [p], 50);
    expect(c.size).toBe(3);
    expect(c.has(0)).toBe(false);
    expect(c.has(50)).toBe(true);
  });

  it('keeps the cursor inside the list', () => {
    expect(moveCursor(0, -1, 10)).toBe(0);
    expect(moveCursor(9, 1, 10)).toBe(9);
    expect(moveCursor(-1, 1, 10)).toBe(0);
    expect(moveCursor(3, 1, 0)).toBe(-1);
  });
});

describe('keys', () => {
  it('maps j/k, /, Enter and Esc, leaving typing in fields alone', () => {
    expect(['j', 'k', '/', 'Enter', 'Escape'].map((k) => keyAction(k, false))).toEqual(['next', 'prev', 'search', 'open', 'close']);
    expect(['a', 'e'].map((k) => keyAction(k, false))).toEqual(['accept', 'edit']);
    expect(keyAction('a', true)).toBeNull();
    expect(keyAction('j', true)).toBeNull();
    expect(keyAction('Escape', true)).toBe('close');
    expect(keyAction('k', false, { ctrl: true })).toBeNull();
    expect([' ', 'J', 'K'].map((k) => keyAction(k, false, { shift: k !== ' ' }))).toEqual(['toggle', 'extendNext', 'extendPrev']);
    expect(keyAction('ArrowDown', false, { shift: true })).toBe('extendNext');
    expect(keyAction(' ', true)).toBeNull();
    // A focused button takes Enter and Space; the list's other keys still move.
    expect(['Enter', ' ', 'j', 'Escape'].map((k) => keyAction(k, false, {}, true))).toEqual([null, null, 'next', 'close']);
  });
});

describe('colours', () => {
  it('gives a party and its institutions the same stable hue', () => {
    expect(partyHue('RU.mfa')).toBe(partyHue('RU'));
    expect(partyHue(null)).toBeNull();
  });

  it('gives the parties of one document hues far apart, sub-parties with their state', () => {
    const gap = (a: number, b: number) => Math.min(Math.abs(a - b), 360 - Math.abs(a - b));
    for (const doc of [['RU', 'UA'], ['RU', 'IL', 'PK'], ['AZ', 'AM', 'RU', 'TR', 'FR', 'IR']]) {
      const hues = [...documentPalette(doc).values()];
      expect(hues).toHaveLength(doc.length);
      const closest = Math.min(...hues.flatMap((a, i) => hues.slice(i + 1).map((b) => gap(a, b))));
      expect(closest, `${doc}: ${hues}`).toBeGreaterThanOrEqual(doc.length <= 3 ? 60 : 30);
    }
    const p = documentPalette(['RU.mfa', 'UA', 'RU', null]);
    expect([...p.keys()]).toEqual(['RU', 'UA']);
  });
});

describe('selection', () => {
  const rows = [{ id: 7 }, { id: 3 }, undefined, { id: 9 }];
  it('takes a shift-click range either way round when its rows are loaded', () => {
    expect(rangeIds(0, 1, (i) => rows[i])).toEqual([7, 3]);
    expect(rangeIds(1, 0, (i) => rows[i])).toEqual([7, 3]);
  });
  it('leaves a range reaching a row not loaded to the core, as one window', () => {
    expect(rangeIds(0, 3, (i) => rows[i])).toBeNull();
    expect(rangeIds(3, 1, (i) => rows[i])).toBeNull();
    expect(rangeWindow(50_000, 3)).toEqual({ offset: 3, limit: 49_998 });
    expect(rangeWindow(3, 3)).toEqual({ offset: 3, limit: 1 });
  });
  it('sorts a new column up and flips the same one', () => {
    expect(nextSort({ sort: null, descending: false }, 'speaker')).toEqual({ sort: 'speaker', descending: false });
    expect(nextSort({ sort: 'speaker', descending: false }, 'speaker')).toEqual({ sort: 'speaker', descending: true });
    expect(nextSort({ sort: 'speaker', descending: true }, 'date')).toEqual({ sort: 'date', descending: false });
  });
});

describe('comboboxKey', () => {
  it('opens the list on ArrowDown, then moves within the options and stops at their ends', () => {
    expect(comboboxKey('ArrowDown', false, 0, 3)).toEqual({ act: 'open', active: 0 });
    expect(comboboxKey('ArrowDown', true, 1, 3)).toEqual({ act: 'move', active: 2 });
    expect(comboboxKey('ArrowDown', true, 2, 3)).toEqual({ act: 'move', active: 2 });
    expect(comboboxKey('ArrowUp', true, 0, 3)).toEqual({ act: 'move', active: 0 });
  });
  it('picks with Enter and closes with Escape only while the list is open, and leaves other keys to the field', () => {
    expect(comboboxKey('Enter', true, 1, 3)).toEqual({ act: 'pick', active: 1 });
    expect(comboboxKey('Enter', true, 0, 0).act).toBeNull();
    expect(comboboxKey('Enter', false, 0, 3).act).toBeNull();
    expect(comboboxKey('Escape', true, 0, 3).act).toBe('close');
    expect(comboboxKey('Escape', false, 0, 3).act).toBeNull();
    expect(comboboxKey('a', true, 0, 3).act).toBeNull();
  });
});

describe('onComboboxKeydown', () => {
  // A stand-in for the DOM event: what the handler does to the key is what the page sees.
  const key = (k: string) => {
    const seen = { prevented: false, stopped: false };
    const e = { key: k, preventDefault: () => (seen.prevented = true), stopPropagation: () => (seen.stopped = true) } as unknown as KeyboardEvent;
    return { e, seen };
  };
  const handlers = () => {
    const calls: string[] = [];
    return { calls, on: { active: (i: number) => calls.push(`active ${i}`), open: () => calls.push('open'), pick: (i: number) => calls.push(`pick ${i}`), close: () => calls.push('close') } };
  };
  it('sets the active option before acting, picks it, and takes the key from the page', () => {
    const { e, seen } = key('Enter');
    const { calls, on } = handlers();
    onComboboxKeydown(e, true, 2, 3, on);
    expect(calls).toEqual(['active 2', 'pick 2']);
    expect(seen).toEqual({ prevented: true, stopped: false });
  });
  it('keeps Escape from an enclosing dialog when it closes the list, and leaves other keys alone', () => {
    const esc = key('Escape');
    const h = handlers();
    onComboboxKeydown(esc.e, true, 0, 3, h.on);
    expect(h.calls).toEqual(['active 0', 'close']);
    expect(esc.seen).toEqual({ prevented: true, stopped: true });
    const other = key('x');
    const h2 = handlers();
    onComboboxKeydown(other.e, true, 0, 3, h2.on);
    expect(h2.calls).toEqual([]);
    expect(other.seen).toEqual({ prevented: false, stopped: false });
  });
});
