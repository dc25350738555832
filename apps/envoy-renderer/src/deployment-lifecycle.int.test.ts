// Envoy Deployments on the real stack (apiserver, kube-controller-manager, scheduler, KWOK):
// ingest -> Kafka -> the worker runtime -> envoy-renderer. A LoadBalancer gets its Deployment
// and bootstrap ConfigMap; its pods are scheduled onto the test's fake node and run; ProxyReady
// says so. Scaling and an image change through the service group roll the Deployment; deleting
// the LB leaves nothing behind. A GWProxy whose group appears late is served once it does.
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  envoyRendererFinalizer,
  podHashAnnotation,
  type EnvoyPodSettings,
} from '@epic/envoy-deployment';
import { eventually } from '@epic/ingest-pipeline/testing';
import { EpicObjects, isApiError, loadKubeConfig, type ObjectRef } from '@epic/kube';
import {
  findCondition,
  gwProxyKind,
  lbServiceGroupKind,
  loadBalancerKind,
  owningLBServiceGroupLabel,
  type Condition,
} from '@epic/model';
import { createTestAccountNamespace } from '@epic/testing';
import { counterValue } from '@epic/worker-runtime';
import {
  createFakeNode,
  isRunningAndReady,
  podSummary,
  releaseLeftoverFinalizers,
  startRenderer,
  type RendererUnderTest,
} from './test-harness.js';

const full = process.env.EPIC_STACK_PROFILE === 'full';
const firstImage = 'envoyproxy/envoy:v1.36.2';
const secondImage = 'envoyproxy/envoy:v1.36.3';
/**
 * How long to wait for one step. Ingest is cluster-wide, so on the shared stack another test's
 * burst of objects queues ahead of ours; a quiet stack takes seconds.
 */
const patience = 120_000;

let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;
let node: Awaited<ReturnType<typeof createFakeNode>>;
let renderer: RendererUnderTest;
let settings: EnvoyPodSettings;
let apps: AppsV1Api;
let core: CoreV1Api;
const groups = () => new EpicObjects(kc, lbServiceGroupKind);
const lbs = () => new EpicObjects(kc, loadBalancerKind);
const proxies = () => new EpicObjects(kc, gwProxyKind);

beforeAll(async () => {
  if (!full) return;
  kc = loadKubeConfig(process.env.KUBECONFIG);
  apps = kc.makeApiClient(AppsV1Api);
  core = kc.makeApiClient(CoreV1Api);
  ns = await createTestAccountNamespace(kc, 'envoy');
  node = await createFakeNode(kc);
  settings = node.settings();
  renderer = await startRenderer(kc, {
    namespaces: [ns.namespace],
    settings,
    defaultImage: firstImage,
  });
}, 120_000);

afterAll(async () => {
  await renderer?.close();
  if (ns) await releaseLeftoverFinalizers(kc, ns.namespace);
  await ns?.remove();
  await node?.remove();
});

async function createGroup(name: string): Promise<void> {
  await groups().create({
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'LBServiceGroup',
    metadata: { namespace: ns.namespace, name },
    spec: { 'envoy-template': {}, 'envoy-replica-count': 1 },
  });
}

async function updateGroup(name: string, spec: { replicas?: number; image?: string }) {
  const ref = { namespace: ns.namespace, name };
  const group = await groups().get(ref);
  await groups().replace({
    ...group,
    spec: {
      ...group.spec,
      ...(spec.replicas === undefined ? {} : { 'envoy-replica-count': spec.replicas }),
      ...(spec.image === undefined ? {} : { 'envoy-image': spec.image }),
    },
  });
}

function proxyReady(object: { status?: { conditions?: Condition[] } | undefined }) {
  return findCondition(object.status?.conditions, 'ProxyReady');
}

async function podsOf(selector: string): Promise<V1Pod[]> {
  return (await core.listNamespacedPod({ namespace: ns.namespace, labelSelector: selector })).items;
}

/** Waits until exactly `count` live pods run `image` and are Ready; returns them. */
async function runningPods(selector: string, count: number, image: string) {
  let last: V1Pod[] = [];
  try {
    return await eventually(
      `${count} running, ready Envoy pods of ${image}`,
      async () => {
        last = (await podsOf(selector)).filter((p) => !p.metadata?.deletionTimestamp);
        const good = last.filter(
          (p) => isRunningAndReady(p) && p.spec?.containers[0]?.image === image,
        );
        return good.length === count && last.length === count ? good : undefined;
      },
      patience,
    );
  } catch (err) {
    throw new Error(`pods: ${last.map(podSummary).join('; ') || 'none'}`, { cause: err });
  }
}

async function readyCondition(
  get: () => Promise<{ status?: { conditions?: Condition[] } | undefined }>,
  message: string,
) {
  return eventually(
    `ProxyReady True: ${message}`,
    async () => {
      const condition = proxyReady(await get());
      return condition?.status === 'True' && condition.message === message ? condition : undefined;
    },
    patience,
  );
}

async function gone(read: () => Promise<unknown>): Promise<boolean> {
  try {
    await read();
    return false;
  } catch (err) {
    if (isApiError(err, 404)) return true;
    throw err;
  }
}

const hashOf = (pod: V1Pod | undefined) => pod?.metadata?.annotations?.[podHashAnnotation];
const webReady = (replicas: 1 | 3) =>
  replicas === 1
    ? '1 of 1 Envoy replica ready (Deployment envoy-web).'
    : '3 of 3 Envoy replicas ready (Deployment envoy-web).';

/** Created: one replica of EPIC's default image on the test's node, owned by the LB. */
async function expectCreated(lbRef: ObjectRef, selector: string): Promise<string | undefined> {
  const [first] = await runningPods(selector, 1, firstImage);
  expect(first?.spec?.nodeName).toBe(node.name);
  expect(first?.metadata?.labels).toMatchObject({
    'app.kubernetes.io/part-of': 'epic',
    'epic.acnodal.io/owning-loadbalancer': 'web',
    [owningLBServiceGroupLabel]: 'sample',
  });
  const condition = await readyCondition(() => lbs().get(lbRef), webReady(1));
  const lb = await lbs().get(lbRef);
  expect(condition).toMatchObject({
    reason: 'Available',
    observedGeneration: lb.metadata.generation,
  });
  expect(lb.metadata.finalizers).toContain(envoyRendererFinalizer);
  const deploymentRef = { namespace: ns.namespace, name: 'envoy-web' };
  const deployment = await apps.readNamespacedDeployment(deploymentRef);
  expect(deployment.metadata?.ownerReferences).toEqual([
    expect.objectContaining({
      kind: 'LoadBalancer',
      name: 'web',
      uid: lb.metadata.uid,
      controller: true,
      blockOwnerDeletion: true,
    }),
  ]);
  expect(deployment.metadata?.managedFields?.map((f) => f.manager)).toContain('envoy-renderer');
  const bootstrap = await core.readNamespacedConfigMap(deploymentRef);
  expect(JSON.parse(bootstrap.data?.['bootstrap.json'] ?? '{}')).toMatchObject({
    node: { id: `${ns.namespace}.web`, cluster: 'web' },
  });
  return hashOf(first);
}

/** Deleted: the LB goes only after its Deployment and ConfigMap; its pods follow. */
async function expectDeletedCleanly(lbRef: ObjectRef, selector: string): Promise<void> {
  const deploymentRef = { namespace: ns.namespace, name: 'envoy-web' };
  await lbs().delete(lbRef);
  await eventually(
    'the LB gone',
    async () => ((await gone(() => lbs().get(lbRef))) ? true : undefined),
    patience,
  );
  expect(await gone(() => apps.readNamespacedDeployment(deploymentRef))).toBe(true);
  expect(await gone(() => core.readNamespacedConfigMap(deploymentRef))).toBe(true);
  await eventually(
    'no Envoy pods left',
    async () => ((await podsOf(selector)).length === 0 ? true : undefined),
    patience,
  );
  const replicaSets = await apps.listNamespacedReplicaSet({
    namespace: ns.namespace,
    labelSelector: selector,
  });
  expect(replicaSets.items).toEqual([]);
}

describe.runIf(full)('envoy-renderer on the full stack', () => {
  it(
    'creates, scales, re-images and deletes a LoadBalancer’s Envoy Deployment',
    { timeout: 360_000 },
    async () => {
      await createGroup('sample');
      const lbRef: ObjectRef = { namespace: ns.namespace, name: 'web' };
      await lbs().create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'LoadBalancer',
        metadata: { ...lbRef },
        spec: { 'service-group': 'sample', 'public-ports': [{ port: 8888, protocol: 'TCP' }] },
      });
      const selector = 'epic.acnodal.io/owning-loadbalancer=web';
      const firstHash = await expectCreated(lbRef, selector);

      // Scaled through the group: three replicas, same pod spec (no rollout).
      await updateGroup('sample', { replicas: 3 });
      const scaled = await runningPods(selector, 3, firstImage);
      expect(scaled.map(hashOf)).toEqual([firstHash, firstHash, firstHash]);
      await readyCondition(() => lbs().get(lbRef), webReady(3));

      // A new image in the group rolls every pod.
      await updateGroup('sample', { image: secondImage });
      const rolled = await runningPods(selector, 3, secondImage);
      expect(new Set(rolled.map(hashOf)).size).toBe(1);
      expect(hashOf(rolled[0])).not.toBe(firstHash);
      await readyCondition(() => lbs().get(lbRef), webReady(3));

      await expectDeletedCleanly(lbRef, selector);
      const deployments = renderer.metrics.deployments;
      expect(await counterValue(deployments, { action: 'created' })).toBe(1);
      // Exactly two spec changes (scale, image): the many no-op applies in between wrote nothing.
      expect(await counterValue(deployments, { action: 'updated' })).toBe(2);
      expect(await counterValue(deployments, { action: 'deleted' })).toBe(1);
    },
  );

  it(
    'serves a GWProxy once its missing service group appears, then cleans up after it',
    { timeout: 300_000 },
    async () => {
      const ref: ObjectRef = { namespace: ns.namespace, name: 'gw-1' };
      await proxies().create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'GWProxy',
        metadata: { ...ref, labels: { [owningLBServiceGroupLabel]: 'gateways' } },
        spec: { 'public-ports': [{ port: 80, protocol: 'TCP' }], 'envoy-replica-count': 2 },
      });
      const refused = await eventually(
        'ProxyReady says the group is missing',
        async () => {
          const condition = proxyReady(await proxies().get(ref));
          return condition?.reason === 'ServiceGroupMissing' ? condition : undefined;
        },
        patience,
      );
      expect(refused).toMatchObject({
        status: 'False',
        message: `LBServiceGroup gateways of GWProxy ${ns.namespace}/gw-1 does not exist in namespace ${ns.namespace}.`,
      });
      expect(
        await gone(() =>
          apps.readNamespacedDeployment({ namespace: ns.namespace, name: 'envoy-gw-1' }),
        ),
      ).toBe(true);

      await createGroup('gateways');
      const pods = await runningPods('epic.acnodal.io/owning-proxy=gw-1', 2, firstImage);
      expect(pods[0]?.spec?.securityContext?.sysctls).toEqual([
        { name: 'net.ipv4.ip_unprivileged_port_start', value: '80' },
      ]);
      expect(pods[0]?.spec?.containers[0]?.securityContext?.capabilities).toEqual({
        drop: ['ALL'],
        add: ['NET_BIND_SERVICE'],
      });
      await readyCondition(
        () => proxies().get(ref),
        '2 of 2 Envoy replicas ready (Deployment envoy-gw-1).',
      );

      await proxies().delete(ref);
      await eventually(
        'the GWProxy and its Envoy gone',
        async () =>
          (await gone(() => proxies().get(ref))) &&
          (await gone(() =>
            apps.readNamespacedDeployment({ namespace: ns.namespace, name: 'envoy-gw-1' }),
          ))
            ? true
            : undefined,
        patience,
      );
    },
  );

  it(
    'never takes over or deletes a Deployment that is not its own',
    { timeout: 240_000 },
    async () => {
      await createGroup('others');
      const theirs = { namespace: ns.namespace, name: 'envoy-other' };
      await apps.createNamespacedDeployment({
        namespace: ns.namespace,
        body: {
          metadata: { name: theirs.name },
          spec: {
            replicas: 0,
            selector: { matchLabels: { app: 'theirs' } },
            template: {
              metadata: { labels: { app: 'theirs' } },
              spec: { containers: [{ name: 'c', image: 'busybox' }] },
            },
          },
        },
      });
      const ref: ObjectRef = { namespace: ns.namespace, name: 'other' };
      await lbs().create({
        apiVersion: 'epic.acnodal.io/v1',
        kind: 'LoadBalancer',
        metadata: { ...ref },
        spec: { 'service-group': 'others', 'public-ports': [{ port: 8080, protocol: 'TCP' }] },
      });
      const condition = await eventually(
        'ProxyReady says the name is taken',
        async () => {
          const c = proxyReady(await lbs().get(ref));
          return c?.reason === 'DeploymentConflict' ? c : undefined;
        },
        patience,
      );
      expect(condition.message).toBe(
        `Deployment envoy-other in namespace ${ns.namespace} is not LoadBalancer ${ns.namespace}/other's: it was not made for this proxy; delete it to let the proxy have its Envoy.`,
      );

      await lbs().delete(ref);
      await eventually(
        'the LB gone',
        async () => ((await gone(() => lbs().get(ref))) ? true : undefined),
        patience,
      );
      const after = await apps.readNamespacedDeployment(theirs);
      expect(after.spec?.template.spec?.containers[0]?.image).toBe('busybox');
      expect(after.metadata?.managedFields?.map((f) => f.manager)).not.toContain('envoy-renderer');
    },
  );
});
