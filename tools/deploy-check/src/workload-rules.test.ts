import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { KubeObject } from '@epic/manifests';
import { defaultExpectation, workloadProblems } from './workload-rules.js';

const good = `
apiVersion: apps/v1
kind: Deployment
metadata: {name: demo}
spec:
  template:
    metadata:
      annotations: {prometheus.io/scrape: 'true', prometheus.io/port: '8080', prometheus.io/path: /metrics}
    spec:
      serviceAccountName: demo
      securityContext: {runAsNonRoot: true, runAsUser: 65532}
      containers:
        - name: demo
          image: epic/demo:0.1.0
          env: [{name: EPIC_HTTP_PORT, value: '8080'}]
          ports: [{name: http, containerPort: 8080}]
          livenessProbe: {httpGet: {path: /healthz, port: http}}
          readinessProbe: {httpGet: {path: /readyz, port: 8080}}
          resources: {requests: {cpu: 50m, memory: 64Mi}, limits: {memory: 128Mi}}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
`;

function problemsOf(yaml: string, expect = defaultExpectation) {
  return workloadProblems(KubeObject.parse(parse(yaml)), expect);
}

describe('workloadProblems', () => {
  it('finds nothing wrong with a workload that follows the rules', () => {
    expect(problemsOf(good)).toEqual([]);
  });

  it.each([
    ['may run as root', 'runAsNonRoot: true, runAsUser: 65532', 'runAsUser: 65532'],
    ['may run as root', 'runAsNonRoot: true, runAsUser: 65532', 'runAsNonRoot: true, runAsUser: 0'],
    [
      'root filesystem is writable',
      'readOnlyRootFilesystem: true',
      'readOnlyRootFilesystem: false',
    ],
    [
      'allows privilege escalation',
      'allowPrivilegeEscalation: false',
      'allowPrivilegeEscalation: true',
    ],
    ['does not drop ALL capabilities', 'drop: [ALL]', 'drop: [NET_RAW]'],
    ['adds capabilities NET_ADMIN', 'drop: [ALL]', 'drop: [ALL], add: [NET_ADMIN]'],
    ['no memory limit', 'limits: {memory: 128Mi}', 'limits: {}'],
    [
      'no cpu and memory requests',
      'requests: {cpu: 50m, memory: 64Mi}',
      'requests: {memory: 64Mi}',
    ],
    ['livenessProbe probes /metrics, not /healthz', 'path: /healthz', 'path: /metrics'],
    ['readinessProbe port 9090 is not EPIC_HTTP_PORT=8080', 'port: 8080}', 'port: 9090}'],
    ['no readinessProbe (httpGet /readyz)', 'readinessProbe:', 'startupProbe:'],
    ['EPIC_HTTP_PORT is not set to a port', "value: '8080'", "value: 'x'"],
    ['prometheus.io/port is not 8080', "prometheus.io/port: '8080'", "prometheus.io/port: '9'"],
    ['no prometheus.io/scrape', "prometheus.io/scrape: 'true'", "prometheus.io/scrape: 'false'"],
    [
      'runs as the namespace default ServiceAccount',
      'serviceAccountName: demo',
      'hostNetwork: false',
    ],
  ])('%s', (problem, from, to) => {
    expect(good).toContain(from);
    expect(problemsOf(good.replace(from, to))).toContain(`Deployment demo: ${problem}`);
  });

  it('allows root only with the capabilities an app may add', () => {
    const agent = good
      .replace('runAsNonRoot: true, runAsUser: 65532', 'runAsUser: 0')
      .replace('drop: [ALL]', 'drop: [ALL], add: [NET_ADMIN]');
    expect(problemsOf(agent, { ...defaultExpectation, capabilities: ['NET_ADMIN'] })).toEqual([]);
  });
});
