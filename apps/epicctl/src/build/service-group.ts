// The LBServiceGroup that `group create` writes. Its ties are labels (reference.md): the
// ServicePrefix in the core namespace, and for an account's group the Account beside it.
import { parse as parseYaml } from 'yaml';
import {
  apiVersionV1,
  defaultEndpointTemplate,
  owningAccountLabel,
  owningServicePrefixLabel,
  partOfEpicLabels,
  type LBServiceGroupInput,
} from '@epic/model';
import { usageError } from '../exit-codes.js';
import type { GroupScope } from './group-scope.js';

export interface GroupFlags {
  prefix: string;
  replicas?: number;
  image?: string;
  shared?: boolean;
  /** The parsed --envoy-template file. */
  envoyTemplate?: Record<string, unknown>;
  dnsName?: string;
}

/** The labels that tie a group to its prefix (and account). */
export function groupLabels(scope: GroupScope, prefix: string): Record<string, string> {
  return {
    ...partOfEpicLabels,
    [owningServicePrefixLabel]: prefix,
    ...(scope.kind === 'account' ? { [owningAccountLabel]: scope.account } : {}),
  };
}

export function serviceGroupFromFlags(
  name: string,
  scope: GroupScope,
  flags: GroupFlags,
): LBServiceGroupInput {
  return {
    apiVersion: apiVersionV1,
    kind: 'LBServiceGroup',
    metadata: { namespace: scope.namespace, name, labels: groupLabels(scope, flags.prefix) },
    spec: {
      'can-be-shared': flags.shared ?? false,
      ...(flags.image !== undefined ? { 'envoy-image': flags.image } : {}),
      ...(flags.replicas !== undefined ? { 'envoy-replica-count': flags.replicas } : {}),
      'envoy-template': flags.envoyTemplate ?? {},
      ...(flags.dnsName !== undefined
        ? { 'endpoint-template': { ...defaultEndpointTemplate, dnsName: flags.dnsName } }
        : {}),
    },
  };
}

/** The Envoy template from a file's text (YAML or JSON); it must be a mapping. */
export function parseEnvoyTemplate(text: string, path: string): Record<string, unknown> {
  let parsed: unknown;
  try {
    parsed = parseYaml(text);
  } catch (err) {
    throw usageError(`--envoy-template ${path} is not YAML or JSON: ${firstLine(err)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw usageError(
      `--envoy-template ${path} must hold a mapping (envoyAPI, envoyResources, ...)`,
    );
  }
  return parsed as Record<string, unknown>;
}

function firstLine(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n', 1)[0] ?? text;
}
