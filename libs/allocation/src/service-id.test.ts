// Service IDs as a MetalLB-style story: an Account's counter and its LoadBalancers, with batch
// claims (one Account Update for k IDs), crashes and deletions; invariants after every step.
import { describe, expect, it } from 'vitest';
import type { Account, LoadBalancer } from '@epic/model';
import { uint16Max } from './counter.js';
import { planServiceIds, recordServiceId, type ServiceIdPlan } from './service-id.js';
import { accountNamed, loadBalancerIn } from './testdata/index.js';

interface World {
  account: Account;
  lbs: Map<string, LoadBalancer>;
  start: number;
  handedOut: number[];
}

type Step =
  | { do: 'create'; lb: string; at: string }
  | { do: 'delete'; lb: string }
  /** List the account's LBs, plan, Update the Account, record every assignment. */
  | { do: 'allocate'; expect: Record<string, number> | 'nothing-to-do' | 'exhausted' }
  /** Claim for the listed LBs, record only the first `recorded`, then die. */
  | { do: 'claim-then-crash'; recorded: number; expect: Record<string, number> };

function newWorld(currentServiceId?: number): World {
  const status = currentServiceId === undefined ? {} : { 'current-service-id': currentServiceId };
  return {
    account: accountNamed('acme', { status }),
    lbs: new Map(),
    start: currentServiceId ?? 0,
    handedOut: [],
  };
}

function claim(world: World): ServiceIdPlan {
  const plan = planServiceIds(world.account, [...world.lbs.values()]);
  if (plan.kind !== 'claim') return plan;
  world.account = { ...world.account, status: plan.accountStatus };
  world.handedOut.push(...plan.assignments.map((a) => a.serviceId));
  return plan;
}

function record(world: World, name: string, serviceId: number): void {
  const lb = world.lbs.get(name);
  const next = lb && recordServiceId(lb, serviceId);
  if (next) world.lbs.set(name, next);
}

function claimed(plan: ServiceIdPlan): Record<string, number> | ServiceIdPlan['kind'] {
  if (plan.kind !== 'claim') return plan.kind;
  return Object.fromEntries(plan.assignments.map((a) => [a.name, a.serviceId]));
}

function apply(world: World, step: Step): void {
  switch (step.do) {
    case 'create':
      world.lbs.set(step.lb, loadBalancerIn('acme', step.lb, { createdAt: step.at }));
      return;
    case 'delete':
      world.lbs.delete(step.lb);
      return;
    case 'allocate': {
      const plan = claim(world);
      expect(claimed(plan)).toEqual(step.expect);
      if (plan.kind === 'claim')
        plan.assignments.forEach((a) => record(world, a.name, a.serviceId));
      return;
    }
    case 'claim-then-crash': {
      const plan = claim(world);
      expect(claimed(plan)).toEqual(step.expect);
      if (plan.kind !== 'claim') return;
      plan.assignments.slice(0, step.recorded).forEach((a) => record(world, a.name, a.serviceId));
      return;
    }
  }
}

function heldIds(world: World): Map<string, number> {
  const held = new Map<string, number>();
  for (const [name, lb] of world.lbs) {
    const id = lb.spec['service-id'];
    if (id !== undefined) held.set(name, id);
  }
  return held;
}

function checkInvariants(world: World, before: Map<string, number>): void {
  const held = heldIds(world);
  expect(new Set(held.values()).size, 'no service ID is held twice').toBe(held.size);
  expect(new Set(world.handedOut).size, 'no service ID is handed out twice').toBe(
    world.handedOut.length,
  );
  const counter = world.account.status?.['current-service-id'] ?? 0;
  expect(counter, 'counter == last handed out').toBe(Math.max(world.start, ...world.handedOut));
  for (const [name, id] of held) expect(world.handedOut, `${name}'s ID was claimed`).toContain(id);
  for (const [name, id] of before) {
    if (world.lbs.has(name)) expect(held.get(name), `${name} keeps its service ID`).toBe(id);
  }
}

function runStory(world: World, steps: Step[]): World {
  for (const step of steps) {
    const before = heldIds(world);
    apply(world, step);
    checkInvariants(world, before);
  }
  return world;
}

const t = (minute: number) => `2025-01-01T00:${String(minute).padStart(2, '0')}:00Z`;

describe('service ID stories', () => {
  it("claims a batch oldest first, skips LBs with IDs, never reuses a deleted LB's ID", () => {
    runStory(newWorld(), [
      { do: 'create', lb: 'web', at: t(2) },
      { do: 'create', lb: 'api', at: t(1) },
      { do: 'create', lb: 'db', at: t(2) },
      { do: 'allocate', expect: { api: 1, db: 2, web: 3 } },
      { do: 'allocate', expect: 'nothing-to-do' },
      { do: 'delete', lb: 'db' },
      { do: 'create', lb: 'cache', at: t(3) },
      { do: 'allocate', expect: { cache: 4 } },
      { do: 'create', lb: 'db', at: t(4) },
      { do: 'allocate', expect: { db: 5 } },
    ]);
  });

  it('a crash part-way through recording leaks the unrecorded IDs and never duplicates', () => {
    const world = runStory(newWorld(10), [
      { do: 'create', lb: 'a', at: t(1) },
      { do: 'create', lb: 'b', at: t(2) },
      { do: 'create', lb: 'c', at: t(3) },
      { do: 'claim-then-crash', recorded: 1, expect: { a: 11, b: 12, c: 13 } },
      { do: 'allocate', expect: { b: 14, c: 15 } },
      { do: 'allocate', expect: 'nothing-to-do' },
    ]);
    expect(heldIds(world)).toEqual(
      new Map([
        ['a', 11],
        ['b', 14],
        ['c', 15],
      ]),
    );
  });

  it('is exhausted at 65535: all or nothing, naming how many were asked and remain', () => {
    const world = runStory(newWorld(uint16Max - 2), [
      { do: 'create', lb: 'a', at: t(1) },
      { do: 'create', lb: 'b', at: t(2) },
      { do: 'create', lb: 'c', at: t(3) },
      { do: 'allocate', expect: 'exhausted' },
      { do: 'delete', lb: 'c' },
      { do: 'allocate', expect: { a: uint16Max - 1, b: uint16Max } },
      { do: 'create', lb: 'd', at: t(4) },
      { do: 'allocate', expect: 'exhausted' },
    ]);
    expect(planServiceIds(world.account, [...world.lbs.values()])).toEqual({
      kind: 'exhausted',
      reason: 'exhausted',
      asked: 1,
      remaining: 0,
      message:
        'account "acme" needs 1 service ID but only 0 of 65535 remain (status.current-service-id is 65535)',
    });
  });
});

describe('planServiceIds', () => {
  const account = accountNamed('acme', { status: { 'current-service-id': 3 } });

  it('orders by creation timestamp, then name, whatever the listing order', () => {
    const lbs = [
      loadBalancerIn('acme', 'zeta', { createdAt: t(1) }),
      loadBalancerIn('acme', 'beta', { createdAt: t(5) }),
      loadBalancerIn('acme', 'alpha', { createdAt: t(5) }),
      loadBalancerIn('acme', 'held', { createdAt: t(0), serviceId: 2 }),
    ];
    const expected = [
      { name: 'zeta', serviceId: 4 },
      { name: 'alpha', serviceId: 5 },
      { name: 'beta', serviceId: 6 },
    ];
    expect(planServiceIds(account, lbs)).toMatchObject({ kind: 'claim', assignments: expected });
    expect(planServiceIds(account, lbs.toReversed())).toMatchObject({ assignments: expected });
  });

  it('gives an LB listed twice one ID and keeps the rest of the Account status', () => {
    const lb = loadBalancerIn('acme', 'web');
    expect(planServiceIds(account, [lb, lb])).toEqual({
      kind: 'claim',
      accountStatus: { 'current-service-id': 4 },
      assignments: [{ name: 'web', serviceId: 4 }],
    });
  });

  it('has nothing to do for no LBs or only LBs with IDs', () => {
    expect(planServiceIds(account, [])).toEqual({ kind: 'nothing-to-do' });
    expect(planServiceIds(account, [loadBalancerIn('acme', 'a', { serviceId: 1 })])).toEqual({
      kind: 'nothing-to-do',
    });
  });

  it('throws on a caller bug: an LB of another account', () => {
    expect(() => planServiceIds(account, [loadBalancerIn('other', 'web')])).toThrow(
      /epic-other\/web is not named in account "acme"/,
    );
  });

  it('is idempotent: recording the same plan twice writes nothing the second time', () => {
    const lbs = [loadBalancerIn('acme', 'a'), loadBalancerIn('acme', 'b')];
    const plan = planServiceIds(account, lbs);
    if (plan.kind !== 'claim') throw new Error('expected a claim');
    const recorded = plan.assignments.map((a, i) => recordServiceId(lbs[i]!, a.serviceId)!);
    expect(recorded.map((lb) => lb.spec['service-id'])).toEqual([4, 5]);
    plan.assignments.forEach((a, i) =>
      expect(recordServiceId(recorded[i]!, a.serviceId)).toBeUndefined(),
    );
    const after = { ...account, status: plan.accountStatus };
    expect(planServiceIds(after, recorded)).toEqual({ kind: 'nothing-to-do' });
  });
});
