// The HTTPS server the apiserver calls: POST /mutate and /validate (AdmissionReview JSON), GET
// /healthz and /metrics. The certificate files are re-read periodically, so a renewed
// certificate (cert-manager rewrites the mounted Secret) is served without a restart.
import { readFileSync } from 'node:fs';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { Webhook } from '@epic/admission-rules';
import type { Logger } from '@epic/logging';
import type { Registry } from 'prom-client';
import type { HandlerResult } from './review-handler.js';

/** Old and new object, each up to the apiserver's ~1.5 MB request limit, plus the envelope. */
export const maxBodyBytes = 4 * 1024 * 1024;

export interface TlsFiles {
  certFile: string;
  keyFile: string;
  reloadSeconds: number;
}

export interface AdmissionServerOptions {
  port: number;
  host?: string;
  /** Absent only in unit tests: plain HTTP. */
  tls?: TlsFiles;
  handle: (webhook: Webhook, body: unknown) => Promise<HandlerResult>;
  registry: Registry;
  logger: Logger;
}

export interface AdmissionServer {
  readonly port: number;
  close(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function reply(res: ServerResponse, status: number, body: string, contentType = 'text/plain') {
  res.writeHead(status, { 'content-type': contentType });
  res.end(body);
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
    throw new HttpError(415, 'expected content-type application/json');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) throw new HttpError(413, `body larger than ${maxBodyBytes} bytes`);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
}

const webhooks: Record<string, Webhook> = { '/mutate': 'mutate', '/validate': 'validate' };

async function route(options: AdmissionServerOptions, req: IncomingMessage, res: ServerResponse) {
  const path = new URL(req.url ?? '/', 'https://localhost').pathname;
  const webhook = webhooks[path];
  if (webhook) {
    if (req.method !== 'POST') return reply(res, 405, 'method not allowed\n');
    const result = await options.handle(webhook, await readJson(req));
    return reply(res, result.status, JSON.stringify(result.body), 'application/json');
  }
  if (req.method !== 'GET') return reply(res, 405, 'method not allowed\n');
  if (path === '/healthz') return reply(res, 200, 'ok\n');
  if (path === '/metrics') {
    return reply(res, 200, await options.registry.metrics(), options.registry.contentType);
  }
  return reply(res, 404, 'not found\n');
}

function readTls(tls: TlsFiles) {
  return { cert: readFileSync(tls.certFile), key: readFileSync(tls.keyFile) };
}

/** Re-reads the certificate every reloadSeconds; a half-written pair is retried next time. */
function reloadCertificates(server: HttpsServer, tls: TlsFiles, logger: Logger) {
  let last = readTls(tls);
  const timer = setInterval(() => {
    try {
      const next = readTls(tls);
      if (next.cert.equals(last.cert) && next.key.equals(last.key)) return;
      server.setSecureContext(next);
      last = next;
      logger.info({ certFile: tls.certFile }, 'serving a renewed certificate');
    } catch (err) {
      logger.warn(
        { err, certFile: tls.certFile },
        'certificate reload failed; keeping the old one',
      );
    }
  }, tls.reloadSeconds * 1000);
  timer.unref();
  return timer;
}

export async function startAdmissionServer(
  options: AdmissionServerOptions,
): Promise<AdmissionServer> {
  const { logger } = options;
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    route(options, req, res).catch((err: unknown) => {
      const status = err instanceof HttpError ? err.status : 500;
      if (status === 500) logger.error({ err, path: req.url }, 'admission endpoint failed');
      if (!res.headersSent)
        reply(res, status, `${err instanceof HttpError ? err.message : 'internal error'}\n`);
    });
  };
  let reload: NodeJS.Timeout | undefined;
  let server;
  if (options.tls) {
    const https = createHttpsServer(readTls(options.tls), listener);
    reload = reloadCertificates(https, options.tls, logger);
    server = https;
  } else {
    server = createHttpServer(listener);
  }
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  logger.info({ port, tls: options.tls !== undefined }, 'admission webhooks listening');
  return {
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (reload) clearInterval(reload);
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}
