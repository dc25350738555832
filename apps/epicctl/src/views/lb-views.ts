// What `lb list` and `lb show` print: where a load balancer is reachable (address, ports), the
// IDs it holds (service ID, tunnel IDs) and the tunnels to client nodes.
import { accountFromNamespace, type LoadBalancer, type ServicePort } from '@epic/model';
import { formatAge } from '../format/age.js';
import { asList, forOutput, type Report } from '../format/report.js';
import { cell } from '../format/table.js';
import { conditionsBlock } from './conditions.js';
import { tunnelsOf } from './tunnels.js';

/** `8888:30390/TCP` like kubectl prints a Service port (port, node port, protocol). */
export function formatPorts(ports: readonly ServicePort[] | undefined): string {
  if (!ports || ports.length === 0) return '-';
  return ports
    .map((p) => `${p.port}${p.nodePort === undefined ? '' : `:${p.nodePort}`}/${p.protocol}`)
    .join(',');
}

export function lbAccount(lb: LoadBalancer): string {
  const namespace = lb.metadata.namespace ?? '';
  return accountFromNamespace(namespace) ?? namespace;
}

function byAccountThenName(a: LoadBalancer, b: LoadBalancer): number {
  return (
    lbAccount(a).localeCompare(lbAccount(b)) ||
    (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')
  );
}

export function lbListReport(lbs: readonly LoadBalancer[], now: Date): Report {
  const sorted = [...lbs].sort(byAccountThenName);
  return {
    data: asList(sorted),
    blocks: [
      {
        type: 'table',
        empty: 'No load balancers found.',
        table: {
          headers: [
            'ACCOUNT',
            'NAME',
            'GROUP',
            'SERVICE-ID',
            'PUBLIC-ADDRESS',
            'PORTS',
            'TUNNELS',
            'AGE',
          ],
          rows: sorted.map((lb) => [
            lbAccount(lb),
            lb.metadata.name ?? '',
            lb.spec['service-group'],
            cell(lb.spec['service-id']),
            cell(lb.spec['public-address']),
            formatPorts(lb.spec['public-ports']),
            String(tunnelsOf(lb.status?.['gue-tunnel-endpoints']).length),
            formatAge(lb.metadata.creationTimestamp, now),
          ]),
        },
      },
    ],
  };
}

export function lbDetailsReport(lb: LoadBalancer, now: Date): Report {
  const tunnels = tunnelsOf(lb.status?.['gue-tunnel-endpoints']);
  const dnsNames = (lb.spec.endpoints ?? []).map((e) => e.dnsName).filter((n) => n !== undefined);
  return {
    data: forOutput(lb),
    blocks: [
      {
        type: 'fields',
        fields: [
          ['Load balancer', `${lb.metadata.namespace ?? ''}/${lb.metadata.name ?? ''}`],
          ['Account', lbAccount(lb)],
          ['Display name', cell(lb.spec['display-name'])],
          ['Service group', lb.spec['service-group']],
          ['Service ID', cell(lb.spec['service-id'])],
          ['Public address', cell(lb.spec['public-address'])],
          ['Ports', formatPorts(lb.spec['public-ports'])],
          ['DNS names', cell(dnsNames.join(', '))],
          ['Upstream clusters', cell((lb.spec['upstream-clusters'] ?? []).join(', '))],
          ['Proxy interface', proxyInterface(lb)],
          ['Age', formatAge(lb.metadata.creationTimestamp, now)],
        ],
      },
      {
        type: 'table',
        title: 'Tunnels',
        empty: 'none',
        table: {
          headers: ['CLIENT-NODE', 'EPIC-ADDRESS', 'EPIC-PORT', 'TUNNEL-ID'],
          rows: tunnels.map((t) => [
            t.clientNode,
            cell(t.epicAddress),
            cell(t.epicPort),
            cell(t.tunnelId),
          ]),
        },
      },
      conditionsBlock(lb.status?.conditions),
    ],
  };
}

function proxyInterface(lb: LoadBalancer): string {
  const name = lb.status?.['proxy-ifname'];
  const index = lb.status?.['proxy-ifindex'];
  if (name === undefined && index === undefined) return '-';
  return `${cell(name)} (ifindex ${cell(index)})`;
}
