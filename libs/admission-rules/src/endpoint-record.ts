// The DNS record (external-dns Endpoint) a LoadBalancer / GWProxy gets at create, from its
// service group's endpoint-template. The record type follows the address family when the
// address is known (the original kept the template's `A` for IPv6 addresses); without an address
// yet, targets stay empty and the template's type stands.
import { isDnsSubdomain, isIPAddress, type DnsEndpoint } from '@epic/model';
import { renderDnsTemplate, type TemplateParams } from './dns-template.js';

export interface EndpointRecordInput {
  /** The group's spec.endpoint-template. */
  template: DnsEndpoint;
  params: TemplateParams;
  /** spec.public-address when the client gave one. */
  address?: string;
}

export type EndpointRecord = { ok: true; endpoint: DnsEndpoint } | { ok: false; reason: string };

const addressRecordTypes: ReadonlySet<string> = new Set(['A', 'AAAA']);

function recordTypeFor(templateType: string | undefined, address: string | undefined): string {
  const type = templateType || 'A';
  if (address === undefined || !addressRecordTypes.has(type)) return type;
  return address.includes(':') ? 'AAAA' : 'A';
}

/** `.IPAddress`: the address with '.' and ':' replaced by '-', usable inside a DNS label. */
export function addressLabel(address: string | undefined): string {
  return (address ?? '').replaceAll('.', '-').replaceAll(':', '-');
}

export function endpointRecord(input: EndpointRecordInput): EndpointRecord {
  const { template, params } = input;
  if (!template.dnsName) return { ok: false, reason: 'the endpoint-template has no dnsName' };
  const rendered = renderDnsTemplate(template.dnsName, params);
  if (!rendered.ok) return { ok: false, reason: `dnsName ${rendered.problem}` };
  // DNS is case-insensitive; external-dns and Kubernetes names want lowercase.
  const dnsName = rendered.text.replace(/\.$/, '').toLowerCase();
  if (!isDnsSubdomain(dnsName)) {
    return {
      ok: false,
      reason: `dnsName "${template.dnsName}" renders to "${dnsName}", which is not a DNS name`,
    };
  }
  const address =
    input.address !== undefined && isIPAddress(input.address) ? input.address : undefined;
  return {
    ok: true,
    endpoint: {
      dnsName,
      recordType: recordTypeFor(template.recordType, address),
      targets: address ? [address] : [],
      ...copiedFields(template),
    },
  };
}

/** What the record keeps of the template as is (copies, so the group is never aliased). */
function copiedFields(template: DnsEndpoint): Partial<DnsEndpoint> {
  const { recordTTL, setIdentifier, labels, providerSpecific } = template;
  return {
    ...(recordTTL !== undefined ? { recordTTL } : {}),
    ...(setIdentifier !== undefined ? { setIdentifier } : {}),
    ...(labels !== undefined ? { labels: { ...labels } } : {}),
    ...(providerSpecific !== undefined
      ? { providerSpecific: providerSpecific.map((p) => ({ ...p })) }
      : {}),
  };
}
