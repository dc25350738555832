// A proxy's xDS snapshot: per xDS type, its resources encoded once (protobuf Any) with a
// content hash each, and the version at which the type last changed. Streams only read it.
// The proxy's version (persisted in its group's status.proxy-snapshot-versions) moves by one
// per change; a type's version is the proxy version of its last change, so an endpoint change
// moves EDS only and listeners are never re-sent for it.
import {
  changedXdsTypes,
  contentHash,
  xdsTypes,
  type XdsSnapshot,
  type XdsType,
  type XdsTypeSnapshot,
} from '@epic/envoy-render';
import type { AnyMessage } from './ads-protocol.js';

export type ProxyKind = 'LoadBalancer' | 'GWProxy';

/** The object a snapshot serves, and the group its version is persisted in. */
export interface ProxyKey {
  readonly kind: ProxyKind;
  readonly namespace: string;
  readonly name: string;
  /** The LBServiceGroup; absent when the proxy names none. */
  readonly group?: string | undefined;
  /** Where the group is: the proxy's namespace, or the core one for a system group. */
  readonly groupNamespace?: string | undefined;
  readonly generation?: number | undefined;
}

export interface EncodedResource {
  readonly name: string;
  /** 16 hex digits of the resource's content hash: its version in the delta protocol. */
  readonly hash: string;
  readonly any: AnyMessage;
}

export interface TypeSnapshot {
  readonly typeUrl: string;
  /** The proxy version at which this type's content last changed. */
  readonly version: string;
  readonly hash: string;
  readonly resources: ReadonlyMap<string, EncodedResource>;
  /**
   * What a wildcard subscription gets. API listeners (for proxyless gRPC clients) are served
   * only by name: Envoy takes an api_listener from its bootstrap only, never over LDS.
   */
  readonly wildcard: readonly string[];
}

export interface ProxySnapshot {
  readonly nodeId: string;
  readonly proxy: ProxyKey;
  readonly version: number;
  readonly types: Readonly<Record<XdsType, TypeSnapshot>>;
}

/**
 * Where the proxy's version is kept: its group, under its name — or, in a system group that
 * serves every account, under its node id (`<namespace>.<name>`), since names repeat across
 * accounts.
 */
export function versionSlot(proxy: ProxyKey): {
  group?: { namespace: string; name: string };
  entry: string;
} {
  const namespace = proxy.groupNamespace ?? proxy.namespace;
  const entry = namespace === proxy.namespace ? proxy.name : `${proxy.namespace}.${proxy.name}`;
  return proxy.group ? { group: { namespace, name: proxy.group }, entry } : { entry };
}

/** Encodes a resource's proto3 JSON to protobuf binary, strictly (envoy-render/proto). */
export type Encoder = (typeUrl: string, json: unknown) => Uint8Array;

/** A type's content, encoded, waiting for its version. */
export type EncodedType = Omit<TypeSnapshot, 'version'>;

function asXdsSnapshot(snapshot: ProxySnapshot): XdsSnapshot {
  const types = Object.fromEntries(
    xdsTypes.map((type): [XdsType, XdsTypeSnapshot] => {
      const { typeUrl, hash } = snapshot.types[type];
      return [type, { typeUrl, hash, resources: [] }];
    }),
  ) as Record<XdsType, XdsTypeSnapshot>;
  return { nodeId: snapshot.nodeId, types };
}

/** The types whose content differs from the snapshot being served (all of them for a new proxy). */
export function changedTypes(previous: ProxySnapshot | undefined, next: XdsSnapshot): XdsType[] {
  return changedXdsTypes(previous ? asXdsSnapshot(previous) : undefined, next);
}

interface EncodeTypes {
  readonly previous: ProxySnapshot | undefined;
  readonly next: XdsSnapshot;
  readonly types: readonly XdsType[];
  /** Listener names served only by name (API listeners). */
  readonly byNameOnly: ReadonlySet<string>;
  readonly encode: Encoder;
}

/**
 * Encodes the changed types. A resource whose content hash is unchanged keeps its bytes, so a
 * large gateway re-encodes only what moved. Throws ProtoCheckError for an invalid resource.
 */
export function encodeTypes(input: EncodeTypes): Partial<Record<XdsType, EncodedType>> {
  const out: Partial<Record<XdsType, EncodedType>> = {};
  for (const type of input.types) {
    const { typeUrl, resources, hash } = input.next.types[type];
    const before = input.previous?.types[type].resources;
    const encoded = new Map<string, EncodedResource>();
    for (const { name, resource } of resources) {
      const resourceHash = contentHash(resource);
      const kept = before?.get(name);
      const any =
        kept?.hash === resourceHash
          ? kept.any
          : { type_url: typeUrl, value: input.encode(typeUrl, resource) };
      encoded.set(name, { name, hash: resourceHash, any });
    }
    const wildcard = [...encoded.keys()].filter((name) => !input.byNameOnly.has(name));
    out[type] = { typeUrl, hash, resources: encoded, wildcard };
  }
  return out;
}

interface Stamp {
  readonly previous: ProxySnapshot | undefined;
  readonly nodeId: string;
  readonly proxy: ProxyKey;
  readonly encoded: Partial<Record<XdsType, EncodedType>>;
  readonly version: number;
}

/** The next snapshot: changed types at `version`, the others as they were. */
export function stampSnapshot(input: Stamp): ProxySnapshot {
  const version = String(input.version);
  const types = Object.fromEntries(
    xdsTypes.map((type): [XdsType, TypeSnapshot] => {
      const changed = input.encoded[type];
      const kept = input.previous?.types[type];
      if (changed) return [type, { ...changed, version }];
      if (!kept) throw new Error(`${input.nodeId}: ${type} is neither changed nor served before`);
      return [type, kept];
    }),
  ) as Record<XdsType, TypeSnapshot>;
  return { nodeId: input.nodeId, proxy: input.proxy, version: input.version, types };
}
