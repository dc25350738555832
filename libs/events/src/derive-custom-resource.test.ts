// Given/when/then for every epic.acnodal.io kind: what each watch change means as events.
import { describe, expect, it } from 'vitest';
import type { DomainEvent, DomainEventType } from './catalogue.js';
import type { CustomResourceKind } from './derive-custom-resource.js';
import { deriveEvents, type DeriveInput, type DeriveResult } from './derive-events.js';
import {
  accountObject,
  epicObject,
  fixedNow,
  gwEndpointSliceObject,
  gwProxyObject,
  gwRouteObject,
  loadBalancerObject,
  remoteEndpointObject,
  sequentialIds,
  serviceGroupObject,
  servicePrefixObject,
} from './testdata/index.js';

interface RawObject {
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  status?: Record<string, unknown>;
}

interface KindCase {
  kind: CustomResourceKind;
  object: RawObject;
  /** A spec key and a new valid value for it. */
  spec: [string, unknown];
  /** A status key and a new valid value for it: a status-only change that matters. */
  status: [string, unknown];
  added: DomainEventType;
  changed: DomainEventType;
  deleting?: DomainEventType;
  deleted: DomainEventType;
  observed: DomainEventType;
}

const tunnels = {
  '192.168.1.16': { 'epic-address': '192.168.1.40', 'tunnel-id': 1 },
  '192.168.1.25': { 'epic-address': '192.168.1.40', 'tunnel-id': 2 },
};

const kindCases: KindCase[] = [
  {
    kind: 'EPIC',
    object: epicObject,
    spec: ['envoy-image', 'envoyproxy/envoy:v1.37.0'],
    status: ['current-tunnel-id', 5],
    added: 'EpicConfigChanged',
    changed: 'EpicConfigChanged',
    deleted: 'EpicConfigDeleted',
    observed: 'EpicConfigObserved',
  },
  {
    kind: 'Account',
    object: accountObject,
    spec: ['proxyLimit', 30],
    status: ['current-service-id', 2],
    added: 'AccountCreated',
    changed: 'AccountChanged',
    deleted: 'AccountDeleted',
    observed: 'AccountObserved',
  },
  {
    kind: 'ServicePrefix',
    object: servicePrefixObject,
    spec: ['alt-pool', { pool: '10.0.0.0/24', subnet: '10.0.0.0/16' }],
    status: ['conditions', []],
    added: 'ServicePrefixCreated',
    changed: 'ServicePrefixChanged',
    deleted: 'ServicePrefixDeleted',
    observed: 'ServicePrefixObserved',
  },
  {
    kind: 'LBServiceGroup',
    object: serviceGroupObject,
    spec: ['envoy-replica-count', 3],
    status: ['proxy-snapshot-versions', { 'sample-web': 2 }],
    added: 'ServiceGroupCreated',
    changed: 'ServiceGroupChanged',
    deleted: 'ServiceGroupDeleted',
    observed: 'ServiceGroupObserved',
  },
  {
    kind: 'LoadBalancer',
    object: loadBalancerObject,
    spec: ['public-address', '192.168.77.5'],
    status: ['gue-tunnel-endpoints', tunnels],
    added: 'LoadBalancerRequested',
    changed: 'LoadBalancerChanged',
    deleting: 'LoadBalancerDeleting',
    deleted: 'LoadBalancerGone',
    observed: 'LoadBalancerObserved',
  },
  {
    kind: 'RemoteEndpoint',
    object: remoteEndpointObject,
    spec: ['node-address', '192.168.1.25'],
    status: ['tunnel-id', 2],
    added: 'RemoteEndpointAdded',
    changed: 'RemoteEndpointChanged',
    deleted: 'RemoteEndpointRemoved',
    observed: 'RemoteEndpointObserved',
  },
  {
    kind: 'GWProxy',
    object: gwProxyObject,
    spec: ['public-ports', [{ port: 8443, protocol: 'TCP' }]],
    status: ['gue-tunnel-endpoints', tunnels],
    added: 'ProxyRequested',
    changed: 'ProxyChanged',
    deleting: 'ProxyDeleting',
    deleted: 'ProxyGone',
    observed: 'ProxyObserved',
  },
  {
    kind: 'GWRoute',
    object: gwRouteObject,
    spec: ['tcp', undefined], // replaced below: http -> tcp keeps exactly one route kind
    status: ['conditions', []],
    added: 'RouteAdded',
    changed: 'RouteChanged',
    deleted: 'RouteRemoved',
    observed: 'RouteObserved',
  },
  {
    kind: 'GWEndpointSlice',
    object: gwEndpointSliceObject,
    spec: ['endpoints', [{ addresses: ['10.244.2.9'], 'node-address': '192.168.1.25' }]],
    status: ['conditions', []],
    added: 'EndpointSliceAdded',
    changed: 'EndpointSliceChanged',
    deleted: 'EndpointSliceRemoved',
    observed: 'EndpointSliceObserved',
  },
];

const condition = (lastTransitionTime: string) => ({
  type: 'Ready',
  status: 'True',
  reason: 'Programmed',
  message: 'Ready.',
  lastTransitionTime,
});

/** A copy with a new resourceVersion, changed by `mutate`. */
function edit(object: RawObject, mutate: (draft: RawObject) => void, rv = '101'): RawObject {
  const draft = structuredClone(object);
  draft.metadata['resourceVersion'] = rv;
  mutate(draft);
  return draft;
}

function setSpec(draft: RawObject, [key, value]: [string, unknown]): void {
  if (draft.spec['http'] !== undefined && key === 'tcp') {
    delete draft.spec['http'];
    draft.spec['tcp'] = { parentRefs: [{ name: 'a044f348' }], rules: [{ backendRefs: [] }] };
    return;
  }
  draft.spec[key] = value;
}

function setStatus(draft: RawObject, [key, value]: [string, unknown]): void {
  draft.status = { ...draft.status, [key]: value };
}

const withCondition = (object: RawObject, time: string) =>
  edit(object, (d) => setStatus(d, ['conditions', [condition(time)]]));

function derive(kind: CustomResourceKind, input: Omit<DeriveInput, 'kind' | 'newId' | 'now'>) {
  return deriveEvents({ kind, ...input, newId: sequentialIds(), now: fixedNow });
}

function eventsOf(result: DeriveResult): DomainEvent[] {
  if (!result.ok) throw new Error(`expected events, got invalid: ${result.invalid.message}`);
  return result.events;
}

function changedOf(event: DomainEvent | undefined): unknown {
  return event !== undefined && 'changed' in event.data ? event.data.changed : undefined;
}

interface Row {
  when: string;
  input: Omit<DeriveInput, 'kind' | 'newId' | 'now'>;
  then: DomainEventType[];
  changed?: string[];
}

function rows(c: KindCase): Row[] {
  const specKey =
    c.spec[0] === 'tcp' ? ['spec', 'spec.http', 'spec.tcp'] : ['spec', `spec.${c.spec[0]}`];
  const deleting = edit(c.object, (d) => {
    d.metadata['deletionTimestamp'] = '2025-06-01T11:59:00Z';
  });
  return [
    { when: 'it is added', input: { new: c.object }, then: [c.added] },
    {
      when: 'its spec changes',
      input: { old: c.object, new: edit(c.object, (d) => setSpec(d, c.spec)) },
      then: [c.changed],
      changed: specKey,
    },
    {
      when: 'only its status changes',
      input: { old: c.object, new: edit(c.object, (d) => setStatus(d, c.status)) },
      then: [c.changed],
      changed: ['status', `status.${c.status[0]}`],
    },
    {
      when: 'only managedFields, resourceVersion and generation change',
      input: {
        old: c.object,
        new: edit(c.object, (d) => {
          d.metadata['managedFields'] = [{ manager: 'epic-worker', operation: 'Apply' }];
          d.metadata['generation'] = 2;
        }),
      },
      then: [],
    },
    {
      when: "only a condition's lastTransitionTime changes",
      input: {
        old: withCondition(c.object, '2025-06-01T10:00:00Z'),
        new: edit(withCondition(c.object, '2025-06-01T11:00:00Z'), () => undefined, '102'),
      },
      then: [],
    },
    {
      when: 'its deletionTimestamp is set',
      input: { old: c.object, new: deleting },
      then: [c.deleting ?? c.changed],
      ...(c.deleting === undefined ? { changed: ['deletion'] } : {}),
    },
    { when: 'it is deleted', input: { old: c.object }, then: [c.deleted] },
    { when: 'it is resynced', input: { new: c.object, observed: true }, then: [c.observed] },
  ];
}

describe.each(kindCases.map((c) => [c.kind, c] as const))('given a %s', (_kind, c) => {
  it.each(rows(c).map((row) => [row.when, row] as const))('when %s', (_when, row) => {
    const events = eventsOf(derive(c.kind, row.input));
    expect(events.map((e) => e.type)).toEqual(row.then);
    if (row.changed !== undefined) expect(changedOf(events[0])).toEqual(row.changed);
  });

  it('then every event names the new object and its resourceVersion, without managedFields', () => {
    const next = edit(c.object, (d) => setStatus(d, c.status), '555');
    const [event] = eventsOf(derive(c.kind, { old: c.object, new: next }));
    expect(event?.source).toEqual({
      kind: c.kind,
      namespace: c.object.metadata['namespace'],
      name: c.object.metadata['name'],
      uid: c.object.metadata['uid'],
      resourceVersion: '555',
      generation: 1,
    });
    expect(event?.data).toHaveProperty('object.metadata.name', c.object.metadata['name']);
    expect(event?.data).not.toHaveProperty('object.metadata.managedFields');
  });

  it('then a delete names the last known resourceVersion', () => {
    const last = edit(c.object, () => undefined, '777');
    const [event] = eventsOf(derive(c.kind, { old: last }));
    expect(event?.source.resourceVersion).toBe('777');
  });

  it('then an object that fails its schema yields no event but an InvalidObject', () => {
    const broken = edit(c.object, (d) => {
      d.spec = 'not an object' as unknown as Record<string, unknown>;
    });
    const result = derive(c.kind, { old: c.object, new: broken });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.invalid).toMatchObject({
      kind: c.kind,
      role: 'new',
      name: c.object.metadata['name'],
      resourceVersion: '101',
      issues: [{ path: 'spec' }],
    });
  });
});

describe('custom resource edge cases', () => {
  const lb = loadBalancerObject;

  it('stamps id, time and causation from the caller', () => {
    const [event] = eventsOf(
      deriveEvents({
        kind: 'LoadBalancer',
        new: lb,
        newId: () => '3f1c2a9e-8d6b-4c1e-9a7f-2b5d8e0c4a11',
        now: fixedNow,
        causationId: '00000000-0000-4000-8000-0000000000ff',
      }),
    );
    expect(event).toMatchObject({
      id: '3f1c2a9e-8d6b-4c1e-9a7f-2b5d8e0c4a11',
      version: 1,
      occurredAt: '2025-06-01T12:00:00.000Z',
      causationId: '00000000-0000-4000-8000-0000000000ff',
    });
  });

  it('reports a LoadBalancer added while already being deleted as Deleting', () => {
    const deleting = {
      ...lb,
      metadata: { ...lb.metadata, deletionTimestamp: '2025-06-01T11:00:00Z' },
    };
    expect(eventsOf(derive('LoadBalancer', { new: deleting })).map((e) => e.type)).toEqual([
      'LoadBalancerDeleting',
    ]);
  });

  it('reports finalizers dropped after Deleting as Changed [finalizers]', () => {
    const deleting = edit(lb, (d) => {
      d.metadata['deletionTimestamp'] = '2025-06-01T11:00:00Z';
    });
    const released = edit(
      deleting,
      (d) => {
        d.metadata['finalizers'] = ['node-a.lb.controller-manager.acnodal.io/finalizer'];
      },
      '102',
    );
    const [event] = eventsOf(derive('LoadBalancer', { old: deleting, new: released }));
    expect(event?.type).toBe('LoadBalancerChanged');
    expect(changedOf(event)).toEqual(['finalizers']);
  });

  it('lists every area of an EPIC singleton as it is created', () => {
    const [event] = eventsOf(derive('EPIC', { new: epicObject }));
    expect(changedOf(event)).toEqual([
      'spec',
      'spec.envoy-image',
      'status',
      'status.current-group-id',
      'status.current-tunnel-id',
    ]);
  });

  it('turns an update whose old object is invalid into a resync of the new one', () => {
    const broken = edit(
      lb,
      (d) => {
        d.spec['service-id'] = -1;
      },
      '99',
    );
    expect(eventsOf(derive('LoadBalancer', { old: broken, new: lb })).map((e) => e.type)).toEqual([
      'LoadBalancerObserved',
    ]);
  });

  it('reports a deleted object that fails its schema as InvalidObject (role old)', () => {
    const result = derive('Account', { old: { ...accountObject, spec: { 'group-id': 70000 } } });
    expect(result).toMatchObject({ ok: false, invalid: { role: 'old', kind: 'Account' } });
  });

  it('reports an object without a uid as InvalidObject naming metadata.uid', () => {
    const metadata: Record<string, unknown> = { ...lb.metadata };
    delete metadata['uid'];
    const result = derive('LoadBalancer', { new: { ...lb, metadata } });
    expect(result).toMatchObject({ ok: false, invalid: { issues: [{ path: 'metadata.uid' }] } });
  });

  it('reports garbage as InvalidObject without identity', () => {
    const result = derive('GWRoute', { new: 42 });
    expect(result).toMatchObject({ ok: false, invalid: { kind: 'GWRoute', role: 'new' } });
    if (!result.ok) expect(result.invalid.name).toBeUndefined();
  });

  it('reports label and annotation changes', () => {
    const next = edit(lb, (d) => {
      d.metadata['labels'] = { team: 'a' };
      d.metadata['annotations'] = { note: 'x' };
    });
    expect(changedOf(eventsOf(derive('LoadBalancer', { old: lb, new: next }))[0])).toEqual([
      'labels',
      'annotations',
    ]);
  });

  it('throws on a caller bug: neither old nor new, or a resync without the object', () => {
    expect(() => derive('Account', {})).toThrow(/needs the new object/);
    expect(() => derive('Account', { old: accountObject, observed: true })).toThrow(
      /needs the new object/,
    );
  });
});
