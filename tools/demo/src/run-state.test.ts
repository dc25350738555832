import { describe, expect, it } from 'vitest';
import { appNames } from './app-processes.js';
import { redisKeyPatterns } from './redis-keys.js';
import { defaultStateDir, isAppProcess, parsePid, parseRunState, stopWaves } from './run-state.js';

describe('the run state', () => {
  it('round-trips what up writes', () => {
    const state = {
      account: 'root',
      isolation: 'ab12cd34',
      ports: { admission: 41909, xds: 40059 },
      startedAt: '2026-01-01T00:00:00.000Z',
    };
    expect(parseRunState(JSON.stringify(state))).toEqual(state);
  });

  it('says what to do with an unreadable state file', () => {
    expect(() => parseRunState('{"account": 3}')).toThrow('remove the state dir to start over');
    expect(() => parseRunState('not json')).toThrow("the demo's run.json is unreadable");
  });

  it.each([
    ['4242\n', 4242],
    ['  17 ', 17],
    ['1', undefined],
    ['0', undefined],
    ['-5', undefined],
    ['12abc', undefined],
    ['', undefined],
  ])('pid file %j -> %j', (text, pid) => {
    expect(parsePid(text)).toBe(pid);
  });

  it('knows its own processes by the entry point on their command line', () => {
    const entry = '/repo/apps/ingest/src/main.ts';
    const ours = ['/usr/bin/node', '--import', 'tsx', entry, ''].join('\0');
    expect(isAppProcess(ours, entry)).toBe(true);
    expect(isAppProcess(['/usr/bin/node', `${entry}.bak`].join('\0'), entry)).toBe(false);
    expect(isAppProcess(['bash', '-c', 'sleep 100'].join('\0'), entry)).toBe(false);
    expect(isAppProcess('', entry)).toBe(false);
  });

  it('stops every app once: ingest first (no new events), admission last (writes stay checked)', () => {
    expect(stopWaves.flat().sort()).toEqual([...appNames].sort());
    expect(stopWaves[0]).toEqual(['ingest']);
    expect(stopWaves.at(-1)).toEqual(['admission']);
  });

  it('keeps its state in .demo at the repository root', () => {
    expect(defaultStateDir('/repo')).toBe('/repo/.demo');
  });
});

describe("the demo's Redis keys", () => {
  it('are the queues, tables, locks and checkpoint under its prefix', () => {
    expect(redisKeyPatterns('t-demo-ab12')).toEqual([
      'bull:t-demo-ab12.*',
      't-demo-ab12.*',
      't-demo-ab12:*',
      'epic:ingest:t-demo-ab12:*',
    ]);
  });

  it('match glob characters literally, and never the empty prefix', () => {
    expect(redisKeyPatterns('a*b')[1]).toBe('a\\*b.*');
    expect(() => redisKeyPatterns('')).toThrow('refusing');
  });
});
