// The generated CRDs in the real kube-apiserver: the seed's objects are stored and read back
// field for field, and the seed's kubectl command works as the seed shows it.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { KubeConfig } from '@kubernetes/client-node';
import {
  coreNamespace,
  epicKind,
  epicSingletonName,
  loadBalancerKind,
  LoadBalancer,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { apiErrorCode, EpicObjects, loadKubeConfig, replaceWithRetry } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';

const run = promisify(execFile);
const kubectl = async (...args: string[]) =>
  (await run('kubectl', args, { env: process.env })).stdout;

let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'crds');
});
afterAll(async () => ns?.remove());

describe('the EPIC singleton', () => {
  const ref = { namespace: coreNamespace, name: epicSingletonName };
  let epics: EpicObjects<typeof epicKind>;

  beforeAll(async () => {
    epics = new EpicObjects(kc, epicKind);
    try {
      await epics.create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'EPIC',
        metadata: ref,
        spec: {},
      });
    } catch (err) {
      if (apiErrorCode(err) !== 409) throw err; // another test made it first: the same object
    }
  });

  /** Claims one tunnel ID the way the allocator will (the singleton is shared by all tests). */
  async function claimTunnelId(): Promise<number> {
    const { object } = await replaceWithRetry({
      what: 'EPIC epic/epic status',
      read: () => epics.get(ref),
      mutate: (epic) => ({
        ...epic,
        status: {
          ...epic.status,
          'current-tunnel-id': (epic.status?.['current-tunnel-id'] ?? 0) + 1,
        },
      }),
      write: (next) => epics.replaceStatus(next),
    });
    return object.status?.['current-tunnel-id'] ?? 0;
  }

  it('is served at the seed’s kubectl command and its current-tunnel-id is written through the status subresource', async () => {
    const claimed = await claimTunnelId();
    expect(claimed).toBeGreaterThan(0);

    const shown = parse(
      await kubectl('get', '-n', 'epic', 'epics.epic.acnodal.io', 'epic', '-o', 'yaml'),
    ) as {
      kind: string;
      metadata: { name: string; namespace: string };
      status: { 'current-tunnel-id': number };
    };
    expect(shown.kind).toBe('EPIC');
    expect(shown.metadata).toMatchObject(ref);
    expect(shown.status['current-tunnel-id']).toBeGreaterThanOrEqual(claimed);
  });

  it('refuses a stale Update with 409, which is what makes the counter safe', async () => {
    const stale = await epics.get(ref);
    await claimTunnelId();
    const err: unknown = await epics.replaceStatus(stale).catch((e: unknown) => e);
    expect(apiErrorCode(err)).toBe(409);
  });
});

describe('the seed LoadBalancer', () => {
  it('round-trips field for field, spec and status', async () => {
    const lbs = new EpicObjects(kc, loadBalancerKind);
    const expected = LoadBalancer.parse(seedLoadBalancer); // the seed plus schema defaults
    const metadata = { name: seedLoadBalancer.metadata.name, namespace: ns.namespace };
    const created = await lbs.create({ ...expected, metadata, status: undefined });
    const withStatus = await lbs.replaceStatus({ ...created, status: expected.status });
    const read = await lbs.get(metadata);

    expect(read.spec).toEqual(expected.spec);
    expect(read.status).toEqual(expected.status);
    expect(withStatus.status?.['gue-tunnel-endpoints']?.['192.168.1.16']?.['tunnel-id']).toBe(2);
    expect(read.status?.['proxy-ifname']).toBe('veth67060f1f');
  });

  it('shows address, service ID and group as kubectl columns', async () => {
    const table = await kubectl('get', '-n', ns.namespace, 'loadbalancers.epic.acnodal.io');
    const [header, row] = table.trim().split('\n');
    expect(header?.split(/\s+/)).toEqual(
      expect.arrayContaining(['NAME', 'ADDRESS', 'SERVICE-ID', 'GROUP', 'AGE']),
    );
    expect(row).toMatch(/^sample-acnodal\s+192\.168\.77\.2\s+1\s+sample\s/);
  });
});
