import { epicKinds } from '@epic/model';
import { describe, expect, it } from 'vitest';
import { changedFiles, crdTargets, generatedFiles } from './plan.js';

describe('crdgen plan', () => {
  const files = generatedFiles();

  it('has one CRD per kind plus the kustomization', () => {
    expect(files.map((f) => f.name)).toEqual([
      ...epicKinds.map((k) => `${k.plural}.epic.acnodal.io.yaml`),
      'kustomization.yaml',
    ]);
    const kustomization = files.at(-1)!.content;
    for (const kind of epicKinds)
      expect(kustomization).toContain(`${kind.plural}.epic.acnodal.io.yaml`);
  });

  it('writes the same CRDs into the Helm chart, without the kustomization', () => {
    const [crds, chart] = crdTargets();
    expect(crds).toEqual({ dir: 'deploy/crds', files });
    expect(chart?.dir).toBe('deploy/helm/epic/crds');
    expect(chart?.files).toEqual(files.filter((f) => f.name !== 'kustomization.yaml'));
  });

  it('lists missing and different files as changed, identical ones not', () => {
    const [first, second] = files;
    const current = new Map([
      [first!.name, first!.content],
      [second!.name, `${second!.content}# edited\n`],
    ]);
    const changed = changedFiles(files, (name) => current.get(name));
    expect(changed).not.toContain(first!.name);
    expect(changed).toContain(second!.name);
    expect(changed).toHaveLength(files.length - 1);
  });
});
