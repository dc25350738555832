// The node agent exactly as agent-main.ts starts it, but with its data-plane commands run by the
// in-process recording true-ingress (state dir from $FAKE_TRUE_INGRESS_STATE). The stack test
// runs it as a process so it can kill -9 it.
import { loadKubeConfig } from '@epic/kube';
import { createLogger } from '@epic/logging';
import { onShutdownSignals } from '@epic/worker-runtime';
import { parseAgentArgs } from '../agent/agent-cli.js';
import { startAgent } from '../agent/start-agent.js';
import { fakeTrueIngressRunner } from './fake-true-ingress-runner.js';

const config = parseAgentArgs(process.argv.slice(2), process.env);
const state = process.env.FAKE_TRUE_INGRESS_STATE;
if (!state) throw new Error('FAKE_TRUE_INGRESS_STATE is not set');
const logger = createLogger({ app: 'tunnel-agent', level: config.logLevel });
const handle = await startAgent({
  ...config,
  kc: loadKubeConfig(config.kubeconfig),
  logger,
  runner: fakeTrueIngressRunner(state),
});
onShutdownSignals(() => handle.stop(), logger);
