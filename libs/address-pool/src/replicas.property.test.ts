// Several allocator replicas against one simulated ServicePrefix with Update semantics (a write
// carries the resourceVersion it read; a stale one is a 409 and is dropped), crashes between
// claim and record, and deletions. Seeded random interleavings; after every step no address is
// held twice and every recorded address is the one its owner's claim holds.
import { describe, expect, it } from 'vitest';
import type { ServicePrefix } from '@epic/model';
import { planServicePrefix, type PrefixChange } from './service-prefix-plan.js';
import { ownerNamed, servicePrefixNamed } from './testdata/index.js';

interface Lb {
  uid: string;
  name: string;
  address?: string;
}

interface Pending {
  rv: number;
  change: PrefixChange;
  /** After the write: record (claim) or drop the LB (release). */
  then: 'record' | 'forget';
  uid: string;
}

interface World {
  sp: ServicePrefix;
  rv: number;
  lbs: Map<string, Lb>;
  pending: (Pending | undefined)[];
  nextId: number;
  stats: { commits: number; conflicts: number; exhausted: number };
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const replicas = 3;

function pick<T>(items: readonly T[], random: () => number): T | undefined {
  return items[Math.floor(random() * items.length)];
}

/** A replica reads the ServicePrefix and decides; the write comes in a later step. */
function read(world: World, replica: number, random: () => number): void {
  const lb = pick([...world.lbs.values()], random);
  if (!lb) return;
  const owner = ownerNamed(lb.name);
  const deleting = random() < 0.25;
  world.pending[replica] = deleting
    ? { rv: world.rv, change: { releases: [lb.uid] }, then: 'forget', uid: lb.uid }
    : {
        rv: world.rv,
        change: { requests: [{ owner: { ...owner, uid: lb.uid }, wantsAlt: false }] },
        then: 'record',
        uid: lb.uid,
      };
}

/** The replica's Update: lands only on the version it read; then records or forgets the LB. */
function write(world: World, replica: number, random: () => number): void {
  const pending = world.pending[replica];
  world.pending[replica] = undefined;
  if (!pending) return;
  if (pending.rv !== world.rv) {
    world.stats.conflicts++; // 409: the next event decides again
    return;
  }
  const plan = planServicePrefix(world.sp, pending.change);
  if (plan.status) {
    world.sp = { ...world.sp, status: plan.status };
    world.rv++;
    world.stats.commits++;
  }
  if (plan.results[0]?.ok === false) world.stats.exhausted++;
  const result = plan.results[0];
  // A crash between claim and record leaves the claim; the LB records it on a later run.
  const crashed = random() < 0.2;
  afterWrite(world, pending, result?.ok && !crashed ? result.address : undefined);
}

function afterWrite(world: World, pending: Pending, address: string | undefined): void {
  const lb = world.lbs.get(pending.uid);
  if (!lb) return;
  if (pending.then === 'forget') world.lbs.delete(pending.uid);
  else if (address !== undefined && lb.address === undefined) lb.address = address;
}

function checkInvariants(world: World): void {
  const claims = world.sp.status?.allocations ?? {};
  const holder = new Map<string, string>();
  for (const [address, claim] of Object.entries(claims)) {
    expect(claim.owners).toHaveLength(1);
    for (const owner of claim.owners) {
      expect(holder.has(owner.uid), `${owner.uid} holds one address`).toBe(false);
      holder.set(owner.uid, address);
    }
  }
  const recorded = new Set<string>();
  for (const lb of world.lbs.values()) {
    if (lb.address === undefined) continue;
    expect(holder.get(lb.uid), `${lb.name} records the address it holds`).toBe(lb.address);
    expect(recorded.has(lb.address), `${lb.address} recorded once`).toBe(false);
    recorded.add(lb.address);
  }
  expect(Object.keys(claims).length).toBeLessThanOrEqual(6);
}

function runSeed(seed: number): World['stats'] {
  const random = mulberry32(seed);
  const world: World = {
    sp: servicePrefixNamed('p', { pool: '10.0.0.0/29', subnet: '10.0.0.0/24' }),
    rv: 1,
    lbs: new Map(),
    pending: new Array<Pending | undefined>(replicas),
    nextId: 0,
    stats: { commits: 0, conflicts: 0, exhausted: 0 },
  };
  for (let step = 0; step < 150; step++) {
    const replica = Math.floor(random() * replicas);
    const roll = random();
    if (roll < 0.2) {
      const id = world.nextId++;
      world.lbs.set(`uid-${id}`, { uid: `uid-${id}`, name: `lb-${id % 5}` });
    } else if (roll < 0.6) read(world, replica, random);
    else if (roll < 0.95) write(world, replica, random);
    else world.pending[replica] = undefined; // the replica crashed before writing
    checkInvariants(world);
  }
  return world.stats;
}

describe('replicas racing on one ServicePrefix', () => {
  const seeds = Array.from({ length: 200 }, (_, i) => i + 1);
  const total = { commits: 0, conflicts: 0, exhausted: 0 };
  it.each(seeds)('seed %i', (seed) => {
    const stats = runSeed(seed);
    total.commits += stats.commits;
    total.conflicts += stats.conflicts;
    total.exhausted += stats.exhausted;
  });

  it('the seeds really race: commits, conflicts and exhaustion all happen', () => {
    expect(total.commits).toBeGreaterThan(500);
    expect(total.conflicts).toBeGreaterThan(500);
    expect(total.exhausted).toBeGreaterThan(50);
  });
});
