// The group commit on a simulated ServicePrefix with Update semantics: a write must carry the
// resourceVersion it read (else 409), another replica may write in between, and the object may
// be missing. Given operations at once, then the writes made and the results.
import { describe, expect, it, vi } from 'vitest';
import type { PrefixRequest } from '@epic/address-pool';
import { ownerNamed, servicePrefixNamed } from '@epic/address-pool/testdata';
import type { ServicePrefix } from '@epic/model';
import { counterValue } from '@epic/worker-runtime';
import { createAllocatorMetrics } from './allocator-metrics.js';
import { PrefixWriter, type PrefixStore } from './prefix-writer.js';

class FakeStore implements PrefixStore {
  rv = 1;
  gets = 0;
  writes = 0;
  /** Writes by "another replica" that land between our read and our write. */
  interleavedWrites = 0;
  missing = false;
  failWith?: Error;
  /** While set, writes wait for it: an Update in flight. */
  gate?: Promise<void>;
  writesStarted = 0;

  constructor(public sp: ServicePrefix) {}

  get(): Promise<ServicePrefix> {
    this.gets++;
    if (this.missing) return Promise.reject(apiError(404));
    return Promise.resolve(
      structuredClone({
        ...this.sp,
        metadata: { ...this.sp.metadata, resourceVersion: String(this.rv) },
      }),
    );
  }

  async replaceStatus(sp: ServicePrefix): Promise<ServicePrefix> {
    this.writesStarted++;
    await this.gate;
    if (this.failWith) return Promise.reject(this.failWith);
    if (this.interleavedWrites > 0) {
      this.interleavedWrites--;
      this.rv++;
    }
    if (sp.metadata.resourceVersion !== String(this.rv)) return Promise.reject(apiError(409));
    this.writes++;
    this.rv++;
    this.sp = { ...this.sp, status: sp.status };
    return this.get();
  }
}

function apiError(code: number): Error {
  return Object.assign(new Error(`HTTP ${code}`), { code });
}

const sp = () => servicePrefixNamed('default', { pool: '10.0.0.0/24', subnet: '10.0.0.0/24' });
const lb = (name: string): PrefixRequest => ({ owner: ownerNamed(name), wantsAlt: false });

function setup(options: Partial<{ lingerMs: number; attempts: number }> = {}) {
  const store = new FakeStore(sp());
  const metrics = createAllocatorMetrics();
  const writer = new PrefixWriter(store, metrics, {
    maxBatch: 256,
    attempts: 12,
    lingerMs: 0,
    ...options,
  });
  return { store, metrics, writer };
}

describe('PrefixWriter', () => {
  it('claims that arrive while a write is in flight go out together in the next one', async () => {
    const { store, writer, metrics } = setup();
    let open = () => {};
    store.gate = new Promise((resolve) => (open = resolve));
    const first = writer.claim('default', lb('lb-0'));
    await vi.waitFor(() => expect(store.writesStarted).toBe(1));
    const rest = Array.from({ length: 19 }, (_, i) => writer.claim('default', lb(`lb-${i + 1}`)));
    open();
    const results = await Promise.all([first, ...rest]);
    expect(results.map((r) => r.ok && r.address)).toEqual(
      Array.from({ length: 20 }, (_, i) => `10.0.0.${i + 1}`),
    );
    expect(store.writes).toBe(2); // the first alone, then the 19 that queued behind it
    expect(Object.keys(store.sp.status?.allocations ?? {})).toHaveLength(20);
    expect(
      await counterValue(metrics.allocations, { service_prefix: 'default', pool: 'public' }),
    ).toBe(20);
  });

  it('a short linger lets a burst share one write', async () => {
    const { store, writer } = setup({ lingerMs: 10 });
    await Promise.all(Array.from({ length: 20 }, (_, i) => writer.claim('default', lb(`lb-${i}`))));
    expect(store.writes).toBe(1);
  });

  it('decides again after each 409, and what queued meanwhile joins the retry', async () => {
    const { store, writer, metrics } = setup();
    store.interleavedWrites = 3;
    const first = writer.claim('default', lb('a'));
    const second = writer.claim('default', lb('b'));
    expect(await Promise.all([first, second])).toEqual([
      { ok: true, address: '10.0.0.1', outcome: 'claimed' },
      { ok: true, address: '10.0.0.2', outcome: 'claimed' },
    ]);
    expect(store.writes).toBe(1);
    expect(await counterValue(metrics.conflicts, { service_prefix: 'default' })).toBe(3);
  });

  it('gives up after its attempts: the operations fail (their jobs retry), nothing half-done', async () => {
    const { store, writer } = setup({ attempts: 2 });
    store.interleavedWrites = 5;
    await expect(writer.claim('default', lb('a'))).rejects.toThrow(/still conflicting after 2/);
    expect(store.sp.status).toBeUndefined();
  });

  it('a missing ServicePrefix is an answer for claims and nothing to release', async () => {
    const { store, writer } = setup();
    store.missing = true;
    expect(await writer.claim('default', lb('a'))).toEqual({
      ok: false,
      reason: 'ServicePrefixNotFound',
      message: expect.stringContaining(
        'ServicePrefix "default" does not exist in the epic namespace',
      ) as string,
    });
    expect(await writer.release('default', ['uid-a'])).toBe(0);
  });

  it('any other failure rejects every operation of the batch', async () => {
    const { store, writer } = setup();
    store.failWith = apiError(500);
    const ops = [writer.claim('default', lb('a')), writer.release('default', ['uid-b'])];
    const settled = await Promise.allSettled(ops);
    expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected']);
  });

  it('releases and claims of one batch share a write; release counts only its own owners', async () => {
    const { store, writer, metrics } = setup();
    await Promise.all([writer.claim('default', lb('a')), writer.claim('default', lb('b'))]);
    const [releasedA, claimC, releasedNobody] = await Promise.all([
      writer.release('default', ['uid-a']),
      writer.claim('default', lb('c')),
      writer.release('default', ['uid-nobody']),
    ]);
    expect([releasedA, releasedNobody]).toEqual([1, 0]);
    expect(claimC).toEqual({ ok: true, address: '10.0.0.1', outcome: 'claimed' });
    expect(Object.keys(store.sp.status?.allocations ?? {}).sort()).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
    expect(
      await counterValue(metrics.releases, { service_prefix: 'default', pool: 'public' }),
    ).toBe(1);
  });

  it('a held address is confirmed from the last record seen, without a read; fresh asks the API', async () => {
    const { store, writer } = setup();
    await writer.claim('default', lb('a'));
    const gets = store.gets;
    expect(await writer.claim('default', lb('a'))).toEqual({
      ok: true,
      address: '10.0.0.1',
      outcome: 'held',
    });
    expect(await writer.release('default', ['uid-gone'], { fresh: false })).toBe(0);
    expect(store.gets).toBe(gets);
    expect(await writer.claim('default', lb('a'), { fresh: true })).toMatchObject({
      outcome: 'held',
    });
    expect(store.gets).toBeGreaterThan(gets);
  });
});
