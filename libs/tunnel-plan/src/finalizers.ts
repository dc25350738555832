// Per-node agent finalizers: a node agent holds a proxy's deletion until it has taken the
// proxy's tunnels off its node. Names are the original's (built in @epic/model, which shortens
// an over-long node name with a hash so the finalizer stays a valid qualified name). A
// finalizer is added once, removed once the node no longer carries the proxy, and one left by
// a node that is gone can be found and removed by someone else, so it never hangs a deletion.
import { gwProxyAgentFinalizer, loadBalancerAgentFinalizer } from '@epic/model';
import type { ProxyKind } from './inputs.js';

const finalizerOf: Record<ProxyKind, (node: string) => string> = {
  LoadBalancer: loadBalancerAgentFinalizer,
  GWProxy: gwProxyAgentFinalizer,
};

const patternOf: Record<ProxyKind, RegExp> = {
  LoadBalancer: /^[a-z0-9.-]+\.lb\.controller-manager\.acnodal\.io\/finalizer$/,
  GWProxy: /^[a-z0-9.-]+\.gwp\.node-agent\.epic\.acnodal\.io$/,
};

/** `<node>.lb.controller-manager.acnodal.io/finalizer` or `<node>.gwp.node-agent.epic.acnodal.io`. */
export function agentFinalizer(kind: ProxyKind, node: string): string {
  return finalizerOf[kind](node);
}

/** True for any node's agent finalizer of this kind. */
export function isAgentFinalizer(kind: ProxyKind, finalizer: string): boolean {
  return patternOf[kind].test(finalizer);
}

export interface AgentFinalizerInput {
  kind: ProxyKind;
  node: string;
  /** metadata.finalizers as read. */
  finalizers: readonly string[] | undefined;
  /**
   * This node's table carries the proxy (it is not being deleted and has a pod here). Decide
   * after programming the node: a finalizer is only dropped once its tunnels are gone.
   */
  carried: boolean;
}

/**
 * The finalizers after this node's decision, or undefined when they stay as they are. Carried:
 * ours present exactly once; not carried (deleting, or no pod here any more): ours absent.
 */
export function agentFinalizersAfter(input: AgentFinalizerInput): string[] | undefined {
  const ours = agentFinalizer(input.kind, input.node);
  const current = input.finalizers ?? [];
  const count = current.filter((f) => f === ours).length;
  if (!input.carried) return count === 0 ? undefined : current.filter((f) => f !== ours);
  if (count === 1) return undefined;
  // Keep ours where it first was (or append it), and drop any repeat of it.
  const first = current.indexOf(ours);
  return count === 0 ? [...current, ours] : current.filter((f, i) => f !== ours || i === first);
}

/**
 * Agent finalizers of nodes that are not in `liveNodes` (deleted or renamed nodes, whose agent
 * will never remove them): what a cleanup pass removes so that a deletion does not hang.
 */
export function staleAgentFinalizers(
  kind: ProxyKind,
  finalizers: readonly string[] | undefined,
  liveNodes: readonly string[],
): string[] {
  const live = new Set(liveNodes.map((node) => agentFinalizer(kind, node)));
  return (finalizers ?? []).filter((f) => isAgentFinalizer(kind, f) && !live.has(f));
}
