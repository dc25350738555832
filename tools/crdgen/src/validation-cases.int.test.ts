// The shared validation table, sent through the REAL kube-apiserver: the generated CRD must
// reach the same verdict as the zod schema (libs/model validation.test.ts), and a rejection
// must name the field. Server-side dry run, so nothing is stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coreNamespace, epicSingletonName, kindDescriptor, type KindDescriptor } from '@epic/model';
import { validationCases, type ValidationCase } from '@epic/model/testdata';
import { apiErrorCode, apiErrorMessage, EpicObjects, loadKubeConfig } from '@epic/kube';
import { createTestAccountNamespace, uniqueName } from '@epic/testing';
import type { KubeConfig } from '@kubernetes/client-node';

type Obj = { metadata: Record<string, unknown>; spec?: unknown; status?: unknown };

let kc: KubeConfig;
let ns: Awaited<ReturnType<typeof createTestAccountNamespace>>;

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  ns = await createTestAccountNamespace(kc, 'cases');
  await ensureSingleton(new EpicObjects(kc, descriptor('EPIC')));
});
afterAll(async () => ns?.remove());

function descriptor(kind: string): KindDescriptor {
  const d = kindDescriptor(kind);
  if (!d) throw new Error(`no kind ${kind} in @epic/model`);
  return d;
}

async function ensureSingleton(epics: EpicObjects<KindDescriptor>) {
  try {
    await epics.create({
      apiVersion: 'epic.acnodal.io/v1',
      kind: 'EPIC',
      metadata: { name: epicSingletonName, namespace: coreNamespace },
      spec: {},
    });
  } catch (err) {
    if (apiErrorCode(err) !== 409) throw err;
  }
}

/** Sends one case; resolves to the apiserver's rejection message, or undefined if accepted. */
async function submit(c: ValidationCase): Promise<string | undefined> {
  const api = new EpicObjects(kc, descriptor(c.kind));
  const obj = structuredClone(c.object) as Obj;
  const { status, ...withoutStatus } = obj;
  try {
    if (c.kind === 'EPIC') await submitSingleton(api, obj);
    else await submitNamespaced(api, c, withoutStatus, status);
    return undefined;
  } catch (err) {
    if (apiErrorCode(err) !== 422) throw err;
    return apiErrorMessage(err);
  }
}

// The singleton exists (epic/epic): a case is a dry-run Update of it, spec then status.
async function submitSingleton(api: EpicObjects<KindDescriptor>, obj: Obj) {
  const live = (await api.get({ namespace: coreNamespace, name: epicSingletonName })) as Obj;
  const metadata = {
    ...obj.metadata,
    resourceVersion: live.metadata.resourceVersion,
    uid: undefined,
  };
  await api.replace({ ...obj, metadata, status: undefined }, { dryRun: true });
  if (obj.status !== undefined)
    await api.replaceStatus({ ...live, status: obj.status }, { dryRun: true });
}

// Dry-run create; a status is only checked through the status subresource, so such a case
// creates the object for real (in the test namespace) and dry-runs the status Update.
async function submitNamespaced(
  api: EpicObjects<KindDescriptor>,
  c: ValidationCase,
  obj: Obj,
  status: unknown,
) {
  const namespace = c.kind === 'ServicePrefix' ? coreNamespace : ns.namespace;
  const body = { ...obj, metadata: { name: uniqueName('case'), namespace } };
  if (status === undefined) {
    await api.create(body, { dryRun: true });
    return;
  }
  const created = (await api.create(body)) as Obj;
  try {
    await api.replaceStatus({ ...created, status }, { dryRun: true });
  } finally {
    if (namespace === coreNamespace) await api.delete({ namespace, name: body.metadata.name });
  }
}

describe('the generated CRDs and the zod schemas agree on the shared table', () => {
  it.each(validationCases.filter((c) => c.valid).map((c) => [c.name, c] as const))(
    'accepts: %s',
    async (_, c) => {
      expect(await submit(c)).toBeUndefined();
    },
  );

  it.each(validationCases.filter((c) => !c.valid).map((c) => [c.name, c] as const))(
    'rejects: %s',
    async (_, c) => {
      const message = await submit(c);
      expect(message, 'the apiserver accepted an object zod rejects').toBeDefined();
      expect(message).toContain(c.field);
    },
  );
});
