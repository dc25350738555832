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

/**
 * The placeholders a group's `dnsName` template may use, each `{{.Name}}` (spaces allowed inside
 * the braces). Rendering is plain substitution, never HTML-escaped; nothing else of Go's template
 * language is accepted, so a template either renders or is refused when the group is written.
 */
export const endpointTemplateParameters = [
  'LBName',
  'LBSGName',
  'PureLBServiceName',
  'ClusterServiceName',
  'ClusterServiceNS',
  'Account',
  'IPAddress',
] as const;
export type EndpointTemplateParameter = (typeof endpointTemplateParameters)[number];

// Character classes instead of backslashes: the same text is a JS regex and a CEL (RE2) one.
const placeholder = `[{][{] *[.](${endpointTemplateParameters.join('|')}) *[}][}]`;
const dnsNameTemplatePattern = `^([^{}]|${placeholder})*$`;
const dnsNameTemplateRule = {
  rule: `self.matches('${dnsNameTemplatePattern}')`,
  message:
    'dnsName may use only the placeholders ' +
    endpointTemplateParameters.map((p) => `{{.${p}}}`).join(', ') +
    ': remove any other {{ }} expression',
};

export const DnsNameTemplate = z
  .string()
  .max(253)
  .refine((text) => new RegExp(dnsNameTemplatePattern).test(text), {
    message: dnsNameTemplateRule.message,
  })
  .meta({
    description: 'DNS name template, e.g. {{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io.',
    'x-kubernetes-validations': [dnsNameTemplateRule],
  });

/** A service group's DNS record template, rendered for each of its load balancers. */
export const EndpointTemplate = DnsEndpoint.extend({ dnsName: DnsNameTemplate.optional() })
  .default(defaultEndpointTemplate)
  .meta({
    description: 'Template of the DNS record each load balancer of the group gets.',
  });
export type EndpointTemplate = z.infer<typeof EndpointTemplate>;
