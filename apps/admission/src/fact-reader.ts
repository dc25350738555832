// Runs the reads `factQueries` asks for against the apiserver (live reads, no cache: a group or
// LoadBalancer created a moment ago must be seen, and the proxy count must be current). "Not
// found" is an answer (null); any other failure throws, and the webhook answers 503 so the
// client retries instead of being admitted unchecked.
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { FactQueries, Facts, Ref } from '@epic/admission-rules';
import { EpicObjects, isApiError } from '@epic/kube';
import {
  accountKind,
  coreNamespace,
  gwProxyKind,
  lbServiceGroupKind,
  loadBalancerKind,
  owningLoadBalancerLabel,
  remoteEndpointKind,
  servicePrefixKind,
  type KindDescriptor,
  type LBServiceGroup,
} from '@epic/model';
import type { z } from 'zod';

async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (err) {
    if (isApiError(err, 404)) return null;
    throw err;
  }
}

function describeRead(what: string, ref: Ref | string): string {
  return typeof ref === 'string' ? `${what} ${ref}` : `${what} ${ref.namespace}/${ref.name}`;
}

async function reading<T>(what: string, ref: Ref | string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    throw new Error(`reading ${describeRead(what, ref)} failed`, { cause: err });
  }
}

export class FactReader {
  private readonly accounts;
  private readonly groups;
  private readonly prefixes;
  private readonly proxies;
  private readonly loadBalancers;
  private readonly endpoints;
  private readonly core: CoreV1Api;

  constructor(kc: KubeConfig) {
    this.accounts = new EpicObjects(kc, accountKind);
    this.groups = new EpicObjects(kc, lbServiceGroupKind);
    this.prefixes = new EpicObjects(kc, servicePrefixKind);
    this.proxies = new EpicObjects(kc, gwProxyKind);
    this.loadBalancers = new EpicObjects(kc, loadBalancerKind);
    this.endpoints = new EpicObjects(kc, remoteEndpointKind);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** Every asked fact, read in parallel; keys not asked stay absent. */
  async read(q: FactQueries): Promise<Facts> {
    const facts: Facts = {};
    await Promise.all([
      q.account && this.get('Account', this.accounts, q.account).then((a) => (facts.account = a)),
      q.serviceGroup && this.serviceGroup(q.serviceGroup).then((g) => (facts.serviceGroup = g)),
      q.servicePrefix !== undefined && this.servicePrefixExists(q.servicePrefix, facts),
      q.proxies !== undefined && this.proxiesIn(q.proxies, facts),
      q.loadBalancer &&
        this.get('LoadBalancer', this.loadBalancers, q.loadBalancer).then(
          (lb) => (facts.loadBalancer = lb),
        ),
      q.endpointsOf && this.endpointsOf(q.endpointsOf).then((eps) => (facts.endpointsOf = eps)),
      q.namespace !== undefined &&
        this.isTerminating(q.namespace).then((t) => (facts.namespaceTerminating = t)),
    ]);
    return facts;
  }

  private async servicePrefixExists(name: string, facts: Facts) {
    const ref = { namespace: coreNamespace, name };
    facts.servicePrefixExists = (await this.get('ServicePrefix', this.prefixes, ref)) !== null;
  }

  private async proxiesIn(namespace: string, facts: Facts) {
    facts.proxies = await reading('GWProxies of', namespace, () => this.proxies.list(namespace));
  }

  private get<K extends KindDescriptor>(
    what: string,
    api: EpicObjects<K>,
    ref: Ref,
  ): Promise<z.infer<K['object']> | null> {
    return reading(what, ref, () => orNull(api.get(ref)));
  }

  private async serviceGroup(q: { name: string; namespaces: string[] }) {
    for (const namespace of q.namespaces) {
      const ref = { namespace, name: q.name };
      const group: LBServiceGroup | null = await this.get('LBServiceGroup', this.groups, ref);
      if (group) return group;
    }
    return null;
  }

  private endpointsOf(lb: Ref) {
    return reading('RemoteEndpoints of LoadBalancer', lb, () =>
      this.endpoints.list(lb.namespace, `${owningLoadBalancerLabel}=${lb.name}`),
    );
  }

  private async isTerminating(name: string): Promise<boolean> {
    const ns = await reading('Namespace', name, () => orNull(this.core.readNamespace({ name })));
    return ns?.metadata?.deletionTimestamp !== undefined || ns?.status?.phase === 'Terminating';
  }
}
