// The seed's world in the cluster: created when absent, reused when present (a second run
// changes nothing), read back for the convergence checklist.
import {
  CoreV1Api,
  PatchStrategy,
  setHeaderOptions,
  type KubeConfig,
  type V1Namespace,
} from '@kubernetes/client-node';
import { apiErrorMessage, EpicObjects, isApiError, orAbsent } from '@epic/kube';
import {
  accountKind,
  coreNamespace,
  epicKind,
  epicSingletonName,
  lbServiceGroupKind,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  servicePrefixKind,
} from '@epic/model';
import type { DemoPlan } from './demo-plan.js';
import type { Observed } from './convergence.js';
import { interfacePatches } from './pod-interfaces.js';
import * as seed from './seed-world.js';

export type Say = (line: string) => void;

/** Runs a create; an existing object (409) is kept as it is. Returns whether it was created. */
async function createOnce(what: string, create: () => Promise<unknown>): Promise<boolean> {
  try {
    await create();
    return true;
  } catch (err) {
    if (isApiError(err, 409)) return false;
    throw new Error(`creating ${what}: ${apiErrorMessage(err)}`, { cause: err });
  }
}

function report(say: Say, what: string) {
  return (created: boolean) => say(`  ${created ? 'created' : 'exists, kept'}  ${what}`);
}

/** A namespace that exists keeps its content; the labels the demo's selectors need are added. */
async function ensureLabelledNamespace(
  core: CoreV1Api,
  name: string,
  labels: Record<string, string>,
) {
  const body: V1Namespace = { metadata: { name, labels } };
  if (await createOnce(`Namespace ${name}`, () => core.createNamespace({ body }))) return true;
  const live = await core.readNamespace({ name });
  const missing = Object.entries(labels).some(([k, v]) => live.metadata?.labels?.[k] !== v);
  if (missing) {
    const merged = { ...live.metadata?.labels, ...labels };
    await core.replaceNamespace({
      name,
      body: { ...live, metadata: { ...live.metadata, labels: merged } },
    });
  }
  return false;
}

/**
 * Cluster-level pieces: the EPIC singleton (created only when absent: shared, never changed),
 * the KWOK node for the Envoy pods, and the account namespace (the webhooks need it labelled
 * before anything is created in it).
 */
export async function ensureFoundations(kc: KubeConfig, plan: DemoPlan, say: Say) {
  const core = kc.makeApiClient(CoreV1Api);
  const epics = new EpicObjects(kc, epicKind);
  await createOnce('the EPIC singleton', () => epics.create(seed.epicSingleton())).then(
    report(say, `EPIC ${coreNamespace}/${epicSingletonName}`),
  );
  await createOnce(`Node ${plan.node.name}`, () =>
    core.createNode({ body: seed.epicNode(plan) }),
  ).then(report(say, `Node ${plan.node.name} (KWOK, InternalIP ${plan.node.address})`));
  await ensureLabelledNamespace(core, plan.namespace, seed.namespaceLabels(plan)).then(
    report(say, `Namespace ${plan.namespace}`),
  );
}

/** The account, the pool, the group, the LoadBalancer and its endpoints, in dependency order. */
export async function ensureSeedObjects(kc: KubeConfig, plan: DemoPlan, say: Say) {
  const ns = plan.namespace;
  const steps: [string, () => Promise<unknown>][] = [
    [
      `Account ${ns}/${plan.account}`,
      () => new EpicObjects(kc, accountKind).create(seed.account(plan)),
    ],
    [
      `ServicePrefix ${coreNamespace}/${plan.servicePrefix} (pool ${plan.pool.pool}, subnet ${plan.pool.subnet})`,
      () => new EpicObjects(kc, servicePrefixKind).create(seed.servicePrefix(plan)),
    ],
    [
      `LBServiceGroup ${ns}/${plan.serviceGroup}`,
      () => new EpicObjects(kc, lbServiceGroupKind).create(seed.serviceGroup(plan)),
    ],
    [
      `LoadBalancer ${ns}/${plan.loadBalancer} (8888/TCP -> 8080, nodePort 30390)`,
      () => new EpicObjects(kc, loadBalancerKind).create(seed.loadBalancer(plan)),
    ],
    ...seed
      .remoteEndpoints(plan)
      .map((ep): [string, () => Promise<unknown>] => [
        `RemoteEndpoint ${ns}/${ep.metadata.name ?? ''} (${ep.spec.address} on client node ${ep.spec['node-address'] ?? ''})`,
        () => new EpicObjects(kc, remoteEndpointKind).create(ep),
      ]),
  ];
  for (const [what, create] of steps) {
    await createOnce(what, create).then(report(say, what));
  }
}

/** What the convergence checklist is computed from. */
export async function readObserved(kc: KubeConfig, plan: DemoPlan): Promise<Observed> {
  const ns = plan.namespace;
  const [account, loadBalancer, serviceGroup, remoteEndpoints] = await Promise.all([
    orAbsent(new EpicObjects(kc, accountKind).get({ namespace: ns, name: plan.account })),
    orAbsent(new EpicObjects(kc, loadBalancerKind).get({ namespace: ns, name: plan.loadBalancer })),
    orAbsent(
      new EpicObjects(kc, lbServiceGroupKind).get({ namespace: ns, name: plan.serviceGroup }),
    ),
    new EpicObjects(kc, remoteEndpointKind).list(
      ns,
      `${owningLoadBalancerLabel}=${plan.loadBalancer}`,
    ),
  ]);
  return { account, loadBalancer, serviceGroup, remoteEndpoints };
}

export async function readEpic(kc: KubeConfig) {
  return orAbsent(
    new EpicObjects(kc, epicKind).get({ namespace: coreNamespace, name: epicSingletonName }),
  );
}

/**
 * The node network daemon's part (see pod-interfaces.ts): annotate the LB's Envoy pods that
 * lack their veth. Returns the pods annotated.
 */
export async function annotateEnvoyPods(kc: KubeConfig, plan: DemoPlan): Promise<string[]> {
  const core = kc.makeApiClient(CoreV1Api);
  const pods = await core.listNamespacedPod({
    namespace: plan.namespace,
    labelSelector: `${owningLoadBalancerLabel}=${plan.loadBalancer}`,
  });
  const patches = interfacePatches(pods.items);
  for (const patch of patches) {
    try {
      await core.patchNamespacedPod(
        {
          namespace: plan.namespace,
          name: patch.pod,
          body: { metadata: { annotations: patch.annotations } },
        },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (err) {
      // The pod went away since the list: the next poll looks again.
      if (!isApiError(err, 404)) throw err;
    }
  }
  return patches.map((p) => p.pod);
}
