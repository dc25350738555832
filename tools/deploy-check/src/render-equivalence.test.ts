import { describe, expect, it } from 'vitest';
import { parseManifests } from '@epic/manifests';
import {
  compareRenders,
  defaultPullPolicy,
  firstDifference,
  normalizeRender,
} from './render-equivalence.js';

const options = { generatedConfigMaps: ['epic-connections'] };

const kustomize = parseManifests(`
apiVersion: v1
kind: ConfigMap
metadata: { name: epic-connections-64ddfh5h72, namespace: epic, labels: { app.kubernetes.io/part-of: epic } }
data: { EPIC_REDIS_URL: 'redis://redis:6379' }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: audit, namespace: epic, labels: { app.kubernetes.io/name: audit } }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: audit } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: audit }
      annotations: { prometheus.io/scrape: 'true' }
    spec:
      containers:
        - name: audit
          image: epic/audit:0.1.0
          envFrom: [{ configMapRef: { name: epic-connections-64ddfh5h72 } }]
---
apiVersion: v1
kind: Service
metadata: { name: xds-server, namespace: epic }
spec: { selector: { app.kubernetes.io/name: xds-server } }
`);

const helmLabels = [
  'app.kubernetes.io/instance: epic',
  'app.kubernetes.io/managed-by: Helm',
  'app.kubernetes.io/version: 0.1.0',
  'helm.sh/chart: epic-0.1.0',
].join(', ');

const chart = parseManifests(`
apiVersion: v1
kind: ConfigMap
metadata:
  name: epic-connections
  namespace: epic
  labels: { app.kubernetes.io/part-of: epic, ${helmLabels} }
data: { EPIC_REDIS_URL: 'redis://redis:6379' }
---
apiVersion: apps/v1
kind: Deployment
metadata: { name: audit, namespace: epic, labels: { app.kubernetes.io/name: audit, ${helmLabels} } }
spec:
  selector: { matchLabels: { app.kubernetes.io/name: audit, app.kubernetes.io/instance: epic } }
  template:
    metadata:
      labels: { app.kubernetes.io/name: audit, ${helmLabels} }
      annotations: { checksum/connections: abc, prometheus.io/scrape: 'true' }
    spec:
      containers:
        - name: audit
          image: epic/audit:0.1.0
          imagePullPolicy: IfNotPresent
          envFrom: [{ configMapRef: { name: epic-connections } }]
---
apiVersion: v1
kind: Service
metadata: { name: xds-server, namespace: epic, labels: { ${helmLabels} } }
spec: { selector: { app.kubernetes.io/name: xds-server, app.kubernetes.io/instance: epic } }
`);

describe('normalizeRender', () => {
  it("takes out kustomize's hash and Helm's labels, checksum and pull policy", () => {
    expect(normalizeRender(chart, options)).toEqual(normalizeRender(kustomize, options));
    expect([...normalizeRender(kustomize, options).keys()]).toEqual([
      'ConfigMap epic/epic-connections',
      'Deployment epic/audit',
      'Service epic/xds-server',
    ]);
  });

  it('refuses a render holding one object twice', () => {
    expect(() => normalizeRender([...chart, ...chart.slice(0, 1)], options)).toThrow(
      'ConfigMap epic/epic-connections is rendered twice',
    );
  });

  it.each([
    ['epic/audit:0.1.0', 'IfNotPresent'],
    ['registry:5000/epic/audit:0.1.0', 'IfNotPresent'],
    ['registry:5000/epic/audit', 'Always'],
    ['epic/audit:latest', 'Always'],
  ])('the apiserver pulls %s with %s', (image, policy) => {
    expect(defaultPullPolicy(image)).toBe(policy);
  });
});

describe('compareRenders', () => {
  it('finds equivalent renders equal', () => {
    expect(compareRenders(kustomize, chart, options)).toEqual({
      onlyInKustomize: [],
      onlyInChart: [],
      differing: [],
    });
  });

  it('names missing, extra and differing objects, with the first differing path', () => {
    const changed = structuredClone(chart);
    changed.splice(2, 1, { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'tls' } });
    const deployment = changed[1] as unknown as {
      spec: { template: { spec: { containers: object[] } } };
    };
    deployment.spec.template.spec.containers[0] = {
      name: 'audit',
      image: 'epic/audit:0.1.0',
      imagePullPolicy: 'Always',
      envFrom: [{ configMapRef: { name: 'epic-connections' } }],
    };
    expect(compareRenders(kustomize, changed, options)).toEqual({
      onlyInKustomize: ['Service epic/xds-server'],
      onlyInChart: ['Secret tls'],
      differing: [
        'Deployment epic/audit: spec.template.spec.containers[0].imagePullPolicy: "IfNotPresent" != "Always"',
      ],
    });
  });

  it('keeps a hash-like suffix on a ConfigMap that kustomize does not generate', () => {
    const other = kustomize.map((o) =>
      o.kind === 'ConfigMap' ? { ...o, metadata: { ...o.metadata, name: 'other-64ddfh5h72' } } : o,
    );
    expect(compareRenders(other, chart, options).onlyInKustomize).toEqual([
      'ConfigMap epic/other-64ddfh5h72',
    ]);
  });
});

describe('firstDifference', () => {
  it.each([
    [{ a: [1, 2] }, { a: [1, 2] }, undefined],
    [{ a: [1, 2] }, { a: [1, 3] }, 'a[1]: 2 != 3'],
    [{ a: [1, 2] }, { a: [1] }, 'a: [1,2] != [1]'],
    [{ a: { b: 'x' } }, { a: {} }, 'a.b: "x" != (absent)'],
    ['x', 1, '(root): "x" != 1'],
  ])('%j vs %j: %s', (a, b, expected) => {
    expect(firstDifference(a, b)).toBe(expected);
  });
});
