// A node whose data plane cannot be programmed says so, on the stack: the LoadBalancer it serves
// gets `TunnelsProgrammed` False with reason DriverUnavailable naming the node and what is
// missing, the Node gets a Warning Event, and the LB keeps the node's finalizer (nothing was
// taken off). Once the CLIs are installed, the next run programs the node, turns the condition
// True and tells the Node the driver is back.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { eventually, testLogger } from '@epic/ingest-pipeline/testing';
import { loadKubeConfig } from '@epic/kube';
import { findCondition } from '@epic/model';
import { agentFinalizer } from '@epic/tunnel-plan';
import { startAgent, type AgentHandle } from './agent/start-agent.js';
import { readLatestPayload } from './shared/payload-store.js';
import { redisUrl, tunnelWorld, type TunnelWorld } from './test-harness.js';

let kc: KubeConfig;
let world: TunnelWorld;
let agent: AgentHandle | undefined;
let binDir: string;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  world = await tunnelWorld(kc, 1);
  binDir = await mkdtemp(join(tmpdir(), 't-no-cli-'));
}, 120_000);

afterAll(async () => {
  await agent?.stop();
  await world?.close();
  await rm(binDir, { recursive: true, force: true });
}, 120_000);

async function nodeEvents(node: string): Promise<string[]> {
  const list = await kc.makeApiClient(CoreV1Api).listNamespacedEvent({
    namespace: 'default',
    fieldSelector: `involvedObject.kind=Node,involvedObject.name=${node}`,
  });
  return list.items
    .filter((e) => e.source?.component === 'tunnel-agent')
    .map((e) => `${e.type} ${e.reason}: ${e.message}`);
}

it(
  'reports a missing driver on the LoadBalancer and the Node, then recovers',
  { timeout: 120_000 },
  async () => {
    const node = world.nodes[0]!;
    await world.createAccount(3);
    await world.createLoadBalancer('web', 1, {
      'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 4242 } },
    });
    await world.createRemoteEndpoint('web', '10.1.0.7', '192.168.1.16');
    await world.createEnvoyPod({
      name: 'web-envoy',
      lb: 'web',
      node: node.name,
      ip: '10.244.9.9',
      ifindex: 31,
    });
    await eventually(
      'the node table with the LB',
      async () => {
        const latest = await readLatestPayload(world.redis, world.bus.prefix, node.name);
        return latest.kind === 'found' && latest.payload.table.proxies.length === 1
          ? true
          : undefined;
      },
      60_000,
    );

    process.env.FAKE_TRUE_INGRESS_STATE = world.fake.stateDir(node.name);
    agent = await startAgent({
      nodeName: node.name,
      driver: 'true-ingress',
      binDir,
      ip: 'ip',
      interfaceSource: 'annotations',
      redisUrl: redisUrl(),
      prefix: world.bus.prefix,
      httpPort: 0,
      resyncSeconds: 0,
      commandTimeoutMs: 5000,
      kc,
      logger: testLogger,
    });
    expect(await agent.started).toMatchObject({ kind: 'unavailable' });

    const missing = `EPIC node ${node.name}: true-ingress driver: ${binDir}/cli_tunnel is missing or not executable (ENOENT); install true-ingress or point --bin-dir at it.`;
    const lb = await eventually('the DriverUnavailable condition', async () => {
      const object = await world.lbs.get(world.ref('web'));
      const condition = findCondition(object.status?.conditions, 'TunnelsProgrammed');
      return condition?.reason === 'DriverUnavailable' ? object : undefined;
    });
    expect(findCondition(lb.status?.conditions, 'TunnelsProgrammed')).toMatchObject({
      status: 'False',
      message: missing,
    });
    expect(lb.metadata.finalizers).toContain(agentFinalizer('LoadBalancer', node.name));
    expect(lb.status?.['gue-tunnel-endpoints']?.['192.168.1.16']?.['epic-address']).toBeUndefined();
    const warned = await eventually('the Node event', async () => {
      const events = await nodeEvents(node.name);
      return events.length > 0 ? events : undefined;
    });
    expect(warned).toEqual([
      expect.stringMatching(
        /^Warning DriverUnavailable: Cannot program tunnels: true-ingress driver: .*cli_tunnel is missing/,
      ),
    ]);

    // Install the CLIs; the next run programs the node and clears its own False.
    await cp(world.fake.binDir, binDir, { recursive: true });
    expect(await agent.agent.reconcile()).toMatchObject({ kind: 'programmed', commands: 2 });
    const fixed = await eventually('TunnelsProgrammed True', async () => {
      const object = await world.lbs.get(world.ref('web'));
      return findCondition(object.status?.conditions, 'TunnelsProgrammed')?.status === 'True'
        ? object
        : undefined;
    });
    expect(fixed.status?.['gue-tunnel-endpoints']?.['192.168.1.16']).toMatchObject({
      'epic-address': node.address,
      'tunnel-id': 4242,
    });
    expect(fixed.status).toMatchObject({ 'proxy-ifindex': 31, 'proxy-ifname': 'veth31' });
    const events = await eventually('the recovery events', async () => {
      const all = await nodeEvents(node.name);
      return all.length >= 3 ? all : undefined;
    });
    expect(events.map((e) => e.split(':')[0]).sort()).toEqual([
      'Normal DriverAvailable',
      'Normal TunnelsProgrammed',
      'Warning DriverUnavailable',
    ]);
  },
);
