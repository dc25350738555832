// Names: the product's fixed names, account <-> namespace, and names derived from other names.
// Kubernetes names are RFC 1123 labels (max 63) or subdomains (max 253). A derived name that
// had to be changed to fit (cleaned or shortened) carries a short hash of the original, so two
// different originals never end up with the same name.
import { createHash } from 'node:crypto';

export const productName = 'epic';
/** Core namespace: our processes, the EPIC singleton, ServicePrefixes, system service groups. */
export const coreNamespace = 'epic';
/** The EPIC singleton's name (in the core namespace). */
export const epicSingletonName = 'epic';
export const userNamespacePrefix = `${productName}-`;

export const dnsLabelMaxLength = 63;
export const dnsSubdomainMaxLength = 253;

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const dnsSubdomain = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RFC 1123 DNS label: lowercase alphanumerics and '-', alphanumeric at both ends, max 63. */
export function isDnsLabel(name: string): boolean {
  return name.length <= dnsLabelMaxLength && dnsLabel.test(name);
}

/** RFC 1123 DNS subdomain: DNS labels joined by '.', max 253. */
export function isDnsSubdomain(name: string): boolean {
  return name.length <= dnsSubdomainMaxLength && dnsSubdomain.test(name);
}

/** A name that cannot be made valid; the message says which input and why. */
export class InvalidNameError extends Error {
  override readonly name = 'InvalidNameError';
  constructor(
    message: string,
    readonly input: string,
  ) {
    super(message);
  }
}

/** `accountNamespace("acme-widgets")` = `epic-acme-widgets`. */
export function accountNamespace(account: string): string {
  const namespace = userNamespacePrefix + account;
  if (!isDnsLabel(account) || !isDnsLabel(namespace)) {
    throw new InvalidNameError(
      `account name "${account}" is not valid: it must be an RFC 1123 label (lowercase ` +
        `letters, digits and '-') of at most ${dnsLabelMaxLength - userNamespacePrefix.length} characters`,
      account,
    );
  }
  return namespace;
}

/** The account of a user namespace (`epic-acme` -> `acme`), or undefined for any other namespace. */
export function accountFromNamespace(namespace: string): string | undefined {
  if (!namespace.startsWith(userNamespacePrefix) || !isDnsLabel(namespace)) return undefined;
  const account = namespace.slice(userNamespacePrefix.length);
  return account === '' ? undefined : account;
}

export interface DeriveNameOptions {
  /** `label` (default) allows [a-z0-9-]; `subdomain` also '.'. */
  kind?: 'label' | 'subdomain';
  /** Defaults to 63 for a label, 253 for a subdomain. */
  maxLength?: number;
}

export const derivedNameHashLength = 10;

function shortHash(text: string): string {
  return createHash('sha256').update(text).digest('hex').slice(0, derivedNameHashLength);
}

function clean(raw: string, kind: 'label' | 'subdomain'): string {
  const lower = raw.toLowerCase();
  if (kind === 'label') return lower.replace(/[^a-z0-9-]/g, '-').replace(/^-+|-+$/g, '');
  return lower
    .replace(/[^a-z0-9.-]/g, '-')
    .split('.')
    .map((label) => label.replace(/^-+|-+$/g, ''))
    .filter((label) => label !== '')
    .join('.');
}

function cannotDerive(parts: readonly string[], why: string): InvalidNameError {
  return new InvalidNameError(
    `cannot derive a name from ${JSON.stringify(parts)}: ${why}`,
    parts.join('-'),
  );
}

/**
 * Joins `parts` with '-' into a valid Kubernetes name. A joined name that is already valid and
 * fits is returned unchanged; otherwise it is cleaned (lowercased, invalid characters -> '-',
 * '-' trimmed), cut to leave room, and suffixed with '-' and a 10-hex-digit hash of the
 * original, so distinct originals keep distinct names. Throws InvalidNameError when nothing
 * valid is left (e.g. all parts empty or made only of invalid characters).
 */
export function deriveName(parts: readonly string[], options: DeriveNameOptions = {}): string {
  const kind = options.kind ?? 'label';
  const maxLength =
    options.maxLength ?? (kind === 'label' ? dnsLabelMaxLength : dnsSubdomainMaxLength);
  const raw = parts.join('-');
  const isValid = kind === 'label' ? isDnsLabel : isDnsSubdomain;
  if (raw.length <= maxLength && isValid(raw)) return raw;
  return hashedName(parts, clean(raw, kind), maxLength);
}

function hashedName(parts: readonly string[], cleaned: string, maxLength: number): string {
  if (cleaned === '') {
    throw cannotDerive(
      parts,
      "no valid characters left (a name needs lowercase letters, digits or '-')",
    );
  }
  if (maxLength < derivedNameHashLength) {
    throw cannotDerive(
      parts,
      `a limit of ${maxLength} characters leaves no room for the ${derivedNameHashLength}-character hash`,
    );
  }
  const room = maxLength - derivedNameHashLength - 1;
  const prefix = cleaned.slice(0, Math.max(room, 0)).replace(/[-.]+$/, '');
  const hash = shortHash(parts.join('-'));
  return prefix === '' ? hash : `${prefix}-${hash}`;
}

/**
 * Name of a LoadBalancer / GWProxy made from a service group: `<group>-<name>`, plus
 * `-<randomHex>` when the group's LBs cannot be shared. The random part is passed in.
 */
export function proxyName(args: {
  serviceGroup: string;
  name: string;
  canBeShared: boolean;
  randomHex: string;
}): string {
  const parts = [args.serviceGroup, args.name];
  return deriveName(args.canBeShared ? parts : [...parts, args.randomHex]);
}

/** The Envoy Deployment of a LoadBalancer / GWProxy: `envoy-<name>`. */
export function envoyDeploymentName(proxy: string): string {
  return deriveName(['envoy', proxy]);
}

/** xDS node id of a proxy: `<namespace>.<name>`. */
export function xdsNodeId(namespace: string, name: string): string {
  return `${namespace}.${name}`;
}
