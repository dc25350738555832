import { describe, expect, it } from 'vitest';
import {
  agentFinalizer,
  agentFinalizersAfter,
  isAgentFinalizer,
  staleAgentFinalizers,
} from './finalizers.js';

// apimachinery's IsQualifiedName, which the apiserver applies to every finalizer: an optional
// DNS-subdomain prefix (<= 253) and '/', then a name of <= 63 [A-Za-z0-9][-A-Za-z0-9_.]*.
function isQualifiedName(value: string): boolean {
  const parts = value.split('/');
  if (parts.length > 2) return false;
  const name = parts.at(-1)!;
  const prefix = parts.length === 2 ? parts[0]! : undefined;
  const nameOk = name.length <= 63 && /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/.test(name);
  const prefixOk =
    prefix === undefined ||
    (prefix.length <= 253 &&
      /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(prefix));
  return nameOk && prefixOk;
}

const longNode = `${'n'.repeat(60)}.example.com`;

describe('agent finalizer names', () => {
  it.each([
    ['LoadBalancer', 'epic-1', 'epic-1.lb.controller-manager.acnodal.io/finalizer'],
    ['GWProxy', 'epic-1', 'epic-1.gwp.node-agent.epic.acnodal.io'],
    [
      'GWProxy',
      'node-32-characters-long-abcdefgh',
      'node-32-characters-long-abcdefgh.gwp.node-agent.epic.acnodal.io',
    ],
  ] as const)("%s on %s: %s (the original's names)", (kind, node, name) => {
    expect(agentFinalizer(kind, node)).toBe(name);
  });

  it.each([
    'a',
    'epic-1',
    'worker.rack-3.example.com',
    'n'.repeat(32),
    'n'.repeat(33),
    'n'.repeat(63),
    longNode,
    `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`,
  ])('stay valid qualified names, distinct per node and recognisable (%s)', (node) => {
    for (const kind of ['LoadBalancer', 'GWProxy'] as const) {
      const name = agentFinalizer(kind, node);
      expect(isQualifiedName(name), name).toBe(true);
      expect(isAgentFinalizer(kind, name)).toBe(true);
      expect(agentFinalizer(kind, `${node}x`)).not.toBe(name);
    }
  });

  it('tells the two kinds and other finalizers apart', () => {
    expect(isAgentFinalizer('GWProxy', agentFinalizer('LoadBalancer', 'epic-1'))).toBe(false);
    expect(isAgentFinalizer('LoadBalancer', agentFinalizer('GWProxy', 'epic-1'))).toBe(false);
    expect(isAgentFinalizer('LoadBalancer', 'epic.acnodal.io/controller')).toBe(false);
  });
});

describe('agentFinalizersAfter', () => {
  const ours = agentFinalizer('LoadBalancer', 'epic-1');
  const theirs = agentFinalizer('LoadBalancer', 'epic-2');
  const controller = 'epic.acnodal.io/controller';

  it.each<[string, string[] | undefined, boolean, string[] | undefined]>([
    ['adds ours when carried', [controller], true, [controller, ours]],
    ['adds ours to no finalizers', undefined, true, [ours]],
    ['adds nothing when ours is there', [ours, controller], true, undefined],
    [
      'drops a repeat of ours, keeping the first',
      [ours, controller, ours],
      true,
      [ours, controller],
    ],
    [
      'removes ours when no longer carried',
      [controller, ours, theirs],
      false,
      [controller, theirs],
    ],
    ['removes every copy of ours', [ours, ours], false, []],
    ['leaves others alone when ours is absent', [controller, theirs], false, undefined],
    ['leaves no finalizers alone', undefined, false, undefined],
  ])('%s', (_, finalizers, carried, expected) => {
    expect(
      agentFinalizersAfter({ kind: 'LoadBalancer', node: 'epic-1', finalizers, carried }),
    ).toEqual(expected);
  });

  it('is idempotent', () => {
    for (const carried of [true, false]) {
      const once = agentFinalizersAfter({
        kind: 'GWProxy',
        node: 'epic-1',
        finalizers: ['x'],
        carried,
      }) ?? ['x'];
      expect(
        agentFinalizersAfter({ kind: 'GWProxy', node: 'epic-1', finalizers: once, carried }),
      ).toBeUndefined();
    }
  });
});

describe('staleAgentFinalizers', () => {
  it('finds the finalizers of nodes that are gone, including hashed long names', () => {
    const finalizers = [
      'epic.acnodal.io/controller',
      agentFinalizer('GWProxy', 'epic-1'),
      agentFinalizer('GWProxy', 'epic-gone'),
      agentFinalizer('GWProxy', longNode),
      agentFinalizer('LoadBalancer', 'epic-gone'),
    ];
    expect(staleAgentFinalizers('GWProxy', finalizers, ['epic-1'])).toEqual([
      agentFinalizer('GWProxy', 'epic-gone'),
      agentFinalizer('GWProxy', longNode),
    ]);
    expect(staleAgentFinalizers('GWProxy', finalizers, ['epic-1', 'epic-gone', longNode])).toEqual(
      [],
    );
    expect(staleAgentFinalizers('LoadBalancer', undefined, [])).toEqual([]);
  });
});
