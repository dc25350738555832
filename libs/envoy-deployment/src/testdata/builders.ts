// Objects for the tables: the seed's LoadBalancer (spec/seed.md), a GWProxy, a service group, and
// pods as the API would show them.
import {
  GWProxy,
  LBServiceGroup,
  LoadBalancer,
  owningLBServiceGroupLabel,
  type GWProxyInput,
  type LBServiceGroupInput,
  type LoadBalancerInput,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { envoyPodSettings } from '../pod-settings.js';
import { podHashAnnotation } from '../envoy-names.js';
import type { PodView } from '../readiness.js';

export const settings = envoyPodSettings({ address: 'xds-server.epic.svc', port: 18000 });
export const epicImage = 'quay.io/epic-gateway/envoy:v1.31.1-epic2';

type Spec<T extends { spec?: unknown }> = Partial<NonNullable<T['spec']>>;

/** The seed's LB (its uid, namespace epic-root) with spec changes. */
export function seedLb(spec: Spec<LoadBalancerInput> = {}, meta: Record<string, unknown> = {}) {
  return LoadBalancer.parse({
    ...seedLoadBalancer,
    metadata: { ...seedLoadBalancer.metadata, generation: 1, ...meta },
    spec: { ...seedLoadBalancer.spec, ...spec },
  });
}

export function gwProxy(spec: Spec<GWProxyInput> = {}, labels: Record<string, string> = {}) {
  const input: GWProxyInput = {
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'GWProxy',
    metadata: {
      namespace: 'epic-acme',
      name: 'gw-1',
      uid: '5f0d1c1e-8a3b-4b56-9a43-0c6f3d1b2a10',
      generation: 4,
      labels: { [owningLBServiceGroupLabel]: 'gateways', ...labels },
    },
    spec: { 'public-ports': [{ port: 80, protocol: 'TCP' }], ...spec },
  };
  return GWProxy.parse(input);
}

export function group(spec: Spec<LBServiceGroupInput> = {}, name = 'sample') {
  const input: LBServiceGroupInput = {
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LBServiceGroup',
    metadata: { namespace: 'epic-root', name },
    spec: { 'envoy-template': {}, ...spec },
  };
  return LBServiceGroup.parse(input);
}

/** A pod of the proxy: `hash` is its envoy-pod-hash, `ready` its Ready condition. */
export function pod(hash: string, ready: boolean, deleting = false): PodView {
  return {
    metadata: {
      annotations: { [podHashAnnotation]: hash },
      ...(deleting ? { deletionTimestamp: '2025-01-01T00:00:00Z' } : {}),
    },
    status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
  };
}
