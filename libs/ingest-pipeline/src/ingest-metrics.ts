import { Counter, Gauge, type Registry } from 'prom-client';

export type IngestMetrics = ReturnType<typeof ingestMetrics>;

/** What ingest counts, registered on the app's registry. */
export function ingestMetrics(registry: Registry) {
  const registers = [registry];
  return {
    published: new Counter({
      name: 'epic_ingest_events_published_total',
      help: 'Domain events acknowledged by Kafka',
      labelNames: ['type'],
      registers,
    }),
    relists: new Counter({
      name: 'epic_ingest_relists_total',
      help: 'Complete lists of a collection, by reason',
      labelNames: ['kind', 'reason'],
      registers,
    }),
    invalidObjects: new Counter({
      name: 'epic_ingest_invalid_objects_total',
      help: 'Objects that failed their schema (no event)',
      labelNames: ['kind'],
      registers,
    }),
    backlog: new Gauge({
      name: 'epic_ingest_backlog',
      help: 'Watch events waiting to be published',
      registers,
    }),
    backlogDropped: new Counter({
      name: 'epic_ingest_backlog_dropped_total',
      help: 'Backlogs dropped in favour of a relist',
      registers,
    }),
    leader: new Gauge({
      name: 'epic_ingest_leader',
      help: '1 while this replica holds the ingest Lease',
      registers,
    }),
  };
}
