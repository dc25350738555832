// What each value of deploy/helm/epic changes in the rendered objects, and nothing else: the
// defaults are proven equal to deploy/kustomize/base in helm-chart.test.ts, so each value is
// checked here against a default render.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findObject, ofKind, refOf, type KubeObject } from '@epic/manifests';
import { helmTemplate } from './helm.js';
import { deploymentValueKeys, testInstallValues } from './helm-test-values.js';
import { testRunLabel } from './test-overlay.js';
import { Workload } from './workload-rules.js';

const render = (values: Record<string, unknown> = {}) =>
  helmTemplate({ release: 'epic', namespace: 'epic', values });
const workloads = (objects: KubeObject[]) =>
  ofKind(objects, 'Deployment', 'DaemonSet').map((o) => Workload.parse(o));
const containers = (objects: KubeObject[]) =>
  workloads(objects).flatMap((w) => w.spec.template.spec.containers);
const podOf = (objects: KubeObject[], kind: string, name: string) =>
  Workload.parse(findObject(objects, kind, name)).spec.template;
const envOf = (objects: KubeObject[], kind: string, name: string) =>
  Object.fromEntries(
    (podOf(objects, kind, name).spec.containers[0]?.env ?? []).map((e) => [e.name, e.value]),
  );
const checksums = (objects: KubeObject[]) =>
  Object.fromEntries(
    workloads(objects).map((w) => [
      w.metadata.name,
      w.spec.template.metadata.annotations?.['checksum/connections'],
    ]),
  );
const ConfigMap = z.looseObject({ data: z.record(z.string(), z.string()) });
const PullSettings = z.looseObject({
  spec: z.looseObject({
    template: z.looseObject({
      spec: z.looseObject({
        imagePullSecrets: z.array(z.object({ name: z.string() })).optional(),
        containers: z.array(z.looseObject({ imagePullPolicy: z.string() })),
      }),
    }),
  }),
});

describe('nameSuffix', () => {
  const suffix = '-t-helm-values';

  it('is on every object name, and is the only difference', async () => {
    const [plain, suffixed] = await Promise.all([render(), render({ nameSuffix: suffix })]);
    expect(suffixed.filter((o) => !o.metadata.name.endsWith(suffix)).map(refOf)).toEqual([]);
    expect(JSON.parse(JSON.stringify(suffixed).replaceAll(suffix, ''))).toEqual(plain);
  });

  it('follows every reference: the ID writer, the xDS address, subjects, Secrets', async () => {
    const objects = await render({ nameSuffix: suffix, webhooks: { certificate: 'generated' } });
    expect(envOf(objects, 'Deployment', `epic-admission${suffix}`)).toMatchObject({
      EPIC_ADMISSION_ID_WRITERS: `system:serviceaccount:$(POD_NAMESPACE):id-allocator${suffix}`,
    });
    expect(envOf(objects, 'Deployment', `envoy-renderer${suffix}`)).toMatchObject({
      EPIC_XDS_ADDRESS: `xds-server${suffix}.$(POD_NAMESPACE).svc`,
    });
    const text = JSON.stringify(objects);
    expect(text).toContain(`"secretName":"epic-admission-tls${suffix}"`);
    expect(text).toContain(`"name":"epic-admission${suffix}","path":"/validate"`);
    expect(text).toContain(`{"kind":"ServiceAccount","name":"ingest${suffix}","namespace":"epic"}`);
  });
});

describe('image', () => {
  it('registry, prefix and tag name every image; pullPolicy and pullSecrets go on every pod', async () => {
    const objects = await render({
      image: {
        registry: 'registry.example.com:5000',
        prefix: 'team/epic',
        tag: '1.2.3',
        pullPolicy: 'Always',
        pullSecrets: [{ name: 'regcred' }],
      },
    });
    const images = containers(objects).map((c) => c.image);
    expect(images).toHaveLength(9);
    for (const image of images) {
      expect(image).toMatch(/^registry\.example\.com:5000\/team\/epic\/[a-z-]+:1\.2\.3$/);
    }
    for (const workload of ofKind(objects, 'Deployment', 'DaemonSet')) {
      const pod = PullSettings.parse(workload).spec.template.spec;
      expect(pod.imagePullSecrets, workload.metadata.name).toEqual([{ name: 'regcred' }]);
      expect(pod.containers.map((c) => c.imagePullPolicy)).toEqual(['Always']);
    }
  });

  it("the tag defaults to the chart's appVersion", async () => {
    expect(containers(await render()).map((c) => c.image)).toContain('epic/ingest:0.1.0');
  });
});

describe('connections', () => {
  it('fill the ConfigMap, and a change rolls every app that reads it (not admission)', async () => {
    const [before, after] = await Promise.all([
      render(),
      render({
        connections: {
          kafkaBrokers: 'k1:9092,k2:9092',
          redisUrl: 'redis://r:6379',
          extra: { LOG_LEVEL: 'debug' },
        },
      }),
    ]);
    expect(ConfigMap.parse(findObject(after, 'ConfigMap', 'epic-connections')).data).toEqual({
      EPIC_KAFKA_BROKERS: 'k1:9092,k2:9092',
      EPIC_REDIS_URL: 'redis://r:6379',
      LOG_LEVEL: 'debug',
    });
    const [old, changed] = [checksums(before), checksums(after)];
    const rolled = Object.keys(old).filter((name) => old[name] !== changed[name]);
    expect(rolled.sort()).toEqual(
      Object.keys(old)
        .filter((n) => n !== 'epic-admission')
        .sort(),
    );
    expect(old['epic-admission']).toBeUndefined();
  });
});

describe('per-app values', () => {
  it('replicas, resources and env reach their own workload only', async () => {
    const resources = { requests: { cpu: '1', memory: '1Gi' }, limits: { memory: '2Gi' } };
    const env = [{ name: 'EPIC_TUNNEL_NODE_SELECTOR', value: 'epic.acnodal.io/node=true' }];
    const objects = await render({ tunnelDispatcher: { replicas: 3, resources, env } });
    const replicas = Object.fromEntries(
      ofKind(objects, 'Deployment').map((d) => [
        d.metadata.name,
        (d.spec as { replicas: number }).replicas,
      ]),
    );
    expect(replicas).toEqual({
      ingest: 2,
      'id-allocator': 2,
      'address-allocator': 2,
      'envoy-renderer': 2,
      'xds-server': 1,
      'tunnel-dispatcher': 3,
      'epic-admission': 2,
      audit: 1,
    });
    const dispatcher = podOf(objects, 'Deployment', 'tunnel-dispatcher').spec.containers[0];
    expect(dispatcher?.resources).toEqual(resources);
    expect(dispatcher?.env?.at(-1)).toEqual(env[0]);
    expect(
      JSON.stringify(objects.filter((o) => o.metadata.name !== 'tunnel-dispatcher')),
    ).not.toContain('EPIC_TUNNEL_NODE_SELECTOR');
  });

  it('the tunnel agent: nodeSelector, tolerations and driver', async () => {
    const objects = await render({
      tunnelAgent: {
        nodeSelector: { 'epic.acnodal.io/node': 'true' },
        tolerations: [],
        driver: 'linux',
      },
    });
    const pod = podOf(objects, 'DaemonSet', 'tunnel-agent').spec as Record<string, unknown>;
    expect(pod.nodeSelector).toEqual({
      'kubernetes.io/os': 'linux',
      'epic.acnodal.io/node': 'true',
    });
    expect(pod.tolerations).toBeUndefined();
    expect(podOf(objects, 'DaemonSet', 'tunnel-agent').spec.containers[0]?.args).toEqual([
      '/app/agent.mjs',
      '--driver=linux',
    ]);
  });
});

describe('webhooks', () => {
  it.each(['cert-manager', 'generated'])(
    'register=false leaves the configurations out, the certificate in (%s)',
    async (certificate) => {
      const objects = await render({ webhooks: { register: false, certificate } });
      expect(
        ofKind(objects, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'),
      ).toEqual([]);
      const tls = certificate === 'generated' ? ['Secret'] : ['Issuer', 'Certificate'];
      expect(
        ofKind(objects, ...tls)
          .map((o) => o.kind)
          .sort(),
      ).toEqual(tls.sort());
    },
  );
});

describe('the install test values (helm-test-values.ts)', () => {
  it('suffix every name, run no pod, register no webhook, need no cert-manager', async () => {
    const suffix = '-t-helm-check';
    const objects = await render(testInstallValues(suffix));
    expect(objects.filter((o) => !o.metadata.name.endsWith(suffix)).map(refOf)).toEqual([]);
    expect(
      ofKind(objects, 'Deployment').map((d) => (d.spec as { replicas: number }).replicas),
    ).toEqual(deploymentValueKeys.map(() => 0));
    expect(podOf(objects, 'DaemonSet', `tunnel-agent${suffix}`).spec).toMatchObject({
      nodeSelector: { [testRunLabel]: 'no-such-node' },
    });
    const shared = [
      'MutatingWebhookConfiguration',
      'ValidatingWebhookConfiguration',
      'Issuer',
      'Certificate',
    ];
    expect(ofKind(objects, ...shared)).toEqual([]);
  });
});
