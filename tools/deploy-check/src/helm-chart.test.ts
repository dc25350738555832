// deploy/helm/epic without an apiserver: `helm lint --strict`, the values schema refusing bad
// values, the namespace guard, crds/ identical to deploy/crds, and the chart's objects
// equivalent to the kustomize base (render-equivalence.ts), so the least-privilege and workload
// checks of deploy/kustomize (deploy.test.ts, install.int.test.ts) hold for the chart too.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { findObject, ofKind, render, type KubeObject } from '@epic/manifests';
import { repoRoot } from '@epic/testing';
import { chartDir, helm, helmTemplate, valuesArgs } from './helm.js';
import { kubectlPath } from './kubectl.js';
import { compareRenders } from './render-equivalence.js';

const kustomize = join(repoRoot, 'deploy', 'kustomize');
const crdsDir = join(repoRoot, 'deploy', 'crds');
const modes = ['cert-manager', 'generated'] as const;
const equivalence = { generatedConfigMaps: ['epic-connections'] };
/** Release and namespace of the renders compared with kustomize: what operators install. */
const asInstalled = { release: 'epic', namespace: 'epic', includeCrds: true };

let workDir: string;
const kustomizeRender: Record<string, KubeObject[]> = {};

beforeAll(async () => {
  // The kustomize counterpart of each certificate mode: base, and base + generated-certificate.
  workDir = mkdtempSync(join(tmpdir(), 'epic-helm-chart-'));
  writeFileSync(
    join(workDir, 'kustomization.yaml'),
    [
      'apiVersion: kustomize.config.k8s.io/v1beta1',
      'kind: Kustomization',
      `resources: [${relative(workDir, join(kustomize, 'base'))}]`,
      `components: [${relative(workDir, join(kustomize, 'components', 'generated-certificate'))}]`,
    ].join('\n'),
  );
  const [base, generated] = await Promise.all([
    render(join(kustomize, 'base'), kubectlPath()),
    render(workDir, kubectlPath()),
  ]);
  kustomizeRender['cert-manager'] = base;
  kustomizeRender.generated = generated;
}, 60_000);

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

const lintCases: [string, Record<string, unknown>][] = [
  ['the default values', {}],
  ...modes.map((certificate): [string, Record<string, unknown>] => [
    `webhooks.certificate=${certificate}`,
    { webhooks: { certificate } },
  ]),
];

describe('helm lint --strict', () => {
  it.each(lintCases)('passes with %s', async (_, values) => {
    const lint = ['lint', '--strict', chartDir, '--namespace', 'epic'];
    expect(await helm([...lint, ...valuesArgs(values)])).toContain('0 chart(s) failed');
  });
});

describe('values.schema.json refuses bad values, naming them', () => {
  it.each([
    ['replicas "two"', { ingest: { replicas: 'two' } }, "at '/ingest/replicas': got string"],
    ['an unknown top-level key', { replicaCount: 2 }, "additional properties 'replicaCount'"],
    ['a misspelt nested key', { tunnelAgent: { nodeSelecter: {} } }, "'nodeSelecter' not allowed"],
    ['an unknown certificate mode', { webhooks: { certificate: 'self' } }, '/webhooks/certificate'],
    ['a suffix that is no DNS label', { nameSuffix: '_x' }, "at '/nameSuffix'"],
  ])('%s', async (_, values, message) => {
    await expect(helmTemplate({ ...asInstalled, values })).rejects.toThrow(message);
  });
});

it('refuses any namespace but epic, saying why', async () => {
  await expect(helmTemplate({ ...asInstalled, namespace: 'default' })).rejects.toThrow(
    'EPIC must be installed into the namespace "epic", not "default"',
  );
});

it('crds/ holds exactly the committed CRDs of deploy/crds, byte for byte', () => {
  const yamlFiles = (dir: string) =>
    readdirSync(dir).filter((f) => f.endsWith('.epic.acnodal.io.yaml'));
  const chartCrds = join(chartDir, 'crds');
  expect(readdirSync(chartCrds).sort()).toEqual(yamlFiles(crdsDir).sort());
  for (const file of yamlFiles(crdsDir)) {
    expect(readFileSync(join(chartCrds, file), 'utf8'), file).toBe(
      readFileSync(join(crdsDir, file), 'utf8'),
    );
  }
});

const webhookKinds = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];
const Webhooks = z.looseObject({
  webhooks: z.array(z.looseObject({ clientConfig: z.record(z.string(), z.unknown()) })),
});
const TlsSecret = z.looseObject({
  type: z.literal('kubernetes.io/tls'),
  data: z.object({ 'tls.crt': z.string(), 'tls.key': z.string(), 'ca.crt': z.string() }),
});
const x509 = (base64: string) => new X509Certificate(Buffer.from(base64, 'base64'));

/** The configuration's webhooks' caBundles, and the configuration without them. */
function splitCaBundles(configuration: KubeObject) {
  const { webhooks } = Webhooks.parse(configuration);
  const caBundles = webhooks.map((w) => w.clientConfig.caBundle);
  const stripped = webhooks.map((webhook) => ({
    ...webhook,
    clientConfig: Object.fromEntries(
      Object.entries(webhook.clientConfig).filter(([key]) => key !== 'caBundle'),
    ),
  }));
  return { caBundles, configuration: { ...configuration, webhooks: stripped } };
}

/**
 * The generated certificate checked (a CA, and a serving certificate it signed for the admission
 * Service, the CA in every caBundle) and taken out: what remains must be kustomize's objects.
 */
function withoutGeneratedCertificate(objects: KubeObject[]): KubeObject[] {
  const secret = findObject(objects, 'Secret', 'epic-admission-tls');
  const { data } = TlsSecret.parse(secret);
  const serving = x509(data['tls.crt']);
  expect(serving.verify(x509(data['ca.crt']).publicKey)).toBe(true);
  for (const host of ['epic-admission.epic.svc', 'epic-admission.epic.svc.cluster.local']) {
    expect(serving.checkHost(host)).toBe(host);
  }
  const split = ofKind(objects, ...webhookKinds).map(splitCaBundles);
  expect(split.flatMap((s) => s.caBundles)).toEqual(Array(4).fill(data['ca.crt']));
  return [
    ...objects.filter((o) => o !== secret && !webhookKinds.includes(o.kind)),
    ...split.map((s) => s.configuration),
  ];
}

describe('the chart renders the objects of deploy/kustomize/base', () => {
  it.each(modes)(
    'webhooks.certificate=%s: the same objects but the Namespace (helm -n epic --create-namespace)',
    async (certificate) => {
      const rendered = await helmTemplate({
        ...asInstalled,
        values: { webhooks: { certificate } },
      });
      const chart = certificate === 'generated' ? withoutGeneratedCertificate(rendered) : rendered;
      expect(compareRenders(kustomizeRender[certificate] ?? [], chart, equivalence)).toEqual({
        onlyInKustomize: ['Namespace epic'],
        onlyInChart: [],
        differing: [],
      });
    },
  );
});
