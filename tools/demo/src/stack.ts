// The local stack (tools/stack): started with `--profile full` when anything is missing (KWOK
// and the scheduler are what give the Envoy Deployment Running pods), its progress shown as it
// goes; then its environment (.stack/env) for the apps.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseStackEnv } from '@epic/testing';
import { DemoError } from './demo-error.js';

export function stackDir(repoRoot: string): string {
  return process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack');
}

function stackScript(repoRoot: string): string {
  return join(repoRoot, 'tools', 'stack', 'stack.sh');
}

function run(repoRoot: string, args: string[], show: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [stackScript(repoRoot), ...args], {
      cwd: repoRoot,
      stdio: ['ignore', show ? 'inherit' : 'ignore', show ? 'inherit' : 'ignore'],
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function isFullAndUp(repoRoot: string): Promise<boolean> {
  const profile = await readFile(join(stackDir(repoRoot), 'profile'), 'utf8').catch(() => '');
  return profile.trim() === 'full' && (await run(repoRoot, ['status'], false)) === 0;
}

/** Starts what is not running (idempotent; the stack script holds a lock). */
export async function ensureStack(repoRoot: string, say: (line: string) => void): Promise<void> {
  if (await isFullAndUp(repoRoot)) {
    say('local stack: running (profile full)');
    return;
  }
  say('local stack: starting it (bash tools/stack/stack.sh up --profile full)');
  const code = await run(repoRoot, ['up', '--profile', 'full'], true);
  if (code !== 0) {
    throw new DemoError(
      `the local stack did not come up (exit ${code}); see the messages above and .stack/logs/`,
    );
  }
}

export async function stopStack(repoRoot: string): Promise<void> {
  const code = await run(repoRoot, ['down'], true);
  if (code !== 0) throw new DemoError(`stopping the local stack failed (exit ${code})`);
}

/** KUBECONFIG, PATH (with kubectl), EPIC_KAFKA_BROKERS, EPIC_REDIS_URL, ... */
export async function stackEnv(repoRoot: string): Promise<Record<string, string>> {
  const file = join(stackDir(repoRoot), 'env');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new DemoError(`${file} is missing: is the local stack up? (npm run stack:status)`);
  });
  return parseStackEnv(text, process.env.PATH ?? '');
}
