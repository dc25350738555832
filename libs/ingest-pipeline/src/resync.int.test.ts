// The level-triggered safety net: every resync period ingest re-announces what exists as
// *Observed events, so a worker that lost a message still converges.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { accountKind } from '@epic/model';
import { EpicObjects, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace } from '@epic/testing';
import { eventBus, eventually, startIngest } from './test-harness.js';

let kc: KubeConfig;
let bus: Awaited<ReturnType<typeof eventBus>>;
let ingest: Awaited<ReturnType<typeof startIngest>>;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'resync');
  bus = await eventBus();
  ingest = await startIngest(kc, bus, 3_000);
}, 120_000);

afterAll(async () => {
  await ingest?.close();
  await bus?.close();
  await ns?.remove();
});

it(
  're-announces unchanged objects as Observed every resync period',
  { timeout: 60_000 },
  async () => {
    const accounts = new EpicObjects(kc, accountKind);
    const ref = { namespace: ns.namespace, name: ns.account };
    await accounts.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: ref,
      spec: {},
    });
    const observed = await eventually(
      'two AccountObserved events',
      () => {
        const mine = bus.events.filter(
          (e) => e.source.name === ref.name && e.type === 'AccountObserved',
        );
        return mine.length >= 2 ? mine : undefined;
      },
      30_000,
    );
    const types = bus.events.filter((e) => e.source.name === ref.name).map((e) => e.type);
    expect(types[0]).toBe('AccountCreated');
    expect(new Set(observed.map((e) => e.source.resourceVersion)).size).toBe(1); // nothing changed: same object re-announced
  },
);
