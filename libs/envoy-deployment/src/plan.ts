// The whole decision for one live proxy: its Envoy Deployment and bootstrap ConfigMap, or the
// reason it can have none (said in its ProxyReady condition). Checks come in the order a person
// would fix them: the name, the group, the image, the ports.
import { chooseEnvoy, refusal, type GroupView, type Refusal } from './envoy-choice.js';
import { envoyObjectName, labelValueProblem } from './envoy-names.js';
import { renderEnvoyManifests, type EnvoyManifests } from './deployment.js';
import type { EnvoyPodSettings } from './pod-settings.js';
import { describeProxy, type ProxySource } from './proxy-source.js';

export interface PlanInput {
  proxy: ProxySource;
  /** The proxy's LBServiceGroup as read; undefined when absent. */
  group: GroupView | undefined;
  /** EPIC `spec.envoy-image` (injected, so tests never touch the shared singleton). */
  defaultImage: string | undefined;
  settings: EnvoyPodSettings;
}

export type EnvoyPlan =
  ({ ok: true; name: string; image: string; replicas: number } & EnvoyManifests) | Refusal;

/** Pods are labelled with the proxy's name, so it must be a label value, not only a name. */
function nameRefusal(proxy: ProxySource): Refusal | undefined {
  const problem = labelValueProblem(proxy.name);
  if (problem === undefined) return undefined;
  return refusal(
    'InvalidName',
    `${describeProxy(proxy)} cannot have Envoy pods: its name must label them, and ${problem}.`,
  );
}

function portRefusal(proxy: ProxySource, settings: EnvoyPodSettings): Refusal | undefined {
  const taken = proxy.ports.find((p) => p.port === settings.readyPort && p.protocol === 'TCP');
  if (!taken) return undefined;
  return refusal(
    'PortReserved',
    `Public port ${taken.port}/TCP of ${describeProxy(proxy)} is reserved for the Envoy readiness listener; use another port.`,
  );
}

export function planEnvoyDeployment(input: PlanInput): EnvoyPlan {
  const { proxy, settings } = input;
  const badName = nameRefusal(proxy);
  if (badName) return badName;
  const choice = chooseEnvoy(proxy, input.group, input.defaultImage);
  if (!choice.ok) return choice;
  const reserved = portRefusal(proxy, settings);
  if (reserved) return reserved;
  // A valid label value always derives a valid name (shortened with a hash past 63).
  const name = envoyObjectName(proxy);
  const manifests = renderEnvoyManifests({ proxy, choice, name, settings });
  return { ok: true, name, image: choice.image, replicas: choice.replicas, ...manifests };
}
