// From an owner to its ServicePrefix through its service group, and the sharing key.
import { describe, expect, it } from 'vitest';
import type { ObjectRef } from '@epic/kube';
import type { LBServiceGroup } from '@epic/model';
import { cachedGroupReader, servicePrefixOf, type GroupReader } from './service-prefix-of.js';
import { groupNamed, lbNamed, proxyNamed } from './testdata/owners.js';

function readerOf(groups: LBServiceGroup[]): GroupReader & { reads: string[] } {
  const reads: string[] = [];
  const read = (ref: ObjectRef) => {
    reads.push(`${ref.namespace}/${ref.name}`);
    return Promise.resolve(
      groups.find((g) => g.metadata.namespace === ref.namespace && g.metadata.name === ref.name),
    );
  };
  return Object.assign(read, { reads });
}

describe('servicePrefixOf', () => {
  it.each([
    [
      'the group in the owner namespace',
      [
        groupNamed('epic-acme', 'web', { prefix: 'acme-pool' }),
        groupNamed('epic', 'web', { prefix: 'system' }),
      ],
      { ok: true, servicePrefix: 'acme-pool' },
    ],
    [
      'a system group in epic',
      [groupNamed('epic', 'web', { prefix: 'system' })],
      { ok: true, servicePrefix: 'system' },
    ],
    [
      'a shareable group: one key per namespace and name',
      [groupNamed('epic-acme', 'web', { prefix: 'p', shared: true })],
      { ok: true, servicePrefix: 'p', sharingKey: 'epic-acme/a' },
    ],
    [
      'no group at all',
      [],
      {
        ok: false,
        reason: 'ServicePrefixNotFound',
        message:
          'service group "web" exists neither in epic-acme nor in epic: create it or fix spec.service-group',
      },
    ],
    [
      'a group without its label',
      [groupNamed('epic-acme', 'web')],
      {
        ok: false,
        reason: 'ServicePrefixNotFound',
        message:
          'service group epic-acme/web has no epic.acnodal.io/owning-serviceprefix label naming its ServicePrefix',
      },
    ],
  ])('%s', async (_what, groups, target) => {
    expect(await servicePrefixOf(lbNamed('a', { group: 'web' }), readerOf(groups))).toEqual(target);
  });

  it('a GWProxy without a service group is told how to name one', async () => {
    expect(await servicePrefixOf(proxyNamed('gw'), readerOf([]))).toEqual({
      ok: false,
      reason: 'ServicePrefixNotFound',
      message:
        'GWProxy epic-acme/gw names no service group: set spec.service-group or the label epic.acnodal.io/owning-lbservicegroup',
    });
  });
});

describe('cachedGroupReader', () => {
  it('keeps hits for the TTL and never keeps a miss', async () => {
    let now = 0;
    const groups = [groupNamed('epic-acme', 'web', { prefix: 'p' })];
    const inner = readerOf(groups);
    const read = cachedGroupReader(inner, 1000, () => now);
    await read({ namespace: 'epic-acme', name: 'web' });
    await read({ namespace: 'epic-acme', name: 'web' });
    await read({ namespace: 'epic-acme', name: 'api' });
    await read({ namespace: 'epic-acme', name: 'api' });
    now = 1500;
    await read({ namespace: 'epic-acme', name: 'web' });
    expect(inner.reads).toEqual([
      'epic-acme/web',
      'epic-acme/api',
      'epic-acme/api',
      'epic-acme/web',
    ]);
  });
});
