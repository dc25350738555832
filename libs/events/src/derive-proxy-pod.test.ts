// Given/when/then for Envoy pods: Scheduled, Ready, Gone, Observed, and silence otherwise.
import { describe, expect, it } from 'vitest';
import type { DomainEventType } from './catalogue.js';
import { deriveEvents, type DeriveInput } from './derive-events.js';
import {
  envoyPodObject,
  fixedNow,
  pendingEnvoyPodObject,
  sequentialIds,
} from './testdata/index.js';

type Pod = typeof envoyPodObject;
const ready = envoyPodObject;
const pending = pendingEnvoyPodObject;

const scheduledNotReady = {
  ...ready,
  metadata: { ...ready.metadata, resourceVersion: '199' },
  status: {
    ...ready.status,
    conditions: [
      { type: 'PodScheduled', status: 'True' },
      { type: 'Ready', status: 'False' },
    ],
  },
};

const withRv = (pod: Pod, resourceVersion: string): Pod => ({
  ...pod,
  metadata: { ...pod.metadata, resourceVersion },
});

const unlabelled = { ...ready, metadata: { ...ready.metadata, labels: { app: 'web' } } };

function derive(input: Omit<DeriveInput, 'kind' | 'newId' | 'now'>) {
  return deriveEvents({ kind: 'Pod', ...input, newId: sequentialIds(), now: fixedNow });
}

function types(input: Omit<DeriveInput, 'kind' | 'newId' | 'now'>): DomainEventType[] {
  const result = derive(input);
  if (!result.ok) throw new Error(result.invalid.message);
  return result.events.map((e) => e.type);
}

describe('given an Envoy pod', () => {
  it.each<[string, Omit<DeriveInput, 'kind' | 'newId' | 'now'>, DomainEventType[]]>([
    ['it is added unscheduled', { new: pending }, []],
    ['it is added scheduled, not ready', { new: scheduledNotReady }, ['ProxyPodScheduled']],
    ['it is added scheduled and ready', { new: ready }, ['ProxyPodScheduled', 'ProxyPodReady']],
    ['its nodeName is set', { old: pending, new: scheduledNotReady }, ['ProxyPodScheduled']],
    ['its Ready condition becomes True', { old: scheduledNotReady, new: ready }, ['ProxyPodReady']],
    [
      'it is scheduled and ready in one update',
      { old: pending, new: ready },
      ['ProxyPodScheduled', 'ProxyPodReady'],
    ],
    ['only its resourceVersion changes', { old: ready, new: withRv(ready, '201') }, []],
    ['its Ready condition becomes False', { old: ready, new: scheduledNotReady }, []],
    ['it is deleted', { old: ready }, ['ProxyPodGone']],
    ['it is resynced', { new: ready, observed: true }, ['ProxyPodObserved']],
    ['it has no owning LoadBalancer/GWProxy label (not ours), on add', { new: unlabelled }, []],
    ['it has no owning label, on delete', { old: unlabelled }, []],
  ])('when %s', (_when, input, then) => {
    expect(types(input)).toEqual(then);
  });

  it('then Ready carries node, IP, owner and service group', () => {
    const result = derive({ old: scheduledNotReady, new: ready });
    expect(result).toMatchObject({
      ok: true,
      events: [
        {
          type: 'ProxyPodReady',
          source: {
            kind: 'Pod',
            namespace: 'epic-acme',
            name: ready.metadata.name,
            uid: ready.metadata.uid,
            resourceVersion: '200',
          },
          data: {
            pod: {
              namespace: 'epic-acme',
              name: ready.metadata.name,
              owner: { kind: 'LoadBalancer', name: 'sample-web' },
              serviceGroup: 'sample',
              nodeName: 'node-a',
              podIP: '10.128.0.7',
              podIPs: ['10.128.0.7'],
              ready: true,
            },
          },
        },
      ],
    });
  });

  it('then a GWProxy pod names its proxy', () => {
    const proxyPod = {
      ...ready,
      metadata: { ...ready.metadata, labels: { 'epic.acnodal.io/owning-proxy': 'a044f348' } },
    };
    const result = derive({ new: proxyPod, observed: true });
    expect(result).toMatchObject({
      ok: true,
      events: [{ data: { pod: { owner: { kind: 'GWProxy', name: 'a044f348' } } } }],
    });
  });

  it('then a client-node typed pod (Date timestamps) is read like wire JSON', () => {
    const typed = {
      ...ready,
      metadata: { ...ready.metadata, creationTimestamp: new Date('2025-01-01T00:00:00Z') },
    };
    expect(derive({ new: typed, observed: true }).ok).toBe(true);
  });

  it('then a pod whose labels are not strings is an InvalidObject', () => {
    const broken = { ...ready, metadata: { ...ready.metadata, labels: { a: 1 } } };
    expect(derive({ new: broken })).toMatchObject({
      ok: false,
      invalid: { kind: 'Pod', role: 'new', name: ready.metadata.name },
    });
  });
});
