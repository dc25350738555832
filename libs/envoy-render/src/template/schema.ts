// The shape of a service group's `envoy-template`. The model keeps the field free-form because
// the shape belongs to this renderer: it is validated here, once per distinct template, and a
// bad template is the group owner's error (TemplateError), not a data problem of one proxy.
import { z } from 'zod';

/** Which Envoy listener a listener template is for. */
export const listenerKinds = ['tcp', 'udp', 'http', 'https'] as const;
export type ListenerKind = (typeof listenerKinds)[number];

/** The resource kinds a template can hold, and the entry names each accepts. */
export const templateEntryNames = {
  listeners: listenerKinds,
  routes: ['http'],
  clusters: ['default'],
  endpoints: ['default'],
} as const;
export type ResourceKind = keyof typeof templateEntryNames;
export const resourceKinds = Object.keys(templateEntryNames) as ResourceKind[];

const TemplateEntry = z.strictObject({
  name: z.string().min(1),
  value: z.string().min(1),
});
export type TemplateEntry = z.infer<typeof TemplateEntry>;

function entriesOf(kind: ResourceKind) {
  const allowed: readonly string[] = templateEntryNames[kind];
  return z
    .array(TemplateEntry)
    .optional()
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      for (const [index, { name }] of (entries ?? []).entries()) {
        if (!allowed.includes(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `"${name}" is not a ${kind} template name; use one of ${allowed.join(', ')}`,
          });
        }
        if (seen.has(name)) {
          ctx.addIssue({
            code: 'custom',
            path: [index, 'name'],
            message: `${kind} template "${name}" appears twice`,
          });
        }
        seen.add(name);
      }
    });
}

/**
 * An envoy-template (EnvoyConfig-like, after marin3r's EnvoyConfigSpec). Strict objects: a
 * misspelt key (`listener:`) must fail loudly rather than silently fall back to a default.
 * `nodeID` is accepted for compatibility with the original's templates and ignored: the node id
 * is always `<namespace>.<name>` of the proxy.
 */
export const EnvoyTemplateSpec = z.strictObject({
  envoyAPI: z.literal('v3').default('v3'),
  serialization: z.enum(['yaml', 'json']).default('yaml'),
  nodeID: z.string().optional(),
  envoyResources: z
    .strictObject({
      listeners: entriesOf('listeners'),
      routes: entriesOf('routes'),
      clusters: entriesOf('clusters'),
      endpoints: entriesOf('endpoints'),
    })
    .prefault({}),
});
export type EnvoyTemplateSpec = z.infer<typeof EnvoyTemplateSpec>;
export type Serialization = EnvoyTemplateSpec['serialization'];

/** A template that cannot be used; `problems` name the path of each fault. */
export class TemplateError extends Error {
  override readonly name = 'TemplateError';
  constructor(
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(problems.length === 0 ? message : `${message}: ${problems.join('; ')}`);
  }
}

/** Validates a raw envoy-template (as read from a CR) or throws TemplateError. */
export function parseTemplateSpec(raw: unknown): EnvoyTemplateSpec {
  const parsed = EnvoyTemplateSpec.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new TemplateError(
    'invalid envoy-template',
    parsed.error.issues.map(
      (issue) => `${['', ...issue.path.map(String)].join('.') || '.'}: ${issue.message}`,
    ),
  );
}
