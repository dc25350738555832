// What envoy-renderer writes on a LoadBalancer or GWProxy: its finalizer (metadata, Update) and
// its ProxyReady condition (status subresource, Update). Both carry the read resourceVersion and
// re-read on 409, and neither writes when the object already says the same. A proxy re-created
// under the same name (another uid) is left alone: the decision was about the old one.
import { withEnvoyFinalizer, withoutEnvoyFinalizer } from '@epic/envoy-deployment';
import { isNotFound, readFirst, replaceWithRetry, withCondition } from '@epic/kube';
import type { ConditionUpdate } from '@epic/model';
import { refOf, type ProxyObject, type ProxyStore } from './proxies.js';

function describe(object: ProxyObject): string {
  return `${object.kind} ${object.metadata.namespace}/${object.metadata.name}`;
}

interface Write {
  what: string;
  mutate: (current: ProxyObject) => ProxyObject | undefined;
  write: (next: ProxyObject) => Promise<ProxyObject>;
}

/** The object as written (or as found when nothing needed writing); undefined when it is gone. */
async function writeIfNeeded(
  store: ProxyStore,
  object: ProxyObject,
  op: Write,
): Promise<{ object: ProxyObject; wrote: boolean } | undefined> {
  const uid = object.metadata.uid;
  let wrote = false;
  try {
    const { object: after } = await replaceWithRetry<ProxyObject>({
      what: `${describe(object)} ${op.what}`,
      read: readFirst(object, () => store.get(refOf(object))),
      mutate: (current) => (current.metadata.uid === uid ? op.mutate(current) : undefined),
      write: async (next) => {
        const written = await op.write(next);
        wrote = true;
        return written;
      },
    });
    return after.metadata.uid === uid ? { object: after, wrote } : undefined;
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw err;
  }
}

/**
 * Adds envoy-renderer's finalizer before anything is made for the proxy, so a deletion always
 * waits for our cleanup. Never added to a proxy being deleted (the apiserver refuses it).
 */
export async function holdFinalizer(
  store: ProxyStore,
  object: ProxyObject,
): Promise<ProxyObject | undefined> {
  const held = await writeIfNeeded(store, object, {
    what: 'finalizer',
    mutate: (current) =>
      current.metadata.deletionTimestamp === undefined ? withEnvoyFinalizer(current) : undefined,
    write: (next) => store.replace(next),
  });
  return held?.object;
}

/** Lets the proxy go: our cleanup is done. */
export async function releaseFinalizer(store: ProxyStore, object: ProxyObject): Promise<boolean> {
  const released = await writeIfNeeded(store, object, {
    what: 'finalizer release',
    mutate: withoutEnvoyFinalizer,
    write: (next) => store.replace(next),
  });
  return released?.wrote ?? false;
}

/** Sets ProxyReady; true when it changed (only then is an Event worth recording). */
export async function writeCondition(
  store: ProxyStore,
  object: ProxyObject,
  condition: ConditionUpdate,
  now: Date,
): Promise<boolean> {
  const written = await writeIfNeeded(store, object, {
    what: `condition ${condition.type}`,
    mutate: (current) => withCondition(current, condition, now),
    write: (next) => store.replaceStatus(next),
  });
  return written?.wrote ?? false;
}
