// What each deployed app needs from the Kubernetes API, read off its code (the calls named in
// each `why`), written independently of deploy/kustomize/rbac: the static test requires the
// rendered RBAC to grant exactly this, nothing more; the install test asks the real apiserver
// that each app may do all of it and none of what only the others need.
//
// A line is `verbs group/resources [name=object]`, `core` being the core group; `cluster`
// lines hold in every namespace (account namespaces come and go), `core` lines only in the
// namespace EPIC is installed in (`epic`), where the singleton and ServicePrefixes live.
import type { Grant, Scope } from '@epic/manifests';

export interface AppAccess {
  /** apps/<app>. */
  app: string;
  serviceAccount: string;
  cluster: readonly string[];
  core: readonly string[];
  why: string;
}

const epicKinds =
  'epics,accounts,serviceprefixes,lbservicegroups,loadbalancers,remoteendpoints,gwproxies,gwroutes,gwendpointslices';

export const appAccess: readonly AppAccess[] = [
  {
    app: 'ingest',
    serviceAccount: 'ingest',
    cluster: [`list,watch epic.acnodal.io/${epicKinds}`, 'list,watch core/pods,namespaces,nodes'],
    core: [
      'create coordination.k8s.io/leases',
      'get,update coordination.k8s.io/leases name=epic-ingest',
    ],
    why: 'libs/kube watched-collections.ts (list+watch), lease-elector.ts (read, create, replace)',
  },
  {
    app: 'id-allocator',
    serviceAccount: 'id-allocator',
    cluster: [
      'get,list,update epic.acnodal.io/accounts',
      'get,update epic.acnodal.io/loadbalancers',
      'update epic.acnodal.io/accounts/status,loadbalancers/status',
      'list epic.acnodal.io/remoteendpoints',
      'list core/pods',
      'get core/nodes',
      'create core/events',
    ],
    core: ['get epic.acnodal.io/epics name=epic', 'update epic.acnodal.io/epics/status name=epic'],
    why: 'group-ids.ts, service-ids.ts, tunnel-ids.ts, tunnel-pairs.ts, epic-nodes.ts, account-locator.ts',
  },
  {
    app: 'address-allocator',
    serviceAccount: 'address-allocator',
    cluster: [
      'get,list,update epic.acnodal.io/loadbalancers,gwproxies',
      'update epic.acnodal.io/loadbalancers/status,gwproxies/status',
      'get epic.acnodal.io/lbservicegroups',
      'create core/events',
    ],
    core: ['get epic.acnodal.io/serviceprefixes', 'update epic.acnodal.io/serviceprefixes/status'],
    why: 'owners.ts, prefix-writer.ts, service-prefix-of.ts, address-allocator.ts',
  },
  {
    app: 'envoy-renderer',
    serviceAccount: 'envoy-renderer',
    cluster: [
      'get,list,update epic.acnodal.io/loadbalancers,gwproxies',
      'update epic.acnodal.io/loadbalancers/status,gwproxies/status',
      'update epic.acnodal.io/loadbalancers/finalizers,gwproxies/finalizers',
      'get epic.acnodal.io/lbservicegroups',
      'get,create,patch,delete apps/deployments',
      'get,create,patch,delete core/configmaps',
      'list core/pods',
      'create core/events',
    ],
    core: ['get epic.acnodal.io/epics name=epic'],
    why: 'envoy-objects.ts (server-side apply, delete), proxies.ts, proxy-writes.ts, epic-image.ts',
  },
  {
    app: 'xds-server',
    serviceAccount: 'xds-server',
    cluster: [
      'get,list epic.acnodal.io/loadbalancers,remoteendpoints,lbservicegroups,gwproxies,gwroutes,gwendpointslices',
      'update epic.acnodal.io/lbservicegroups/status,loadbalancers/status,gwproxies/status',
      'create core/events',
    ],
    core: [],
    why: 'kube-reader.ts, kube-version-store.ts, condition-sink.ts, wiring.ts',
  },
  {
    app: 'tunnel-programmer',
    serviceAccount: 'tunnel-dispatcher',
    cluster: [
      'get,list,update epic.acnodal.io/loadbalancers,gwproxies',
      'list epic.acnodal.io/remoteendpoints,gwroutes,gwendpointslices,accounts',
      'list core/pods,nodes',
    ],
    core: [],
    why: 'dispatcher/world-reader.ts, dispatcher/finalizer-writer.ts, shared/proxy-objects.ts',
  },
  {
    app: 'tunnel-programmer',
    serviceAccount: 'tunnel-agent',
    cluster: [
      'get,update epic.acnodal.io/loadbalancers,gwproxies',
      'update epic.acnodal.io/loadbalancers/status,gwproxies/status',
      'get core/nodes',
      'create core/events',
    ],
    core: [],
    why: 'agent/status-writer.ts, agent/finalizer-release.ts, agent/start-agent.ts',
  },
  {
    app: 'admission',
    serviceAccount: 'epic-admission',
    cluster: [
      'get,list epic.acnodal.io/accounts,serviceprefixes,lbservicegroups,loadbalancers,remoteendpoints,gwproxies',
      'get core/namespaces',
    ],
    core: [],
    why: 'fact-reader.ts (its RBAC is deploy/webhooks/rbac.yaml)',
  },
  {
    app: 'audit',
    serviceAccount: 'audit',
    cluster: [],
    core: [],
    why: 'Kafka in, stdout out: no Kubernetes API at all',
  },
];

const line = /^([a-z,]+) ([a-z0-9.-]+)\/([a-z/,]+)(?: name=([a-z0-9.-]+))?$/;

/** The grants of one access line; a malformed line is an error naming it. */
export function parseAccessLine(text: string, scope: Scope): Grant[] {
  const match = line.exec(text);
  if (!match) throw new Error(`not an access line (verbs group/resources [name=x]): '${text}'`);
  const [, verbs = '', group = '', resources = '', name] = match;
  const apiGroup = group === 'core' ? '' : group;
  return verbs.split(',').flatMap((verb) =>
    resources.split(',').map((resource) => ({
      scope,
      verb,
      group: apiGroup,
      resource,
      ...(name === undefined ? {} : { name }),
    })),
  );
}

/** Every grant an app needs, when EPIC is installed in `namespace`. */
export function neededGrants(access: AppAccess, namespace: string): Grant[] {
  return [
    ...access.cluster.flatMap((l) => parseAccessLine(l, { kind: 'cluster' })),
    ...access.core.flatMap((l) => parseAccessLine(l, { kind: 'namespace', namespace })),
  ];
}
