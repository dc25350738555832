import { describe, expect, it } from 'vitest';
import { renderDnsTemplate, type TemplateParams } from './dns-template.js';

const params: TemplateParams = {
  LBName: 'web-1',
  LBSGName: 'web',
  PureLBServiceName: 'shop',
  ClusterServiceName: 'shop',
  ClusterServiceNS: 'default',
  Account: 'acme',
  IPAddress: '192-168-77-2',
};

describe('renderDnsTemplate', () => {
  it.each([
    ['{{.PureLBServiceName}}.{{.LBSGName}}.client.acnodal.io', 'shop.web.client.acnodal.io'],
    ['{{ .LBName }}.{{.Account}}.example.com', 'web-1.acme.example.com'],
    ['{{.IPAddress}}.{{.ClusterServiceNS}}.x', '192-168-77-2.default.x'],
    ['fixed.example.com', 'fixed.example.com'],
    ['', ''],
  ])('%s -> %s', (template, text) => {
    expect(renderDnsTemplate(template, params)).toEqual({ ok: true, text });
  });

  it('copies values byte for byte: no HTML escaping, no replacement patterns', () => {
    const odd = { ...params, PureLBServiceName: `a+b'c"d<e>&f$&g` };
    expect(renderDnsTemplate('{{.PureLBServiceName}}', odd)).toEqual({
      ok: true,
      text: `a+b'c"d<e>&f$&g`,
    });
  });

  it.each([
    ['{{.Namespace}}.x', /unknown placeholder\(s\) \{\{\.Namespace\}\}/],
    ['{{ .LBName | html }}', /template syntax other than/],
    ['{{.LBName}.x', /template syntax other than/],
    ['{{printf "%s" .LBName}}', /template syntax other than/],
    ['x}}', /template syntax other than/],
  ])('refuses %s', (template, problem) => {
    const result = renderDnsTemplate(template, params);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.problem).toMatch(problem);
  });
});
