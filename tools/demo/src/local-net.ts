// Talking to the apps on 127.0.0.1: GETs of their own endpoints (readiness, metrics), plain
// HTTP or HTTPS trusting the stack's CA (the admission server; Node's fetch cannot take a CA,
// hence node:http(s)), and free ports to give them.
import { once } from 'node:events';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { createServer } from 'node:net';

export interface HttpReply {
  status: number;
  body: string;
}

export function httpGet(url: string, options: { ca?: Buffer; timeoutMs?: number } = {}) {
  const target = new URL(url);
  const request = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise<HttpReply>((resolve, reject) => {
    const req = request(target, { method: 'GET', ca: options.ca }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', reject);
    });
    req.setTimeout(options.timeoutMs ?? 5_000, () =>
      req.destroy(new Error(`GET ${url} timed out`)),
    );
    req.on('error', reject);
    req.end();
  });
}

/** Binds `port` (0: any) on 127.0.0.1 and lets go: the port, or undefined when taken. */
async function tryPort(port: number): Promise<number | undefined> {
  const server = createServer();
  const failed = once(server, 'error').then(() => undefined);
  server.listen(port, '127.0.0.1');
  const bound = await Promise.race([once(server, 'listening').then(() => true), failed]);
  if (!bound) return undefined;
  const address = server.address();
  server.close();
  await once(server, 'close');
  return address === null || typeof address === 'string' ? undefined : address.port;
}

/**
 * A TCP port on 127.0.0.1 that nothing listens on right now: `preferred` when it is free (a
 * restarted app keeps its port, so the Envoy pods' bootstrap stays the same), else any.
 */
export async function freePort(preferred?: number): Promise<number> {
  const port = (preferred ? await tryPort(preferred) : undefined) ?? (await tryPort(0));
  if (port === undefined) throw new Error('no free TCP port on 127.0.0.1');
  return port;
}
