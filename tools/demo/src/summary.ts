// The short summary printed after the seed's objects: what the demo made, the IDs and address
// the apps gave it, and what each app did (from its /metrics, counted since it started).
import type { EPIC, LoadBalancer, Account } from '@epic/model';
import type { AppName } from './app-processes.js';
import type { DemoPlan } from './demo-plan.js';
import { total, totalsBy, type Sample } from './metrics-text.js';

export interface SummaryInput {
  plan: DemoPlan;
  epic?: EPIC | undefined;
  account?: Account | undefined;
  loadBalancer?: LoadBalancer | undefined;
  /** Each app's samples; an app whose /metrics did not answer is absent. */
  metrics: Partial<Record<AppName, readonly Sample[]>>;
}

/** `a 1, b 2` in label order: metrics list labels in the order they were first counted, which
 * differs from run to run (a service ID may be counted before the group ID). */
function list(counts: Record<string, number>): string {
  const entries = Object.entries(counts)
    .filter(([, n]) => n > 0)
    .sort(([a], [b]) => a.localeCompare(b));
  return entries.length === 0 ? 'none' : entries.map(([k, n]) => `${k} ${n}`).join(', ');
}

function objectsLine(plan: DemoPlan): string {
  return (
    `Account ${plan.account} (namespace ${plan.namespace}), ServicePrefix epic/${plan.servicePrefix} ` +
    `(${plan.pool.pool}), LBServiceGroup ${plan.serviceGroup}, LoadBalancer ${plan.loadBalancer}, ` +
    `${plan.endpoints.length} RemoteEndpoints, Node ${plan.node.name} (${plan.node.address})`
  );
}

function tunnelsText(lb: LoadBalancer | undefined): string {
  const entries = Object.entries(lb?.status?.['gue-tunnel-endpoints'] ?? {});
  if (entries.length === 0) return '-';
  return entries.map(([node, t]) => `${node} -> ${t['tunnel-id'] ?? '?'}`).join(', ');
}

function idsLine(input: SummaryInput): string {
  const counters = input.epic?.status ?? {};
  const group = input.account?.spec['group-id'] ?? '-';
  const service = input.loadBalancer?.spec['service-id'] ?? '-';
  return (
    `group ${group}, service ${service}, tunnels ${tunnelsText(input.loadBalancer)} ` +
    `(EPIC current-group-id ${counters['current-group-id'] ?? 0}, ` +
    `current-tunnel-id ${counters['current-tunnel-id'] ?? 0})`
  );
}

/** What one app did, in the words of its own metrics. */
const appWork: Record<AppName, (s: readonly Sample[]) => string> = {
  admission: (s) =>
    `${total(s, 'epic_admission_requests_total')} reviews ` +
    `(${list(totalsBy(s, 'epic_admission_requests_total', 'verdict'))})`,
  ingest: (s) => `${total(s, 'epic_ingest_events_published_total')} events published`,
  'id-allocator': (s) =>
    `${handled(s)}; IDs allocated: ${list(totalsBy(s, 'epic_ids_allocated_total', 'kind'))}`,
  'address-allocator': (s) =>
    `${handled(s)}; addresses allocated: ${total(s, 'epic_address_allocations_total')}`,
  'envoy-renderer': (s) =>
    `${handled(s)}; Deployments: ${list(totalsBy(s, 'epic_envoy_deployments_total', 'action'))}`,
  'xds-server': (s) =>
    `${handled(s)}; renders: ${list(totalsBy(s, 'epic_xds_renders_total', 'outcome'))}`,
  'tunnel-dispatcher': (s) =>
    `${handled(s)}; dispatches: ${list(totalsBy(s, 'epic_tunnel_dispatches_total', 'result'))}`,
  'tunnel-agent': (s) => `runs: ${list(totalsBy(s, 'epic_tunnel_agent_runs_total', 'outcome'))}`,
};

function handled(samples: readonly Sample[]): string {
  return `${total(samples, 'epic_events_handled_total')} events handled`;
}

function appLines(metrics: SummaryInput['metrics']): string[] {
  return (Object.keys(appWork) as AppName[]).map((app) => {
    const samples = metrics[app];
    const work = samples ? appWork[app](samples) : '/metrics did not answer';
    return `    ${app.padEnd(18)} ${work}`;
  });
}

export function summaryLines(input: SummaryInput): string[] {
  const address = input.loadBalancer?.spec['public-address'] ?? '-';
  return [
    'Summary',
    `  objects:  ${objectsLine(input.plan)}`,
    `  IDs:      ${idsLine(input)}`,
    `  address:  ${address} from ServicePrefix ${input.plan.servicePrefix}`,
    '  apps (counted since they started):',
    ...appLines(input.metrics),
  ];
}
