import { describe, expect, it } from 'vitest';
import { eventTypeInfo, subscriptions } from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import { triggersDispatch } from './route-event.js';

const everywhere = () => true;
const families = new Set(subscriptions['tunnel-programmer']);

describe('triggersDispatch', () => {
  const samples = sampleEvents().filter((e) => e.source.namespace !== undefined);

  it.each(samples.map((e) => [e.type, e] as const))('%s', (_, event) => {
    expect(triggersDispatch(event, everywhere)).toBe(
      families.has(eventTypeInfo(event.type).family),
    );
  });

  it('a GWRoute change re-plans: routes decide which client nodes a GWProxy tunnels to', () => {
    const route = samples.filter((e) => eventTypeInfo(e.type).family === 'routes');
    expect(route.length).toBeGreaterThan(0);
    expect(route.every((e) => triggersDispatch(e, everywhere))).toBe(true);
  });

  it('nothing outside the namespaces served, but every node change (nodes have none)', () => {
    const outside = sampleEvents().filter((e) => triggersDispatch(e, () => false));
    expect(outside.map((e) => e.type)).toEqual([
      'NodeJoined',
      'NodeChanged',
      'NodeLeft',
      'NodeObserved',
    ]);
  });
});
