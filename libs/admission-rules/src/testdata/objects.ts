// Objects as a client would send them, and AdmissionRequests around them: the inputs of the
// decision tables. Every builder takes overrides, so a table row states only what it is about.
import {
  controllerFinalizer,
  owningAccountLabel,
  owningLoadBalancerLabel,
  owningServicePrefixLabel,
} from '@epic/model';
import { AdmissionRequest, type Operation, type UserInfo } from '../admission-review.js';
import { reviewOf, type EpicKind, type Review } from '../review.js';

export const account = 'acme';
export const namespace = 'epic-acme';
export const admin: UserInfo = { username: 'admin', groups: ['system:masters'] };
export const idAllocator: UserInfo = {
  username: 'system:serviceaccount:epic:id-allocator',
  groups: ['system:serviceaccounts', 'system:serviceaccounts:epic'],
};

type Json = Record<string, unknown>;

interface Where {
  metadata?: Json;
  ns?: string;
}

function object(kind: string, name: string, spec: Json, where: Where = {}) {
  return {
    apiVersion: 'epic.acnodal.io/v1',
    kind,
    metadata: { name, namespace: where.ns ?? namespace, ...where.metadata },
    spec,
  };
}

export const envoyTemplate = {
  envoyAPI: 'v3',
  serialization: 'yaml',
  nodeID: 'SET_BY_EPIC',
  envoyResources: { listeners: [{ name: 'SET_BY_EPIC', value: "{{ .ServiceName }} + 'q'" }] },
};

export function accountObject(spec: Json = {}, name = account, ns = namespace) {
  return object('Account', name, spec, { ns });
}

export function serviceGroup(
  spec: Json = {},
  labels: Record<string, string> = {
    [owningServicePrefixLabel]: 'default',
    [owningAccountLabel]: account,
  },
  ns = namespace,
) {
  return object(
    'LBServiceGroup',
    'web',
    { 'envoy-replica-count': 2, 'envoy-template': envoyTemplate, ...spec },
    { metadata: { labels }, ns },
  );
}

/** A ServicePrefix in the core namespace with these claims in its status (address -> owner LB). */
export function servicePrefix(
  claims: Record<string, string> = {},
  alt: Record<string, string> = {},
) {
  const record = (entries: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(entries).map(([address, owner], i) => [
        address,
        { owners: [{ kind: 'LoadBalancer', namespace, name: owner, uid: `uid-${owner}-${i}` }] },
      ]),
    );
  return {
    ...object(
      'ServicePrefix',
      'default',
      { 'public-pool': { pool: '192.168.77.2-192.168.77.254', subnet: '192.168.77.0/24' } },
      { ns: 'epic' },
    ),
    status: { allocations: record(claims), 'alt-allocations': record(alt) },
  };
}

export function loadBalancer(spec: Json = {}, metadata: Json = {}, name = 'shop') {
  return object(
    'LoadBalancer',
    name,
    {
      'service-group': 'web',
      'display-name': 'shop',
      'public-ports': [{ port: 443, protocol: 'TCP', targetPort: 8443 }],
      ...spec,
    },
    { metadata },
  );
}

export function gwProxy(spec: Json = {}, metadata: Json = {}, name = 'gw-1') {
  return object(
    'GWProxy',
    name,
    {
      'service-group': 'web',
      'display-name': 'gateway',
      clientRef: { clusterID: 'c1', namespace: 'shop', name: 'gateway', uid: 'u-1' },
      'public-ports': [{ port: 80, protocol: 'TCP' }],
      ...spec,
    },
    { metadata },
  );
}

export function remoteEndpoint(spec: Json = {}, labels: Json = {}, name = 'ep-1') {
  return object(
    'RemoteEndpoint',
    name,
    {
      cluster: 'c1',
      address: '10.244.1.5',
      'node-address': '192.168.1.16',
      port: { port: 8080, protocol: 'TCP' },
      ...spec,
    },
    { metadata: { labels: { [owningLoadBalancerLabel]: 'shop', ...labels } } },
  );
}

export const withFinalizer = { finalizers: [controllerFinalizer] };

export interface RequestInput {
  kind: EpicKind;
  operation?: Operation;
  object?: unknown;
  oldObject?: unknown;
  user?: UserInfo;
  subResource?: string;
  namespace?: string;
  name?: string;
}

function metaOf(obj: unknown): { name?: string; namespace?: string } {
  const holder = obj as { metadata?: { name?: string; namespace?: string } } | undefined;
  return holder?.metadata ?? {};
}

/** An AdmissionRequest as the apiserver sends it. */
export function admissionRequest(input: RequestInput): AdmissionRequest {
  const meta = metaOf(input.object ?? input.oldObject);
  const plural = `${input.kind.toLowerCase()}s`;
  const defaults = {
    name: meta.name ?? '',
    namespace: meta.namespace ?? namespace,
    operation: 'CREATE',
    userInfo: admin,
    object: null,
    oldObject: null,
  };
  return AdmissionRequest.parse({
    uid: 'c0ffee00-0000-4000-8000-000000000001',
    kind: { group: 'epic.acnodal.io', version: 'v1', kind: input.kind },
    resource: { group: 'epic.acnodal.io', version: 'v1', resource: plural },
    ...defaults,
    ...Object.fromEntries(
      Object.entries({
        subResource: input.subResource,
        name: input.name,
        namespace: input.namespace,
        operation: input.operation,
        userInfo: input.user,
        object: input.object,
        oldObject: input.oldObject,
      }).filter(([, value]) => value !== undefined),
    ),
    dryRun: false,
  });
}

/** The decoded Review of a request; throws if it is not one of our kinds. */
export function review(input: RequestInput): Review {
  const result = reviewOf(admissionRequest(input));
  if (!result.ok) throw new Error(result.reason);
  return result.review;
}

/** The parsed (defaulted) form of a builder's object, as facts hold them. */
export function parsed<T>(kind: EpicKind, obj: unknown): T {
  const r = review({ kind, object: obj });
  if (!r.object) throw new Error(`fixture ${kind} does not parse: ${r.schemaProblems.join('; ')}`);
  return r.object as T;
}
