// The production parts of an xDS server around a kubeconfig: readers and writers on the API.
// main.ts and the integration tests build the same server from here.
import type { KubeConfig } from '@kubernetes/client-node';
import { EpicObjects } from '@epic/kube';
import type { EmitKubeEvent } from '@epic/worker-runtime';
import type { Logger } from '@epic/logging';
import { gwProxyKind, lbServiceGroupKind, loadBalancerKind } from '@epic/model';
import { KubeConditionSink } from './condition-sink.js';
import { KubeProxyReader } from './kube-reader.js';
import { KubeVersionStore } from './kube-version-store.js';
import { XdsServer, type XdsServerDeps } from './xds-server.js';
import type { XdsMetrics } from './xds-metrics.js';

export interface KubeXdsOptions {
  readonly kc: KubeConfig;
  readonly logger: Logger;
  readonly metrics: XdsMetrics;
  readonly namespaces?: readonly string[] | undefined;
  readonly inScope?: (namespace: string) => boolean;
  /** Kubernetes Events on proxies (bootWorker's recorder). */
  readonly emit: EmitKubeEvent;
  readonly observer?: XdsServerDeps['observer'];
}

export function kubeXdsServer(options: KubeXdsOptions): XdsServer {
  const { kc, logger } = options;
  const apiVersion = 'epic.acnodal.io/v1';
  return new XdsServer({
    reader: new KubeProxyReader(kc, logger, options.namespaces),
    versions: new KubeVersionStore(new EpicObjects(kc, lbServiceGroupKind), logger),
    conditions: new KubeConditionSink(
      {
        LoadBalancer: new EpicObjects(kc, loadBalancerKind),
        GWProxy: new EpicObjects(kc, gwProxyKind),
      },
      logger,
    ),
    metrics: options.metrics,
    logger,
    inScope: options.inScope,
    observer: options.observer,
    emit: (proxy, event) =>
      options.emit(
        {
          apiVersion,
          kind: proxy.kind,
          metadata: { namespace: proxy.namespace, name: proxy.name },
        },
        event,
      ),
  });
}
