// Real apiserver -> ingest -> real Kafka: each change to each kind becomes exactly the expected
// domain events, in order per object.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
} from '@kubernetes/client-node';
import { coreNamespace, kindDescriptor, type KindDescriptor } from '@epic/model';
import { validationCases } from '@epic/model/testdata';
import { EpicObjects, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace, uniqueName } from '@epic/testing';
import { eventBus, eventually, startIngest } from './test-harness.js';

let kc: KubeConfig;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  bus = await eventBus();
  ingest = await startIngest(kc, bus);
  ns = await createTestAccountNamespace(kc, 'ingest');
}, 120_000);

afterAll(async () => {
  await ns?.remove();
  await ingest?.close();
  await bus?.close();
});

type Obj = { metadata: Record<string, unknown>; spec: Record<string, unknown>; status?: unknown };

const validObject = (kind: string): Obj =>
  structuredClone(validationCases.find((c) => c.kind === kind && c.valid)?.object) as Obj;
const descriptor = (kind: string): KindDescriptor =>
  kindDescriptor(kind) ??
  (() => {
    throw new Error(kind);
  })();

const lifecycles = [
  {
    kind: 'Account',
    types: ['AccountCreated', 'AccountChanged', 'AccountChanged', 'AccountDeleted'],
    edit: (s: Obj['spec']) => ({ ...s, proxyLimit: 30 }),
  },
  {
    kind: 'ServicePrefix',
    types: [
      'ServicePrefixCreated',
      'ServicePrefixChanged',
      'ServicePrefixChanged',
      'ServicePrefixDeleted',
    ],
    edit: (s: Obj['spec']) => ({
      ...s,
      'public-pool': { ...(s['public-pool'] as object), 'multus-bridge': 'multus1' },
    }),
  },
  {
    kind: 'LBServiceGroup',
    types: [
      'ServiceGroupCreated',
      'ServiceGroupChanged',
      'ServiceGroupChanged',
      'ServiceGroupDeleted',
    ],
    edit: (s: Obj['spec']) => ({ ...s, 'envoy-replica-count': 3 }),
  },
  {
    kind: 'LoadBalancer',
    types: [
      'LoadBalancerRequested',
      'LoadBalancerChanged',
      'LoadBalancerChanged',
      'LoadBalancerGone',
    ],
    edit: (s: Obj['spec']) => ({ ...s, 'display-name': 'changed' }),
  },
  {
    kind: 'RemoteEndpoint',
    types: [
      'RemoteEndpointAdded',
      'RemoteEndpointChanged',
      'RemoteEndpointChanged',
      'RemoteEndpointRemoved',
    ],
    edit: (s: Obj['spec']) => ({ ...s, address: '10.244.1.99' }),
  },
  {
    kind: 'GWProxy',
    types: ['ProxyRequested', 'ProxyChanged', 'ProxyChanged', 'ProxyGone'],
    edit: (s: Obj['spec']) => ({ ...s, 'display-name': 'changed' }),
  },
  {
    kind: 'GWRoute',
    types: ['RouteAdded', 'RouteChanged', 'RouteChanged', 'RouteRemoved'],
    edit: (s: Obj['spec']) => ({
      ...s,
      clientRef: { ...(s.clientRef as object), name: 'changed' },
    }),
  },
  {
    kind: 'GWEndpointSlice',
    types: [
      'EndpointSliceAdded',
      'EndpointSliceChanged',
      'EndpointSliceChanged',
      'EndpointSliceRemoved',
    ],
    edit: (s: Obj['spec']) => ({ ...s, addressType: 'IPv6', endpoints: [] }),
  },
];

const readyCondition = {
  type: 'Ready',
  status: 'True',
  reason: 'Test',
  message: 'set by the ingest test',
  lastTransitionTime: '2026-11-25T12:00:00Z',
};

describe('ingest turns object changes into domain events', () => {
  it.each(lifecycles)(
    '$kind: create, spec update, status update, delete',
    async ({ kind, types, edit }) => {
      const api = new EpicObjects(kc, descriptor(kind));
      const namespace = kind === 'ServicePrefix' ? coreNamespace : ns.namespace;
      const ref = { namespace, name: uniqueName(kind.toLowerCase()) };
      const object = validObject(kind);
      const created = (await api.create({ ...object, metadata: ref, status: undefined })) as Obj;
      const edited = (await api.replace({ ...created, spec: edit(created.spec) })) as Obj;
      await api.replaceStatus({ ...edited, status: { conditions: [readyCondition] } });
      await api.delete(ref);

      const mine = await eventually(`${types.length} events for ${kind} ${ref.name}`, () => {
        const found = bus.events.filter(
          (e) => e.source.namespace === namespace && e.source.name === ref.name,
        );
        return found.length >= types.length ? found : undefined;
      });
      expect(mine.map((e) => e.type)).toEqual(types);
      const changed = mine.slice(1, 3).map((e) => ('changed' in e.data ? e.data.changed : []));
      expect(changed[0]).toContain('spec');
      expect(changed[1]).toContain('status');
      expect(new Set(mine.map((e) => e.source.uid)).size).toBe(1);
    },
  );

  it('an LB with a finalizer: Deleting when deletion starts, Gone when the finalizer is released', async () => {
    const lbs = new EpicObjects(kc, descriptor('LoadBalancer'));
    const ref = { namespace: ns.namespace, name: uniqueName('lb-fin') };
    const created = (await lbs.create({
      ...validObject('LoadBalancer'),
      metadata: { ...ref, finalizers: ['epic.acnodal.io/controller'] },
      status: undefined,
    })) as Obj;
    await lbs.delete(ref);
    const deleting = (await lbs.get(ref)) as Obj;
    await lbs.replace({ ...deleting, metadata: { ...deleting.metadata, finalizers: [] } });
    const mine = await eventually('LB events', () => {
      const found = bus.events.filter((e) => e.source.name === ref.name);
      return found.some((e) => e.type === 'LoadBalancerGone') ? found : undefined;
    });
    expect(mine.map((e) => e.type)).toEqual([
      'LoadBalancerRequested',
      'LoadBalancerDeleting',
      'LoadBalancerGone',
    ]);
    expect(created.metadata.uid).toBe(mine[0]?.source.uid);
  });

  it('a node joins, changes its address, not for heartbeats, and leaves', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const name = uniqueName('node');
    const address = (ip: string) => ({ addresses: [{ type: 'InternalIP', address: ip }] });
    const of = (type: string) => () =>
      bus.events.find((e) => e.type === type && e.source.name === name);
    try {
      await core.createNode({ body: { metadata: { name, labels: { 'epic.acnodal.io/t': 'x' } } } });
      await eventually('NodeJoined', of('NodeJoined'));
      // Status (addresses, heartbeats) is the kubelet's, written through node/status.
      const status = async (body: object) =>
        core.patchNodeStatus(
          { name, body: [{ op: 'add', path: '/status', value: body }] },
          setHeaderOptions('Content-Type', PatchStrategy.JsonPatch),
        );
      await status(address('10.9.0.1'));
      const changed = await eventually('NodeChanged', of('NodeChanged'));
      expect(changed.data).toMatchObject({
        node: { name, internalIPs: ['10.9.0.1'] },
        changed: ['addresses'],
      });
      await status({
        ...address('10.9.0.1'),
        conditions: [
          { type: 'Ready', status: 'True', lastHeartbeatTime: new Date().toISOString() },
        ],
      });
      await core.deleteNode({ name });
      await eventually('NodeLeft', of('NodeLeft'));
      const mine = bus.events.filter((e) => e.source.name === name).map((e) => e.type);
      expect(mine).toEqual(['NodeJoined', 'NodeChanged', 'NodeLeft']);
    } finally {
      await core.deleteNode({ name }).catch(() => undefined);
    }
  });

  it('the account namespace itself is announced', async () => {
    const created = await eventually('AccountNamespaceCreated', () =>
      bus.events.find(
        (e) => e.type === 'AccountNamespaceCreated' && e.source.name === ns.namespace,
      ),
    );
    expect(created.source.kind).toBe('Namespace');
  });
});

describe('ingest after a restart', () => {
  it(
    'announces objects deleted and changed while it was not running',
    { timeout: 120_000 },
    async () => {
      const lbs = new EpicObjects(kc, descriptor('LoadBalancer'));
      const keep = { namespace: ns.namespace, name: uniqueName('lb-keep') };
      const gone = { namespace: ns.namespace, name: uniqueName('lb-gone') };
      await lbs.create({ ...validObject('LoadBalancer'), metadata: keep, status: undefined });
      await lbs.create({ ...validObject('LoadBalancer'), metadata: gone, status: undefined });
      await eventually('both LBs requested', () =>
        bus.events.filter(
          (e) =>
            e.type === 'LoadBalancerRequested' && [keep.name, gone.name].includes(e.source.name),
        ).length === 2
          ? true
          : undefined,
      );

      await ingest.stopOnly();
      const since = bus.events.length;
      await lbs.delete(gone);
      const kept = (await lbs.get(keep)) as Obj;
      await lbs.replace({ ...kept, spec: { ...kept.spec, 'display-name': 'changed while away' } });
      await ingest.restart();

      const after = await eventually('events after the restart', () => {
        const found = bus.events
          .slice(since)
          .filter((e) => [keep.name, gone.name].includes(e.source.name));
        return found.length >= 2 ? found : undefined;
      });
      expect(after.map((e) => `${e.type} ${e.source.name}`).sort()).toEqual(
        [`LoadBalancerChanged ${keep.name}`, `LoadBalancerGone ${gone.name}`].sort(),
      );
    },
  );
});
