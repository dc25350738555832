import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, destination };
}

describe('createLogger', () => {
  it('writes JSON lines with the app, a level label and an ISO time', () => {
    const { lines, destination } = capture();
    createLogger({ app: 'audit', destination }).info({ eventId: 'e1' }, 'hello');
    expect(lines[0]).toMatchObject({ app: 'audit', level: 'info', eventId: 'e1', msg: 'hello' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it.each([
    ['token', { secret: { token: 'abc' } }, ['secret', 'token']],
    ['password', { user: { password: 'abc' } }, ['user', 'password']],
    ['authorization', { req: { authorization: 'Bearer x' } }, ['req', 'authorization']],
    ['tunnel-key', { spec: { 'tunnel-key': 'k' } }, ['spec', 'tunnel-key']],
    [
      'headers.authorization',
      { headers: { authorization: 'Bearer x' } },
      ['headers', 'authorization'],
    ],
  ])('redacts %s', (_name, fields, path) => {
    const { lines, destination } = capture();
    createLogger({ app: 'a', destination }).info(fields, 'm');
    const value = path.reduce<unknown>(
      (node, key) => (node as Record<string, unknown> | undefined)?.[key],
      lines[0],
    );
    expect(value).toBe('[redacted]');
  });

  it('honours the level', () => {
    const { lines, destination } = capture();
    const log = createLogger({ app: 'a', level: 'warn', destination });
    log.info('dropped');
    log.warn('kept');
    expect(lines.map((l) => l.msg)).toEqual(['kept']);
  });
});
