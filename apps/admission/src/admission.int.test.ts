// The webhooks behind the REAL kube-apiserver: our server on 127.0.0.1:<random> with the stack's
// certificate, the production webhook configurations registered with selectors narrowed to this
// run (test-harness.ts). Valid objects are admitted and stored defaulted, a table of bad objects
// is refused with the message each rule promises, dry runs go through the webhooks too.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RbacAuthorizationV1Api, type KubeConfig } from '@kubernetes/client-node';
import { epicNameMessage, epicNamespaceMessage } from '@epic/admission-rules';
import {
  EpicObjects,
  deleteNamespace,
  ensureNamespace,
  isApiError,
  loadKubeConfig,
} from '@epic/kube';
import {
  accountKind,
  accountNamespace,
  controllerFinalizer,
  coreNamespace,
  epicKind,
  gwEndpointSliceKind,
  gwProxyKind,
  gwRouteKind,
  lbServiceGroupKind,
  loadBalancerKind,
  owningAccountLabel,
  owningLBServiceGroupLabel,
  owningLoadBalancerLabel,
  owningServicePrefixLabel,
  partOfEpicLabels,
  remoteEndpointKind,
  servicePrefixKind,
  tunnelKeyPattern,
  type KindDescriptor,
  type LoadBalancer,
} from '@epic/model';
import {
  eventually,
  httpsGet,
  impersonating,
  plainLabel,
  refusalOf,
  runLabel,
  startTestServer,
  TestWebhooks,
  type Refusal,
  type TestServer,
} from './test-harness.js';

type Json = Record<string, unknown>;
type Obj = {
  apiVersion: string;
  kind: string;
  metadata: Json & { name: string; namespace: string };
  spec: Json;
  status?: Json;
};

let kc: KubeConfig;
let test: TestServer;
let hooks: TestWebhooks;
let run = '';
const ns = { a: '', b: '', c: '', d: '', e: '', plain: '' };
const account = { a: '', b: '', c: '', d: '', e: '' };
let prefix = '';
/** A ServicePrefix given claims to be refused deletion (its own, so `prefix` stays usable). */
const heldPrefix = () => `t-adm-held-${run}`;
const idAllocatorUser = 'system:serviceaccount:epic:id-allocator';

const api = <K extends KindDescriptor>(kind: K, config: KubeConfig = kc) =>
  new EpicObjects(config, kind);
const kinds = {
  EPIC: epicKind,
  Account: accountKind,
  ServicePrefix: servicePrefixKind,
  LBServiceGroup: lbServiceGroupKind,
  LoadBalancer: loadBalancerKind,
  RemoteEndpoint: remoteEndpointKind,
  GWProxy: gwProxyKind,
  GWRoute: gwRouteKind,
  GWEndpointSlice: gwEndpointSliceKind,
} as const;
type Kind = keyof typeof kinds;

function obj(
  kind: Kind,
  [namespace, name]: [string, string],
  spec: Json,
  metadata: Json = {},
): Obj {
  return {
    apiVersion: 'epic.acnodal.io/v1',
    kind,
    metadata: { name, namespace, ...metadata },
    spec,
  };
}

const envoyTemplate = {
  envoyAPI: 'v3',
  nodeID: 'SET_BY_EPIC',
  envoyResources: { listeners: [{ name: 'SET_BY_EPIC', value: "{{ .ServiceName }} + 'x'" }] },
};
const groupSpec = { 'envoy-replica-count': 3, 'envoy-template': envoyTemplate };
const groupLabels = (acct: string) => ({
  [owningServicePrefixLabel]: prefix,
  [owningAccountLabel]: acct,
});
const lbSpec = (extra: Json = {}) => ({
  'service-group': 'web',
  'display-name': 'shop',
  'public-ports': [{ port: 443, protocol: 'TCP', targetPort: 8443 }],
  ...extra,
});
const gwSpec = (extra: Json = {}) => ({
  'service-group': 'web',
  'display-name': 'gateway',
  clientRef: { clusterID: 'c1', namespace: 'shop', name: 'gateway', uid: 'u-1' },
  'public-ports': [{ port: 80, protocol: 'TCP' }],
  ...extra,
});
const repSpec = (extra: Json = {}) => ({
  cluster: 'c1',
  address: '10.244.1.5',
  'node-address': '192.168.1.16',
  port: { port: 8080, protocol: 'TCP' },
  ...extra,
});
const sliceSpec = {
  parentRef: { uid: 'svc-1' },
  addressType: 'IPv4',
  endpoints: [{ addresses: ['10.244.1.5'] }],
};

type Stored = { metadata: { finalizers?: string[] }; spec: Json; status?: Json };

const create = async (o: Obj, dryRun = false): Promise<Stored> =>
  await api(kinds[o.kind as Kind]).create(o as never, { dryRun });

async function update(kind: Kind, namespace: string, name: string, change: (o: Obj) => void) {
  const objects = api(kinds[kind]);
  const current = structuredClone((await objects.get({ namespace, name })) as unknown as Obj);
  change(current);
  return objects.replace(current as never);
}

async function updateStatus(
  kind: Kind,
  [namespace, name]: [string, string],
  status: Json,
  config = kc,
) {
  const objects = api(kinds[kind], config);
  const current = (await objects.get({ namespace, name })) as unknown as Obj;
  return objects.replaceStatus({ ...current, status } as never);
}

async function labelledNamespace(name: string, labels: Record<string, string>) {
  await ensureNamespace(kc, name, {
    ...partOfEpicLabels,
    'epic.acnodal.io/test': 'true',
    ...labels,
  });
  return name;
}

async function grantIdAllocator(namespace: string) {
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  await rbac.createNamespacedRole({
    namespace,
    body: {
      metadata: { name: 'id-writer' },
      rules: [
        {
          apiGroups: ['epic.acnodal.io'],
          resources: ['loadbalancers', 'loadbalancers/status', 'accounts'],
          verbs: ['get', 'list', 'update'],
        },
      ],
    },
  });
  await rbac.createNamespacedRoleBinding({
    namespace,
    body: {
      metadata: { name: 'id-writer' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'id-writer' },
      subjects: [{ kind: 'ServiceAccount', name: 'id-allocator', namespace: 'epic' }],
    },
  });
}

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  test = await startTestServer(kc);
  hooks = new TestWebhooks(kc, test.server.port);
  run = hooks.runId;
  for (const key of ['a', 'b', 'c', 'd', 'e'] as const) {
    account[key] = `t-adm-${key}-${run}`;
    ns[key] = await labelledNamespace(accountNamespace(account[key]), { [runLabel]: run });
  }
  ns.plain = await labelledNamespace(`t-adm-plain-${run}`, { [plainLabel]: run });
  prefix = `t-adm-sp-${run}`;
  await create(
    obj('ServicePrefix', [coreNamespace, prefix], {
      'public-pool': { pool: '192.168.77.2-192.168.77.8', subnet: '192.168.77.0/24' },
    }),
  );
  await hooks.register();
  // The apiserver learns webhook configurations through an informer: wait until both answer.
  await eventually('the validating webhook', async () => {
    const refusal = await refusalOf(() => create(obj('EPIC', [ns.a, 'probe'], {}), true));
    return refusal?.message.includes(epicNameMessage) ? true : undefined;
  });
  for (const key of ['a', 'b', 'c', 'e'] as const) {
    await create(obj('Account', [ns[key], account[key]], {}));
    await create(
      obj('LBServiceGroup', [ns[key], key === 'b' ? `webb-${run}` : 'web'], groupSpec, {
        labels: groupLabels(account[key]),
      }),
    );
  }
  await eventually('the mutating webhook', async () => {
    const probe = await create(obj('LoadBalancer', [ns.a, 'probe'], lbSpec()), true);
    return probe.spec['tunnel-key'] ? true : undefined;
  });
  await create(obj('LoadBalancer', [ns.a, 'busy'], lbSpec({ 'upstream-clusters': ['c1'] })));
  await create(
    obj('RemoteEndpoint', [ns.a, 'ep-1'], repSpec(), {
      labels: { [owningLoadBalancerLabel]: 'busy' },
    }),
  );
  await create(
    obj('GWProxy', [ns.a, 'gw-label'], gwSpec({ 'service-group': undefined }), {
      labels: { [owningLBServiceGroupLabel]: 'web' },
    }),
  );
  await grantIdAllocator(ns.a);
});

async function stripFinalizers(namespace: string) {
  for (const kind of [loadBalancerKind, gwProxyKind] as const) {
    const objects = api(kind);
    for (const item of await objects.list(namespace)) {
      if (!(item.metadata.finalizers ?? []).includes(controllerFinalizer)) continue;
      const finalizers = (item.metadata.finalizers ?? []).filter((f) => f !== controllerFinalizer);
      await objects
        .replace({ ...item, metadata: { ...item.metadata, finalizers } })
        .catch((err: unknown) => {
          if (!isApiError(err, 404) && !isApiError(err, 409)) throw err;
        });
    }
  }
}

afterAll(async () => {
  // Webhooks first: nothing of ours may stand in the way of cleaning up.
  await hooks?.remove();
  for (const namespace of Object.values(ns).filter((n) => n !== '')) {
    await stripFinalizers(namespace);
    await deleteNamespace(kc, namespace);
  }
  for (const name of prefix ? [prefix, heldPrefix()] : []) {
    await api(servicePrefixKind)
      .delete({ namespace: coreNamespace, name })
      .catch((err: unknown) => {
        if (!isApiError(err, 404)) throw err;
      });
  }
  await test?.server.close();
});

describe('valid objects are admitted and stored defaulted', () => {
  it('a LoadBalancer gets finalizer, tunnel key, group label, template, replicas and DNS record', async () => {
    await create(obj('LoadBalancer', [ns.a, 'shop'], lbSpec({ 'public-address': '192.168.77.2' })));
    const lb = await api(loadBalancerKind).get({ namespace: ns.a, name: 'shop' });
    expect(lb.metadata.finalizers).toEqual([controllerFinalizer]);
    expect(lb.metadata.labels?.[owningLBServiceGroupLabel]).toBe('web');
    expect(lb.spec['tunnel-key']).toMatch(tunnelKeyPattern);
    expect(lb.spec['envoy-template']).toEqual(envoyTemplate);
    expect(lb.spec['envoy-replica-count']).toBe(3);
    expect(lb.spec.endpoints).toEqual([
      {
        dnsName: 'shop.web.client.acnodal.io',
        recordType: 'A',
        recordTTL: 180,
        targets: ['192.168.77.2'],
      },
    ]);
  });

  it('two LoadBalancers get different tunnel keys; a given key and replica count are kept', async () => {
    await create(
      obj(
        'LoadBalancer',
        [ns.a, 'own'],
        lbSpec({ 'tunnel-key': 'AAAAAAAAAAAAAAAAAAAAAA==', 'envoy-replica-count': 1 }),
      ),
    );
    const own = await api(loadBalancerKind).get({ namespace: ns.a, name: 'own' });
    const shop = await api(loadBalancerKind).get({ namespace: ns.a, name: 'shop' });
    expect(own.spec['tunnel-key']).toBe('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(own.spec['envoy-replica-count']).toBe(1);
    const busy = await api(loadBalancerKind).get({ namespace: ns.a, name: 'busy' });
    expect(busy.spec['tunnel-key']).not.toBe(shop.spec['tunnel-key']);
  });

  it('a GWProxy gets the same defaults, the finalizer exactly once', async () => {
    await create(obj('GWProxy', [ns.a, 'gw-a'], gwSpec(), { finalizers: [controllerFinalizer] }));
    const gw = await api(gwProxyKind).get({ namespace: ns.a, name: 'gw-a' });
    expect(gw.metadata.finalizers).toEqual([controllerFinalizer]);
    expect(gw.spec['tunnel-key']).toMatch(tunnelKeyPattern);
    expect(gw.spec['envoy-replica-count']).toBe(3);
    expect(gw.spec.endpoints).toEqual([
      { dnsName: 'gateway.web.client.acnodal.io', recordType: 'A', recordTTL: 180, targets: [] },
    ]);
  });

  it('the fixtures went through the webhooks: Accounts, groups, an endpoint', async () => {
    expect((await api(accountKind).list(ns.a)).map((a) => a.metadata.name)).toEqual([account.a]);
    expect((await api(remoteEndpointKind).list(ns.a)).map((r) => r.metadata.name)).toEqual([
      'ep-1',
    ]);
    const system = obj('LBServiceGroup', [coreNamespace, `t-adm-sys-${run}`], groupSpec, {
      labels: { [owningServicePrefixLabel]: prefix, [runLabel]: run },
    });
    await create(system, true); // a system group (dry run: `epic` is shared)
  });

  it('an update that leaves IDs and the group alone is admitted', async () => {
    await update('LoadBalancer', ns.a, 'shop', (o) => {
      o.spec['display-name'] = 'shop-2';
    });
  });
});

describe('dry runs go through the webhooks', () => {
  it('a bad object is refused', async () => {
    const refusal = await refusalOf(() =>
      create(
        obj('LoadBalancer', [ns.a, 'dry-bad'], lbSpec({ 'service-group': `t-adm-none-${run}` })),
        true,
      ),
    );
    expect(refusal?.message).toContain(
      `spec.service-group "t-adm-none-${run}" names no LBServiceGroup`,
    );
  });

  it('a good one comes back defaulted and is not stored', async () => {
    const dry = await create(obj('LoadBalancer', [ns.a, 'dry-good'], lbSpec()), true);
    expect(dry.metadata.finalizers).toEqual([controllerFinalizer]);
    expect(dry.spec['tunnel-key']).toMatch(tunnelKeyPattern);
    const stored = await refusalOf(() =>
      api(loadBalancerKind).get({ namespace: ns.a, name: 'dry-good' }),
    );
    expect(stored?.code).toBe(404);
  });
});

interface Row {
  name: string;
  write: () => Promise<unknown>;
  message: string | RegExp;
  code?: number;
}

const denied = (hook: string) => `admission webhook "${hook}" denied the request: `;
const userHook = 'user-namespaces.validate.epic.acnodal.io';

// Rows are built lazily: namespaces and names exist only once beforeAll ran.
const rows = (): Row[] => [
  // EPIC
  {
    name: 'EPIC with another name',
    write: () => create(obj('EPIC', [ns.a, 'other'], {})),
    message: epicNameMessage,
  },
  {
    name: 'EPIC outside epic',
    write: () => create(obj('EPIC', [ns.a, 'epic'], {})),
    message: denied(userHook) + epicNamespaceMessage,
  },
  {
    name: 'EPIC in epic with another name (dry run)',
    write: () =>
      create(
        obj('EPIC', [coreNamespace, `t-adm-epic-${run}`], {}, { labels: { [runLabel]: run } }),
        true,
      ),
    message: denied('core-namespace.validate.epic.acnodal.io') + epicNameMessage,
  },
  // Account
  {
    name: 'Account not named after its namespace',
    write: () => create(obj('Account', [ns.d, 'other'], {})),
    message: `metadata.name must be "${account.d}"`,
  },
  {
    name: 'Account outside an account namespace',
    write: () => create(obj('Account', [ns.plain, 'plain'], {})),
    message: /Account t-adm-plain-\w+\/plain must be in an account namespace/,
  },
  {
    name: 'Account in epic (dry run)',
    write: () =>
      create(
        obj('Account', [coreNamespace, `t-adm-acct-${run}`], {}, { labels: { [runLabel]: run } }),
        true,
      ),
    message: 'must be in an account namespace (epic-<account>), not in "epic"',
  },
  {
    name: 'Account with a group-id from a user',
    write: () => create(obj('Account', [ns.d, account.d], { 'group-id': 7 })),
    message: 'spec.group-id cannot be set by user "admin"',
    code: 403,
  },
  {
    name: 'Account group-id changed by a user',
    write: () => update('Account', ns.a, account.a, (o) => (o.spec['group-id'] = 5)),
    message: 'spec.group-id cannot be set by user "admin" (only the id-allocator writes IDs)',
    code: 403,
  },
  {
    name: 'Account status counter moved by a user',
    write: () => updateStatus('Account', [ns.a, account.a], { 'current-service-id': 9 }),
    message: 'status.current-service-id cannot be set by user "admin"',
    code: 403,
  },
  // ServicePrefix
  {
    name: 'ServicePrefix in an account namespace',
    write: () =>
      create(
        obj('ServicePrefix', [ns.a, 'p'], {
          'public-pool': { pool: '10.0.0.0/24', subnet: '10.0.0.0/24' },
        }),
      ),
    message: 'must be in the "epic" namespace',
  },
  {
    name: 'ServicePrefix named with a dot (dry run)',
    write: () =>
      create(
        obj(
          'ServicePrefix',
          [coreNamespace, `t.adm-${run}`],
          { 'public-pool': { pool: '10.0.0.0/24', subnet: '10.0.0.0/24' } },
          { labels: { [runLabel]: run } },
        ),
        true,
      ),
    message: 'metadata.name must be an RFC 1123 label',
  },
  // LBServiceGroup
  {
    name: 'group without labels',
    write: () => create(obj('LBServiceGroup', [ns.a, 'g1'], groupSpec)),
    message: `has no label ${owningServicePrefixLabel}`,
  },
  {
    name: 'group whose ServicePrefix does not exist',
    write: () =>
      create(
        obj('LBServiceGroup', [ns.a, 'g2'], groupSpec, {
          labels: { ...groupLabels(account.a), [owningServicePrefixLabel]: `t-adm-nope-${run}` },
        }),
      ),
    message: `names ServicePrefix "t-adm-nope-${run}", which does not exist in epic`,
  },
  {
    name: 'group without its Account label',
    write: () =>
      create(
        obj('LBServiceGroup', [ns.a, 'g3'], groupSpec, {
          labels: { [owningServicePrefixLabel]: prefix },
        }),
      ),
    message: `has no label ${owningAccountLabel}: set it to "${account.a}"`,
  },
  {
    name: "group labelled with another account's name",
    write: () =>
      create(obj('LBServiceGroup', [ns.a, 'g4'], groupSpec, { labels: groupLabels(account.b) })),
    message: `label ${owningAccountLabel} is "${account.b}", but namespace ${ns.a} belongs to account "${account.a}"`,
  },
  {
    name: 'group outside an account namespace',
    write: () =>
      create(obj('LBServiceGroup', [ns.plain, 'g5'], groupSpec, { labels: groupLabels('x') })),
    message: 'must be in an account namespace (epic-<account>) or in "epic"',
  },
  {
    name: 'group named with a dot',
    write: () =>
      create(obj('LBServiceGroup', [ns.a, 'g.6'], groupSpec, { labels: groupLabels(account.a) })),
    message: 'owning-lbservicegroup label: choose such a name',
  },
  {
    name: 'group DNS template with an unknown placeholder (CEL)',
    write: () =>
      create(
        obj(
          'LBServiceGroup',
          [ns.a, 'g7'],
          { ...groupSpec, 'endpoint-template': { dnsName: '{{.Namespace}}.example.com' } },
          { labels: groupLabels(account.a) },
        ),
      ),
    message:
      'spec.endpoint-template.dnsName: Invalid value: "{{.Namespace}}.example.com": dnsName may use only the placeholders',
  },
  {
    name: 'system group with an account label (dry run)',
    write: () =>
      create(
        obj('LBServiceGroup', [coreNamespace, `t-adm-g8-${run}`], groupSpec, {
          labels: { ...groupLabels(account.a), [runLabel]: run },
        }),
        true,
      ),
    message: 'a system service group (in epic) belongs to no account',
  },
  {
    name: 'group relabelled to a missing ServicePrefix',
    write: () =>
      update(
        'LBServiceGroup',
        ns.a,
        'web',
        (o) => ((o.metadata.labels as Json)[owningServicePrefixLabel] = `t-adm-gone-${run}`),
      ),
    message: `names ServicePrefix "t-adm-gone-${run}", which does not exist`,
  },
  // LoadBalancer
  {
    name: 'LB whose group exists nowhere',
    write: () =>
      create(obj('LoadBalancer', [ns.a, 'lb1'], lbSpec({ 'service-group': `t-adm-none-${run}` }))),
    message: `names no LBServiceGroup in ${ns.a} or in epic: create the group first`,
  },
  {
    name: "LB naming another account's group",
    write: () =>
      create(obj('LoadBalancer', [ns.a, 'lb2'], lbSpec({ 'service-group': `webb-${run}` }))),
    message: `spec.service-group "webb-${run}" names no LBServiceGroup in ${ns.a} or in epic`,
  },
  {
    name: 'LB with a service-id from a user',
    write: () => create(obj('LoadBalancer', [ns.a, 'lb3'], lbSpec({ 'service-id': 7 }))),
    message: 'spec.service-id cannot be set by user "admin"',
    code: 403,
  },
  {
    name: 'LB outside an account namespace',
    write: () => create(obj('LoadBalancer', [ns.plain, 'lb4'], lbSpec())),
    message: denied('other-namespaces.validate.epic.acnodal.io'),
  },
  {
    name: 'LB named with 64 characters',
    write: () => create(obj('LoadBalancer', [ns.a, 'l'.repeat(64)], lbSpec())),
    message: 'at most 63 characters',
  },
  {
    name: 'LB named with a dot',
    write: () => create(obj('LoadBalancer', [ns.a, 'lb.5'], lbSpec())),
    message: 'its endpoints and Envoy pods name it in a label',
  },
  {
    name: 'LB with port 443/TCP twice (CEL)',
    write: () =>
      create(
        obj(
          'LoadBalancer',
          [ns.a, 'lb6'],
          lbSpec({ 'public-ports': [{ port: 443 }, { port: 443, protocol: 'TCP' }] }),
        ),
      ),
    message:
      'spec.public-ports: Invalid value: each port/protocol pair may appear only once in public-ports: remove or merge the duplicate',
  },
  {
    name: 'LB whose group label disagrees with spec.service-group',
    write: () =>
      create(
        obj('LoadBalancer', [ns.a, 'lb7'], lbSpec(), {
          labels: { [owningLBServiceGroupLabel]: 'other' },
        }),
      ),
    message: `label ${owningLBServiceGroupLabel} is "other" but spec.service-group is "web"`,
  },
  {
    name: 'LB in a namespace without its Account',
    write: () => create(obj('LoadBalancer', [ns.d, 'lb8'], lbSpec())),
    message: `namespace ${ns.d} has no Account "${account.d}"`,
  },
  {
    name: 'LB with a bad tunnel-key (CRD)',
    write: () => create(obj('LoadBalancer', [ns.a, 'lb9'], lbSpec({ 'tunnel-key': 'c2VjcmV0' }))),
    message: 'spec.tunnel-key',
  },
  {
    name: 'LB service-id set by a user on update',
    write: () => update('LoadBalancer', ns.a, 'busy', (o) => (o.spec['service-id'] = 9)),
    message: 'spec.service-id cannot be set by user "admin"',
    code: 403,
  },
  {
    name: 'LB moved to another group (CEL)',
    write: () =>
      update('LoadBalancer', ns.a, 'busy', (o) => (o.spec['service-group'] = `webb-${run}`)),
    message: 'service-group cannot be changed',
  },
  {
    name: 'LB group label changed on update',
    write: () =>
      update(
        'LoadBalancer',
        ns.a,
        'busy',
        (o) => ((o.metadata.labels as Json)[owningLBServiceGroupLabel] = 'other'),
      ),
    message: `label ${owningLBServiceGroupLabel} is "other" but spec.service-group is "web"`,
  },
  {
    name: 'LB deleted while client clusters use it',
    write: () => api(loadBalancerKind).delete({ namespace: ns.a, name: 'busy' }),
    message: `LB ${ns.a}/busy has upstream clusters, can't delete: [c1]`,
    code: 409,
  },
  {
    name: 'LB tunnel ID set by a user (status)',
    write: () =>
      updateStatus('LoadBalancer', [ns.a, 'busy'], {
        'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 42 } },
      }),
    message: 'status.gue-tunnel-endpoints.192.168.1.16.tunnel-id cannot be set by user "admin"',
    code: 403,
  },
  // GWProxy
  {
    name: 'GWProxy without a service group',
    write: () => create(obj('GWProxy', [ns.a, 'gw1'], gwSpec({ 'service-group': undefined }))),
    message: 'names no service group: set spec.service-group',
  },
  {
    name: 'GWProxy whose group label names nothing',
    write: () =>
      create(
        obj('GWProxy', [ns.a, 'gw2'], gwSpec({ 'service-group': undefined }), {
          labels: { [owningLBServiceGroupLabel]: `t-adm-none-${run}` },
        }),
      ),
    message: `${owningLBServiceGroupLabel} "t-adm-none-${run}" names no LBServiceGroup`,
  },
  {
    name: 'GWProxy named with 64 characters',
    write: () => create(obj('GWProxy', [ns.a, 'g'.repeat(64)], gwSpec())),
    message: 'its Envoy pods name it in a label',
  },
  {
    name: 'GWProxy with port 80/TCP twice (CEL)',
    write: () =>
      create(
        obj('GWProxy', [ns.a, 'gw3'], gwSpec({ 'public-ports': [{ port: 80 }, { port: 80 }] })),
      ),
    message: 'each port/protocol pair may appear only once in public-ports',
  },
  {
    name: 'GWProxy outside an account namespace',
    write: () => create(obj('GWProxy', [ns.plain, 'gw4'], gwSpec())),
    message: 'must be in an account namespace',
  },
  {
    name: 'GWProxy loses its group label',
    write: () =>
      update(
        'GWProxy',
        ns.a,
        'gw-label',
        (o) => delete (o.metadata.labels as Json)[owningLBServiceGroupLabel],
      ),
    message: 'its service group "web" cannot be changed to "(none)"',
  },
  {
    name: 'GWProxy tunnel ID set by a user (status)',
    write: () =>
      updateStatus('GWProxy', [ns.a, 'gw-label'], {
        'gue-tunnel-endpoints': {
          '192.168.1.16': { 'epic-endpoints': { '10.0.0.2': { 'tunnel-id': 3 } } },
        },
      }),
    message: 'epic-endpoints.10.0.0.2.tunnel-id cannot be set by user "admin"',
    code: 403,
  },
  // RemoteEndpoint
  {
    name: 'endpoint without its LB label',
    write: () => create(obj('RemoteEndpoint', [ns.a, 'ep2'], repSpec())),
    message: `has no label ${owningLoadBalancerLabel}`,
  },
  {
    name: 'endpoint of a missing LB',
    write: () =>
      create(
        obj('RemoteEndpoint', [ns.a, 'ep3'], repSpec(), {
          labels: { [owningLoadBalancerLabel]: 'nope' },
        }),
      ),
    message: `names LoadBalancer "nope", which does not exist in ${ns.a}`,
  },
  {
    name: "endpoint of a cluster not in the LB's upstream-clusters",
    write: () =>
      create(
        obj('RemoteEndpoint', [ns.a, 'ep4'], repSpec({ cluster: 'c9' }), {
          labels: { [owningLoadBalancerLabel]: 'busy' },
        }),
      ),
    message: `spec.cluster "c9" is not in spec.upstream-clusters of LoadBalancer ${ns.a}/busy`,
  },
  {
    name: 'duplicate endpoint',
    write: () =>
      create(
        obj('RemoteEndpoint', [ns.a, 'ep5'], repSpec(), {
          labels: { [owningLoadBalancerLabel]: 'busy' },
        }),
      ),
    message: /\(delete one of them\): duplicate endpoint: ep-1$/,
    code: 409,
  },
  {
    name: 'endpoint outside an account namespace',
    write: () =>
      create(
        obj('RemoteEndpoint', [ns.plain, 'ep6'], repSpec(), {
          labels: { [owningLoadBalancerLabel]: 'busy' },
        }),
      ),
    message: 'must be in an account namespace',
  },
  {
    name: 'endpoint address not an IP (CEL)',
    write: () =>
      create(
        obj('RemoteEndpoint', [ns.a, 'ep7'], repSpec({ address: 'pod-a' }), {
          labels: { [owningLoadBalancerLabel]: 'busy' },
        }),
      ),
    message: 'spec.address: Invalid value: "pod-a": must be an IP address',
  },
  // Routes and slices
  {
    name: 'GWRoute outside an account namespace',
    write: () => create(obj('GWRoute', [ns.plain, 'r1'], { tcp: { rules: [{}] } })),
    message: 'GWRoute',
  },
  {
    name: 'GWEndpointSlice outside an account namespace',
    write: () => create(obj('GWEndpointSlice', [ns.plain, 's1'], sliceSpec)),
    message: 'must be in an account namespace',
  },
];

describe('bad objects are refused through the real apiserver, each with its message', () => {
  it('has at least 40 of them', () => {
    expect(rows().length).toBeGreaterThanOrEqual(40);
  });

  it.each(rows().map((row, i) => [row.name, i] as const))('%s', async (_, i) => {
    const row = rows()[i]!;
    const refusal: Refusal | undefined = await refusalOf(row.write);
    expect(refusal, 'admitted').toBeDefined();
    if (typeof row.message === 'string') expect(refusal?.message).toContain(row.message);
    else expect(refusal?.message).toMatch(row.message);
    if (row.code !== undefined) expect(refusal?.code).toBe(row.code);
  });
});

describe('a ServicePrefix holding address claims', () => {
  it('cannot be deleted until its claims are released', async () => {
    const prefixes = api(servicePrefixKind);
    const ref = { namespace: coreNamespace, name: heldPrefix() };
    await create(
      obj(
        'ServicePrefix',
        [ref.namespace, ref.name],
        {
          'public-pool': { pool: '192.168.78.2-192.168.78.8', subnet: '192.168.78.0/24' },
        },
        { labels: { [runLabel]: run } },
      ),
    );
    const owner = { kind: 'LoadBalancer', namespace: ns.a, name: 'shop', uid: 'u-shop' };
    await updateStatus('ServicePrefix', [ref.namespace, ref.name], {
      allocations: { '192.168.78.2': { owners: [owner] } },
    });
    const refusal = await refusalOf(() => prefixes.delete(ref));
    expect(refusal?.code).toBe(409);
    expect(refusal?.message).toContain(
      `ServicePrefix ${coreNamespace}/${ref.name} still holds 1 address claim(s): ` +
        `192.168.78.2 (LoadBalancer ${ns.a}/shop); deleting it would forget which addresses are taken`,
    );
    await updateStatus('ServicePrefix', [ref.namespace, ref.name], { allocations: {} });
    await prefixes.delete(ref);
  });
});

describe('the proxy limit', () => {
  it('admits 20 GWProxies in an account and refuses the 21st', async () => {
    for (let i = 1; i <= 20; i++) await create(obj('GWProxy', [ns.c, `gw-${i}`], gwSpec()));
    const refusal = await refusalOf(() => create(obj('GWProxy', [ns.c, 'gw-21'], gwSpec())));
    expect(refusal?.code).toBe(403);
    expect(refusal?.message).toContain(
      `account proxy limit exceeded: account "${account.c}" has 20 GWProxies and its spec.proxyLimit is 20`,
    );
    const dry = await refusalOf(() => create(obj('GWProxy', [ns.c, 'gw-21'], gwSpec()), true));
    expect(dry?.message).toContain('account proxy limit exceeded');
  });
});

describe('ID writers', () => {
  it('the id-allocator (impersonated) records a service ID and a tunnel ID', async () => {
    const writer = impersonating(kc, idAllocatorUser);
    const lbs = api(loadBalancerKind, writer);
    const lb = await lbs.get({ namespace: ns.a, name: 'shop' });
    const stored = await lbs.replace({ ...lb, spec: { ...lb.spec, 'service-id': 1 } });
    expect(stored.spec['service-id']).toBe(1);
    const withTunnel = await updateStatus(
      'LoadBalancer',
      [ns.a, 'shop'],
      { 'gue-tunnel-endpoints': { '192.168.1.16': { 'tunnel-id': 77 } } },
      writer,
    );
    const tunnels = (withTunnel as LoadBalancer).status?.['gue-tunnel-endpoints'];
    expect(tunnels?.['192.168.1.16']?.['tunnel-id']).toBe(77);
  });

  it('a user cannot change the recorded ID', async () => {
    const refusal = await refusalOf(() =>
      update('LoadBalancer', ns.a, 'shop', (o) => (o.spec['service-id'] = 2)),
    );
    expect(refusal?.message).toContain(
      'spec.service-id is 1 and cannot be changed to 2 by user "admin"',
    );
  });
});

describe('deletion is never hung by the webhooks', () => {
  it('a LoadBalancer without upstream clusters is deleted; its finalizer can then be removed', async () => {
    await create(obj('LoadBalancer', [ns.a, 'gone'], lbSpec()));
    await api(loadBalancerKind).delete({ namespace: ns.a, name: 'gone' });
    await update('LoadBalancer', ns.a, 'gone', (o) => (o.metadata.finalizers = []));
    const after = await refusalOf(() =>
      api(loadBalancerKind).get({ namespace: ns.a, name: 'gone' }),
    );
    expect(after?.code).toBe(404);
  });

  it('deleting an account namespace deletes its LoadBalancers even with upstream clusters', async () => {
    await create(obj('LoadBalancer', [ns.e, 'used'], lbSpec({ 'upstream-clusters': ['c1'] })));
    await deleteNamespace(kc, ns.e);
    const deleting = await eventually(
      'the namespace controller deleting the LB',
      async () => {
        const lb = await api(loadBalancerKind).get({ namespace: ns.e, name: 'used' });
        return lb.metadata.deletionTimestamp ? lb : undefined;
      },
      90_000,
    );
    expect(deleting.metadata.finalizers).toEqual([controllerFinalizer]);
  }, 120_000);
});

describe('health and metrics', () => {
  it('/healthz answers and /metrics counts requests by webhook, kind, operation and verdict', async () => {
    expect(await httpsGet(test.server.port, '/healthz')).toEqual({ status: 200, body: 'ok\n' });
    const metrics = await httpsGet(test.server.port, '/metrics');
    expect(metrics.status).toBe(200);
    expect(metrics.body).toMatch(
      /epic_admission_requests_total\{webhook="validate",kind="LoadBalancer",operation="CREATE",verdict="denied"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /epic_admission_requests_total\{webhook="mutate",kind="LoadBalancer",operation="CREATE",verdict="patched"\} \d+/,
    );
    expect(metrics.body).toMatch(
      /epic_admission_request_seconds_bucket\{le="0.1",webhook="validate"/,
    );
  });
});
