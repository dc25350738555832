// StreamAggregatedResources: one state-of-the-world ADS stream (Envoy's default, and what
// proxyless gRPC clients speak). Decisions are in sotw-state.ts; this is the I/O around them.
import type { XdsType } from '@epic/envoy-render';
import { xdsTypeOf, type DiscoveryRequest, type DiscoveryResponse } from './ads-protocol.js';
import { selectResources } from './resource-selection.js';
import type { ProxySnapshot } from './snapshot.js';
import { afterSotwSend, onSotwRequest, sotwPending, type SotwTypeState } from './sotw-state.js';
import { StreamBase } from './stream-base.js';
import { typesToSend } from './warming-order.js';

export class SotwStream extends StreamBase<DiscoveryRequest, DiscoveryResponse> {
  private readonly types = new Map<XdsType, SotwTypeState>();

  protected onRequest(request: DiscoveryRequest, nodeId: string): void {
    const type = xdsTypeOf(request.type_url);
    if (!type) {
      this.ctx.log.debug({ nodeId, typeUrl: request.type_url }, 'xDS type not served; ignored');
      return;
    }
    const { state, verdict } = onSotwRequest(this.types.get(type), {
      type,
      names: request.resource_names,
      nonce: request.response_nonce ?? '',
      error: request.error_detail ? (request.error_detail.message ?? '') : undefined,
    });
    this.types.set(type, state);
    if (verdict.kind !== 'subscribe') {
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
        pending: sotwPending(state, snapshot.types[type].version),
        awaiting: state.awaiting,
      };
    });
    for (const type of due) this.send(type, snapshot);
  }

  private send(type: XdsType, snapshot: ProxySnapshot): void {
    const state = this.types.get(type);
    if (!state) return;
    const typeSnapshot = snapshot.types[type];
    const resources = selectResources(typeSnapshot, state.names);
    const nonce = this.nextNonce();
    const { version, typeUrl } = typeSnapshot;
    this.call.write({
      version_info: version,
      resources: resources.map((r) => r.any),
      type_url: typeUrl,
      nonce,
    });
    this.types.set(type, afterSotwSend(state, version, nonce));
    this.ctx.events.pushed({
      api: this.api,
      stream: this.stream,
      nodeId: snapshot.nodeId,
      type,
      version,
      nonce,
      resources: resources.map((r) => r.name),
    });
  }
}
