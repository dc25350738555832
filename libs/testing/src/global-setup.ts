// vitest global setup for integration tests: one shared local stack for every project.
// Starts the stack when it is not running (tools/stack, idempotent and locked, so parallel
// projects may all call it), exports its environment to the test workers, and installs the
// committed CRDs and the core namespace once.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { coreNamespace } from '@epic/model';
import { ensureNamespace, installCrds, loadKubeConfig } from '@epic/kube';
import { committedCrds } from './committed-crds.js';
import { repoRoot } from './repo-root.js';
import { parseStackEnv } from './stack-env.js';

const stackScript = join(repoRoot, 'tools', 'stack', 'stack.sh');

function stackIsUp(): boolean {
  try {
    execFileSync('bash', [stackScript, 'status'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

export async function setup(): Promise<void> {
  if (!stackIsUp()) {
    process.stderr.write(
      '[testing] the local stack is not running: starting it (npm run stack:up)\n',
    );
    execFileSync('bash', [stackScript, 'up'], { stdio: ['ignore', 'inherit', 'inherit'] });
  }
  const envText = readFileSync(
    join(process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack'), 'env'),
    'utf8',
  );
  Object.assign(process.env, parseStackEnv(envText, process.env.PATH ?? ''));
  const kc = loadKubeConfig(process.env.KUBECONFIG);
  await installCrds(kc, committedCrds());
  await ensureNamespace(kc, coreNamespace);
}
