// The EPIC nodes that host a LoadBalancer's Envoy pods, by address: the key of its
// (client node, EPIC node) tunnel pairs. A node's address is its first IPv4 InternalIP (the
// tunnel-programmer uses the same rule), else the pod's hostIP. Node addresses change
// rarely, so they are cached for a minute.
import { CoreV1Api, type KubeConfig, type V1Node, type V1Pod } from '@kubernetes/client-node';
import { isApiError } from '@epic/kube';
import { owningLoadBalancerLabel } from '@epic/model';

const nodeCacheMs = 60_000;

export class EpicNodes {
  private readonly api: CoreV1Api;
  private readonly nodes = new Map<string, { address: string | undefined; at: number }>();

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CoreV1Api);
  }

  /** Distinct, sorted addresses of the nodes running the LB's scheduled, live Envoy pods. */
  async ofLoadBalancer(namespace: string, name: string): Promise<string[]> {
    const pods = await this.api.listNamespacedPod({
      namespace,
      labelSelector: `${owningLoadBalancerLabel}=${name}`,
    });
    const live = pods.items.filter((p) => p.spec?.nodeName && !p.metadata?.deletionTimestamp);
    const addresses = await Promise.all(live.map((pod) => this.addressOf(pod)));
    return [...new Set(addresses.filter((a): a is string => a !== undefined))].sort();
  }

  private async addressOf(pod: V1Pod): Promise<string | undefined> {
    const nodeName = pod.spec?.nodeName ?? '';
    const cached = this.nodes.get(nodeName);
    if (cached && Date.now() - cached.at < nodeCacheMs) return cached.address ?? pod.status?.hostIP;
    const address = internalIPv4(await this.readNode(nodeName));
    this.nodes.set(nodeName, { address, at: Date.now() });
    return address ?? pod.status?.hostIP;
  }

  private async readNode(name: string): Promise<V1Node | undefined> {
    try {
      return await this.api.readNode({ name });
    } catch (err) {
      if (isApiError(err, 404)) return undefined;
      throw new Error(`reading Node ${name} for its address`, { cause: err });
    }
  }
}

function internalIPv4(node: V1Node | undefined): string | undefined {
  return node?.status?.addresses?.find(
    (a) => a.type === 'InternalIP' && /^\d+\.\d+\.\d+\.\d+$/.test(a.address),
  )?.address;
}
