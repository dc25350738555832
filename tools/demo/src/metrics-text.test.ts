import { describe, expect, it } from 'vitest';
import { parseMetrics, total, totalsBy } from './metrics-text.js';

const exposition = `
# HELP epic_ids_allocated_total IDs allocated.
# TYPE epic_ids_allocated_total counter
epic_ids_allocated_total{kind="group"} 1
epic_ids_allocated_total{kind="service"} 1
epic_ids_allocated_total{kind="tunnel"} 2
epic_events_handled_total{group="id-allocator",type="LoadBalancerRequested"} 3
epic_events_handled_total{group="id-allocator",type="AccountCreated"} 1
epic_ingest_leader 1
weird_label{msg="a \\"quoted\\" value, with {braces}"} 4 1700000000000
epic_event_handler_seconds_bucket{le="+Inf",group="x",type="y"} 9
not a sample line
broken_value{a="b"} NaN-ish
`;

describe('Prometheus text', () => {
  const samples = parseMetrics(exposition);

  it('reads samples with their labels, skipping comments and malformed lines', () => {
    expect(samples).toContainEqual({
      name: 'epic_ids_allocated_total',
      labels: { kind: 'tunnel' },
      value: 2,
    });
    expect(samples).toContainEqual({ name: 'epic_ingest_leader', labels: {}, value: 1 });
    expect(samples).toContainEqual({
      name: 'weird_label',
      labels: { msg: 'a "quoted" value, with {braces}' },
      value: 4,
    });
    expect(samples.find((s) => s.name === 'broken_value')).toBeUndefined();
    expect(samples.find((s) => s.name === 'not')).toBeUndefined();
  });

  it('sums a metric, optionally narrowed by labels', () => {
    expect(total(samples, 'epic_ids_allocated_total')).toBe(4);
    expect(total(samples, 'epic_ids_allocated_total', { kind: 'group' })).toBe(1);
    expect(total(samples, 'epic_events_handled_total', { group: 'id-allocator' })).toBe(4);
    expect(total(samples, 'no_such_metric')).toBe(0);
  });

  it('sums by one label', () => {
    expect(totalsBy(samples, 'epic_ids_allocated_total', 'kind')).toEqual({
      group: 1,
      service: 1,
      tunnel: 2,
    });
    expect(totalsBy(samples, 'epic_events_handled_total', 'type')).toEqual({
      LoadBalancerRequested: 3,
      AccountCreated: 1,
    });
  });
});
