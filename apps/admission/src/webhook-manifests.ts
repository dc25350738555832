// The production webhook configurations (deploy/webhooks/webhooks.yaml) as data, so tests can
// check them and register a copy against the local apiserver (envtest's approach: the Service
// reference becomes a URL, the caBundle is filled in).
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export interface WebhookEntry {
  name: string;
  clientConfig: {
    service?: { namespace: string; name: string; path: string; port?: number };
    url?: string;
    caBundle?: string;
  };
  rules: { operations: string[]; resources: string[]; apiGroups: string[] }[];
  namespaceSelector?: Record<string, unknown>;
  objectSelector?: Record<string, unknown>;
  failurePolicy?: string;
  sideEffects?: string;
  timeoutSeconds?: number;
  [key: string]: unknown;
}

export interface WebhookConfiguration {
  apiVersion: string;
  kind: 'MutatingWebhookConfiguration' | 'ValidatingWebhookConfiguration';
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  webhooks: WebhookEntry[];
}

export interface WebhookManifests {
  mutating: WebhookConfiguration;
  validating: WebhookConfiguration;
}

/** Reads webhooks.yaml (anchors resolved). */
export function loadWebhookManifests(path: string): WebhookManifests {
  const docs = parseAllDocuments(readFileSync(path, 'utf8')).map(
    (doc) => doc.toJS() as WebhookConfiguration,
  );
  const find = (kind: WebhookConfiguration['kind']) => {
    const found = docs.find((d) => d.kind === kind);
    if (!found) throw new Error(`${path} has no ${kind}`);
    return found;
  };
  return {
    mutating: find('MutatingWebhookConfiguration'),
    validating: find('ValidatingWebhookConfiguration'),
  };
}
