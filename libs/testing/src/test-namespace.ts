import { randomBytes } from 'node:crypto';
import type { KubeConfig } from '@kubernetes/client-node';
import { accountNamespace, partOfEpicLabels } from '@epic/model';
import { deleteNamespace, ensureNamespace } from '@epic/kube';

/** A unique, valid name for one test's objects: `t-<hint>-<8 hex>`. */
export function uniqueName(hint: string): string {
  return `t-${hint}-${randomBytes(4).toString('hex')}`.slice(0, 40);
}

/**
 * A fresh account namespace (`epic-t-<hint>-<hex>`) for one test, so tests on the shared
 * stack never see each other's objects. Call `remove()` in afterAll/afterEach.
 */
export async function createTestAccountNamespace(kc: KubeConfig, hint: string) {
  const account = uniqueName(hint);
  const namespace = accountNamespace(account);
  await ensureNamespace(kc, namespace, { ...partOfEpicLabels, 'epic.acnodal.io/test': 'true' });
  return { account, namespace, remove: () => deleteNamespace(kc, namespace) };
}
