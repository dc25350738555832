// The envelope and catalogue: every type round-trips through JSON, and every bad message gets a
// reason a dead-letter header can carry.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  DomainEvent,
  decodeDomainEvent,
  eventCatalogue,
  eventTopic,
  eventTypes,
  isDomainEventType,
  parseDomainEvent,
  type EventParseFailure,
} from './catalogue.js';
import { eventFamily, eventSchema } from './envelope.js';
import { sampleEvents } from './testdata/index.js';
import { eventFamilies, topicName } from './topics.js';

const samples = sampleEvents();

describe('envelope round trip', () => {
  it.each(samples.map((e) => [e.type, e] as const))('%s survives JSON', (_type, event) => {
    const wire: unknown = JSON.parse(JSON.stringify(event));
    expect(DomainEvent.parse(wire)).toEqual(event);
    expect(parseDomainEvent(wire)).toEqual({ ok: true, event });
  });

  it('has a sample of every type', () => {
    expect(samples.map((e) => e.type)).toEqual(eventTypes);
  });
});

describe('catalogue', () => {
  it('lists each type once, 48 in all', () => {
    expect(new Set(eventTypes).size).toBe(eventTypes.length);
    expect(eventTypes).toHaveLength(48);
  });

  it('covers every family', () => {
    expect(new Set(eventCatalogue.map((i) => i.family))).toEqual(new Set(eventFamilies));
  });

  it.each(eventCatalogue.map((i) => [i.type, i] as const))(
    '%s goes to its family topic and parses exactly the versions it lists',
    (type, info) => {
      expect(eventTopic(type)).toBe(topicName(info.family));
      const sample = samples.find((e) => e.type === type);
      const max = Math.max(...info.versions);
      expect(info.versions).toContain(sample?.version);
      expect(parseDomainEvent({ ...sample, version: max + 1 })).toMatchObject({
        ok: false,
        error: { reason: 'unknown-version' },
      });
    },
  );

  it('knows its types', () => {
    expect(isDomainEventType('LoadBalancerRequested')).toBe(true);
    expect(isDomainEventType('LoadBalancerExploded')).toBe(false);
  });
});

describe('parseDomainEvent failures (the dead-letter reasons)', () => {
  const [sample] = samples;
  it.each<[string, EventParseFailure, unknown, RegExp]>([
    ['a string', 'not-an-envelope', 'hello', /not an event envelope/],
    ['no version', 'not-an-envelope', { ...sample, version: undefined }, /not an event envelope/],
    ['version 0', 'not-an-envelope', { ...sample, version: 0 }, /not an event envelope/],
    [
      'an unknown type',
      'unknown-type',
      { ...sample, type: 'LoadBalancerExploded' },
      /"LoadBalancerExploded" is unknown/,
    ],
    [
      'a future version',
      'unknown-version',
      { ...sample, version: 2 },
      /version 2 is unknown \(known: 1\)/,
    ],
    ['a bad id', 'invalid-event', { ...sample, id: 'nope' }, /does not match its schema: id:/],
    ['a bad payload', 'invalid-event', { ...sample, data: {} }, /data\.object/],
    [
      'no source uid',
      'invalid-event',
      { ...sample, source: { ...sample?.source, uid: undefined } },
      /source\.uid/,
    ],
  ])('%s -> %s', (_what, reason, message, text) => {
    const result = parseDomainEvent(message);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.reason).toBe(reason);
    expect(result.error.message).toMatch(text);
  });

  it('decodes text, and names non-JSON', () => {
    expect(decodeDomainEvent(JSON.stringify(sample))).toEqual({ ok: true, event: sample });
    expect(decodeDomainEvent('{')).toMatchObject({ ok: false, error: { reason: 'not-json' } });
  });
});

describe('versioning: a second version is a nested union on version', () => {
  const data1 = z.object({ object: z.object({ name: z.string() }) });
  const data2 = z.object({ object: z.object({ name: z.string(), size: z.int() }) });
  const ThingMadeV1 = eventSchema('ThingMade', 1, data1);
  const ThingMadeV2 = eventSchema('ThingMade', 2, data2);
  const ThingGone = eventSchema('ThingGone', 1, data1);
  const ThingEvent = eventFamily([
    z.discriminatedUnion('version', [ThingMadeV1, ThingMadeV2]),
    ThingGone,
  ]);
  const envelope = {
    id: '00000000-0000-4000-8000-000000000001',
    occurredAt: '2025-06-01T12:00:00.000Z',
    source: { kind: 'Account', namespace: 'n', name: 'x', uid: 'u', resourceVersion: '1' },
  };

  it('parses both versions and narrows on type then version', () => {
    const v1 = ThingEvent.parse({
      ...envelope,
      type: 'ThingMade',
      version: 1,
      data: { object: { name: 'a' } },
    });
    const v2 = ThingEvent.parse({
      ...envelope,
      type: 'ThingMade',
      version: 2,
      data: { object: { name: 'a', size: 3 } },
    });
    const size = (e: typeof v1) =>
      e.type === 'ThingMade' && e.version === 2 ? e.data.object.size : undefined;
    expect([size(v1), size(v2)]).toEqual([undefined, 3]);
  });

  it('rejects a version it does not list', () => {
    const v3 = { ...envelope, type: 'ThingMade', version: 3, data: { object: { name: 'a' } } };
    expect(ThingEvent.safeParse(v3).success).toBe(false);
  });
});
