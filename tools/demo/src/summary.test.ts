import { describe, expect, it } from 'vitest';
import { Account, EPIC, LoadBalancer } from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { demoPlan } from './demo-plan.js';
import { parseMetrics } from './metrics-text.js';
import * as seed from './seed-world.js';
import { summaryLines } from './summary.js';

const plan = demoPlan({ account: 'root' });
const account = Account.parse({ ...seed.account(plan), spec: { 'group-id': 7 } });
const epic = EPIC.parse({
  ...seed.epicSingleton(),
  status: { 'current-tunnel-id': 4, 'current-group-id': 7 },
});
const lb = LoadBalancer.parse(seedLoadBalancer);

const metrics = {
  ingest: parseMetrics('epic_ingest_events_published_total{type="LoadBalancerRequested"} 12'),
  'id-allocator': parseMetrics(
    [
      'epic_events_handled_total{group="id-allocator",type="A"} 5',
      // Counted in whatever order the work happened: a service ID may come first.
      'epic_ids_allocated_total{kind="service"} 1',
      'epic_ids_allocated_total{kind="group"} 1',
      'epic_ids_allocated_total{kind="tunnel"} 2',
      'epic_ids_allocated_total{kind="pair"} 0',
    ].join('\n'),
  ),
  admission: parseMetrics(
    [
      'epic_admission_requests_total{webhook="mutate",verdict="patched"} 1',
      'epic_admission_requests_total{webhook="validate",verdict="allowed"} 6',
    ].join('\n'),
  ),
};

describe('the summary', () => {
  const lines = summaryLines({ plan, epic, account, loadBalancer: lb, metrics });

  it('lists the objects, the IDs and counters, and the address', () => {
    expect(lines[0]).toBe('Summary');
    expect(lines[1]).toContain('Account root (namespace epic-root)');
    expect(lines[1]).toContain('LoadBalancer sample-acnodal, 2 RemoteEndpoints');
    expect(lines[2]).toBe(
      '  IDs:      group 7, service 1, tunnels 192.168.1.16 -> 2, 192.168.1.25 -> 1 ' +
        '(EPIC current-group-id 7, current-tunnel-id 4)',
    );
    expect(lines[3]).toBe('  address:  192.168.77.2 from ServicePrefix default');
  });

  it('says what each app did, from its metrics, labels in order; zero counts are left out', () => {
    expect(lines).toContain('    ingest             12 events published');
    expect(lines).toContain(
      '    id-allocator       5 events handled; IDs allocated: group 1, service 1, tunnel 2',
    );
    expect(lines).toContain('    admission          7 reviews (allowed 6, patched 1)');
  });

  it('an app whose /metrics did not answer says so', () => {
    expect(lines).toContain('    xds-server         /metrics did not answer');
  });

  it('before anything was allocated, shows dashes and zero counters', () => {
    const bare = summaryLines({ plan, metrics: {} });
    expect(bare[2]).toBe(
      '  IDs:      group -, service -, tunnels - (EPIC current-group-id 0, current-tunnel-id 0)',
    );
    expect(bare[3]).toBe('  address:  - from ServicePrefix default');
  });
});
