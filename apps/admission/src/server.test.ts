// Routing and limits of the server, over plain HTTP (TLS is exercised by the integration test).
import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { createLogger } from '@epic/logging';
import { Registry } from 'prom-client';
import { startAdmissionServer, type AdmissionServer } from './server.js';

let server: AdmissionServer;
const seen: string[] = [];

beforeAll(async () => {
  const registry = new Registry();
  server = await startAdmissionServer({
    port: 0,
    host: '127.0.0.1',
    registry,
    logger: createLogger({ app: 'admission-test', level: 'silent' }),
    handle: (webhook, body) => {
      seen.push(`${webhook} ${JSON.stringify(body)}`);
      return Promise.resolve({
        status: 200,
        body: {
          apiVersion: 'admission.k8s.io/v1',
          kind: 'AdmissionReview',
          response: { uid: 'u', allowed: true },
        },
      });
    },
  });
});
afterAll(() => server.close());

const url = (path: string) => `http://127.0.0.1:${server.port}${path}`;
const post = (path: string, body: string, type = 'application/json') =>
  fetch(url(path), { method: 'POST', body, headers: { 'content-type': type } });

describe('admission server', () => {
  it.each([
    ['/mutate', 'mutate'],
    ['/validate', 'validate'],
  ])('POST %s goes to the %s webhook', async (path, webhook) => {
    const res = await post(path, '{"x":1}');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ response: { allowed: true } });
    expect(seen.at(-1)).toBe(`${webhook} {"x":1}`);
  });

  it.each<[string, () => Promise<Response>, number]>([
    ['GET /healthz', () => fetch(url('/healthz')), 200],
    ['GET /metrics', () => fetch(url('/metrics')), 200],
    ['GET /nope', () => fetch(url('/nope')), 404],
    ['GET /validate', () => fetch(url('/validate')), 405],
    ['POST /healthz', () => post('/healthz', '{}'), 405],
    ['POST text', () => post('/validate', '{}', 'text/plain'), 415],
    ['POST not JSON', () => post('/validate', '{'), 400],
    ['POST 5 MB', () => post('/validate', `"${'x'.repeat(5 * 1024 * 1024)}"`), 413],
  ])('%s -> %i', async (_, call, status) => {
    const res = await call();
    expect(res.status).toBe(status);
  });
});
