// What one dispatch decides, from the node tables and every proxy's finalizers. Pure.
//   - per node: the payload (table + the proxies whose finalizer for this node is to be
//     released: they carry it but the table no longer does; the agent releases them after it
//     has programmed the table, so tunnels are gone before the finalizer is);
//   - per proxy: the agent finalizers to add (one per node whose table carries it; never on a
//     proxy being deleted, which the apiserver refuses anyway) and the finalizers of nodes that
//     are no longer EPIC nodes (their agent will never come back to remove them); on a proxy
//     being deleted, also those of nodes whose agent is not alive (see agent-liveness.ts).
import {
  agentFinalizer,
  sameProxy,
  staleAgentFinalizers,
  type NodeTunnelTable,
  type ProxyRef,
} from '@epic/tunnel-plan';
import { nodePayload, type NodePayload } from '../shared/node-payload.js';
import type { ProxyFinalizers } from './plan-input.js';

export interface FinalizerChange {
  ref: ProxyRef;
  add: string[];
  remove: string[];
}

export interface DispatchPlan {
  payloads: NodePayload[];
  finalizers: FinalizerChange[];
}

function carries(table: NodeTunnelTable, ref: ProxyRef): boolean {
  return table.proxies.some((p) => sameProxy(p.proxy, ref));
}

export interface DispatchPlanInput {
  tables: readonly NodeTunnelTable[];
  proxies: readonly ProxyFinalizers[];
  /** Nodes that exist but have no table (no IPv4 InternalIP): their finalizers are not stale. */
  otherNodes?: readonly string[];
  /** Nodes whose agent is not alive: a deleting proxy does not wait for them. */
  agentless?: readonly string[];
}

export function planDispatch(input: DispatchPlanInput): DispatchPlan {
  const { tables, proxies } = input;
  const liveNodes = [...tables.map((t) => t.node), ...(input.otherNodes ?? [])];
  const payloads = tables.map((table) => {
    const release = proxies
      .filter(
        (p) =>
          p.finalizers.includes(agentFinalizer(p.ref.kind, table.node)) && !carries(table, p.ref),
      )
      .map((p) => p.ref);
    return nodePayload(table, release);
  });
  const finalizers = proxies.flatMap((p): FinalizerChange[] => {
    const wanted = p.deleting
      ? []
      : tables.filter((t) => carries(t, p.ref)).map((t) => agentFinalizer(p.ref.kind, t.node));
    const add = wanted.filter((f) => !p.finalizers.includes(f));
    const remove = [
      ...staleAgentFinalizers(p.ref.kind, p.finalizers, liveNodes),
      ...(p.deleting ? abandoned(p, input.agentless ?? []) : []),
    ];
    return add.length + remove.length === 0 ? [] : [{ ref: p.ref, add, remove }];
  });
  return { payloads, finalizers };
}

/** A deleting proxy's finalizers held by nodes without a live agent. */
function abandoned(p: ProxyFinalizers, agentless: readonly string[]): string[] {
  return agentless
    .map((node) => agentFinalizer(p.ref.kind, node))
    .filter((f) => p.finalizers.includes(f));
}

/** The finalizers after a change, or undefined when they already are that way. */
export function applyFinalizerChange(
  current: readonly string[] | undefined,
  change: Pick<FinalizerChange, 'add' | 'remove'>,
  deleting: boolean,
): string[] | undefined {
  const before = current ?? [];
  const kept = before.filter((f) => !change.remove.includes(f));
  const added = deleting ? [] : change.add.filter((f) => !kept.includes(f));
  const next = [...kept, ...added];
  const same = next.length === before.length && next.every((f, i) => f === before[i]);
  return same ? undefined : next;
}
