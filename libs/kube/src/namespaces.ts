import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import { isApiError } from './api-error.js';

/** Creates the namespace unless it exists; labels are applied only on create. */
export async function ensureNamespace(
  kc: KubeConfig,
  name: string,
  labels: Record<string, string> = {},
): Promise<void> {
  const api = kc.makeApiClient(CoreV1Api);
  try {
    await api.createNamespace({ body: { metadata: { name, labels } } });
  } catch (err) {
    if (!isApiError(err, 409)) throw new Error(`creating namespace ${name}`, { cause: err });
  }
}

/** Starts deleting the namespace (and everything in it); absent is fine. */
export async function deleteNamespace(kc: KubeConfig, name: string): Promise<void> {
  const api = kc.makeApiClient(CoreV1Api);
  try {
    await api.deleteNamespace({ name });
  } catch (err) {
    if (!isApiError(err, 404)) throw new Error(`deleting namespace ${name}`, { cause: err });
  }
}
