import { describe, expect, it } from 'vitest';
import { resolveTunnel } from './resolve-tunnel.js';
import { clientA, epic1, epic2, tunnelMap, type ClientTunnels } from './testdata/world.js';

const first = epic1.address;
const second = epic2.address;

describe('resolveTunnel', () => {
  it.each<
    [
      string,
      ClientTunnels | undefined,
      string,
      string | undefined,
      ReturnType<typeof resolveTunnel>,
    ]
  >([
    ['no entry for the client node', undefined, first, first, { kind: 'missing' }],
    ['an entry without any ID', {}, first, first, { kind: 'missing' }],
    [
      'a tunnel-id of 0 counts as none',
      { seed: { address: first, id: 0 } },
      first,
      first,
      { kind: 'missing' },
    ],
    [
      'seed fields naming this node',
      { seed: { address: first, id: 2 } },
      first,
      first,
      found(2, 'seed'),
    ],
    [
      'seed fields naming another node',
      { seed: { address: second, id: 2 } },
      first,
      first,
      { kind: 'missing' },
    ],
    [
      'empty seed address, this is the first node',
      { seed: { id: 2 } },
      first,
      first,
      found(2, 'seed'),
    ],
    [
      'empty seed address, another node is first',
      { seed: { id: 2 } },
      second,
      first,
      { kind: 'missing' },
    ],
    [
      'empty seed address, no pod anywhere',
      { seed: { id: 2 } },
      first,
      undefined,
      { kind: 'missing' },
    ],
    [
      'a pair entry for this node',
      { pairs: { [second]: 8 } },
      second,
      first,
      found(8, 'epic-endpoints'),
    ],
    [
      'a pair entry for another node only',
      { pairs: { [second]: 8 } },
      first,
      first,
      { kind: 'missing' },
    ],
    [
      'pair and seed agree',
      { seed: { address: first, id: 7 }, pairs: { [first]: 7 } },
      first,
      first,
      found(7, 'epic-endpoints'),
    ],
    [
      'pair without ID falls back to the seed fields',
      { seed: { address: first, id: 7 }, pairs: { [first]: 0 } },
      first,
      first,
      found(7, 'seed'),
    ],
    [
      'pair and seed disagree',
      { seed: { address: first, id: 7 }, pairs: { [first]: 9 } },
      first,
      first,
      {
        kind: 'conflict',
        tunnel: { tunnelId: 9, epicPort: 6080, source: 'epic-endpoints' },
        seedTunnelId: 7,
      },
    ],
  ])('%s', (...[, client, epicAddress, firstEpicAddress, expected]) => {
    const tunnels = client === undefined ? undefined : tunnelMap({ [clientA]: client });
    expect(
      resolveTunnel({ tunnels, clientAddress: clientA, epicAddress, firstEpicAddress }),
    ).toEqual(expected);
  });

  it('takes the port from the entry that holds the ID', () => {
    const tunnels = tunnelMap({ [clientA]: { pairs: { [first]: 3 } } });
    tunnels[clientA]!['epic-endpoints']![first]!['epic-port'].port = 7000;
    expect(
      resolveTunnel({
        tunnels,
        clientAddress: clientA,
        epicAddress: first,
        firstEpicAddress: first,
      }),
    ).toEqual({ kind: 'found', tunnel: { tunnelId: 3, epicPort: 7000, source: 'epic-endpoints' } });
  });
});

function found(tunnelId: number, source: 'seed' | 'epic-endpoints') {
  return { kind: 'found', tunnel: { tunnelId, epicPort: 6080, source } } as const;
}
