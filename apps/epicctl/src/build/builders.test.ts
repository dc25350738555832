import { describe, expect, it } from 'vitest';
import {
  LBServiceGroup,
  ServicePrefix,
  owningAccountLabel,
  owningServicePrefixLabel,
} from '@epic/model';
import { CliError, ExitCode } from '../exit-codes.js';
import { accountObjects, isUserNamespace } from './account-objects.js';
import { checkObjectName, optionalScope, requiredScope } from './group-scope.js';
import { groupLabels, parseEnvoyTemplate, serviceGroupFromFlags } from './service-group.js';
import { servicePrefixFromFlags, type PrefixFlags } from './service-prefix.js';

function usageMessage(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(CliError);
    expect((err as CliError).exitCode).toBe(ExitCode.usage);
    return (err as CliError).message;
  }
  throw new Error('expected a usage error');
}

describe('accountObjects', () => {
  it('makes the labelled user namespace and an Account without a group-id', () => {
    const { namespace, account } = accountObjects('acme-widgets');
    expect(namespace).toEqual({
      name: 'epic-acme-widgets',
      labels: {
        'app.kubernetes.io/component': 'user-namespace',
        'app.kubernetes.io/part-of': 'epic',
      },
    });
    expect(account).toEqual({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: {
        namespace: 'epic-acme-widgets',
        name: 'acme-widgets',
        labels: { 'app.kubernetes.io/part-of': 'epic' },
      },
      spec: {},
    });
  });

  it('carries --proxy-limit', () => {
    expect(accountObjects('acme', { proxyLimit: 50 }).account.spec).toEqual({ proxyLimit: 50 });
  });

  it.each(['Acme', 'acme_widgets', '-acme', 'a'.repeat(59), ''])(
    'rejects account name %j',
    (name) => {
      expect(() => accountObjects(name)).toThrow(/account name .* is not valid/);
    },
  );

  it('knows a user namespace by both labels', () => {
    expect(isUserNamespace(accountObjects('acme').namespace.labels)).toBe(true);
    expect(isUserNamespace({ 'app.kubernetes.io/part-of': 'epic' })).toBe(false);
  });
});

describe('service prefix from flags', () => {
  const build = (flags: PrefixFlags) => servicePrefixFromFlags('default', flags);

  it('writes the pool in the core namespace; the apiserver fills the defaults', () => {
    const sp = build({ pool: '192.168.77.2-192.168.77.8', subnet: '192.168.77.0/24' });
    expect(sp.metadata).toEqual({
      namespace: 'epic',
      name: 'default',
      labels: { 'app.kubernetes.io/part-of': 'epic' },
    });
    expect(ServicePrefix.parse(sp).spec).toEqual({
      'public-pool': {
        pool: '192.168.77.2-192.168.77.8',
        subnet: '192.168.77.0/24',
        aggregation: 'default',
        'multus-bridge': 'multus0',
      },
    });
  });

  it('a CIDR pool is its own subnet unless told otherwise', () => {
    expect(build({ pool: '10.10.0.0/24' }).spec['public-pool'].subnet).toBe('10.10.0.0/24');
  });

  it('takes every alt-pool field', () => {
    const sp = build({
      pool: '2001:db8::/120',
      subnet: '2001:db8::/64',
      aggregation: '128',
      altPool: '192.168.78.2-192.168.78.9',
      altSubnet: '192.168.78.0/24',
      altAggregation: '/32',
      altMultusBridge: 'br1',
    });
    expect(sp.spec['alt-pool']).toEqual({
      pool: '192.168.78.2-192.168.78.9',
      subnet: '192.168.78.0/24',
      aggregation: '/32',
      'multus-bridge': 'br1',
    });
  });

  it.each<[string, PrefixFlags, string]>([
    ['range without subnet', { pool: '192.168.77.2-192.168.77.8' }, '--subnet is required'],
    ['bad pool', { pool: 'ten', subnet: '10.0.0.0/8' }, '--pool: must be a CIDR'],
    ['bad subnet', { pool: '10.0.0.1-10.0.0.2', subnet: '10.0.0.0' }, '--subnet: must be a CIDR'],
    [
      'bad aggregation',
      { pool: '10.0.0.0/24', aggregation: '7' },
      '--aggregation: "default" or a mask length 8-128',
    ],
    [
      'pool outside subnet',
      { pool: '10.1.0.0/24', subnet: '10.0.0.0/16' },
      '--pool: pool 10.1.0.0/24 is not inside subnet 10.0.0.0/16',
    ],
    [
      'alt flags without --alt-pool',
      { pool: '10.0.0.0/24', altSubnet: '10.0.0.0/24' },
      'need --alt-pool',
    ],
    [
      'alt range without subnet',
      { pool: '10.0.0.0/24', altPool: '10.0.1.1-10.0.1.2' },
      '--alt-subnet is required',
    ],
    [
      'alt pool outside',
      { pool: '10.0.0.0/24', altPool: '10.0.1.0/24', altSubnet: '10.0.0.0/24' },
      '--alt-pool: pool 10.0.1.0/24 is not inside',
    ],
  ])('%s: %s', (_name, flags, message) => {
    expect(usageMessage(() => build(flags))).toContain(message);
  });
});

describe('group scope', () => {
  it.each([
    [{ account: 'acme' }, { kind: 'account', account: 'acme', namespace: 'epic-acme' }],
    [{ system: true }, { kind: 'system', namespace: 'epic' }],
    [{}, undefined],
  ])('%j -> %j', (flags, scope) => {
    expect(optionalScope(flags)).toEqual(scope);
  });

  it('needs exactly one of --account and --system where required', () => {
    expect(usageMessage(() => requiredScope({}))).toBe('pass --account <name> or --system');
    expect(usageMessage(() => optionalScope({ account: 'a', system: true }))).toBe(
      'pass either --account or --system, not both',
    );
  });

  it('object names must be DNS labels', () => {
    expect(() => checkObjectName('service group', 'web-1')).not.toThrow();
    expect(usageMessage(() => checkObjectName('service group', 'Web_1'))).toMatch(
      /^service group name "Web_1" is not valid/,
    );
  });
});

describe('service group from flags', () => {
  const account = { kind: 'account', account: 'acme', namespace: 'epic-acme' } as const;
  const system = { kind: 'system', namespace: 'epic' } as const;

  it('ties an account group to its prefix and account by labels', () => {
    expect(groupLabels(account, 'default')).toEqual({
      'app.kubernetes.io/part-of': 'epic',
      [owningServicePrefixLabel]: 'default',
      [owningAccountLabel]: 'acme',
    });
  });

  it('a system group has no account label', () => {
    expect(groupLabels(system, 'default')).not.toHaveProperty(owningAccountLabel);
  });

  it('defaults: not shared, one replica, empty template, the default DNS template', () => {
    const g = LBServiceGroup.parse(serviceGroupFromFlags('web', account, { prefix: 'default' }));
    expect(g.metadata.namespace).toBe('epic-acme');
    expect(g.spec).toEqual({
      'can-be-shared': false,
      'envoy-replica-count': 1,
      'envoy-template': {},
      'endpoint-template': {
        dnsName: '{{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io',
        recordType: 'A',
        recordTTL: 180,
      },
    });
  });

  it('takes every flag', () => {
    const spec = serviceGroupFromFlags('web', system, {
      prefix: 'default',
      replicas: 3,
      image: 'envoyproxy/envoy:v1.31.0',
      shared: true,
      envoyTemplate: { envoyAPI: 'v3' },
      dnsName: '{{.LBName}}.example.com',
    }).spec;
    expect(spec).toMatchObject({
      'can-be-shared': true,
      'envoy-replica-count': 3,
      'envoy-image': 'envoyproxy/envoy:v1.31.0',
      'envoy-template': { envoyAPI: 'v3' },
      'endpoint-template': { dnsName: '{{.LBName}}.example.com', recordType: 'A', recordTTL: 180 },
    });
  });

  it('reads an Envoy template from YAML or JSON, and only a mapping', () => {
    expect(parseEnvoyTemplate('envoyAPI: v3\nnodeID: SET_BY_EPIC\n', 't.yaml')).toEqual({
      envoyAPI: 'v3',
      nodeID: 'SET_BY_EPIC',
    });
    expect(parseEnvoyTemplate('{"envoyAPI": "v3"}', 't.json')).toEqual({ envoyAPI: 'v3' });
    expect(usageMessage(() => parseEnvoyTemplate('- a\n- b\n', 'list.yaml'))).toBe(
      '--envoy-template list.yaml must hold a mapping (envoyAPI, envoyResources, ...)',
    );
    expect(usageMessage(() => parseEnvoyTemplate('a: [', 'bad.yaml'))).toMatch(
      /^--envoy-template bad.yaml is not YAML or JSON: /,
    );
  });
});
