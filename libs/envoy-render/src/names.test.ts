import { isDnsLabel } from '@epic/model';
import { describe, expect, it } from 'vitest';
import { backendClusterName, listenerName, loadBalancerClusterName, nodeIdOf } from './names.js';

describe('resource names', () => {
  const proxy = { namespace: 'epic-root', name: 'sample' };

  it.each([
    ['listener', listenerName(proxy, 'TCP', 8888), 'epic-root-sample-tcp-8888'],
    ['UDP listener', listenerName(proxy, 'UDP', 53), 'epic-root-sample-udp-53'],
    ['LoadBalancer cluster', loadBalancerClusterName(proxy, 'TCP', 80), 'epic-root-sample-tcp-80'],
    [
      'backend cluster',
      backendClusterName('epic-root', '5d1c0a6e-cart'),
      'epic-root-5d1c0a6e-cart',
    ],
    [
      'backend cluster with a port',
      backendClusterName('epic-root', '5d1c0a6e-cart', 8080),
      'epic-root-5d1c0a6e-cart-8080',
    ],
    ['xDS node id', nodeIdOf(proxy), 'epic-root.sample'],
  ])('%s: %s', (_what, actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('shortens long names with a hash, keeping them valid and distinct', () => {
    const long = {
      namespace: 'epic-a-rather-long-account-name',
      name: 'gatewayhttp-a044f348-f80c-4ac0-b911-6ed45e37994a',
    };
    const names = [
      listenerName(long, 'TCP', 80),
      listenerName(long, 'TCP', 81),
      backendClusterName(long.namespace, `${'x'.repeat(60)}-uid`),
    ];
    for (const name of names) {
      expect(isDnsLabel(name)).toBe(true);
      expect(name.length).toBeLessThanOrEqual(63);
    }
    expect(new Set(names).size).toBe(3);
    expect(names[0]).toMatch(/^epic-a-rather-long-account-name-gatewayhttp-.*-[0-9a-f]{10}$/);
  });

  it('cleans characters a label may not hold', () => {
    const name = backendClusterName('epic-root', 'Svc_UID.With.Dots');
    expect(isDnsLabel(name)).toBe(true);
    expect(name).not.toBe(backendClusterName('epic-root', 'svc-uid-with-dots'));
  });
});
