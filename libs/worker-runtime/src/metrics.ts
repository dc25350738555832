import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/** The Prometheus metrics of one worker, in a registry of its own. */
export interface WorkerMetrics {
  registry: Registry;
  consumed: Counter<'group' | 'type'>;
  handled: Counter<'group' | 'type'>;
  retried: Counter<'group' | 'type'>;
  deadLettered: Counter<'group' | 'reason'>;
  handlerSeconds: Histogram<'group' | 'type'>;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    consumed: new Counter({
      name: 'epic_events_consumed_total',
      help: 'Events read from Kafka and handed to the queue (duplicates included).',
      labelNames: ['group', 'type'],
      registers,
    }),
    handled: new Counter({
      name: 'epic_events_handled_total',
      help: 'Events whose handler succeeded.',
      labelNames: ['group', 'type'],
      registers,
    }),
    retried: new Counter({
      name: 'epic_events_retried_total',
      help: 'Handler attempts that failed and will be retried.',
      labelNames: ['group', 'type'],
      registers,
    }),
    deadLettered: new Counter({
      name: 'epic_events_dead_lettered_total',
      help: 'Messages written to the dead-letter topic, by reason.',
      labelNames: ['group', 'reason'],
      registers,
    }),
    handlerSeconds: new Histogram({
      name: 'epic_event_handler_seconds',
      help: 'Duration of each handler attempt.',
      labelNames: ['group', 'type'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
  };
}

/** The current value of a counter for some labels (0 when never incremented). */
export async function counterValue(
  counter: Counter<string>,
  labels: Record<string, string>,
): Promise<number> {
  const { values } = await counter.get();
  const match = values.find((v) =>
    Object.entries(labels).every(([name, value]) => v.labels[name] === value),
  );
  return match?.value ?? 0;
}
