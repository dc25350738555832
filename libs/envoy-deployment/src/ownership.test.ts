import { describe, expect, it } from 'vitest';
import {
  type OwnedView,
  holdsEnvoyFinalizer,
  ownershipOf,
  withEnvoyFinalizer,
  withoutEnvoyFinalizer,
} from './ownership.js';

const proxy = {
  kind: 'LoadBalancer',
  namespace: 'epic-acme',
  name: 'web',
  uid: 'uid-web',
} as const;
const what = { kind: 'Deployment', name: 'envoy-web' } as const;
const owner = (uid: string, controller = true) => ({
  kind: 'LoadBalancer',
  name: 'web',
  uid,
  controller,
});

describe('ownershipOf', () => {
  it.each([
    { when: 'nothing exists', existing: undefined, expected: 'absent' },
    {
      when: 'it names the proxy as owner',
      existing: { metadata: { ownerReferences: [owner('uid-web')] } },
      expected: 'ours',
    },
    {
      when: 'it was orphaned but is labelled for the proxy',
      existing: { metadata: { labels: { 'epic.acnodal.io/owning-loadbalancer': 'web' } } },
      expected: 'ours',
    },
    {
      when: 'an earlier LB of the same name controls it',
      existing: {
        metadata: {
          ownerReferences: [owner('uid-old')],
          labels: { 'epic.acnodal.io/owning-loadbalancer': 'web' },
        },
      },
      expected: 'foreign',
    },
    { when: 'someone made it by hand', existing: { metadata: {} }, expected: 'foreign' },
    {
      when: 'it is labelled for a GWProxy of the same name',
      existing: { metadata: { labels: { 'epic.acnodal.io/owning-proxy': 'web' } } },
      expected: 'foreign',
    },
  ])('$when: $expected', ({ existing, expected }) => {
    expect(ownershipOf(existing as OwnedView | undefined, proxy, what).kind).toBe(expected);
  });

  it('says whose it is and what to do', () => {
    const result = ownershipOf({ metadata: { ownerReferences: [owner('uid-old')] } }, proxy, what);
    expect(result).toEqual({
      kind: 'foreign',
      refusal: {
        ok: false,
        reason: 'DeploymentConflict',
        message:
          "Deployment envoy-web in namespace epic-acme is not LoadBalancer epic-acme/web's: its controller is LoadBalancer web (uid uid-old); delete it to let the proxy have its Envoy.",
      },
    });
  });
});

describe('the envoy-renderer finalizer (epic.acnodal.io/controller)', () => {
  const other = 'example.com/other';
  const bare = { metadata: { finalizers: [other] } };

  it('is added once, after the others', () => {
    const added = withEnvoyFinalizer(bare);
    expect(added?.metadata.finalizers).toEqual([other, 'epic.acnodal.io/controller']);
    expect(withEnvoyFinalizer(added!)).toBeUndefined();
    expect(holdsEnvoyFinalizer(added!)).toBe(true);
  });

  it('is removed alone, and removing it twice writes nothing', () => {
    const removed = withoutEnvoyFinalizer(withEnvoyFinalizer(bare)!);
    expect(removed?.metadata.finalizers).toEqual([other]);
    expect(withoutEnvoyFinalizer(removed!)).toBeUndefined();
    expect(
      withEnvoyFinalizer<{ metadata: { finalizers?: string[] } }>({ metadata: {} })?.metadata
        .finalizers,
    ).toEqual(['epic.acnodal.io/controller']);
  });
});
