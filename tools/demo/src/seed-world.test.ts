// The seed's world as the demo writes it: every object passes its kind's schema, and the fields
// the seed shows are there byte for byte, with nothing the apps are meant to fill in.
import { describe, expect, it } from 'vitest';
import {
  Account,
  EPIC,
  LBServiceGroup,
  LoadBalancer,
  RemoteEndpoint,
  ServicePrefix,
  userNamespaceLabels,
} from '@epic/model';
import { seedLoadBalancer } from '@epic/model/testdata';
import { demoPlan, describePlan, runLabelKey } from './demo-plan.js';
import * as seed from './seed-world.js';

const plain = demoPlan({ account: 'root' });
const isolated = demoPlan({ account: 't-demo-x', isolation: 'ab12cd34' });

describe('the demo plan', () => {
  it('plain: the seed names and the real system scope', () => {
    expect(plain).toMatchObject({
      account: 'root',
      namespace: 'epic-root',
      servicePrefix: 'default',
      serviceGroup: 'sample',
      loadBalancer: 'sample-acnodal',
      node: { name: 'epic-demo-node', address: '192.168.1.40' },
      topicPrefix: 'demo',
      ingestLease: 'epic-ingest',
      webhookName: 'epic-demo-admission',
      pool: { pool: '192.168.77.2-192.168.77.254', subnet: '192.168.77.0/24' },
    });
    expect(plain.runLabel).toBeUndefined();
    expect(plain.servedNamespaces).toBeUndefined();
    expect(describePlan(plain)).toContain('apps serve every namespace');
  });

  it('isolated: everything shared gets the run id, apps serve the demo namespace only', () => {
    expect(isolated).toMatchObject({
      namespace: 'epic-t-demo-x',
      servicePrefix: 't-demo-ab12cd34',
      node: { name: 't-demo-node-ab12cd34', address: '192.168.1.40' },
      topicPrefix: 't-demo-ab12cd34',
      ingestLease: 't-demo-ingest-ab12cd34',
      webhookName: 'epic-demo-admission-ab12cd34',
      runLabel: { key: runLabelKey, value: 'ab12cd34' },
      servedNamespaces: ['epic-t-demo-x'],
    });
    expect(describePlan(isolated)).toContain('apps serve only epic-t-demo-x');
  });

  it('refuses an account that cannot name a namespace', () => {
    expect(() => demoPlan({ account: 'Root' })).toThrow('account name "Root" is not valid');
  });

  it('has the seed client nodes, one endpoint each', () => {
    expect(plain.endpoints.map((e) => e.nodeAddress)).toEqual(['192.168.1.16', '192.168.1.25']);
    expect(new Set(plain.endpoints.map((e) => e.name)).size).toBe(2);
  });
});

describe('the seed objects', () => {
  it('the EPIC singleton is epic/epic with an empty spec (counters untouched)', () => {
    const epic = EPIC.parse(seed.epicSingleton());
    expect(epic.metadata).toEqual({ namespace: 'epic', name: 'epic' });
    expect(seed.epicSingleton().spec).toEqual({});
    expect(epic.status).toBeUndefined();
  });

  it('the Account lives in its namespace, named after it, without a group ID', () => {
    const account = Account.parse(seed.account(plain));
    expect(account.metadata).toMatchObject({ namespace: 'epic-root', name: 'root' });
    expect(account.spec['group-id']).toBeUndefined();
  });

  it('the namespace is a user namespace, and carries the run label when isolated', () => {
    expect(seed.namespaceLabels(plain)).toEqual(userNamespaceLabels);
    expect(seed.namespaceLabels(isolated)).toEqual({
      ...userNamespaceLabels,
      [runLabelKey]: 'ab12cd34',
    });
  });

  it('the ServicePrefix is the pool in epic, labelled for the run when isolated', () => {
    const sp = ServicePrefix.parse(seed.servicePrefix(isolated));
    expect(sp.metadata).toMatchObject({ namespace: 'epic', name: 't-demo-ab12cd34' });
    expect(sp.metadata.labels?.[runLabelKey]).toBe('ab12cd34');
    expect(sp.spec['public-pool']).toMatchObject({
      pool: '192.168.77.2-192.168.77.254',
      subnet: '192.168.77.0/24',
    });
  });

  it('the sample group is tied to the prefix and the account by labels', () => {
    const group = LBServiceGroup.parse(seed.serviceGroup(plain));
    expect(group.metadata).toMatchObject({ namespace: 'epic-root', name: 'sample' });
    expect(group.metadata.labels).toMatchObject({
      'epic.acnodal.io/owning-serviceprefix': 'default',
      'epic.acnodal.io/owning-account': 'root',
      'app.kubernetes.io/part-of': 'epic',
    });
    expect(group.spec['envoy-image']).toBe(seed.demoEnvoyImage);
    expect(group.spec['envoy-template']).toEqual(seed.sampleEnvoyTemplate);
  });

  it("the LoadBalancer has the seed's name, group and ports, and nothing EPIC fills in", () => {
    const written = seed.loadBalancer(plain);
    const lb = LoadBalancer.parse(written);
    expect(lb.metadata).toMatchObject({ namespace: 'epic-root', name: 'sample-acnodal' });
    expect(written.spec['public-ports']).toEqual(seedLoadBalancer.spec['public-ports']);
    expect(written.spec['service-group']).toBe(seedLoadBalancer.spec['service-group']);
    expect(written.spec['upstream-clusters']).toEqual(['puregw-sample']);
    for (const field of ['service-id', 'public-address', 'tunnel-key'] as const) {
      expect(written.spec[field]).toBeUndefined();
    }
    expect(written.status).toBeUndefined();
  });

  it('each RemoteEndpoint names the LB by label and its cluster is one of its upstreams', () => {
    const eps = seed.remoteEndpoints(plain).map((ep) => RemoteEndpoint.parse(ep));
    expect(eps.map((ep) => ep.spec['node-address'])).toEqual(['192.168.1.16', '192.168.1.25']);
    for (const ep of eps) {
      expect(ep.metadata.labels?.['epic.acnodal.io/owning-loadbalancer']).toBe('sample-acnodal');
      expect(ep.spec.cluster).toBe('puregw-sample');
      expect(ep.spec.port).toEqual({ port: 8080, protocol: 'TCP' });
    }
    expect(new Set(eps.map((ep) => ep.spec.address)).size).toBe(2);
  });

  it("the node is KWOK's, tainted for the demo, with the seed's EPIC address", () => {
    const node = seed.epicNode(isolated);
    expect(node.metadata?.annotations).toEqual({ 'kwok.x-k8s.io/node': 'fake' });
    expect(node.metadata?.labels?.['kubernetes.io/hostname']).toBe('t-demo-node-ab12cd34');
    expect(node.status?.addresses).toEqual([
      { type: 'InternalIP', address: '192.168.1.40' },
      { type: 'Hostname', address: 't-demo-node-ab12cd34' },
    ]);
    const placement = seed.envoyPlacement(isolated);
    expect(placement.nodeSelector).toBe('kubernetes.io/hostname=t-demo-node-ab12cd34');
    expect(node.spec?.taints).toEqual([
      {
        key: placement.tolerations[0]?.key,
        value: placement.tolerations[0]?.value,
        effect: 'NoSchedule',
      },
    ]);
  });
});
