// What the analyst can do about a backend error, by its code: the core's sentence says what
// happened and is the same for the command line; this adds what only the app can say.

import type { ErrorCode } from './bindings';

/** A second sentence for an error of kind `code`, or null when the core's sentence says it all. */
export function problemHint(code: ErrorCode): string | null {
  switch (code) {
    // The sentence names the input and what is wrong with it, or the step to take.
    case 'not_found':
    case 'bad_input':
    case 'forbidden':
    case 'locked':
    case 'io':
    case 'fetch':
      return null;
    // The core's sentence names the command line's --db; the app has only the variable.
    case 'read_only':
    case 'not_a_store':
      return 'Start the app with CROSSCHECK_DB set to a writable Crosscheck store to work elsewhere.';
    case 'store':
    case 'internal':
      return 'This is not something you did: the app’s log file has the details.';
    default: {
      // A code added on the Rust side fails the type check here until it is handled.
      const unhandled: never = code;
      return unhandled;
    }
  }
}
