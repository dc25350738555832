import { describe, expect, it } from 'vitest';
import {
  InvalidNameError,
  accountFromNamespace,
  accountNamespace,
  deriveName,
  envoyDeploymentName,
  isDnsLabel,
  isDnsSubdomain,
  proxyName,
  xdsNodeId,
} from './names.js';

describe('accountNamespace / accountFromNamespace', () => {
  it.each([
    ['acme-widgets', 'epic-acme-widgets'],
    ['root', 'epic-root'],
    ['a', 'epic-a'],
    ['x'.repeat(58), `epic-${'x'.repeat(58)}`],
  ])('%s <-> %s', (account, namespace) => {
    expect(accountNamespace(account)).toBe(namespace);
    expect(accountFromNamespace(namespace)).toBe(account);
  });

  it.each(['', 'Acme', 'acme_widgets', '-acme', 'x'.repeat(59)])(
    'rejects account name %j with a clear message',
    (account) => {
      expect(() => accountNamespace(account)).toThrow(InvalidNameError);
      expect(() => accountNamespace(account)).toThrow(/account name .* is not valid/);
    },
  );

  it.each(['epic', 'epic-', 'default', 'kube-system', 'epic-Bad'])(
    '%j is not a user namespace',
    (namespace) => {
      expect(accountFromNamespace(namespace)).toBeUndefined();
    },
  );
});

describe('RFC 1123 predicates', () => {
  it.each([
    ['a', true, true],
    ['web-1', true, true],
    ['1web', true, true],
    ['x'.repeat(63), true, true],
    ['x'.repeat(64), false, true],
    ['a.b.c', false, true],
    ['', false, false],
    ['-a', false, false],
    ['a-', false, false],
    ['A', false, false],
    ['a_b', false, false],
    ['a..b', false, false],
    ['.a', false, false],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`, false, true],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`, false, false],
  ])('%j: label=%s subdomain=%s', (name, label, subdomain) => {
    expect(isDnsLabel(name)).toBe(label);
    expect(isDnsSubdomain(name)).toBe(subdomain);
  });
});

describe('deriveName', () => {
  it.each([
    [['sample', 'web'], 'sample-web'],
    [['envoy', 'sample-web'], 'envoy-sample-web'],
    [['a'], 'a'],
  ])('keeps a valid name %j unchanged', (parts, expected) => {
    expect(deriveName(parts)).toBe(expected);
  });

  it.each([
    [['Sample', 'Web']],
    [['my_group', 'lb']],
    [['-edge-', 'lb.1']],
    [['x'.repeat(40), 'y'.repeat(40)]],
  ])('cleans and hashes %j into a valid label', (parts) => {
    const name = deriveName(parts);
    expect(isDnsLabel(name)).toBe(true);
    expect(name).toMatch(/-[0-9a-f]{10}$|^[0-9a-f]{10}$/);
  });

  it('is stable', () => {
    const parts = ['g'.repeat(50), 'lb'.repeat(20)];
    expect(deriveName(parts)).toBe(deriveName([...parts]));
  });

  it('keeps shortened names unique when only the cut-off tail differs', () => {
    const prefix = 'service-group-with-a-very-long-name-that-fills-the-label';
    const names = Array.from({ length: 500 }, (_, i) => deriveName([prefix, `lb-${i}`]));
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(isDnsLabel(name)).toBe(true);
      expect(name.startsWith('service-group-with-a-very-long-name')).toBe(true);
    }
  });

  it('keeps cleaned names distinct from each other', () => {
    expect(deriveName(['my_lb'])).not.toBe(deriveName(['my.lb']));
    expect(deriveName(['My-LB'])).not.toBe(deriveName(['my-lb']));
  });

  it.each([
    [[''], {}],
    [['___'], {}],
    [['--', '..'], {}],
    [['ok'.repeat(10)], { maxLength: 8 }],
  ])('throws InvalidNameError for %j %j', (parts, options) => {
    expect(() => deriveName(parts, options)).toThrow(InvalidNameError);
    expect(() => deriveName(parts, options)).toThrow(/cannot derive a name/);
  });

  it.each([
    [['node-1.example.com'], 'node-1.example.com'],
    [['Node_1.Example.com'], null],
    [['a.-b.c-'], null],
  ])('derives subdomain %j', (parts, expected) => {
    const name = deriveName(parts, { kind: 'subdomain' });
    expect(isDnsSubdomain(name)).toBe(true);
    if (expected !== null) expect(name).toBe(expected);
  });

  it('respects a custom maxLength', () => {
    const name = deriveName(['abcdefghij', 'klmnopqrstuvwxyz'], { maxLength: 20 });
    expect(name.length).toBeLessThanOrEqual(20);
    expect(isDnsLabel(name)).toBe(true);
  });
});

describe('proxyName / envoyDeploymentName / xdsNodeId', () => {
  it.each([
    [
      { serviceGroup: 'sample', name: 'web', canBeShared: true, randomHex: '0123456789abcdef' },
      'sample-web',
    ],
    [
      { serviceGroup: 'sample', name: 'web', canBeShared: false, randomHex: '0123456789abcdef' },
      'sample-web-0123456789abcdef',
    ],
  ])('%j -> %s', (args, expected) => {
    expect(proxyName(args)).toBe(expected);
  });

  it('fits a long unshared proxy name into a label', () => {
    const name = proxyName({
      serviceGroup: 'g'.repeat(40),
      name: 'n'.repeat(40),
      canBeShared: false,
      randomHex: '0123456789abcdef',
    });
    expect(isDnsLabel(name)).toBe(true);
  });

  it('names Envoy Deployments and xDS nodes', () => {
    expect(envoyDeploymentName('sample-web')).toBe('envoy-sample-web');
    expect(isDnsLabel(envoyDeploymentName('x'.repeat(63)))).toBe(true);
    expect(xdsNodeId('epic-root', 'sample-web')).toBe('epic-root.sample-web');
  });
});
