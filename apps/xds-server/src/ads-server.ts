// The gRPC server of the AggregatedDiscoveryService: SotW and delta streams over one port.
// Plain TCP: Envoys reach it inside the cluster (a NetworkPolicy limits who may); TLS would be
// a ServerCredentials swap here.
import {
  Server,
  ServerCredentials,
  type ServerDuplexStream,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import {
  adsServiceDefinition,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from './ads-protocol.js';
import { DeltaStream } from './delta-stream.js';
import { SotwStream } from './sotw-stream.js';
import type { StreamContext } from './stream-base.js';

export interface AdsServerOptions extends StreamContext {
  /** Default 0.0.0.0; tests use 127.0.0.1. */
  readonly host?: string;
  /** 0 picks a free port. */
  readonly port: number;
}

export interface AdsServer {
  readonly port: number;
  /** Stops accepting streams and cuts open ones (ADS streams never end by themselves). */
  close(): Promise<void>;
}

export async function startAdsServer(options: AdsServerOptions): Promise<AdsServer> {
  const server = new Server({
    // Thousands of Envoys each hold one long-lived stream: keep idle ones alive.
    'grpc.keepalive_time_ms': 30_000,
    'grpc.keepalive_timeout_ms': 10_000,
    'grpc.max_receive_message_length': 16 * 1024 * 1024,
  });
  const implementation: UntypedServiceImplementation = {
    StreamAggregatedResources: (call: ServerDuplexStream<DiscoveryRequest, DiscoveryResponse>) =>
      new SotwStream(call, options, 'sotw'),
    DeltaAggregatedResources: (
      call: ServerDuplexStream<DeltaDiscoveryRequest, DeltaDiscoveryResponse>,
    ) => new DeltaStream(call, options, 'delta'),
  };
  server.addService(adsServiceDefinition(), implementation);
  const address = `${options.host ?? '0.0.0.0'}:${options.port}`;
  const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync(address, ServerCredentials.createInsecure(), (err, bound) =>
      err
        ? reject(new Error(`binding the xDS server to ${address}`, { cause: err }))
        : resolve(bound),
    );
  });
  return {
    port,
    close: () => {
      // Envoys reconnect (to another replica, or to this one restarted) and are re-sent
      // everything, so there is nothing to drain.
      server.forceShutdown();
      return Promise.resolve();
    },
  };
}
