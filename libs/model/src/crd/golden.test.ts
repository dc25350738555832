// The committed CRDs in deploy/crds are what the zod schemas generate. On failure: run
// `npm run crds` and review the diff.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { epicKinds } from '../index.js';
import { crdFileName, renderCrdYaml, renderKustomization } from './render.js';

const crdDir = new URL('../../../../deploy/crds/', import.meta.url);
const hint = 'deploy/crds is stale: run `npm run crds` and review the diff';

function committed(file: string): string {
  const url = new URL(file, crdDir);
  expect(existsSync(url), `${file} is missing; ${hint}`).toBe(true);
  return readFileSync(url, 'utf8');
}

describe('deploy/crds golden files', () => {
  it.each(epicKinds.map((k) => [k.kind, k] as const))('%s CRD matches', (_name, kind) => {
    const file = crdFileName(kind);
    expect(renderCrdYaml(kind), `${file}: ${hint}`).toBe(committed(file));
  });

  it('kustomization.yaml lists every CRD', () => {
    expect(renderKustomization(epicKinds), hint).toBe(committed('kustomization.yaml'));
  });
});
