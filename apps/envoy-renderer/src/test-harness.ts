// Test support for envoy-renderer on the shared stack: a KWOK fake node of the test's own (the
// full profile's KWOK manages nodes annotated `kwok.x-k8s.io/node: fake` and reports their pods
// Running and Ready), tainted so only the test's pods land there, and an in-process worker
// scoped to the test's namespaces.
import { CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import {
  envoyPodSettings,
  withoutEnvoyFinalizer,
  type EnvoyPodSettings,
} from '@epic/envoy-deployment';
import { EpicObjects, EventRecorder, isApiError } from '@epic/kube';
import { gwProxyKind, loadBalancerKind } from '@epic/model';
import { eventBus, startIngest, testLogger } from '@epic/ingest-pipeline/testing';
import { uniqueName } from '@epic/testing';
import { obliterateWorkerQueue, startWorker, type WorkerHandle } from '@epic/worker-runtime';
import { consumerGroupId } from '@epic/events';
import { EnvoyRenderer } from './envoy-renderer.js';
import { createRendererMetrics, registerRendererMetrics } from './renderer-metrics.js';
import { routeEvent } from './route-event.js';

const testNodeTaint = 'epic.acnodal.io/test-node';

/** A KWOK-managed node that only pods tolerating its own taint are scheduled onto. */
export async function createFakeNode(kc: KubeConfig) {
  const core = kc.makeApiClient(CoreV1Api);
  const name = uniqueName('envoy-node');
  await core.createNode({
    body: {
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: { type: 'kwok', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' },
      },
      spec: { taints: [{ key: testNodeTaint, value: name, effect: 'NoSchedule' }] },
    },
  });
  return {
    name,
    /** Pod settings that put Envoy pods on this node, and nowhere else. */
    settings(overrides: Partial<Omit<EnvoyPodSettings, 'xds'>> = {}): EnvoyPodSettings {
      return envoyPodSettings(
        { address: 'xds-server.epic.svc', port: 18000 },
        {
          nodeSelector: { 'kubernetes.io/hostname': name },
          tolerations: [
            { key: testNodeTaint, operator: 'Equal', value: name, effect: 'NoSchedule' },
          ],
          ...overrides,
        },
      );
    },
    async remove() {
      await core.deleteNode({ name }).catch((err: unknown) => {
        if (!isApiError(err, 404)) throw err;
      });
    },
  };
}

export interface RendererUnderTest {
  worker: WorkerHandle;
  metrics: ReturnType<typeof createRendererMetrics>;
  close(): Promise<void>;
}

/**
 * ingest -> Kafka (a topic prefix of its own) -> the real worker runtime -> EnvoyRenderer,
 * serving only `namespaces`, with EPIC's default image injected.
 */
export async function startRenderer(
  kc: KubeConfig,
  options: { namespaces: readonly string[]; settings: EnvoyPodSettings; defaultImage: string },
): Promise<RendererUnderTest> {
  const bus = await eventBus();
  const ingest = await startIngest(kc, bus, 20_000);
  const metrics = createRendererMetrics();
  const recorder = new EventRecorder(kc, 'envoy-renderer-test', () => {});
  const renderer = new EnvoyRenderer({
    kc,
    settings: options.settings,
    defaultImage: () => Promise.resolve(options.defaultImage),
    metrics,
    emit: (object, event) => void recorder.record(object, event),
    // The stack is shared: only this test's namespaces are ours.
    inScope: (namespace) => options.namespaces.includes(namespace),
  });
  const worker = await startWorker({
    name: 'envoy-renderer-test',
    group: 'envoy-renderer',
    prefix: bus.prefix,
    kafkaBrokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
    redisUrl: process.env.EPIC_REDIS_URL ?? '',
    httpPort: 0,
    backoffMs: 200,
    // Ingest is cluster-wide: other tests' objects arrive too and are skipped at once, so many
    // may run side by side without our own events waiting behind them.
    concurrency: 16,
    logger: testLogger,
    handler: (event, { log }) => routeEvent(event, renderer, log),
  });
  registerRendererMetrics(metrics, worker.registry);
  return {
    worker,
    metrics,
    async close() {
      await worker.stop();
      await ingest.close();
      await bus.close();
      await obliterateWorkerQueue({
        redisUrl: process.env.EPIC_REDIS_URL ?? '',
        queueName: consumerGroupId('envoy-renderer', bus.prefix),
      });
    },
  };
}

/**
 * After the worker stopped: drops our finalizer from any proxy a failed test left behind, so
 * deleting the namespace does not hang on a finalizer nobody will release.
 */
export async function releaseLeftoverFinalizers(kc: KubeConfig, namespace: string) {
  for (const kind of [loadBalancerKind, gwProxyKind]) {
    const store = new EpicObjects(kc, kind);
    for (const object of await store.list(namespace)) {
      const released = withoutEnvoyFinalizer(object);
      if (released) await store.replace(released as never).catch(() => undefined);
    }
  }
}

/** `name on node: phase, ready` for a failing test's message. */
export function podSummary(pod: V1Pod): string {
  const ready = (pod.status?.conditions ?? []).some(
    (c) => c.type === 'Ready' && c.status === 'True',
  );
  return `${pod.metadata?.name} on ${pod.spec?.nodeName}: ${pod.status?.phase}${ready ? ', ready' : ''}`;
}

export function isRunningAndReady(pod: V1Pod): boolean {
  return podSummary(pod).endsWith(': Running, ready');
}
