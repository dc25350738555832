// Given/when/then for namespaces: only `epic-<account>` ones make events.
import { describe, expect, it } from 'vitest';
import type { DomainEventType } from './catalogue.js';
import { deriveEvents, type DeriveInput } from './derive-events.js';
import { partitionKey } from './topics.js';
import { accountNamespaceObject, fixedNow, sequentialIds } from './testdata/index.js';

const named = (name: string) => ({
  ...accountNamespaceObject,
  metadata: { ...accountNamespaceObject.metadata, name, uid: `uid-${name}` },
});
const relabelled = {
  ...accountNamespaceObject,
  metadata: { ...accountNamespaceObject.metadata, resourceVersion: '51', labels: { a: 'b' } },
};

function derive(input: Omit<DeriveInput, 'kind' | 'newId' | 'now'>) {
  return deriveEvents({ kind: 'Namespace', ...input, newId: sequentialIds(), now: fixedNow });
}

describe('given a namespace', () => {
  it.each<[string, Omit<DeriveInput, 'kind' | 'newId' | 'now'>, DomainEventType[]]>([
    ['epic-acme is added', { new: accountNamespaceObject }, ['AccountNamespaceCreated']],
    ['epic-acme changes', { old: accountNamespaceObject, new: relabelled }, []],
    ['epic-acme is deleted', { old: accountNamespaceObject }, ['AccountNamespaceDeleted']],
    [
      'epic-acme is resynced',
      { new: accountNamespaceObject, observed: true },
      ['AccountNamespaceObserved'],
    ],
    ['the core namespace epic is added', { new: named('epic') }, []],
    ['"epic-" with no account is added', { new: named('epic-') }, []],
    ['kube-system is added', { new: named('kube-system') }, []],
    ['epicurean is added', { new: named('epicurean') }, []],
  ])('when %s', (_when, input, then) => {
    const result = derive(input);
    expect(result.ok && result.events.map((e) => e.type)).toEqual(then);
  });

  it('then the event names the account, and its key is the namespace name', () => {
    const result = derive({ new: accountNamespaceObject });
    if (!result.ok) throw new Error(result.invalid.message);
    const [event] = result.events;
    expect(event?.data).toEqual({
      namespace: {
        name: 'epic-acme',
        account: 'acme',
        labels: accountNamespaceObject.metadata.labels,
      },
    });
    expect(event?.source).toEqual({
      kind: 'Namespace',
      name: 'epic-acme',
      uid: 'uid-namespace-epic-acme',
      resourceVersion: '50',
    });
    expect(event && partitionKey(event.source)).toBe('epic-acme');
  });

  it('then a namespace without a resourceVersion is an InvalidObject', () => {
    const metadata: Record<string, unknown> = { ...accountNamespaceObject.metadata };
    delete metadata['resourceVersion'];
    expect(derive({ new: { ...accountNamespaceObject, metadata } })).toMatchObject({
      ok: false,
      invalid: { issues: [{ path: 'metadata.resourceVersion' }] },
    });
  });
});
