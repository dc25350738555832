import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from './repo-root.js';

/** The CRDs as committed in deploy/crds (what a user installs), in kustomization order, in wire format. */
export function committedCrds(): object[] {
  const dir = join(repoRoot, 'deploy', 'crds');
  const kustomization = parse(readFileSync(join(dir, 'kustomization.yaml'), 'utf8')) as {
    resources: string[];
  };
  return kustomization.resources.map(
    (file) => parse(readFileSync(join(dir, file), 'utf8')) as object,
  );
}
