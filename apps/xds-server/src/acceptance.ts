// Which xDS types each node has rejected and not since accepted. A NACK names the version
// that was sent; the next ACK of that type (of a newer version: the NACKed one is never sent
// again) clears it. Replicas of one proxy share its node id and run the same Envoy build, so
// what one rejects they all reject: the node is the unit.
import { xdsTypes, type XdsType } from '@epic/envoy-render';
import type { Rejection } from './conditions.js';
import type { Verdict } from './sotw-state.js';

export class AcceptanceTracker {
  private readonly rejected = new Map<string, Map<XdsType, Rejection>>();

  /** Records an answer; returns the node's outstanding rejections, in xDS type order. */
  answer(nodeId: string, type: XdsType, verdict: Verdict): Rejection[] {
    const node = this.rejected.get(nodeId) ?? new Map<XdsType, Rejection>();
    if (verdict.kind === 'nack') {
      node.set(type, { type, version: verdict.version, message: verdict.message });
    } else if (verdict.kind === 'ack') {
      node.delete(type);
    }
    if (node.size === 0) this.rejected.delete(nodeId);
    else this.rejected.set(nodeId, node);
    return xdsTypes.flatMap((t) => node.get(t) ?? []);
  }

  forget(nodeId: string): void {
    this.rejected.delete(nodeId);
  }
}
