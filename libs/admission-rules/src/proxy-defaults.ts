// Defaults of a new LoadBalancer / GWProxy (CREATE only: later writes belong to the workers and
// the user, and a finalizer removed during deletion must stay removed). Decided from the parsed
// object and its service group, then applied to the object exactly as sent, so the patch holds
// only these changes and not every zod default.
import {
  accountFromNamespace,
  controllerFinalizer,
  owningLBServiceGroupLabel,
  type DnsEndpoint,
  type GWProxy,
  type LBServiceGroup,
  type LoadBalancer,
} from '@epic/model';
import { addressLabel, endpointRecord } from './endpoint-record.js';
import type { TemplateParams } from './dns-template.js';
import { subjectOf, type JsonObject, type Review } from './review.js';

export interface ProxyDefaultsInput {
  review: Review;
  proxy: LoadBalancer | GWProxy;
  /** The service group; undefined when it does not exist (validation refuses the object). */
  group: LBServiceGroup | undefined;
  newTunnelKey: () => string;
}

export interface Changes {
  finalizers: string[];
  labels: Record<string, string>;
  spec: JsonObject;
  warnings: string[];
}

function templateParams(review: Review, proxy: LoadBalancer | GWProxy, group: LBServiceGroup) {
  const displayName = proxy.spec['display-name'] ?? '';
  const params: TemplateParams = {
    LBName: review.name,
    LBSGName: group.metadata.name ?? '',
    PureLBServiceName: displayName,
    ClusterServiceName: displayName,
    ClusterServiceNS: proxy.kind === 'GWProxy' ? (proxy.spec.clientRef?.namespace ?? '') : '',
    Account: accountFromNamespace(review.namespace) ?? '',
    IPAddress: addressLabel(proxy.spec['public-address']),
  };
  return params;
}

function endpointsWithRecord(input: ProxyDefaultsInput, group: LBServiceGroup, changes: Changes) {
  const { review, proxy } = input;
  const record = endpointRecord({
    template: group.spec['endpoint-template'],
    params: templateParams(review, proxy, group),
    ...(proxy.spec['public-address'] ? { address: proxy.spec['public-address'] } : {}),
  });
  if (!record.ok) {
    changes.warnings.push(
      `${subjectOf(review)} gets no DNS record: the endpoint-template of service group ` +
        `${group.metadata.name ?? ''}: ${record.reason}`,
    );
    return;
  }
  const existing: DnsEndpoint[] = proxy.spec.endpoints ?? [];
  if (existing.some((e) => e.dnsName === record.endpoint.dnsName)) return;
  changes.spec.endpoints = [...existing, record.endpoint];
}

function copyFromGroup(input: ProxyDefaultsInput, group: LBServiceGroup, changes: Changes) {
  const { spec } = input.proxy;
  if (spec['envoy-template'] === undefined) {
    changes.spec['envoy-template'] = structuredClone(group.spec['envoy-template']);
  }
  const replicas = spec['envoy-replica-count'];
  if (replicas === undefined || replicas < 1) {
    changes.spec['envoy-replica-count'] = group.spec['envoy-replica-count'];
  }
  endpointsWithRecord(input, group, changes);
}

export function proxyDefaults(input: ProxyDefaultsInput): Changes {
  const { proxy, group } = input;
  const changes: Changes = { finalizers: [], labels: {}, spec: {}, warnings: [] };
  if (!(proxy.metadata.finalizers ?? []).includes(controllerFinalizer)) {
    changes.finalizers.push(controllerFinalizer);
  }
  const groupName = proxy.spec['service-group'];
  if (groupName !== undefined && proxy.metadata.labels?.[owningLBServiceGroupLabel] === undefined) {
    changes.labels[owningLBServiceGroupLabel] = groupName;
  }
  if (!proxy.spec['tunnel-key']) changes.spec['tunnel-key'] = input.newTunnelKey();
  if (group) copyFromGroup(input, group, changes);
  return changes;
}

function record(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    return value as JsonObject;
  }
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}

/** The raw object with the changes applied (a copy). */
export function applyChanges(raw: JsonObject, changes: Changes): JsonObject {
  const out = structuredClone(raw);
  const metadata = record(out, 'metadata');
  if (changes.finalizers.length > 0) {
    const current = Array.isArray(metadata.finalizers) ? (metadata.finalizers as unknown[]) : [];
    metadata.finalizers = [...current, ...changes.finalizers];
  }
  if (Object.keys(changes.labels).length > 0)
    Object.assign(record(metadata, 'labels'), changes.labels);
  if (Object.keys(changes.spec).length > 0) Object.assign(record(out, 'spec'), changes.spec);
  return out;
}
