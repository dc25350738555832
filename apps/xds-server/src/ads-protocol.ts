// The wire shapes of the xDS discovery protocol (envoy.service.discovery.v3), as proto-loader
// hands them over with keepCase: only the fields this server reads or writes. The Envoy protos
// are the ones @grpc/grpc-js-xds ships in deps/, the same files envoy-render checks against.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { ServiceDefinition } from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { xdsTypeUrls, xdsTypes, type XdsType } from '@epic/envoy-render';

export interface AnyMessage {
  type_url: string;
  value: Uint8Array;
}

export interface XdsNode {
  id?: string;
  cluster?: string;
}

export interface RpcStatus {
  code?: number;
  message?: string;
}

export interface DiscoveryRequest {
  version_info?: string;
  node?: XdsNode | null;
  resource_names: string[];
  type_url?: string;
  response_nonce?: string;
  error_detail?: RpcStatus | null;
}

export interface DiscoveryResponse {
  version_info: string;
  resources: AnyMessage[];
  type_url: string;
  nonce: string;
}

export interface DeltaDiscoveryRequest {
  node?: XdsNode | null;
  type_url?: string;
  resource_names_subscribe: string[];
  resource_names_unsubscribe: string[];
  initial_resource_versions: Record<string, string>;
  response_nonce?: string;
  error_detail?: RpcStatus | null;
}

export interface DeltaResource {
  name: string;
  version: string;
  resource: AnyMessage;
}

export interface DeltaDiscoveryResponse {
  system_version_info: string;
  resources: DeltaResource[];
  type_url: string;
  removed_resources: string[];
  nonce: string;
}

const typeByUrl: ReadonlyMap<string, XdsType> = new Map(
  xdsTypes.map((type) => [xdsTypeUrls[type], type]),
);

/** The xDS type of a type URL this server serves, or undefined (e.g. SDS, which it does not). */
export function xdsTypeOf(typeUrl: string | undefined): XdsType | undefined {
  return typeUrl === undefined ? undefined : typeByUrl.get(typeUrl);
}

/** Where @grpc/grpc-js-xds keeps the Envoy API protos (found through Node's resolution). */
export function envoyProtoDirs(): string[] {
  const require = createRequire(import.meta.url);
  const deps = join(dirname(require.resolve('@grpc/grpc-js-xds/package.json')), 'deps');
  return ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'].map((dir) => join(deps, dir));
}

let service: ServiceDefinition | undefined;

/**
 * envoy.service.discovery.v3.AggregatedDiscoveryService, loaded once. `arrays` and `objects`
 * make absent repeated and map fields empty, so handlers need no null checks for them.
 */
export function adsServiceDefinition(): ServiceDefinition {
  if (service) return service;
  const definition = loadSync('envoy/service/discovery/v3/ads.proto', {
    keepCase: true,
    longs: String,
    enums: String,
    defaults: false,
    arrays: true,
    objects: true,
    oneofs: true,
    includeDirs: envoyProtoDirs(),
  });
  service = definition[
    'envoy.service.discovery.v3.AggregatedDiscoveryService'
  ] as unknown as ServiceDefinition;
  return service;
}
