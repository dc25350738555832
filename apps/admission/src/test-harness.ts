// Support for the integration test: the admission server on 127.0.0.1:0 with the stack's
// webhook certificate, and a copy of the production webhook configurations that reaches only
// this run's objects. The configurations are cluster-wide and the stack is shared, so every
// selector is narrowed to a label unique to the run (namespaces, and objects in `epic`).
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import {
  AdmissionregistrationV1Api,
  KubeConfig,
  type V1MutatingWebhookConfiguration,
  type V1ValidatingWebhookConfiguration,
} from '@kubernetes/client-node';
import { defaultIdWriters, parseIdWriters, tunnelKeyFromBytes } from '@epic/admission-rules';
import { apiErrorCode, apiErrorMessage, fromWireFormat, isApiError } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { eventually as poll, repoRoot } from '@epic/testing';
import { createAdmissionMetrics, type AdmissionMetrics } from './admission-metrics.js';
import { FactReader } from './fact-reader.js';
import { handleReview } from './review-handler.js';
import { startAdmissionServer, type AdmissionServer } from './server.js';
import {
  loadWebhookManifests,
  type WebhookConfiguration,
  type WebhookEntry,
} from './webhook-manifests.js';

export const runLabel = 'epic.acnodal.io/admission-test';
/** On the run's namespace that stands for "any other namespace" (the other-namespaces entry). */
export const plainLabel = 'epic.acnodal.io/admission-test-plain';

const stackDir = () => process.env.EPIC_STACK_STATE ?? join(repoRoot, '.stack');

export function stackPki() {
  const pki = join(stackDir(), 'pki');
  return {
    certFile: join(pki, 'webhook.crt'),
    keyFile: join(pki, 'webhook.key'),
    ca: readFileSync(join(pki, 'ca.crt')),
  };
}

export const webhooksYaml = join(repoRoot, 'deploy', 'webhooks', 'webhooks.yaml');

export interface TestServer {
  server: AdmissionServer;
  metrics: AdmissionMetrics;
}

export async function startTestServer(kc: KubeConfig): Promise<TestServer> {
  const pki = stackPki();
  const metrics = createAdmissionMetrics();
  const reader = new FactReader(kc);
  const logger = createLogger({ app: 'admission-test', level: 'warn' });
  const deps = {
    readFacts: (q: Parameters<FactReader['read']>[0]) => reader.read(q),
    policy: { idWriters: parseIdWriters(defaultIdWriters) },
    newTunnelKey: () => tunnelKeyFromBytes(randomBytes(16)),
    metrics,
    logger,
  };
  const server = await startAdmissionServer({
    port: 0,
    host: '127.0.0.1',
    tls: { certFile: pki.certFile, keyFile: pki.keyFile, reloadSeconds: 3600 },
    handle: (webhook, body) => handleReview(webhook, body, deps),
    registry: metrics.registry,
    logger,
  });
  return { server, metrics };
}

/** Production selectors -> this run's: by where each entry applies. */
function narrowed(entry: WebhookEntry, runId: string): Partial<WebhookEntry> {
  const run = { matchLabels: { [runLabel]: runId } };
  if (entry.name.startsWith('core-namespace.')) {
    return { namespaceSelector: entry.namespaceSelector, objectSelector: run };
  }
  if (entry.name.startsWith('other-namespaces.')) {
    return { namespaceSelector: { matchLabels: { [plainLabel]: runId } } };
  }
  return { namespaceSelector: run };
}

function forTest(config: WebhookConfiguration, runId: string, port: number, caBundle: string) {
  return {
    ...config,
    metadata: { name: `epic-admission-test-${runId}`, labels: config.metadata.labels ?? {} },
    webhooks: config.webhooks.map((entry) => ({
      ...entry,
      clientConfig: {
        url: `https://127.0.0.1:${port}${entry.clientConfig.service?.path ?? ''}`,
        caBundle,
      },
      ...narrowed(entry, runId),
    })),
  };
}

/** The production configurations, rewritten for this run, registered and removable. */
export class TestWebhooks {
  readonly runId = randomBytes(4).toString('hex');
  private readonly api: AdmissionregistrationV1Api;
  readonly name: string;

  constructor(
    kc: KubeConfig,
    private readonly port: number,
  ) {
    this.api = kc.makeApiClient(AdmissionregistrationV1Api);
    this.name = `epic-admission-test-${this.runId}`;
  }

  async register(): Promise<void> {
    const manifests = loadWebhookManifests(webhooksYaml);
    const caBundle = stackPki().ca.toString('base64');
    const mutating = forTest(manifests.mutating, this.runId, this.port, caBundle);
    const validating = forTest(manifests.validating, this.runId, this.port, caBundle);
    await this.api.createMutatingWebhookConfiguration({
      body: fromWireFormat<V1MutatingWebhookConfiguration>(mutating),
    });
    await this.api.createValidatingWebhookConfiguration({
      body: fromWireFormat<V1ValidatingWebhookConfiguration>(validating),
    });
  }

  async remove(): Promise<void> {
    const ignoreMissing = (err: unknown) => {
      if (!isApiError(err, 404)) throw err;
    };
    await this.api.deleteMutatingWebhookConfiguration({ name: this.name }).catch(ignoreMissing);
    await this.api.deleteValidatingWebhookConfiguration({ name: this.name }).catch(ignoreMissing);
  }
}

/** The same cluster and credentials, impersonating `user` (the admin may impersonate). */
export function impersonating(kc: KubeConfig, user: string): KubeConfig {
  const copy = new KubeConfig();
  copy.loadFromOptions({
    clusters: kc.clusters,
    contexts: kc.contexts,
    currentContext: kc.currentContext,
    users: kc.users.map((u) => ({ ...u, impersonateUser: user })),
  });
  return copy;
}

export interface Refusal {
  code: number | undefined;
  message: string;
}

/** The apiserver's refusal of a write, or undefined when it was admitted. */
export async function refusalOf(write: () => Promise<unknown>): Promise<Refusal | undefined> {
  try {
    await write();
    return undefined;
  } catch (err) {
    const code = apiErrorCode(err);
    if (code === undefined) throw err;
    return { code, message: apiErrorMessage(err) };
  }
}

/** The shared bounded poll, every 200 ms; any error (a webhook not registered yet) is "not yet". */
export function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 30_000,
): Promise<T> {
  return poll(what, probe, { timeoutMs, intervalMs: 200, notYet: () => true });
}

/** GET over HTTPS from the test server, trusting the stack CA. */
export function httpsGet(port: number, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port, path, method: 'GET', ca: stackPki().ca },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}
