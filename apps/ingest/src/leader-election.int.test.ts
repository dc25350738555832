// Two ingest replicas: only the Lease holder publishes; SIGKILL it and the standby takes over
// once the Lease expires.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoordinationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { accountKind } from '@epic/model';
import { EpicObjects, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace, uniqueName } from '@epic/testing';
import { eventBus, eventually } from '@epic/ingest-pipeline/testing';
import { spawnIngest, type IngestProcess } from './ingest-process.js';

let kc: KubeConfig;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
const replicas: Record<string, IngestProcess> = {};
const leaseSeconds = 4;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  bus = await eventBus();
  ns = await createTestAccountNamespace(kc, 'leader');
}, 120_000);

afterAll(async () => {
  for (const p of Object.values(replicas)) await p.terminate();
  await ns?.remove();
  await bus?.close();
});

it(
  'publishes from the leader only, and fails over to the standby',
  { timeout: 180_000 },
  async () => {
    const lease = { namespace: 'epic', name: `${bus.prefix}-ingest` };
    const env = {
      EPIC_TOPIC_PREFIX: bus.prefix,
      EPIC_INGEST_LEASE_NAME: lease.name,
      EPIC_INGEST_LEASE_SECONDS: String(leaseSeconds),
    };
    replicas.a = spawnIngest({ ...env, EPIC_INGEST_IDENTITY: 'a' });
    replicas.b = spawnIngest({ ...env, EPIC_INGEST_IDENTITY: 'b' });
    const leases = kc.makeApiClient(CoordinationV1Api);
    const holder = async () =>
      (await leases.readNamespacedLease(lease).catch(() => undefined))?.spec?.holderIdentity ||
      undefined;
    const first = await eventually('a leader', holder, 60_000);
    const accounts = new EpicObjects(kc, accountKind);
    const created = async () => {
      const name = uniqueName('acct');
      await accounts.create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'Account',
        metadata: { namespace: ns.namespace, name },
        spec: {},
      });
      return name;
    };

    const one = await created();
    await eventually('AccountCreated from the leader', () =>
      bus.events.find((e) => e.source.name === one),
    );
    await new Promise((r) => setTimeout(r, 2000)); // room for a second publisher to show itself, if there were one
    expect(bus.events.filter((e) => e.source.name === one).map((e) => e.type)).toEqual([
      'AccountCreated',
    ]);

    const killedAt = Date.now();
    replicas[first ?? '']?.kill9();
    const two = await created();
    await eventually(
      'AccountCreated from the new leader',
      () => bus.events.find((e) => e.source.name === two && e.type === 'AccountCreated'),
      60_000,
    );
    const takeoverMs = Date.now() - killedAt;
    const second = await holder();
    process.stderr.write(
      `[leader-election] ${first} killed; ${second} published after ${takeoverMs} ms (lease ${leaseSeconds} s)\n`,
    );
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
  },
);
