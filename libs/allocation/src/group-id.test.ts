// Group IDs as a MetalLB-style story: each row is a step on a small world (the EPIC counter and
// some Accounts, Update semantics with resourceVersions); invariants are checked after each.
import { describe, expect, it } from 'vitest';
import type { Account, EPIC } from '@epic/model';
import { uint16Max } from './counter.js';
import { planGroupId, recordGroupId, type GroupIdPlan } from './group-id.js';
import { accountNamed, epicWith } from './testdata/index.js';

interface World {
  epic: EPIC;
  epicVersion: number;
  accounts: Map<string, Account>;
  /** The counter when the story starts: IDs up to it were handed out before. */
  start: number;
  /** Every group ID a successful EPIC Update handed out, in order. */
  handedOut: number[];
}

type Step =
  | { do: 'create'; account: string }
  /** Plan, Update the EPIC, record on the Account: the whole happy path. */
  | { do: 'allocate'; account: string; expect: number | 'has-id' | 'exhausted' }
  /** The claim is written, then the worker dies before recording: the ID leaks. */
  | { do: 'claim-then-crash'; account: string; expect: number }
  /** Two workers plan from the same EPIC read; the second's Update is a 409 and it re-plans. */
  | { do: 'race'; accounts: [string, string]; expect: [number, number] };

function newWorld(currentGroupId?: number): World {
  const epic = epicWith(currentGroupId === undefined ? {} : { 'current-group-id': currentGroupId });
  return { epic, epicVersion: 1, accounts: new Map(), start: currentGroupId ?? 0, handedOut: [] };
}

function account(world: World, name: string): Account {
  const found = world.accounts.get(name);
  if (!found) throw new Error(`story: no account ${name}`);
  return found;
}

/** Update semantics: the write succeeds only with the resourceVersion that was read. */
function updateEpic(world: World, readVersion: number, plan: GroupIdPlan): boolean {
  if (plan.kind !== 'claim') throw new Error(`story: nothing to write for ${plan.kind}`);
  if (readVersion !== world.epicVersion) return false;
  world.epic = { ...world.epic, status: plan.epicStatus };
  world.epicVersion++;
  world.handedOut.push(plan.groupId);
  return true;
}

function record(world: World, name: string, groupId: number): void {
  const next = recordGroupId(account(world, name), groupId);
  if (next) world.accounts.set(name, next);
}

function allocate(world: World, name: string): GroupIdPlan {
  const plan = planGroupId(world.epic, account(world, name));
  if (plan.kind !== 'claim') return plan;
  updateEpic(world, world.epicVersion, plan);
  record(world, name, plan.groupId);
  return plan;
}

function race(world: World, [a, b]: [string, string]): [number, number] {
  const readVersion = world.epicVersion;
  const planA = planGroupId(world.epic, account(world, a));
  const planB = planGroupId(world.epic, account(world, b));
  expect(updateEpic(world, readVersion, planA)).toBe(true);
  expect(updateEpic(world, readVersion, planB)).toBe(false);
  const retried = allocate(world, b);
  if (planA.kind !== 'claim' || retried.kind !== 'claim')
    throw new Error('story: race needs claims');
  record(world, a, planA.groupId);
  return [planA.groupId, retried.groupId];
}

function apply(world: World, step: Step): void {
  switch (step.do) {
    case 'create':
      world.accounts.set(step.account, accountNamed(step.account));
      return;
    case 'allocate': {
      const plan = allocate(world, step.account);
      expect(plan.kind === 'claim' ? plan.groupId : plan.kind).toBe(step.expect);
      return;
    }
    case 'claim-then-crash': {
      const plan = planGroupId(world.epic, account(world, step.account));
      expect(plan).toMatchObject({ kind: 'claim', groupId: step.expect });
      updateEpic(world, world.epicVersion, plan);
      return;
    }
    case 'race':
      expect(race(world, step.accounts)).toEqual(step.expect);
      return;
  }
}

function heldIds(world: World): Map<string, number> {
  const held = new Map<string, number>();
  for (const [name, a] of world.accounts) {
    const id = a.spec['group-id'];
    if (id !== undefined) held.set(name, id);
  }
  return held;
}

function checkInvariants(world: World, before: Map<string, number>): void {
  const held = heldIds(world);
  expect(new Set(held.values()).size, 'no group ID is held twice').toBe(held.size);
  expect(new Set(world.handedOut).size, 'no group ID is handed out twice').toBe(
    world.handedOut.length,
  );
  const last = Math.max(world.start, ...world.handedOut);
  expect(world.epic.status?.['current-group-id'] ?? 0, 'counter == last handed out').toBe(last);
  for (const id of held.values()) {
    expect(id <= world.start || world.handedOut.includes(id), `${id} was claimed`).toBe(true);
  }
  for (const [name, id] of before) expect(held.get(name), `${name} keeps its group ID`).toBe(id);
}

function runStory(world: World, steps: Step[]): World {
  for (const step of steps) {
    const before = heldIds(world);
    apply(world, step);
    checkInvariants(world, before);
  }
  return world;
}

describe('group ID stories', () => {
  it('hands out 1, 2, 3 to new accounts and nothing twice', () => {
    runStory(newWorld(), [
      { do: 'create', account: 'acme' },
      { do: 'allocate', account: 'acme', expect: 1 },
      { do: 'allocate', account: 'acme', expect: 'has-id' },
      { do: 'create', account: 'beta' },
      { do: 'create', account: 'gamma' },
      { do: 'allocate', account: 'gamma', expect: 2 },
      { do: 'allocate', account: 'beta', expect: 3 },
      { do: 'allocate', account: 'gamma', expect: 'has-id' },
    ]);
  });

  it('a crash between claim and record leaks an ID, never duplicates one', () => {
    const world = runStory(newWorld(), [
      { do: 'create', account: 'acme' },
      { do: 'claim-then-crash', account: 'acme', expect: 1 },
      { do: 'allocate', account: 'acme', expect: 2 },
      { do: 'create', account: 'beta' },
      { do: 'allocate', account: 'beta', expect: 3 },
    ]);
    expect(heldIds(world)).toEqual(
      new Map([
        ['acme', 2],
        ['beta', 3],
      ]),
    );
  });

  it('a conflicting Update re-reads and takes the next ID', () => {
    runStory(newWorld(7), [
      { do: 'create', account: 'acme' },
      { do: 'create', account: 'beta' },
      { do: 'race', accounts: ['acme', 'beta'], expect: [8, 9] },
      { do: 'allocate', account: 'beta', expect: 'has-id' },
    ]);
  });

  it('is exhausted at 65535 with a message naming the account, and never wraps', () => {
    const world = runStory(newWorld(uint16Max - 1), [
      { do: 'create', account: 'acme' },
      { do: 'allocate', account: 'acme', expect: uint16Max },
      { do: 'create', account: 'beta' },
      { do: 'allocate', account: 'beta', expect: 'exhausted' },
      { do: 'allocate', account: 'acme', expect: 'has-id' },
    ]);
    expect(planGroupId(world.epic, account(world, 'beta'))).toEqual({
      kind: 'exhausted',
      reason: 'exhausted',
      message:
        'account "beta" needs a group ID but none is left: all 65535 have been handed out ' +
        '(EPIC status.current-group-id is 65535)',
    });
  });
});

describe('planGroupId and recordGroupId', () => {
  it('keeps the rest of the EPIC status and does not touch its input', () => {
    const conditions = [
      {
        type: 'Ready',
        status: 'True' as const,
        lastTransitionTime: '2025-01-01T00:00:00Z',
        reason: 'Ok',
        message: 'ready',
      },
    ];
    const epic = epicWith({ 'current-tunnel-id': 4, conditions });
    const frozen = structuredClone(epic);
    const plan = planGroupId(epic, accountNamed('acme'));
    expect(plan).toEqual({
      kind: 'claim',
      groupId: 1,
      epicStatus: { 'current-tunnel-id': 4, 'current-group-id': 1, conditions },
    });
    expect(epic).toEqual(frozen);
  });

  it('treats group-id 0 as none (IDs start at 1)', () => {
    expect(
      planGroupId(epicWith({ 'current-group-id': 5 }), accountNamed('acme', { groupId: 0 })),
    ).toMatchObject({ kind: 'claim', groupId: 6 });
  });

  it('is idempotent: the same plan applied twice writes nothing the second time', () => {
    const epic = epicWith();
    const plan = planGroupId(epic, accountNamed('acme'));
    if (plan.kind !== 'claim') throw new Error('expected a claim');
    const recorded = recordGroupId(accountNamed('acme'), plan.groupId);
    expect(recorded?.spec['group-id']).toBe(1);
    expect(recordGroupId(recorded!, plan.groupId)).toBeUndefined();
    expect(planGroupId({ status: plan.epicStatus }, recorded!)).toEqual({
      kind: 'has-id',
      groupId: 1,
    });
  });

  it('keeps an ID another worker recorded first (ours leaks)', () => {
    expect(recordGroupId(accountNamed('acme', { groupId: 3 }), 4)).toBeUndefined();
  });
});
