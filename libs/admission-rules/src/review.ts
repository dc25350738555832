// One admission request, decoded: which kind, what operation, who asks, and the objects parsed
// with the kind's zod schema (after this boundary the rules trust the types). An object that
// does not parse is kept as a list of problems, so the validating webhook can say what is wrong.
import {
  formatFieldPath,
  kindDescriptor,
  type Account,
  type EPIC,
  type GWEndpointSlice,
  type GWProxy,
  type GWRoute,
  type LBServiceGroup,
  type LoadBalancer,
  type RemoteEndpoint,
  type ServicePrefix,
} from '@epic/model';
import type { AdmissionRequest, Operation, UserInfo } from './admission-review.js';

/** The object type of each kind of epic.acnodal.io/v1. */
export interface KindObjects {
  EPIC: EPIC;
  Account: Account;
  ServicePrefix: ServicePrefix;
  LBServiceGroup: LBServiceGroup;
  LoadBalancer: LoadBalancer;
  RemoteEndpoint: RemoteEndpoint;
  GWProxy: GWProxy;
  GWRoute: GWRoute;
  GWEndpointSlice: GWEndpointSlice;
}
export type EpicKind = keyof KindObjects;
export type EpicObject = KindObjects[EpicKind];
export type JsonObject = Record<string, unknown>;

export interface Review {
  uid: string;
  kind: EpicKind;
  operation: Operation;
  /** `status` for a write through the status subresource. */
  subResource?: string;
  namespace: string;
  name: string;
  user: UserInfo;
  dryRun: boolean;
  /** The new object (CREATE, UPDATE), parsed. */
  object?: EpicObject;
  /** The stored object (UPDATE, DELETE), parsed. */
  oldObject?: EpicObject;
  /** The new object exactly as sent: defaults are patched against it, not against zod's output. */
  rawObject?: JsonObject;
  /** Why `object` / `oldObject` did not parse (`spec.x: message`); empty when they did. */
  schemaProblems: string[];
}

export type ReviewResult = { ok: true; review: Review } | { ok: false; reason: string };

const epicKinds: ReadonlySet<string> = new Set<EpicKind>([
  'EPIC',
  'Account',
  'ServicePrefix',
  'LBServiceGroup',
  'LoadBalancer',
  'RemoteEndpoint',
  'GWProxy',
  'GWRoute',
  'GWEndpointSlice',
]);

function isEpicKind(kind: string): kind is EpicKind {
  return epicKinds.has(kind);
}

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface Parsed {
  value?: EpicObject;
  problems: string[];
}

/**
 * The object as the API would return it: on CREATE the apiserver sends unset metadata times as
 * `null` (`creationTimestamp: null`), which stored objects never hold.
 */
function withoutNullMetadata(raw: JsonObject): JsonObject {
  if (!isJsonObject(raw.metadata)) return raw;
  const metadata = Object.fromEntries(
    Object.entries(raw.metadata).filter(([, value]) => value !== null),
  );
  return { ...raw, metadata };
}

function parseObject(kind: EpicKind, raw: unknown): Parsed {
  if (!isJsonObject(raw)) return { problems: [] };
  const result = kindDescriptor(kind)?.object.safeParse(withoutNullMetadata(raw));
  if (!result) return { problems: [`no schema for kind ${kind}`] };
  if (result.success) return { value: result.data as EpicObject, problems: [] };
  return {
    problems: result.error.issues.map(
      (issue) => `${formatFieldPath(issue.path) || '<root>'}: ${issue.message}`,
    ),
  };
}

function metadataName(raw: unknown): string {
  if (!isJsonObject(raw) || !isJsonObject(raw.metadata)) return '';
  const name = raw.metadata.name;
  return typeof name === 'string' ? name : '';
}

/** The optional parts of a Review, present only when the request carried them. */
function presentParts(request: AdmissionRequest, object: Parsed, oldObject: Parsed) {
  return {
    ...(request.subResource ? { subResource: request.subResource } : {}),
    ...(object.value ? { object: object.value } : {}),
    ...(oldObject.value ? { oldObject: oldObject.value } : {}),
    ...(isJsonObject(request.object) ? { rawObject: request.object } : {}),
  };
}

/** Decodes a request for one of our kinds; any other kind is not ours to judge. */
export function reviewOf(request: AdmissionRequest): ReviewResult {
  const kind = request.kind.kind;
  if (request.kind.group !== 'epic.acnodal.io' || !isEpicKind(kind)) {
    return { ok: false, reason: `${request.kind.group}/${kind} is not an epic.acnodal.io kind` };
  }
  const object = parseObject(kind, request.object);
  const oldObject = parseObject(kind, request.oldObject);
  return {
    ok: true,
    review: {
      uid: request.uid,
      kind,
      operation: request.operation,
      namespace: request.namespace ?? '',
      // generateName leaves `name` empty at mutating admission.
      name: request.name || metadataName(request.object) || metadataName(request.oldObject),
      user: request.userInfo,
      dryRun: request.dryRun ?? false,
      ...presentParts(request, object, oldObject),
      schemaProblems: [...object.problems, ...oldObject.problems],
    },
  };
}

/** `LoadBalancer epic-acme/web`: how every message names the object. */
export function subjectOf(review: Pick<Review, 'kind' | 'namespace' | 'name'>): string {
  const name = review.name || '(generated name)';
  return `${review.kind} ${review.namespace}/${name}`;
}

/** The new object when it is of kind K. */
export function objectOf<K extends EpicKind>(review: Review, kind: K): KindObjects[K] | undefined {
  return review.object?.kind === kind ? (review.object as KindObjects[K]) : undefined;
}

/** The stored object when it is of kind K. */
export function oldObjectOf<K extends EpicKind>(
  review: Review,
  kind: K,
): KindObjects[K] | undefined {
  return review.oldObject?.kind === kind ? (review.oldObject as KindObjects[K]) : undefined;
}

/** True when the object is already being deleted (only finalizers and status should move). */
export function isBeingDeleted(review: Review): boolean {
  return review.object?.metadata.deletionTimestamp !== undefined;
}
