// The checklist as the world fills in, a story: each step adds what one worker writes, and the
// checklist says exactly which steps are done after it.
import { describe, expect, it } from 'vitest';
import { LBServiceGroup, LoadBalancer, RemoteEndpoint, Account, type Condition } from '@epic/model';
import { demoPlan } from './demo-plan.js';
import {
  allDone,
  checklistLines,
  clientNodes,
  convergenceSteps,
  missingMessage,
  waitingLine,
  type Observed,
  type StepKey,
} from './convergence.js';
import * as seed from './seed-world.js';

const plan = demoPlan({ account: 'root' });
const at = '2026-01-01T00:00:00Z';
const condition = (type: string, status: 'True' | 'False', message = 'ok'): Condition => ({
  type,
  status,
  reason: status === 'True' ? 'Done' : 'Refused',
  message,
  lastTransitionTime: at,
});

function fresh(): Observed {
  return {
    account: Account.parse(seed.account(plan)),
    loadBalancer: LoadBalancer.parse(seed.loadBalancer(plan)),
    serviceGroup: LBServiceGroup.parse(seed.serviceGroup(plan)),
    remoteEndpoints: seed.remoteEndpoints(plan).map((ep) => RemoteEndpoint.parse(ep)),
  };
}

type Change = (o: Observed) => void;

const lb = (o: Observed) => o.loadBalancer!;
const lbStatus = (o: Observed) => (lb(o).status ??= {});
const addCondition = (o: Observed, c: Condition) =>
  (lbStatus(o).conditions = [...(lbStatus(o).conditions ?? []), c]);
const tunnel = (id: number, epicAddress?: string) => ({
  'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
  'tunnel-id': id,
  ...(epicAddress ? { 'epic-address': epicAddress } : {}),
});

const story: [string, Change, StepKey[]][] = [
  ['nothing yet', () => {}, []],
  ['group ID', (o) => (o.account!.spec['group-id'] = 7), ['group-id']],
  ['service ID', (o) => (lb(o).spec['service-id'] = 1), ['group-id', 'service-id']],
  [
    'public address',
    (o) => (lb(o).spec['public-address'] = '192.168.77.2'),
    ['group-id', 'service-id', 'public-address'],
  ],
  [
    'one tunnel ID of two',
    (o) => (lbStatus(o)['gue-tunnel-endpoints'] = { '192.168.1.16': tunnel(2) }),
    ['group-id', 'service-id', 'public-address'],
  ],
  [
    'both tunnel IDs',
    (o) =>
      (lbStatus(o)['gue-tunnel-endpoints'] = {
        '192.168.1.16': tunnel(2),
        '192.168.1.25': tunnel(1),
      }),
    ['group-id', 'service-id', 'public-address', 'tunnel-ids'],
  ],
  [
    'Envoy ready',
    (o) => addCondition(o, condition('ProxyReady', 'True', '1 of 1 Envoy replica ready.')),
    ['group-id', 'service-id', 'public-address', 'tunnel-ids', 'envoy-deployment'],
  ],
  [
    'rendered, but no snapshot version recorded yet',
    (o) => addCondition(o, condition('ConfigRendered', 'True')),
    ['group-id', 'service-id', 'public-address', 'tunnel-ids', 'envoy-deployment'],
  ],
  [
    'snapshot version recorded',
    (o) => (o.serviceGroup!.status = { 'proxy-snapshot-versions': { 'sample-acnodal': 3 } }),
    ['group-id', 'service-id', 'public-address', 'tunnel-ids', 'envoy-deployment', 'xds-snapshot'],
  ],
  [
    'tunnels programmed',
    (o) => {
      lbStatus(o)['gue-tunnel-endpoints'] = {
        '192.168.1.16': tunnel(2, '192.168.1.40'),
        '192.168.1.25': tunnel(1, '192.168.1.40'),
      };
      lbStatus(o)['proxy-ifindex'] = 16;
      lbStatus(o)['proxy-ifname'] = 'veth67060f1f';
    },
    [
      'group-id',
      'service-id',
      'public-address',
      'tunnel-ids',
      'envoy-deployment',
      'xds-snapshot',
      'tunnels-programmed',
    ],
  ],
];

describe('the convergence checklist', () => {
  it('follows the world as each worker writes its part', () => {
    const o = fresh();
    for (const [what, change, done] of story) {
      change(o);
      const steps = convergenceSteps(o);
      expect(
        steps.filter((s) => s.done).map((s) => s.key),
        what,
      ).toEqual(done);
      expect(allDone(steps), what).toBe(done.length === steps.length);
    }
  });

  it('says what each worker produced', () => {
    const o = fresh();
    for (const [, change] of story) change(o);
    expect(checklistLines(convergenceSteps(o))).toEqual([
      '  [x] group ID           group ID 7 (Account root)',
      '  [x] service ID         service ID 1',
      '  [x] public address     public address 192.168.77.2',
      '  [x] tunnel IDs         tunnel IDs 192.168.1.16 -> 2, 192.168.1.25 -> 1',
      '  [x] Envoy Deployment   Deployment envoy-sample-acnodal: 1 of 1 Envoy replica ready.',
      '  [x] xDS snapshot       snapshot version 3 for node epic-root.sample-acnodal',
      '  [x] tunnels programmed EPIC address 192.168.1.40, Envoy veth veth67060f1f (ifindex 16)',
    ]);
  });

  it("shows a worker's refusal (its False condition) instead of the plain wait", () => {
    const o = fresh();
    addCondition(
      o,
      condition('AddressAllocated', 'False', 'Pool 192.168.77.2-192.168.77.254 is exhausted.'),
    );
    const step = convergenceSteps(o).find((s) => s.key === 'public-address');
    expect(step).toMatchObject({
      done: false,
      app: 'address-allocator',
      detail: 'Refused: Pool 192.168.77.2-192.168.77.254 is exhausted.',
    });
  });

  it('waits for tunnel IDs of the client nodes still missing, by address', () => {
    const o = fresh();
    lbStatus(o)['gue-tunnel-endpoints'] = { '192.168.1.25': tunnel(5) };
    expect(convergenceSteps(o).find((s) => s.key === 'tunnel-ids')?.detail).toBe(
      'waiting for tunnel IDs of 192.168.1.16',
    );
    o.remoteEndpoints = [];
    expect(convergenceSteps(o).find((s) => s.key === 'tunnel-ids')?.detail).toBe(
      'waiting for tunnel IDs of no client endpoints yet',
    );
  });

  it('an absent LoadBalancer leaves its steps open without failing', () => {
    const steps = convergenceSteps({ remoteEndpoints: [] });
    expect(steps.every((s) => !s.done)).toBe(true);
  });

  it('names the client nodes once each, sorted', () => {
    const eps = [...fresh().remoteEndpoints, ...fresh().remoteEndpoints].reverse();
    expect(clientNodes(eps)).toEqual(['192.168.1.16', '192.168.1.25']);
  });

  it('on timeout, names what is missing and the log to read', () => {
    const o = fresh();
    o.account!.spec['group-id'] = 7;
    const message = missingMessage(convergenceSteps(o), 180, (app) => `.demo/logs/${app}.log`);
    expect(message.split('\n')[0]).toBe(
      "the seed's world did not converge in 180 s; still missing:",
    );
    expect(message).toContain(
      '  - public address: LoadBalancer spec.public-address not set yet (read .demo/logs/address-allocator.log)',
    );
    expect(message).not.toContain('group ID:');
    expect(waitingLine(convergenceSteps(o), 30)).toBe(
      '  ... 30 s, still waiting for: service ID, public address, tunnel IDs, Envoy Deployment, xDS snapshot, tunnels programmed',
    );
  });
});
