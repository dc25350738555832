// iproute2 JSON as captured on this machine (iproute2-6.1.0): a node namespace with the node end
// of a veth, a pod namespace holding the pod IP on the other end, and a second pod whose eth0
// has the same ifindex, so only the namespace id tells them apart.
import { describe, expect, it } from 'vitest';
import { nodeSideOf, parseAddressOwners, parseNetnsList, parseNodeVeths } from './veth-parse.js';

const netnsOnNode = '[{"name":"pod-b","id":1},{"name":"pod-a","id":0},{"name":"t-unrelated"}]';
const nodeLinks = JSON.stringify([
  { ifindex: 1, ifname: 'lo', flags: ['LOOPBACK'] },
  {
    ifindex: 2,
    link_index: 2,
    ifname: 'vethabc123',
    link_netnsid: 0,
    linkinfo: { info_kind: 'veth' },
  },
  {
    ifindex: 3,
    link_index: 2,
    ifname: 'vethdef456',
    link_netnsid: 1,
    linkinfo: { info_kind: 'veth' },
  },
  { ifindex: 4, link: 'v1', ifname: 'v0', linkinfo: { info_kind: 'veth' } },
  { ifindex: 5, ifname: 'epic42', linkinfo: { info_kind: 'gre' } },
]);
const podAAddrs = JSON.stringify([
  { ifindex: 1, ifname: 'lo', addr_info: [] },
  {
    ifindex: 2,
    link_index: 2,
    ifname: 'eth0',
    link_netnsid: 0,
    addr_info: [
      { family: 'inet', local: '10.201.3.4', prefixlen: 32 },
      { family: 'inet6', local: 'fe80::e81c:84ff:fe8e:30e2', prefixlen: 64 },
    ],
  },
]);

describe('finding the node end of a pod veth', () => {
  it('parses named namespaces, keeping those the node has an id for', () => {
    expect(parseNetnsList(netnsOnNode)).toEqual([
      { name: 'pod-b', id: 1 },
      { name: 'pod-a', id: 0 },
    ]);
  });

  it('parses the node veths whose peer is in another namespace', () => {
    expect(parseNodeVeths(nodeLinks)).toEqual([
      { ifindex: 2, ifname: 'vethabc123', peerIfindex: 2, peerNetnsId: 0 },
      { ifindex: 3, ifname: 'vethdef456', peerIfindex: 2, peerNetnsId: 1 },
    ]);
  });

  it('maps every address of a namespace to its interface', () => {
    expect([...parseAddressOwners(podAAddrs)]).toEqual([
      ['10.201.3.4', 2],
      ['fe80::e81c:84ff:fe8e:30e2', 2],
    ]);
  });

  it('matches by namespace id AND peer ifindex (ifindexes repeat across pods)', () => {
    const veths = parseNodeVeths(nodeLinks);
    expect(nodeSideOf(veths, { netnsId: 0, ifindex: 2 })).toEqual({ index: 2, name: 'vethabc123' });
    expect(nodeSideOf(veths, { netnsId: 1, ifindex: 2 })).toEqual({ index: 3, name: 'vethdef456' });
    expect(nodeSideOf(veths, { netnsId: 2, ifindex: 2 })).toBeUndefined();
  });

  it.each([
    ['', []],
    ['[]', []],
  ])('empty output %j is no namespaces', (output, expected) => {
    expect(parseNetnsList(output)).toEqual(expected);
  });

  it('says which command printed something unexpected', () => {
    expect(() => parseNodeVeths('Error')).toThrow('ip -d -j link show did not print JSON');
    expect(() => parseAddressOwners('[{"ifname":"x"}]')).toThrow(
      'ip -j addr show printed unexpected',
    );
  });
});
