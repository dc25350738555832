// What the demo prints once the world converged: the seed's two `kubectl get -o yaml` outputs
// (the EPIC singleton with its counters, the LoadBalancer with its IDs, address and tunnels),
// a summary with each app's work from its /metrics, and how to carry on by hand.
import { spawn } from 'node:child_process';
import { relative } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AppName, AppSpec } from './app-processes.js';
import type { DemoPlan } from './demo-plan.js';
import { httpGet } from './local-net.js';
import { defaultStateDir } from './run-state.js';
import { parseMetrics, type Sample } from './metrics-text.js';
import { summaryLines } from './summary.js';
import { readEpic, readObserved, type Say } from './world.js';

/** The kubectl commands of the seed, for this demo's names. */
export function seedKubectlCommands(plan: DemoPlan): string[][] {
  return [
    ['get', '-n', 'epic', 'epics.epic.acnodal.io', 'epic', '-o', 'yaml'],
    ['get', '-n', plan.namespace, 'loadbalancers.epic.acnodal.io', plan.loadBalancer, '-o', 'yaml'],
  ];
}

function kubectl(args: string[], env: Record<string, string>): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn('kubectl', args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (text += c.toString('utf8')));
    child.on('error', (err) => resolve(`(kubectl could not run: ${err.message})\n`));
    child.on('close', () => resolve(text));
  });
}

export async function showSeedObjects(plan: DemoPlan, stackEnv: Record<string, string>, say: Say) {
  for (const args of seedKubectlCommands(plan)) {
    say(`\n$ kubectl ${args.join(' ')}`);
    say((await kubectl(args, stackEnv)).trimEnd());
  }
}

async function appMetrics(spec: AppSpec, ca: Buffer): Promise<Sample[] | undefined> {
  const { scheme, port } = spec.probe;
  try {
    const reply = await httpGet(`${scheme}://127.0.0.1:${port}/metrics`, { ca });
    return reply.status === 200 ? parseMetrics(reply.body) : undefined;
  } catch {
    return undefined;
  }
}

export async function showSummary(
  kc: KubeConfig,
  args: { plan: DemoPlan; specs: readonly AppSpec[]; ca: Buffer; say: Say },
) {
  const metrics: Partial<Record<AppName, Sample[]>> = {};
  for (const spec of args.specs) {
    const samples = await appMetrics(spec, args.ca);
    if (samples) metrics[spec.name] = samples;
  }
  const observed = await readObserved(kc, args.plan);
  const lines = summaryLines({
    plan: args.plan,
    epic: await readEpic(kc),
    account: observed.account,
    loadBalancer: observed.loadBalancer,
    metrics,
  });
  args.say(`\n${lines.join('\n')}`);
}

function pathForHumans(repoRoot: string, path: string): string {
  const rel = relative(repoRoot, path);
  return rel === '' || rel.startsWith('..') ? path : rel;
}

export function showHints(args: { plan: DemoPlan; repoRoot: string; stateDir: string; say: Say }) {
  const { plan } = args;
  const state = pathForHumans(args.repoRoot, args.stateDir);
  const own = args.stateDir === defaultStateDir(args.repoRoot) ? '' : ` --state-dir ${state}`;
  const account = `--account ${plan.account}`;
  // An isolated demo's apps serve only its own namespace: another account would wait forever.
  const more = plan.servedNamespaces
    ? []
    : ['  apps/epicctl/bin/epicctl account create acme         # another account, served too'];
  args.say(
    [
      '',
      'Carry on by hand (from the repository root):',
      '  source tools/node-env.sh; eval "$(npm run -s stack:env)"   # Node 24, kubectl, KUBECONFIG',
      `  kubectl get lb,rep,lbsg -n ${plan.namespace}`,
      `  kubectl get deploy,pods -n ${plan.namespace} -o wide`,
      `  apps/epicctl/bin/epicctl lb show ${plan.loadBalancer} ${account}`,
      `  apps/epicctl/bin/epicctl ids ${account}`,
      ...more,
      `  tail -f ${state}/logs/<app>.log`,
      '',
      'Stop:',
      `  npm run demo -- --down${own}          # stop the apps, remove what the demo created`,
      `  npm run demo -- --down --stack${own}  # ... and stop the local stack too`,
      '',
    ].join('\n'),
  );
}
