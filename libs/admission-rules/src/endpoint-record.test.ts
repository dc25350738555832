import { describe, expect, it } from 'vitest';
import { defaultEndpointTemplate, type DnsEndpoint } from '@epic/model';
import type { TemplateParams } from './dns-template.js';
import { addressLabel, endpointRecord } from './endpoint-record.js';

const params: TemplateParams = {
  LBName: 'shop-1',
  LBSGName: 'web',
  PureLBServiceName: 'Shop',
  ClusterServiceName: 'Shop',
  ClusterServiceNS: '',
  Account: 'acme',
  IPAddress: '',
};

describe('endpointRecord', () => {
  it.each<{ name: string; template: DnsEndpoint; address?: string; want: DnsEndpoint }>([
    {
      name: 'the default template, IPv4 address',
      template: defaultEndpointTemplate,
      address: '192.168.77.2',
      want: {
        dnsName: 'shop.web.client.acnodal.io',
        recordType: 'A',
        recordTTL: 180,
        targets: ['192.168.77.2'],
      },
    },
    {
      name: 'an IPv6 address turns the template A into AAAA',
      template: defaultEndpointTemplate,
      address: '2001:db8::2',
      want: {
        dnsName: 'shop.web.client.acnodal.io',
        recordType: 'AAAA',
        recordTTL: 180,
        targets: ['2001:db8::2'],
      },
    },
    {
      name: 'no address yet: no targets, the template type',
      template: { dnsName: '{{.LBName}}.example.com.', recordType: 'AAAA' },
      want: { dnsName: 'shop-1.example.com', recordType: 'AAAA', targets: [] },
    },
    {
      name: 'no record type: A',
      template: { dnsName: '{{.LBName}}.example.com' },
      want: { dnsName: 'shop-1.example.com', recordType: 'A', targets: [] },
    },
    {
      name: 'a non-address type is kept; labels and provider data are copied',
      template: {
        dnsName: '{{.LBName}}.example.com',
        recordType: 'CNAME',
        setIdentifier: 'eu',
        labels: { team: 'a' },
        providerSpecific: [{ name: 'aws/weight', value: '10' }],
      },
      address: '192.168.77.2',
      want: {
        dnsName: 'shop-1.example.com',
        recordType: 'CNAME',
        targets: ['192.168.77.2'],
        setIdentifier: 'eu',
        labels: { team: 'a' },
        providerSpecific: [{ name: 'aws/weight', value: '10' }],
      },
    },
  ])('$name', ({ template, address, want }) => {
    expect(endpointRecord({ template, params, ...(address ? { address } : {}) })).toEqual({
      ok: true,
      endpoint: want,
    });
  });

  it.each([
    [{ dnsName: '' }, /no dnsName/],
    [{ dnsName: '{{.Nope}}.x' }, /unknown placeholder/],
    [{ dnsName: '{{.ClusterServiceNS}}.x' }, /renders to ".x", which is not a DNS name/],
    [{ dnsName: 'a_b.{{.LBName}}' }, /not a DNS name/],
  ])('no record for %j', (template, reason) => {
    const result = endpointRecord({ template, params });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('never aliases the template', () => {
    const template: DnsEndpoint = { dnsName: 'x.example.com', labels: { a: '1' } };
    const result = endpointRecord({ template, params });
    if (result.ok) result.endpoint.labels!.a = '2';
    expect(template.labels).toEqual({ a: '1' });
  });

  it.each([
    ['192.168.77.2', '192-168-77-2'],
    ['2001:db8::2', '2001-db8--2'],
    [undefined, ''],
  ])('addressLabel(%s) = %s', (address, label) => {
    expect(addressLabel(address)).toBe(label);
  });
});
