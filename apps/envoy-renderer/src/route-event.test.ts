// Which events make envoy-renderer look at which proxies: one sample event of every type, then
// the Changed variants whose areas decide.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventType } from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import { createLogger } from '@epic/logging';
import { routeEvent, type RenderTarget } from './route-event.js';

const log = createLogger({ app: 'route-event-test', level: 'silent' });

function recorder() {
  const calls: string[] = [];
  const target: RenderTarget = {
    reconcile: (kind, ref) =>
      Promise.resolve(void calls.push(`${kind} ${ref.namespace}/${ref.name}`)),
    reconcileGroup: (namespace, group) =>
      Promise.resolve(void calls.push(`group ${namespace}/${group}`)),
    reconcileAll: () => Promise.resolve(void calls.push('all')),
  };
  return { calls, target };
}

async function callsFor(event: DomainEvent): Promise<string[]> {
  const { calls, target } = recorder();
  await routeEvent(event, target, log);
  return calls;
}

const samples = new Map(sampleEvents().map((e) => [e.type, e]));
function sample(type: DomainEventType): DomainEvent {
  const event = samples.get(type);
  if (!event) throw new Error(`no sample ${type}`);
  return event;
}

/** The sample event with its object's namespace/name, for the expectations below. */
function ref(type: DomainEventType): string {
  const { namespace, name } = sample(type).source;
  return `${namespace}/${name}`;
}

function withChanged(type: DomainEventType, changed: string[]): DomainEvent {
  const event = sample(type) as DomainEvent & { data: { changed: string[] } };
  return { ...event, data: { ...event.data, changed } } as DomainEvent;
}

describe('routeEvent', () => {
  it.each([
    ['LoadBalancerRequested', 'LoadBalancer'],
    ['LoadBalancerChanged', 'LoadBalancer'],
    ['LoadBalancerDeleting', 'LoadBalancer'],
    ['LoadBalancerObserved', 'LoadBalancer'],
    ['ProxyRequested', 'GWProxy'],
    ['ProxyChanged', 'GWProxy'],
    ['ProxyDeleting', 'GWProxy'],
    ['ProxyObserved', 'GWProxy'],
  ] as const)('%s reconciles that %s', async (type, kind) => {
    expect(await callsFor(sample(type))).toEqual([`${kind} ${ref(type)}`]);
  });

  it.each(['ProxyPodReady', 'ProxyPodGone'] as const)(
    '%s reconciles the proxy that owns the pod',
    async (type) => {
      const event = sample(type) as DomainEvent & {
        data: { pod: { namespace: string; owner: { kind: string; name: string } } };
      };
      const { namespace, owner } = event.data.pod;
      expect(await callsFor(event)).toEqual([`${owner.kind} ${namespace}/${owner.name}`]);
    },
  );

  it.each(['ServiceGroupCreated', 'ServiceGroupDeleted'] as const)(
    '%s reconciles every proxy of the group',
    async (type) => {
      expect(await callsFor(sample(type))).toEqual([`group ${ref(type)}`]);
    },
  );

  it.each([
    { what: 'its Envoy image', changed: ['spec', 'spec.envoy-image'], calls: 1 },
    { what: 'its replica count', changed: ['spec', 'spec.envoy-replica-count'], calls: 1 },
    { what: 'its deletion starting', changed: ['deletion'], calls: 1 },
    {
      what: 'only its envoy-template (the xDS server’s business)',
      changed: ['spec', 'spec.envoy-template'],
      calls: 0,
    },
    { what: 'only its status', changed: ['status', 'status.proxy-snapshot-versions'], calls: 0 },
  ])('a service group change of $what: $calls fan-outs', async ({ changed, calls }) => {
    expect(await callsFor(withChanged('ServiceGroupChanged', changed))).toHaveLength(calls);
  });

  it.each([
    {
      what: 'only status (our own ProxyReady write bouncing back)',
      changed: ['status', 'status.conditions'],
      calls: 0,
    },
    { what: 'the spec', changed: ['spec', 'spec.envoy-replica-count'], calls: 1 },
    { what: 'finalizers', changed: ['finalizers'], calls: 1 },
    { what: 'status and labels', changed: ['status', 'status.conditions', 'labels'], calls: 1 },
  ])('a LoadBalancer change of $what: $calls reconciles', async ({ changed, calls }) => {
    expect(await callsFor(withChanged('LoadBalancerChanged', changed))).toHaveLength(calls);
    expect(await callsFor(withChanged('ProxyChanged', changed))).toHaveLength(calls);
  });

  it.each([
    { changed: ['spec', 'spec.envoy-image'], calls: ['all'] },
    { changed: ['spec', 'spec.service-cidr'], calls: [] },
    { changed: ['status', 'status.current-tunnel-id'], calls: [] },
  ])('EPIC changes $changed: $calls', async ({ changed, calls }) => {
    expect(await callsFor(withChanged('EpicConfigChanged', changed))).toEqual(calls);
  });

  it.each([
    'LoadBalancerGone',
    'ProxyGone',
    'ProxyPodScheduled',
    'ProxyPodObserved',
    'ServiceGroupObserved',
    'EpicConfigObserved',
    'RemoteEndpointAdded',
    'RouteAdded',
    'EndpointSliceAdded',
    'AccountCreated',
  ] as const)('%s asks nothing of envoy-renderer', async (type) => {
    expect(await callsFor(sample(type))).toEqual([]);
  });
});
