import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '@epic/events';
import { renderTarget, targetKey } from './event-routing.js';

function event(type: string, kind: string, extra: Record<string, unknown> = {}): DomainEvent {
  return {
    id: '00000000-0000-4000-8000-000000000000',
    type,
    version: 1,
    occurredAt: '2024-01-01T00:00:00Z',
    source: { kind, namespace: 'epic-a', name: 'obj', uid: 'u', resourceVersion: '1' },
    data: { object: { metadata: { name: 'obj', namespace: 'epic-a' } }, ...extra },
  } as unknown as DomainEvent;
}

const withLabels = (labels: Record<string, string>) => ({
  object: { metadata: { name: 'obj', namespace: 'epic-a', labels } },
});

describe('renderTarget', () => {
  it.each<[string, DomainEvent, string | undefined]>([
    [
      'a LoadBalancer event renders that LB',
      event('LoadBalancerChanged', 'LoadBalancer'),
      'loadBalancer/epic-a/obj',
    ],
    [
      'a gone LB is rendered (and found gone)',
      event('LoadBalancerGone', 'LoadBalancer'),
      'loadBalancer/epic-a/obj',
    ],
    [
      'a RemoteEndpoint renders its owning LB',
      event(
        'RemoteEndpointAdded',
        'RemoteEndpoint',
        withLabels({ 'epic.acnodal.io/owning-loadbalancer': 'lb1' }),
      ),
      'loadBalancer/epic-a/lb1',
    ],
    [
      'a RemoteEndpoint without its label renders nothing',
      event('RemoteEndpointAdded', 'RemoteEndpoint'),
      undefined,
    ],
    [
      'a GWProxy renders the namespace’s gateways',
      event('ProxyChanged', 'GWProxy'),
      'gateways/epic-a',
    ],
    ['a GWRoute too', event('RouteRemoved', 'GWRoute'), 'gateways/epic-a'],
    ['a GWEndpointSlice too', event('EndpointSliceObserved', 'GWEndpointSlice'), 'gateways/epic-a'],
    [
      'a group checks its template',
      event('ServiceGroupChanged', 'LBServiceGroup'),
      'group/epic-a/obj',
    ],
    ['the EPIC singleton changes nothing served', event('EpicConfigChanged', 'EPIC'), undefined],
    ['nor does an Account', event('AccountChanged', 'Account'), undefined],
  ])('%s', (_, e, expected) => {
    const target = renderTarget(e);
    expect(target ? targetKey(target) : undefined).toBe(expected);
  });
});
