// The bounded wait for the seed's world: poll the objects, play the node network daemon for the
// Envoy pods, print each step as it completes, and on timeout say what is missing and which
// log to read.
import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeConfig } from '@kubernetes/client-node';
import type { AppName } from './app-processes.js';
import {
  allDone,
  convergenceSteps,
  missingMessage,
  waitingLine,
  type Step,
  type StepKey,
} from './convergence.js';
import type { DemoPlan } from './demo-plan.js';
import { DemoError } from './demo-error.js';
import { annotateEnvoyPods, readObserved, type Say } from './world.js';

export interface ConvergeOptions {
  timeoutSeconds: number;
  say: Say;
  logOf: (app: AppName) => string;
  /** How often the open steps are repeated while nothing completes. */
  reminderSeconds?: number;
}

export async function waitConverged(
  kc: KubeConfig,
  plan: DemoPlan,
  options: ConvergeOptions,
): Promise<Step[]> {
  const { say } = options;
  const started = Date.now();
  const elapsed = () => Math.round((Date.now() - started) / 1000);
  const reminder = (options.reminderSeconds ?? 15) * 1000;
  const shown = new Set<StepKey>();
  let lastNews = started;
  for (;;) {
    for (const pod of await annotateEnvoyPods(kc, plan)) {
      say(`  (as the node's network daemon: veth annotations on Envoy pod ${pod})`);
    }
    const steps = convergenceSteps(await readObserved(kc, plan));
    for (const step of steps.filter((s) => s.done && !shown.has(s.key))) {
      shown.add(step.key);
      lastNews = Date.now();
      say(`  [x] ${step.title.padEnd(18)} ${step.detail}  (${elapsed()} s)`);
    }
    if (allDone(steps)) return steps;
    if (elapsed() >= options.timeoutSeconds) {
      throw new DemoError(missingMessage(steps, elapsed(), options.logOf));
    }
    if (Date.now() - lastNews >= reminder) {
      lastNews = Date.now();
      say(waitingLine(steps, elapsed()));
    }
    await sleep(1_000);
  }
}
