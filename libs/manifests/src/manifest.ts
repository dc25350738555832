// Kubernetes objects as rendered by kustomize: the few fields every check reads, checked with
// zod at the boundary (the YAML text), everything else carried along untouched.
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';

const Metadata = z.looseObject({
  name: z.string().min(1),
  namespace: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
  annotations: z.record(z.string(), z.string()).optional(),
});

export const KubeObject = z.looseObject({
  apiVersion: z.string().min(1),
  kind: z.string().min(1),
  metadata: Metadata,
});
export type KubeObject = z.infer<typeof KubeObject>;

/** Every non-empty document of a multi-document YAML stream; a bad document names itself. */
export function parseManifests(text: string): KubeObject[] {
  return parseAllDocuments(text).flatMap((doc, index) => {
    if (doc.errors.length > 0) {
      throw new Error(`document ${index + 1} is not valid YAML`, { cause: doc.errors[0] });
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) return [];
    const parsed = KubeObject.safeParse(value);
    if (!parsed.success) {
      throw new Error(`document ${index + 1} is not a Kubernetes object`, { cause: parsed.error });
    }
    return [parsed.data];
  });
}

/** `Kind namespace/name`, or `Kind name` for a cluster-scoped object. */
export function refOf(object: KubeObject): string {
  const { namespace, name } = object.metadata;
  return namespace === undefined ? `${object.kind} ${name}` : `${object.kind} ${namespace}/${name}`;
}

/** The API group of an apiVersion (`apps/v1` -> `apps`, `v1` -> ``, the core group). */
export function apiGroupOf(object: KubeObject): string {
  const slash = object.apiVersion.indexOf('/');
  return slash === -1 ? '' : object.apiVersion.slice(0, slash);
}

export function ofKind(objects: readonly KubeObject[], ...kinds: string[]): KubeObject[] {
  return objects.filter((object) => kinds.includes(object.kind));
}

/** The one object of a kind and name; a missing or ambiguous one is an error naming it. */
export function findObject(objects: readonly KubeObject[], kind: string, name: string): KubeObject {
  const [only, ...others] = objects.filter((o) => o.kind === kind && o.metadata.name === name);
  if (only === undefined || others.length > 0) {
    throw new Error(`expected one ${kind} named ${name}, found ${others.length + (only ? 1 : 0)}`);
  }
  return only;
}
