// tunnel-programmer dispatcher: one per cluster. Domain events -> every EPIC node's tunnel
// table -> one doorbell job per changed node on that node's queue (see README.md).
import { loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { loadWorkerConfig, onShutdownSignals } from '@epic/worker-runtime';
import { loadDispatcherConfig } from './dispatcher/config.js';
import { startDispatcher } from './dispatcher/start-dispatcher.js';

const config = loadWorkerConfig(process.env);
const own = loadDispatcherConfig(process.env);
const logger = createLogger({ app: 'tunnel-dispatcher', level: config.logLevel });
const handle = await startDispatcher({
  kc: loadKubeConfig(process.env.KUBECONFIG),
  kafkaBrokers: config.kafkaBrokers,
  redisUrl: config.redisUrl,
  prefix: config.topicPrefix,
  httpPort: config.httpPort,
  logger,
  ...own,
});
logger.info(
  { port: handle.worker.port, namespaces: own.namespaces, nodeSelector: own.nodeSelector },
  'tunnel dispatcher running',
);
handle.worker.crashed.catch((err: unknown) => {
  logger.fatal({ err }, 'the Kafka consumer crashed');
  process.exit(1);
});
onShutdownSignals(() => handle.stop(), logger);
