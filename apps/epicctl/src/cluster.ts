// The CLI's only door to the apiserver: typed object clients from @epic/kube, namespaces, and
// cluster-wide lists. Commands receive a Cluster, so tests can run them against the real stack
// in-process and the formatting never sees a client.
import {
  CoreV1Api,
  CustomObjectsApi,
  type KubeConfig,
  type V1Namespace,
} from '@kubernetes/client-node';
import {
  apiErrorMessage,
  EpicObjects,
  isApiError,
  loadKubeConfig,
  type ObjectRef,
} from '@epic/kube';
import {
  accountKind,
  apiGroup,
  epicKind,
  gwProxyKind,
  lbServiceGroupKind,
  loadBalancerKind,
  servicePrefixKind,
  userNamespaceLabels,
  type KindDescriptor,
} from '@epic/model';
import type { z } from 'zod';
import { failed, usageError } from './exit-codes.js';

/** What the CLI needs to know about a Namespace. */
export interface NamespaceInfo {
  name: string;
  labels: Record<string, string>;
  phase?: string;
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/** Objects of a cluster-wide list, and a warning for each one that did not match the schema. */
export interface Listed<T> {
  items: T[];
  skipped: string[];
}

export interface Namespaces {
  read(name: string): Promise<NamespaceInfo | undefined>;
  /** 'exists' when a namespace of that name is already there (labels then untouched). */
  create(name: string, labels: Record<string, string>): Promise<'created' | 'exists'>;
  /** 'absent' when there was nothing to delete. */
  delete(name: string): Promise<'deleting' | 'absent'>;
  /** Namespaces carrying the user-namespace labels. */
  listUserNamespaces(): Promise<NamespaceInfo[]>;
}

export interface Cluster {
  /** The apiserver URL, for messages. */
  server: string;
  accounts: EpicObjects<typeof accountKind>;
  prefixes: EpicObjects<typeof servicePrefixKind>;
  groups: EpicObjects<typeof lbServiceGroupKind>;
  loadBalancers: EpicObjects<typeof loadBalancerKind>;
  gwProxies: EpicObjects<typeof gwProxyKind>;
  epics: EpicObjects<typeof epicKind>;
  namespaces: Namespaces;
  /** Every object of a kind in every namespace, optionally filtered by a label selector. */
  listAll<K extends KindDescriptor>(
    kind: K,
    labelSelector?: string,
  ): Promise<Listed<z.infer<K['object']>>>;
}

export interface ConnectOptions {
  kubeconfig?: string;
  context?: string;
}

function loadConfig(options: ConnectOptions): KubeConfig {
  let kc: KubeConfig;
  try {
    kc = loadKubeConfig(options.kubeconfig);
  } catch (err) {
    const path = options.kubeconfig ?? process.env.KUBECONFIG ?? '~/.kube/config';
    throw failed(`cannot load the kubeconfig ${path}: ${(err as Error).message}`);
  }
  if (isClientNodeFallback(kc)) {
    throw failed('no kubeconfig found: set KUBECONFIG or pass --kubeconfig <path>');
  }
  if (options.context !== undefined) {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(options.context)) {
      throw usageError(
        `context "${options.context}" is not in the kubeconfig (contexts: ${names.join(', ') || 'none'})`,
      );
    }
    kc.setCurrentContext(options.context);
  }
  return kc;
}

/**
 * With no kubeconfig anywhere, client-node invents a context for http://localhost:8080 and the
 * first request fails with a TLS message that hides the real problem.
 */
function isClientNodeFallback(kc: KubeConfig): boolean {
  return (
    kc.getContexts().length === 1 && kc.getCurrentCluster()?.server === 'http://localhost:8080'
  );
}

function toNamespaceInfo(ns: V1Namespace): NamespaceInfo {
  const meta = ns.metadata ?? {};
  return {
    name: meta.name ?? '',
    labels: meta.labels ?? {},
    phase: ns.status?.phase,
    creationTimestamp: meta.creationTimestamp?.toISOString(),
    deletionTimestamp: meta.deletionTimestamp?.toISOString(),
  };
}

function namespaceApi(kc: KubeConfig): Namespaces {
  const api = kc.makeApiClient(CoreV1Api);
  return {
    read: async (name) => {
      try {
        return toNamespaceInfo(await api.readNamespace({ name }));
      } catch (err) {
        if (isApiError(err, 404)) return undefined;
        throw err;
      }
    },
    create: async (name, labels) => {
      try {
        await api.createNamespace({ body: { metadata: { name, labels } } });
        return 'created';
      } catch (err) {
        if (isApiError(err, 409)) return 'exists';
        throw err;
      }
    },
    delete: async (name) => {
      try {
        await api.deleteNamespace({ name });
        return 'deleting';
      } catch (err) {
        if (isApiError(err, 404)) return 'absent';
        throw err;
      }
    },
    listUserNamespaces: async () => {
      const labelSelector = Object.entries(userNamespaceLabels)
        .map(([k, v]) => `${k}=${v}`)
        .join(',');
      const list = await api.listNamespace({ labelSelector });
      return list.items.map(toNamespaceInfo);
    },
  };
}

function issueOf(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
}

function clusterLister(kc: KubeConfig): Cluster['listAll'] {
  const api = kc.makeApiClient(CustomObjectsApi);
  return async <K extends KindDescriptor>(kind: K, labelSelector?: string) => {
    const raw = (await api.listClusterCustomObject({
      group: apiGroup,
      version: 'v1',
      plural: kind.plural,
      ...(labelSelector ? { labelSelector } : {}),
    })) as { items?: unknown[] };
    const listed: Listed<z.infer<K['object']>> = { items: [], skipped: [] };
    for (const item of raw.items ?? []) {
      const parsed = kind.object.safeParse(item);
      if (parsed.success) listed.items.push(parsed.data as z.infer<K['object']>);
      else listed.skipped.push(`${kind.kind} ${refText(item)} skipped: ${issueOf(parsed.error)}`);
    }
    return listed;
  };
}

function refText(item: unknown): string {
  const meta = (item as { metadata?: { namespace?: string; name?: string } }).metadata;
  return `${meta?.namespace ?? '?'}/${meta?.name ?? '?'}`;
}

/** A Cluster for the kubeconfig (and context) the user chose. */
export function connectCluster(options: ConnectOptions): Cluster {
  const kc = loadConfig(options);
  return {
    server: kc.getCurrentCluster()?.server ?? 'the apiserver',
    accounts: new EpicObjects(kc, accountKind),
    prefixes: new EpicObjects(kc, servicePrefixKind),
    groups: new EpicObjects(kc, lbServiceGroupKind),
    loadBalancers: new EpicObjects(kc, loadBalancerKind),
    gwProxies: new EpicObjects(kc, gwProxyKind),
    epics: new EpicObjects(kc, epicKind),
    namespaces: namespaceApi(kc),
    listAll: clusterLister(kc),
  };
}

/** The object, or undefined when the apiserver says 404. */
export async function getIfExists<T>(
  objects: { get(ref: ObjectRef): Promise<T> },
  ref: ObjectRef,
): Promise<T | undefined> {
  try {
    return await objects.get(ref);
  } catch (err) {
    // A 404 for the resource type itself (CRDs not installed) is not "object absent".
    if (
      isApiError(err, 404) &&
      !/could not find the requested resource/.test(apiErrorMessage(err))
    ) {
      return undefined;
    }
    throw err;
  }
}
