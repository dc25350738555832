// The agent on real Linux: network namespaces stand in for an EPIC node and its Envoy pods,
// each pod joined to the node by a veth. The agent finds each pod's veth from the pod IP and
// reports its node side as proxy-ifindex / proxy-ifname; the linux driver checks for the fou
// module and, where the kernel lacks it (as in this sandbox), says so clearly instead of
// failing later or passing silently. Needs root and `ip netns`; every namespace made here is
// deleted afterwards (with it go its veth ends).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import {
  agentStatusFields,
  mergeAgentStatus,
  nodeTunnelTables,
  type NodeTunnelTable,
} from '@epic/tunnel-plan';
import { dispatchInput } from '../dispatcher/plan-input.js';
import { FakeTrueIngress } from '../testdata/fake-true-ingress.js';
import { envoyPod, seedWorld } from '../testdata/objects.js';
import { createRunner } from './command-runner.js';
import { dataPlaneDriver } from './drivers.js';
import { findPodInterfaces } from './pod-interfaces.js';
import { DataPlaneProgrammer } from './programmer.js';

const log = createLogger({ app: 'test', level: 'silent' });
const tag = randomBytes(3).toString('hex');
const nodeNs = `t-${tag}-node`;
const pods = [
  { ns: `t-${tag}-pa`, veth: `vt${tag}a`, ip: `10.209.${randomBytes(1)[0]! % 250}.11` },
  { ns: `t-${tag}-pb`, veth: `vt${tag}b`, ip: `10.209.${randomBytes(1)[0]! % 250}.12` },
];
const made: string[] = [];

function ip(...args: string[]): string {
  return execFileSync('ip', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function attempt(fn: () => unknown): string | undefined {
  try {
    fn();
    return undefined;
  } catch (err) {
    return ((err as { stderr?: string }).stderr || (err as Error).message).trim();
  }
}

/** Whether this machine lets us make network namespaces at all. */
function netnsProblem(): string | undefined {
  if (process.getuid?.() !== 0) return 'not root';
  const probe = `t-${tag}-probe`;
  const problem = attempt(() => ip('netns', 'add', probe));
  if (problem === undefined) ip('netns', 'del', probe);
  return problem;
}

/** Whether the kernel has fou: `ip fou add` in a throwaway namespace. */
function fouProblem(): string | undefined {
  const probe = `t-${tag}-fou`;
  ip('netns', 'add', probe);
  try {
    return attempt(() => ip('-n', probe, 'fou', 'add', 'port', '6080', 'gue'));
  } finally {
    ip('netns', 'del', probe);
  }
}

const noNetns = netnsProblem();
const noFou = noNetns === undefined ? fouProblem() : noNetns;
if (noNetns !== undefined) {
  console.warn(
    `[linux-node.test] skipping every test: network namespaces unavailable (${noNetns})`,
  );
} else if (noFou !== undefined) {
  console.warn(
    `[linux-node.test] skipping the linux-driver programming test: this kernel has no fou module (ip fou add: ${noFou}); ` +
      'the capability test asserts the agent reports exactly that instead',
  );
}

beforeAll(() => {
  if (noNetns !== undefined) return;
  ip('netns', 'add', nodeNs);
  made.push(nodeNs);
  for (const pod of pods) {
    ip('netns', 'add', pod.ns);
    made.push(pod.ns);
    ip(
      '-n',
      nodeNs,
      'link',
      'add',
      pod.veth,
      'type',
      'veth',
      'peer',
      'name',
      'eth0',
      'netns',
      pod.ns,
    );
    ip('-n', pod.ns, 'addr', 'add', `${pod.ip}/32`, 'dev', 'eth0');
    ip('-n', pod.ns, 'link', 'set', 'eth0', 'up');
    ip('-n', nodeNs, 'link', 'set', pod.veth, 'up');
  }
});

afterAll(() => {
  for (const ns of made.reverse()) attempt(() => ip('netns', 'del', ns));
  const left = ip('-j', 'netns', 'list');
  expect(made.filter((ns) => left.includes(`"${ns}"`))).toEqual([]);
});

function nodeIfindex(veth: string): number {
  const [link] = JSON.parse(ip('-n', nodeNs, '-j', 'link', 'show', 'dev', veth)) as {
    ifindex: number;
  }[];
  return link!.ifindex;
}

/** The seed LoadBalancer with its pod on epic-1 at pod A's IP, no veth annotations. */
function table(): NodeTunnelTable {
  const world = seedWorld({
    pods: [envoyPod('envoy-sample-0', 'sample-acnodal', 'epic-1', { podIP: pods[0]!.ip })],
  });
  return nodeTunnelTables(dispatchInput(world).plan).find((t) => t.node === 'epic-1')!;
}

const runner = () => createRunner({ netns: nodeNs, timeoutMs: 5000 });

describe.skipIf(noNetns !== undefined)('an EPIC node made of network namespaces', () => {
  it('finds the node side of each pod veth by the pod IP', async () => {
    const found = await findPodInterfaces(runner(), 'ip', [pods[0]!.ip, pods[1]!.ip, '10.9.9.9']);
    expect(Object.fromEntries(found)).toEqual({
      [pods[0]!.ip]: { index: nodeIfindex(pods[0]!.veth), name: pods[0]!.veth },
      [pods[1]!.ip]: { index: nodeIfindex(pods[1]!.veth), name: pods[1]!.veth },
    });
  });

  it('programs gateways on that veth and reports it as proxy-ifindex / proxy-ifname', async () => {
    const fake = await FakeTrueIngress.create();
    process.env.FAKE_TRUE_INGRESS_STATE = fake.stateDir('epic-1');
    try {
      const r = runner();
      const programmer = new DataPlaneProgrammer({
        dataPlane: dataPlaneDriver({ name: 'true-ingress', runner: r, binDir: fake.binDir }),
        runner: r,
        interfaceSource: 'netns',
        ip: 'ip',
        log,
      });
      const outcome = await programmer.program(table());
      expect(outcome).toMatchObject({ kind: 'programmed', commands: 4, problems: [] });
      const index = nodeIfindex(pods[0]!.veth);
      expect([...(await fake.state('epic-1')).gateways.keys()]).toEqual([
        `tcp 10.1.0.7:8080 ${index}`,
        `tcp 10.1.1.3:8080 ${index}`,
      ]);
      const fields = agentStatusFields(outcome.table, outcome.table.proxies[0]!.proxy)!;
      expect(mergeAgentStatus({}, fields)).toMatchObject({
        'proxy-ifindex': index,
        'proxy-ifname': pods[0]!.veth,
      });
    } finally {
      await fake.remove();
    }
  });

  it.runIf(noFou !== undefined)(
    'linux driver: reports the missing fou module as the reason it cannot program',
    async () => {
      const r = runner();
      const linux = dataPlaneDriver({ name: 'linux', runner: r });
      const probe = await linux.probe();
      expect(probe.available).toBe(false);
      expect(probe.available ? '' : probe.message).toMatch(
        /^linux driver: the kernel has no fou \(foo-over-UDP \/ GUE\) support: load the fou module \(modprobe fou\) \(ip -j fou show: exit \d+: .+\)$/,
      );
      const programmer = new DataPlaneProgrammer({
        dataPlane: linux,
        runner: r,
        interfaceSource: 'netns',
        ip: 'ip',
        log,
      });
      const outcome = await programmer.program(table());
      expect(outcome.kind).toBe('unavailable');
      expect(outcome.kind === 'unavailable' && outcome.message).toContain('the kernel has no fou');
    },
  );

  it.skipIf(noFou !== undefined)(
    'linux driver: programs GRE-in-GUE tunnels, then finds nothing to do',
    async () => {
      const r = runner();
      const programmer = new DataPlaneProgrammer({
        dataPlane: dataPlaneDriver({ name: 'linux', runner: r }),
        runner: r,
        interfaceSource: 'netns',
        ip: 'ip',
        log,
      });
      expect(await programmer.program(table())).toMatchObject({ kind: 'programmed' });
      const links = ip('-n', nodeNs, '-j', 'link', 'show');
      expect(links).toContain('"epic1"');
      expect(links).toContain('"epic2"');
      expect(await programmer.program(table())).toMatchObject({ kind: 'programmed', commands: 0 });
    },
  );
});
