// The pump's ordering and outage rules, with a sink that fails on demand (pure logic: the
// real Kafka and Redis path is covered by ingest.int.test.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@epic/events';
import type { ListWatchEvent } from '@epic/kube';
import { ChangePump } from './change-pump.js';
import { ingestMetrics } from './ingest-metrics.js';

const account = (name: string, rv: string) => ({
  apiVersion: 'epic.acnodal.io/v1',
  kind: 'Account',
  metadata: { namespace: `epic-${name}`, name, uid: `uid-${name}`, resourceVersion: rv },
  spec: {},
});
const added = (name: string, rv: string): ListWatchEvent => ({
  type: 'ADDED',
  kind: 'Account',
  object: account(name, rv),
});

function harness(opts: { failures?: number; maxBacklog?: number } = {}) {
  let failuresLeft = opts.failures ?? 0;
  const published: DomainEvent[] = [];
  const committed: string[] = [];
  let relists = 0;
  let ids = 0;
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  const pump = new ChangePump({
    sink: {
      publish: async (events) => {
        await gate;
        if (failuresLeft-- > 0) throw new Error('Kafka unavailable');
        published.push(...events);
      },
    },
    store: {
      load: () => Promise.resolve(new Map()),
      commit: (updates) => (committed.push(...updates.keys()), Promise.resolve()),
    },
    logger: pino({ level: 'silent' }),
    metrics: ingestMetrics(new Registry()),
    maxBacklog: opts.maxBacklog,
    retryMs: 1,
    onBacklogDropped: () => relists++,
    newId: () => `00000000-0000-4000-8000-${String(++ids).padStart(12, '0')}`,
  });
  return {
    pump,
    published,
    committed,
    relists: () => relists,
    /** Hold publishes until release() (a Kafka that does not answer). */
    hold: () => (gate = new Promise<void>((resolve) => (open = resolve))),
    release: () => open(),
  };
}

const until = async (what: string, ok: () => boolean) => {
  for (let i = 0; i < 500 && !ok(); i++) await sleep(5);
  if (!ok()) throw new Error(`never: ${what}`);
};

describe('ChangePump', () => {
  it('publishes in order and commits only what Kafka acknowledged', async () => {
    const h = harness();
    await h.pump.start();
    h.pump.push(added('a', '1'));
    h.pump.push({
      type: 'MODIFIED',
      kind: 'Account',
      object: { ...account('a', '2'), spec: { proxyLimit: 5 } },
    });
    h.pump.push({ type: 'DELETED', kind: 'Account', object: account('a', '3') });
    await until('three events', () => h.published.length === 3);
    expect(h.published.map((e) => e.type)).toEqual([
      'AccountCreated',
      'AccountChanged',
      'AccountDeleted',
    ]);
    expect(h.committed).toContain('Account/epic-a/a');
    await h.pump.stop();
  });

  it('retries a failed publish with the same changes, and loses none', async () => {
    const h = harness({ failures: 3 });
    await h.pump.start();
    h.pump.push(added('a', '1'));
    h.pump.push(added('b', '1'));
    await until('two events after the retries', () => h.published.length === 2);
    expect(h.published.map((e) => e.source.name)).toEqual(['a', 'b']);
    await h.pump.stop();
  });

  it('drops an overflowing backlog and asks every source to relist, without advancing the checkpoint', async () => {
    const h = harness({ failures: 1, maxBacklog: 3 });
    await h.pump.start();
    void h.hold();
    h.pump.push(added('a', '1')); // taken into the batch that is held, then fails
    await sleep(10);
    for (const name of ['b', 'c', 'd', 'e']) h.pump.push(added(name, '1')); // the 4th overflows
    expect(h.relists()).toBe(1);
    h.release();
    await until('the held batch retried', () => h.published.length === 1);
    expect(h.published.map((e) => e.source.name)).toEqual(['a']);
    expect(h.committed).toEqual(['Account/epic-a/a']); // b..e were never committed: a relist re-derives them
    await h.pump.stop();
  });
});
