import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@epic/testing';

const run = promisify(execFile);

export interface StackRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs `tools/stack/stack.sh <args>` with extra environment; never throws on a non-zero exit. */
export async function stackCli(
  args: string[],
  env: Record<string, string> = {},
): Promise<StackRun> {
  try {
    const { stdout, stderr } = await run(
      'bash',
      [join(repoRoot, 'tools/stack/stack.sh'), ...args],
      {
        env: { ...process.env, ...env },
        timeout: 600_000,
      },
    );
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof e.code === 'number' ? e.code : 1,
      stdout: e.stdout ?? '',
      stderr: e.stderr ?? '',
    };
  }
}

/** `status` lines as service -> 'up' | 'down'. */
export function parseStatus(stdout: string): Record<string, string> {
  const states: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const [service, state] = line.trim().split(/\s+/);
    if (service && state) states[service] = state;
  }
  return states;
}
