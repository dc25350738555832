// `--profile full`: kube-controller-manager, kube-scheduler and KWOK make a Deployment's
// Pods scheduled onto a fake node and reported Running. CI starts the full profile; on a
// core-only stack this file has nothing to test and says so.
import { AppsV1Api, CoreV1Api, type KubeConfig, type V1Pod } from '@kubernetes/client-node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteNamespace, ensureNamespace, isApiError, loadKubeConfig } from '@epic/kube';
import { uniqueName } from '@epic/testing';

const full = process.env.EPIC_STACK_PROFILE === 'full';
if (!full)
  process.stderr.write(
    '[stack] full-profile tests not run: the stack runs the core profile (npm run stack:up -- --profile full)\n',
  );

let kc: KubeConfig;
const namespace = uniqueName('kwok');
const nodeName = uniqueName('node');

beforeAll(async () => {
  if (!full) return;
  kc = loadKubeConfig(process.env.KUBECONFIG);
  await ensureNamespace(kc, namespace);
  await kc.makeApiClient(CoreV1Api).createNode({
    body: {
      metadata: {
        name: nodeName,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: { type: 'kwok', 'kubernetes.io/hostname': nodeName, 'kubernetes.io/os': 'linux' },
      },
    },
  });
});

afterAll(async () => {
  if (!full) return;
  await deleteNamespace(kc, namespace);
  await kc
    .makeApiClient(CoreV1Api)
    .deleteNode({ name: nodeName })
    .catch((err: unknown) => {
      if (!isApiError(err, 404)) throw err;
    });
});

function describePod(pod: V1Pod | undefined): { text: string; runningAndReady: boolean } {
  if (!pod) return { text: 'no pod yet', runningAndReady: false };
  const { metadata = {}, spec = { containers: [] }, status = {} } = pod;
  const ready = (status.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
  return {
    text: `${metadata.name} on ${spec.nodeName}: ${status.phase}`,
    runningAndReady: status.phase === 'Running' && ready,
  };
}

/** Polls until the first pod matching the selector is Running and Ready; returns its summary. */
async function waitForRunningPod(labelSelector: string, timeoutMs: number): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const deadline = Date.now() + timeoutMs;
  let last = describePod(undefined);
  while (Date.now() < deadline && !last.runningAndReady) {
    const pods = await core.listNamespacedPod({ namespace, labelSelector });
    last = describePod(pods.items[0]);
    if (!last.runningAndReady) await sleep(500);
  }
  return last.text;
}

describe.runIf(full)('the full profile', () => {
  it(
    'schedules a Deployment’s pod on a KWOK node and reports it Running and Ready',
    { timeout: 120_000 },
    async () => {
      const labels = { app: 'kwok-probe' };
      await kc.makeApiClient(AppsV1Api).createNamespacedDeployment({
        namespace,
        body: {
          metadata: { name: 'probe' },
          spec: {
            replicas: 1,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                nodeSelector: { 'kubernetes.io/hostname': nodeName },
                containers: [{ name: 'probe', image: 'envoyproxy/envoy:v1.36.2' }],
              },
            },
          },
        },
      });
      const summary = await waitForRunningPod('app=kwok-probe', 90_000);
      expect(summary).toMatch(new RegExp(`on ${nodeName}: Running$`));
    },
  );
});
