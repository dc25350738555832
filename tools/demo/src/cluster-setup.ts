// What the cluster needs before any app or object: the CRDs, the core namespace, the Kafka
// topics, and the admission webhooks pointing at the demo's admission process.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  AdmissionregistrationV1Api,
  type KubeConfig,
  type V1MutatingWebhookConfiguration,
  type V1ValidatingWebhookConfiguration,
} from '@kubernetes/client-node';
import {
  apiErrorMessage,
  EpicObjects,
  ensureNamespace,
  fromWireFormat,
  installCrds,
  isApiError,
} from '@epic/kube';
import { createKafka, ensureTopics } from '@epic/kafka';
import type { Logger } from '@epic/logging';
import { coreNamespace, owningLoadBalancerLabel, remoteEndpointKind } from '@epic/model';
import { committedCrds } from '@epic/testing';
import type { DemoPlan } from './demo-plan.js';
import { DemoError } from './demo-error.js';
import { demoWebhooks, parseWebhookManifests } from './webhooks.js';

export async function installBasics(kc: KubeConfig): Promise<void> {
  await installCrds(kc, committedCrds());
  await ensureNamespace(kc, coreNamespace);
}

export async function createTopics(args: {
  brokers: string[];
  prefix: string;
  logger: Logger;
}): Promise<string[]> {
  const kafka = createKafka({ brokers: args.brokers, clientId: 'epic-demo', logger: args.logger });
  return ensureTopics({ kafka, prefix: args.prefix, log: args.logger });
}

async function createOrReplace(
  create: () => Promise<unknown>,
  read: () => Promise<{ metadata?: { resourceVersion?: string } }>,
  replace: (resourceVersion: string | undefined) => Promise<unknown>,
) {
  try {
    await create();
  } catch (err) {
    if (!isApiError(err, 409)) throw err;
    await replace((await read()).metadata?.resourceVersion);
  }
}

export async function registerWebhooks(
  kc: KubeConfig,
  args: { repoRoot: string; caFile: string; port: number; plan: DemoPlan },
): Promise<void> {
  const text = readFileSync(join(args.repoRoot, 'deploy', 'webhooks', 'webhooks.yaml'), 'utf8');
  const configs = demoWebhooks(parseWebhookManifests(text), {
    name: args.plan.webhookName,
    port: args.port,
    caBundle: readFileSync(args.caFile).toString('base64'),
    runLabel: args.plan.runLabel,
  });
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  const name = args.plan.webhookName;
  const mutating = fromWireFormat<V1MutatingWebhookConfiguration>(configs.mutating);
  const validating = fromWireFormat<V1ValidatingWebhookConfiguration>(configs.validating);
  await createOrReplace(
    () => api.createMutatingWebhookConfiguration({ body: mutating }),
    () => api.readMutatingWebhookConfiguration({ name }),
    (resourceVersion) =>
      api.replaceMutatingWebhookConfiguration({
        name,
        body: { ...mutating, metadata: { ...mutating.metadata, resourceVersion } },
      }),
  );
  await createOrReplace(
    () => api.createValidatingWebhookConfiguration({ body: validating }),
    () => api.readValidatingWebhookConfiguration({ name }),
    (resourceVersion) =>
      api.replaceValidatingWebhookConfiguration({
        name,
        body: { ...validating, metadata: { ...validating.metadata, resourceVersion } },
      }),
  );
}

export async function removeWebhooks(kc: KubeConfig, name: string): Promise<void> {
  const api = kc.makeApiClient(AdmissionregistrationV1Api);
  const ignoreMissing = (err: unknown) => {
    if (!isApiError(err, 404)) throw err;
  };
  await api.deleteMutatingWebhookConfiguration({ name }).catch(ignoreMissing);
  await api.deleteValidatingWebhookConfiguration({ name }).catch(ignoreMissing);
}

/**
 * The apiserver learns webhook configurations through an informer, so objects created right
 * after registering could slip past them (no defaults, no checks). A dry-run RemoteEndpoint
 * naming no LoadBalancer is accepted without the webhook and denied by it: poll until denied.
 * The demo's namespace must exist.
 */
export async function waitWebhooksServing(kc: KubeConfig, plan: DemoPlan, timeoutMs = 30_000) {
  const probe = {
    apiVersion: 'epic.acnodal.io/v1',
    kind: 'RemoteEndpoint',
    metadata: {
      namespace: plan.namespace,
      name: 'demo-webhook-probe',
      labels: { [owningLoadBalancerLabel]: 'demo-webhook-probe-no-such-lb' },
    },
    spec: { cluster: 'probe', address: '10.0.0.1', port: { port: 1, protocol: 'TCP' } },
  } as const;
  const endpoints = new EpicObjects(kc, remoteEndpointKind);
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    try {
      await endpoints.create(probe, { dryRun: true });
      last = 'the probe was admitted without the webhook';
    } catch (err) {
      last = apiErrorMessage(err);
      if (last.includes('denied the request')) return;
    }
    await sleep(250);
  }
  throw new DemoError(`the admission webhooks are not serving after ${timeoutMs} ms: ${last}`);
}
