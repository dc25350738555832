import { describe, expect, it } from 'vitest';
import { accountIdsCondition, exhaustedCondition, loadBalancerIdsCondition } from './conditions.js';

const lb = (serviceId: number | undefined, tunnels: Record<string, number | undefined>) => ({
  metadata: { namespace: 'epic-acme', name: 'web', generation: 3 },
  spec: { 'service-id': serviceId, 'public-ports': [], 'service-group': 'sample' } as never,
  status: {
    'gue-tunnel-endpoints': Object.fromEntries(
      Object.entries(tunnels).map(([a, id]) => [
        a,
        {
          'epic-port': { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' },
          'tunnel-id': id,
        },
      ]),
    ),
  },
});

describe('loadBalancerIdsCondition', () => {
  it.each([
    {
      when: 'no service ID yet',
      lb: lb(undefined, {}),
      nodes: [],
      expected: undefined,
    },
    {
      when: 'service ID and no client nodes',
      lb: lb(7, {}),
      nodes: [],
      expected: {
        status: 'True',
        reason: 'Allocated',
        message: 'Service ID 7 and no client nodes yet, so no tunnel IDs are allocated.',
      },
    },
    {
      when: 'every client node holds a tunnel ID',
      lb: lb(7, { '192.168.1.16': 2, '192.168.1.25': 1 }),
      nodes: ['192.168.1.16', '192.168.1.25'],
      expected: {
        status: 'True',
        reason: 'Allocated',
        message: 'Service ID 7 and 2 tunnel IDs for 2 client nodes are allocated.',
      },
    },
    {
      when: 'a client node still waits (0 means none)',
      lb: lb(7, { '192.168.1.16': 2, '192.168.1.25': 0 }),
      nodes: ['192.168.1.16', '192.168.1.25', '192.168.1.30'],
      expected: {
        status: 'False',
        reason: 'TunnelIdsPending',
        message:
          'Service ID 7 is allocated; 1 tunnel ID for 3 client nodes: waiting for 192.168.1.25, 192.168.1.30.',
      },
    },
  ])('$when', ({ lb: object, nodes, expected }) => {
    const condition = loadBalancerIdsCondition(object, nodes);
    if (expected === undefined) expect(condition).toBeUndefined();
    else expect(condition).toEqual({ type: 'IdsAllocated', observedGeneration: 3, ...expected });
  });
});

describe('accountIdsCondition', () => {
  it('says which group ID the account holds, and nothing before', () => {
    const account = (groupId?: number) => ({
      metadata: { name: 'acme' },
      spec: { 'group-id': groupId, proxyLimit: 20 },
    });
    expect(accountIdsCondition(account())).toBeUndefined();
    expect(accountIdsCondition(account(4))).toEqual({
      type: 'IdsAllocated',
      status: 'True',
      reason: 'Allocated',
      message: 'Group ID 4 is allocated.',
    });
  });
});

describe('exhaustedCondition', () => {
  it('is False, names the reason and says what to do', () => {
    expect(
      exhaustedCondition(
        { metadata: { generation: 1 } },
        'ServiceIdsExhausted',
        'account "acme" needs 1 service ID but only 0 of 65535 remain (status.current-service-id is 65535)',
      ),
    ).toEqual({
      type: 'IdsAllocated',
      status: 'False',
      reason: 'ServiceIdsExhausted',
      message:
        'Account "acme" needs 1 service ID but only 0 of 65535 remain (status.current-service-id is 65535). ' +
        'IDs are never reused or wrapped around; create the LoadBalancer in another account.',
      observedGeneration: 1,
    });
  });
});
