// The demo's webhooks are the production configurations (deploy/webhooks/webhooks.yaml) pointed
// at a local server; an isolated run's reach only objects labelled for the run.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '@epic/testing';
import {
  demoWebhooks,
  parseWebhookManifests,
  type WebhookEntry,
  type WebhookManifests,
} from './webhooks.js';

const production = parseWebhookManifests(
  readFileSync(join(repoRoot, 'deploy', 'webhooks', 'webhooks.yaml'), 'utf8'),
);
const base = { name: 'epic-demo-admission', port: 41909, caBundle: 'Q0E=' };
const run = { key: 'epic.acnodal.io/demo-run', value: 'ab12cd34' };

const entries = (m: WebhookManifests): WebhookEntry[] => [
  ...m.mutating.webhooks,
  ...m.validating.webhooks,
];

describe('the demo webhook configurations', () => {
  it('reads both production configurations', () => {
    expect(production.mutating.kind).toBe('MutatingWebhookConfiguration');
    expect(production.validating.kind).toBe('ValidatingWebhookConfiguration');
    expect(production.validating.webhooks.length).toBeGreaterThanOrEqual(3);
  });

  it('plain: every entry calls https://127.0.0.1:<port><path> with the stack CA', () => {
    const demo = entries(demoWebhooks(production, base));
    const originals = entries(production);
    expect(demo).toHaveLength(originals.length);
    for (const [i, entry] of demo.entries()) {
      const path = originals[i]?.clientConfig.service?.path ?? '';
      expect(path).toMatch(/^\/(mutate|validate)$/);
      expect(entry.clientConfig).toEqual({
        url: `https://127.0.0.1:41909${path}`,
        caBundle: 'Q0E=',
      });
    }
  });

  it('plain: the production selectors, rules and policies stay as they are', () => {
    const demo = demoWebhooks(production, base);
    const strip = ({ clientConfig: _c, ...rest }: WebhookEntry) => rest;
    expect(entries(demo).map(strip)).toEqual(entries(production).map(strip));
  });

  it('is named for the demo and drops the cert-manager injection annotation', () => {
    const demo = demoWebhooks(production, base);
    for (const config of [demo.mutating, demo.validating]) {
      expect(config.metadata.name).toBe('epic-demo-admission');
      expect(config.metadata.annotations).toBeUndefined();
      expect(config.metadata.labels).toMatchObject({ 'app.kubernetes.io/part-of': 'epic' });
    }
  });

  it("isolated: namespaces and epic objects must carry the run label; other namespaces' entry goes", () => {
    const demo = demoWebhooks(production, { ...base, runLabel: run });
    const names = entries(demo).map((e) => e.name);
    expect(names.some((n) => n.startsWith('other-namespaces.'))).toBe(false);
    for (const entry of entries(demo)) {
      if (entry.name.startsWith('core-namespace.')) {
        expect(entry.namespaceSelector).toEqual({
          matchLabels: { 'kubernetes.io/metadata.name': 'epic' },
        });
        expect(entry.objectSelector).toEqual({ matchLabels: { [run.key]: run.value } });
      } else {
        expect(entry.namespaceSelector).toEqual({ matchLabels: { [run.key]: run.value } });
      }
    }
  });

  it('refuses a file without one of the two configurations', () => {
    expect(() =>
      parseWebhookManifests('kind: ValidatingWebhookConfiguration\nwebhooks: []\n'),
    ).toThrow('has no MutatingWebhookConfiguration');
  });
});
