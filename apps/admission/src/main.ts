// admission: the mutating and validating webhooks of epic.acnodal.io/v1 over HTTPS. Stateless:
// every decision reads what it needs from the apiserver, so any number of replicas may run.
import { randomBytes } from 'node:crypto';
import { parseIdWriters, tunnelKeyBytes, tunnelKeyFromBytes } from '@epic/admission-rules';
import { loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { createAdmissionMetrics } from './admission-metrics.js';
import { loadAdmissionConfig } from './config.js';
import { FactReader } from './fact-reader.js';
import { handleReview } from './review-handler.js';
import { startAdmissionServer } from './server.js';

const config = loadAdmissionConfig(process.env);
const logger = createLogger({ app: 'admission', level: config.logLevel });
const facts = new FactReader(loadKubeConfig(process.env.KUBECONFIG));
const metrics = createAdmissionMetrics();
const deps = {
  readFacts: (queries: Parameters<FactReader['read']>[0]) => facts.read(queries),
  policy: { idWriters: parseIdWriters(config.idWriters) },
  newTunnelKey: () => tunnelKeyFromBytes(randomBytes(tunnelKeyBytes)),
  metrics,
  logger,
};
const server = await startAdmissionServer({
  port: config.port,
  host: config.host,
  tls: config.tls,
  handle: (webhook, body) => handleReview(webhook, body, deps),
  registry: metrics.registry,
  logger,
});
logger.info({ port: server.port, idWriters: config.idWriters }, 'admission running');

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await server.close();
  process.exit(0);
}
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => void shutdown(signal));
}
