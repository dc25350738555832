import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { createLogger } from '@epic/logging';
import { startHealthServer } from './health-server.js';

const log = createLogger({ app: 'test', level: 'silent' });

describe('startHealthServer', () => {
  it('answers each path; /readyz follows isReady; close() frees the port', async () => {
    let ready = false;
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      isReady: () => Promise.resolve(ready),
      log,
    });
    const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
    try {
      expect(server.port).toBeGreaterThan(0);
      expect((await fetch(url('/healthz'))).status).toBe(200);
      expect((await fetch(url('/readyz'))).status).toBe(503);
      ready = true;
      expect((await fetch(url('/readyz'))).status).toBe(200);
      const metrics = await fetch(url('/metrics'));
      expect(metrics.status).toBe(200);
      expect(metrics.headers.get('content-type')).toMatch(/^text\/plain/);
      expect((await fetch(url('/other'))).status).toBe(404);
      expect((await fetch(url('/healthz'), { method: 'POST' })).status).toBe(405);
    } finally {
      await server.close();
    }
    await expect(fetch(url('/healthz'))).rejects.toThrow();
  });

  it('answers 500 when readiness itself fails', async () => {
    const server = await startHealthServer({
      port: 0,
      host: '127.0.0.1',
      registry: new Registry(),
      isReady: () => Promise.reject(new Error('boom')),
      log,
    });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/readyz`)).status).toBe(500);
    } finally {
      await server.close();
    }
  });
});
