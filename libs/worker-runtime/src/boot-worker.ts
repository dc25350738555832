import type { KubeConfig } from '@kubernetes/client-node';
import { EventRecorder, loadKubeConfig, type InvolvedObject, type KubeEvent } from '@epic/kube';
import { createLogger, type CreateLoggerOptions, type Logger } from '@epic/logging';
import { loadWorkerConfig } from './config.js';
import type { StartWorkerOptions } from './start-worker.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Records a Kubernetes Event without waiting: events are best effort, a failure only warns. */
export type EmitKubeEvent = (object: InvolvedObject, event: KubeEvent) => void;

/** The options of `startWorker` (or of what wraps it) every worker takes from its environment. */
export type WorkerStartOptions = Required<
  Pick<StartWorkerOptions, 'prefix' | 'kafkaBrokers' | 'redisUrl' | 'httpPort' | 'logger'>
>;

export interface WorkerBoot<Own> {
  /** The app's own settings. */
  own: Own;
  logger: Logger;
  kc: KubeConfig;
  emit: EmitKubeEvent;
  startOptions: WorkerStartOptions;
}

export interface BootOptions {
  /** Default `process.env`. */
  env?: Env;
  /** Where log lines go; default stdout. */
  destination?: CreateLoggerOptions['destination'];
}

/**
 * What every worker does before its own wiring: the shared settings, then the app's own (each
 * throws a ConfigError naming every bad variable), the root logger at LOG_LEVEL, the kubeconfig
 * (KUBECONFIG, else in-cluster) and a Kubernetes Event recorder reporting as `app`.
 */
export function bootWorker<Own>(
  app: string,
  loadOwn: (env: Env) => Own,
  options: BootOptions = {},
): WorkerBoot<Own> {
  const env = options.env ?? process.env;
  const config = loadWorkerConfig(env);
  const own = loadOwn(env);
  const logger = createLogger({ app, level: config.logLevel, destination: options.destination });
  const kc = loadKubeConfig(env.KUBECONFIG);
  const recorder = new EventRecorder(kc, app, (err) =>
    logger.warn({ err }, 'a Kubernetes Event could not be recorded'),
  );
  return {
    own,
    logger,
    kc,
    emit: (object, event) => void recorder.record(object, event),
    startOptions: {
      prefix: config.topicPrefix,
      kafkaBrokers: config.kafkaBrokers,
      redisUrl: config.redisUrl,
      httpPort: config.httpPort,
      logger,
    },
  };
}
