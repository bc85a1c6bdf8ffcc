import { describe, expect, it } from 'vitest';
import { problemHint } from './problems';

describe('problem hints', () => {
  it('point to the log for failures that are not the analyst’s, and add nothing to input errors', () => {
    expect(problemHint('internal')).toMatch(/log/);
    expect(problemHint('store')).toMatch(/log/);
    expect(problemHint('read_only')).toMatch(/CROSSCHECK_DB/);
    for (const code of ['not_found', 'bad_input', 'forbidden', 'fetch'] as const) {
      expect(problemHint(code), code).toBeNull();
    }
  });
});
