// Typed access to the two kinds of proxy (LoadBalancer, GWProxy) by their ProxyRef, for the
// writes both parts make: finalizers (main resource) and status (status subresource).
import type { KubeConfig } from '@kubernetes/client-node';
import { EpicObjects, isApiError, replaceWithRetry } from '@epic/kube';
import { gwProxyKind, loadBalancerKind, type GWProxy, type LoadBalancer } from '@epic/model';
import type { ProxyKind, ProxyRef } from '@epic/tunnel-plan';

export type ProxyObject = LoadBalancer | GWProxy;

export class ProxyObjects {
  private readonly byKind: Record<
    ProxyKind,
    EpicObjects<typeof loadBalancerKind> | EpicObjects<typeof gwProxyKind>
  >;

  constructor(kc: KubeConfig) {
    this.byKind = {
      LoadBalancer: new EpicObjects(kc, loadBalancerKind),
      GWProxy: new EpicObjects(kc, gwProxyKind),
    };
  }

  /**
   * Read, change a copy, Update with the read resourceVersion, retried on 409. `change` returns
   * undefined when nothing is to be written. A proxy that is gone counts as done.
   */
  async update(args: {
    ref: ProxyRef;
    what: string;
    subresource: 'main' | 'status';
    change: (current: ProxyObject) => ProxyObject | undefined;
  }): Promise<'written' | 'unchanged' | 'gone'> {
    const objects = this.byKind[args.ref.kind] as EpicObjects<typeof loadBalancerKind>;
    const ref = { namespace: args.ref.namespace, name: args.ref.name };
    let written = false;
    try {
      await replaceWithRetry({
        what: `${args.ref.kind} ${ref.namespace}/${ref.name} ${args.what}`,
        read: () => objects.get(ref) as Promise<ProxyObject>,
        mutate: args.change,
        write: async (next) => {
          const body = next as LoadBalancer;
          const result =
            args.subresource === 'status'
              ? await objects.replaceStatus(body)
              : await objects.replace(body);
          written = true;
          return result;
        },
        attempts: 8,
      });
    } catch (err) {
      if (isGone(err)) return 'gone';
      throw err;
    }
    return written ? 'written' : 'unchanged';
  }
}

/** 404 on the read, or on the write (wrapped by replaceWithRetry). */
function isGone(err: unknown): boolean {
  return isApiError(err, 404) || (err instanceof Error && isApiError(err.cause, 404));
}
