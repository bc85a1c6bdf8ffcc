// Keyboard navigation shared by the list views: j/k move, / focuses the search box, Enter opens,
// Esc closes or clears; in the review queue, a accepts and e corrects the row under the cursor.
// In the claims table, Space toggles the row under the cursor in the selection and Shift+j/k (or
// Shift+arrows) move while extending it.
// Keys typed into a field belong to the field (except Esc); Enter and Space on a focused button
// (or link, or any control) press it.

export type KeyAction = 'next' | 'prev' | 'search' | 'open' | 'close' | 'accept' | 'edit' | 'toggle' | 'extendNext' | 'extendPrev' | null;

export function keyAction(key: string, inField: boolean, mods: { ctrl?: boolean; meta?: boolean; alt?: boolean; shift?: boolean } = {}, onControl = false): KeyAction {
  if (mods.ctrl || mods.meta || mods.alt) return null;
  if (key === 'Escape') return 'close';
  if (inField) return null;
  // Taken for the list, they opened the row under the cursor instead of the button focused.
  if (onControl && (key === 'Enter' || key === ' ')) return null;
  if (mods.shift && (key === 'ArrowDown' || key === 'ArrowUp')) return key === 'ArrowDown' ? 'extendNext' : 'extendPrev';
  switch (key) {
    case 'J':
      return 'extendNext';
    case 'K':
      return 'extendPrev';
    case ' ':
      return 'toggle';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'prev';
    case '/':
      return 'search';
    case 'Enter':
      return 'open';
    case 'a':
      return 'accept';
    case 'e':
      return 'edit';
    default:
      return null;
  }
}

export function isField(el: Element | null): boolean {
  if (!el) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (el as HTMLElement).isContentEditable;
}

/** Whether `el` is a control that Enter or Space activates (a button, a link, a checkbox…). */
export function isControl(el: Element | null): boolean {
  return !!el?.matches('button, a[href], summary, [role=button], [role=link], [role=checkbox], [role=radio], [role=switch], [role=tab], [role=menuitem], [role=option]');
}

// The keys of a picker's combobox (the source, claim and party pickers): ArrowDown opens the list
// or moves down, ArrowUp moves up, Enter picks the active option, Escape closes the open list.
// Returns what to do and the active option after the key; `null` leaves the key to the field.
export type ComboAction = 'open' | 'move' | 'pick' | 'close' | null;

export function comboboxKey(key: string, open: boolean, active: number, count: number): { act: ComboAction; active: number } {
  if (key === 'ArrowDown') return open ? { act: 'move', active: Math.max(0, Math.min(active + 1, count - 1)) } : { act: 'open', active };
  if (key === 'ArrowUp') return { act: 'move', active: Math.max(active - 1, 0) };
  if (key === 'Enter' && open && count > 0) return { act: 'pick', active };
  if (key === 'Escape' && open) return { act: 'close', active };
  return { act: null, active };
}

/** What a picker does for each of `comboboxKey`'s actions. */
export interface ComboboxHandlers {
  active: (i: number) => void;
  open: () => void;
  pick: (i: number) => void;
  close: () => void;
}

/** A picker's keydown: the key's action carried out (the active option set first), the key taken
 * from the page when it acts and kept from an enclosing dialog when it closes the list. */
export function onComboboxKeydown(e: KeyboardEvent, open: boolean, active: number, count: number, on: ComboboxHandlers): void {
  const k = comboboxKey(e.key, open, active, count);
  if (!k.act) return;
  e.preventDefault();
  if (k.act === 'close') e.stopPropagation();
  on.active(k.active);
  if (k.act === 'open') on.open();
  else if (k.act === 'pick') on.pick(k.active);
  else if (k.act === 'close') on.close();
}
