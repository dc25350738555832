// Given/when/then for the coalescer with runs the test holds open, so the interleaving is exact.
import { describe, expect, it } from 'vitest';
import { Coalescer } from './coalescer.js';

function heldRuns() {
  const releases: ((value: number) => void)[] = [];
  let active = 0;
  let maxActive = 0;
  const run = () =>
    new Promise<number>((resolve) => {
      active++;
      maxActive = Math.max(maxActive, active);
      releases.push((value) => {
        active--;
        resolve(value);
      });
    });
  const tick = () => new Promise((resolve) => setImmediate(resolve));
  return { run, releases, tick, maxActive: () => maxActive };
}

describe('Coalescer', () => {
  it('a burst of requests shares one run', async () => {
    const h = heldRuns();
    const c = new Coalescer(h.run);
    const all = Promise.all([c.request(), c.request(), c.request()]);
    await h.tick();
    expect(h.releases).toHaveLength(1);
    h.releases[0]!(7);
    expect(await all).toEqual([7, 7, 7]);
    expect(c.runs).toBe(1);
  });

  it('a request during a run is answered by the next run, never by the one in progress', async () => {
    const h = heldRuns();
    const c = new Coalescer(h.run);
    const first = c.request();
    await h.tick();
    const second = c.request();
    const third = c.request();
    expect(second).toBe(third);
    h.releases[0]!(1);
    expect(await first).toBe(1);
    await h.tick();
    expect(h.releases).toHaveLength(2);
    h.releases[1]!(2);
    expect(await second).toBe(2);
    expect(h.maxActive()).toBe(1);
  });

  it('a failed run fails its requests; the next request runs again', async () => {
    let calls = 0;
    const c = new Coalescer(() => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve(calls);
    });
    await expect(c.request()).rejects.toThrow('boom');
    expect(await c.request()).toBe(2);
    await c.idle();
  });

  it('waits settleMs before a run, gathering what comes meanwhile', async () => {
    let calls = 0;
    const c = new Coalescer(() => Promise.resolve(++calls), 20);
    const a = c.request();
    await new Promise((resolve) => setTimeout(resolve, 5));
    const b = c.request();
    expect(await Promise.all([a, b])).toEqual([1, 1]);
  });
});
