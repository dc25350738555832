// `npm run demo` end to end on the shared stack: every app as its own process, the seed's world
// converging, the seed's outputs checked field by field; a second run (apps restarted, objects
// kept, IDs unchanged); then `--down`, after which nothing of the run is left. Other tests share
// the stack, so the demo runs isolated: its own account namespace, ServicePrefix, node, topic
// prefix, Lease, webhook configuration (matching only objects labelled for the run) and RBAC
// (the deployed RBAC, every name suffixed), and apps serving only its namespace, each with a
// token of its own ServiceAccount. The EPIC singleton is created if absent, never changed.
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AdmissionregistrationV1Api,
  AuthenticationV1Api,
  AuthorizationV1Api,
  CoreV1Api,
  RbacAuthorizationV1Api,
  type KubeConfig,
} from '@kubernetes/client-node';
import { apiErrorCode, apiErrorMessage, EpicObjects, loadKubeConfig } from '@epic/kube';
import { createKafka, deleteTopicsWithPrefix } from '@epic/kafka';
import { createLogger } from '@epic/logging';
import {
  accountKind,
  coreNamespace,
  epicKind,
  epicSingletonName,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  servicePrefixKind,
  type LoadBalancer,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { repoRoot, uniqueName } from '@epic/testing';
import { deployedServiceAccounts } from './app-identities.js';
import { parsePid } from './run-state.js';
import { demoDown } from './demo-down.js';
import { demoUp, type DemoUpResult } from './demo-up.js';
import { removeRedisKeys } from './teardown.js';

const lines: string[] = [];
const logger = createLogger({ app: 'demo-e2e', level: 'warn' });
const env = { repoRoot, say: (line: string) => void lines.push(line), logger };
const account = uniqueName('demo');
let stateDir: string;
let kc: KubeConfig;
let first: DemoUpResult;
let firstPids: number[] = [];

const up = () =>
  demoUp(
    { action: 'up', account, isolate: true, stateDir, timeoutSeconds: 150, logLevel: 'info' },
    env,
  );
const down = () => demoDown({ action: 'down', stack: false, stateDir }, env);

/** The demo's output so far, for a failing assertion's message. */
const output = () => lines.join('\n');

async function pids(): Promise<number[]> {
  const dir = join(stateDir, 'pids');
  const files = await readdir(dir).catch(() => []);
  const texts = await Promise.all(files.map((f) => readFile(join(dir, f), 'utf8')));
  return texts.map(parsePid).filter((p) => p !== undefined);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readLb(): Promise<LoadBalancer> {
  return new EpicObjects(kc, loadBalancerKind).get({
    namespace: first.plan.namespace,
    name: 'sample-acnodal',
  });
}

beforeAll(async () => {
  kc = loadKubeConfig(process.env.KUBECONFIG);
  stateDir = await mkdtemp(join(tmpdir(), 't-demo-'));
  try {
    first = await up();
  } catch (err) {
    throw new Error(`the demo failed:\n${output()}`, { cause: err });
  }
  firstPids = await pids();
}, 360_000);

afterAll(async () => {
  // Safety net when a test failed before `--down` ran: idempotent, a no-op after it.
  await down().catch((err: unknown) => logger.error({ err }, 'demo --down failed'));
  await rm(stateDir, { recursive: true, force: true });
}, 180_000);

describe('npm run demo', () => {
  it('runs every app as a process of its own and converges every step', () => {
    expect(firstPids, output()).toHaveLength(8);
    expect(firstPids.every(alive)).toBe(true);
    expect(first.steps.filter((s) => !s.done)).toEqual([]);
    expect(first.plan.namespace).toBe(`epic-${account}`);
  });

  it("gives the LoadBalancer the seed's spec: service ID 1, the pool's first address", async () => {
    const lb = await readLb();
    expect(lb.spec['service-id']).toBe(1);
    expect(lb.spec['public-address']).toBe('192.168.77.2');
    expect(lb.spec['public-ports']).toEqual(seedLoadBalancer.spec['public-ports']);
    expect(lb.spec['service-group']).toBe('sample');
    // The mutating webhook ran: a tunnel key and the group label were added.
    expect(Buffer.from(lb.spec['tunnel-key'] ?? '', 'base64')).toHaveLength(16);
    expect(lb.metadata.labels?.['epic.acnodal.io/owning-lbservicegroup']).toBe('sample');
  });

  it("gives it the seed's status: a tunnel per client node to 192.168.1.40, the Envoy veth", async () => {
    const lb = await readLb();
    const tunnels = lb.status?.['gue-tunnel-endpoints'] ?? {};
    expect(Object.keys(tunnels).sort()).toEqual(['192.168.1.16', '192.168.1.25']);
    const ids = Object.values(tunnels).map((t) => t['tunnel-id'] ?? 0);
    for (const tunnel of Object.values(tunnels)) {
      expect(tunnel['epic-address']).toBe('192.168.1.40');
      expect(tunnel['epic-port']).toEqual({ appProtocol: 'gue', port: 6080, protocol: 'UDP' });
      expect(Number.isInteger(tunnel['tunnel-id'])).toBe(true);
    }
    expect(new Set(ids).size).toBe(2);
    expect(lb.status?.['proxy-ifindex']).toBe(16);
    expect(lb.status?.['proxy-ifname']).toBe('veth67060f1f');

    const epic = await new EpicObjects(kc, epicKind).get({
      namespace: coreNamespace,
      name: epicSingletonName,
    });
    // Other tests draw from the same counter: it is at least the highest ID handed out here.
    expect(epic.status?.['current-tunnel-id']).toBeGreaterThanOrEqual(Math.max(...ids));
    const acct = await new EpicObjects(kc, accountKind).get({
      namespace: first.plan.namespace,
      name: account,
    });
    expect(acct.spec['group-id']).toBeGreaterThan(0);
    expect(acct.status?.['current-service-id']).toBe(1);
  });

  it('prints what the seed shows, and a summary from the apps', () => {
    const text = output();
    expect(text).toContain('$ kubectl get -n epic epics.epic.acnodal.io epic -o yaml');
    expect(text).toMatch(/current-tunnel-id: \d+/);
    expect(text).toContain(
      `$ kubectl get -n ${first.plan.namespace} loadbalancers.epic.acnodal.io sample-acnodal -o yaml`,
    );
    expect(text).toContain('public-address: 192.168.77.2');
    expect(text).toContain('proxy-ifname: veth67060f1f');
    expect(text).toMatch(/IDs: {6}group \d+, service 1, tunnels 192\.168\.1\.16 -> \d+/);
    expect(text).toMatch(
      /id-allocator +\d+ events handled; IDs allocated: group 1, service 1, tunnel 2/,
    );
    expect(text).toContain('npm run demo -- --down');
  });

  it('runs each app with its own ServiceAccount token, allowed only what its Role grants', async () => {
    const seen = await Promise.all(
      first.specs.map(async (spec) => {
        const own = first.credentials[spec.name];
        const appKc = loadKubeConfig(spec.env.KUBECONFIG);
        const who = await appKc.makeApiClient(AuthenticationV1Api).createSelfSubjectReview({
          body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' },
        });
        const may = (verb: string, resource: string) =>
          appKc
            .makeApiClient(AuthorizationV1Api)
            .createSelfSubjectAccessReview({
              body: { spec: { resourceAttributes: { verb, resource } } },
            })
            .then((r) => r.status?.allowed === true);
        return {
          app: spec.name,
          kubeconfig: spec.env.KUBECONFIG === own.kubeconfig,
          private: ((await stat(own.kubeconfig)).mode & 0o077) === 0,
          user: who.status?.userInfo?.username,
          createNamespaces: await may('create', 'namespaces'),
          listSecrets: await may('list', 'secrets'),
        };
      }),
    );
    expect(seen).toEqual(
      first.specs.map((spec) => ({
        app: spec.name,
        kubeconfig: true,
        private: true,
        user: `system:serviceaccount:epic:${deployedServiceAccounts[spec.name]}${first.plan.identitySuffix}`,
        createNamespaces: false,
        listSecrets: false,
      })),
    );
  });

  it('lets only the id-allocator write IDs: the admin is refused', async () => {
    const lb = await readLb();
    const refused = await new EpicObjects(kc, loadBalancerKind)
      .replace({ ...lb, spec: { ...lb.spec, 'service-id': 2 } }, { dryRun: true })
      .then(
        () => 'admitted',
        (err: unknown) => apiErrorMessage(err),
      );
    // The apps no longer run as the admin, so the admin is no ID writer.
    expect(refused).toMatch(
      /service-id is 1 and cannot be changed to 2 by user "admin" \(only the id-allocator writes IDs\)/,
    );
  });

  it("refuses through its webhooks what EPIC's admission refuses, in its namespace", async () => {
    const refused = await new EpicObjects(kc, remoteEndpointKind)
      .create(
        {
          apiVersion: 'epic.acnodal.io/v1',
          kind: 'RemoteEndpoint',
          metadata: {
            namespace: first.plan.namespace,
            name: 'stray',
            labels: { [owningLoadBalancerLabel]: 'sample-acnodal' },
          },
          spec: { cluster: 'not-an-upstream', address: '10.9.9.9', port: { port: 8080 } },
        },
        { dryRun: true },
      )
      .then(
        () => 'admitted',
        (err: unknown) => apiErrorMessage(err),
      );
    expect(refused).toContain('is not in spec.upstream-clusters');
  });

  it('a second run restarts the apps and keeps the objects and their IDs', async () => {
    const before = await readLb();
    lines.length = 0;
    const again = await up();
    expect(again.plan).toEqual(first.plan);
    expect(output()).not.toContain('  created ');
    expect(output()).toContain('  exists, kept  LoadBalancer');
    const restarted = await pids();
    expect(restarted).toHaveLength(8);
    expect(restarted.filter((p) => firstPids.includes(p))).toEqual([]);
    expect(firstPids.filter(alive)).toEqual([]);
    const after = await readLb();
    expect(after.metadata.uid).toBe(before.metadata.uid);
    expect(after.spec['service-id']).toBe(1);
    expect(after.spec['public-address']).toBe('192.168.77.2');
    expect(after.status?.['gue-tunnel-endpoints']).toEqual(before.status?.['gue-tunnel-endpoints']);
  }, 300_000);

  it('--down stops the apps and leaves nothing of the run behind', async () => {
    const running = await pids();
    lines.length = 0;
    await down();
    expect(running.filter(alive), output()).toEqual([]);
    const { plan } = first;
    const gone = async (read: () => Promise<unknown>) =>
      read().then(
        () => 'still there',
        (err: unknown) => (apiErrorCode(err) === 404 ? 'gone' : apiErrorMessage(err)),
      );
    const core = kc.makeApiClient(CoreV1Api);
    const hooks = kc.makeApiClient(AdmissionregistrationV1Api);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    const { identity } = first.credentials['id-allocator'];
    expect({
      namespace: await gone(() => core.readNamespace({ name: plan.namespace })),
      node: await gone(() => core.readNode({ name: plan.node.name })),
      servicePrefix: await gone(() =>
        new EpicObjects(kc, servicePrefixKind).get({
          namespace: coreNamespace,
          name: plan.servicePrefix,
        }),
      ),
      mutating: await gone(() =>
        hooks.readMutatingWebhookConfiguration({ name: plan.webhookName }),
      ),
      validating: await gone(() =>
        hooks.readValidatingWebhookConfiguration({ name: plan.webhookName }),
      ),
      serviceAccount: await gone(() =>
        core.readNamespacedServiceAccount({ namespace: 'epic', name: identity.serviceAccount }),
      ),
      clusterRole: await gone(() =>
        rbac.readClusterRole({ name: `epic-id-allocator${plan.identitySuffix}` }),
      ),
    }).toEqual({
      serviceAccount: 'gone',
      clusterRole: 'gone',
      namespace: 'gone',
      node: 'gone',
      servicePrefix: 'gone',
      mutating: 'gone',
      validating: 'gone',
    });
    const kafka = createKafka({
      brokers: (process.env.EPIC_KAFKA_BROKERS ?? '').split(','),
      clientId: 'demo-e2e',
      logger,
    });
    expect(await deleteTopicsWithPrefix({ kafka, prefix: plan.topicPrefix, log: logger })).toEqual(
      [],
    );
    expect(await removeRedisKeys(process.env.EPIC_REDIS_URL ?? '', plan.topicPrefix)).toBe(0);
    expect((await readdir(stateDir)).sort()).toEqual(['logs']);
  }, 180_000);
});
