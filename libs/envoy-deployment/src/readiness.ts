// ProxyReady, the one condition envoy-renderer owns on LoadBalancers and GWProxies: True when as
// many Envoy pods as the proxy wants run its current pod spec and are Ready. Counted from the
// pods, not from the Deployment's status: the Envoy pod events that trigger a recount arrive
// as fast as the Deployment controller updates that status, so the status could still show the
// count before the very pod that just became Ready. Messages carry counts, never times, so a
// recount that finds the same truth writes nothing.
import type { Condition, ConditionUpdate } from '@epic/model';
import type { Refusal } from './envoy-choice.js';
import { podHashAnnotation } from './envoy-names.js';
import type { ProxySource } from './proxy-source.js';

export const proxyReadyConditionType = 'ProxyReady';

/** What the count reads of a pod: client-node's typed pods and wire JSON both fit. */
export interface PodView {
  metadata?: {
    annotations?: Record<string, string> | undefined;
    deletionTimestamp?: unknown;
  };
  status?: { conditions?: readonly { type: string; status: string }[] | undefined } | undefined;
}

export interface ReadinessInput {
  proxy: Pick<ProxySource, 'generation'>;
  deploymentName: string;
  desiredReplicas: number;
  /** The current pod template's `epic.acnodal.io/envoy-pod-hash`. */
  podHash: string;
  /** The pods the Deployment's selector matches. */
  pods: readonly PodView[];
}

export interface PodCounts {
  /** Not being deleted, current pod spec, Ready. */
  currentReady: number;
  /** Not being deleted, an older pod spec. */
  old: number;
}

function isReady(pod: PodView): boolean {
  return (pod.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True');
}

export function countPods(pods: readonly PodView[], podHash: string): PodCounts {
  const live = pods.filter((p) => p.metadata?.deletionTimestamp == null);
  const isCurrent = (p: PodView) => p.metadata?.annotations?.[podHashAnnotation] === podHash;
  return {
    currentReady: live.filter((p) => isCurrent(p) && isReady(p)).length,
    old: live.filter((p) => !isCurrent(p)).length,
  };
}

function observed(proxy: Pick<ProxySource, 'generation'>): Pick<Condition, 'observedGeneration'> {
  return proxy.generation === undefined ? {} : { observedGeneration: proxy.generation };
}

function replicas(n: number): string {
  return n === 1 ? '1 Envoy replica' : `${n} Envoy replicas`;
}

type Assertion = Pick<Condition, 'status' | 'reason' | 'message'>;

function assess(input: ReadinessInput, counts: PodCounts): Assertion {
  const { deploymentName: deployment, desiredReplicas: desired } = input;
  const ready = `${counts.currentReady} of ${replicas(desired)}`;
  if (desired === 0) {
    const message = `envoy-replica-count is 0: Deployment ${deployment} runs no Envoy replicas.`;
    return { status: 'False', reason: 'ScaledToZero', message };
  }
  if (counts.currentReady >= desired) {
    return {
      status: 'True',
      reason: 'Available',
      message: `${ready} ready (Deployment ${deployment}).`,
    };
  }
  if (counts.old > 0) {
    const message = `Rolling out Deployment ${deployment}: ${ready} run the current pod spec and are ready.`;
    return { status: 'False', reason: 'RollingOut', message };
  }
  return {
    status: 'False',
    reason: 'ReplicasNotReady',
    message: `${ready} ready (Deployment ${deployment}).`,
  };
}

/** ProxyReady for a proxy whose Deployment was applied, from the pods it selects. */
export function proxyReadyCondition(input: ReadinessInput): ConditionUpdate {
  const counts = countPods(input.pods, input.podHash);
  return { type: proxyReadyConditionType, ...assess(input, counts), ...observed(input.proxy) };
}

/** ProxyReady for a proxy that gets no Deployment, and why. */
export function refusedCondition(
  proxy: Pick<ProxySource, 'generation'>,
  refused: Pick<Refusal, 'reason' | 'message'>,
): ConditionUpdate {
  return {
    type: proxyReadyConditionType,
    status: 'False',
    reason: refused.reason,
    message: refused.message,
    ...observed(proxy),
  };
}
