import { describe, expect, it } from 'vitest';
import { KeyedRunner } from './keyed-runner.js';

function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

describe('KeyedRunner', () => {
  it('runs one task per key at a time and folds a burst into one follow-up', async () => {
    const runner = new KeyedRunner();
    const log: string[] = [];
    const first = gate();
    const a = runner.run('k', async () => {
      log.push('start 1');
      await first.opened;
      log.push('end 1');
    });
    const follow = [2, 3, 4].map((n) =>
      runner.run('k', () => {
        log.push(`run ${n}`);
        return Promise.resolve();
      }),
    );
    expect(follow[0]).toBe(follow[2]);
    first.open();
    await Promise.all([a, ...follow]);
    expect(log).toEqual(['start 1', 'end 1', 'run 2']);
    expect(runner.active).toBe(0);
  });

  it('runs different keys side by side', async () => {
    const runner = new KeyedRunner();
    const hold = gate();
    const log: string[] = [];
    const a = runner.run('a', async () => {
      await hold.opened;
      log.push('a');
    });
    await runner.run('b', () => {
      log.push('b');
      return Promise.resolve();
    });
    hold.open();
    await a;
    expect(log).toEqual(['b', 'a']);
  });

  it('runs the follow-up after a failure, and reports the failure to its caller only', async () => {
    const runner = new KeyedRunner();
    const failing = runner.run('k', () => Promise.reject(new Error('boom')));
    const next = runner.run('k', () => Promise.resolve());
    await expect(failing).rejects.toThrow('boom');
    await expect(next).resolves.toBeUndefined();
    await runner.idle();
    expect(runner.active).toBe(0);
  });
});
