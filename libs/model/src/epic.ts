// EPIC: the system singleton `epic/epic`. It holds system-wide configuration and the
// system-wide ID counters (tunnel IDs, account group IDs).
import { z } from 'zod';
import { Conditions, EpicPort, Uint16, Uint32 } from './common.js';
import { cidr, ipAddress } from './ip-address.js';
import { ageColumn, kubeObject, type KindDescriptor } from './kind-descriptor.js';

export const GueEndpoint = z
  .object({
    'epic-address': ipAddress('Address of this EPIC node for GUE tunnels.').optional(),
    'epic-port': EpicPort.prefault({}),
  })
  .meta({ description: 'Where client nodes send GUE traffic on an EPIC node.' });

export const EPICBase = z
  .object({
    'gue-ingress-nics': z
      .array(z.string())
      .optional()
      .meta({ description: 'Network interfaces that receive GUE traffic on EPIC nodes.' }),
    'gue-endpoint': GueEndpoint.prefault({}),
  })
  .meta({ description: 'Base configuration of every EPIC node.' });

export const EPICSpec = z.object({
  'envoy-image': z
    .string()
    .optional()
    .meta({ description: 'Default Envoy image; an LBServiceGroup envoy-image overrides it.' }),
  'service-cidr': cidr('Service CIDR of the EPIC cluster, passed to Envoy pods.').optional(),
  base: EPICBase.optional(),
});
export type EPICSpec = z.infer<typeof EPICSpec>;

export const EPICStatus = z.object({
  'current-tunnel-id': Uint32.optional().meta({
    description: 'Last tunnel ID handed out (0 or absent: none yet). Update only, never Patch.',
  }),
  'current-group-id': Uint16.optional().meta({
    description: 'Last account group ID handed out (0 or absent: none yet). Update only.',
  }),
  conditions: Conditions.optional(),
});
export type EPICStatus = z.infer<typeof EPICStatus>;

export const EPIC = kubeObject('EPIC', EPICSpec, EPICStatus);
export type EPIC = z.infer<typeof EPIC>;
/** The object as written (defaulted fields optional). */
export type EPICInput = z.input<typeof EPIC>;

export const epicKind = {
  kind: 'EPIC',
  plural: 'epics',
  singular: 'epic',
  listKind: 'EPICList',
  shortNames: [],
  description: 'The EPIC system singleton (epic/epic): configuration and system-wide ID counters.',
  sourceFile: 'libs/model/src/epic.ts',
  printerColumns: [
    { name: 'Tunnel-ID', type: 'integer', jsonPath: '.status.current-tunnel-id' },
    { name: 'Group-ID', type: 'integer', jsonPath: '.status.current-group-id' },
    { name: 'Envoy-Image', type: 'string', jsonPath: '.spec.envoy-image', priority: 1 },
    ageColumn,
  ],
  schema: { spec: EPICSpec, status: EPICStatus },
  object: EPIC,
} satisfies KindDescriptor;
