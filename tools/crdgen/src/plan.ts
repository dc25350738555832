// What deploy/crds and the Helm chart's crds/ must contain, and which files differ from it.
// Pure: main.ts does the I/O.
import {
  crdFileName,
  epicKinds,
  renderCrdYaml,
  renderKustomization,
  type KindDescriptor,
} from '@epic/model';

export interface GeneratedFile {
  /** File name inside the CRD directory. */
  name: string;
  content: string;
}

/** One CRD file per kind plus kustomization.yaml, in a fixed order. */
export function generatedFiles(kinds: readonly KindDescriptor[] = epicKinds): GeneratedFile[] {
  return [
    ...kinds.map((kind) => ({ name: crdFileName(kind), content: renderCrdYaml(kind) })),
    { name: 'kustomization.yaml', content: renderKustomization(kinds) },
  ];
}

/** A directory crdgen writes, relative to the repository root, and what goes in it. */
export interface CrdTarget {
  dir: string;
  files: GeneratedFile[];
}

/**
 * Where the CRDs go: deploy/crds (with its kustomization) and the Helm chart's crds/ (the CRD
 * files alone: helm installs every file there as a CRD).
 */
export function crdTargets(kinds: readonly KindDescriptor[] = epicKinds): CrdTarget[] {
  const files = generatedFiles(kinds);
  return [
    { dir: 'deploy/crds', files },
    { dir: 'deploy/helm/epic/crds', files: files.filter((f) => f.name !== 'kustomization.yaml') },
  ];
}

/** Names of the files whose current content (undefined = missing) differs from the wanted one. */
export function changedFiles(
  files: readonly GeneratedFile[],
  current: (name: string) => string | undefined,
): string[] {
  return files.filter((f) => current(f.name) !== f.content).map((f) => f.name);
}
