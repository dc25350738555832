// Property-style: 200 seeded random interleavings of id-allocator workers claiming tunnel IDs
// for several LoadBalancers against a simulated apiserver (Update with resourceVersion, 409 on a
// stale one), with duplicate events, conflicts and crashes between claim and record. After every
// step: no tunnel ID handed out or held twice, the counter is the last ID handed out, and a
// (LB, node) pair that holds an ID keeps it. At the end every wanted pair holds an ID.
import { describe, expect, it } from 'vitest';
import type { EPICStatus, LoadBalancerStatus } from '@epic/model';
import { applyTunnelIds, planTunnelIds, type TunnelWant } from './tunnel-ids.js';
import { gueEndpoint, seededPrng, type Prng } from './testdata/index.js';

interface Stored<T> {
  version: number;
  value: T;
}

const lbNames = ['web', 'api', 'db', 'cache'];
const nodePool = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '192.168.1.16', '192.168.1.25'];
const attempts = 5;

class FakeApi {
  epic: Stored<EPICStatus> = { version: 1, value: {} };
  lbs = new Map<string, Stored<LoadBalancerStatus | undefined>>(
    lbNames.map((name) => [name, { version: 1, value: undefined }]),
  );
  /** What the RemoteEndpoints say each LB needs. */
  wanted = new Map<string, Set<string>>(lbNames.map((name) => [name, new Set()]));
  handedOut: number[] = [];
  conflicts = 0;

  lb(name: string): Stored<LoadBalancerStatus | undefined> {
    const stored = this.lbs.get(name);
    if (!stored) throw new Error(`no LB ${name}`);
    return stored;
  }

  updateEpic(readVersion: number, value: EPICStatus, claimed: number[]): boolean {
    if (readVersion !== this.epic.version) return this.conflict();
    this.epic = { version: readVersion + 1, value };
    this.handedOut.push(...claimed);
    return true;
  }

  updateLb(name: string, readVersion: number, value: LoadBalancerStatus): boolean {
    if (readVersion !== this.lb(name).version) return this.conflict();
    this.lbs.set(name, { version: readVersion + 1, value });
    return true;
  }

  private conflict(): false {
    this.conflicts++;
    return false;
  }

  wants(names: readonly string[]): TunnelWant[] {
    return names.map((name) => ({
      lb: { namespace: 'epic-acme', name },
      nodeAddresses: [...(this.wanted.get(name) ?? [])],
      existing: this.lb(name).value?.['gue-tunnel-endpoints'],
    }));
  }

  held(): Map<string, number> {
    const held = new Map<string, number>();
    for (const [name, { value }] of this.lbs) {
      for (const [node, entry] of Object.entries(value?.['gue-tunnel-endpoints'] ?? {})) {
        if (entry['tunnel-id'] !== undefined) held.set(`${name} ${node}`, entry['tunnel-id']);
      }
    }
    return held;
  }
}

/**
 * One id-allocator handler run, as replaceWithRetry would drive it; each `yield` is a point where
 * other workers may run (between a read and the Update that depends on it).
 */
function* allocator(
  api: FakeApi,
  names: readonly string[],
  crashAfterClaim: boolean,
): Generator<void> {
  const wants = api.wants(names);
  yield;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const read = api.epic;
    const plan = planTunnelIds({ status: read.value }, wants);
    if (plan.kind !== 'claim') return;
    yield;
    const claimed = plan.assignments.flatMap((a) => Object.values(a.tunnelIds));
    if (!api.updateEpic(read.version, plan.epicStatus, claimed)) continue;
    if (crashAfterClaim) return;
    for (const { lb, tunnelIds } of plan.assignments) yield* record(api, lb.name, tunnelIds);
    return;
  }
}

function* record(api: FakeApi, name: string, tunnelIds: Record<string, number>): Generator<void> {
  for (let attempt = 1; attempt <= attempts; attempt++) {
    const read = api.lb(name);
    const next = applyTunnelIds(read.value, tunnelIds, gueEndpoint);
    if (!next) return;
    yield;
    if (api.updateLb(name, read.version, next)) return;
  }
}

/** Plain checks, one expect per step: 200 runs of ~100 steps stay fast. */
function violations(api: FakeApi, before: Map<string, number>): string[] {
  const found: string[] = [];
  const held = api.held();
  const handedOut = new Set(api.handedOut);
  if (new Set(held.values()).size !== held.size) found.push('a tunnel ID is held twice');
  if (handedOut.size !== api.handedOut.length) found.push('a tunnel ID was handed out twice');
  const counter = api.epic.value['current-tunnel-id'] ?? 0;
  if (counter !== Math.max(0, ...api.handedOut))
    found.push(`counter ${counter} != last handed out`);
  for (const [pair, id] of held)
    if (!handedOut.has(id)) found.push(`${pair} holds unclaimed ${id}`);
  for (const [pair, id] of before) if (held.get(pair) !== id) found.push(`${pair} lost ${id}`);
  return found;
}

/** A RemoteEndpoint appears (or an event repeats): a worker starts for one or more LBs. */
function startWorker(api: FakeApi, rng: Prng): Generator<void> {
  const lb = rng.pick(lbNames);
  if (rng.next() < 0.7) api.wanted.get(lb)?.add(rng.pick(nodePool));
  const names = rng.next() < 0.3 ? lbNames.filter(() => rng.next() < 0.5) : [lb];
  return allocator(api, names, rng.next() < 0.1);
}

function runInterleaving(seed: number): FakeApi {
  const rng = seededPrng(seed);
  const api = new FakeApi();
  let workers: Generator<void>[] = [];
  for (let tick = 0; tick < 80 || workers.length > 0; tick++) {
    const before = api.held();
    if (tick < 80 && (workers.length === 0 || rng.next() < 0.3)) {
      workers.push(startWorker(api, rng));
    } else {
      const worker = rng.pick(workers);
      if (worker.next().done) workers = workers.filter((w) => w !== worker);
    }
    const found = violations(api, before);
    if (found.length > 0) expect(found, `seed ${seed}, tick ${tick}`).toEqual([]);
  }
  return api;
}

function converge(api: FakeApi): void {
  // The periodic resync: one undisturbed run per LB records whatever crashes left unrecorded.
  for (const name of lbNames) {
    for (const _ of allocator(api, [name], false)) void _;
  }
}

describe('tunnel IDs under random interleavings', () => {
  it('never duplicates, never moves a held ID, and converges (200 seeds)', () => {
    let runsWithConflicts = 0;
    let runsWithLeaks = 0;
    for (let seed = 1; seed <= 200; seed++) {
      const api = runInterleaving(seed);
      const before = api.held();
      converge(api);
      expect(violations(api, before), `seed ${seed}, after resync`).toEqual([]);
      const held = api.held();
      const missing = [...api.wanted].flatMap(([name, nodes]) =>
        [...nodes].filter((node) => !held.has(`${name} ${node}`)).map((node) => `${name} ${node}`),
      );
      expect(missing, `seed ${seed}: wanted pairs without a tunnel ID`).toEqual([]);
      if (api.conflicts > 0) runsWithConflicts++;
      if (api.handedOut.length > held.size) runsWithLeaks++;
    }
    // The runs must exercise 409s and the leak path (crashes, lost races), or they prove little.
    expect(runsWithConflicts).toBeGreaterThan(50);
    expect(runsWithLeaks).toBeGreaterThan(20);
  });
});
