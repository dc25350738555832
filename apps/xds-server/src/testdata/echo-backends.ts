// gRPC backends on 127.0.0.1:0 that answer `Who` with their name, and a client for them: what a
// proxyless gRPC client's RPCs land on, so a test can see where its traffic goes.
import { fileURLToPath } from 'node:url';
import {
  credentials,
  loadPackageDefinition,
  Server,
  ServerCredentials,
  status,
  type Client,
  type ChannelOptions,
  type ServiceClientConstructor,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';

const definition = loadSync(fileURLToPath(new URL('./echo.proto', import.meta.url)), {
  keepCase: true,
});
const echo = (
  loadPackageDefinition(definition) as unknown as {
    epic: { test: { Echo: ServiceClientConstructor } };
  }
).epic.test.Echo;

export interface EchoBackend {
  readonly name: string;
  readonly port: number;
  calls: number;
  close(): void;
}

export async function startEchoBackend(name: string): Promise<EchoBackend> {
  const server = new Server();
  const backend = { name, port: 0, calls: 0, close: () => server.forceShutdown() };
  server.addService(echo.service, {
    Who: (_call: unknown, reply: (err: null, value: { name: string }) => void) => {
      backend.calls += 1;
      reply(null, { name });
    },
  });
  backend.port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', ServerCredentials.createInsecure(), (err, port) =>
      err ? reject(err) : resolve(port),
    ),
  );
  return backend;
}

interface WhoClient extends Client {
  Who(
    request: object,
    options: { deadline: Date },
    callback: (err: ServiceError | null, reply?: { name: string }) => void,
  ): void;
}

export function echoClient(target: string, options: ChannelOptions = {}): WhoClient {
  return new echo(target, credentials.createInsecure(), options) as unknown as WhoClient;
}

/** One RPC: the name of the backend that answered, or the gRPC status code of the failure. */
export function who(client: WhoClient, timeoutMs = 2_000): Promise<string> {
  return new Promise((resolve) =>
    client.Who({}, { deadline: new Date(Date.now() + timeoutMs) }, (err, reply) =>
      resolve(err ? `error ${status[err.code] ?? err.code}` : (reply?.name ?? '?')),
    ),
  );
}

/** Where `count` RPCs went: backend name (or error) -> how many. */
export async function spread(client: WhoClient, count: number): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const name = await who(client);
    out[name] = (out[name] ?? 0) + 1;
  }
  return out;
}
