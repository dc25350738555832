import { partitionKey, type DomainEvent } from '@epic/events';

type Data = DomainEvent['data'];

/** What a payload adds to the line: the changed areas, the Envoy pod's place, the account. */
function details(data: Data): string[] {
  if ('changed' in data) return [`changed=${data.changed.join(',') || '-'}`];
  if ('pod' in data) {
    const { pod } = data;
    return [
      `owner=${pod.owner.kind}/${pod.owner.name}`,
      `node=${pod.nodeName ?? '-'}`,
      `ip=${pod.podIP ?? '-'}`,
      `ready=${String(pod.ready)}`,
    ];
  }
  if ('namespace' in data) return [`account=${data.namespace.account}`];
  return [];
}

/**
 * One human-readable line per event:
 * `2026-11-25T18:00:00.000Z  LoadBalancerChanged  epic-root/sample-acnodal  rv=2584  changed=spec.public-address`
 * Fields are separated by two spaces; a caused event ends with `cause=<event id>`.
 */
export function formatEvent(event: DomainEvent): string {
  const cause = event.causationId === undefined ? [] : [`cause=${event.causationId}`];
  return [
    event.occurredAt,
    event.type,
    partitionKey(event.source),
    `rv=${event.source.resourceVersion}`,
    ...details(event.data),
    ...cause,
  ].join('  ');
}
