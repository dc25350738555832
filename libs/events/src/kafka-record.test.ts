import { describe, expect, it } from 'vitest';
import { decodeDomainEvent } from './catalogue.js';
import { deadLetterHeaders, eventRecord } from './kafka-record.js';
import { sampleEvents } from './testdata/index.js';

const samples = sampleEvents();

describe('eventRecord', () => {
  it('routes a LoadBalancer event to its topic, keyed by namespace/name', () => {
    const event = samples.find((e) => e.type === 'LoadBalancerRequested')!;
    const record = eventRecord(event, 't-1');
    expect(record).toMatchObject({
      topic: 't-1.epic.v1.loadbalancers',
      key: 'epic-acme/sample-web',
      headers: { 'epic-event-type': 'LoadBalancerRequested', 'epic-event-version': '1' },
    });
    expect(decodeDomainEvent(record.value)).toEqual({ ok: true, event });
  });

  it('refuses to produce an event that fails its schema', () => {
    const event = samples[0]!;
    expect(() => eventRecord({ ...event, id: 'not-a-uuid' })).toThrow();
  });
});

describe('deadLetterHeaders', () => {
  it('carries reason, message, group and source topic', () => {
    expect(
      deadLetterHeaders({
        group: 'audit',
        sourceTopic: 'epic.v1.accounts',
        error: {
          reason: 'unknown-version',
          message: 'AccountCreated version 2 is unknown (known: 1)',
        },
      }),
    ).toEqual({
      'epic-dlq-reason': 'unknown-version',
      'epic-dlq-message': 'AccountCreated version 2 is unknown (known: 1)',
      'epic-dlq-group': 'audit',
      'epic-dlq-source-topic': 'epic.v1.accounts',
    });
  });
});
