// Reads from the API everything the node tables depend on, fresh on every dispatch (Kubernetes
// is the source of truth; events only say when to look). One list per kind, cluster-wide or per
// namespace in scope, paged. An object that does not match its schema is skipped with a warning
// instead of failing the whole dispatch: one bad object must not stop every node's tunnels.
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@epic/logging';
import {
  accountKind,
  apiGroup,
  gwEndpointSliceKind,
  gwProxyKind,
  gwRouteKind,
  loadBalancerKind,
  partOfLabel,
  partOfValue,
  remoteEndpointKind,
  type Account,
  type GWEndpointSlice,
  type GWProxy,
  type GWRoute,
  type KindDescriptor,
  type LoadBalancer,
  type RemoteEndpoint,
} from '@epic/model';
import type { NodeLike, PodLike } from '@epic/tunnel-plan';

/** The objects one dispatch works from. */
export interface World {
  loadBalancers: LoadBalancer[];
  remoteEndpoints: RemoteEndpoint[];
  gwProxies: GWProxy[];
  routes: GWRoute[];
  slices: GWEndpointSlice[];
  accounts: Account[];
  pods: PodLike[];
  /** The EPIC nodes (those the node selector picks). */
  nodes: NodeLike[];
}

export interface WorldScope {
  /** Namespaces to read; empty = every namespace. */
  namespaces: readonly string[];
  /** Label selector of EPIC nodes; empty = every node. */
  nodeSelector: string;
}

interface Page {
  items?: unknown[];
  metadata?: { _continue?: string; continue?: string };
}

const pageSize = 500;

async function allPages(fetch: (token: string | undefined) => Promise<Page>): Promise<unknown[]> {
  const items: unknown[] = [];
  let token: string | undefined;
  for (let page = 0; page < 10_000; page++) {
    const list = await fetch(token);
    items.push(...(list.items ?? []));
    token = list.metadata?._continue ?? list.metadata?.continue;
    if (!token) return items;
  }
  throw new Error('a list did not finish within 10,000 pages');
}

export class WorldReader {
  private readonly custom: CustomObjectsApi;
  private readonly core: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly scope: WorldScope,
    private readonly log: Logger,
  ) {
    this.custom = kc.makeApiClient(CustomObjectsApi);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async read(): Promise<World> {
    const [loadBalancers, remoteEndpoints, gwProxies, routes, slices, accounts, pods, nodes] =
      await Promise.all([
        this.customObjects<LoadBalancer>(loadBalancerKind),
        this.customObjects<RemoteEndpoint>(remoteEndpointKind),
        this.customObjects<GWProxy>(gwProxyKind),
        this.customObjects<GWRoute>(gwRouteKind),
        this.customObjects<GWEndpointSlice>(gwEndpointSliceKind),
        this.customObjects<Account>(accountKind),
        this.envoyPods(),
        this.epicNodes(),
      ]);
    return { loadBalancers, remoteEndpoints, gwProxies, routes, slices, accounts, pods, nodes };
  }

  private async perScope(list: (namespace?: string) => Promise<unknown[]>): Promise<unknown[]> {
    if (this.scope.namespaces.length === 0) return list();
    const lists = await Promise.all(this.scope.namespaces.map((ns) => list(ns)));
    return lists.flat();
  }

  private async customObjects<T>(kind: KindDescriptor): Promise<T[]> {
    const base = { group: apiGroup, version: 'v1', plural: kind.plural, limit: pageSize };
    const raw = await this.perScope((namespace) =>
      allPages(
        (token) =>
          (namespace === undefined
            ? this.custom.listClusterCustomObject({ ...base, _continue: token })
            : this.custom.listNamespacedCustomObject({
                ...base,
                namespace,
                _continue: token,
              })) as Promise<Page>,
      ),
    );
    return raw.flatMap((item) => this.parse<T>(kind, item));
  }

  private parse<T>(kind: KindDescriptor, item: unknown): T[] {
    const parsed = kind.object.safeParse(item);
    if (parsed.success) return [parsed.data as T];
    const meta = (item as { metadata?: { namespace?: string; name?: string } }).metadata;
    this.log.warn(
      { kind: kind.kind, ref: `${meta?.namespace ?? ''}/${meta?.name ?? ''}`, err: parsed.error },
      'object does not match its schema; left out of the tunnel tables',
    );
    return [];
  }

  private async envoyPods(): Promise<PodLike[]> {
    const labelSelector = `${partOfLabel}=${partOfValue}`;
    const items = await this.perScope((namespace) =>
      allPages(async (token) => {
        const options = { labelSelector, limit: pageSize, _continue: token };
        const list =
          namespace === undefined
            ? await this.core.listPodForAllNamespaces(options)
            : await this.core.listNamespacedPod({ ...options, namespace });
        return { items: list.items, metadata: list.metadata };
      }),
    );
    return items as PodLike[];
  }

  private async epicNodes(): Promise<NodeLike[]> {
    const labelSelector = this.scope.nodeSelector || undefined;
    const items = await allPages(async (token) => {
      const list = await this.core.listNode({ labelSelector, limit: pageSize, _continue: token });
      return { items: list.items, metadata: list.metadata };
    });
    return items as NodeLike[];
  }
}
