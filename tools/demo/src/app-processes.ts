// Every EPIC app as the process the demo starts: entry point, flags and environment. Each gets
// the stack's environment with a kubeconfig of its own ServiceAccount (never the admin's), the
// demo's topic prefix, a port of its own, and, in an isolated
// run, its namespace scope (the apps' own *_NAMESPACES variables), so nothing it does reaches
// objects that are not the demo's.
import type { DemoPlan } from './demo-plan.js';
import { envoyPlacement } from './seed-world.js';

export const appNames = [
  'admission',
  'ingest',
  'id-allocator',
  'address-allocator',
  'envoy-renderer',
  'xds-server',
  'tunnel-dispatcher',
  'tunnel-agent',
] as const;
export type AppName = (typeof appNames)[number];

export interface AppSpec {
  name: AppName;
  /** Repository-relative directory the process runs in (its app). */
  dir: string;
  /** Entry point, relative to `dir`. */
  entry: string;
  args: string[];
  /** Added to the demo's own environment. */
  env: Record<string, string>;
  /** /readyz (or /healthz for admission, which has no dependencies to wait for) and /metrics. */
  probe: { scheme: 'http' | 'https'; port: number; readyPath: string };
}

export interface AppContext {
  plan: DemoPlan;
  /** KUBECONFIG, EPIC_KAFKA_BROKERS, EPIC_REDIS_URL (from .stack/env). */
  stackEnv: Readonly<Record<string, string>>;
  /** Each app's HTTP port (admission: its HTTPS port), plus the ADS port of the xds-server. */
  ports: Readonly<Record<AppName | 'xds', number>>;
  /** The webhook serving certificate the stack made (SAN 127.0.0.1). */
  tls: { certFile: string; keyFile: string };
  /** The fake true-ingress CLIs of the node agent and where they keep their state. */
  trueIngress: { binDir: string; stateDir: string };
  /** Each app's own kubeconfig: its ServiceAccount's token (identity-setup.ts). */
  kubeconfigs: Readonly<Record<AppName, string>>;
  /** Who may write IDs: the id-allocator's ServiceAccount. */
  idWriters: readonly string[];
  logLevel: string;
}

/** Where each app's entry point is (repository-relative directory, file inside it). */
export const appEntries: Readonly<Record<AppName, { dir: string; entry: string }>> = {
  admission: { dir: 'apps/admission', entry: 'src/main.ts' },
  ingest: { dir: 'apps/ingest', entry: 'src/main.ts' },
  'id-allocator': { dir: 'apps/id-allocator', entry: 'src/main.ts' },
  'address-allocator': { dir: 'apps/address-allocator', entry: 'src/main.ts' },
  'envoy-renderer': { dir: 'apps/envoy-renderer', entry: 'src/main.ts' },
  'xds-server': { dir: 'apps/xds-server', entry: 'src/main.ts' },
  'tunnel-dispatcher': { dir: 'apps/tunnel-programmer', entry: 'src/dispatcher-main.ts' },
  'tunnel-agent': { dir: 'apps/tunnel-programmer', entry: 'src/agent-main.ts' },
};

type Shape = Pick<AppSpec, 'args' | 'env'>;

function scoped(ctx: AppContext, variables: readonly string[]): Record<string, string> {
  const served = ctx.plan.servedNamespaces;
  if (!served) return {};
  return Object.fromEntries(variables.map((v) => [v, served.join(',')]));
}

const shapes: Record<AppName, (ctx: AppContext) => Shape> = {
  admission: (ctx) => ({
    args: [],
    env: {
      EPIC_ADMISSION_PORT: String(ctx.ports.admission),
      EPIC_ADMISSION_HOST: '127.0.0.1',
      EPIC_ADMISSION_TLS_CERT: ctx.tls.certFile,
      EPIC_ADMISSION_TLS_KEY: ctx.tls.keyFile,
      EPIC_ADMISSION_ID_WRITERS: ctx.idWriters.join(','),
    },
  }),
  ingest: (ctx) => ({
    args: [],
    env: { EPIC_INGEST_LEASE_NAME: ctx.plan.ingestLease },
  }),
  'id-allocator': (ctx) => ({
    args: [],
    env: scoped(ctx, ['EPIC_ID_NAMESPACES']),
  }),
  'address-allocator': (ctx) => ({
    args: [],
    env: {
      ...scoped(ctx, ['EPIC_ADDRESS_NAMESPACES']),
      ...(ctx.plan.servedNamespaces
        ? { EPIC_ADDRESS_SERVICE_PREFIXES: ctx.plan.servicePrefix }
        : {}),
    },
  }),
  'envoy-renderer': (ctx) => {
    const placement = envoyPlacement(ctx.plan);
    return {
      args: [],
      env: {
        ...scoped(ctx, ['EPIC_ENVOY_NAMESPACES']),
        EPIC_XDS_ADDRESS: '127.0.0.1',
        EPIC_XDS_PORT: String(ctx.ports.xds),
        EPIC_ENVOY_NODE_SELECTOR: placement.nodeSelector,
        EPIC_ENVOY_TOLERATIONS: JSON.stringify(placement.tolerations),
      },
    };
  },
  'xds-server': (ctx) => ({
    args: [],
    env: {
      ...scoped(ctx, ['EPIC_XDS_NAMESPACES']),
      EPIC_XDS_HOST: '127.0.0.1',
      EPIC_XDS_PORT: String(ctx.ports.xds),
    },
  }),
  'tunnel-dispatcher': (ctx) => ({
    args: [],
    env: {
      ...scoped(ctx, ['EPIC_TUNNEL_NAMESPACES']),
      EPIC_TUNNEL_NODE_SELECTOR: envoyPlacement(ctx.plan).nodeSelector,
    },
  }),
  'tunnel-agent': (ctx) => ({
    // The demo's node is a KWOK node with no kernel behind it: the agent drives the recording
    // true-ingress CLIs, and learns the Envoy pod's veth from the pod annotations the demo
    // writes as the node's network daemon would.
    args: [
      '--node-name',
      ctx.plan.node.name,
      '--driver',
      'true-ingress',
      '--bin-dir',
      ctx.trueIngress.binDir,
      '--interface-source',
      'annotations',
    ],
    env: { FAKE_TRUE_INGRESS_STATE: ctx.trueIngress.stateDir },
  }),
};

/** The processes to start, in start order (the webhook server first). */
export function appSpecs(ctx: AppContext): AppSpec[] {
  const common = {
    ...ctx.stackEnv,
    EPIC_TOPIC_PREFIX: ctx.plan.topicPrefix,
    LOG_LEVEL: ctx.logLevel,
  };
  return appNames.map((name) => {
    const shape = shapes[name](ctx);
    const isAdmission = name === 'admission';
    return {
      name,
      ...appEntries[name],
      args: shape.args,
      env: {
        ...common,
        KUBECONFIG: ctx.kubeconfigs[name],
        ...(isAdmission ? {} : { EPIC_HTTP_PORT: String(ctx.ports[name]) }),
        ...shape.env,
      },
      probe: {
        scheme: isAdmission ? 'https' : 'http',
        port: ctx.ports[name],
        readyPath: isAdmission ? '/healthz' : '/readyz',
      },
    };
  });
}
