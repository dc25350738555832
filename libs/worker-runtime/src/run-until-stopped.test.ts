import { describe, expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import { runUntilStopped } from './run-until-stopped.js';
import { capturedLines } from './testdata/captured-lines.js';

function capturedLogger() {
  const { lines, destination } = capturedLines();
  return { lines, logger: createLogger({ app: 'test', destination }) };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe('runUntilStopped', () => {
  it('exits 1 with a fatal log when the Kafka consumer crashes', async () => {
    const { lines, logger } = capturedLogger();
    const exits: number[] = [];
    let crash: (err: Error) => void = () => undefined;
    const crashed = new Promise<never>((_resolve, reject) => (crash = reject));
    const remove = runUntilStopped({ crashed, stop: () => Promise.resolve() }, logger, (code) =>
      exits.push(code),
    );
    try {
      await settled();
      expect(exits).toEqual([]);
      crash(new Error('coordinator gone'));
      await settled();
      expect(exits).toEqual([1]);
      expect(lines).toContainEqual(
        expect.objectContaining({ level: 'fatal', msg: 'the Kafka consumer crashed' }),
      );
    } finally {
      remove();
    }
  });

  it('stops the worker on SIGTERM and exits 0', async () => {
    const { logger } = capturedLogger();
    const exits: number[] = [];
    let stops = 0;
    const remove = runUntilStopped(
      {
        crashed: new Promise<never>(() => undefined),
        stop: () => {
          stops++;
          return Promise.resolve();
        },
      },
      logger,
      (code) => exits.push(code),
    );
    try {
      process.emit('SIGTERM');
      await settled();
      expect({ stops, exits }).toEqual({ stops: 1, exits: [0] });
    } finally {
      remove();
    }
  });
});
