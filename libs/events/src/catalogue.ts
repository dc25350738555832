// The catalogue: every event family, the union of all domain events, and the one parse every
// consumer runs on a message before trusting it. A message that fails it goes to the group's
// dead-letter topic with the reason (`EventParseError`) in its headers.
import { z } from 'zod';
import { AccountEvent, accountEventDocs } from './account-events.js';
import {
  EnvelopeHeader,
  flattenIssues,
  type EventTypeDoc,
  type Issue,
  type WatchedKind,
} from './envelope.js';
import { EpicConfigEvent, epicConfigEventDocs } from './epic-events.js';
import { EndpointSliceEvent, endpointSliceEventDocs } from './gw-endpoint-slice-events.js';
import { ProxyEvent, proxyEventDocs } from './gw-proxy-events.js';
import { RouteEvent, routeEventDocs } from './gw-route-events.js';
import { LoadBalancerEvent, loadBalancerEventDocs } from './load-balancer-events.js';
import { AccountNamespaceEvent, accountNamespaceEventDocs } from './namespace-events.js';
import { NodeEvent, nodeEventDocs } from './node-events.js';
import { ProxyPodEvent, proxyPodEventDocs } from './proxy-pod-events.js';
import { RemoteEndpointEvent, remoteEndpointEventDocs } from './remote-endpoint-events.js';
import { ServiceGroupEvent, serviceGroupEventDocs } from './service-group-events.js';
import { ServicePrefixEvent, servicePrefixEventDocs } from './service-prefix-events.js';
import { topicName, type EventFamily } from './topics.js';

/** Every domain event, discriminated by `type` (each family is itself such a union). */
export const DomainEvent = z.discriminatedUnion('type', [
  EpicConfigEvent,
  AccountEvent,
  ServicePrefixEvent,
  ServiceGroupEvent,
  LoadBalancerEvent,
  RemoteEndpointEvent,
  ProxyEvent,
  RouteEvent,
  EndpointSliceEvent,
  ProxyPodEvent,
  AccountNamespaceEvent,
  NodeEvent,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];
/** The event of one type: `EventOfType<'LoadBalancerChanged'>`. */
export type EventOfType<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;

/** The family (and so the topic) and the watched kind of each group of event types. */
const familyTable: readonly {
  family: EventFamily;
  kind: WatchedKind;
  docs: Readonly<Record<string, EventTypeDoc>>;
}[] = [
  { family: 'epic', kind: 'EPIC', docs: epicConfigEventDocs },
  { family: 'accounts', kind: 'Account', docs: accountEventDocs },
  { family: 'service-prefixes', kind: 'ServicePrefix', docs: servicePrefixEventDocs },
  { family: 'service-groups', kind: 'LBServiceGroup', docs: serviceGroupEventDocs },
  { family: 'loadbalancers', kind: 'LoadBalancer', docs: loadBalancerEventDocs },
  { family: 'remote-endpoints', kind: 'RemoteEndpoint', docs: remoteEndpointEventDocs },
  { family: 'proxies', kind: 'GWProxy', docs: proxyEventDocs },
  { family: 'routes', kind: 'GWRoute', docs: routeEventDocs },
  { family: 'endpoint-slices', kind: 'GWEndpointSlice', docs: endpointSliceEventDocs },
  { family: 'proxy-pods', kind: 'Pod', docs: proxyPodEventDocs },
  { family: 'namespaces', kind: 'Namespace', docs: accountNamespaceEventDocs },
  { family: 'nodes', kind: 'Node', docs: nodeEventDocs },
];

export interface EventTypeInfo extends EventTypeDoc {
  type: DomainEventType;
  family: EventFamily;
  kind: WatchedKind;
}

/** One entry per event type, in family order: the README's catalogue table. */
export const eventCatalogue: readonly EventTypeInfo[] = familyTable.flatMap(
  ({ family, kind, docs }) =>
    Object.entries(docs).map(([type, doc]) => ({
      ...doc,
      type: type as DomainEventType,
      family,
      kind,
    })),
);

const infoByType: ReadonlyMap<string, EventTypeInfo> = new Map(
  eventCatalogue.map((info) => [info.type, info]),
);

/** Every event type, in catalogue order. */
export const eventTypes: readonly DomainEventType[] = eventCatalogue.map((info) => info.type);

export function isDomainEventType(type: string): type is DomainEventType {
  return infoByType.has(type);
}

/** The catalogue entry of a type. */
export function eventTypeInfo(type: DomainEventType): EventTypeInfo {
  const info = infoByType.get(type);
  if (info === undefined) throw new Error(`event type ${type} is not in the catalogue`);
  return info;
}

/** The topic an event type is published to. */
export function eventTopic(type: DomainEventType, prefix = ''): string {
  return topicName(eventTypeInfo(type).family, prefix);
}

/** Why a message is not a domain event this build understands (the dead-letter reason). */
export const EventParseFailure = z.enum([
  'not-json',
  'not-an-envelope',
  'unknown-type',
  'unknown-version',
  'invalid-event',
]);
export type EventParseFailure = z.infer<typeof EventParseFailure>;

export interface EventParseError {
  reason: EventParseFailure;
  /** One line for logs and the dead-letter header. */
  message: string;
  type?: string;
  version?: number;
  issues: Issue[];
}

export type EventParseResult =
  | { readonly ok: true; readonly event: DomainEvent }
  | { readonly ok: false; readonly error: EventParseError };

function failure(error: EventParseError): EventParseResult {
  return { ok: false, error };
}

function checkHeader(header: EnvelopeHeader): EventParseError | undefined {
  const { type, version } = header;
  const info = infoByType.get(type);
  if (info === undefined) {
    return {
      reason: 'unknown-type',
      message: `event type "${type}" is unknown`,
      type,
      version,
      issues: [],
    };
  }
  if (!info.versions.includes(version)) {
    const known = info.versions.join(', ');
    return {
      reason: 'unknown-version',
      message: `${type} version ${version} is unknown (known: ${known})`,
      type,
      version,
      issues: [],
    };
  }
  return undefined;
}

/**
 * A message body (already JSON-decoded) as a typed domain event, or why not: not an envelope,
 * a type or version this build does not know, or a known type whose body fails its schema.
 */
export function parseDomainEvent(json: unknown): EventParseResult {
  const header = EnvelopeHeader.safeParse(json);
  if (!header.success) {
    return failure({
      reason: 'not-an-envelope',
      message: 'message is not an event envelope (needs string type and integer version >= 1)',
      issues: flattenIssues(header.error),
    });
  }
  const headerError = checkHeader(header.data);
  if (headerError !== undefined) return failure(headerError);
  const { type, version } = header.data;
  const parsed = DomainEvent.safeParse(json);
  if (parsed.success) return { ok: true, event: parsed.data };
  const issues = flattenIssues(parsed.error);
  const first = issues[0];
  const detail = first === undefined ? '' : `: ${first.path}: ${first.message}`;
  return failure({
    reason: 'invalid-event',
    message: `${type} version ${version} does not match its schema${detail}`,
    type,
    version,
    issues,
  });
}

/** A message value (UTF-8 JSON text) as a typed domain event, or why not. */
export function decodeDomainEvent(text: string): EventParseResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return failure({ reason: 'not-json', message: `message is not JSON: ${message}`, issues: [] });
  }
  return parseDomainEvent(json);
}
