// Namespaces: only account namespaces `epic-<account>` make events (Created, Deleted, Observed);
// the core namespace `epic` and every other namespace make none, and so do updates (nothing a
// worker reads of a namespace changes after creation).
import { z } from 'zod';
import {
  CoreMetadata,
  kindDeriver,
  parseWatched,
  type Change,
  type Emission,
  type Watched,
} from './change.js';
import { accountNamespacePrefix, type AccountNamespace } from './namespace-events.js';

export const KubeNamespace = z.looseObject({ metadata: CoreMetadata });
export type KubeNamespace = z.infer<typeof KubeNamespace>;

/** The account namespace, or undefined for a namespace that is not `epic-<account>`. */
export function accountNamespaceOf(watched: Watched<KubeNamespace>): AccountNamespace | undefined {
  const { name } = watched.source;
  if (!name.startsWith(accountNamespacePrefix)) return undefined;
  const account = name.slice(accountNamespacePrefix.length);
  if (account === '') return undefined;
  return { name, account, labels: watched.object.metadata.labels ?? {} };
}

function decide(change: Change<Watched<KubeNamespace>>): Emission[] {
  const watched = change.op === 'delete' ? change.old : change.next;
  const namespace = accountNamespaceOf(watched);
  if (namespace === undefined || change.op === 'update') return [];
  const types = {
    add: 'AccountNamespaceCreated',
    delete: 'AccountNamespaceDeleted',
    observe: 'AccountNamespaceObserved',
  } as const;
  return [{ type: types[change.op], source: watched.source, data: { namespace } }];
}

const namespaceSchema = { kind: 'Namespace', schema: KubeNamespace, namespaced: false } as const;

export const namespaceDeriver = kindDeriver(
  (raw, role) => parseWatched(namespaceSchema, raw, role),
  decide,
);
