// What an operator watches on a node agent: runs by outcome and their duration, data-plane
// commands run, whether the driver can program the node, and the tunnels it carries.
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

export interface AgentMetrics {
  runs: Counter<'outcome'>;
  runSeconds: Histogram;
  commands: Counter;
  driverAvailable: Gauge;
  tunnels: Gauge;
  statusWrites: Counter;
  finalizersReleased: Counter;
}

export function createAgentMetrics(registry: Registry): AgentMetrics {
  const registers = [registry];
  return {
    runs: new Counter({
      name: 'epic_tunnel_agent_runs_total',
      help: 'Programming runs of this node, by outcome (programmed, unavailable, failed, idle, invalid).',
      labelNames: ['outcome'],
      registers,
    }),
    runSeconds: new Histogram({
      name: 'epic_tunnel_agent_run_seconds',
      help: 'Duration of one run: probe, read-back, commands, status and finalizer writes.',
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    commands: new Counter({
      name: 'epic_tunnel_agent_commands_total',
      help: 'Data-plane commands run to change the node (read-backs not counted).',
      registers,
    }),
    driverAvailable: new Gauge({
      name: 'epic_tunnel_agent_driver_available',
      help: '1 when the driver could program the node at the last run, else 0.',
      registers,
    }),
    tunnels: new Gauge({
      name: 'epic_tunnel_agent_tunnels',
      help: 'Tunnels in the table last programmed.',
      registers,
    }),
    statusWrites: new Counter({
      name: 'epic_tunnel_agent_status_writes_total',
      help: 'Proxy status Updates (epic-address, proxy-ifindex, TunnelsProgrammed).',
      registers,
    }),
    finalizersReleased: new Counter({
      name: 'epic_tunnel_agent_finalizers_released_total',
      help: "This node's agent finalizers removed after their tunnels were taken off the node.",
      registers,
    }),
  };
}
