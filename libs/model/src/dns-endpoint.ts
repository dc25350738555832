// A DNS record for external-dns (the shape of external-dns's DNSEndpoint endpoint), kept in
// `spec.endpoints` of LoadBalancers and GWProxies so they double as an external-dns source.
import { z } from 'zod';
import { Int64 } from './common.js';

export const DnsEndpoint = z.object({
  dnsName: z.string().optional(),
  targets: z.array(z.string()).optional(),
  recordType: z.string().optional().meta({ description: 'A, AAAA, CNAME, TXT, SRV or NS.' }),
  setIdentifier: z.string().optional(),
  recordTTL: Int64.min(0).optional(),
  labels: z.record(z.string(), z.string()).optional(),
  providerSpecific: z.array(z.object({ name: z.string(), value: z.string() })).optional(),
});
export type DnsEndpoint = z.infer<typeof DnsEndpoint>;

export const defaultEndpointTemplate = {
  dnsName: '{{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io',
  recordType: 'A',
  recordTTL: 180,
};

/** A service group's DNS record template, rendered for each of its load balancers. */
export const EndpointTemplate = DnsEndpoint.default(defaultEndpointTemplate).meta({
  description: 'Template of the DNS record each load balancer of the group gets.',
});
