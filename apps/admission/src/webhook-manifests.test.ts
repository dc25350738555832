// The production webhook configurations: every kind is covered where it may live, the paths
// are the server's, and the settings the README promises hold.
import { describe, expect, it } from 'vitest';
import { epicKinds } from '@epic/model';
import { loadWebhookManifests } from './webhook-manifests.js';

const manifests = loadWebhookManifests(
  new URL('../../../deploy/webhooks/webhooks.yaml', import.meta.url).pathname,
);
const all = [...manifests.mutating.webhooks, ...manifests.validating.webhooks];
const resourcesOf = (name: string, operation: string) =>
  all
    .find((w) => w.name === name)
    ?.rules.filter((r) => r.operations.includes(operation))
    .flatMap((r) => r.resources)
    .sort();
const plurals = epicKinds.map((k) => k.plural).sort();

describe('deploy/webhooks/webhooks.yaml', () => {
  it('fails closed, has no side effects, calls our service with a timeout', () => {
    for (const hook of all) {
      expect(hook.failurePolicy, hook.name).toBe('Fail');
      expect(hook.sideEffects, hook.name).toBe('None');
      expect(hook.timeoutSeconds, hook.name).toBeLessThanOrEqual(15);
      expect(hook.clientConfig.service, hook.name).toMatchObject({
        namespace: 'epic',
        name: 'epic-admission',
        port: 443,
      });
    }
  });

  it('mutates new LoadBalancers and GWProxies in user namespaces at /mutate', () => {
    expect(manifests.mutating.webhooks.map((w) => w.clientConfig.service?.path)).toEqual([
      '/mutate',
    ]);
    expect(resourcesOf('user-namespaces.defaults.epic.acnodal.io', 'CREATE')).toEqual([
      'gwproxies',
      'loadbalancers',
    ]);
  });

  it.each(['user-namespaces.validate.epic.acnodal.io', 'core-namespace.validate.epic.acnodal.io'])(
    '%s validates every kind, LB deletes and ID-holding status writes',
    (name) => {
      expect(resourcesOf(name, 'CREATE')).toEqual(plurals);
      expect(resourcesOf(name, 'UPDATE')).toEqual(
        [
          ...plurals,
          'accounts/status',
          'epics/status',
          'gwproxies/status',
          'loadbalancers/status',
        ].sort(),
      );
      expect(resourcesOf(name, 'DELETE')).toEqual(['loadbalancers', 'serviceprefixes']);
    },
  );

  it('refuses creates of every kind anywhere else', () => {
    const other = all.find((w) => w.name === 'other-namespaces.validate.epic.acnodal.io');
    expect(resourcesOf('other-namespaces.validate.epic.acnodal.io', 'CREATE')).toEqual(plurals);
    expect(other?.namespaceSelector).toEqual({
      matchExpressions: [
        { key: 'app.kubernetes.io/component', operator: 'NotIn', values: ['user-namespace'] },
        { key: 'kubernetes.io/metadata.name', operator: 'NotIn', values: ['epic'] },
      ],
    });
  });

  it('gets its CA from cert-manager', () => {
    for (const config of [manifests.mutating, manifests.validating]) {
      expect(config.metadata.annotations?.['cert-manager.io/inject-ca-from']).toBe(
        'epic/epic-admission',
      );
    }
  });
});
