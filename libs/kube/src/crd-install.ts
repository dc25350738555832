import { setTimeout as sleep } from 'node:timers/promises';
import {
  ApiextensionsV1Api,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { apiErrorMessage, isApiError } from './api-error.js';
import { fromWireFormat } from './wire-format.js';

export interface InstallCrdsOptions {
  /** How long to wait for every CRD to be Established (default 30 s). */
  timeoutMs?: number;
  log?: (msg: string) => void;
}

/**
 * Creates each CRD, or replaces it when it exists (same as `kubectl apply` for objects we
 * own whole), then waits until the apiserver serves them all (condition Established).
 * CRDs are given in wire format, as in deploy/crds/*.yaml.
 */
export async function installCrds(
  kc: KubeConfig,
  wireCrds: object[],
  opts: InstallCrdsOptions = {},
): Promise<void> {
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const crds = wireCrds.map((c) => fromWireFormat<V1CustomResourceDefinition>(c));
  for (const crd of crds) {
    const name = crd.metadata?.name;
    if (!name)
      throw new Error('a CustomResourceDefinition without metadata.name cannot be installed');
    await createOrReplace(api, name, crd);
    opts.log?.(`CRD ${name} applied`);
  }
  await waitEstablished(
    api,
    crds.map((c) => c.metadata?.name ?? ''),
    opts.timeoutMs ?? 30_000,
  );
}

async function createOrReplace(
  api: ApiextensionsV1Api,
  name: string,
  crd: V1CustomResourceDefinition,
) {
  try {
    await api.createCustomResourceDefinition({ body: crd });
    return;
  } catch (err) {
    if (!isApiError(err, 409))
      throw new Error(`creating CRD ${name}: ${apiErrorMessage(err)}`, { cause: err });
  }
  // Exists: replace it with ours, carrying the live resourceVersion; retry a lost race.
  for (let attempt = 1; attempt <= 5; attempt++) {
    const live = await api.readCustomResourceDefinition({ name });
    const body = {
      ...crd,
      metadata: { ...crd.metadata, resourceVersion: live.metadata?.resourceVersion },
    };
    try {
      await api.replaceCustomResourceDefinition({ name, body });
      return;
    } catch (err) {
      if (!isApiError(err, 409) || attempt === 5) {
        throw new Error(`replacing CRD ${name}: ${apiErrorMessage(err)}`, { cause: err });
      }
    }
  }
}

async function waitEstablished(api: ApiextensionsV1Api, names: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  let pending = names;
  while (pending.length > 0) {
    const states = await Promise.all(
      pending.map(async (name) => ({ name, ok: await isEstablished(api, name) })),
    );
    pending = states.filter((s) => !s.ok).map((s) => s.name);
    if (pending.length === 0) return;
    if (Date.now() > deadline)
      throw new Error(`CRDs not Established after ${timeoutMs} ms: ${pending.join(', ')}`);
    await sleep(200);
  }
}

async function isEstablished(api: ApiextensionsV1Api, name: string): Promise<boolean> {
  const crd = await api.readCustomResourceDefinition({ name });
  return (crd.status?.conditions ?? []).some(
    (c) => c.type === 'Established' && c.status === 'True',
  );
}
