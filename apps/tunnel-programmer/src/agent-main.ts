// tunnel-programmer node agent: one per EPIC node (a DaemonSet, hostNetwork, NET_ADMIN). Makes
// the node's data plane match the table the dispatcher computed (see README.md).
import { loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { onShutdownSignals } from '@epic/worker-runtime';
import { AgentUsageError, agentUsage, parseAgentArgs } from './agent/agent-cli.js';
import { startAgent } from './agent/start-agent.js';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(agentUsage());
  process.exit(0);
}
let config;
try {
  config = parseAgentArgs(args, process.env);
} catch (err) {
  if (!(err instanceof AgentUsageError)) throw err;
  process.stderr.write(`${err.message}\n\n${agentUsage()}`);
  process.exit(2);
}
const logger = createLogger({ app: 'tunnel-agent', level: config.logLevel });
const handle = await startAgent({
  ...config,
  kc: loadKubeConfig(config.kubeconfig),
  logger,
});
onShutdownSignals(() => handle.stop(), logger);
