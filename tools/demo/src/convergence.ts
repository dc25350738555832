// What "the seed's world has converged" means, read from the objects alone: one step per
// worker's contribution, each done or not, with what it produced or, when the worker said why
// not (a False condition it owns), that reason. The demo polls the objects and prints this.
import {
  envoyDeploymentName,
  findCondition,
  type Account,
  type Condition,
  type LBServiceGroup,
  type LoadBalancer,
  type RemoteEndpoint,
} from '@epic/model';
import type { AppName } from './app-processes.js';

export interface Observed {
  account?: Account | undefined;
  loadBalancer?: LoadBalancer | undefined;
  serviceGroup?: LBServiceGroup | undefined;
  remoteEndpoints: readonly RemoteEndpoint[];
}

export type StepKey =
  | 'group-id'
  | 'service-id'
  | 'public-address'
  | 'tunnel-ids'
  | 'envoy-deployment'
  | 'xds-snapshot'
  | 'tunnels-programmed';

export interface Step {
  key: StepKey;
  title: string;
  /** The app whose log says more. */
  app: AppName;
  done: boolean;
  /** What was produced (done), or what is awaited and why (not done). */
  detail: string;
}

interface Outcome {
  done: boolean;
  detail: string;
}

const positive = (n: number | undefined): n is number => n !== undefined && n > 0;

/** The client node addresses of the LB's endpoints, sorted: the keys its tunnels need. */
export function clientNodes(endpoints: readonly RemoteEndpoint[]): string[] {
  const nodes = endpoints.map((e) => e.spec['node-address']).filter((a) => a !== undefined);
  return [...new Set(nodes)].sort();
}

function tunnelsOf(o: Observed) {
  return o.loadBalancer?.status?.['gue-tunnel-endpoints'] ?? {};
}

function groupId(o: Observed): Outcome {
  const id = o.account?.spec['group-id'];
  return positive(id)
    ? { done: true, detail: `group ID ${id} (Account ${o.account?.metadata.name ?? ''})` }
    : { done: false, detail: 'Account spec.group-id not set yet' };
}

function serviceId(o: Observed): Outcome {
  const id = o.loadBalancer?.spec['service-id'];
  return positive(id)
    ? { done: true, detail: `service ID ${id}` }
    : { done: false, detail: 'LoadBalancer spec.service-id not set yet' };
}

function publicAddress(o: Observed): Outcome {
  const address = o.loadBalancer?.spec['public-address'];
  return address
    ? { done: true, detail: `public address ${address}` }
    : { done: false, detail: 'LoadBalancer spec.public-address not set yet' };
}

function tunnelIds(o: Observed): Outcome {
  const nodes = clientNodes(o.remoteEndpoints);
  const tunnels = tunnelsOf(o);
  const ids = nodes.map((n) => tunnels[n]?.['tunnel-id']);
  const missing = nodes.filter((_, i) => !positive(ids[i]));
  if (nodes.length > 0 && missing.length === 0) {
    const pairs = nodes.map((n, i) => `${n} -> ${ids[i]}`);
    return { done: true, detail: `tunnel IDs ${pairs.join(', ')}` };
  }
  const awaited = nodes.length === 0 ? 'no client endpoints yet' : missing.join(', ');
  return { done: false, detail: `waiting for tunnel IDs of ${awaited}` };
}

function isTrue(condition: Condition | undefined): boolean {
  return condition?.status === 'True';
}

function envoyDeployment(o: Observed): Outcome {
  const lb = o.loadBalancer;
  const name = lb?.metadata.name ? envoyDeploymentName(lb.metadata.name) : 'envoy-<lb>';
  const ready = findCondition(lb?.status?.conditions, 'ProxyReady');
  return isTrue(ready)
    ? { done: true, detail: `Deployment ${name}: ${ready?.message ?? 'ready'}` }
    : { done: false, detail: `Deployment ${name} not ready yet (condition ProxyReady)` };
}

function xdsSnapshot(o: Observed): Outcome {
  const name = o.loadBalancer?.metadata.name ?? '';
  const rendered = findCondition(o.loadBalancer?.status?.conditions, 'ConfigRendered');
  const version = o.serviceGroup?.status?.['proxy-snapshot-versions']?.[name];
  return isTrue(rendered) && version !== undefined
    ? { done: true, detail: `snapshot version ${version} for node ${xdsNode(o)}` }
    : {
        done: false,
        detail: 'no snapshot yet (condition ConfigRendered, proxy-snapshot-versions)',
      };
}

function xdsNode(o: Observed): string {
  const meta = o.loadBalancer?.metadata;
  return `${meta?.namespace ?? ''}.${meta?.name ?? ''}`;
}

function tunnelsProgrammed(o: Observed): Outcome {
  const nodes = clientNodes(o.remoteEndpoints);
  const tunnels = tunnelsOf(o);
  const status = o.loadBalancer?.status;
  const epicAddresses = nodes.map((n) => tunnels[n]?.['epic-address']);
  const ifindex = status?.['proxy-ifindex'];
  if (nodes.length > 0 && epicAddresses.every((a) => a) && positive(ifindex)) {
    const at = [...new Set(epicAddresses)].join(', ');
    return {
      done: true,
      detail: `EPIC address ${at}, Envoy veth ${status?.['proxy-ifname'] ?? '?'} (ifindex ${ifindex})`,
    };
  }
  return { done: false, detail: 'epic-address / proxy-ifindex not written yet' };
}

interface StepRule {
  key: StepKey;
  title: string;
  app: AppName;
  /** The condition its worker owns: when False, its message is the reason to show. */
  condition: { on: 'account' | 'loadBalancer'; type: string };
  check: (o: Observed) => Outcome;
}

const rules: readonly StepRule[] = [
  {
    key: 'group-id',
    title: 'group ID',
    app: 'id-allocator',
    condition: { on: 'account', type: 'IdsAllocated' },
    check: groupId,
  },
  {
    key: 'service-id',
    title: 'service ID',
    app: 'id-allocator',
    condition: { on: 'loadBalancer', type: 'IdsAllocated' },
    check: serviceId,
  },
  {
    key: 'public-address',
    title: 'public address',
    app: 'address-allocator',
    condition: { on: 'loadBalancer', type: 'AddressAllocated' },
    check: publicAddress,
  },
  {
    key: 'tunnel-ids',
    title: 'tunnel IDs',
    app: 'id-allocator',
    condition: { on: 'loadBalancer', type: 'IdsAllocated' },
    check: tunnelIds,
  },
  {
    key: 'envoy-deployment',
    title: 'Envoy Deployment',
    app: 'envoy-renderer',
    condition: { on: 'loadBalancer', type: 'ProxyReady' },
    check: envoyDeployment,
  },
  {
    key: 'xds-snapshot',
    title: 'xDS snapshot',
    app: 'xds-server',
    condition: { on: 'loadBalancer', type: 'ConfigRendered' },
    check: xdsSnapshot,
  },
  {
    key: 'tunnels-programmed',
    title: 'tunnels programmed',
    app: 'tunnel-agent',
    condition: { on: 'loadBalancer', type: 'TunnelsProgrammed' },
    check: tunnelsProgrammed,
  },
];

function refusal(o: Observed, rule: StepRule): string | undefined {
  const conditions = o[rule.condition.on]?.status?.conditions;
  const condition = findCondition(conditions, rule.condition.type);
  return condition?.status === 'False' ? `${condition.reason}: ${condition.message}` : undefined;
}

/** The checklist, in the order the workers' contributions usually arrive. */
export function convergenceSteps(o: Observed): Step[] {
  return rules.map((rule) => {
    const outcome = rule.check(o);
    const why = outcome.done ? undefined : refusal(o, rule);
    return {
      key: rule.key,
      title: rule.title,
      app: rule.app,
      done: outcome.done,
      detail: why ?? outcome.detail,
    };
  });
}

export function allDone(steps: readonly Step[]): boolean {
  return steps.every((s) => s.done);
}

/** One line per step, for the progress display. */
export function checklistLines(steps: readonly Step[]): string[] {
  return steps.map((s) => `  [${s.done ? 'x' : ' '}] ${s.title.padEnd(18)} ${s.detail}`);
}

/** The bounded wait ran out: what is missing, and which log to read for each. */
export function missingMessage(
  steps: readonly Step[],
  waitedSeconds: number,
  logOf: (app: AppName) => string,
): string {
  const missing = steps.filter((s) => !s.done);
  const lines = missing.map((s) => `  - ${s.title}: ${s.detail} (read ${logOf(s.app)})`);
  return [`the seed's world did not converge in ${waitedSeconds} s; still missing:`, ...lines].join(
    '\n',
  );
}

/** While waiting: which steps are still open. */
export function waitingLine(steps: readonly Step[], elapsedSeconds: number): string {
  const open = steps.filter((s) => !s.done).map((s) => s.title);
  return `  ... ${elapsedSeconds} s, still waiting for: ${open.join(', ')}`;
}
