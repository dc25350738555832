// The fields this worker owns on LoadBalancers and GWProxies, decided from the object alone.
import { describe, expect, it } from 'vitest';
import {
  isSettled,
  prefixRequestOf,
  publicAddressFinalizer,
  recordClaim,
  serviceGroupOf,
  withoutFinalizer,
  type Owner,
} from './owners.js';
import { allocatedCondition, lbNamed, proxyNamed } from './testdata/owners.js';

const ours = [publicAddressFinalizer];
const spLabel = { 'epic.acnodal.io/owning-serviceprefix': 'default' };

describe('isSettled', () => {
  it.each([
    [
      'recorded, condition at this generation',
      lbNamed('a', {
        address: '10.0.0.1',
        finalizers: ours,
        conditions: [allocatedCondition(2)],
        generation: 2,
      }),
      true,
    ],
    [
      'condition of an older generation (spec changed)',
      lbNamed('a', {
        address: '10.0.0.1',
        finalizers: ours,
        conditions: [allocatedCondition(1)],
        generation: 2,
      }),
      false,
    ],
    [
      'condition False',
      lbNamed('a', {
        address: '10.0.0.1',
        finalizers: ours,
        conditions: [allocatedCondition(1, 'False')],
      }),
      false,
    ],
    ['no condition yet', lbNamed('a', { address: '10.0.0.1', finalizers: ours }), false],
    [
      'no finalizer',
      lbNamed('a', { address: '10.0.0.1', conditions: [allocatedCondition(1)] }),
      false,
    ],
    ['no address', lbNamed('a', { finalizers: ours, conditions: [allocatedCondition(1)] }), false],
    [
      'being deleted',
      lbNamed('a', {
        address: '10.0.0.1',
        finalizers: ours,
        conditions: [allocatedCondition(1)],
        deleting: true,
      }),
      false,
    ],
  ])('%s: %s', (_what, owner, settled) => {
    expect(isSettled(owner)).toBe(settled);
  });
});

describe('recordClaim', () => {
  const claimed = { address: '10.0.0.7', servicePrefix: 'default' };

  it('records address, finalizer (once) and label, keeping what else is there', () => {
    const lb = lbNamed('a', { finalizers: ['other/finalizer'], labels: { app: 'x' } });
    const recording = recordClaim(lb, claimed);
    expect(recording.kind).toBe('write');
    if (recording.kind !== 'write') return;
    expect(recording.owner.spec['public-address']).toBe('10.0.0.7');
    expect(recording.owner.metadata.finalizers).toEqual([
      'other/finalizer',
      publicAddressFinalizer,
    ]);
    expect(recording.owner.metadata.labels).toEqual({ app: 'x', ...spLabel });
    expect(recordClaim(recording.owner, claimed)).toEqual({ kind: 'unchanged' });
  });

  it.each<[string, Owner, string]>([
    [
      'the spec names the claimed address (however written)',
      lbNamed('a', { address: '10.0.0.7', finalizers: ours, labels: spLabel }),
      'unchanged',
    ],
    [
      'the user wrote the address; finalizer and label still missing',
      lbNamed('a', { address: '10.0.0.7' }),
      'write',
    ],
    ['the spec names another address now', lbNamed('a', { address: '10.0.0.8' }), 'conflict'],
    ['being deleted without our finalizer', lbNamed('a', { deleting: true }), 'deleting'],
    [
      'being deleted with our finalizer (already recorded)',
      lbNamed('a', { address: '10.0.0.7', deleting: true, finalizers: ours, labels: spLabel }),
      'unchanged',
    ],
  ])('%s: %s', (_what, owner, kind) => {
    expect(recordClaim(owner, claimed).kind).toBe(kind);
  });

  it('keeps an IPv6 address as the user wrote it', () => {
    const proxy = proxyNamed('gw', { address: '2001:DB8::0:1', finalizers: ours, labels: spLabel });
    expect(recordClaim(proxy, { address: '2001:db8::1', servicePrefix: 'default' })).toEqual({
      kind: 'unchanged',
    });
  });

  it('records the alt address of a GWProxy, and refuses a different one', () => {
    const withAlt = { address: '2001:db8::1', altAddress: '10.42.1.2', servicePrefix: 'default' };
    const recording = recordClaim(proxyNamed('gw'), withAlt);
    expect(
      recording.kind === 'write' &&
        recording.owner.kind === 'GWProxy' &&
        recording.owner.spec['alt-address'],
    ).toBe('10.42.1.2');
    expect(recordClaim(proxyNamed('gw', { altAddress: '10.42.1.9' }), withAlt).kind).toBe(
      'conflict',
    );
  });
});

describe('prefixRequestOf', () => {
  it.each([
    [
      'a LoadBalancer asking for any address',
      lbNamed('a'),
      undefined,
      {
        owner: { kind: 'LoadBalancer', namespace: 'epic-acme', name: 'a', uid: 'uid-a' },
        wantsAlt: false,
      },
    ],
    [
      'a LoadBalancer naming one, shared',
      lbNamed('a', { address: '10.0.0.5' }),
      'epic-acme/a',
      {
        owner: { kind: 'LoadBalancer', namespace: 'epic-acme', name: 'a', uid: 'uid-a' },
        wantsAlt: false,
        sharingKey: 'epic-acme/a',
        address: '10.0.0.5',
      },
    ],
    [
      'a GWProxy with both addresses',
      proxyNamed('gw', { address: '2001:db8::1', altAddress: '10.42.1.2' }),
      undefined,
      {
        owner: { kind: 'GWProxy', namespace: 'epic-acme', name: 'gw', uid: 'uid-gw' },
        wantsAlt: true,
        address: '2001:db8::1',
        altAddress: '10.42.1.2',
      },
    ],
  ])('%s', (_what, owner, sharingKey, request) => {
    expect(prefixRequestOf(owner, sharingKey)).toEqual(request);
  });
});

describe('small helpers', () => {
  it('finds the service group of a GWProxy in its spec, else its label', () => {
    expect(serviceGroupOf(lbNamed('a', { group: 'web' }))).toBe('web');
    expect(serviceGroupOf(proxyNamed('gw', { group: 'gateways' }))).toBe('gateways');
    expect(
      serviceGroupOf(
        proxyNamed('gw', { labels: { 'epic.acnodal.io/owning-lbservicegroup': 'g' } }),
      ),
    ).toBe('g');
    expect(serviceGroupOf(proxyNamed('gw'))).toBeUndefined();
  });

  it('drops only our finalizer, and says when there is none', () => {
    const lb = lbNamed('a', { finalizers: ['x', publicAddressFinalizer, 'y'] });
    expect(withoutFinalizer(lb)?.metadata.finalizers).toEqual(['x', 'y']);
    expect(withoutFinalizer(lbNamed('a', { finalizers: ['x'] }))).toBeUndefined();
  });
});
