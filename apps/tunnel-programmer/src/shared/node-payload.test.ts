import { describe, expect, it } from 'vitest';
import { nodeTunnelTables } from '@epic/tunnel-plan';
import { dispatchInput } from '../dispatcher/plan-input.js';
import { seedWorld } from '../testdata/objects.js';
import { nodePayload, parseNodePayload } from './node-payload.js';

const [table] = nodeTunnelTables(dispatchInput(seedWorld()).plan);
const lb = { kind: 'LoadBalancer', namespace: 'epic-root', name: 'old' } as const;

describe('node payloads through Redis', () => {
  it('survive a JSON round trip unchanged', () => {
    const payload = nodePayload(table!, [lb]);
    expect(parseNodePayload(JSON.stringify(payload))).toEqual({ ok: true, payload });
  });

  it('are named by the table and the release list together', () => {
    expect(nodePayload(table!, []).hash).toBe(nodePayload(table!, []).hash);
    expect(nodePayload(table!, [lb]).hash).not.toBe(nodePayload(table!, []).hash);
  });

  it.each([
    ['not JSON', '{', 'the stored tunnel table is not JSON'],
    ['another version', JSON.stringify({ ...nodePayload(table!, []), version: 2 }), 'at version'],
    [
      'a tunnel without an ID',
      JSON.stringify(
        nodePayload(
          {
            ...table!,
            proxies: table!.proxies.map((p) => ({
              ...p,
              tunnels: p.tunnels.map((t) => ({ ...t, tunnelId: 0 })),
            })),
          },
          [],
        ),
      ),
      'at table.proxies.0.tunnels.0.tunnelId',
    ],
    [
      'a problem without a message',
      JSON.stringify(nodePayload({ ...table!, problems: [{ kind: 'x' } as never] }, [])),
      'at table.problems.0',
    ],
  ])('are refused, saying where, when %s', (_, text, where) => {
    const parsed = parseNodePayload(text);
    expect(parsed.ok).toBe(false);
    expect(parsed.ok ? '' : parsed.message).toContain(where);
  });
});
