// What the rendered RBAC lets each ServiceAccount do, flattened into single grants (one verb on
// one resource, in one scope), so it can be compared with what each app needs (app-access.ts)
// and asked of the apiserver one by one (access-review.ts).
import { z } from 'zod';
import { ofKind, refOf, type KubeObject } from './manifest.js';

const Rule = z.object({
  apiGroups: z.array(z.string()).default([]),
  resources: z.array(z.string()).default([]),
  verbs: z.array(z.string()),
  resourceNames: z.array(z.string()).optional(),
  nonResourceURLs: z.array(z.string()).optional(),
});
type Rule = z.infer<typeof Rule>;

const RoleBody = z.looseObject({ rules: z.array(Rule).default([]) });

const Subject = z.looseObject({
  kind: z.string(),
  name: z.string(),
  namespace: z.string().optional(),
});

const BindingBody = z.looseObject({
  roleRef: z.looseObject({ kind: z.enum(['Role', 'ClusterRole']), name: z.string() }),
  subjects: z.array(Subject).default([]),
});

/** Everywhere (a ClusterRoleBinding) or in one namespace (a RoleBinding). */
export type Scope = { kind: 'cluster' } | { kind: 'namespace'; namespace: string };

/** One verb on one resource (`pods`, `epics/status`), optionally of one named object. */
export interface Grant {
  scope: Scope;
  verb: string;
  /** `''` is the core group. */
  group: string;
  resource: string;
  name?: string;
}

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

const roleKinds = ['Role', 'ClusterRole'];
const bindingKinds = ['RoleBinding', 'ClusterRoleBinding'];

/** `cluster list epic.acnodal.io/loadbalancers`, `namespace:epic get epic.acnodal.io/epics name=epic`. */
export function grantText(grant: Grant): string {
  const scope = grant.scope.kind === 'cluster' ? 'cluster' : `namespace:${grant.scope.namespace}`;
  const named = grant.name === undefined ? '' : ` name=${grant.name}`;
  return `${scope} ${grant.verb} ${grant.group || 'core'}/${grant.resource}${named}`;
}

function rulesOf(role: KubeObject): Rule[] {
  return RoleBody.parse(role).rules;
}

function expandRule(rule: Rule, scope: Scope): Grant[] {
  const names = rule.resourceNames?.length ? rule.resourceNames : [undefined];
  return rule.apiGroups.flatMap((group) =>
    rule.resources.flatMap((resource) =>
      rule.verbs.flatMap((verb) =>
        names.map((name) => ({ scope, verb, group, resource, ...(name ? { name } : {}) })),
      ),
    ),
  );
}

/** Every rule field that holds `*` (verbs, resources, apiGroups, resourceNames, URLs). */
export function wildcardProblems(objects: readonly KubeObject[]): string[] {
  return ofKind(objects, ...roleKinds).flatMap((role) =>
    rulesOf(role).flatMap((rule, index) =>
      (['verbs', 'resources', 'apiGroups', 'resourceNames', 'nonResourceURLs'] as const)
        .filter((field) => (rule[field] ?? []).some((value) => value.includes('*')))
        .map((field) => `${refOf(role)} rule ${index + 1}: '*' in ${field}`),
    ),
  );
}

function roleFor(objects: readonly KubeObject[], binding: KubeObject) {
  const { roleRef } = BindingBody.parse(binding);
  const namespace = roleRef.kind === 'Role' ? binding.metadata.namespace : undefined;
  return objects.find(
    (o) =>
      o.kind === roleRef.kind &&
      o.metadata.name === roleRef.name &&
      o.metadata.namespace === namespace,
  );
}

/**
 * What "every app has its own ServiceAccount bound to its own role" rules out: bindings to
 * users or groups, to several subjects, to roles that are not part of the rendering (built-in
 * ones such as `edit`), and roles bound more than once (shared between apps).
 */
export function bindingProblems(objects: readonly KubeObject[]): string[] {
  const bindings = ofKind(objects, ...bindingKinds);
  const perBinding = bindings.flatMap((binding) => {
    const { subjects, roleRef } = BindingBody.parse(binding);
    const problems: string[] = [];
    if (subjects.length !== 1 || subjects[0]?.kind !== 'ServiceAccount') {
      problems.push(`${refOf(binding)} must bind exactly one ServiceAccount`);
    }
    if (!roleFor(objects, binding)) {
      problems.push(`${refOf(binding)} binds ${roleRef.kind} ${roleRef.name}, which is not ours`);
    }
    return problems;
  });
  const boundRoles = bindings.flatMap((b) => {
    const role = roleFor(objects, b);
    return role ? [refOf(role)] : [];
  });
  const shared = [...new Set(boundRoles)]
    .filter((role) => boundRoles.filter((r) => r === role).length > 1)
    .map((role) => `${role} is bound more than once: every app gets its own`);
  return [...perBinding, ...shared];
}

export function serviceAccountsOf(objects: readonly KubeObject[]): ServiceAccountRef[] {
  return ofKind(objects, 'ServiceAccount').map((sa) => ({
    namespace: sa.metadata.namespace ?? 'default',
    name: sa.metadata.name,
  }));
}

/** Every grant the rendered bindings give one ServiceAccount, sorted by their text. */
export function grantsOf(objects: readonly KubeObject[], account: ServiceAccountRef): Grant[] {
  const grants = ofKind(objects, ...bindingKinds).flatMap((binding) => {
    const { subjects } = BindingBody.parse(binding);
    const bound = subjects.some(
      (s) =>
        s.kind === 'ServiceAccount' && s.name === account.name && s.namespace === account.namespace,
    );
    const role = bound ? roleFor(objects, binding) : undefined;
    if (!role) return [];
    const scope: Scope =
      binding.kind === 'ClusterRoleBinding'
        ? { kind: 'cluster' }
        : { kind: 'namespace', namespace: binding.metadata.namespace ?? 'default' };
    return rulesOf(role).flatMap((rule) => expandRule(rule, scope));
  });
  return sortGrants(grants);
}

export function sortGrants(grants: readonly Grant[]): Grant[] {
  const unique = new Map(grants.map((g) => [grantText(g), g]));
  return [...unique.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, g]) => g);
}

/** Whether holding `own` allows `wanted` too: a cluster grant holds in every namespace, an unnamed one for every name. */
export function implies(own: Grant, wanted: Grant): boolean {
  const sameAction =
    own.verb === wanted.verb && own.group === wanted.group && own.resource === wanted.resource;
  const inScope =
    own.scope.kind === 'cluster' ||
    (wanted.scope.kind === 'namespace' && wanted.scope.namespace === own.scope.namespace);
  return sameAction && inScope && (own.name === undefined || own.name === wanted.name);
}
