// tunnel-programmer dispatcher: one per cluster. Domain events -> every EPIC node's tunnel
// table -> one doorbell job per changed node on that node's queue (see README.md).
import { bootWorker, runUntilStopped } from '@epic/worker-runtime';
import { loadDispatcherConfig } from './dispatcher/config.js';
import { startDispatcher } from './dispatcher/start-dispatcher.js';

const { own, logger, kc, startOptions } = bootWorker('tunnel-dispatcher', loadDispatcherConfig);
const handle = await startDispatcher({ kc, ...startOptions, ...own });
logger.info(
  { port: handle.worker.port, namespaces: own.namespaces, nodeSelector: own.nodeSelector },
  'tunnel dispatcher running',
);
runUntilStopped({ crashed: handle.worker.crashed, stop: () => handle.stop() }, logger);
