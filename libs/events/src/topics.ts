// Topic layout (also in README.md):
//
//   [<prefix>.]epic.v1.<family>     one topic per event family, e.g. epic.v1.loadbalancers
//   [<prefix>.]epic.v1.dlq.<group>  one dead-letter topic per consumer group
//
// - The prefix isolates a deployment or a test run (`t-<uuid>`): every topic and consumer group
//   of that run carries it, so parallel tests never see each other's messages.
// - `v1` is the layout version, not an event version: events version themselves in the envelope.
//   A new layout (say, merged topics) would be `epic.v2.*`, run side by side while consumers move.
// - Key = `<namespace>/<name>` of the source object (`partitionKey`), so all events of one object
//   land on one partition and stay in order. Not the uid: a delete followed by a re-create under
//   the same name must also stay in order (Gone before Requested).
// - Partition counts bound each group's parallelism. Adding partitions later re-maps keys, which
//   breaks per-object order across the change, so the busy families start with room to grow.
import { z } from 'zod';
import type { EventSource } from './envelope.js';

export const topicLayoutVersion = 'v1';
const topicBase = `epic.${topicLayoutVersion}`;

/** An event family: one topic each. */
export const EventFamily = z.enum([
  'epic',
  'accounts',
  'service-prefixes',
  'service-groups',
  'loadbalancers',
  'remote-endpoints',
  'proxies',
  'routes',
  'endpoint-slices',
  'proxy-pods',
  'namespaces',
  'nodes',
]);
export type EventFamily = z.infer<typeof EventFamily>;
export const eventFamilies: readonly EventFamily[] = EventFamily.options;

/** The consumer groups (one per worker). */
export const ConsumerGroup = z.enum([
  'id-allocator',
  'envoy-renderer',
  'xds-server',
  'tunnel-programmer',
  'address-allocator',
  'audit',
]);
export type ConsumerGroup = z.infer<typeof ConsumerGroup>;

/** Which families each worker consumes. */
export const subscriptions: Readonly<Record<ConsumerGroup, readonly EventFamily[]>> = {
  'id-allocator': [
    'accounts',
    'loadbalancers',
    'remote-endpoints',
    'proxies',
    'endpoint-slices',
    'proxy-pods',
    'epic',
  ],
  'envoy-renderer': [
    'loadbalancers',
    'proxies',
    'routes',
    'endpoint-slices',
    'remote-endpoints',
    'service-groups',
    'proxy-pods',
    'epic',
  ],
  // The xDS server keeps every proxy's snapshot current: the renderer's inputs, without pods.
  'xds-server': [
    'loadbalancers',
    'proxies',
    'routes',
    'endpoint-slices',
    'remote-endpoints',
    'service-groups',
    'epic',
  ],
  // Routes decide which endpoints (so which client nodes) a GWProxy tunnels to; nodes, which
  // EPIC nodes there are and their addresses.
  'tunnel-programmer': [
    'loadbalancers',
    'proxies',
    'remote-endpoints',
    'routes',
    'endpoint-slices',
    'proxy-pods',
    'nodes',
  ],
  'address-allocator': ['service-prefixes', 'loadbalancers', 'proxies'],
  audit: eventFamilies,
};

/** Default partitions per family topic. */
export const defaultPartitions: Readonly<Record<EventFamily, number>> = {
  epic: 1, // one object, one key
  accounts: 3,
  'service-prefixes': 1,
  'service-groups': 3,
  loadbalancers: 6,
  'remote-endpoints': 6,
  proxies: 6,
  routes: 6,
  'endpoint-slices': 6,
  'proxy-pods': 6,
  namespaces: 3,
  nodes: 3,
};
/** Dead letters are rare and read by people: one partition keeps them in arrival order. */
export const dlqPartitions = 1;

export class InvalidTopicPrefixError extends Error {
  constructor(readonly prefix: string) {
    super(
      `topic prefix "${prefix}" is invalid: use letters, digits, '.', '_' or '-', ` +
        `not starting or ending with '.', at most 100 characters`,
    );
    this.name = 'InvalidTopicPrefixError';
  }
}

const prefixPattern = /^[A-Za-z0-9_-](?:[A-Za-z0-9._-]{0,98}[A-Za-z0-9_-])?$/;

function prefixed(name: string, prefix: string): string {
  if (prefix === '') return name;
  if (!prefixPattern.test(prefix)) throw new InvalidTopicPrefixError(prefix);
  return `${prefix}.${name}`;
}

/** `[<prefix>.]epic.v1.<family>`; an empty prefix means none. */
export function topicName(family: EventFamily, prefix = ''): string {
  return prefixed(`${topicBase}.${family}`, prefix);
}

/** `[<prefix>.]epic.v1.dlq.<group>`: where a group's consumer puts messages it cannot handle. */
export function dlqTopicName(group: ConsumerGroup, prefix = ''): string {
  return prefixed(`${topicBase}.dlq.${group}`, prefix);
}

/** `[<prefix>.]epic.v1.<group>`: the Kafka consumer group id of a worker. */
export function consumerGroupId(group: ConsumerGroup, prefix = ''): string {
  return prefixed(`${topicBase}.${group}`, prefix);
}

/** The topics a worker subscribes to. */
export function subscribedTopics(group: ConsumerGroup, prefix = ''): string[] {
  return subscriptions[group].map((family) => topicName(family, prefix));
}

/**
 * `<namespace>/<name>`: the message key, so one object's events stay on one partition, in
 * order. Cluster-scoped objects (Namespace) have no namespace: the key is the name.
 */
export function partitionKey(source: Pick<EventSource, 'namespace' | 'name'>): string {
  return source.namespace === undefined ? source.name : `${source.namespace}/${source.name}`;
}

export interface TopicPlan {
  topic: string;
  numPartitions: number;
}

/** Every topic of a deployment (families, then dead-letter topics), for the admin client. */
export function topicPlan(prefix = ''): TopicPlan[] {
  return [
    ...eventFamilies.map((family) => ({
      topic: topicName(family, prefix),
      numPartitions: defaultPartitions[family],
    })),
    ...ConsumerGroup.options.map((group) => ({
      topic: dlqTopicName(group, prefix),
      numPartitions: dlqPartitions,
    })),
  ];
}
