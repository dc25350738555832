// Progress of a wait, on stderr so stdout stays clean for -o json|yaml. On a terminal one line
// is redrawn with a spinner and the elapsed time; in a pipe or a log, plain lines: the start,
// then a "still waiting" line now and then, so CI logs show life without flooding.
import type { Io } from './deps.js';

export interface Progress {
  /** Called on every poll with the time waited so far and what is being waited for. */
  tick(elapsedMs: number, status: string): void;
  /** Clears the spinner line (a terminal) before the result is printed. */
  done(): void;
}

const spinnerFrames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
export const plainProgressEveryMs = 10_000;

/** A spinner on a TTY, else plain lines every `plainProgressEveryMs`. */
export function createProgress(io: Io, what: string): Progress {
  return io.isTTY ? spinner(io, what) : plainLines(io, what);
}

function spinner(io: Io, what: string): Progress {
  let frame = 0;
  return {
    tick(elapsedMs, status) {
      const symbol = spinnerFrames[frame++ % spinnerFrames.length] ?? '';
      io.err(`\r\x1b[K${symbol} ${what} (${Math.floor(elapsedMs / 1000)}s): ${status}`);
    },
    done() {
      io.err('\r\x1b[K');
    },
  };
}

function plainLines(io: Io, what: string): Progress {
  let nextReportMs: number | undefined;
  return {
    tick(elapsedMs, status) {
      if (nextReportMs !== undefined && elapsedMs < nextReportMs) return;
      const prefix = nextReportMs === undefined ? '' : `still (${Math.floor(elapsedMs / 1000)}s) `;
      io.err(`${prefix}${what}: ${status}\n`);
      nextReportMs = (Math.floor(elapsedMs / plainProgressEveryMs) + 1) * plainProgressEveryMs;
    },
    done() {},
  };
}
