// One ServicePrefix write decided whole: releases, the public pool, the alt pool for IPv6
// proxies; given a ServicePrefix and a change, then the status to write and the results.
import { describe, expect, it } from 'vitest';
import type { Condition } from '@epic/model';
import { planServicePrefix, parsePrefixPools, type PrefixRequest } from './service-prefix-plan.js';
import { ownerNamed, servicePrefixNamed } from './testdata/index.js';

const v4 = servicePrefixNamed('default', { pool: '10.0.0.0/30', subnet: '10.0.0.0/24' });
const v6 = servicePrefixNamed(
  'default-ipv6',
  { pool: '2001:db8::/120', subnet: '2001:db8::/64', aggregation: '/128' },
  { alt: { pool: '10.42.1.2-10.42.1.3', subnet: '10.42.1.0/24', aggregation: '/32' } },
);

function lb(name: string, fields: Partial<PrefixRequest> = {}): PrefixRequest {
  return { owner: ownerNamed(name), wantsAlt: false, ...fields };
}

function proxy(name: string, fields: Partial<PrefixRequest> = {}): PrefixRequest {
  return { owner: ownerNamed(name, { kind: 'GWProxy' }), wantsAlt: true, ...fields };
}

describe('planServicePrefix', () => {
  it('claims a batch in one status and keeps the conditions of others', () => {
    const condition: Condition = {
      type: 'Ready',
      status: 'True',
      reason: 'Configured',
      message: 'The bridge is configured.',
      lastTransitionTime: '2025-01-01T00:00:00Z',
    };
    const sp = { ...v4, status: { conditions: [condition] } };
    const plan = planServicePrefix(sp, { requests: [lb('a'), lb('b'), lb('c')] });
    expect(plan.results).toEqual([
      { ok: true, address: '10.0.0.1', outcome: 'claimed' },
      { ok: true, address: '10.0.0.2', outcome: 'claimed' },
      {
        ok: false,
        reason: 'PoolExhausted',
        message: expect.stringContaining(
          'pool exhausted: ServicePrefix "default" public-pool (pool 10.0.0.0/30) has 2 addresses',
        ) as string,
      },
    ]);
    expect(plan.status).toEqual({
      conditions: [condition],
      allocations: {
        '10.0.0.1': { owners: [ownerNamed('a')] },
        '10.0.0.2': { owners: [ownerNamed('b')] },
      },
    });
  });

  it('writes nothing when every request is already held', () => {
    const sp = { ...v4, status: planServicePrefix(v4, { requests: [lb('a')] }).status };
    const plan = planServicePrefix(sp, { requests: [lb('a'), lb('a', { address: '10.0.0.1' })] });
    expect(plan.status).toBeUndefined();
    expect(plan.results.map((r) => r.ok && r.outcome)).toEqual(['held', 'held']);
  });

  it('releases first, so a freed address is reused in the same write', () => {
    const full = planServicePrefix(v4, { requests: [lb('a'), lb('b')] }).status;
    const plan = planServicePrefix(
      { ...v4, status: full },
      { releases: ['uid-a'], requests: [lb('c')] },
    );
    expect(plan.results).toEqual([{ ok: true, address: '10.0.0.1', outcome: 'claimed' }]);
    expect(plan.released.public.map((r) => r.owner.name)).toEqual(['a']);
    expect(Object.keys(plan.status?.allocations ?? {})).toEqual(['10.0.0.2', '10.0.0.1']);
  });

  it('drops the allocation maps once the last address is freed', () => {
    const held = planServicePrefix(v4, { requests: [lb('a')] }).status;
    expect(planServicePrefix({ ...v4, status: held }, { releases: ['uid-a'] }).status).toEqual({});
  });

  it('gives an IPv6 proxy an alt address; a LoadBalancer and an IPv4 proxy get none', () => {
    const plan = planServicePrefix(v6, { requests: [proxy('gw'), lb('web')] });
    expect(plan.results).toEqual([
      {
        ok: true,
        address: '2001:db8::1',
        outcome: 'claimed',
        altAddress: '10.42.1.2',
        altOutcome: 'claimed',
      },
      { ok: true, address: '2001:db8::2', outcome: 'claimed' },
    ]);
    expect(plan.status?.['alt-allocations']).toEqual({
      '10.42.1.2': { owners: [ownerNamed('gw', { kind: 'GWProxy' })] },
    });
    const v4Proxy = planServicePrefix(
      servicePrefixNamed(
        'p',
        { pool: '10.0.0.0/30', subnet: '10.0.0.0/24' },
        { alt: { pool: '10.42.1.2-10.42.1.3', subnet: '10.42.1.0/24' } },
      ),
      { requests: [proxy('gw')] },
    );
    expect(v4Proxy.results).toEqual([{ ok: true, address: '10.0.0.1', outcome: 'claimed' }]);
  });

  it('an exhausted alt pool fails the proxy but its public claim stays with it; release frees both', () => {
    let sp = v6;
    const first = planServicePrefix(sp, { requests: [proxy('p1'), proxy('p2'), proxy('p3')] });
    expect(first.results.map((r) => (r.ok ? r.altAddress : r.reason))).toEqual([
      '10.42.1.2',
      '10.42.1.3',
      'PoolExhausted',
    ]);
    expect(first.results[2]).toMatchObject({
      message: expect.stringContaining('ServicePrefix "default-ipv6" alt-pool') as string,
    });
    sp = { ...sp, status: first.status };
    expect(Object.keys(sp.status?.allocations ?? {})).toHaveLength(3);
    const freed = planServicePrefix(sp, { releases: ['uid-p1'], requests: [proxy('p3')] });
    expect(freed.results).toEqual([
      {
        ok: true,
        address: '2001:db8::3',
        outcome: 'held',
        altAddress: '10.42.1.2',
        altOutcome: 'claimed',
      },
    ]);
    expect(freed.released.alt.map((r) => r.address)).toEqual(['10.42.1.2']);
    expect(freed.released.public.map((r) => r.address)).toEqual(['2001:db8::1']);
  });

  it('a proxy that names its alt address gets it when it is in the alt pool', () => {
    const plan = planServicePrefix(v6, { requests: [proxy('gw', { altAddress: '10.42.1.3' })] });
    expect(plan.results[0]).toMatchObject({ ok: true, altAddress: '10.42.1.3' });
    const bad = planServicePrefix(v6, { requests: [proxy('gw', { altAddress: '10.0.0.1' })] });
    expect(bad.results[0]).toMatchObject({ ok: false, reason: 'AddressUnavailable' });
  });

  it('a bad pool is InvalidPool for every request and changes nothing; releases still happen', () => {
    const claims = { '10.0.1.5': { owners: [ownerNamed('old')] } };
    const sp = servicePrefixNamed(
      'broken',
      { pool: '10.0.1.0/24', subnet: '10.0.0.0/24' },
      { status: { allocations: claims } },
    );
    const plan = planServicePrefix(sp, { requests: [lb('a'), lb('b')] });
    expect(plan.status).toBeUndefined();
    expect(plan.results).toEqual(
      Array(2).fill({
        ok: false,
        reason: 'InvalidPool',
        message:
          'ServicePrefix "broken" public-pool: pool "10.0.1.0/24" is not inside subnet "10.0.0.0/24": every pool address must lie in the subnet',
      }),
    );
    expect(planServicePrefix(sp, { releases: ['uid-old'] }).status).toEqual({});
  });

  it('an alt pool must be IPv4', () => {
    const sp = servicePrefixNamed(
      'x',
      { pool: '2001:db8::/120', subnet: '2001:db8::/64' },
      { alt: { pool: '2001:db8:1::/120', subnet: '2001:db8:1::/64' } },
    );
    expect(parsePrefixPools(sp).alt).toEqual({
      ok: false,
      message: 'ServicePrefix "x" alt-pool: pool "2001:db8:1::/120" must be IPv4',
    });
    expect(planServicePrefix(sp, { requests: [proxy('gw')] }).results[0]).toMatchObject({
      ok: false,
      reason: 'InvalidPool',
    });
  });
});
