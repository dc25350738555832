import { describe, expect, it } from 'vitest';
import type { ListenerIR } from '@epic/envoy-render';
import { checkMessage } from '@epic/envoy-render/proto';
import { apiListenerName, apiListeners } from './api-listener.js';

const http = (port: number): ListenerIR => ({
  name: `ns-gw-tcp-${port}`,
  kind: 'http',
  port,
  protocol: 'TCP',
  backends: [],
  routeConfigName: `ns-gw-tcp-${port}`,
});
const tcp: ListenerIR = {
  name: 'ns-gw-tcp-5432',
  kind: 'tcp',
  port: 5432,
  protocol: 'TCP',
  backends: [],
};

describe('apiListeners', () => {
  it.each<[string, ListenerIR[], string[], [string, string][]]>([
    ['no HTTP port, no API listener', [tcp], [], []],
    [
      'one HTTP port: the bare name and the one with the port',
      [http(80)],
      ['ns-gw-tcp-80'],
      [
        ['ns.gw', 'ns-gw-tcp-80'],
        ['ns.gw:80', 'ns-gw-tcp-80'],
      ],
    ],
    [
      'the bare name takes the lowest port',
      [http(8080), tcp, http(80)],
      ['ns-gw-tcp-80', 'ns-gw-tcp-8080'],
      [
        ['ns.gw', 'ns-gw-tcp-80'],
        ['ns.gw:80', 'ns-gw-tcp-80'],
        ['ns.gw:8080', 'ns-gw-tcp-8080'],
      ],
    ],
    [
      'a route config not rendered gets none',
      [http(80), http(81)],
      ['ns-gw-tcp-81'],
      [
        ['ns.gw', 'ns-gw-tcp-81'],
        ['ns.gw:81', 'ns-gw-tcp-81'],
      ],
    ],
  ])('%s', (_, listeners, rendered, expected) => {
    const out = apiListeners('ns.gw', listeners, new Set(rendered));
    const routeOf = (r: (typeof out)[number]) =>
      (r.resource['api_listener'] as { api_listener: { rds: { route_config_name: string } } })
        .api_listener.rds.route_config_name;
    expect(out.map((r) => [r.name, routeOf(r)])).toEqual(expected);
  });

  it('is a valid Envoy Listener with an HttpConnectionManager on RDS over ADS', () => {
    const [listener] = apiListeners('ns.gw', [http(80)], new Set(['ns-gw-tcp-80']));
    const checked = checkMessage(
      'type.googleapis.com/envoy.config.listener.v3.Listener',
      listener?.resource,
    );
    expect(checked.errors).toEqual([]);
  });

  it('names targets as documented', () => {
    expect([apiListenerName('ns.gw'), apiListenerName('ns.gw', 9000)]).toEqual([
      'ns.gw',
      'ns.gw:9000',
    ]);
  });
});
