// State-of-the-world ADS, one xDS type on one stream, as pure decisions. The rules:
// - a request with the nonce of our last response answers it: ACK, or NACK when it carries
//   error_detail; a request with an older nonce is stale and ignored (xDS spec); a further
//   request with an answered nonce only changes the names (gRPC repeats its error_detail
//   there, which is not a second NACK);
// - at most one unanswered response per type: a newer version waits for the answer;
// - a response goes out when the client has none yet, the type's version moved, or the names it
//   subscribes to changed. A NACKed version is the last one sent, so it is never sent again:
//   only a new version is (no NACK loop).
import type { XdsType } from '@epic/envoy-render';

export type Names = ReadonlySet<string> | 'wildcard';

export interface Sent {
  readonly version: string;
  readonly nonce: string;
  readonly names: Names;
}

export interface SotwTypeState {
  readonly names: Names;
  readonly sent?: Sent | undefined;
  /** A response is out and neither ACKed nor NACKed yet. */
  readonly awaiting: boolean;
}

export interface SotwRequest {
  readonly type: XdsType;
  readonly names: readonly string[];
  readonly nonce: string;
  /** error_detail.message of a NACK. */
  readonly error?: string | undefined;
}

export type Verdict =
  | { kind: 'subscribe' }
  | { kind: 'ack'; version: string }
  | { kind: 'nack'; version: string; message: string }
  /** The last response was answered already: a change of names, nothing more. */
  | { kind: 'repeat' }
  | { kind: 'stale' };

/** LDS and CDS treat an empty list as "everything" (legacy wildcard); RDS/EDS only at first. */
const emptyMeansAll: Readonly<Record<XdsType, boolean>> = {
  LDS: true,
  CDS: true,
  RDS: false,
  EDS: false,
};

export function requestedNames(type: XdsType, names: readonly string[], first: boolean): Names {
  if (names.includes('*')) return 'wildcard';
  if (names.length === 0 && (first || emptyMeansAll[type])) return 'wildcard';
  return new Set(names);
}

export function sameNames(a: Names, b: Names): boolean {
  if (a === 'wildcard' || b === 'wildcard') return a === b;
  return a.size === b.size && [...a].every((name) => b.has(name));
}

function answer(sent: Sent, request: SotwRequest): Verdict {
  return request.error === undefined
    ? { kind: 'ack', version: sent.version }
    : { kind: 'nack', version: sent.version, message: request.error };
}

/** Applies one request: the new state and what the request meant. */
export function onSotwRequest(
  state: SotwTypeState | undefined,
  request: SotwRequest,
): { state: SotwTypeState; verdict: Verdict } {
  const names = requestedNames(request.type, request.names, state === undefined);
  if (request.nonce === '') {
    // No nonce: a first request, or a client that lost track; it gets a full answer.
    return { state: { names, awaiting: false }, verdict: { kind: 'subscribe' } };
  }
  const sent = state?.sent;
  if (!state || !sent || request.nonce !== sent.nonce) {
    return { state: state ?? { names, awaiting: false }, verdict: { kind: 'stale' } };
  }
  const verdict = state.awaiting ? answer(sent, request) : ({ kind: 'repeat' } as const);
  return { state: { names, sent, awaiting: false }, verdict };
}

/** Whether this type has something the client has not been sent (waiting or not). */
export function sotwPending(state: SotwTypeState, version: string | undefined): boolean {
  if (version === undefined) return false;
  const { sent } = state;
  return !sent || sent.version !== version || !sameNames(sent.names, state.names);
}

export function afterSotwSend(state: SotwTypeState, version: string, nonce: string): SotwTypeState {
  return { names: state.names, sent: { version, nonce, names: state.names }, awaiting: true };
}
