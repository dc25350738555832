// What a running demo leaves in its state dir for the next command (`--down`, or a second `up`
// that restarts the apps): the options its names were derived from and each app's port. Pids
// live apart, one file per app (`pids/<app>.pid`), written the moment a process starts.
import { join } from 'node:path';
import { z } from 'zod';
import { appNames, type AppName } from './app-processes.js';

export const RunState = z.object({
  account: z.string().min(1),
  /** The run id of an isolated demo. */
  isolation: z.string().optional(),
  ports: z.record(z.string(), z.int().min(0).max(65535)),
  startedAt: z.string(),
});
export type RunState = z.infer<typeof RunState>;

export const runStateFile = 'run.json';

/** `.demo/` at the repository root, unless --state-dir says otherwise. */
export function defaultStateDir(repoRoot: string): string {
  return join(repoRoot, '.demo');
}

export function parseRunState(text: string): RunState {
  try {
    return RunState.parse(JSON.parse(text));
  } catch (err) {
    throw new Error(
      `the demo's ${runStateFile} is unreadable; remove the state dir to start over`,
      {
        cause: err,
      },
    );
  }
}

/** A pid file's content: one positive integer. */
export function parsePid(text: string): number | undefined {
  const pid = Number(text.trim());
  return Number.isInteger(pid) && pid > 1 ? pid : undefined;
}

/**
 * Whether a process (its /proc/<pid>/cmdline, NUL-separated) is the app the pid file names: a
 * pid may be reused by an unrelated process after a reboot or a crash, and that one must never
 * be signalled.
 */
export function isAppProcess(cmdline: string, entryPath: string): boolean {
  return cmdline.split('\0').some((arg) => arg === entryPath);
}

/**
 * The apps in stop waves, each wave stopped at once: ingest first (no new events), the workers,
 * admission last (every write until the end is still checked).
 */
export const stopWaves: readonly (readonly AppName[])[] = [
  ['ingest'],
  appNames.filter((name) => name !== 'ingest' && name !== 'admission'),
  ['admission'],
];
