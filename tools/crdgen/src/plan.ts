// What deploy/crds must contain, and which files differ from it. Pure: main.ts does the I/O.
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

/** Names of the files whose current content (undefined = missing) differs from the wanted one. */
export function changedFiles(
  files: readonly GeneratedFile[],
  current: (name: string) => string | undefined,
): string[] {
  return files.filter((f) => current(f.name) !== f.content).map((f) => f.name);
}
