// Type tests: narrowing a DomainEvent on `type` gives that type's payload.
import type { GWProxy, LoadBalancer } from '@epic/model';
import { describe, expectTypeOf, it } from 'vitest';
import type { DomainEvent, DomainEventType, EventOfType } from './catalogue.js';
import type { ChangedArea } from './changed-areas.js';
import type { DeriveResult } from './derive-events.js';
import type { InvalidObject } from './invalid-object.js';
import type { AccountNamespace } from './namespace-events.js';
import type { ProxyPod, ReadyProxyPod, ScheduledProxyPod } from './proxy-pod-events.js';

describe('DomainEvent narrowing', () => {
  it('narrows LoadBalancer events to LoadBalancer snapshots', () => {
    const check = (event: DomainEvent) => {
      if (event.type === 'LoadBalancerChanged') {
        expectTypeOf(event.data.object).toEqualTypeOf<LoadBalancer>();
        expectTypeOf(event.data.changed).toEqualTypeOf<ChangedArea[]>();
        expectTypeOf(event.version).toEqualTypeOf<1>();
      }
      if (event.type === 'LoadBalancerGone') {
        expectTypeOf(event.data).toEqualTypeOf<{ object: LoadBalancer }>();
      }
      if (event.type === 'ProxyDeleting') expectTypeOf(event.data.object).toEqualTypeOf<GWProxy>();
    };
    expectTypeOf(check).toBeFunction();
  });

  it('narrows pod and namespace events to their summaries', () => {
    expectTypeOf<EventOfType<'ProxyPodReady'>['data']['pod']>().toEqualTypeOf<ReadyProxyPod>();
    expectTypeOf<EventOfType<'ProxyPodReady'>['data']['pod']['podIP']>().toEqualTypeOf<string>();
    expectTypeOf<
      EventOfType<'ProxyPodScheduled'>['data']['pod']
    >().toEqualTypeOf<ScheduledProxyPod>();
    expectTypeOf<EventOfType<'ProxyPodGone'>['data']['pod']>().toEqualTypeOf<ProxyPod>();
    expectTypeOf<
      EventOfType<'AccountNamespaceCreated'>['data']['namespace']
    >().toEqualTypeOf<AccountNamespace>();
  });

  it('has no `changed` outside *Changed events', () => {
    expectTypeOf<EventOfType<'LoadBalancerRequested'>['data']>().not.toHaveProperty('changed');
    expectTypeOf<EventOfType<'EpicConfigChanged'>['data']>().toHaveProperty('changed');
  });

  it('knows every type name as a literal', () => {
    expectTypeOf<'RouteAdded'>().toExtend<DomainEventType>();
    expectTypeOf<'RouteCreated'>().not.toExtend<DomainEventType>();
  });

  it('makes the invalid outcome of deriveEvents explicit', () => {
    const check = (result: DeriveResult) => {
      if (result.ok) expectTypeOf(result.events).toEqualTypeOf<DomainEvent[]>();
      else expectTypeOf(result.invalid).toEqualTypeOf<InvalidObject>();
    };
    expectTypeOf(check).toBeFunction();
  });
});
