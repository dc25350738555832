// `npm run demo -- --down [--stack]`: webhooks first (nothing may block the deletions), the
// account namespace while the apps still run (they release their own finalizers), the
// ServicePrefix and the node, then the apps, then the demo's topics and Redis keys; the logs
// stay. With --stack, the local stack stops too.
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadKubeConfig } from '@epic/kube';
import { stopApps } from './app-runner.js';
import type { DownCommand } from './cli.js';
import { removeWebhooks } from './cluster-setup.js';
import { demoPlan, type DemoPlan } from './demo-plan.js';
import { removeIdentities } from './identity-setup.js';
import type { DemoEnv } from './demo-up.js';
import { parseRunState, runStateFile } from './run-state.js';
import { stackEnv, stopStack } from './stack.js';
import {
  removeClusterObjects,
  removeNamespace,
  removeRedisKeys,
  removeTopics,
} from './teardown.js';

/** How long the namespace may take before finalizers nobody released are dropped. */
const finalizerGraceSeconds = 30;

async function removeFromStack(plan: DemoPlan, stack: Record<string, string>, env: DemoEnv) {
  const kc = loadKubeConfig(stack.KUBECONFIG);
  await removeWebhooks(kc, plan.webhookName);
  env.say(`  deleted webhook configurations ${plan.webhookName}`);
  await removeNamespace(kc, plan, {
    say: env.say,
    graceSeconds: finalizerGraceSeconds,
  });
  await removeClusterObjects(kc, plan, env.say);
}

/** After the apps stopped: until then they act with these grants. */
async function removeAppIdentities(
  plan: DemoPlan,
  stack: Record<string, string>,
  env: DemoEnv & { stateDir: string },
) {
  const kc = loadKubeConfig(stack.KUBECONFIG);
  const count = await removeIdentities(kc, {
    repoRoot: env.repoRoot,
    stateDir: env.stateDir,
    plan,
  });
  env.say(`  deleted the apps' ServiceAccounts and RBAC (${count} objects)`);
}

async function removeMessaging(plan: DemoPlan, stack: Record<string, string>, env: DemoEnv) {
  const brokers = (stack.EPIC_KAFKA_BROKERS ?? '').split(',');
  const kafka = await removeTopics({ brokers, prefix: plan.topicPrefix, logger: env.logger });
  env.say(`  deleted ${kafka.topics} Kafka topics and ${kafka.groups} consumer groups`);
  const keys = await removeRedisKeys(stack.EPIC_REDIS_URL ?? '', plan.topicPrefix);
  env.say(`  deleted ${keys} Redis keys`);
}

export async function demoDown(cmd: DownCommand, env: DemoEnv): Promise<void> {
  const text = await readFile(join(cmd.stateDir, runStateFile), 'utf8').catch(() => undefined);
  if (text === undefined) {
    env.say(`no demo state in ${cmd.stateDir}: no apps to stop, no objects to remove`);
  } else {
    const state = parseRunState(text);
    const plan = demoPlan({ account: state.account, isolation: state.isolation });
    const stack = await stackEnv(env.repoRoot).catch(() => undefined);
    env.say(`removing the demo of account ${plan.account}`);
    if (stack) await removeFromStack(plan, stack, env);
    else env.say('  the local stack is not up: only the apps are stopped');
    await stopApps({ repoRoot: env.repoRoot, stateDir: cmd.stateDir }, (app, seconds) =>
      env.say(`  stopped ${app} in ${seconds} s`),
    );
    if (stack) await removeAppIdentities(plan, stack, { ...env, stateDir: cmd.stateDir });
    if (stack) await removeMessaging(plan, stack, env);
    for (const leftover of [runStateFile, 'pids', 'true-ingress', 'rbac', 'identities']) {
      await rm(join(cmd.stateDir, leftover), { recursive: true, force: true });
    }
    env.say(`done (logs kept in ${join(cmd.stateDir, 'logs')})`);
  }
  if (cmd.stack) await stopStack(env.repoRoot);
}
