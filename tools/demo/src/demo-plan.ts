// Every name the demo uses, decided once from its options, so `up` and `down` (a later process)
// agree on what to create and what to remove. Two modes:
//   plain     the real system on a machine of its own: account `root`, apps serving every
//             namespace, the production webhook selectors;
//   isolated  a guest on a shared stack (the end-to-end test): unique names for everything
//             shared (ServicePrefix, node, topic prefix, Lease, webhook configuration), apps
//             scoped to the demo's namespace, webhooks matching only objects labelled for the run.
import { accountNamespace, coreNamespace } from '@epic/model';

export interface DemoOptions {
  account: string;
  /** A run id (hex) makes the demo isolated; undefined: plain. */
  isolation?: string | undefined;
}

export interface ClientEndpoint {
  name: string;
  /** The endpoint's IP in the client cluster. */
  address: string;
  /** The client node hosting it: the key of the LB's gue-tunnel-endpoints. */
  nodeAddress: string;
}

export interface DemoPlan {
  account: string;
  namespace: string;
  servicePrefix: string;
  serviceGroup: string;
  loadBalancer: string;
  clientCluster: string;
  endpoints: readonly ClientEndpoint[];
  pool: { pool: string; subnet: string };
  /** The KWOK node the Envoy pods run on: the seed's EPIC node. */
  node: { name: string; address: string };
  topicPrefix: string;
  ingestLease: string;
  webhookName: string;
  /** Isolated runs only: the label (key, value) that webhook selectors and apps match. */
  runLabel?: { key: string; value: string } | undefined;
  /** Namespaces the apps serve; undefined = all. */
  servedNamespaces?: readonly string[] | undefined;
  /** Appended to the deployed RBAC names (ServiceAccounts, Roles, bindings): '' when plain. */
  identitySuffix: string;
}

/** On namespaces and core-namespace objects of an isolated run; its webhooks match nothing else. */
export const runLabelKey = 'epic.acnodal.io/demo-run';

const seedClientNodes = ['192.168.1.16', '192.168.1.25'] as const;

export function demoPlan(options: DemoOptions): DemoPlan {
  const namespace = accountNamespace(options.account);
  const run = options.isolation;
  const unique = (plain: string, isolated: string) => (run === undefined ? plain : isolated);
  const loadBalancer = 'sample-acnodal';
  return {
    account: options.account,
    namespace,
    servicePrefix: unique('default', `t-demo-${run}`),
    serviceGroup: 'sample',
    loadBalancer,
    clientCluster: 'puregw-sample',
    endpoints: seedClientNodes.map((nodeAddress, i) => ({
      name: `${loadBalancer}-${nodeAddress.replaceAll('.', '-')}`,
      address: `10.244.${i + 1}.5`,
      nodeAddress,
    })),
    pool: { pool: '192.168.77.2-192.168.77.254', subnet: '192.168.77.0/24' },
    node: { name: unique('epic-demo-node', `t-demo-node-${run}`), address: '192.168.1.40' },
    topicPrefix: unique('demo', `t-demo-${run}`),
    ingestLease: unique('epic-ingest', `t-demo-ingest-${run}`),
    webhookName: unique('epic-demo-admission', `epic-demo-admission-${run}`),
    runLabel: run === undefined ? undefined : { key: runLabelKey, value: run },
    servedNamespaces: run === undefined ? undefined : [namespace],
    identitySuffix: unique('', `-t-demo-${run}`),
  };
}

/** Where the demo's Kubernetes objects live, for messages. */
export function describePlan(plan: DemoPlan): string {
  const scope = plan.servedNamespaces
    ? `apps serve only ${plan.servedNamespaces.join(', ')}`
    : 'apps serve every namespace';
  return (
    `account ${plan.account} (namespace ${plan.namespace}), ServicePrefix ` +
    `${coreNamespace}/${plan.servicePrefix}, node ${plan.node.name}, topic prefix ` +
    `${plan.topicPrefix}; ${scope}`
  );
}
