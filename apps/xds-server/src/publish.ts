// One proxy's render -> a new snapshot, when its content changed: encode the changed types,
// commit the next version to the group's status (write-ahead), then serve it. A render that
// fails keeps the snapshot being served and says why in ConfigRendered; a proxy without its
// public address yet is waiting (ConfigRendered False, AwaitingAddress), not failing.
import { splitByXdsType } from '@epic/envoy-render';
import type { Logger } from '@epic/logging';
import { xdsNodeId } from '@epic/model';
import type { ConditionSink } from './condition-sink.js';
import {
  awaitingAddressCondition,
  isAwaitingAddress,
  renderFailedCondition,
  renderedCondition,
} from './conditions.js';
import type { RenderedProxy } from './proxy-render.js';
import type { SnapshotCache } from './snapshot-cache.js';
import {
  changedTypes,
  encodeTypes,
  stampSnapshot,
  type EncodedType,
  type Encoder,
  type ProxyKey,
  type ProxySnapshot,
  versionSlot,
} from './snapshot.js';
import type { VersionStore } from './version-store.js';
import type { XdsMetrics } from './xds-metrics.js';
import type { XdsType } from '@epic/envoy-render';

export interface PublishDeps {
  readonly cache: SnapshotCache;
  readonly versions: VersionStore;
  readonly conditions: ConditionSink;
  readonly metrics: XdsMetrics;
  readonly encode: Encoder;
  readonly log: Logger;
}

export type Outcome = 'changed' | 'unchanged' | 'waiting' | 'failed';

type Prepared =
  | {
      ok: true;
      rendered: RenderedProxy;
      encoded: Partial<Record<XdsType, EncodedType>> | undefined;
    }
  | { ok: false; err: unknown };

function prepare(
  deps: PublishDeps,
  previous: ProxySnapshot | undefined,
  render: () => RenderedProxy,
): Prepared {
  try {
    const rendered = render();
    const next = splitByXdsType(rendered.resources);
    const types = changedTypes(previous, next);
    if (types.length === 0) return { ok: true, rendered, encoded: undefined };
    const encoded = encodeTypes({
      previous,
      next,
      types,
      byNameOnly: rendered.byNameOnly,
      encode: deps.encode,
    });
    return { ok: true, rendered, encoded };
  } catch (err) {
    return { ok: false, err };
  }
}

/** A render that did not produce resources: waiting for an address, or a failure. */
function notRendered(deps: PublishDeps, proxy: ProxyKey, err: unknown): Outcome {
  const nodeId = xdsNodeId(proxy.namespace, proxy.name);
  const outcome = isAwaitingAddress(err) ? 'waiting' : 'failed';
  if (outcome === 'waiting') {
    deps.log.debug({ nodeId }, 'proxy waits for its public address');
    deps.conditions.assert(proxy, awaitingAddressCondition(proxy.generation));
  } else {
    deps.log.warn({ err, nodeId }, 'proxy not rendered; its last snapshot stays');
    deps.conditions.assert(proxy, renderFailedCondition(err, proxy.generation));
  }
  deps.metrics.renders.inc({ kind: proxy.kind, outcome });
  return outcome;
}

export async function publish(
  deps: PublishDeps,
  proxy: ProxyKey,
  render: () => RenderedProxy,
): Promise<Outcome> {
  const nodeId = xdsNodeId(proxy.namespace, proxy.name);
  const started = performance.now();
  const previous = deps.cache.get(nodeId);
  const prepared = prepare(deps, previous, render);
  const seconds = (performance.now() - started) / 1000;
  deps.metrics.buildSeconds.observe({ kind: proxy.kind }, seconds);
  if (!prepared.ok) return notRendered(deps, proxy, prepared.err);
  deps.conditions.assert(proxy, renderedCondition(prepared.rendered.diagnostics, proxy.generation));
  const { encoded } = prepared;
  if (!encoded) {
    deps.metrics.renders.inc({ kind: proxy.kind, outcome: 'unchanged' });
    return 'unchanged';
  }
  const wanted = deps.cache.lastVersion(nodeId) + 1;
  const slot = versionSlot(proxy);
  const version = await deps.versions.commit(slot.group, slot.entry, wanted);
  deps.cache.set(stampSnapshot({ previous, nodeId, proxy, encoded, version }));
  deps.metrics.renders.inc({ kind: proxy.kind, outcome: 'changed' });
  deps.metrics.snapshots.set(deps.cache.size);
  deps.log.debug({ nodeId, version, types: Object.keys(encoded) }, 'snapshot published');
  return 'changed';
}
