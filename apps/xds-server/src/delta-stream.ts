// DeltaAggregatedResources: one incremental ADS stream. Decisions are in delta-state.ts; this
// is the I/O around them. Resource versions are content hashes, so a reconnecting client that
// reports what it has (initial_resource_versions) is sent only what changed meanwhile.
import type { XdsType } from '@epic/envoy-render';
import {
  xdsTypeOf,
  type DeltaDiscoveryRequest,
  type DeltaDiscoveryResponse,
} from './ads-protocol.js';
import {
  afterDeltaSend,
  deltaDiff,
  deltaPending,
  onDeltaRequest,
  type DeltaTypeState,
} from './delta-state.js';
import type { ProxySnapshot } from './snapshot.js';
import { StreamBase } from './stream-base.js';
import { typesToSend } from './warming-order.js';

export class DeltaStream extends StreamBase<DeltaDiscoveryRequest, DeltaDiscoveryResponse> {
  private readonly types = new Map<XdsType, DeltaTypeState>();

  protected onRequest(request: DeltaDiscoveryRequest, nodeId: string): void {
    const type = xdsTypeOf(request.type_url);
    if (!type) {
      this.ctx.log.debug({ nodeId, typeUrl: request.type_url }, 'xDS type not served; ignored');
      return;
    }
    const { state, verdict } = onDeltaRequest(this.types.get(type), {
      type,
      subscribe: request.resource_names_subscribe,
      unsubscribe: request.resource_names_unsubscribe,
      initialVersions: request.initial_resource_versions,
      nonce: request.response_nonce ?? '',
      error: request.error_detail ? (request.error_detail.message ?? '') : undefined,
    });
    this.types.set(type, state);
    if (verdict.kind === 'ack' || verdict.kind === 'nack') {
      this.ctx.events.answered({ api: this.api, nodeId, type, verdict });
    }
    const snapshot = this.snapshot();
    if (snapshot) this.push(snapshot);
  }

  protected push(snapshot: ProxySnapshot): void {
    const due = typesToSend((type) => {
      const state = this.types.get(type);
      if (!state) return undefined;
      return {
        pending: deltaPending(state, snapshot.types[type]),
        awaiting: state.awaiting !== undefined,
      };
    });
    for (const type of due) this.send(type, snapshot);
  }

  private send(type: XdsType, snapshot: ProxySnapshot): void {
    const state = this.types.get(type);
    if (!state) return;
    const typeSnapshot = snapshot.types[type];
    const diff = deltaDiff(state, typeSnapshot);
    const nonce = this.nextNonce();
    const { version, typeUrl } = typeSnapshot;
    this.call.write({
      system_version_info: version,
      resources: diff.resources.map((r) => ({ name: r.name, version: r.hash, resource: r.any })),
      type_url: typeUrl,
      removed_resources: [...diff.removed],
      nonce,
    });
    this.types.set(type, afterDeltaSend(state, { diff, version, nonce }));
    this.ctx.events.pushed({
      api: this.api,
      stream: this.stream,
      nodeId: snapshot.nodeId,
      type,
      version,
      nonce,
      resources: diff.resources.map((r) => r.name),
      removed: diff.removed,
    });
  }
}
