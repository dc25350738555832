import { describe, expect, it } from 'vitest';
import {
  ConsumerGroup,
  consumerGroupId,
  dlqTopicName,
  eventFamilies,
  InvalidTopicPrefixError,
  partitionKey,
  subscribedTopics,
  subscriptions,
  topicName,
  topicPlan,
  type EventFamily,
} from './topics.js';

describe('topicName', () => {
  it.each<[EventFamily, string | undefined, string]>([
    ['loadbalancers', undefined, 'epic.v1.loadbalancers'],
    ['accounts', '', 'epic.v1.accounts'],
    ['proxy-pods', 't-1f0c', 't-1f0c.epic.v1.proxy-pods'],
    ['namespaces', 'staging.eu_1', 'staging.eu_1.epic.v1.namespaces'],
  ])('%s with prefix %j is %s', (family, prefix, topic) => {
    expect(topicName(family, prefix)).toBe(topic);
  });

  it.each(['.x', 'x.', 'a b', 'a/b', 'x'.repeat(101)])('rejects prefix %j', (prefix) => {
    expect(() => topicName('epic', prefix)).toThrow(InvalidTopicPrefixError);
  });
});

describe('dead letters and groups', () => {
  it.each<[ConsumerGroup, string, string, string]>([
    ['id-allocator', '', 'epic.v1.dlq.id-allocator', 'epic.v1.id-allocator'],
    ['audit', 't-9', 't-9.epic.v1.dlq.audit', 't-9.epic.v1.audit'],
  ])('%s (prefix %j): dlq %s, group id %s', (group, prefix, dlq, id) => {
    expect(dlqTopicName(group, prefix)).toBe(dlq);
    expect(consumerGroupId(group, prefix)).toBe(id);
  });
});

describe('partitionKey', () => {
  it.each([
    [{ namespace: 'epic-acme', name: 'sample-web' }, 'epic-acme/sample-web'],
    [{ namespace: 'epic', name: 'epic' }, 'epic/epic'],
    [{ name: 'epic-acme' }, 'epic-acme'],
  ])('%j -> %s', (source, key) => {
    expect(partitionKey(source)).toBe(key);
  });
});

describe('subscriptions', () => {
  it('gives the audit every family', () => {
    expect(subscriptions.audit).toEqual(eventFamilies);
  });

  it('gives the tunnel-programmer its seven topics', () => {
    expect(subscribedTopics('tunnel-programmer', 't')).toEqual([
      't.epic.v1.loadbalancers',
      't.epic.v1.proxies',
      't.epic.v1.remote-endpoints',
      't.epic.v1.routes',
      't.epic.v1.endpoint-slices',
      't.epic.v1.proxy-pods',
      't.epic.v1.nodes',
    ]);
  });

  it('plans one topic per family and one dead-letter topic per group', () => {
    const plan = topicPlan('t');
    expect(plan).toHaveLength(eventFamilies.length + ConsumerGroup.options.length);
    expect(plan).toContainEqual({ topic: 't.epic.v1.loadbalancers', numPartitions: 6 });
    expect(plan).toContainEqual({ topic: 't.epic.v1.dlq.audit', numPartitions: 1 });
  });
});
