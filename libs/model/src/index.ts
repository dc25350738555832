// @epic/model: the epic.acnodal.io/v1 API. zod schemas are the source of truth for the TS
// types, for parsing objects read from the API, and for the generated CRDs.
import { accountKind } from './account.js';
import { epicKind } from './epic.js';
import { gwEndpointSliceKind } from './gw-endpoint-slice.js';
import { gwProxyKind } from './gw-proxy.js';
import { gwRouteKind } from './gw-route.js';
import type { KindDescriptor } from './kind-descriptor.js';
import { lbServiceGroupKind } from './lb-service-group.js';
import { loadBalancerKind } from './load-balancer.js';
import { remoteEndpointKind } from './remote-endpoint.js';
import { servicePrefixKind } from './service-prefix.js';

export * from './account.js';
export * from './client-ref.js';
export * from './common.js';
export * from './conditions.js';
export * from './crd/index.js';
export * from './dns-endpoint.js';
export * from './envoy.js';
export * from './epic.js';
export * from './field-path.js';
export * from './gateway-api.js';
export * from './gw-endpoint-slice.js';
export * from './gw-proxy.js';
export * from './gw-route.js';
export * from './ip-address.js';
export * from './kind-descriptor.js';
export * from './labels.js';
export * from './lb-service-group.js';
export * from './load-balancer.js';
export * from './names.js';
export * from './public-ports.js';
export * from './remote-endpoint.js';
export * from './service-group-ref.js';
export * from './service-prefix.js';
export * from './tunnel.js';
export * from './tunnel-key.js';

/** Every kind of epic.acnodal.io/v1, in a fixed order. */
export const epicKinds: readonly KindDescriptor[] = [
  epicKind,
  accountKind,
  servicePrefixKind,
  lbServiceGroupKind,
  loadBalancerKind,
  remoteEndpointKind,
  gwProxyKind,
  gwRouteKind,
  gwEndpointSliceKind,
];

export type EpicKindName = (typeof epicKinds)[number]['kind'];

/** The descriptor of a kind by its name (`LoadBalancer`), or undefined. */
export function kindDescriptor(kind: string): KindDescriptor | undefined {
  return epicKinds.find((k) => k.kind === kind);
}
