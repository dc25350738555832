// The seed's allocation algorithm against the REAL apiserver: concurrent writers each claim
// values by incrementing a counter in a status with Update (never Patch). Every claimed value
// must be unique and the counter must equal the number of claims: 409 is what makes it safe.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { KubeConfig } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { accountKind, accountNamespace } from '@epic/model';
import { EpicObjects } from './epic-objects.js';
import { loadKubeConfig } from './kube-config.js';
import { deleteNamespace, ensureNamespace } from './namespaces.js';
import { replaceWithRetry } from './replace-with-retry.js';

let kc: KubeConfig;
// @epic/testing builds on this lib, so the test makes its namespace itself.
const account = `t-retry-${randomBytes(4).toString('hex')}`;
const ns = { account, namespace: accountNamespace(account) };

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  await ensureNamespace(kc, ns.namespace);
});
afterAll(async () => deleteNamespace(kc, ns.namespace));

it(
  'hands out unique values to 4 concurrent writers (20 claims each)',
  { timeout: 120_000 },
  async () => {
    const accounts = new EpicObjects(kc, accountKind);
    const ref = { namespace: ns.namespace, name: ns.account };
    await accounts.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'Account',
      metadata: ref,
      spec: {},
    });

    let conflicts = 0;
    const claim = async () => {
      const { object } = await replaceWithRetry({
        what: `Account ${ref.namespace}/${ref.name} status`,
        read: () => accounts.get(ref),
        mutate: (a) => ({
          ...a,
          status: {
            ...a.status,
            'current-service-id': (a.status?.['current-service-id'] ?? 0) + 1,
          },
        }),
        write: (next) => accounts.replaceStatus(next),
        attempts: 50,
        backoffMs: 5,
        onConflict: () => conflicts++,
      });
      return object.status?.['current-service-id'] ?? 0;
    };
    const writer = async () => {
      const mine: number[] = [];
      for (let i = 0; i < 20; i++) mine.push(await claim());
      return mine;
    };

    const claimed = (await Promise.all([writer(), writer(), writer(), writer()])).flat();
    expect(new Set(claimed).size).toBe(80);
    expect(Math.max(...claimed)).toBe(80);
    expect((await accounts.get(ref)).status?.['current-service-id']).toBe(80);
    expect(conflicts).toBeGreaterThan(0); // the writers really raced
  },
);
