// Which step each event calls for, given events as ingest derives them.
import { describe, expect, it } from 'vitest';
import { deriveEvents, type DeriveInput, type DomainEvent } from '@epic/events';
import { createLogger } from '@epic/logging';
import { servicePrefixNamed } from '@epic/address-pool/testdata';
import { scope } from './config.js';
import { publicAddressFinalizer } from './owners.js';
import { routeEvent, wantsEvent, type AddressSteps } from './route-event.js';
import { allocatedCondition, lbNamed, proxyNamed } from './testdata/owners.js';

const log = createLogger({ app: 'test', level: 'silent' });

function eventsOf(input: Omit<DeriveInput, 'newId' | 'now'>): DomainEvent[] {
  let id = 0;
  const derived = deriveEvents({
    ...input,
    newId: () => `00000000-0000-4000-8000-${String(++id).padStart(12, '0')}`,
    now: new Date('2025-01-01T00:00:00Z'),
  });
  if (!derived.ok) throw new Error(derived.invalid.message);
  return derived.events;
}

function recorder(): { steps: AddressSteps; calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    steps: {
      reconcile: (kind, ref, _log, options = {}) => {
        calls.push(
          `reconcile ${kind} ${ref.namespace}/${ref.name}${options.verify ? ' verify' : ''}${options.seen ? ' seen' : ''}`,
        );
        return Promise.resolve();
      },
      forget: (owner) => {
        calls.push(`forget ${owner.kind} ${owner.metadata.name}`);
        return Promise.resolve();
      },
      reclaim: (servicePrefix) => {
        calls.push(`reclaim ${servicePrefix}`);
        return Promise.resolve(0);
      },
    },
  };
}

const fresh = lbNamed('web');
const settled = lbNamed('web', {
  address: '10.0.0.1',
  finalizers: [publicAddressFinalizer],
  conditions: [allocatedCondition(1)],
});
const deleting = lbNamed('web', {
  address: '10.0.0.1',
  finalizers: [publicAddressFinalizer],
  deleting: true,
});
const proxy = proxyNamed('gw', { group: 'gateways' });
const unnamed = servicePrefixNamed('default', { pool: '10.0.0.0/24', subnet: '10.0.0.0/24' });
const prefix = { ...unnamed, metadata: { ...unnamed.metadata, uid: 'uid-default' } };

describe('routeEvent', () => {
  it.each<[string, Omit<DeriveInput, 'newId' | 'now'>, string[]]>([
    [
      'a new LoadBalancer',
      { kind: 'LoadBalancer', new: fresh },
      ['reconcile LoadBalancer epic-acme/web seen'],
    ],
    ['a change of a settled LoadBalancer', { kind: 'LoadBalancer', old: fresh, new: settled }, []],
    [
      'a change of an unsettled one',
      {
        kind: 'LoadBalancer',
        old: settled,
        new: { ...fresh, metadata: { ...fresh.metadata, labels: { a: 'b' } } },
      },
      ['reconcile LoadBalancer epic-acme/web seen'],
    ],
    [
      'a resync, even when settled',
      { kind: 'LoadBalancer', new: settled, observed: true },
      ['reconcile LoadBalancer epic-acme/web verify seen'],
    ],
    [
      'deletion started',
      { kind: 'LoadBalancer', old: settled, new: deleting },
      ['reconcile LoadBalancer epic-acme/web seen'],
    ],
    ['gone from the API', { kind: 'LoadBalancer', old: settled }, ['forget LoadBalancer web']],
    ['a new GWProxy', { kind: 'GWProxy', new: proxy }, ['reconcile GWProxy epic-acme/gw seen']],
    ['a GWProxy gone', { kind: 'GWProxy', old: proxy }, ['forget GWProxy gw']],
    [
      'a ServicePrefix resync',
      { kind: 'ServicePrefix', new: prefix, observed: true },
      ['reclaim default'],
    ],
    [
      'a ServicePrefix change (our own writes)',
      { kind: 'ServicePrefix', old: prefix, new: { ...prefix, status: { allocations: {} } } },
      [],
    ],
  ])('%s', async (_what, input, calls) => {
    const { steps, calls: made } = recorder();
    const events = eventsOf(input);
    for (const event of events) await routeEvent(event, steps, log);
    expect(made).toEqual(calls);
    // What is not queued at all is exactly what would do nothing.
    expect(events.filter((e) => wantsEvent(e)).length).toBe(calls.length);
  });

  it('leaves events out of scope alone', async () => {
    const { steps, calls } = recorder();
    const inScope = scope(['epic-other'], ['other']);
    for (const input of [
      { kind: 'LoadBalancer' as const, new: fresh },
      { kind: 'ServicePrefix' as const, new: prefix, observed: true },
    ]) {
      for (const event of eventsOf(input)) {
        expect(wantsEvent(event, inScope)).toBe(false);
        await routeEvent(event, steps, log, inScope);
      }
    }
    expect(calls).toEqual([]);
  });
});
