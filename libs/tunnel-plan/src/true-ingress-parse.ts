// Parses what true-ingress's CLIs print back. The formats come from its sources (cli_tunnel.c,
// cli_service.c): every entry is one line, headers and counters are not. `cli_tunnel get all`:
//   TUN\t      42\t    192.168.1.40:6080 -> 0.0.0.0:0
// (remote 0.0.0.0:0 until a GUE ping from the client fills it in), followed by a DECAP table we
// do not need. `cli_service get all`:
//   ENCAP (tcp 10.1.1.5:8080)  16 -> 42        (proto endpoint:port)  ifindex -> tunnel-id
// followed by a VERIFY table we do not need.
import type { Resource } from './diff.js';
import { ReadbackParseError } from './driver.js';

export const tunnelKind = 'tunnel';
export const gatewayKind = 'gateway';

export interface TrueIngressTunnel {
  tunnelId: number;
  localAddress: string;
  localPort: number;
  remoteAddress: string;
  remotePort: number;
}

export interface TrueIngressGateway {
  tunnelId: number;
  protocol: 'tcp' | 'udp';
  endpointAddress: string;
  endpointPort: number;
  ifindex: number;
}

const ipv4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const tunLine = new RegExp(String.raw`^TUN\s+(\d+)\s+(${ipv4}):(\d+)\s*->\s*(${ipv4}):(\d+)\s*$`);
const encapLine = new RegExp(String.raw`^ENCAP \((\S+) (${ipv4}):(\d+)\)\s+(\d+)\s*->\s*(\d+)\s*$`);

function lines(output: string): string[] {
  return output.split('\n').map((line) => line.replace(/\r$/, ''));
}

/** The TUN entries of `cli_tunnel get all`; any other line (headers, DECAP table) is skipped. */
export function parseCliTunnelGetAll(output: string): TrueIngressTunnel[] {
  return lines(output)
    .filter((line) => /^TUN\s/.test(line))
    .map((line) => {
      const m = tunLine.exec(line);
      if (!m)
        throw new ReadbackParseError('cli_tunnel get all', `unexpected tunnel line "${line}"`);
      return {
        tunnelId: Number(m[1]),
        localAddress: m[2]!,
        localPort: Number(m[3]),
        remoteAddress: m[4]!,
        remotePort: Number(m[5]),
      };
    });
}

/** The ENCAP entries of `cli_service get all`; the VERIFY table and headers are skipped. */
export function parseCliServiceGetAll(output: string): TrueIngressGateway[] {
  return lines(output)
    .filter((line) => line.startsWith('ENCAP ('))
    .map((line) => {
      const m = encapLine.exec(line);
      if (!m)
        throw new ReadbackParseError('cli_service get all', `unexpected encap line "${line}"`);
      const protocol = m[1];
      if (protocol !== 'tcp' && protocol !== 'udp') {
        throw new ReadbackParseError('cli_service get all', `unknown protocol in "${line}"`);
      }
      return {
        protocol,
        endpointAddress: m[2]!,
        endpointPort: Number(m[3]),
        ifindex: Number(m[4]),
        tunnelId: Number(m[5]),
      };
    });
}

/**
 * A true-ingress tunnel as a resource. The remote end is not part of it: the EPIC side is set
 * with remote 0.0.0.0:0 and learns the client's (possibly NATed) address from its GUE pings, so
 * comparing remotes would undo what the pings taught it.
 */
export function tunnelResource(
  t: Pick<TrueIngressTunnel, 'tunnelId' | 'localAddress' | 'localPort'>,
): Resource {
  return {
    kind: tunnelKind,
    id: String(t.tunnelId),
    spec: { localAddress: t.localAddress, localPort: t.localPort },
  };
}

/** A gateway is keyed like the data plane's encap map: (proto, endpoint, port, ifindex) -> tunnel. */
export function gatewayResource(g: TrueIngressGateway): Resource {
  return {
    kind: gatewayKind,
    id: `${g.protocol}/${g.endpointAddress}/${g.endpointPort}/${g.ifindex}`,
    spec: { tunnelId: g.tunnelId },
  };
}

export function gatewayFromResource(r: Resource): TrueIngressGateway {
  const [protocol, endpointAddress, endpointPort, ifindex] = r.id.split('/');
  return {
    protocol: protocol === 'udp' ? 'udp' : 'tcp',
    endpointAddress: endpointAddress!,
    endpointPort: Number(endpointPort),
    ifindex: Number(ifindex),
    tunnelId: Number(r.spec['tunnelId']),
  };
}

/** Resources from the outputs of [`cli_tunnel get all`, `cli_service get all`]. */
export function trueIngressActual(outputs: readonly string[]): Resource[] {
  return [
    ...parseCliTunnelGetAll(outputs[0] ?? '').map(tunnelResource),
    ...parseCliServiceGetAll(outputs[1] ?? '').map(gatewayResource),
  ];
}
