// One Gateway API HTTPRouteMatch -> an Envoy RouteMatch, and the precedence the Gateway API
// gives it. Envoy takes the first route that matches, so the order of routes IS the precedence.
import type { HTTPRouteMatch } from '@epic/model';
import type { JsonObject } from './json.js';

type NameValue = NonNullable<HTTPRouteMatch['headers']>[number];
type NameValueInput = Omit<NameValue, 'type'> & { type?: NameValue['type'] | undefined };

/** A match as written: the path and the match types may be left to their defaults. */
export interface HTTPRouteMatchInput {
  readonly path?:
    | {
        readonly type?: HTTPRouteMatch['path']['type'] | undefined;
        readonly value?: string | undefined;
      }
    | undefined;
  readonly headers?: readonly NameValueInput[] | undefined;
  readonly queryParams?: readonly NameValueInput[] | undefined;
  readonly method?: HTTPRouteMatch['method'] | undefined;
}

export type MatchTranslation = { ok: true; match: JsonObject } | { ok: false; reason: string };

const pathTypeRank = { Exact: 0, RegularExpression: 1, PathPrefix: 2 } as const;

function stringMatch(type: NameValue['type'] | undefined, value: string): JsonObject {
  return type === 'RegularExpression' ? { safe_regex: { regex: value } } : { exact: value };
}

/**
 * Gateway API path prefixes match whole path segments (`/foo` matches `/foo/bar`, not
 * `/foobar`) and ignore a trailing slash: Envoy's path_separated_prefix, which wants the
 * prefix without one. `/` alone matches everything.
 */
function pathMatch(type: keyof typeof pathTypeRank, value: string): MatchTranslation {
  if (type === 'Exact') return { ok: true, match: { path: value } };
  if (type === 'RegularExpression') return { ok: true, match: { safe_regex: { regex: value } } };
  const prefix = value.replace(/\/+$/, '');
  if (prefix === '') return { ok: true, match: { prefix: '/' } };
  if (/[?#]/.test(prefix)) return { ok: false, reason: `path prefix "${value}" contains ? or #` };
  return { ok: true, match: { path_separated_prefix: prefix } };
}

/** The Gateway API says: of several matchers for one name, the first counts. */
function firstPerName(
  items: readonly NameValueInput[],
  normalize: (name: string) => string,
): NameValueInput[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const name = normalize(item.name);
    if (seen.has(name)) return false;
    seen.add(name);
    return true;
  });
}

function headerMatchers(match: HTTPRouteMatchInput): JsonObject[] {
  // Envoy keeps header names lowercase; HTTP header names are case-insensitive.
  const headers = firstPerName(match.headers ?? [], (n) => n.toLowerCase()).map((h) => ({
    name: h.name.toLowerCase(),
    string_match: stringMatch(h.type, h.value),
  }));
  return match.method
    ? [...headers, { name: ':method', string_match: { exact: match.method } }]
    : headers;
}

function queryMatchers(match: HTTPRouteMatchInput): JsonObject[] {
  return firstPerName(match.queryParams ?? [], (n) => n).map((q) => ({
    name: q.name,
    string_match: stringMatch(q.type, q.value),
  }));
}

/** An Envoy RouteMatch for a Gateway API match, or why there is none. */
export function envoyRouteMatch(match: HTTPRouteMatchInput): MatchTranslation {
  const path = pathMatch(match.path?.type ?? 'PathPrefix', match.path?.value ?? '/');
  if (!path.ok) return path;
  const headers = headerMatchers(match);
  const query = queryMatchers(match);
  return {
    ok: true,
    match: {
      ...path.match,
      ...(headers.length > 0 ? { headers } : {}),
      ...(query.length > 0 ? { query_parameters: query } : {}),
    },
  };
}

/** Where a match comes from; ties between equally specific matches go by this. */
export interface MatchOrigin {
  /** Position of the route among the proxy's routes, oldest first (then by name). */
  readonly routeIndex: number;
  readonly ruleIndex: number;
  readonly matchIndex: number;
}

export interface RankedMatch {
  readonly match: HTTPRouteMatchInput;
  readonly origin: MatchOrigin;
}

function pathLength(match: HTTPRouteMatchInput): number {
  const value = match.path?.value ?? '/';
  // `/api/` and `/api` are the same prefix; the trailing slash must not rank one higher.
  return (match.path?.type ?? 'PathPrefix') === 'PathPrefix'
    ? value.replace(/\/+$/, '').length
    : value.length;
}

function specificity(match: HTTPRouteMatchInput): number[] {
  return [
    pathTypeRank[match.path?.type ?? 'PathPrefix'],
    -pathLength(match),
    match.method ? 0 : 1,
    -(match.headers?.length ?? 0),
    -(match.queryParams?.length ?? 0),
  ];
}

/**
 * Gateway API precedence: exact path, then regular expression, then prefix (longest first);
 * then a method; then most headers; then most query parameters; then the oldest route, and
 * the rule and match order inside it. A total order, so the output never depends on input order.
 */
export function compareMatches(a: RankedMatch, b: RankedMatch): number {
  const left = [
    ...specificity(a.match),
    a.origin.routeIndex,
    a.origin.ruleIndex,
    a.origin.matchIndex,
  ];
  const right = [
    ...specificity(b.match),
    b.origin.routeIndex,
    b.origin.ruleIndex,
    b.origin.matchIndex,
  ];
  for (const [i, value] of left.entries()) {
    const diff = value - right[i]!;
    if (diff !== 0) return diff;
  }
  return 0;
}
