// An object that cannot become an event: it fails its @epic/model schema, or lacks the identity an
// event source needs (name, namespace, uid, resourceVersion). It yields no event; the caller logs
// and counts it, and the object's next valid version is reported as a resync (…Observed).
import { z } from 'zod';
import { WatchedKind, type Issue } from './envelope.js';

/** Which side of an (old, new) pair an object was. */
export const ObjectRole = z.enum(['old', 'new']);
export type ObjectRole = z.infer<typeof ObjectRole>;

export const InvalidObject = z.object({
  kind: WatchedKind,
  role: ObjectRole,
  /** Best-effort identity, read from the raw object without trusting it. */
  namespace: z.string().optional(),
  name: z.string().optional(),
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  /** One line for the log. */
  message: z.string(),
  issues: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type InvalidObject = z.infer<typeof InvalidObject>;

const maybeString = z.string().optional().catch(undefined);
const RawRef = z
  .object({
    metadata: z
      .object({
        namespace: maybeString,
        name: maybeString,
        uid: maybeString,
        resourceVersion: maybeString,
      })
      .catch({}),
  })
  .catch({ metadata: {} });

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export function invalidObject(args: {
  kind: WatchedKind;
  role: ObjectRole;
  raw: unknown;
  message: string;
  issues: Issue[];
}): InvalidObject {
  const { kind, role, raw, message, issues } = args;
  const ref = withoutUndefined(RawRef.parse(raw).metadata);
  const first = issues[0];
  const detail = first === undefined ? '' : ` (${first.path}: ${first.message})`;
  return { kind, role, ...ref, message: `${message}${detail}`, issues };
}
