import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { apiGroup, epicKinds, partOfLabel } from '@epic/model';
import type { ListPage, WatchedCollection } from './list-watch.js';

const pageSize = 500;

interface RawList {
  items?: unknown[];
  metadata?: { resourceVersion?: string; continue?: string };
}

/** Every page of a list, so a relist is complete; the first page's resourceVersion is the list's. */
async function allPages(
  fetchPage: (token: string | undefined) => Promise<RawList>,
): Promise<ListPage> {
  const items: unknown[] = [];
  let token: string | undefined;
  let resourceVersion = '';
  for (let page = 0; page < 10_000; page++) {
    const list = await fetchPage(token);
    items.push(...(list.items ?? []));
    resourceVersion ||= list.metadata?.resourceVersion ?? '';
    token = list.metadata?.continue || undefined;
    if (!token) return { items, resourceVersion };
  }
  throw new Error('list did not finish within 10,000 pages');
}

/** Typed core objects (Date fields) back to wire JSON, the form the watch delivers. */
const toWire = (items: unknown[] | undefined): unknown[] =>
  JSON.parse(JSON.stringify(items ?? [])) as unknown[];

/**
 * What ingest watches, cluster-wide: every epic.acnodal.io kind, the Envoy pods we create
 * (label `app.kubernetes.io/part-of=epic`), namespaces (account namespaces are `epic-*`,
 * which no label selector can express; the event derivation filters them), and nodes (their
 * addresses and labels decide the EPIC nodes' tunnels; heartbeats are filtered out there too).
 */
export function watchedCollections(kc: KubeConfig): WatchedCollection[] {
  const custom = kc.makeApiClient(CustomObjectsApi);
  const core = kc.makeApiClient(CoreV1Api);
  const podSelector = `${partOfLabel}=epic`;
  const crds: WatchedCollection[] = epicKinds.map((k) => ({
    kind: k.kind,
    path: `/apis/${apiGroup}/v1/${k.plural}`,
    list: () =>
      allPages(
        (token) =>
          custom.listClusterCustomObject({
            group: apiGroup,
            version: 'v1',
            plural: k.plural,
            limit: pageSize,
            _continue: token,
          }) as Promise<RawList>,
      ),
  }));
  const pods: WatchedCollection = {
    kind: 'Pod',
    path: '/api/v1/pods',
    labelSelector: podSelector,
    list: () =>
      allPages(async (token) => {
        const list = await core.listPodForAllNamespaces({
          labelSelector: podSelector,
          limit: pageSize,
          _continue: token,
        });
        return { items: toWire(list.items), metadata: list.metadata };
      }),
  };
  const namespaces: WatchedCollection = {
    kind: 'Namespace',
    path: '/api/v1/namespaces',
    list: () =>
      allPages(async (token) => {
        const list = await core.listNamespace({ limit: pageSize, _continue: token });
        return { items: toWire(list.items), metadata: list.metadata };
      }),
  };
  const nodes: WatchedCollection = {
    kind: 'Node',
    path: '/api/v1/nodes',
    list: () =>
      allPages(async (token) => {
        const list = await core.listNode({ limit: pageSize, _continue: token });
        return { items: toWire(list.items), metadata: list.metadata };
      }),
  };
  return [...crds, pods, namespaces, nodes];
}
