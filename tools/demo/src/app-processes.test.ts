import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@epic/testing';
import { appEntries, appNames, appSpecs, type AppContext, type AppName } from './app-processes.js';
import { demoPlan } from './demo-plan.js';

const ports = Object.fromEntries(
  [...appNames, 'xds'].map((name, i) => [name, 40_000 + i]),
) as Record<AppName | 'xds', number>;

function context(isolation?: string): AppContext {
  return {
    plan: demoPlan({ account: 'root', isolation }),
    stackEnv: {
      KUBECONFIG: '/repo/.stack/kubeconfig',
      EPIC_KAFKA_BROKERS: '127.0.0.1:19092',
      EPIC_REDIS_URL: 'redis://127.0.0.1:16379',
    },
    ports,
    tls: { certFile: '/pki/webhook.crt', keyFile: '/pki/webhook.key' },
    trueIngress: { binDir: '/fake/bin', stateDir: '/state/true-ingress' },
    kubeconfigs: Object.fromEntries(
      appNames.map((n) => [n, `/state/identities/${n}.kubeconfig`]),
    ) as Record<AppName, string>,
    idWriters: ['system:serviceaccount:epic:id-allocator'],
    logLevel: 'info',
  };
}

const byName = (isolation?: string) =>
  Object.fromEntries(appSpecs(context(isolation)).map((s) => [s.name, s]));

describe('the app processes', () => {
  it('starts every app, the webhook server first', () => {
    const specs = appSpecs(context());
    expect(specs.map((s) => s.name)).toEqual([...appNames]);
    expect(specs[0]?.name).toBe('admission');
  });

  it('each entry point exists in the repository', () => {
    for (const { dir, entry } of Object.values(appEntries)) {
      expect(existsSync(join(repoRoot, dir, entry)), `${dir}/${entry}`).toBe(true);
    }
  });

  it("every app gets the stack's environment, its own kubeconfig, the topic prefix and a port of its own", () => {
    const specs = appSpecs(context());
    for (const spec of specs) {
      expect(spec.env).toMatchObject({
        KUBECONFIG: `/state/identities/${spec.name}.kubeconfig`,
        EPIC_KAFKA_BROKERS: '127.0.0.1:19092',
        EPIC_REDIS_URL: 'redis://127.0.0.1:16379',
        EPIC_TOPIC_PREFIX: 'demo',
        LOG_LEVEL: 'info',
      });
      expect(spec.probe.port).toBe(ports[spec.name]);
    }
    expect(new Set(specs.map((s) => s.probe.port)).size).toBe(specs.length);
    expect(specs.filter((s) => s.name !== 'admission').map((s) => s.env.EPIC_HTTP_PORT)).toEqual(
      specs.filter((s) => s.name !== 'admission').map((s) => String(ports[s.name])),
    );
  });

  it('admission serves HTTPS on 127.0.0.1 with the stack certificate and knows the ID writer', () => {
    const { admission } = byName();
    expect(admission?.env).toMatchObject({
      EPIC_ADMISSION_PORT: String(ports.admission),
      EPIC_ADMISSION_HOST: '127.0.0.1',
      EPIC_ADMISSION_TLS_CERT: '/pki/webhook.crt',
      EPIC_ADMISSION_TLS_KEY: '/pki/webhook.key',
      EPIC_ADMISSION_ID_WRITERS: 'system:serviceaccount:epic:id-allocator',
    });
    expect(admission?.probe).toEqual({
      scheme: 'https',
      port: ports.admission,
      readyPath: '/healthz',
    });
  });

  it('the renderer points Envoy at the ADS port and onto the demo node', () => {
    const apps = byName();
    expect(apps['xds-server']?.env).toMatchObject({
      EPIC_XDS_HOST: '127.0.0.1',
      EPIC_XDS_PORT: String(ports.xds),
    });
    expect(apps['envoy-renderer']?.env).toMatchObject({
      EPIC_XDS_ADDRESS: '127.0.0.1',
      EPIC_XDS_PORT: String(ports.xds),
      EPIC_ENVOY_NODE_SELECTOR: 'kubernetes.io/hostname=epic-demo-node',
    });
    expect(JSON.parse(apps['envoy-renderer']?.env.EPIC_ENVOY_TOLERATIONS ?? '')).toEqual([
      {
        key: 'epic.acnodal.io/demo-node',
        operator: 'Equal',
        value: 'epic-demo-node',
        effect: 'NoSchedule',
      },
    ]);
    expect(apps['tunnel-dispatcher']?.env.EPIC_TUNNEL_NODE_SELECTOR).toBe(
      'kubernetes.io/hostname=epic-demo-node',
    );
  });

  it('the node agent drives the recording true-ingress CLIs from pod annotations', () => {
    const agent = byName()['tunnel-agent'];
    expect(agent?.args).toEqual([
      '--node-name',
      'epic-demo-node',
      '--driver',
      'true-ingress',
      '--bin-dir',
      '/fake/bin',
      '--interface-source',
      'annotations',
    ]);
    expect(agent?.env.FAKE_TRUE_INGRESS_STATE).toBe('/state/true-ingress');
  });

  const scopeVariables: [AppName, string][] = [
    ['id-allocator', 'EPIC_ID_NAMESPACES'],
    ['address-allocator', 'EPIC_ADDRESS_NAMESPACES'],
    ['envoy-renderer', 'EPIC_ENVOY_NAMESPACES'],
    ['xds-server', 'EPIC_XDS_NAMESPACES'],
    ['tunnel-dispatcher', 'EPIC_TUNNEL_NAMESPACES'],
  ];

  it.each(scopeVariables)('plain: %s serves every namespace (%s unset)', (app, variable) => {
    expect(byName()[app]?.env[variable]).toBeUndefined();
  });

  it.each(scopeVariables)('isolated: %s serves only the demo namespace', (app, variable) => {
    expect(byName('ab12cd34')[app]?.env[variable]).toBe('epic-root');
  });

  it('isolated: the address allocator reclaims only in its own ServicePrefix, ingest leads its own Lease', () => {
    const apps = byName('ab12cd34');
    expect(apps['address-allocator']?.env.EPIC_ADDRESS_SERVICE_PREFIXES).toBe('t-demo-ab12cd34');
    expect(apps.ingest?.env.EPIC_INGEST_LEASE_NAME).toBe('t-demo-ingest-ab12cd34');
    expect(apps.ingest?.env.EPIC_TOPIC_PREFIX).toBe('t-demo-ab12cd34');
    expect(byName()['address-allocator']?.env.EPIC_ADDRESS_SERVICE_PREFIXES).toBeUndefined();
  });
});
