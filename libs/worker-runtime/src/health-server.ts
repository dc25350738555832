import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '@epic/logging';
import type { Registry } from 'prom-client';

export interface HealthServer {
  /** The bound port (the real one when 0 was asked for). */
  readonly port: number;
  close(): Promise<void>;
}

export interface HealthServerOptions {
  port: number;
  host?: string;
  registry: Registry;
  /** Readiness: every dependency the worker needs answers. */
  isReady: () => Promise<boolean>;
  log: Logger;
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain') {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

async function route(options: HealthServerOptions, req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'http://localhost').pathname;
  if (req.method !== 'GET') return reply(res, 405, 'method not allowed\n');
  switch (path) {
    case '/healthz':
      return reply(res, 200, 'ok\n');
    case '/readyz':
      return (await options.isReady())
        ? reply(res, 200, 'ready\n')
        : reply(res, 503, 'not ready\n');
    case '/metrics':
      return reply(res, 200, await options.registry.metrics(), options.registry.contentType);
    default:
      return reply(res, 404, 'not found\n');
  }
}

/** `/healthz` (the process answers), `/readyz` (its dependencies do), `/metrics`. */
export async function startHealthServer(options: HealthServerOptions): Promise<HealthServer> {
  const server = createServer((req, res) => {
    route(options, req, res).catch((err: unknown) => {
      options.log.error({ err, path: req.url }, 'health endpoint failed');
      if (!res.headersSent) reply(res, 500, 'internal error\n');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  options.log.info({ port }, 'health and metrics endpoints listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive connections would hold close() open until they idle out.
        server.closeAllConnections();
      }),
  };
}
