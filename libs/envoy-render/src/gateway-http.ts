// HTTPRoutes attached to one HTTP(S) Envoy listener -> its RouteConfiguration: one virtual host
// per hostname, routes in Gateway API precedence. Hostnames are checked here, so a route with an
// IP-address hostname is reported and served on its other hostnames instead of crashing.
import type { GWRouteInput } from '@epic/model';
import { weightedBackends, type ClusterRegistry } from './gateway-backends.js';
import { attachesTo, namesListener, type PortGroup } from './gateway-listeners.js';
import { coveringWildcards, hostnameProblem, routeHostnames } from './hostnames.js';
import {
  compareMatches,
  envoyRouteMatch,
  type HTTPRouteMatchInput,
  type RankedMatch,
} from './http-match.js';
import type { RouteConfigIR, RouteIR, VirtualHostIR } from './ir.js';
import { canonicalJson, compareStrings } from './json.js';
import type { ProxyRef } from './names.js';

/** A route with its place in the proxy's route order (oldest first). */
export interface IndexedRoute {
  readonly route: GWRouteInput;
  readonly index: number;
  readonly report: (message: string) => void;
}

interface Entry {
  readonly hostname: string;
  readonly ranked: RankedMatch;
  readonly route: RouteIR;
}

type HttpRule = NonNullable<NonNullable<GWRouteInput['spec']['http']>['rules']>[number];

export interface HttpContext {
  readonly proxy: ProxyRef;
  readonly registry: ClusterRegistry;
}

/** The route's usable hostnames; undefined when it named some and none is usable. */
function usableHostnames(route: IndexedRoute): string[] | undefined {
  const named = route.route.spec.http?.hostnames ?? [];
  const usable = named.filter((hostname) => {
    const problem = hostnameProblem(hostname);
    if (problem) route.report(`${problem}; hostname ignored`);
    return problem === undefined;
  });
  if (named.length > 0 && usable.length === 0) {
    route.report('no usable hostname left; route not attached');
    return undefined;
  }
  return usable;
}

function ruleEntries(
  route: IndexedRoute,
  rule: HttpRule,
  ruleIndex: number,
  ctx: HttpContext,
): Omit<Entry, 'hostname'>[] {
  if (
    (rule.filters?.length ?? 0) > 0 ||
    (rule.backendRefs ?? []).some((b) => (b.filters?.length ?? 0) > 0)
  ) {
    route.report(`rule ${ruleIndex}: filters are not supported yet; rendered without them`);
  }
  const backends = weightedBackends(
    rule.backendRefs ?? [],
    ctx.proxy.namespace,
    ctx.registry,
    route.report,
  );
  const matches: readonly HTTPRouteMatchInput[] = rule.matches?.length ? rule.matches : [{}];
  return matches.flatMap((match, matchIndex) => {
    const translated = envoyRouteMatch(match);
    if (!translated.ok) {
      route.report(`rule ${ruleIndex} match ${matchIndex}: ${translated.reason}; match skipped`);
      return [];
    }
    const name = `${route.route.metadata.name ?? ''}/rule/${ruleIndex}/match/${matchIndex}`;
    return [
      {
        ranked: { match, origin: { routeIndex: route.index, ruleIndex, matchIndex } },
        route: { name, match: translated.match, backends },
      },
    ];
  });
}

/** The hostnames the route serves through this port's listeners it attaches to. */
function hostsOnPort(route: IndexedRoute, group: PortGroup, ctx: HttpContext): string[] {
  const hostnames = usableHostnames(route);
  if (!hostnames) return [];
  return group.listeners
    .filter((listener) => attachesTo(route.route, ctx.proxy, listener))
    .flatMap((listener) => {
      const hosts = routeHostnames(listener.hostname, hostnames);
      if (hosts.length === 0) route.report(`shares no hostname with listener "${listener.name}"`);
      return hosts;
    });
}

function routeEntries(route: IndexedRoute, group: PortGroup, ctx: HttpContext): Entry[] {
  const hosts = hostsOnPort(route, group, ctx);
  // Rules are translated (and their clusters registered) only for a route that serves here.
  if (hosts.length === 0) return [];
  const rules = route.route.spec.http?.rules ?? [];
  const perRule = rules.flatMap((rule, ruleIndex) => ruleEntries(route, rule, ruleIndex, ctx));
  return hosts.flatMap((hostname) => perRule.map((entry) => ({ ...entry, hostname })));
}

/** A route attached through two listeners of one port meets itself: that is no conflict. */
function sameOrigin(a: RankedMatch, b: RankedMatch): boolean {
  return (
    a.origin.routeIndex === b.origin.routeIndex &&
    a.origin.ruleIndex === b.origin.ruleIndex &&
    a.origin.matchIndex === b.origin.matchIndex
  );
}

type ShadowReport = (routeIndex: number, message: string) => void;

/**
 * One virtual host: its own routes in precedence order, then those of the wildcard hosts that
 * cover it (most specific first). A match already taken earlier is dropped; inside one host's
 * own routes that is a conflict between routes and is reported.
 */
function virtualHost(
  hostname: string,
  tiers: readonly Entry[][],
  report: ShadowReport,
): VirtualHostIR {
  const seen = new Map<string, { ranked: RankedMatch; tier: number }>();
  const routes: RouteIR[] = [];
  for (const [tier, entries] of tiers.entries()) {
    for (const entry of [...entries].sort((a, b) => compareMatches(a.ranked, b.ranked))) {
      const key = canonicalJson(entry.route.match);
      const earlier = seen.get(key);
      if (!earlier) {
        seen.set(key, { ranked: entry.ranked, tier });
        routes.push(entry.route);
      } else if (earlier.tier === tier && !sameOrigin(earlier.ranked, entry.ranked)) {
        report(
          entry.ranked.origin.routeIndex,
          `${entry.route.name} on ${hostname} is shadowed by an older route with the same match`,
        );
      }
    }
  }
  return { name: hostname, domains: [hostname], routes };
}

/** The RouteConfiguration of one HTTP(S) Envoy listener. */
export function httpRouteConfig(
  name: string,
  group: PortGroup,
  routes: readonly IndexedRoute[],
  ctx: HttpContext,
): RouteConfigIR {
  const byHost = new Map<string, Entry[]>();
  for (const route of routes) {
    const attached = group.listeners.some((l) => attachesTo(route.route, ctx.proxy, l));
    if (!attached) continue;
    if (!route.route.spec.http) {
      if (group.listeners.some((l) => namesListener(route.route, ctx.proxy, l))) {
        route.report(
          `a TCPRoute cannot attach to ${group.kind.toUpperCase()} port ${group.port}; ignored there`,
        );
      }
      continue;
    }
    for (const entry of routeEntries(route, group, ctx)) {
      byHost.set(entry.hostname, [...(byHost.get(entry.hostname) ?? []), entry]);
    }
  }
  const reportFor = (index: number, message: string) =>
    routes.find((r) => r.index === index)?.report(message);
  const hosts = [...byHost.keys()].sort(compareStrings);
  const virtualHosts = hosts.map((hostname) =>
    virtualHost(
      hostname,
      [hostname, ...coveringWildcards(hostname, hosts)].map((h) => byHost.get(h) ?? []),
      reportFor,
    ),
  );
  return { name, virtualHosts };
}
