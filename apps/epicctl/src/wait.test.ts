import { describe, expect, it } from 'vitest';
import type { Io } from './deps.js';
import { createProgress, type Progress } from './progress.js';
import { fakeClock } from './testdata/objects.js';
import { waitUntil, type Check } from './wait.js';

function recordingProgress(): Progress & { ticks: number[]; done: () => void; doneCalls: number } {
  const p = {
    ticks: [] as number[],
    doneCalls: 0,
    tick: (ms: number) => p.ticks.push(ms),
    done: () => {
      p.doneCalls++;
    },
  };
  return p;
}

/** A check that is done on the n-th call. */
function doneOnCall(n: number): () => Promise<Check<string>> {
  let calls = 0;
  return () =>
    Promise.resolve(
      ++calls >= n
        ? { done: true, value: `call ${calls}` }
        : { done: false, status: `call ${calls}` },
    );
}

describe('waitUntil', () => {
  it('returns at once when the first check is done', async () => {
    const clock = fakeClock();
    const progress = recordingProgress();
    const result = await waitUntil({
      check: doneOnCall(1),
      timeoutMs: 1000,
      intervalMs: 100,
      clock,
      progress,
    });
    expect(result).toEqual({ ok: true, value: 'call 1', elapsedMs: 0 });
    expect(clock.slept).toEqual([]);
    expect(progress.doneCalls).toBe(1);
  });

  it('polls every interval until done', async () => {
    const clock = fakeClock();
    const progress = recordingProgress();
    const result = await waitUntil({
      check: doneOnCall(4),
      timeoutMs: 10_000,
      intervalMs: 500,
      clock,
      progress,
    });
    expect(result).toEqual({ ok: true, value: 'call 4', elapsedMs: 1500 });
    expect(progress.ticks).toEqual([0, 500, 1000]);
  });

  it('gives up at the deadline with the last status, never sleeping past it', async () => {
    const clock = fakeClock();
    const progress = recordingProgress();
    const result = await waitUntil({
      check: doneOnCall(Infinity),
      timeoutMs: 1200,
      intervalMs: 500,
      clock,
      progress,
    });
    expect(result).toEqual({ ok: false, lastStatus: 'call 4', elapsedMs: 1200 });
    expect(clock.slept).toEqual([500, 500, 200]);
    expect(progress.doneCalls).toBe(1);
  });

  it('a timeout of 0 checks once', async () => {
    const result = await waitUntil({
      check: doneOnCall(2),
      timeoutMs: 0,
      intervalMs: 500,
      clock: fakeClock(),
      progress: recordingProgress(),
    });
    expect(result).toMatchObject({ ok: false, lastStatus: 'call 1' });
  });

  it('clears the progress line when a check throws', async () => {
    const progress = recordingProgress();
    const check = () => Promise.reject(new Error('gone'));
    await expect(
      waitUntil({ check, timeoutMs: 1000, intervalMs: 100, clock: fakeClock(), progress }),
    ).rejects.toThrow('gone');
    expect(progress.doneCalls).toBe(1);
  });
});

describe('progress', () => {
  const io = (isTTY: boolean) => {
    const err: string[] = [];
    const sink: Io = { out: () => {}, err: (t) => err.push(t), isTTY };
    return { sink, err };
  };

  it('in a pipe: a first line, then one every 10s', () => {
    const { sink, err } = io(false);
    const p = createProgress(sink, 'waiting for account acme to get a group ID');
    // The first check took a while: the first line still comes at once, without "still".
    for (let ms = 450; ms <= 25_000; ms += 500) p.tick(ms, 'spec.group-id not set yet');
    p.done();
    expect(err).toEqual([
      'waiting for account acme to get a group ID: spec.group-id not set yet\n',
      'still (10s) waiting for account acme to get a group ID: spec.group-id not set yet\n',
      'still (20s) waiting for account acme to get a group ID: spec.group-id not set yet\n',
    ]);
  });

  it('on a terminal: one redrawn line with a spinner, cleared at the end', () => {
    const { sink, err } = io(true);
    const p = createProgress(sink, 'waiting');
    p.tick(0, 'a');
    p.tick(1500, 'b');
    p.done();
    expect(err).toEqual(['\r\x1b[K⠋ waiting (0s): a', '\r\x1b[K⠙ waiting (1s): b', '\r\x1b[K']);
  });
});
