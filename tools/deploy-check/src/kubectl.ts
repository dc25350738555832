// The kubectl whose kustomize renders the manifests: the local stack's (.stack/bin, put on PATH
// by the test setup), else whatever kubectl is on PATH.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '@epic/testing';

export function kubectlPath(): string {
  const stackKubectl = join(
    process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack'),
    'bin',
    'kubectl',
  );
  return existsSync(stackKubectl) ? stackKubectl : 'kubectl';
}
