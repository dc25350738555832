// Renders a kustomization with `kubectl kustomize` (kustomize built into kubectl; there is no
// separate kustomize or helm binary here). kubectl is the local stack's (.stack/bin, put on
// PATH by the test setup), else whatever kubectl is on PATH.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { repoRoot } from '@epic/testing';
import { parseManifests, type KubeObject } from './manifest.js';

const run = promisify(execFile);

export function kubectlPath(): string {
  const stackKubectl = join(
    process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack'),
    'bin',
    'kubectl',
  );
  return existsSync(stackKubectl) ? stackKubectl : 'kubectl';
}

/** The rendered YAML of a kustomization directory; kustomize's error is in the thrown message. */
export async function renderText(dir: string): Promise<string> {
  try {
    const { stdout } = await run(kubectlPath(), ['kustomize', dir], { maxBuffer: 64 << 20 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr.trim()}`, { cause: err });
  }
}

export async function render(dir: string): Promise<KubeObject[]> {
  return parseManifests(await renderText(dir));
}
