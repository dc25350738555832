// Numeric IDs are handed out by the id-allocator from shared counters; an ID typed by hand can
// duplicate another, so only configured ID writers may set, change or remove one (id-writers.ts).
// Spec IDs (LoadBalancer service-id, Account group-id) are checked on the resource itself; tunnel
// IDs and the counters live in status and are checked on writes to the status subresource.
// Dropping a client node's tunnel entry is allowed: its ID is simply never used again.
import type { GueTunnelEndpoints } from '@epic/model';
import { describeUser, isIdWriter, type IdWriters } from './id-writers.js';
import { subjectOf, type EpicObject, type Review } from './review.js';
import { forbidden, type Problem } from './verdict.js';

interface HeldId {
  value: number;
  /** Whether a non-writer may drop it (a tunnel entry), unlike a counter or a spec ID. */
  removable: boolean;
}

type HeldIds = Map<string, HeldId>;

function put(ids: HeldIds, path: string, value: number | undefined, removable = false) {
  // 0 is "no ID yet": IDs start at 1.
  if (value !== undefined && value !== 0) ids.set(path, { value, removable });
}

function specIds(object: EpicObject): HeldIds {
  const ids: HeldIds = new Map();
  if (object.kind === 'LoadBalancer') put(ids, 'spec.service-id', object.spec['service-id']);
  if (object.kind === 'Account') put(ids, 'spec.group-id', object.spec['group-id']);
  return ids;
}

function tunnelIds(ids: HeldIds, tunnels: GueTunnelEndpoints | undefined) {
  const base = 'status.gue-tunnel-endpoints';
  for (const [node, entry] of Object.entries(tunnels ?? {})) {
    put(ids, `${base}.${node}.tunnel-id`, entry['tunnel-id'], true);
    for (const [epicNode, pair] of Object.entries(entry['epic-endpoints'] ?? {})) {
      put(ids, `${base}.${node}.epic-endpoints.${epicNode}.tunnel-id`, pair['tunnel-id'], true);
    }
  }
}

function statusIds(object: EpicObject): HeldIds {
  const ids: HeldIds = new Map();
  if (object.kind === 'EPIC') {
    put(ids, 'status.current-tunnel-id', object.status?.['current-tunnel-id']);
    put(ids, 'status.current-group-id', object.status?.['current-group-id']);
  }
  if (object.kind === 'Account') {
    put(ids, 'status.current-service-id', object.status?.['current-service-id']);
  }
  if (object.kind === 'LoadBalancer' || object.kind === 'GWProxy') {
    tunnelIds(ids, object.status?.['gue-tunnel-endpoints']);
  }
  return ids;
}

const onlyWriters = 'only the id-allocator writes IDs';

function changeProblem(review: Review, path: string, before?: HeldId, after?: HeldId) {
  const who = describeUser(review.user);
  const subject = subjectOf(review);
  if (!before && after) {
    return forbidden(
      `${subject}: ${path} cannot be set by ${who} (${onlyWriters}): remove ${path} and let EPIC allocate it`,
    );
  }
  if (before && !after) {
    return before.removable
      ? undefined
      : forbidden(
          `${subject}: ${path} is ${before.value} and cannot be removed by ${who} (${onlyWriters}): keep ${before.value}`,
        );
  }
  if (before && after && before.value !== after.value) {
    return forbidden(
      `${subject}: ${path} is ${before.value} and cannot be changed to ${after.value} by ${who} (${onlyWriters}): keep ${before.value}`,
    );
  }
  return undefined;
}

/** ID fields a non-writer tried to set, change or remove. */
export function idFieldProblems(review: Review, writers: IdWriters): Problem[] {
  if (review.operation !== 'CREATE' && review.operation !== 'UPDATE') return [];
  if (!review.object || isIdWriter(writers, review.user)) return [];
  if (review.subResource !== undefined && review.subResource !== 'status') return [];
  const read = review.subResource === 'status' ? statusIds : specIds;
  const after = read(review.object);
  const before = review.oldObject ? read(review.oldObject) : new Map<string, HeldId>();
  const paths = [...new Set([...before.keys(), ...after.keys()])].sort();
  return paths
    .map((path) => changeProblem(review, path, before.get(path), after.get(path)))
    .filter((p): p is Problem => p !== undefined);
}
