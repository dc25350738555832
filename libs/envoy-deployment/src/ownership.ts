// Whose a Deployment or ConfigMap named like the proxy's is, and envoy-renderer's finalizer on
// the proxy. We never overwrite or delete an object that another controller owns: the apiserver
// would refuse a second controller reference anyway, and the object may be someone's own.
import { refusal, type Refusal } from './envoy-choice.js';
import { envoyRendererFinalizer } from './envoy-names.js';
import { describeProxy, owningLabelOf, type ProxySource } from './proxy-source.js';

/** What the decision reads of an existing object. */
export interface OwnedView {
  metadata?: {
    labels?: Record<string, string> | undefined;
    ownerReferences?: readonly OwnerView[] | undefined;
  };
}

interface OwnerView {
  kind: string;
  name: string;
  uid: string;
  controller?: boolean | undefined;
}

export type Ownership =
  { kind: 'absent' } | { kind: 'ours' } | { kind: 'foreign'; refusal: Refusal };

type Owned = Pick<ProxySource, 'kind' | 'namespace' | 'name' | 'uid'>;

/**
 * Ours: it names the proxy's uid as an owner; or it has no controller and its pod label names
 * the proxy (orphaned, e.g. by `kubectl delete --cascade=orphan`, which strips owner
 * references): adopting it is what the user meant. Anything else is foreign.
 */
export function ownershipOf(
  existing: OwnedView | undefined,
  proxy: Owned,
  what: { kind: 'Deployment' | 'ConfigMap'; name: string },
): Ownership {
  if (!existing) return { kind: 'absent' };
  const owners = existing.metadata?.ownerReferences ?? [];
  if (owners.some((o) => o.uid === proxy.uid)) return { kind: 'ours' };
  const controller = owners.find((o) => o.controller === true);
  const labelled = existing.metadata?.labels?.[owningLabelOf[proxy.kind]] === proxy.name;
  if (!controller && labelled) return { kind: 'ours' };
  const whose = controller
    ? `its controller is ${controller.kind} ${controller.name} (uid ${controller.uid})`
    : 'it was not made for this proxy';
  return {
    kind: 'foreign',
    refusal: refusal(
      'DeploymentConflict',
      `${what.kind} ${what.name} in namespace ${proxy.namespace} is not ${describeProxy(proxy)}'s: ${whose}; delete it to let the proxy have its Envoy.`,
    ),
  };
}

interface Finalized {
  metadata: { finalizers?: string[] | undefined };
}

export function holdsEnvoyFinalizer(object: Finalized): boolean {
  return (object.metadata.finalizers ?? []).includes(envoyRendererFinalizer);
}

/** The object with envoy-renderer's finalizer added, or undefined when it holds it already. */
export function withEnvoyFinalizer<T extends Finalized>(object: T): T | undefined {
  if (holdsEnvoyFinalizer(object)) return undefined;
  const finalizers = [...(object.metadata.finalizers ?? []), envoyRendererFinalizer];
  return { ...object, metadata: { ...object.metadata, finalizers } };
}

/** The object without envoy-renderer's finalizer, or undefined when it does not hold it. */
export function withoutEnvoyFinalizer<T extends Finalized>(object: T): T | undefined {
  if (!holdsEnvoyFinalizer(object)) return undefined;
  const finalizers = (object.metadata.finalizers ?? []).filter((f) => f !== envoyRendererFinalizer);
  return { ...object, metadata: { ...object.metadata, finalizers } };
}
