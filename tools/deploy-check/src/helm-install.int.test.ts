// deploy/helm/epic on the real apiserver of the shared stack:
//   1. `helm template` of each certificate mode passes a server-side dry run, CRDs and webhook
//      configurations included (dry run only: they are shared by every test on this apiserver).
//      cert-manager's Issuer and Certificate are not sent: this apiserver serves no cert-manager.io;
//   2. a real `helm install` of a unique release into `epic` with suffixed names, no webhook
//      configurations and no pods (helm-test-values.ts), CRDs skipped: every object exists; a
//      suffixed ServiceAccount may do what its roles grant and not more; an upgrade keeps the
//      generated certificate (lookup) and rolls the apps on a changed connection;
//   3. `helm uninstall` leaves nothing with the suffix, nor the release's own records.
// afterAll uninstalls and deletes whatever the release would hold, even after a failure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CoreV1Api, KubernetesObjectApi, type KubeConfig } from '@kubernetes/client-node';
import { z } from 'zod';
import { loadKubeConfig, mapLimit } from '@epic/kube';
import {
  applyObjects,
  deleteObjects,
  exists,
  findObject,
  type Grant,
  isAllowed,
  type KubeObject,
  ofKind,
  parseManifests,
  refOf,
} from '@epic/manifests';
import { uniqueName } from '@epic/testing';
import { chartDir, helm, helmTemplate, valuesArgs } from './helm.js';
import { testInstallValues } from './helm-test-values.js';

const namespace = 'epic';
const fieldManager = 'epic-deploy-check';
const release = uniqueName('helm');
const suffix = `-${release}`;
const dryRunOnlyKinds = [
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

let kc: KubeConfig;
/** What the release holds: deleted in afterAll whatever the tests got to. */
let releaseObjects: KubeObject[] = [];

const helmInRelease = (args: string[]) => helm([...args, '--namespace', namespace]);
const installArgs = (extra: Record<string, unknown> = {}) => [
  release,
  chartDir,
  ...valuesArgs({ ...testInstallValues(suffix), ...extra }),
];

/** Names of the objects of each kind of `objects` that carry the suffix, read from the apiserver. */
async function suffixedLeft(objects: readonly KubeObject[]): Promise<string[]> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const kinds = new Map(objects.map((o) => [`${o.apiVersion} ${o.kind}`, o]));
  const found = await mapLimit([...kinds.values()], 4, async (o) => {
    const list = await api.list(o.apiVersion, o.kind, o.metadata.namespace);
    return list.items
      .filter((item) => item.metadata?.name?.endsWith(suffix))
      .map((item) => `${o.kind} ${item.metadata?.name}`);
  });
  return found.flat();
}

/** Helm's own records of the release (Secrets `sh.helm.release.v1.<release>.v<n>`). */
async function releaseRecords(): Promise<string[]> {
  const secrets = await kc
    .makeApiClient(CoreV1Api)
    .listNamespacedSecret({ namespace, labelSelector: `owner=helm,name=${release}` });
  return secrets.items.map((s) => s.metadata?.name ?? '');
}

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  releaseObjects = await helmTemplate({ release, namespace, values: testInstallValues(suffix) });
}, 60_000);

afterAll(async () => {
  const problems: string[] = [];
  await helmInRelease(['uninstall', release, '--ignore-not-found', '--wait']).catch(
    (err: unknown) => void problems.push(String(err)),
  );
  problems.push(...(await deleteObjects(kc, [...releaseObjects].reverse())));
  expect(problems).toEqual([]);
}, 180_000);

describe('server-side dry run: the apiserver accepts every rendered document', () => {
  it.each(['cert-manager', 'generated'])(
    'webhooks.certificate=%s, CRDs and webhook configurations included',
    { timeout: 180_000 },
    async (certificate) => {
      const objects = await helmTemplate({
        release,
        namespace,
        includeCrds: true,
        values: { nameSuffix: suffix, webhooks: { certificate } },
      });
      const notServed = objects.filter((o) => o.apiVersion.startsWith('cert-manager.io/'));
      expect(notServed.map((o) => o.kind).sort()).toEqual(
        certificate === 'cert-manager' ? ['Certificate', 'Issuer'] : [],
      );
      expect(ofKind(objects, ...dryRunOnlyKinds).length).toBe(11);
      await applyObjects(
        kc,
        objects.filter((o) => !notServed.includes(o)),
        { dryRun: true, fieldManager },
      );
    },
  );
});

describe('a real helm install, upgrade and uninstall', () => {
  it(
    'installs every object but CRDs and webhook configurations',
    { timeout: 180_000 },
    async () => {
      await helmInRelease(['install', ...installArgs(), '--skip-crds']);
      const installed = parseManifests(await helmInRelease(['get', 'manifest', release]));
      expect(installed.map(refOf).sort()).toEqual(releaseObjects.map(refOf).sort());
      expect(ofKind(installed, ...dryRunOnlyKinds)).toEqual([]);
      expect(ofKind(installed, 'Deployment').length).toBe(8);
      expect(ofKind(installed, 'ClusterRoleBinding').length).toBe(8);
      const missing = await mapLimit(installed, 8, async (o) =>
        (await exists(kc, o)) ? [] : [refOf(o)],
      );
      expect(missing.flat()).toEqual([]);
    },
  );

  it('lets a suffixed ServiceAccount do what its roles grant, and nothing else', async () => {
    const account = { namespace, name: `id-allocator${suffix}` };
    const ask = (grant: Omit<Grant, 'scope'>, where: string) =>
      isAllowed(kc, { account, grant: { scope: { kind: 'cluster' }, ...grant }, namespace: where });
    const epicsStatus = { verb: 'update', group: 'epic.acnodal.io', resource: 'epics/status' };
    expect(await ask({ ...epicsStatus, name: 'epic' }, namespace), 'its Role').toBe(true);
    expect(await ask({ verb: 'get', group: '', resource: 'nodes' }, ''), 'its ClusterRole').toBe(
      true,
    );
    expect(await ask({ ...epicsStatus, name: 'other' }, namespace), 'another EPIC').toBe(false);
    expect(await ask({ verb: 'get', group: '', resource: 'secrets' }, namespace), 'Secrets').toBe(
      false,
    );
  });

  it(
    'keeps the generated certificate on upgrade; a new Kafka address rolls the apps',
    { timeout: 180_000 },
    async () => {
      const core = kc.makeApiClient(CoreV1Api);
      const tls = async () =>
        (await core.readNamespacedSecret({ name: `epic-admission-tls${suffix}`, namespace })).data;
      const checksum = async () => {
        const manifest = parseManifests(await helmInRelease(['get', 'manifest', release]));
        const ingest = z
          .looseObject({
            spec: z.looseObject({
              template: z.looseObject({
                metadata: z.looseObject({ annotations: z.record(z.string(), z.string()) }),
              }),
            }),
          })
          .parse(findObject(manifest, 'Deployment', `ingest${suffix}`));
        return ingest.spec.template.metadata.annotations['checksum/connections'];
      };
      const [tlsBefore, checksumBefore] = [await tls(), await checksum()];
      expect(Object.keys(tlsBefore ?? {}).sort()).toEqual(['ca.crt', 'tls.crt', 'tls.key']);
      await helmInRelease([
        'upgrade',
        ...installArgs({ connections: { kafkaBrokers: 'kafka-2:9092' } }),
      ]);
      expect(await tls()).toEqual(tlsBefore);
      expect(await checksum()).not.toBe(checksumBefore);
    },
  );

  it(
    'uninstalls everything with the suffix, and the release records',
    { timeout: 180_000 },
    async () => {
      expect((await releaseRecords()).length).toBeGreaterThan(0);
      await helmInRelease(['uninstall', release, '--wait']);
      expect(await suffixedLeft(releaseObjects)).toEqual([]);
      expect(await releaseRecords()).toEqual([]);
    },
  );
});
