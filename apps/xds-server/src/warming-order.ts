// Which xDS types to send now, in warming order (CDS, EDS, LDS, RDS): make before break, so a
// listener never names a cluster the client has not got. A type with an update still waits
// while the client has not answered its previous response, and then every later type waits
// too, or a listener could overtake the cluster it needs.
import { xdsTypes, type XdsType } from '@epic/envoy-render';

export interface TypeStatus {
  /** Something newer than the client has is waiting to be sent. */
  readonly pending: boolean;
  /** A response of this type is out and unanswered. */
  readonly awaiting: boolean;
}

export function typesToSend(status: (type: XdsType) => TypeStatus | undefined): XdsType[] {
  const out: XdsType[] = [];
  let blocked = false;
  for (const type of xdsTypes) {
    const s = status(type);
    if (!s?.pending) continue;
    if (s.awaiting || blocked) blocked = true;
    else out.push(type);
  }
  return out;
}
