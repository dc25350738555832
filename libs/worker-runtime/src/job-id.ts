/**
 * The BullMQ job id of an event: deterministic, so a second delivery of the same event finds
 * the job already there and is dropped by BullMQ. Prefixed because BullMQ refuses ids with ':'
 * and treats all-digit ids as its own counters.
 */
export function jobIdFor(eventId: string): string {
  if (eventId.includes(':')) throw new Error(`event id ${eventId} contains ':'`);
  return `ev-${eventId}`;
}
