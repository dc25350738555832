// Gateway API hostnames: which hostnames a route serves on a listener. The original crashed the
// manager when a route named an IP address (its hostname check failed, the next loop
// dereferenced the empty result). Here a bad hostname is a value: it is reported and skipped.
import { isIPAddress } from '@epic/model';
import { compareStrings } from './json.js';

const hostnamePattern = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Why a hostname cannot be used, or undefined when it can. */
export function hostnameProblem(hostname: string): string | undefined {
  if (isIPAddress(hostname)) return `hostname "${hostname}" is an IP address, not a DNS name`;
  if (hostname.length > 253 || !hostnamePattern.test(hostname)) {
    return `hostname "${hostname}" is not a valid DNS name (lowercase, optionally "*." first)`;
  }
  return undefined;
}

function isWildcard(hostname: string): boolean {
  return hostname.startsWith('*.');
}

/** `*.example.com` matches `a.example.com` and `a.b.example.com`, never `example.com`. */
function wildcardCovers(wildcard: string, hostname: string): boolean {
  return hostname.endsWith(wildcard.slice(1));
}

/** The hostname both a listener and a route accept, if any: the more specific of the two. */
function intersect(listener: string, route: string): string | undefined {
  if (listener === route) return route;
  if (isWildcard(listener) && wildcardCovers(listener, route)) return route;
  if (isWildcard(route) && wildcardCovers(route, listener)) return listener;
  return undefined;
}

/**
 * The hostnames a route serves through a listener (Gateway API rules). A listener without a
 * hostname takes the route's; a route without hostnames takes the listener's; `*` means any.
 * Sorted and unique; empty when the route and the listener share no hostname.
 */
export function routeHostnames(
  listenerHostname: string | undefined,
  routeHostnames: readonly string[],
): string[] {
  let hosts: string[];
  if (!listenerHostname) hosts = routeHostnames.length > 0 ? [...routeHostnames] : ['*'];
  else if (routeHostnames.length === 0) hosts = [listenerHostname];
  else {
    hosts = routeHostnames
      .map((route) => intersect(listenerHostname, route))
      .filter((h): h is string => h !== undefined);
  }
  return [...new Set(hosts)].sort(compareStrings);
}

/**
 * The wildcard hostnames (`*`, `*.example.com`) among `candidates` that also match `hostname`,
 * most specific first. A request for `a.example.com` falls back to their routes when none of
 * its own matches: the Gateway API ranks hostname specificity before everything else.
 */
export function coveringWildcards(hostname: string, candidates: readonly string[]): string[] {
  return candidates
    .filter(
      (c) =>
        c !== hostname &&
        (c === '*' || (isWildcard(c) && hostname !== '*' && wildcardCovers(c, hostname))),
    )
    .sort((a, b) => b.length - a.length || compareStrings(a, b));
}
