// Golden files: what a proxy's Deployment and ConfigMap look like in full, reviewed as diffs.
// `UPDATE_GOLDEN=1 npx nx run envoy-deployment:test --skip-nx-cache` rewrites them.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { planEnvoyDeployment, type PlanInput } from './plan.js';
import { envoyPodSettings } from './pod-settings.js';
import { proxySourceOf } from './proxy-source.js';
import { epicImage, gwProxy, group, seedLb, settings } from './testdata/builders.js';

const testdata = fileURLToPath(new URL('../testdata/', import.meta.url));

const cases: Record<string, PlanInput> = {
  'seed-loadbalancer': {
    proxy: proxySourceOf(seedLb()),
    group: group(),
    defaultImage: epicImage,
    settings,
  },
  'gwproxy-low-ports-on-epic-nodes': {
    proxy: proxySourceOf(
      gwProxy({
        'public-ports': [
          { port: 80, protocol: 'TCP' },
          { port: 443, protocol: 'TCP' },
        ],
        'envoy-replica-count': 2,
      }),
    ),
    group: group({ 'envoy-image': 'envoyproxy/envoy:v1.36.2' }, 'gateways'),
    defaultImage: epicImage,
    settings: envoyPodSettings(
      { address: '10.96.0.20', port: 18000 },
      {
        nodeSelector: { 'epic.acnodal.io/epic-node': 'true' },
        tolerations: [
          { key: 'epic.acnodal.io/epic-node', operator: 'Exists', effect: 'NoSchedule' },
        ],
      },
    ),
  },
};

describe('golden manifests', () => {
  it.each(Object.keys(cases))('%s', (name) => {
    const plan = planEnvoyDeployment(cases[name]!);
    if (!plan.ok) throw new Error(plan.message);
    const text = [plan.deployment, plan.configMap]
      .map(
        (doc) =>
          `---\n${stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false, singleQuote: true })}`,
      )
      .join('');
    const file = `${testdata}${name}.out.yaml`;
    if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, text);
    expect(text).toBe(readFileSync(file, 'utf8'));
  });
});
