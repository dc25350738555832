import { describe, expect, it } from 'vitest';
import type { DomainEvent, EventOfType } from '@epic/events';
import { sampleEvents } from '@epic/events/testdata';
import { formatEvent } from './format-event.js';

const samples = sampleEvents();
function sample<T extends DomainEvent['type']>(type: T): EventOfType<T> {
  const event = samples.find((e): e is EventOfType<T> => e.type === type);
  if (event === undefined) throw new Error(`no sample ${type}`);
  return event;
}

const changedLb = sample('LoadBalancerChanged');
const lbAddressChanged: DomainEvent = {
  ...changedLb,
  occurredAt: '2026-11-25T18:00:00.000Z',
  source: {
    ...changedLb.source,
    namespace: 'epic-root',
    name: 'sample-acnodal',
    resourceVersion: '2584',
  },
  data: { ...changedLb.data, changed: ['spec', 'spec.public-address'] },
};
const gonePod = sample('ProxyPodGone');
const unscheduledPodGone: DomainEvent = {
  ...gonePod,
  data: {
    pod: { ...gonePod.data.pod, nodeName: undefined, podIP: undefined, podIPs: [], ready: false },
  },
};
const causedAccount: DomainEvent = {
  ...sample('AccountObserved'),
  causationId: '00000000-0000-4000-8000-0000000000aa',
};

describe('formatEvent', () => {
  it.each<[string, DomainEvent, string]>([
    [
      'a Changed event lists the changed areas',
      lbAddressChanged,
      '2026-11-25T18:00:00.000Z  LoadBalancerChanged  epic-root/sample-acnodal  rv=2584  changed=spec,spec.public-address',
    ],
    [
      'a Created event carries no details',
      sample('AccountCreated'),
      '2025-06-01T12:00:00.000Z  AccountCreated  epic-acme/acme  rv=100',
    ],
    [
      'a delete shows the last known resourceVersion',
      sample('LoadBalancerGone'),
      '2025-06-01T12:00:00.000Z  LoadBalancerGone  epic-acme/sample-web  rv=100',
    ],
    [
      'an Envoy pod shows its owner, node, IP and readiness',
      sample('ProxyPodReady'),
      '2025-06-01T12:00:00.000Z  ProxyPodReady  epic-acme/envoy-sample-web-5d8f7-abcde  rv=200  owner=LoadBalancer/sample-web  node=node-a  ip=10.128.0.7  ready=true',
    ],
    [
      'an Envoy pod without node or IP shows dashes',
      unscheduledPodGone,
      '2025-06-01T12:00:00.000Z  ProxyPodGone  epic-acme/envoy-sample-web-5d8f7-abcde  rv=200  owner=LoadBalancer/sample-web  node=-  ip=-  ready=false',
    ],
    [
      'a namespace (cluster-scoped) is its name, with the account',
      sample('AccountNamespaceCreated'),
      '2025-06-01T12:00:00.000Z  AccountNamespaceCreated  epic-acme  rv=50  account=acme',
    ],
    [
      'the EPIC singleton',
      sample('EpicConfigObserved'),
      '2025-06-01T12:00:00.000Z  EpicConfigObserved  epic/epic  rv=100',
    ],
    [
      'a caused event names its cause last',
      causedAccount,
      '2025-06-01T12:00:00.000Z  AccountObserved  epic-acme/acme  rv=100  cause=00000000-0000-4000-8000-0000000000aa',
    ],
  ])('%s', (_name, event, line) => {
    expect(formatEvent(event)).toBe(line);
  });

  it('formats every event type on one line', () => {
    for (const event of samples) {
      const line = formatEvent(event);
      expect(line).not.toContain('\n');
      expect(line.split('  ')[1]).toBe(event.type);
    }
  });
});
