// What an operator watches on the webhooks: requests by webhook, kind, operation and verdict
// (allowed, patched, denied, error), and how long each answer took (most of it reading facts).
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

export type Verdict = 'allowed' | 'patched' | 'denied' | 'error';

export interface AdmissionMetrics {
  registry: Registry;
  requests: Counter<'webhook' | 'kind' | 'operation' | 'verdict'>;
  seconds: Histogram<'webhook' | 'kind' | 'operation'>;
}

/** The metrics in a registry of their own (served on /metrics). */
export function createAdmissionMetrics(): AdmissionMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    requests: new Counter({
      name: 'epic_admission_requests_total',
      help: 'AdmissionReviews answered, by webhook (mutate/validate), kind, operation and verdict.',
      labelNames: ['webhook', 'kind', 'operation', 'verdict'],
      registers,
    }),
    seconds: new Histogram({
      name: 'epic_admission_request_seconds',
      help: 'Time to answer one AdmissionReview, reads of referenced objects included.',
      labelNames: ['webhook', 'kind', 'operation'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
  };
}
