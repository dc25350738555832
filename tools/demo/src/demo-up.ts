// `npm run demo`: top to bottom. Stack; CRDs, topics and the core namespace; the EPIC
// singleton, the node and the account namespace; the apps (a running set is restarted); the
// webhooks once admission answers; the seed's objects; the wait; what the seed shows.
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import { loadKubeConfig } from '@epic/kube';
import type { Logger } from '@epic/logging';
import { appEntries, appNames, appSpecs, type AppName, type AppSpec } from './app-processes.js';
import { logFile, startApp, stopApps, waitReady, type RunnerPaths } from './app-runner.js';
import type { UpCommand } from './cli.js';
import {
  createTopics,
  installBasics,
  registerWebhooks,
  waitWebhooksServing,
} from './cluster-setup.js';
import { waitConverged } from './converge.js';
import type { Step } from './convergence.js';
import { demoPlan, describePlan, type DemoPlan } from './demo-plan.js';
import { DemoError } from './demo-error.js';
import { installIdentities, type AppCredentials } from './identity-setup.js';
import { freePort } from './local-net.js';
import { parseRunState, runStateFile, type RunState } from './run-state.js';
import { showHints, showSeedObjects, showSummary } from './show.js';
import { ensureStack, stackDir, stackEnv } from './stack.js';
import { ensureFoundations, ensureSeedObjects, type Say } from './world.js';

export interface DemoEnv {
  repoRoot: string;
  say: Say;
  logger: Logger;
}

export interface DemoUpResult {
  plan: DemoPlan;
  steps: Step[];
  specs: AppSpec[];
  credentials: Record<AppName, AppCredentials>;
}

async function previousState(stateDir: string): Promise<RunState | undefined> {
  const text = await readFile(join(stateDir, runStateFile), 'utf8').catch(() => undefined);
  return text === undefined ? undefined : parseRunState(text);
}

/** An isolated re-run keeps its run id, so its names (and objects) stay the same. */
async function runOptions(cmd: UpCommand) {
  const previous = await previousState(cmd.stateDir);
  if (previous && previous.account !== cmd.account) {
    throw new DemoError(
      `${cmd.stateDir} holds a demo of account ${previous.account}: ` +
        'run `npm run demo -- --down` first, or give another --state-dir',
    );
  }
  if (previous && (previous.isolation !== undefined) !== cmd.isolate) {
    const was = previous.isolation === undefined ? 'plain' : 'isolated';
    throw new DemoError(
      `${cmd.stateDir} holds a ${was} demo: run \`npm run demo -- --down\` first, or give another --state-dir`,
    );
  }
  const isolation = cmd.isolate
    ? (previous?.isolation ?? randomBytes(4).toString('hex'))
    : undefined;
  return { options: { account: cmd.account, isolation }, previousPorts: previous?.ports };
}

/** A port per app (and ADS); a re-run keeps the previous ones where they are free. */
async function allocatePorts(previous?: Record<string, number>) {
  const ports: Partial<Record<AppName | 'xds', number>> = {};
  for (const name of [...appNames, 'xds'] as const) ports[name] = await freePort(previous?.[name]);
  return ports as Record<AppName | 'xds', number>;
}

async function startAll(specs: readonly AppSpec[], paths: RunnerPaths, ca: Buffer, say: Say) {
  const deadline = Date.now() + 180_000;
  const started = await Promise.all(specs.map((spec) => startApp(spec, paths)));
  await Promise.all(
    started.map(async (app) => {
      await waitReady(app, { stateDir: paths.stateDir, ca, deadline });
      say(`  ready    ${app.spec.name.padEnd(18)} pid ${app.pid}, port ${app.spec.probe.port}`);
    }),
  );
}

async function setUpCluster(kc: KubeConfig, plan: DemoPlan, env: DemoEnv, brokers: string[]) {
  env.say('cluster: CRDs, the epic namespace, Kafka topics');
  await installBasics(kc);
  await createTopics({ brokers, prefix: plan.topicPrefix, logger: env.logger });
  await ensureFoundations(kc, plan, env.say);
}

function mapApps<T, R>(byApp: Record<AppName, T>, fn: (value: T) => R): Record<AppName, R> {
  return Object.fromEntries(appNames.map((app) => [app, fn(byApp[app])])) as Record<AppName, R>;
}

/** Every app's ServiceAccount, least-privilege RBAC and token (identity-setup.ts). */
async function setUpIdentities(kc: KubeConfig, plan: DemoPlan, env: DemoEnv, stateDir: string) {
  env.say("identities: each app's ServiceAccount and RBAC from deploy/kustomize/rbac");
  const credentials = await installIdentities(kc, { repoRoot: env.repoRoot, stateDir, plan });
  const users = appNames.map((app) => credentials[app].identity.serviceAccount);
  env.say(`  apps run with their own tokens: ${users.join(', ')} (namespace epic)`);
  return credentials;
}

async function saveState(stateDir: string, state: RunState): Promise<void> {
  await mkdir(stateDir, { recursive: true });
  await writeFile(join(stateDir, runStateFile), `${JSON.stringify(state, null, 2)}\n`);
}

interface Launch {
  kc: KubeConfig;
  plan: DemoPlan;
  credentials: Record<AppName, AppCredentials>;
  stack: Record<string, string>;
  cmd: UpCommand;
  previousPorts: Record<string, number> | undefined;
}

/** Ports, each app's process, and the state `--down` needs, written before anything starts. */
async function prepareApps(launch: Launch, env: DemoEnv, state: RunState) {
  const { plan, cmd } = launch;
  const pki = join(stackDir(env.repoRoot), 'pki');
  const ports = await allocatePorts(launch.previousPorts);
  const specs = appSpecs({
    plan,
    stackEnv: launch.stack,
    ports,
    tls: { certFile: join(pki, 'webhook.crt'), keyFile: join(pki, 'webhook.key') },
    trueIngress: {
      binDir: join(env.repoRoot, appEntries['tunnel-agent'].dir, 'src/testdata/fake-true-ingress'),
      stateDir: join(cmd.stateDir, 'true-ingress'),
    },
    kubeconfigs: mapApps(launch.credentials, (c) => c.kubeconfig),
    idWriters: [launch.credentials['id-allocator'].identity.username],
    logLevel: cmd.logLevel,
  });
  await rm(join(cmd.stateDir, 'true-ingress'), { recursive: true, force: true });
  await saveState(cmd.stateDir, { ...state, ports });
  return { specs, ports, caFile: join(pki, 'ca.crt') };
}

/** Admission first, then the webhooks pointing at it, then every other app. */
async function launchApps(launch: Launch, env: DemoEnv, state: RunState) {
  const { kc, plan, cmd } = launch;
  const { say, repoRoot } = env;
  const paths = { repoRoot, stateDir: cmd.stateDir };
  const { specs, ports, caFile } = await prepareApps(launch, env, state);
  const ca = await readFile(caFile);
  say(`apps: starting ${specs.length} processes (logs in ${join(cmd.stateDir, 'logs')})`);
  const [admission, ...workers] = specs;
  if (admission) await startAll([admission], paths, ca, say);
  await registerWebhooks(kc, { repoRoot, caFile, port: ports.admission, plan });
  await waitWebhooksServing(kc, plan);
  say(`  webhooks ${plan.webhookName} registered (https://127.0.0.1:${ports.admission})`);
  await startAll(workers, paths, ca, say);
  return { specs, ca };
}

export async function demoUp(cmd: UpCommand, env: DemoEnv): Promise<DemoUpResult> {
  const { say, repoRoot } = env;
  await ensureStack(repoRoot, say);
  const stack = await stackEnv(repoRoot);
  const kc = loadKubeConfig(stack.KUBECONFIG);
  const { options, previousPorts } = await runOptions(cmd);
  const plan = demoPlan(options);
  say(`demo: ${describePlan(plan)}`);
  // Written first, so `--down` can clean up after a run that fails half-way.
  const state: RunState = {
    ...options,
    ports: previousPorts ?? {},
    startedAt: new Date().toISOString(),
  };
  await saveState(cmd.stateDir, state);
  await stopApps({ repoRoot, stateDir: cmd.stateDir }, (app, seconds) =>
    say(`  stopped the running ${app} in ${seconds} s (it is started again)`),
  );
  await setUpCluster(kc, plan, env, (stack.EPIC_KAFKA_BROKERS ?? '').split(','));
  const credentials = await setUpIdentities(kc, plan, env, cmd.stateDir);
  const launch = { kc, plan, credentials, stack, cmd, previousPorts };
  const { specs, ca } = await launchApps(launch, env, state);

  say("the seed's world:");
  await ensureSeedObjects(kc, plan, say);
  say('converging:');
  const steps = await waitConverged(kc, plan, {
    timeoutSeconds: cmd.timeoutSeconds,
    say,
    logOf: (app) => logFile(cmd.stateDir, app),
  });
  await showSeedObjects(plan, stack, say);
  await showSummary(kc, { plan, specs, ca, say });
  showHints({ plan, repoRoot, stateDir: cmd.stateDir, say });
  return { plan, steps, specs, credentials };
}
