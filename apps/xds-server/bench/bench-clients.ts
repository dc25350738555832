// The benchmark's xDS clients, in a process of their own so the server's RSS is the server's:
// N Envoy-like SotW clients (CDS wildcard, EDS for their cluster, LDS wildcard, every response
// ACKed), each on its own connection. Prints one JSON line per EDS response after the first
// ({n, v, t}: client index, version, epoch ms) and `{"ready": N}` once every client has its
// first LDS.
import { credentials, makeGenericClientConstructor, type ClientDuplexStream } from '@grpc/grpc-js';
import { xdsTypeUrls } from '@epic/envoy-render';
import {
  adsServiceDefinition,
  xdsTypeOf,
  type DiscoveryRequest,
  type DiscoveryResponse,
} from '../src/ads-protocol.js';

interface Params {
  port: number;
  nodes: { node: string; cluster: string }[];
}

const params = JSON.parse(process.argv[2] ?? '{}') as Params;
const Ads = makeGenericClientConstructor(adsServiceDefinition(), 'AggregatedDiscoveryService');
const now = () => performance.timeOrigin + performance.now();
let ready = 0;

function startClient(index: number, node: string, cluster: string): void {
  // A local subchannel pool: one TCP connection per client, as N Envoys would have.
  const client = new Ads(`127.0.0.1:${params.port}`, credentials.createInsecure(), {
    'grpc.use_local_subchannel_pool': 1,
  }) as unknown as {
    StreamAggregatedResources(): ClientDuplexStream<DiscoveryRequest, DiscoveryResponse>;
  };
  const call = client.StreamAggregatedResources();
  const names = { CDS: [], EDS: [cluster], LDS: [], RDS: [] } as const;
  let edsSeen = 0;
  let listening = false;
  call.on('data', (r: DiscoveryResponse) => {
    const type = xdsTypeOf(r.type_url);
    if (!type) return;
    call.write({
      type_url: r.type_url,
      resource_names: [...names[type]],
      version_info: r.version_info,
      response_nonce: r.nonce,
    });
    if (type === 'EDS' && edsSeen++ > 0) {
      process.stdout.write(`${JSON.stringify({ n: index, v: r.version_info, t: now() })}\n`);
    }
    if (type === 'LDS' && !listening) {
      listening = true;
      if (++ready === params.nodes.length) process.stdout.write(`${JSON.stringify({ ready })}\n`);
    }
  });
  call.on('error', (err) => process.stderr.write(`client ${index}: ${String(err)}\n`));
  call.write({ node: { id: node }, type_url: xdsTypeUrls.CDS, resource_names: [] });
  call.write({ type_url: xdsTypeUrls.EDS, resource_names: [cluster] });
  call.write({ type_url: xdsTypeUrls.LDS, resource_names: [] });
}

for (const [index, { node, cluster }] of params.nodes.entries()) startClient(index, node, cluster);
