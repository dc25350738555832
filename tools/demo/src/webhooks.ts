// The admission webhooks the demo registers: the production configurations of
// deploy/webhooks/webhooks.yaml, pointed at the demo's admission process (envtest's way: the
// Service reference becomes `https://127.0.0.1:<port><path>`, the caBundle is the stack's CA).
// An isolated run narrows every selector to its run label, so objects of anyone else sharing
// the stack never reach the demo's webhook server.
import { parseAllDocuments } from 'yaml';

export interface WebhookEntry {
  name: string;
  clientConfig: {
    service?: { namespace: string; name: string; path?: string; port?: number };
    url?: string;
    caBundle?: string;
  };
  namespaceSelector?: Record<string, unknown>;
  objectSelector?: Record<string, unknown>;
  [key: string]: unknown;
}

export type WebhookKind = 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration';

export interface WebhookConfiguration {
  apiVersion: string;
  kind: WebhookKind;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  webhooks: WebhookEntry[];
}

export interface WebhookManifests {
  mutating: WebhookConfiguration;
  validating: WebhookConfiguration;
}

/** webhooks.yaml (anchors resolved) -> its two configurations. */
export function parseWebhookManifests(text: string): WebhookManifests {
  const docs = parseAllDocuments(text).map((doc) => doc.toJS() as WebhookConfiguration);
  const find = (kind: WebhookKind) => {
    const found = docs.find((d) => d.kind === kind);
    if (!found) throw new Error(`deploy/webhooks/webhooks.yaml has no ${kind}`);
    return found;
  };
  return {
    mutating: find('MutatingWebhookConfiguration'),
    validating: find('ValidatingWebhookConfiguration'),
  };
}

export interface DemoWebhookOptions {
  /** Name of both configurations (they are cluster-scoped). */
  name: string;
  port: number;
  /** base64 of the CA that signed the admission server's certificate. */
  caBundle: string;
  /** Isolated runs: only namespaces and core-namespace objects with this label are matched. */
  runLabel?: { key: string; value: string } | undefined;
}

/**
 * Production selectors -> the run's: account namespaces and `epic` objects must carry the run
 * label. The other-namespaces entry (it refuses EPIC objects outside their homes) is dropped:
 * every namespace of the run is an account namespace, and any other selector would reach
 * namespaces that are not the run's.
 */
function isolated(
  entries: readonly WebhookEntry[],
  label: { key: string; value: string },
): WebhookEntry[] {
  const run = { matchLabels: { [label.key]: label.value } };
  return entries
    .filter((entry) => !entry.name.startsWith('other-namespaces.'))
    .map((entry) =>
      entry.name.startsWith('core-namespace.')
        ? { ...entry, objectSelector: run }
        : { ...entry, namespaceSelector: run },
    );
}

function pointed(entry: WebhookEntry, options: DemoWebhookOptions): WebhookEntry {
  const path = entry.clientConfig.service?.path ?? '';
  return {
    ...entry,
    clientConfig: { url: `https://127.0.0.1:${options.port}${path}`, caBundle: options.caBundle },
  };
}

function forDemo(config: WebhookConfiguration, options: DemoWebhookOptions): WebhookConfiguration {
  const local = config.webhooks.map((entry) => pointed(entry, options));
  // cert-manager's injection annotation has nothing to inject from here: annotations go.
  const metadata = {
    name: options.name,
    ...(config.metadata.labels ? { labels: config.metadata.labels } : {}),
  };
  return {
    ...config,
    metadata,
    webhooks: options.runLabel ? isolated(local, options.runLabel) : local,
  };
}

export function demoWebhooks(
  manifests: WebhookManifests,
  options: DemoWebhookOptions,
): WebhookManifests {
  return {
    mutating: forDemo(manifests.mutating, options),
    validating: forDemo(manifests.validating, options),
  };
}
