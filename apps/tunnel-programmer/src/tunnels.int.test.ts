// tunnel-programmer end to end on the real stack: ingest -> Kafka -> the dispatcher -> one
// queue per EPIC node -> node agents (real processes) driving a recording true-ingress.
// Three EPIC nodes, 50 LoadBalancers with 10 client nodes each (tunnel IDs written by the test,
// standing in for id-allocator; every fifth LB has a second Envoy replica on another node).
//   1. the burst of creates leaves exactly one doorbell per node queue, for the final table;
//   2. the agents program every node and fill every tunnel endpoint's epic-address;
//   3. an agent killed with SIGKILL in the middle of a run converges once restarted;
//   4. deleted LBs lose their tunnels on every node before their finalizers are released.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { isApiError, loadKubeConfig, replaceWithRetry, forEachLimit } from '@epic/kube';
import { findCondition, LoadBalancer, type LoadBalancerInput } from '@epic/model';
import { eventually } from '@epic/testing';
import { agentFinalizer } from '@epic/tunnel-plan';
import { readLatestPayload } from './shared/payload-store.js';
import { nodeJobId } from './shared/node-queue.js';
import { tunnelWorld, type TestNode, type TunnelWorld } from './test-harness.js';

let kc: KubeConfig;
let world: TunnelWorld;

interface PlannedPod {
  name: string;
  node: TestNode;
  ip: string;
  ifindex: number;
}

interface PlannedLb {
  name: string;
  index: number;
  /** Sorted by node address: the first is the LB's first EPIC node. */
  pods: PlannedPod[];
  clients: string[];
  /** client -> node address -> tunnel ID. */
  ids: Map<string, Map<string, number>>;
}

const lbCount = Number(process.env.TUN_LB_COUNT ?? 50);
const started = Date.now();
const progress = (what: string) =>
  process.env.TUN_DEBUG && console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${what}`);
const clientCount = 10;
const clientOctet = 16 + Math.floor(Math.random() * 200);
const client = (j: number) => `172.16.${clientOctet}.${j + 1}`;
const endpoint = (lb: PlannedLb, j: number) => `10.100.${lb.index}.${j + 1}`;
let lbs: PlannedLb[] = [];

function planLoadBalancers(nodes: TestNode[]): PlannedLb[] {
  return Array.from({ length: lbCount }, (_, i) => {
    const hosts = i % 5 === 0 ? [nodes[i % 3]!, nodes[(i + 1) % 3]!] : [nodes[i % 3]!];
    hosts.sort((a, b) => Number(a.address.split('.')[3]) - Number(b.address.split('.')[3]));
    const pods = hosts.map((node, k) => ({
      name: `lb-${i}-envoy-${k}`,
      node,
      ip: `10.244.${i}.${k + 1}`,
      ifindex: 1000 + i * 2 + k,
    }));
    const lb: PlannedLb = { name: `lb-${i}`, index: i, pods, clients: [], ids: new Map() };
    for (let j = 0; j < clientCount; j++) addClient(lb, client(j), 1_000_000 + i * 100 + j * 2);
    return lb;
  });
}

function addClient(lb: PlannedLb, address: string, firstId: number): void {
  lb.clients.push(address);
  lb.ids.set(address, new Map(lb.pods.map((pod, k) => [pod.node.address, firstId + k])));
}

/** The tunnel map as the id-allocator writes it: seed fields, plus pairs once replicas spread. */
function tunnelStatus(lb: PlannedLb): LoadBalancerInput['status'] {
  const entries = lb.clients.map((c) => {
    const byNode = lb.ids.get(c)!;
    const first = byNode.get(lb.pods[0]!.node.address)!;
    const pairs =
      lb.pods.length > 1
        ? {
            'epic-endpoints': Object.fromEntries(
              [...byNode].map(([address, id]) => [address, { 'tunnel-id': id }]),
            ),
          }
        : {};
    return [c, { 'tunnel-id': first, ...pairs }] as const;
  });
  return { 'gue-tunnel-endpoints': Object.fromEntries(entries) };
}

/** What a node's data plane should hold: tunnel ID -> local end, gateway -> tunnel ID. */
function expectedState(node: TestNode, live: readonly PlannedLb[]) {
  const tunnels: Record<string, string> = {};
  const gateways: Record<string, number> = {};
  for (const lb of live) {
    for (const pod of lb.pods.filter((p) => p.node.name === node.name)) {
      lb.clients.forEach((c, j) => {
        const id = lb.ids.get(c)!.get(node.address)!;
        tunnels[id] = `${node.address}:6080`;
        gateways[`tcp ${endpoint(lb, j)}:8080 ${pod.ifindex}`] = id;
      });
    }
  }
  return { tunnels, gateways };
}

async function heldState(node: TestNode) {
  const state = await world.fake.state(node.name);
  return {
    tunnels: Object.fromEntries(state.tunnels),
    gateways: Object.fromEntries(state.gateways),
  };
}

/**
 * Polls at a gentle pace (big lists) until `probe` says done or the deadline passes; any error
 * is "not yet" (the shared apiserver is busy). A timeout carries the agents' output.
 */
function poll<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 150_000,
  intervalMs = 500,
): Promise<T> {
  return eventually(what, probe, { timeoutMs, intervalMs, notYet: () => true }).catch(
    (err: unknown) => {
      const last = err instanceof Error && err.cause instanceof Error ? err.cause.message : '';
      const reason = err instanceof Error ? err.message : String(err);
      throw new Error(`${reason}${last ? ` (last error: ${last})` : ''}\n${world.agentOutput()}`, {
        cause: err,
      });
    },
  );
}

async function nodesMatch(live: readonly PlannedLb[]): Promise<true | undefined> {
  for (const node of world.nodes) {
    const held = await heldState(node);
    const want = expectedState(node, live);
    if (JSON.stringify(sorted(held)) !== JSON.stringify(sorted(want))) return undefined;
  }
  return true;
}

function sorted(state: { tunnels: Record<string, unknown>; gateways: Record<string, unknown> }) {
  const order = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).sort());
  return { tunnels: order(state.tunnels), gateways: order(state.gateways) };
}

/** Every tunnel endpoint of every LB has its epic-address and tunnel ID, and the veth is told. */
function statusComplete(lb: PlannedLb, object: LoadBalancer): boolean {
  const tunnels = object.status?.['gue-tunnel-endpoints'] ?? {};
  const first = lb.pods[0]!;
  const entriesOk = lb.clients.every((c) => {
    const entry = tunnels[c];
    const pairs = Object.entries(entry?.['epic-endpoints'] ?? {});
    return (
      entry?.['epic-address'] === first.node.address &&
      (entry['tunnel-id'] ?? 0) > 0 &&
      pairs.every(
        ([address, pair]) => pair['epic-address'] === address && (pair['tunnel-id'] ?? 0) > 0,
      )
    );
  });
  const condition = findCondition(object.status?.conditions, 'TunnelsProgrammed');
  return (
    entriesOk &&
    object.status?.['proxy-ifindex'] === first.ifindex &&
    object.status['proxy-ifname'] === `veth${first.ifindex}` &&
    condition?.status === 'True'
  );
}

async function statusesComplete(live: readonly PlannedLb[]): Promise<true | undefined> {
  const objects = new Map(
    (await world.lbs.list(world.ns.namespace)).map((o) => [o.metadata.name ?? '', o]),
  );
  return live.every((lb) => objects.has(lb.name) && statusComplete(lb, objects.get(lb.name)!))
    ? true
    : undefined;
}

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  world = await tunnelWorld(kc, 3);
  lbs = planLoadBalancers(world.nodes);
  await world.createAccount(7);
}, 120_000);

afterAll(async () => {
  await world?.close();
}, 180_000);

describe('tunnel-programmer on the stack', () => {
  it(
    'a burst of 50 LoadBalancers leaves one collapsed doorbell per node, for the final table',
    { timeout: 180_000 },
    async () => {
      await forEachLimit(lbs, 10, async (lb) => {
        await world.createLoadBalancer(lb.name, lb.index + 1, tunnelStatus(lb));
        await Promise.all([
          ...lb.clients.map((c, j) => world.createRemoteEndpoint(lb.name, endpoint(lb, j), c)),
          ...lb.pods.map((pod) =>
            world.createEnvoyPod({ ...pod, lb: lb.name, node: pod.node.name }),
          ),
        ]);
      });
      progress('created');

      for (const node of world.nodes) {
        const hosted = lbs.filter((lb) => lb.pods.some((p) => p.node.name === node.name));
        const payload = await poll(`the complete table of ${node.name}`, async () => {
          const latest = await readLatestPayload(world.redis, world.bus.prefix, node.name);
          if (latest.kind !== 'found') return undefined;
          const { table } = latest.payload;
          const complete =
            table.proxies.length === hosted.length &&
            table.proxies.every((p) => p.tunnels.length === clientCount) &&
            !table.problems.some((p) => p.kind === 'no-tunnel-id');
          return complete ? latest.payload : undefined;
        });
        // One waiting job, for the latest payload: the burst's intermediate tables were collapsed.
        const jobs = await poll(`one doorbell on ${node.name}`, async () => {
          const waiting = await world.waitingJobs(node.name);
          return waiting.length === 1 ? waiting : undefined;
        });
        expect(jobs).toEqual([nodeJobId(node.name, payload.hash)]);
        expect(payload.release).toEqual([]);
        progress(`table of ${node.name} complete`);
      }
      if (process.env.TUN_DEBUG) {
        const text = await world.dispatcher.worker.registry.metrics();
        console.log(
          text
            .split('\n')
            .filter(
              (l) =>
                /^epic_(tunnel_dispatch|events_handled|tunnel_jobs)/.test(l) &&
                !l.includes('bucket'),
            )
            .join('\n'),
        );
      }
      for (const lb of lbs) {
        const object = await world.lbs.get(world.ref(lb.name));
        expect(object.metadata.finalizers?.slice().sort()).toEqual(
          lb.pods.map((p) => agentFinalizer('LoadBalancer', p.node.name)).sort(),
        );
      }
    },
  );

  it('agents program every node and fill every tunnel endpoint', { timeout: 180_000 }, async () => {
    for (const node of world.nodes) world.startAgent(node.name);
    await poll('every node programmed', () => nodesMatch(lbs));
    progress('nodes programmed');
    await poll('every LoadBalancer status complete', () => statusesComplete(lbs));
    progress('statuses complete');
    for (const node of world.nodes) {
      await poll(`${node.name}'s doorbell consumed`, async () =>
        (await world.waitingJobs(node.name)).length === 0 ? true : undefined,
      );
    }
  });

  it(
    'an agent killed with SIGKILL mid-run converges once restarted',
    { timeout: 180_000 },
    async () => {
      const victim = world.nodes[0]!;
      const before = (await world.fake.journal(victim.name)).length;
      await world.fake.setDelay(victim.name, 0.1);
      const changed = lbs.filter((lb) => lb.pods.some((p) => p.node.name === victim.name));
      for (const lb of changed) {
        addClient(lb, client(clientCount), 2_000_000 + lb.index * 10);
        // Agents write these statuses too: read, merge, Update, retry on 409.
        await replaceWithRetry({
          what: `LoadBalancer ${lb.name} new client tunnel`,
          read: () => world.lbs.get(world.ref(lb.name)),
          mutate: (current) =>
            LoadBalancer.parse({
              ...current,
              status: { ...current.status, ...mergeNewClient(current, lb) },
            }),
          write: (next) => world.lbs.replaceStatus(next),
        });
        await world.createRemoteEndpoint(lb.name, endpoint(lb, clientCount), client(clientCount));
      }
      await poll(
        'the victim in the middle of its run',
        async () =>
          (await world.fake.journal(victim.name)).length >= before + 2 ? true : undefined,
        60_000,
        50,
      );
      expect(await world.killAgent(victim.name)).toBe('SIGKILL');
      expect(await nodesMatch(lbs)).toBeUndefined(); // half applied
      await world.fake.setDelay(victim.name, undefined);
      world.startAgent(victim.name);
      await poll('every node programmed after the restart', () => nodesMatch(lbs));
      await poll('every status complete after the restart', () => statusesComplete(lbs));
    },
  );

  it(
    'deleted LoadBalancers lose their tunnels on every node before their finalizers go',
    { timeout: 120_000 },
    async () => {
      const doomed = lbs.filter((lb) => [0, 1, 2, 3, 5].includes(lb.index));
      const ids = doomed.flatMap((lb) => [...lb.ids.values()].flatMap((m) => [...m.values()]));
      for (const lb of doomed) await world.lbs.delete(world.ref(lb.name));
      await poll('the deleted LoadBalancers gone from the API', async () => {
        for (const lb of doomed) {
          const gone = await world.lbs.get(world.ref(lb.name)).then(
            () => false,
            (err: unknown) => isApiError(err, 404),
          );
          if (!gone) return undefined;
        }
        return true;
      });
      // No waiting: the finalizers were only released after the tunnels were taken off.
      for (const node of world.nodes) {
        const held = await heldState(node);
        expect(
          ids.filter((id) => String(id) in held.tunnels),
          node.name,
        ).toEqual([]);
        expect(
          Object.values(held.gateways).filter((id) => ids.includes(id)),
          node.name,
        ).toEqual([]);
      }
      const live = lbs.filter((lb) => !doomed.includes(lb));
      expect(await nodesMatch(live)).toBe(true);
      const journal = (
        await Promise.all(world.nodes.map((n) => world.fake.journal(n.name)))
      ).flat();
      for (const id of ids) expect(journal).toContain(`cli_tunnel del ${id}`);
    },
  );
});

/** The status with the LB's newest client added, as the id-allocator would merge it. */
function mergeNewClient(current: LoadBalancer, lb: PlannedLb): LoadBalancerInput['status'] {
  const fresh = tunnelStatus(lb)?.['gue-tunnel-endpoints'] ?? {};
  const newest = lb.clients.at(-1)!;
  return {
    'gue-tunnel-endpoints': {
      ...current.status?.['gue-tunnel-endpoints'],
      [newest]: fresh[newest]!,
    },
  };
}
