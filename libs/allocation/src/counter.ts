// The seed's counter: a status field holding the last ID handed out (0 or absent: none yet).
// Claiming k IDs hands out last+1..last+k and moves the counter to last+k. It never wraps: a
// wrapped counter would hand out an ID that something may still hold.

/** Group and service IDs are 16-bit. */
export const uint16Max = 65535;
/** Tunnel IDs are 32-bit (the GUE header carries 4 bytes). */
export const uint32Max = 4294967295;

export interface ClaimRangeInput {
  /** The counter as read: the last ID handed out, 0 when none yet. */
  last: number;
  /** How many new IDs are wanted (at least 1). */
  count: number;
  /** The largest ID the field can hold. */
  max: number;
}

export type ClaimRange =
  | { ok: true; first: number; last: number }
  | {
      ok: false;
      reason: 'exhausted';
      message: string;
      /** How many IDs were asked for. */
      asked: number;
      /** How many are still free above the counter. */
      remaining: number;
    };

/**
 * Claims `count` consecutive IDs above the counter: the new IDs are `first..last`, and `last` is
 * the counter's new value. Asking for more than remain is a result, not an exception; a count
 * below 1 or a counter outside 0..max is a caller bug and throws.
 */
export function claimRange({ last, count, max }: ClaimRangeInput): ClaimRange {
  assertCounter(last, max);
  if (!Number.isSafeInteger(count) || count < 1) {
    throw new RangeError(`claimRange: count must be an integer of at least 1, got ${count}`);
  }
  const remaining = max - last;
  if (count > remaining) {
    return {
      ok: false,
      reason: 'exhausted',
      asked: count,
      remaining,
      message: `cannot hand out ${plural(count, 'ID')}: only ${remaining} of ${max} remain (the counter is at ${last})`,
    };
  }
  return { ok: true, first: last + 1, last: last + count };
}

/** A counter field as read: absent means none handed out yet. */
export function counterValue(field: number | undefined): number {
  return field ?? 0;
}

/**
 * Whether an ID field holds an ID. IDs start at 1, so 0 was never handed out: it is the zero
 * value an older writer may have left, and it means "none" like an absent field.
 */
export function isAssigned(id: number | undefined): id is number {
  return id !== undefined && id > 0;
}

/** `1 ID`, `3 IDs`, `2 service IDs`. */
/** A batch plan that cannot be met: nothing is claimed, and it says how many were asked and remain. */
export interface ExhaustedPlan {
  kind: 'exhausted';
  reason: 'exhausted';
  message: string;
  asked: number;
  remaining: number;
}

/** The exhausted plan for a failed claim, with the caller's message naming the object. */
export function exhaustedPlan(
  claim: Extract<ClaimRange, { ok: false }>,
  message: string,
): ExhaustedPlan {
  return {
    kind: 'exhausted',
    reason: 'exhausted',
    message,
    asked: claim.asked,
    remaining: claim.remaining,
  };
}

export function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function assertCounter(last: number, max: number): void {
  if (!Number.isSafeInteger(max) || max < 1) {
    throw new RangeError(`claimRange: max must be a positive integer, got ${max}`);
  }
  if (!Number.isSafeInteger(last) || last < 0 || last > max) {
    throw new RangeError(`claimRange: the counter must be an integer in 0..${max}, got ${last}`);
  }
}
