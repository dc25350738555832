// What a producer sends for an event, and what a consumer adds when it dead-letters a message.
// Plain data: the Kafka adapter maps it onto its client.
import { DomainEvent, eventTopic, type EventParseError } from './catalogue.js';
import { partitionKey, type ConsumerGroup } from './topics.js';

/** Header names. Type and version ride in headers too, so tools can filter without parsing. */
export const eventHeaders = {
  type: 'epic-event-type',
  version: 'epic-event-version',
  dlqReason: 'epic-dlq-reason',
  dlqMessage: 'epic-dlq-message',
  dlqGroup: 'epic-dlq-group',
  dlqSourceTopic: 'epic-dlq-source-topic',
} as const;

export interface EventRecord {
  topic: string;
  key: string;
  /** UTF-8 JSON of the envelope. */
  value: string;
  headers: Record<string, string>;
}

/** The record for an event, parsed first (parse on produce). */
export function eventRecord(event: DomainEvent, prefix = ''): EventRecord {
  const parsed = DomainEvent.parse(event);
  return {
    topic: eventTopic(parsed.type, prefix),
    key: partitionKey(parsed.source),
    value: JSON.stringify(parsed),
    headers: { [eventHeaders.type]: parsed.type, [eventHeaders.version]: String(parsed.version) },
  };
}

/** Why a message is on a dead-letter topic: it could not be decoded, or its handler gave up. */
export type DeadLetterReason = EventParseError['reason'] | 'handler-failed';

/** The headers a consumer adds when it moves a message to its dead-letter topic. */
export function deadLetterHeaders(args: {
  group: ConsumerGroup;
  sourceTopic: string;
  error: { reason: DeadLetterReason; message: string };
}): Record<string, string> {
  return {
    [eventHeaders.dlqReason]: args.error.reason,
    [eventHeaders.dlqMessage]: args.error.message,
    [eventHeaders.dlqGroup]: args.group,
    [eventHeaders.dlqSourceTopic]: args.sourceTopic,
  };
}
