import { describe, expect, it } from 'vitest';
import { eventually } from './eventually.js';

describe('eventually', () => {
  it('returns the first defined answer', async () => {
    let calls = 0;
    const value = await eventually('the third call', () => (++calls === 3 ? 'ok' : undefined), {
      intervalMs: 1,
    });
    expect([value, calls]).toEqual(['ok', 3]);
  });

  it('fails at once on an error that is not "not yet"', async () => {
    let calls = 0;
    const probe = () => {
      calls++;
      throw new Error('boom');
    };
    await expect(eventually('x', probe, { intervalMs: 1 })).rejects.toThrow('boom');
    expect(calls).toBe(1);
  });

  it('keeps probing through "not yet" errors and names the last one when time runs out', async () => {
    const failure = await eventually('a ready thing', () => Promise.reject(new Error('404')), {
      timeoutMs: 20,
      intervalMs: 5,
      notYet: (err) => (err as Error).message === '404',
    }).then(
      () => undefined,
      (err: unknown) => err as Error,
    );
    expect(failure?.message).toBe('timed out after 20 ms waiting for a ready thing');
    expect((failure?.cause as Error | undefined)?.message).toBe('404');
  });
});
