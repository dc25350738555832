// What the server does with what streams report: metrics for every push, and for answers the
// ConfigAccepted condition on the proxy. A NACK is also logged and recorded as a Kubernetes
// Event (once per node, type and version: something happened); it is not re-sent.
import type { KubeEvent } from '@epic/kube';
import type { Logger } from '@epic/logging';
import type { AcceptanceTracker } from './acceptance.js';
import type { ConditionSink } from './condition-sink.js';
import { acceptedCondition } from './conditions.js';
import type { ProxyKey } from './snapshot.js';
import type { Answer, StreamEvents } from './stream-base.js';
import type { XdsMetrics } from './xds-metrics.js';

export interface ReportDeps {
  readonly metrics: XdsMetrics;
  readonly acceptance: AcceptanceTracker;
  readonly conditions: ConditionSink;
  readonly log: Logger;
  /** The proxy a node id serves, if known. */
  readonly proxyOf: (nodeId: string) => ProxyKey | undefined;
  readonly emit?: ((proxy: ProxyKey, event: KubeEvent) => void) | undefined;
  /** Told everything after the server handled it (tests). */
  readonly observer?: Partial<StreamEvents> | undefined;
}

export function streamReports(deps: ReportDeps): StreamEvents {
  const recorded = new Set<string>();
  const onNack = (answer: Answer, proxy: ProxyKey | undefined) => {
    if (answer.verdict.kind !== 'nack') return;
    const { version, message } = answer.verdict;
    deps.metrics.nacks.inc({ type: answer.type });
    deps.log.warn(
      { nodeId: answer.nodeId, type: answer.type, version, api: answer.api, error: message },
      'xDS client rejected a configuration; it is not sent again',
    );
    const key = `${answer.nodeId}/${answer.type}/${version}`;
    if (!proxy || !deps.emit || recorded.has(key)) return;
    // Only repeats close together matter (replicas of one proxy NACK the same version).
    if (recorded.size >= 10_000) recorded.clear();
    recorded.add(key);
    deps.emit(proxy, {
      type: 'Warning',
      reason: 'ConfigRejected',
      message: `An xDS client rejected ${answer.type} version ${version}: ${message.slice(0, 512)}`,
    });
  };
  return {
    connected(api) {
      deps.metrics.connected.inc({ api });
      deps.observer?.connected?.(api);
    },
    disconnected(api) {
      deps.metrics.connected.dec({ api });
      deps.observer?.disconnected?.(api);
    },
    pushed(push) {
      deps.metrics.pushes.inc({ type: push.type, api: push.api });
      deps.observer?.pushed?.(push);
    },
    answered(answer) {
      const proxy = deps.proxyOf(answer.nodeId);
      const rejections = deps.acceptance.answer(answer.nodeId, answer.type, answer.verdict);
      onNack(answer, proxy);
      if (proxy) deps.conditions.assert(proxy, acceptedCondition(rejections));
      deps.observer?.answered?.(answer);
    },
  };
}
