// Whether two renders of EPIC hold the same objects: the Helm chart (deploy/helm/epic) against
// the kustomize base it must stay equivalent to, so that the chart inherits every check of the
// kustomize manifests (least-privilege RBAC, workload rules, the real install). Before comparing,
// only what is each tool's own bookkeeping is taken out:
//   - kustomize's content hash on generated ConfigMap names (and on the references to them);
//   - Helm's release labels (instance, managed-by, version, helm.sh/chart), wherever labels or
//     selectors are, and its checksum annotation on pod templates;
//   - an absent imagePullPolicy is replaced by the apiserver's default for the image's tag.
// Everything else (RBAC rules and subjects, containers, volumes, Services, webhooks) must be
// equal, and a difference is reported as the first path where the two differ.
import { isDeepStrictEqual } from 'node:util';
import { refOf, type KubeObject } from '@epic/manifests';

export const helmOnlyLabels: readonly string[] = [
  'app.kubernetes.io/instance',
  'app.kubernetes.io/managed-by',
  'app.kubernetes.io/version',
  'helm.sh/chart',
];
export const helmOnlyAnnotations: readonly string[] = ['checksum/connections'];

export interface NormalizeOptions {
  /** Names of kustomize's configMapGenerator entries, whose rendered names carry a hash. */
  generatedConfigMaps: readonly string[];
}

export interface RenderDifferences {
  onlyInKustomize: string[];
  onlyInChart: string[];
  /** `<ref>: <path>: <kustomize value> != <chart value>`, one per differing object. */
  differing: string[];
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (value: Json | undefined): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** `epic-connections-64ddfh5h72` -> `epic-connections`, for the generated names in `objects`. */
function unhashedNames(objects: readonly KubeObject[], generated: readonly string[]) {
  const names = new Map<string, string>();
  for (const object of objects) {
    if (object.kind !== 'ConfigMap') continue;
    const base = generated.find((name) =>
      new RegExp(`^${name}-[a-z0-9]{10}$`).test(object.metadata.name),
    );
    if (base !== undefined) names.set(object.metadata.name, base);
  }
  return names;
}

function withoutKeys(map: JsonObject, keys: readonly string[]): JsonObject | undefined {
  const kept = Object.entries(map).filter(([key]) => !keys.includes(key));
  return kept.length === 0 ? undefined : Object.fromEntries(kept);
}

/** What the apiserver fills in for a container without imagePullPolicy. */
export function defaultPullPolicy(image: string): string {
  const lastPart = image.slice(image.lastIndexOf('/') + 1);
  const tag = lastPart.includes(':') ? lastPart.slice(lastPart.indexOf(':') + 1) : 'latest';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

/** One key of a JSON object, rewritten; `undefined` leaves the key out. */
function normalizeEntry(key: string, value: Json, renames: Map<string, string>): Json | undefined {
  const normalized = normalizeValue(value, renames);
  if (!isObject(normalized)) return normalized;
  if (key === 'labels' || key === 'matchLabels') return withoutKeys(normalized, helmOnlyLabels);
  if (key === 'annotations') return withoutKeys(normalized, helmOnlyAnnotations);
  return normalized;
}

function normalizeValue(value: Json, renames: Map<string, string>): Json {
  if (typeof value === 'string') return renames.get(value) ?? value;
  if (Array.isArray(value)) return value.map((item) => normalizeValue(item, renames));
  if (!isObject(value)) return value;
  const entries = Object.entries(value).flatMap(([key, inner]) => {
    const normalized = normalizeEntry(key, inner, renames);
    return normalized === undefined ? [] : [[key, normalized] as const];
  });
  return Object.fromEntries(entries);
}

/** A Service's selector is a label map too, under a name of its own. */
function normalizeService(service: JsonObject): JsonObject {
  const spec = service.spec;
  if (!isObject(spec) || !isObject(spec.selector)) return service;
  return {
    ...service,
    spec: { ...spec, selector: withoutKeys(spec.selector, helmOnlyLabels) ?? {} },
  };
}

/** Every container of a Deployment or DaemonSet with its imagePullPolicy, as the apiserver sets it. */
function normalizeWorkload(workload: JsonObject): JsonObject {
  const template = isObject(workload.spec) ? workload.spec.template : undefined;
  const pod = isObject(template) ? template.spec : undefined;
  if (!isObject(pod) || !Array.isArray(pod.containers)) return workload;
  const containers = pod.containers.map((container) =>
    isObject(container) && typeof container.image === 'string' && !('imagePullPolicy' in container)
      ? { ...container, imagePullPolicy: defaultPullPolicy(container.image) }
      : container,
  );
  const spec = { ...(workload.spec as JsonObject) };
  spec.template = { ...(template as JsonObject), spec: { ...pod, containers } };
  return { ...workload, spec };
}

const kindNormalizers: Record<string, (object: JsonObject) => JsonObject> = {
  Service: normalizeService,
  Deployment: normalizeWorkload,
  DaemonSet: normalizeWorkload,
};

/** The objects keyed by `refOf`, without either tool's bookkeeping; a duplicate ref is an error. */
export function normalizeRender(
  objects: readonly KubeObject[],
  options: NormalizeOptions,
): Map<string, JsonObject> {
  const renames = unhashedNames(objects, options.generatedConfigMaps);
  const normalized = new Map<string, JsonObject>();
  for (const object of objects) {
    const value = normalizeValue(object as unknown as Json, renames) as JsonObject;
    const ref = refOf(value as unknown as KubeObject);
    if (normalized.has(ref)) throw new Error(`${ref} is rendered twice`);
    normalized.set(ref, kindNormalizers[object.kind]?.(value) ?? value);
  }
  return normalized;
}

function shown(value: Json | undefined): string {
  return value === undefined ? '(absent)' : JSON.stringify(value);
}

type Pair = [a: Json | undefined, b: Json | undefined, path: string];

/** The pairs to look into: items of equally long arrays, or the keys of two objects. */
function childPairs(a: Json | undefined, b: Json | undefined, path: string): Pair[] {
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    return a.map((item, index): Pair => [item, b[index], `${path}[${index}]`]);
  }
  if (!isObject(a) || !isObject(b)) return [];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  return keys.map((key): Pair => [a[key], b[key], path === '' ? key : `${path}.${key}`]);
}

/** The first path at which `a` and `b` differ, with both values; undefined when equal. */
export function firstDifference(
  a: Json | undefined,
  b: Json | undefined,
  path = '',
): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  for (const [childA, childB, childPath] of childPairs(a, b, path)) {
    const found = firstDifference(childA, childB, childPath);
    if (found !== undefined) return found;
  }
  return `${path || '(root)'}: ${shown(a)} != ${shown(b)}`;
}

export function compareRenders(
  kustomize: readonly KubeObject[],
  chart: readonly KubeObject[],
  options: NormalizeOptions,
): RenderDifferences {
  const expected = normalizeRender(kustomize, options);
  const actual = normalizeRender(chart, options);
  const refs = [...new Set([...expected.keys(), ...actual.keys()])].sort();
  return {
    onlyInKustomize: refs.filter((ref) => !actual.has(ref)),
    onlyInChart: refs.filter((ref) => !expected.has(ref)),
    differing: refs.flatMap((ref) => {
      const found = firstDifference(expected.get(ref), actual.get(ref));
      return expected.has(ref) && actual.has(ref) && found !== undefined
        ? [`${ref}: ${found}`]
        : [];
    }),
  };
}
