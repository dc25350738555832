// A reference to an object in a client cluster (PureLB / PureGW side).
import { z } from 'zod';
import type { PrinterColumn } from './kind-descriptor.js';

export const ClientRef = z
  .object({
    clusterID: z.string().optional(),
    namespace: z.string().optional(),
    name: z.string().optional(),
    uid: z.string().optional(),
  })
  .meta({ description: 'The object in the client cluster this one stands for.' });
export type ClientRef = z.infer<typeof ClientRef>;

/** Printer columns naming the client object. */
export const clientColumns = [
  { name: 'Client-Cluster', type: 'string', jsonPath: '.spec.clientRef.clusterID' },
  { name: 'Client-NS', type: 'string', jsonPath: '.spec.clientRef.namespace' },
  { name: 'Client-Name', type: 'string', jsonPath: '.spec.clientRef.name' },
] as const satisfies readonly PrinterColumn[];
