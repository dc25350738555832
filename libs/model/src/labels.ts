// Fixed label keys, label values and finalizer names (kept from the original EPIC).
import { deriveName, dnsLabelMaxLength, dnsSubdomainMaxLength } from './names.js';

/** On an LBServiceGroup: its Account (same namespace). */
export const owningAccountLabel = 'epic.acnodal.io/owning-account';
/** On an LBServiceGroup: its ServicePrefix (in the core namespace). */
export const owningServicePrefixLabel = 'epic.acnodal.io/owning-serviceprefix';
/** On a LoadBalancer / GWProxy: its LBServiceGroup (from spec.service-group). */
export const owningLBServiceGroupLabel = 'epic.acnodal.io/owning-lbservicegroup';
/** On a RemoteEndpoint (and a LoadBalancer's Envoy pods): the LoadBalancer. */
export const owningLoadBalancerLabel = 'epic.acnodal.io/owning-loadbalancer';
/** On the Envoy pods of a GWProxy: the GWProxy. */
export const owningProxyLabel = 'epic.acnodal.io/owning-proxy';

export const partOfLabel = 'app.kubernetes.io/part-of';
export const componentLabel = 'app.kubernetes.io/component';
export const partOfValue = 'epic';
export const userNamespaceComponent = 'user-namespace';

/** Put on everything EPIC creates. */
export const partOfEpicLabels: Readonly<Record<string, string>> = Object.freeze({
  [partOfLabel]: partOfValue,
});

/** Marks a Namespace as a user (account) namespace. */
export const userNamespaceLabels: Readonly<Record<string, string>> = Object.freeze({
  [componentLabel]: userNamespaceComponent,
  [partOfLabel]: partOfValue,
});

/** On objects EPIC cleans up after. */
export const controllerFinalizer = 'epic.acnodal.io/controller';

const lbAgentSuffix = '.lb.controller-manager.acnodal.io';
const gwpAgentSuffix = '.gwp.node-agent.epic.acnodal.io';

/**
 * Per-node agent finalizer on a LoadBalancer: `<node>.lb.controller-manager.acnodal.io/finalizer`.
 * The part before '/' must stay a DNS subdomain; an over-long node name is shortened with a hash.
 */
export function loadBalancerAgentFinalizer(node: string): string {
  const nodePart = deriveName([node], {
    kind: 'subdomain',
    maxLength: dnsSubdomainMaxLength - lbAgentSuffix.length,
  });
  return `${nodePart}${lbAgentSuffix}/finalizer`;
}

/**
 * Per-node agent finalizer on a GWProxy: `<node>.gwp.node-agent.epic.acnodal.io`. Without a '/'
 * the whole finalizer must fit 63 characters, so a node name over 32 is shortened with a hash
 * (the original produced an invalid finalizer there).
 */
export function gwProxyAgentFinalizer(node: string): string {
  const nodePart = deriveName([node], {
    kind: 'subdomain',
    maxLength: dnsLabelMaxLength - gwpAgentSuffix.length,
  });
  return `${nodePart}${gwpAgentSuffix}`;
}
