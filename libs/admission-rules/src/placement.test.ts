import { describe, expect, it } from 'vitest';
import { epicNameMessage, epicNamespaceMessage, placementProblems } from './placement.js';
import type { EpicKind } from './review.js';
import { review } from './testdata/index.js';

function problemsOf(kind: EpicKind, namespace: string, name: string) {
  const r = review({
    kind,
    namespace,
    name,
    object: { apiVersion: 'epic.acnodal.io/v1', kind, metadata: { name, namespace }, spec: {} },
  });
  return placementProblems(r).map((p) => p.message);
}

const long = 'a'.repeat(64);

describe('placement on CREATE', () => {
  it.each<[EpicKind, string, string]>([
    ['EPIC', 'epic', 'epic'],
    ['ServicePrefix', 'epic', 'default'],
    ['Account', 'epic-acme', 'acme'],
    ['LBServiceGroup', 'epic-acme', 'web'],
    ['LBServiceGroup', 'epic', 'shared'],
    ['LoadBalancer', 'epic-acme', 'shop'],
    ['GWProxy', 'epic-acme', 'a044f348-f80c-4ac0-b911-6ed45e37994a'],
    ['RemoteEndpoint', 'epic-acme', '10-244-1-5-8080-tcp.x'],
    ['GWRoute', 'epic-acme', 'r.1'],
    ['GWEndpointSlice', 'epic-acme', long],
  ])('accepts %s %s/%s', (kind, namespace, name) => {
    expect(problemsOf(kind, namespace, name)).toEqual([]);
  });

  it.each<[EpicKind, string, string, string[]]>([
    ['EPIC', 'epic', 'other', [epicNameMessage]],
    ['EPIC', 'epic-acme', 'epic', [epicNamespaceMessage]],
    ['EPIC', 'default', 'x', [epicNameMessage, epicNamespaceMessage]],
  ])('EPIC %s/%s: exactly the original messages', (kind, namespace, name, messages) => {
    expect(problemsOf(kind, namespace, name)).toEqual(messages);
  });

  it.each<[EpicKind, string, string, RegExp]>([
    [
      'ServicePrefix',
      'epic-acme',
      'p',
      /^ServicePrefix epic-acme\/p must be in the "epic" namespace, not in "epic-acme": create it there$/,
    ],
    [
      'ServicePrefix',
      'epic',
      'a.b',
      /metadata.name must be an RFC 1123 label .*the epic.acnodal.io\/owning-serviceprefix label: choose such a name$/,
    ],
    [
      'Account',
      'epic',
      'acme',
      /must be in an account namespace \(epic-<account>\), not in "epic"/,
    ],
    [
      'Account',
      'epic-acme',
      'other',
      /metadata.name must be "acme", the account its namespace epic-acme belongs to .*: name it "acme"/,
    ],
    [
      'LBServiceGroup',
      'default',
      'web',
      /in an account namespace \(epic-<account>\) or in "epic", not in "default"/,
    ],
    ['LBServiceGroup', 'epic-acme', 'web.v2', /RFC 1123 label/],
    ['LoadBalancer', 'epic', 'shop', /^LoadBalancer epic\/shop must be in an account namespace/],
    ['LoadBalancer', 'epic-acme', long, /RFC 1123 label .*at most 63 characters/],
    ['GWProxy', 'kube-system', 'gw', /must be in an account namespace/],
    ['GWProxy', 'epic-acme', 'gw.1', /its Envoy pods name it in a label/],
    ['RemoteEndpoint', 'epic', 'ep', /must be in an account namespace/],
    ['GWRoute', 'default', 'r', /must be in an account namespace/],
    ['GWEndpointSlice', 'epic', 's', /must be in an account namespace/],
  ])('refuses %s %s/%s', (kind, namespace, name, message) => {
    const messages = problemsOf(kind, namespace, name);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(message);
  });

  it('is not checked on UPDATE (names and namespaces cannot change)', () => {
    const obj = {
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'EPIC',
      metadata: { name: 'x', namespace: 'y' },
      spec: {},
    };
    const r = review({ kind: 'EPIC', operation: 'UPDATE', object: obj, oldObject: obj });
    expect(placementProblems(r)).toEqual([]);
  });
});
