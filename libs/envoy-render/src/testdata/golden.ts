// Golden-file support: `testdata/<case>.in.yaml` holds the CRs of one proxy (a LoadBalancer
// with its RemoteEndpoints, or a GWProxy with GWRoutes and GWEndpointSlices, and optionally
// the LBServiceGroup whose template applies); `<case>.out.yaml` holds what the renderer makes
// of them. UPDATE_GOLDEN=1 rewrites the .out files; review them as diffs.
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import {
  kindDescriptor,
  type GWEndpointSliceInput,
  type GWProxyInput,
  type GWRouteInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
  type RemoteEndpointInput,
} from '@epic/model';
import {
  renderGWProxy,
  renderLoadBalancer,
  splitByXdsType,
  templateFor,
  type RenderResult,
  type XdsSnapshot,
} from '../index.js';

export const testdataDir = fileURLToPath(new URL('../../testdata/', import.meta.url));

export interface GoldenInput {
  readonly loadBalancer?: LoadBalancerInput;
  readonly proxy?: GWProxyInput;
  readonly group?: LBServiceGroupInput;
  readonly remoteEndpoints: RemoteEndpointInput[];
  readonly routes: GWRouteInput[];
  readonly slices: GWEndpointSliceInput[];
  /** Objects the model's schema rejects, used as written: the renderer must survive them. */
  readonly schemaNotes: string[];
}

/** The case names: every `<name>.in.yaml` in testdata/. */
export function goldenCases(): string[] {
  return readdirSync(testdataDir)
    .filter((file) => file.endsWith('.in.yaml'))
    .map((file) => file.slice(0, -'.in.yaml'.length))
    .sort();
}

interface KubeDoc {
  kind: string;
  metadata: { name?: string; namespace?: string };
}

/** Parses with the model's schema (defaults applied); a rejected object is kept as written. */
function parseObject(doc: KubeDoc, notes: string[]): unknown {
  const descriptor = kindDescriptor(doc.kind);
  if (!descriptor) throw new Error(`unknown kind ${doc.kind} in golden input`);
  const parsed = descriptor.object.safeParse(doc);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.')}: ${i.message}`);
  notes.push(
    `${doc.kind} ${doc.metadata.name ?? ''} fails the model's schema (${problems.join('; ')}); used as written`,
  );
  return doc;
}

export function readGoldenInput(name: string): GoldenInput {
  const text = readFileSync(join(testdataDir, `${name}.in.yaml`), 'utf8');
  const input: GoldenInput = { remoteEndpoints: [], routes: [], slices: [], schemaNotes: [] };
  const mutable = input as { -readonly [K in keyof GoldenInput]: GoldenInput[K] };
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) throw new Error(`${name}.in.yaml: ${doc.errors[0]!.message}`);
    const raw = doc.toJS() as KubeDoc | null;
    if (!raw) continue;
    const object = parseObject(raw, input.schemaNotes);
    const add: Record<string, () => void> = {
      LoadBalancer: () => (mutable.loadBalancer = object as LoadBalancerInput),
      GWProxy: () => (mutable.proxy = object as GWProxyInput),
      LBServiceGroup: () => (mutable.group = object as LBServiceGroupInput),
      RemoteEndpoint: () => input.remoteEndpoints.push(object as RemoteEndpointInput),
      GWRoute: () => input.routes.push(object as GWRouteInput),
      GWEndpointSlice: () => input.slices.push(object as GWEndpointSliceInput),
    };
    add[raw.kind]!();
  }
  return input;
}

export function renderGolden(input: GoldenInput): RenderResult {
  if (input.loadBalancer) {
    return renderLoadBalancer({
      loadBalancer: input.loadBalancer,
      remoteEndpoints: input.remoteEndpoints,
      template: templateFor(input.loadBalancer, input.group),
    });
  }
  if (!input.proxy) throw new Error('a golden input needs a LoadBalancer or a GWProxy');
  return renderGWProxy({
    proxy: input.proxy,
    routes: input.routes,
    slices: input.slices,
    template: templateFor(input.proxy, input.group),
  });
}

/** The .out.yaml text: notes, diagnostics, hashes per xDS type, then the resources. */
export function goldenText(
  name: string,
  input: GoldenInput,
  result: RenderResult,
  snapshot: XdsSnapshot,
): string {
  const { resources } = result;
  const body = {
    nodeId: resources.nodeId,
    ...(input.schemaNotes.length > 0 ? { schemaNotes: input.schemaNotes } : {}),
    diagnostics: result.diagnostics.map((d) => `${d.object}: ${d.message}`),
    hashes: Object.fromEntries(Object.entries(snapshot.types).map(([type, s]) => [type, s.hash])),
    listeners: resources.listeners.map((r) => r.resource),
    routes: resources.routes.map((r) => r.resource),
    clusters: resources.clusters.map((r) => r.resource),
    endpoints: resources.endpoints.map((r) => r.resource),
  };
  const header = `# Rendered from ${name}.in.yaml by golden.test.ts; regenerate with UPDATE_GOLDEN=1.\n`;
  return header + stringify(body, { lineWidth: 0, aliasDuplicateObjects: false });
}

export function renderGoldenCase(name: string): {
  text: string;
  result: RenderResult;
  snapshot: XdsSnapshot;
} {
  const input = readGoldenInput(name);
  const result = renderGolden(input);
  const snapshot = splitByXdsType(result.resources);
  return { text: goldenText(name, input, result, snapshot), result, snapshot };
}
