// LBServiceGroup ("service group"): the template that load balancers and proxies are made from.
// Tied to its ServicePrefix and Account by labels (see labels.ts).
import { z } from 'zod';
import { Conditions, Int64 } from './common.js';
import { EndpointTemplate } from './dns-endpoint.js';
import { EnvoyReplicaCount, EnvoyTemplate } from './envoy.js';
import { ageColumn, kubeObject, labelPath, type KindDescriptor } from './kind-descriptor.js';
import { owningAccountLabel, owningServicePrefixLabel } from './labels.js';

export const LBServiceGroupSpec = z.object({
  'can-be-shared': z.boolean().default(false).meta({
    description: 'When true, LBs are named <group>-<lb> so several client services share one.',
  }),
  'envoy-image': z
    .string()
    .optional()
    .meta({ description: 'Envoy image for this group; overrides EPIC spec.envoy-image.' }),
  'envoy-replica-count': EnvoyReplicaCount.default(1).meta({
    description: 'Envoy replicas of each proxy, unless the proxy sets its own.',
  }),
  'envoy-template': EnvoyTemplate,
  'endpoint-template': EndpointTemplate,
});
export type LBServiceGroupSpec = z.infer<typeof LBServiceGroupSpec>;

export const LBServiceGroupStatus = z.object({
  'proxy-snapshot-versions': z
    .record(z.string(), Int64.min(0))
    .optional()
    .meta({ description: 'Proxy name -> its xDS snapshot version, kept across restarts.' }),
  conditions: Conditions.optional(),
});
export type LBServiceGroupStatus = z.infer<typeof LBServiceGroupStatus>;

export const LBServiceGroup = kubeObject(
  'LBServiceGroup',
  LBServiceGroupSpec,
  LBServiceGroupStatus,
);
export type LBServiceGroup = z.infer<typeof LBServiceGroup>;
/** The object as written (defaulted fields optional). */
export type LBServiceGroupInput = z.input<typeof LBServiceGroup>;

export const lbServiceGroupKind = {
  kind: 'LBServiceGroup',
  plural: 'lbservicegroups',
  singular: 'lbservicegroup',
  listKind: 'LBServiceGroupList',
  shortNames: ['lbsg', 'lbsgs'],
  description: 'A service group: the template for the load balancers and proxies made from it.',
  sourceFile: 'libs/model/src/lb-service-group.ts',
  printerColumns: [
    { name: 'Service-Prefix', type: 'string', jsonPath: labelPath(owningServicePrefixLabel) },
    { name: 'Account', type: 'string', jsonPath: labelPath(owningAccountLabel) },
    { name: 'Shared', type: 'boolean', jsonPath: '.spec.can-be-shared' },
    { name: 'Replicas', type: 'integer', jsonPath: '.spec.envoy-replica-count' },
    ageColumn,
  ],
  schema: { spec: LBServiceGroupSpec, status: LBServiceGroupStatus },
  object: LBServiceGroup,
} satisfies KindDescriptor;
