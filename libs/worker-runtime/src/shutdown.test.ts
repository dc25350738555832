import { describe, expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import { onShutdownSignals, runShutdown, ShutdownTimeoutError } from './shutdown.js';

const log = createLogger({ app: 'test', level: 'silent' });

describe('runShutdown', () => {
  it('runs every step in order, past a failing one', async () => {
    const ran: string[] = [];
    const step = (name: string, fail = false) => ({
      name,
      run: () => {
        ran.push(name);
        return fail ? Promise.reject(new Error(name)) : Promise.resolve();
      },
    });
    await runShutdown({
      steps: [step('consumer'), step('worker', true), step('redis')],
      timeoutMs: 1000,
      force: () => Promise.reject(new Error('not forced')),
      log,
    });
    expect(ran).toEqual(['consumer', 'worker', 'redis']);
  });

  it('forces and rejects when a step hangs past the timeout', async () => {
    let forced = false;
    const hang = new Promise<void>(() => undefined);
    const done = runShutdown({
      steps: [{ name: 'worker', run: () => hang }],
      timeoutMs: 20,
      force: () => {
        forced = true;
        return Promise.resolve();
      },
      log,
    });
    await expect(done).rejects.toBeInstanceOf(ShutdownTimeoutError);
    await expect(done).rejects.toThrow(/still at: worker/);
    expect(forced).toBe(true);
  });
});

describe('onShutdownSignals', () => {
  it('stops once on SIGTERM and exits 0; a second signal exits 1 at once', async () => {
    const exits: number[] = [];
    let stops = 0;
    let release: () => void = () => undefined;
    const remove = onShutdownSignals(
      () => {
        stops++;
        return new Promise<void>((resolve) => (release = resolve));
      },
      log,
      (code) => exits.push(code),
    );
    try {
      process.emit('SIGTERM');
      process.emit('SIGINT');
      expect(exits).toEqual([1]);
      release();
      await new Promise((resolve) => setImmediate(resolve));
      expect(exits).toEqual([1, 0]);
      expect(stops).toBe(1);
    } finally {
      remove();
    }
  });
});
