// (client node, EPIC node) pairs as a story: one EPIC node (nothing added), a second node
// appears (one new ID per client, the first pair listed with the seed's ID), a repeat (nothing),
// a third node, and a claim that does not fit.
import { describe, expect, it } from 'vitest';
import type { GueTunnelEndpoints, LoadBalancerStatus } from '@epic/model';
import { uint32Max } from './counter.js';
import {
  applyPairTunnelIds,
  firstEpicNode,
  missingPairs,
  planPairTunnelIds,
  type PairWant,
} from './tunnel-pairs.js';

const port = { port: 6080, protocol: 'UDP' as const, appProtocol: 'gue' };
const lb = { namespace: 'epic-root', name: 'sample-acnodal' };
const seedTunnels = (): GueTunnelEndpoints => ({
  '192.168.1.16': { 'epic-address': '192.168.1.40', 'epic-port': port, 'tunnel-id': 2 },
  '192.168.1.25': { 'epic-port': port, 'tunnel-id': 1 },
});

function step(status: LoadBalancerStatus, counter: number, epicNodes: string[]) {
  const want: PairWant = {
    lb,
    nodeAddresses: ['192.168.1.16', '192.168.1.25'],
    epicNodes,
    existing: status['gue-tunnel-endpoints'],
  };
  const plan = planPairTunnelIds({ status: { 'current-tunnel-id': counter } }, [want]);
  const pairs = plan.kind === 'claim' ? (plan.assignments[0]?.pairs ?? []) : [];
  const next = applyPairTunnelIds(status, pairs, epicNodes, port);
  return { plan, status: next ?? status, changed: next !== undefined };
}

describe('tunnel IDs per (client node, EPIC node) pair', () => {
  it('adds nothing while the replicas sit on one EPIC node', () => {
    const s = step({ 'gue-tunnel-endpoints': seedTunnels() }, 4, ['192.168.1.40']);
    expect(s.plan.kind).toBe('nothing-to-do');
    expect(s.changed).toBe(false);
  });

  it('a second EPIC node: one fresh ID per client, every pair listed, then nothing more', () => {
    const epics = ['192.168.1.40', '192.168.1.41'];
    const s = step({ 'gue-tunnel-endpoints': seedTunnels() }, 4, epics);
    expect(s.plan).toMatchObject({ kind: 'claim', epicStatus: { 'current-tunnel-id': 6 } });
    const t = s.status['gue-tunnel-endpoints'] ?? {};
    // 192.168.1.16 names .40 as its EPIC node: the seed's ID 2 is that pair's.
    expect(t['192.168.1.16']?.['epic-endpoints']).toEqual({
      '192.168.1.40': { 'epic-address': '192.168.1.40', 'epic-port': port, 'tunnel-id': 2 },
      '192.168.1.41': { 'epic-address': '192.168.1.41', 'epic-port': port, 'tunnel-id': 5 },
    });
    // 192.168.1.25 names none yet: the lowest address is first.
    expect(t['192.168.1.25']?.['epic-endpoints']).toEqual({
      '192.168.1.40': { 'epic-address': '192.168.1.40', 'epic-port': port, 'tunnel-id': 1 },
      '192.168.1.41': { 'epic-address': '192.168.1.41', 'epic-port': port, 'tunnel-id': 6 },
    });
    expect(t['192.168.1.16']?.['tunnel-id']).toBe(2); // the seed's fields are kept
    const again = step(s.status, 6, epics);
    expect(again.plan.kind).toBe('nothing-to-do');
    expect(again.changed).toBe(false);
  });

  it('a third node adds only its pairs; IDs already held are never replaced', () => {
    const two = step({ 'gue-tunnel-endpoints': seedTunnels() }, 4, [
      '192.168.1.40',
      '192.168.1.41',
    ]);
    const three = step(two.status, 6, ['192.168.1.40', '192.168.1.41', '192.168.1.42']);
    expect(three.plan).toMatchObject({ kind: 'claim', epicStatus: { 'current-tunnel-id': 8 } });
    const ids = Object.values(three.status['gue-tunnel-endpoints'] ?? {}).flatMap((e) =>
      Object.values(e['epic-endpoints'] ?? {}).map((p) => p['tunnel-id']),
    );
    expect(ids.sort()).toEqual([1, 2, 5, 6, 7, 8]);
  });

  it('waits for a client’s seed tunnel ID before adding its pairs', () => {
    const tunnels = { ...seedTunnels(), '192.168.1.30': { 'epic-port': port } };
    expect(
      missingPairs({
        lb,
        nodeAddresses: ['192.168.1.30'],
        epicNodes: ['a', 'b'],
        existing: tunnels,
      }),
    ).toEqual([]);
  });

  it('claims all or nothing when too few IDs remain', () => {
    const s = step({ 'gue-tunnel-endpoints': seedTunnels() }, uint32Max - 1, [
      '192.168.1.40',
      '192.168.1.41',
    ]);
    expect(s.plan).toMatchObject({ kind: 'exhausted', asked: 2, remaining: 1 });
  });
});

describe('firstEpicNode', () => {
  it.each([
    { entry: { 'epic-address': '10.0.0.2' }, nodes: ['10.0.0.1', '10.0.0.2'], first: '10.0.0.2' },
    { entry: { 'epic-address': '10.0.0.9' }, nodes: ['10.0.0.2', '10.0.0.1'], first: '10.0.0.1' },
    { entry: undefined, nodes: ['10.0.0.3', '10.0.0.1'], first: '10.0.0.1' },
    { entry: undefined, nodes: [], first: undefined },
  ])('$entry.epic-address among $nodes -> $first', ({ entry, nodes, first }) => {
    expect(firstEpicNode(entry ? { ...entry, 'epic-port': port } : undefined, nodes)).toBe(first);
  });
});
