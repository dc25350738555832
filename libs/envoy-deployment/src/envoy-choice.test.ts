import { describe, expect, it } from 'vitest';
import { chooseEnvoy } from './envoy-choice.js';
import { proxySourceOf } from './proxy-source.js';
import { epicImage, gwProxy, group, seedLb } from './testdata/builders.js';

describe('chooseEnvoy', () => {
  it.each([
    {
      when: 'the LB sets no replicas and the group no image',
      proxy: seedLb(),
      group: group(),
      expected: { ok: true, group: 'sample', image: epicImage, replicas: 1 },
    },
    {
      when: "the group's replicas and image",
      proxy: seedLb(),
      group: group({ 'envoy-replica-count': 3, 'envoy-image': 'envoy:group' }),
      expected: { ok: true, group: 'sample', image: 'envoy:group', replicas: 3 },
    },
    {
      when: "the LB's own replicas win over the group's",
      proxy: seedLb({ 'envoy-replica-count': 2 }),
      group: group({ 'envoy-replica-count': 3 }),
      expected: { ok: true, group: 'sample', image: epicImage, replicas: 2 },
    },
    {
      when: 'zero replicas are a choice, not a missing value',
      proxy: seedLb({ 'envoy-replica-count': 0 }),
      group: group({ 'envoy-replica-count': 3 }),
      expected: { ok: true, group: 'sample', image: epicImage, replicas: 0 },
    },
    {
      when: "an empty group image falls back to EPIC's",
      proxy: seedLb(),
      group: group({ 'envoy-image': '' }),
      expected: { ok: true, group: 'sample', image: epicImage, replicas: 1 },
    },
    {
      when: 'a GWProxy names its group by label only',
      proxy: gwProxy(),
      group: group({}, 'gateways'),
      expected: { ok: true, group: 'gateways', image: epicImage, replicas: 1 },
    },
  ])('$when', ({ proxy, group: g, expected }) => {
    expect(chooseEnvoy(proxySourceOf(proxy), g, epicImage)).toEqual(expected);
  });

  it.each([
    {
      when: 'the group does not exist',
      proxy: seedLb(),
      group: undefined,
      image: epicImage,
      reason: 'ServiceGroupMissing',
      message:
        'LBServiceGroup sample of LoadBalancer epic-root/sample-acnodal does not exist in namespace epic-root.',
    },
    {
      when: 'a GWProxy names no group at all',
      proxy: gwProxy({}, { 'epic.acnodal.io/owning-lbservicegroup': '' }),
      group: group(),
      image: epicImage,
      reason: 'ServiceGroupMissing',
      message:
        'GWProxy epic-acme/gw-1 names no LBServiceGroup (spec.service-group or label epic.acnodal.io/owning-lbservicegroup).',
    },
    {
      when: 'neither the group nor EPIC names an image',
      proxy: seedLb(),
      group: group(),
      image: undefined,
      reason: 'EnvoyImageMissing',
      message:
        'No Envoy image to run: set spec.envoy-image on LBServiceGroup sample or on the EPIC singleton epic/epic.',
    },
  ])('refuses when $when', ({ proxy, group: g, image, reason, message }) => {
    expect(chooseEnvoy(proxySourceOf(proxy), g, image)).toEqual({ ok: false, reason, message });
  });
});
