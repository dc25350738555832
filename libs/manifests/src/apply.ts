// Server-side apply of rendered objects, for real or as a server-side dry run (validated by the
// apiserver's schemas and admission, never stored), and their deletion. Requests go out in
// parallel (kubectl applies one object at a time, which on a busy shared apiserver takes
// minutes); every object that fails is named in one error, with the apiserver's message.
import { KubernetesObjectApi, PatchStrategy, type KubeConfig } from '@kubernetes/client-node';
import { apiErrorMessage, forEachLimit, isApiError } from '@epic/kube';
import { refOf, type KubeObject } from './manifest.js';

/** Every item's failure message (none: empty); one failure does not stop the others. */
async function eachLimited<T>(items: readonly T[], work: (item: T) => Promise<void>) {
  const failures: string[] = [];
  await forEachLimit(items, 8, (item) =>
    work(item).catch((err: unknown) => void failures.push(apiErrorMessage(err))),
  );
  return failures;
}

export interface ApplyOptions {
  /** A server-side dry run: validated by the apiserver's schemas and admission, never stored. */
  dryRun: boolean;
  /** Who owns the applied fields (server-side apply's field manager). */
  fieldManager: string;
}

/** Server-side apply (forced: the objects are ours); `dryRun` stores nothing. */
export async function applyObjects(
  kc: KubeConfig,
  objects: readonly KubeObject[],
  options: ApplyOptions,
): Promise<void> {
  const api = KubernetesObjectApi.makeApiClient(kc);
  const failures = await eachLimited(objects, async (object) => {
    try {
      await api.patch(
        object,
        undefined,
        options.dryRun ? 'All' : undefined,
        options.fieldManager,
        true,
        PatchStrategy.ServerSideApply,
      );
    } catch (err) {
      throw new Error(`${refOf(object)}: ${apiErrorMessage(err)}`, { cause: err });
    }
  });
  if (failures.length > 0) {
    const what = options.dryRun ? 'server-side dry run' : 'apply';
    throw new Error(`${what} refused ${failures.length} object(s):\n  ${failures.join('\n  ')}`);
  }
}

/** Deletes the objects; ones already gone are fine. Returns what could not be deleted. */
export async function deleteObjects(kc: KubeConfig, objects: readonly KubeObject[]) {
  const api = KubernetesObjectApi.makeApiClient(kc);
  return eachLimited(objects, async (object) => {
    try {
      await api.delete(object, undefined, undefined, undefined, undefined, 'Background');
    } catch (err) {
      if (isApiError(err, 404)) return;
      throw new Error(`${refOf(object)}: ${apiErrorMessage(err)}`, { cause: err });
    }
  });
}

/** Whether the object exists, read back from the apiserver. */
export async function exists(kc: KubeConfig, object: KubeObject): Promise<boolean> {
  try {
    await KubernetesObjectApi.makeApiClient(kc).read({
      apiVersion: object.apiVersion,
      kind: object.kind,
      metadata: { name: object.metadata.name, namespace: object.metadata.namespace },
    });
    return true;
  } catch (err) {
    if (isApiError(err, 404)) return false;
    throw err;
  }
}
