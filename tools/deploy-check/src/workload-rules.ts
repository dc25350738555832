// What every EPIC workload of deploy/kustomize must be: a non-root, read-only, capability-free
// container (unless the app is allowed a capability: the tunnel agent), requests and a memory
// limit, liveness on /healthz and readiness on /readyz at the port the app serves them
// (EPIC_HTTP_PORT), Prometheus scrape annotations for that port, its own ServiceAccount.
import { z } from 'zod';
import { refOf, type KubeObject } from '@epic/manifests';

const EnvVar = z.looseObject({ name: z.string(), value: z.string().optional() });
const Port = z.looseObject({ name: z.string().optional(), containerPort: z.number() });
const Probe = z.looseObject({
  httpGet: z.looseObject({ path: z.string(), port: z.union([z.string(), z.number()]) }).optional(),
});
const SecurityContext = z.looseObject({
  runAsNonRoot: z.boolean().optional(),
  runAsUser: z.number().optional(),
  readOnlyRootFilesystem: z.boolean().optional(),
  allowPrivilegeEscalation: z.boolean().optional(),
  privileged: z.boolean().optional(),
  capabilities: z
    .looseObject({ add: z.array(z.string()).optional(), drop: z.array(z.string()).optional() })
    .optional(),
});
const Container = z.looseObject({
  name: z.string(),
  image: z.string(),
  args: z.array(z.string()).optional(),
  env: z.array(EnvVar).optional(),
  ports: z.array(Port).optional(),
  livenessProbe: Probe.optional(),
  readinessProbe: Probe.optional(),
  securityContext: SecurityContext.optional(),
  resources: z
    .looseObject({
      requests: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
      limits: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    })
    .optional(),
});
export type Container = z.infer<typeof Container>;

export const Workload = z.looseObject({
  kind: z.enum(['Deployment', 'DaemonSet']),
  metadata: z.looseObject({ name: z.string() }),
  spec: z.looseObject({
    template: z.looseObject({
      metadata: z.looseObject({ annotations: z.record(z.string(), z.string()).optional() }),
      spec: z.looseObject({
        serviceAccountName: z.string().optional(),
        hostNetwork: z.boolean().optional(),
        securityContext: SecurityContext.optional(),
        containers: z.array(Container).min(1),
      }),
    }),
  }),
});
export type Workload = z.infer<typeof Workload>;

export interface WorkloadExpectation {
  /** The variable holding the port of /healthz, /readyz and /metrics. */
  portVariable: string;
  /** Where readiness is probed (an app with no readiness state of its own: /healthz). */
  readinessPath: string;
  /** Capabilities the app may add (the tunnel agent's); root is allowed only with these. */
  capabilities: readonly string[];
}

export const defaultExpectation: WorkloadExpectation = {
  portVariable: 'EPIC_HTTP_PORT',
  readinessPath: '/readyz',
  capabilities: [],
};

function envValue(container: Container, name: string): string | undefined {
  return container.env?.find((e) => e.name === name)?.value;
}

function probePort(container: Container, port: string | number | undefined): number | undefined {
  if (typeof port === 'number') return port;
  return container.ports?.find((p) => p.name === port)?.containerPort;
}

function probeProblems(container: Container, expect: WorkloadExpectation): string[] {
  const served = Number(envValue(container, expect.portVariable));
  if (!Number.isInteger(served)) return [`${expect.portVariable} is not set to a port`];
  const probes = [
    ['livenessProbe', container.livenessProbe, '/healthz'],
    ['readinessProbe', container.readinessProbe, expect.readinessPath],
  ] as const;
  return probes.flatMap(([what, probe, path]) => {
    const get = probe?.httpGet;
    if (!get) return [`no ${what} (httpGet ${path})`];
    if (get.path !== path) return [`${what} probes ${get.path}, not ${path}`];
    const port = probePort(container, get.port);
    return port === served ? [] : [`${what} port ${port} is not ${expect.portVariable}=${served}`];
  });
}

type SecurityContext = z.infer<typeof SecurityContext>;

interface SecurityFacts {
  pod: SecurityContext;
  own: SecurityContext;
  expect: WorkloadExpectation;
}

const mayRunAsRoot = ({ pod, own }: SecurityFacts) =>
  (own.runAsUser ?? pod.runAsUser) === 0 || (own.runAsNonRoot ?? pod.runAsNonRoot) !== true;

/** [what is wrong, whether it is] — one line per rule, read top to bottom. */
const securityRules: readonly [string, (facts: SecurityFacts) => boolean][] = [
  ['may run as root', (f) => mayRunAsRoot(f) && f.expect.capabilities.length === 0],
  ['is privileged', ({ own }) => own.privileged === true],
  ['root filesystem is writable', ({ own }) => own.readOnlyRootFilesystem !== true],
  ['allows privilege escalation', ({ own }) => own.allowPrivilegeEscalation !== false],
  ['does not drop ALL capabilities', ({ own }) => !(own.capabilities?.drop ?? []).includes('ALL')],
];

function securityProblems(workload: Workload, container: Container, expect: WorkloadExpectation) {
  const facts = {
    pod: workload.spec.template.spec.securityContext ?? {},
    own: container.securityContext ?? {},
    expect,
  };
  const extra = (facts.own.capabilities?.add ?? []).filter((c) => !expect.capabilities.includes(c));
  return [
    ...(extra.length > 0 ? [`adds capabilities ${extra.join(', ')}`] : []),
    ...securityRules.filter(([, broken]) => broken(facts)).map(([problem]) => problem),
  ];
}

function resourceProblems(container: Container): string[] {
  const { requests = {}, limits = {} } = container.resources ?? {};
  const problems: string[] = [];
  if (requests.cpu === undefined || requests.memory === undefined) {
    problems.push('no cpu and memory requests');
  }
  if (limits.memory === undefined) problems.push('no memory limit');
  return problems;
}

function scrapeProblems(workload: Workload, container: Container, expect: WorkloadExpectation) {
  const annotations = workload.spec.template.metadata.annotations ?? {};
  const port = envValue(container, expect.portVariable);
  const problems: string[] = [];
  if (annotations['prometheus.io/scrape'] !== 'true') problems.push('no prometheus.io/scrape');
  if (annotations['prometheus.io/port'] !== port)
    problems.push(`prometheus.io/port is not ${port}`);
  if (annotations['prometheus.io/path'] !== '/metrics')
    problems.push('prometheus.io/path is not /metrics');
  return problems;
}

/** Everything wrong with one rendered workload, each problem prefixed with its object. */
export function workloadProblems(object: KubeObject, expect: WorkloadExpectation): string[] {
  const workload = Workload.parse(object);
  const { containers, serviceAccountName } = workload.spec.template.spec;
  const problems = containers.flatMap((container) => [
    ...securityProblems(workload, container, expect),
    ...resourceProblems(container),
    ...probeProblems(container, expect),
    ...scrapeProblems(workload, container, expect),
  ]);
  if (!serviceAccountName) problems.push('runs as the namespace default ServiceAccount');
  return problems.map((p) => `${refOf(object)}: ${p}`);
}
