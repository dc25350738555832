// deploy/kustomize on the real apiserver of the shared stack:
//   1. every rendered document, of overlays/local and of a test overlay, passes a server-side
//      dry run: the apiserver is the schema check (kubeconform cannot fetch its schemas here);
//   2. the test overlay (test-overlay.ts: own namespace, suffixed cluster-scoped names, no
//      pods) is installed for real, except what would change the cluster for everyone: CRDs
//      (installed identically by the test setup) and webhook configurations (dry run only);
//   3. least privilege, asked of the authorizer: each app's ServiceAccount may do everything its
//      code needs and nothing only other apps need, nothing outside its scope, nothing that no
//      EPIC app should do (access-plan.ts).
// Everything installed, cluster-scoped objects included, is deleted in afterAll.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig, mapLimit } from '@epic/kube';
import {
  applyObjects,
  deleteObjects,
  exists,
  isAllowed,
  type KubeObject,
  ofKind,
  refOf,
  render,
} from '@epic/manifests';
import { repoRoot, uniqueName } from '@epic/testing';
import { accessPlan, questionText } from './access-plan.js';
import { kubectlPath } from './kubectl.js';
import { testOverlay } from './test-overlay.js';

const kustomize = join(repoRoot, 'deploy', 'kustomize');
const fieldManager = 'epic-deploy-check';
/** Applied as a dry run only: shared by every test on this apiserver, or live in every request. */
const dryRunOnlyKinds = [
  'CustomResourceDefinition',
  'MutatingWebhookConfiguration',
  'ValidatingWebhookConfiguration',
];

let kc: KubeConfig;
let namespace: string;
let overlayDir: string;
let rendered: KubeObject[] = [];
let installed: KubeObject[] = [];

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  namespace = uniqueName('deploy');
  overlayDir = mkdtempSync(join(tmpdir(), 'epic-deploy-check-'));
  writeFileSync(
    join(overlayDir, 'kustomization.yaml'),
    testOverlay({
      namespace,
      suffix: `-${namespace}`,
      base: relative(overlayDir, join(kustomize, 'base')),
      components: [relative(overlayDir, join(kustomize, 'components', 'generated-certificate'))],
    }),
  );
  rendered = await render(overlayDir, kubectlPath());
  installed = rendered.filter((o) => !dryRunOnlyKinds.includes(o.kind));
  // Namespaced objects can be dry-run only where the namespace exists.
  await applyObjects(kc, ofKind(rendered, 'Namespace'), { dryRun: false, fieldManager });
}, 180_000);

afterAll(async () => {
  const left = installed.length > 0 ? await deleteObjects(kc, [...installed].reverse()) : [];
  if (overlayDir) rmSync(overlayDir, { recursive: true, force: true });
  expect(left).toEqual([]);
}, 180_000);

describe('the test overlay', () => {
  it('renames the namespace and every cluster-scoped name, and runs no pods', () => {
    const clusterScoped = rendered.filter((o) => o.metadata.namespace === undefined);
    const shared = clusterScoped.filter(
      (o) =>
        !['CustomResourceDefinition', 'Namespace'].includes(o.kind) &&
        !o.metadata.name.endsWith(`-${namespace}`),
    );
    expect(shared.map(refOf)).toEqual([]);
    expect(ofKind(rendered, 'Namespace').map((n) => n.metadata.name)).toEqual([namespace]);
    expect(JSON.stringify(ofKind(rendered, 'Deployment'))).not.toMatch(/"replicas":[1-9]/);
  });
});

describe('server-side dry run: the apiserver accepts every document', () => {
  it('of overlays/local, into the core namespace', { timeout: 180_000 }, async () => {
    await applyObjects(kc, await render(join(kustomize, 'overlays', 'local'), kubectlPath()), {
      dryRun: true,
      fieldManager,
    });
  });

  it(
    'of the test overlay, webhook configurations and CRDs included',
    { timeout: 180_000 },
    async () => {
      expect(ofKind(rendered, ...dryRunOnlyKinds).length).toBeGreaterThan(9);
      await applyObjects(kc, rendered, { dryRun: true, fieldManager });
    },
  );
});

describe('a real install', () => {
  it('creates every object but the dry-run-only ones', { timeout: 180_000 }, async () => {
    await applyObjects(kc, installed, { dryRun: false, fieldManager });
    const missing = await mapLimit(installed, 8, async (o) =>
      (await exists(kc, o)) ? [] : [refOf(o)],
    );
    expect(missing.flat()).toEqual([]);
    expect(ofKind(installed, 'Deployment').length).toBe(8);
    expect(ofKind(installed, 'ClusterRoleBinding').length).toBe(8);
  });

  it('gives each app what it needs, and only that', { timeout: 180_000 }, async () => {
    const plan = accessPlan(namespace, 'default');
    const answers = async (questions: typeof plan.allowed, expected: boolean) => {
      const results = await mapLimit(questions, 8, async (q) =>
        (await isAllowed(kc, q)) === expected ? [] : [questionText(q)],
      );
      return results.flat();
    };
    expect(plan.denied.length).toBeGreaterThan(plan.allowed.length);
    expect(await answers(plan.allowed, true), 'refused though needed').toEqual([]);
    expect(await answers(plan.denied, false), 'allowed though not needed').toEqual([]);
  });
});
