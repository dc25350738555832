// Incremental (delta) ADS, one xDS type on one stream, as pure decisions. The client says what
// it subscribes to and unsubscribes from, and on reconnect which versions it already has; the
// server sends only resources whose version (content hash) differs from what the client has,
// and names in removed_resources what the client has that no longer exists. Subscription
// changes count even in a request with a stale nonce (each request is a delta; dropping one
// would lose it); ACK/NACK counts only for the nonce of the last response. As in SotW, one
// response per type is out at a time, and a NACKed resource version is not sent again.
import type { XdsType } from '@epic/envoy-render';
import type { EncodedResource, TypeSnapshot } from './snapshot.js';
import type { Verdict } from './sotw-state.js';

export interface DeltaTypeState {
  readonly wildcard: boolean;
  /** Names subscribed explicitly (also served under a wildcard: API listeners). */
  readonly names: ReadonlySet<string>;
  /** name -> resource version the client has, as far as we know. */
  readonly known: ReadonlyMap<string, string>;
  /** The nonce of the unanswered response, if one is out. */
  readonly awaiting?: string | undefined;
  /** The version (system_version_info) of the last response. */
  readonly sentVersion?: string | undefined;
  /** Whether the client got any response for this type on this stream. */
  readonly answered: boolean;
}

export interface DeltaRequest {
  readonly type: XdsType;
  readonly subscribe: readonly string[];
  readonly unsubscribe: readonly string[];
  readonly initialVersions: Readonly<Record<string, string>>;
  readonly nonce: string;
  readonly error?: string | undefined;
}

function subscription(state: DeltaTypeState | undefined, request: DeltaRequest) {
  const names = new Set(state?.names ?? []);
  const known = new Map(state?.known ?? Object.entries(request.initialVersions));
  let wildcard = state ? state.wildcard : request.subscribe.length === 0;
  for (const name of request.subscribe) {
    if (name === '*') wildcard = true;
    else names.add(name);
  }
  for (const name of request.unsubscribe) {
    if (name === '*') wildcard = false;
    names.delete(name);
    known.delete(name);
  }
  return { names, known, wildcard };
}

function verdictOf(state: DeltaTypeState | undefined, request: DeltaRequest): Verdict {
  if (request.nonce === '') return { kind: 'subscribe' };
  if (!state?.awaiting || request.nonce !== state.awaiting) return { kind: 'stale' };
  const version = state.sentVersion ?? '';
  return request.error === undefined
    ? { kind: 'ack', version }
    : { kind: 'nack', version, message: request.error };
}

export function onDeltaRequest(
  state: DeltaTypeState | undefined,
  request: DeltaRequest,
): { state: DeltaTypeState; verdict: Verdict } {
  const verdict = verdictOf(state, request);
  const answered = verdict.kind === 'ack' || verdict.kind === 'nack';
  const { names, known, wildcard } = subscription(state, request);
  return {
    state: {
      wildcard,
      names,
      known,
      awaiting: answered ? undefined : state?.awaiting,
      sentVersion: state?.sentVersion,
      answered: state?.answered ?? false,
    },
    verdict,
  };
}

export interface DeltaDiff {
  readonly resources: readonly EncodedResource[];
  readonly removed: readonly string[];
}

function inScope(state: DeltaTypeState, type: TypeSnapshot): Set<string> {
  return new Set([...(state.wildcard ? type.wildcard : []), ...state.names]);
}

/** What the client lacks: changed or new resources in scope, and known ones now gone. */
export function deltaDiff(state: DeltaTypeState, type: TypeSnapshot): DeltaDiff {
  const scope = inScope(state, type);
  const resources: EncodedResource[] = [];
  for (const name of [...scope].sort()) {
    const found = type.resources.get(name);
    if (found && state.known.get(name) !== found.hash) resources.push(found);
  }
  const removed = [...state.known.keys()].filter((name) => !type.resources.has(name)).sort();
  return { resources, removed };
}

/** Whether a response is due: the first one for the type, or anything the client lacks. */
export function deltaPending(state: DeltaTypeState, type: TypeSnapshot | undefined): boolean {
  if (!type) return false;
  if (!state.answered) return true;
  const diff = deltaDiff(state, type);
  return diff.resources.length > 0 || diff.removed.length > 0;
}

export function afterDeltaSend(
  state: DeltaTypeState,
  sent: { diff: DeltaDiff; version: string; nonce: string },
): DeltaTypeState {
  const known = new Map(state.known);
  for (const resource of sent.diff.resources) known.set(resource.name, resource.hash);
  for (const name of sent.diff.removed) known.delete(name);
  return { ...state, known, awaiting: sent.nonce, sentVersion: sent.version, answered: true };
}
