// Rendered resources -> one set per xDS type, each with a content hash. The xDS server compares
// hashes to decide what to push: an endpoint change alters only the EDS hash, so listeners,
// routes and clusters are not re-sent (re-sending a listener can drain its connections).
import { createHash } from 'node:crypto';
import { canonicalJson, type JsonValue } from './json.js';
import type { EnvoyResource, EnvoyResources } from './render.js';

export const xdsTypeUrls = {
  LDS: 'type.googleapis.com/envoy.config.listener.v3.Listener',
  RDS: 'type.googleapis.com/envoy.config.route.v3.RouteConfiguration',
  CDS: 'type.googleapis.com/envoy.config.cluster.v3.Cluster',
  EDS: 'type.googleapis.com/envoy.config.endpoint.v3.ClusterLoadAssignment',
} as const;
export type XdsType = keyof typeof xdsTypeUrls;
/** In the order a server should push them (make-before-break: clusters before listeners). */
export const xdsTypes: readonly XdsType[] = ['CDS', 'EDS', 'LDS', 'RDS'];

export interface XdsTypeSnapshot {
  readonly typeUrl: string;
  readonly resources: readonly EnvoyResource[];
  /** 16 hex digits of SHA-256 over the canonical JSON of the resources: equal content, equal hash. */
  readonly hash: string;
}

export interface XdsSnapshot {
  readonly nodeId: string;
  readonly types: Readonly<Record<XdsType, XdsTypeSnapshot>>;
}

const resourcesOf: Readonly<Record<XdsType, (r: EnvoyResources) => readonly EnvoyResource[]>> = {
  LDS: (r) => r.listeners,
  RDS: (r) => r.routes,
  CDS: (r) => r.clusters,
  EDS: (r) => r.endpoints,
};

/** SHA-256 of the canonical JSON, shortened: a version label, not a security boundary. */
export function contentHash(value: JsonValue): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 16);
}

/** Splits a proxy's resources per xDS type, each with the hash of its content. */
export function splitByXdsType(resources: EnvoyResources): XdsSnapshot {
  const types = Object.fromEntries(
    xdsTypes.map((type) => {
      const list = resourcesOf[type](resources);
      const hash = contentHash(list.map((r) => ({ name: r.name, resource: r.resource })));
      return [type, { typeUrl: xdsTypeUrls[type], resources: list, hash }];
    }),
  ) as Record<XdsType, XdsTypeSnapshot>;
  return { nodeId: resources.nodeId, types };
}

/** The xDS types whose content differs between two snapshots of the same proxy. */
export function changedXdsTypes(before: XdsSnapshot | undefined, after: XdsSnapshot): XdsType[] {
  return xdsTypes.filter((type) => before?.types[type].hash !== after.types[type].hash);
}
