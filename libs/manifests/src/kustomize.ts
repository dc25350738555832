// Renders a kustomization with `kubectl kustomize` (kustomize built into kubectl; there is no
// separate kustomize or helm binary here). The caller says which kubectl: the local stack's
// (.stack/bin) in tests and the demo.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { parseManifests, type KubeObject } from './manifest.js';

const run = promisify(execFile);

/** The rendered YAML of a kustomization directory; kustomize's error is in the thrown message. */
export async function renderText(dir: string, kubectl: string): Promise<string> {
  try {
    const { stdout } = await run(kubectl, ['kustomize', dir], { maxBuffer: 64 << 20 });
    return stdout;
  } catch (err) {
    const stderr = (err as { stderr?: string }).stderr ?? '';
    throw new Error(`kubectl kustomize ${dir} failed: ${stderr.trim()}`, { cause: err });
  }
}

export async function render(dir: string, kubectl: string): Promise<KubeObject[]> {
  return parseManifests(await renderText(dir, kubectl));
}
