// The Deployment and ConfigMap a proxy gets, or why it gets none.
import { describe, expect, it } from 'vitest';
import { isDnsLabel } from '@epic/model';
import { planEnvoyDeployment, type EnvoyPlan, type PlanInput } from './plan.js';
import { envoyPodSettings } from './pod-settings.js';
import { proxySourceOf } from './proxy-source.js';
import { epicImage, gwProxy, group, seedLb, settings } from './testdata/builders.js';

function plan(overrides: Partial<PlanInput> = {}): EnvoyPlan {
  return planEnvoyDeployment({
    proxy: proxySourceOf(seedLb()),
    group: group(),
    defaultImage: epicImage,
    settings,
    ...overrides,
  });
}

function deployed(overrides: Partial<PlanInput> = {}) {
  const result = plan(overrides);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result;
}

const podSpec = (p: ReturnType<typeof deployed>) => p.deployment.spec.template.spec;
const envoy = (p: ReturnType<typeof deployed>) => podSpec(p).containers[0];

describe('planEnvoyDeployment refuses', () => {
  const long = 'a'.repeat(64);
  it.each([
    {
      when: 'a name too long to label pods with',
      input: { proxy: { ...proxySourceOf(seedLb()), name: long } },
      reason: 'InvalidName',
      message: `LoadBalancer epic-root/${long} cannot have Envoy pods: its name must label them, and it is longer than 63 characters.`,
    },
    {
      when: 'a public port taken by the readiness listener',
      input: {
        proxy: proxySourceOf(seedLb({ 'public-ports': [{ port: 19001, protocol: 'TCP' }] })),
      },
      reason: 'PortReserved',
      message:
        'Public port 19001/TCP of LoadBalancer epic-root/sample-acnodal is reserved for the Envoy readiness listener; use another port.',
    },
    { when: 'a missing group', input: { group: undefined }, reason: 'ServiceGroupMissing' },
    { when: 'no image anywhere', input: { defaultImage: undefined }, reason: 'EnvoyImageMissing' },
  ])('$when', ({ input, reason, message }) => {
    const result = plan(input);
    expect(result).toMatchObject({ ok: false, reason });
    if (message) expect(result).toMatchObject({ message });
  });

  it('does not refuse the readiness port over UDP', () => {
    const proxy = proxySourceOf(seedLb({ 'public-ports': [{ port: 19001, protocol: 'UDP' }] }));
    expect(plan({ proxy }).ok).toBe(true);
  });
});

describe('the Deployment', () => {
  it('is named envoy-<lb>, in the LB namespace, owned by the LB as controller', () => {
    const { deployment, configMap, name } = deployed();
    expect(name).toBe('envoy-sample-acnodal');
    expect(deployment.metadata).toMatchObject({ name, namespace: 'epic-root' });
    expect(configMap.metadata).toMatchObject({ name, namespace: 'epic-root' });
    for (const meta of [deployment.metadata, configMap.metadata]) {
      expect(meta.ownerReferences).toEqual([
        {
          apiVersion: 'epic.acnodal.io/v1',
          kind: 'LoadBalancer',
          name: 'sample-acnodal',
          uid: '1a8522b9-70a4-4a9c-bdd7-ba912a61170a',
          controller: true,
          blockOwnerDeletion: true,
        },
      ]);
    }
  });

  it.each([['x'.repeat(63)], ['y'.repeat(60)]])(
    'shortens a long name with a hash, still a DNS label: %s',
    (name) => {
      const { name: derived } = deployed({ proxy: { ...proxySourceOf(seedLb()), name } });
      expect(isDnsLabel(derived)).toBe(true);
      expect(derived.startsWith('envoy-')).toBe(true);
    },
  );

  it('gives two long names that share a prefix two different Deployments', () => {
    const base = proxySourceOf(seedLb());
    const a = deployed({ proxy: { ...base, name: `${'z'.repeat(60)}-a` } }).name;
    const b = deployed({ proxy: { ...base, name: `${'z'.repeat(60)}-b` } }).name;
    expect(a).not.toBe(b);
  });

  it.each([
    {
      who: 'a LoadBalancer',
      input: {},
      labels: {
        'app.kubernetes.io/part-of': 'epic',
        'app.kubernetes.io/component': 'envoy-deployment',
        'epic.acnodal.io/owning-loadbalancer': 'sample-acnodal',
        'epic.acnodal.io/owning-lbservicegroup': 'sample',
      },
    },
    {
      who: 'a GWProxy',
      input: { proxy: proxySourceOf(gwProxy()), group: group({}, 'gateways') },
      labels: {
        'app.kubernetes.io/part-of': 'epic',
        'app.kubernetes.io/component': 'envoy-deployment',
        'epic.acnodal.io/owning-proxy': 'gw-1',
        'epic.acnodal.io/owning-lbservicegroup': 'gateways',
      },
    },
  ])(
    'labels the pods of $who with it and its group; selects by what never changes',
    ({ input, labels }) => {
      const { deployment, configMap } = deployed(input);
      expect(deployment.spec.template.metadata.labels).toEqual(labels);
      expect(deployment.metadata.labels).toEqual(labels);
      expect(configMap.metadata.labels).toEqual(labels);
      const selector = Object.entries(labels).filter(([k]) => !k.endsWith('owning-lbservicegroup'));
      expect(deployment.spec.selector.matchLabels).toEqual(Object.fromEntries(selector));
    },
  );

  it.each([
    { replicas: 1, group: group(), image: epicImage },
    { replicas: 3, group: group({ 'envoy-replica-count': 3 }), image: epicImage },
    {
      replicas: 2,
      group: group({ 'envoy-image': 'envoy:g', 'envoy-replica-count': 2 }),
      image: 'envoy:g',
    },
  ])('runs $replicas replicas of $image', ({ replicas, group: g, image }) => {
    const p = deployed({ group: g });
    expect(p.deployment.spec.replicas).toBe(replicas);
    expect(envoy(p).image).toBe(image);
  });

  it('runs non-root, read-only, without privilege or capabilities, no service-account token', () => {
    const p = deployed();
    expect(envoy(p).securityContext).toEqual({
      runAsNonRoot: true,
      privileged: false,
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(podSpec(p).securityContext).toEqual({
      runAsNonRoot: true,
      runAsUser: 101,
      runAsGroup: 101,
      seccompProfile: { type: 'RuntimeDefault' },
    });
    expect(podSpec(p).automountServiceAccountToken).toBe(false);
  });

  it('may bind a public port below 1024: NET_BIND_SERVICE and the unprivileged-port sysctl', () => {
    const proxy = proxySourceOf(
      seedLb({
        'public-ports': [
          { port: 8443, protocol: 'TCP' },
          { port: 443, protocol: 'TCP' },
          { port: 80, protocol: 'TCP' },
        ],
      }),
    );
    const p = deployed({ proxy });
    expect(envoy(p).securityContext.capabilities).toEqual({
      drop: ['ALL'],
      add: ['NET_BIND_SERVICE'],
    });
    expect(podSpec(p).securityContext.sysctls).toEqual([
      { name: 'net.ipv4.ip_unprivileged_port_start', value: '80' },
    ]);
  });

  it('declares each public port once, sorted, then the readiness port', () => {
    // The schema rejects duplicate port/protocol pairs; an object admitted before that rule
    // must still not fail the apply (the API keys container ports by port and protocol).
    const proxy = {
      ...proxySourceOf(seedLb()),
      ports: [
        { port: 8888, protocol: 'TCP' as const },
        { port: 53, protocol: 'UDP' as const },
        { port: 8888, protocol: 'TCP' as const },
        { port: 53, protocol: 'TCP' as const },
      ],
    };
    expect(envoy(deployed({ proxy })).ports).toEqual([
      { containerPort: 53, protocol: 'TCP' },
      { containerPort: 53, protocol: 'UDP' },
      { containerPort: 8888, protocol: 'TCP' },
      { name: 'ready', containerPort: 19001, protocol: 'TCP' },
    ]);
  });

  it("probes readiness on the readiness listener's /ready, with requests and limits", () => {
    const c = envoy(deployed());
    expect(c.readinessProbe.httpGet).toEqual({ path: '/ready', port: 19001, scheme: 'HTTP' });
    expect(c.resources).toEqual({
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '2', memory: '1Gi' },
    });
  });

  it('mounts the bootstrap ConfigMap read-only and starts Envoy on it', () => {
    const p = deployed();
    expect(podSpec(p).volumes).toContainEqual({
      name: 'bootstrap',
      configMap: { name: 'envoy-sample-acnodal' },
    });
    expect(envoy(p).volumeMounts).toContainEqual({
      name: 'bootstrap',
      mountPath: '/etc/envoy/bootstrap',
      readOnly: true,
    });
    expect(envoy(p).args.slice(0, 2)).toEqual(['-c', '/etc/envoy/bootstrap/bootstrap.json']);
    expect(Object.keys(p.configMap.data)).toEqual(['bootstrap.json']);
    expect(JSON.parse(p.configMap.data['bootstrap.json'] ?? '')).toMatchObject({
      node: { id: 'epic-root.sample-acnodal' },
    });
  });

  it('schedules where the settings say', () => {
    const scheduled = envoyPodSettings(settings.xds, {
      nodeSelector: { 'kubernetes.io/hostname': 'epic-1' },
      tolerations: [{ key: 'epic', operator: 'Exists', effect: 'NoSchedule' }],
    });
    const spec = podSpec(deployed({ settings: scheduled }));
    expect(spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'epic-1' });
    expect(spec.tolerations).toEqual([{ key: 'epic', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(podSpec(deployed())).not.toHaveProperty('nodeSelector');
  });
});

describe('the pod hash (what rolls the pods)', () => {
  const hashOf = (input: Partial<PlanInput>) => deployed(input).podHash;
  const base = hashOf({});

  it('is stamped on the pod template', () => {
    const p = deployed();
    expect(p.deployment.spec.template.metadata.annotations).toEqual({
      'epic.acnodal.io/envoy-pod-hash': p.podHash,
    });
    expect(p.podHash).toMatch(/^[0-9a-f]{16}$/);
  });

  it.each([
    { what: 'the image', input: { group: group({ 'envoy-image': 'envoy:other' }) } },
    {
      what: 'the bootstrap (another xDS server)',
      input: { settings: envoyPodSettings({ address: '10.0.0.9', port: 18000 }) },
    },
    {
      what: 'the ports',
      input: {
        proxy: proxySourceOf(seedLb({ 'public-ports': [{ port: 9999, protocol: 'TCP' }] })),
      },
    },
  ])('changes with $what', ({ input }) => {
    expect(hashOf(input)).not.toBe(base);
  });

  it('does not change with the replica count: scaling is not a rollout', () => {
    expect(hashOf({ group: group({ 'envoy-replica-count': 5 }) })).toBe(base);
  });

  it('is the same for the same inputs', () => {
    expect(deployed()).toEqual(deployed());
  });
});
