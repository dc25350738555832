// The envoy-template: its shape, the placeholder scheme, and the promise that values reach
// Envoy byte for byte (the original's html/template turned + ' " < & into HTML entities).
import { describe, expect, it } from 'vitest';
import { renderLoadBalancer } from '../render-proxy.js';
import { loadBalancer, remoteEndpoint } from '../testdata/builders.js';
import { compileTemplate } from './compile.js';
import { compileFragment } from './fragment.js';
import { instantiate, MissingValueError } from './instantiate.js';
import { placeholdersFor } from './placeholders.js';
import { TemplateError } from './schema.js';

const clusterPlaceholders = placeholdersFor('clusters', 'default');

function fragment(text: string, serialization: 'yaml' | 'json' = 'yaml') {
  return compileFragment({
    where: 'test',
    text,
    serialization,
    placeholders: placeholdersFor('listeners', 'tcp'),
  });
}

function clusterTemplate(value: string, serialization: 'yaml' | 'json' = 'yaml') {
  return {
    envoyAPI: 'v3',
    serialization,
    envoyResources: { clusters: [{ name: 'default', value }] },
  };
}

function renderedCluster(template: unknown, spec: Parameters<typeof loadBalancer>[0] = {}) {
  const result = renderLoadBalancer({
    loadBalancer: loadBalancer({ 'public-ports': [{ port: 80 }], ...spec }),
    remoteEndpoints: [],
    template,
  });
  return result.resources.clusters[0]!.resource;
}

describe('placeholders', () => {
  const values = {
    ListenerName: 'l',
    Port: 8080,
    WeightedClusters: { clusters: [{ name: 'c', weight: 1 }] },
    StatPrefix: 'a+b=\'c\' "d" <e> & f',
  };

  it.each([
    [
      'a whole unquoted placeholder keeps its type',
      'port_value: {{ .Port }}',
      { port_value: 8080 },
    ],
    [
      'a whole quoted placeholder keeps its type',
      'port_value: "{{ .Port }}"',
      { port_value: 8080 },
    ],
    ['spacing inside the braces does not matter', 'port_value: {{.Port}}', { port_value: 8080 }],
    [
      'a placeholder inside a string is interpolated',
      'name: "{{ .ListenerName }}-{{ .Port }}"',
      { name: 'l-8080' },
    ],
    [
      'a structure is placed as an object',
      'weighted_clusters: {{ .WeightedClusters }}',
      { weighted_clusters: values.WeightedClusters },
    ],
    ['keys may hold scalar placeholders', '"x-{{ .Port }}": 1', { 'x-8080': 1 }],
    [
      'special characters in a value arrive unchanged',
      'stat_prefix: {{ .StatPrefix }}',
      { stat_prefix: values.StatPrefix },
    ],
    [
      'special characters in the template arrive unchanged',
      `format: "it's a+b \\"q\\" <x> & y"`,
      { format: `it's a+b "q" <x> & y` },
    ],
    [
      'JSON with an unquoted placeholder',
      '{"port_value": {{ .Port }}, "name": "{{ .ListenerName }}"}',
      { port_value: 8080, name: 'l' },
    ],
  ])('%s', (_what, text, expected) => {
    expect(instantiate(fragment(text), values, 'test')).toEqual(expected);
  });

  it('never lets a value inject YAML: it stays one string', () => {
    const injected = 'x\nevil: true\n- [1, {a: b}]';
    expect(
      instantiate(fragment('stat_prefix: {{ .StatPrefix }}'), { StatPrefix: injected }, 't'),
    ).toEqual({ stat_prefix: injected });
  });

  it('shares and freezes the parts without placeholders', () => {
    const node = fragment('name: {{ .ListenerName }}\nfixed: {a: [1, 2]}');
    const first = instantiate(node, { ListenerName: 'a' }, 't') as { fixed: object };
    const second = instantiate(node, { ListenerName: 'b' }, 't') as { fixed: object };
    expect(first.fixed).toBe(second.fixed);
    expect(Object.isFrozen(first.fixed)).toBe(true);
  });

  it.each([
    ['an unknown placeholder', 'name: {{ .Nope }}', 'unknown placeholder .Nope'],
    [
      'a Go template action',
      'clusters: {{ range .Clusters }}x{{ end }}',
      'unsupported template action "{{ range .Clusters }}"',
    ],
    ['a pipeline', 'name: {{ .ListenerName | upper }}', 'unsupported template action'],
    [
      'a structure inside a string',
      'name: "x-{{ .WeightedClusters }}"',
      '.WeightedClusters is a list or object; it must stand alone',
    ],
    ['a template that is not an object', '- a\n- b', 'the template must be a yaml object'],
    ['YAML that does not parse', 'a: [1, 2', 'cannot parse'],
    ['duplicate keys', 'a: 1\na: 2', 'cannot parse'],
  ])('rejects %s', (_what, text, message) => {
    expect(() => fragment(text)).toThrow(TemplateError);
    expect(() => fragment(text)).toThrow(message);
  });

  it('rejects a json template that is not JSON', () => {
    expect(() => fragment('{name: {{ .ListenerName }}}', 'json')).toThrow('not valid JSON');
  });

  it('says which placeholder had no value', () => {
    const node = compileFragment({
      where: 'w',
      text: 'name: {{ .ClusterName }}',
      serialization: 'yaml',
      placeholders: clusterPlaceholders,
    });
    expect(() => instantiate(node, {}, 'w')).toThrow(new MissingValueError('w', 'ClusterName'));
  });
});

describe('template shape', () => {
  it.each([
    [
      'a misspelt resource kind',
      { envoyResources: { listener: [] } },
      'envoyResources: Unrecognized key: "listener"',
    ],
    ['a misspelt top-level key', { serialisation: 'yaml' }, 'Unrecognized key: "serialisation"'],
    ['another Envoy API version', { envoyAPI: 'v2' }, '.envoyAPI'],
    ['an unknown serialization', { serialization: 'toml' }, '.serialization'],
    [
      'a listener kind that does not exist',
      { envoyResources: { listeners: [{ name: 'quic', value: 'a: 1' }] } },
      '"quic" is not a listeners template name; use one of tcp, udp, http, https',
    ],
    [
      'the same entry twice',
      {
        envoyResources: {
          clusters: [
            { name: 'default', value: 'a: 1' },
            { name: 'default', value: 'a: 1' },
          ],
        },
      },
      'clusters template "default" appears twice',
    ],
    [
      'an entry without a value',
      { envoyResources: { clusters: [{ name: 'default' }] } },
      '.envoyResources.clusters.0.value',
    ],
  ])('rejects %s', (_what, raw, message) => {
    expect(() => compileTemplate(raw)).toThrow(TemplateError);
    expect(() => compileTemplate(raw)).toThrow(message);
  });

  it('accepts the original nodeID field and ignores it', () => {
    const cluster = renderedCluster({ nodeID: 'SET_BY_EPIC' });
    expect(cluster['name']).toBe('epic-test-lb-tcp-80');
  });

  it('takes every entry it leaves out from the built-in default', () => {
    const template = clusterTemplate(
      'name: {{ .ClusterName }}\ntype: EDS\nconnect_timeout: 9s\neds_cluster_config: {eds_config: {ads: {}}}',
    );
    const result = renderLoadBalancer({
      loadBalancer: loadBalancer({ 'public-ports': [{ port: 80 }] }),
      remoteEndpoints: [],
      template,
    });
    expect(result.resources.clusters[0]!.resource['connect_timeout']).toBe('9s');
    expect(result.resources.listeners[0]!.resource['filter_chains']).toBeDefined();
  });

  it('insists that a resource carries the name the renderer gives it', () => {
    expect(() => renderedCluster(clusterTemplate('name: fixed\ntype: EDS'))).toThrow(
      'name must be the placeholder the renderer fills (got "fixed")',
    );
  });

  it('fails with MissingValueError while the LB has no public address', () => {
    expect(() =>
      renderLoadBalancer({
        loadBalancer: loadBalancer({ 'public-address': undefined, 'public-ports': [{ port: 80 }] }),
        remoteEndpoints: [],
      }),
    ).toThrow(MissingValueError);
  });

  it('compiles a template once, by identity and by content', () => {
    const template = clusterTemplate('name: {{ .ClusterName }}');
    expect(compileTemplate(template)).toBe(compileTemplate(template));
    expect(compileTemplate(template)).toBe(compileTemplate(structuredClone(template)));
    expect(compileTemplate(undefined)).toBe(compileTemplate(null));
  });
});

describe('characters the original corrupted', () => {
  const special = `+ ' " < > & \\ %`;

  it.each(['yaml', 'json'] as const)(
    'survive a %s template and a substituted value',
    (serialization) => {
      const text =
        serialization === 'yaml'
          ? `name: {{ .ClusterName }}\nalt_stat_name: "{{ .DisplayName }} ${special.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`
          : `{"name": "{{ .ClusterName }}", "alt_stat_name": "{{ .DisplayName }} ${special.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"}`;
      const cluster = renderedCluster(clusterTemplate(text, serialization), {
        'display-name': `O'Neil "+" <co> & sons`,
      });
      expect(cluster['alt_stat_name']).toBe(`O'Neil "+" <co> & sons ${special}`);
      expect(JSON.stringify(cluster)).not.toMatch(/&#|&amp;|&lt;|\\u00/);
    },
  );

  it('keep a regex in a header match exactly as written', () => {
    const result = renderLoadBalancer({
      loadBalancer: loadBalancer({ 'public-ports': [{ port: 80 }] }),
      remoteEndpoints: [remoteEndpoint('r', {})],
      template: clusterTemplate(
        `name: {{ .ClusterName }}\nhealth_checks: [{timeout: 1s, interval: 1s, http_health_check: {path: "/h?a=1+2&b='c'"}}]`,
      ),
    });
    const check = (
      result.resources.clusters[0]!.resource['health_checks'] as {
        http_health_check: { path: string };
      }[]
    )[0]!;
    expect(check.http_health_check.path).toBe(`/h?a=1+2&b='c'`);
  });
});
