// A fresh Account in a namespace of its own, for this lib's integration tests against the real
// apiserver. @epic/testing builds on this lib, so these tests cannot use its fixtures.
import { randomBytes } from 'node:crypto';
import { accountKind, accountNamespace } from '@epic/model';
import { EpicObjects, type ObjectRef } from './epic-objects.js';
import { loadKubeConfig } from './kube-config.js';
import { deleteNamespace, ensureNamespace } from './namespaces.js';

export interface TestAccount {
  ref: ObjectRef;
  accounts: EpicObjects<typeof accountKind>;
  /** Deletes the Account's namespace, and with it everything the test made there. */
  remove: () => Promise<void>;
}

/** Creates `<prefix>-<random>` with an empty spec, in its own namespace. */
export async function createTestAccount(prefix: string): Promise<TestAccount> {
  const kc = loadKubeConfig(process.env.KUBECONFIG);
  const name = `${prefix}-${randomBytes(4).toString('hex')}`;
  const ref = { namespace: accountNamespace(name), name };
  await ensureNamespace(kc, ref.namespace);
  const remove = () => deleteNamespace(kc, ref.namespace);
  const accounts = new EpicObjects(kc, accountKind);
  // The test's afterAll has nothing to remove when this fails, so no namespace is left behind.
  await accounts
    .create({ apiVersion: 'epic.acnodal.io/v1', kind: 'Account', metadata: ref, spec: {} })
    .catch(async (err: unknown) => {
      await remove();
      throw err;
    });
  return { ref, accounts, remove };
}
