// The node agent's command line (commander), checked with zod like any boundary. Every flag
// has an environment fallback so a DaemonSet can set them from the downward API
// (EPIC_NODE_NAME from spec.nodeName).
import { Command, Option } from 'commander';
import { z } from 'zod';
import { logLevels } from '@epic/logging';
import { defaultTrueIngressBinDir } from '@epic/tunnel-plan';

export const AgentConfig = z.object({
  nodeName: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/, 'a Node name (DNS subdomain)')
    .max(253),
  driver: z.enum(['true-ingress', 'linux']),
  binDir: z.string().min(1),
  ip: z.string().min(1),
  interfaceSource: z.enum(['netns', 'annotations']),
  netns: z.string().min(1).optional(),
  redisUrl: z.url({ protocol: /^rediss?$/, error: 'a redis:// or rediss:// URL' }),
  prefix: z.string(),
  kubeconfig: z.string().min(1).optional(),
  httpPort: z.coerce.number().int().min(0).max(65535),
  resyncSeconds: z.coerce.number().int().min(0),
  commandTimeoutMs: z.coerce.number().int().min(100),
  logLevel: z.enum(logLevels),
});
export type AgentConfig = z.infer<typeof AgentConfig>;

export class AgentUsageError extends Error {
  override readonly name = 'AgentUsageError';
}

/** Flags a DaemonSet sets through the environment; a flag on the command line wins. */
export const envFallbacks: Readonly<Record<string, string>> = {
  nodeName: 'EPIC_NODE_NAME',
  binDir: 'EPIC_TRUE_INGRESS_BIN',
  redisUrl: 'EPIC_REDIS_URL',
  prefix: 'EPIC_TOPIC_PREFIX',
  kubeconfig: 'KUBECONFIG',
  httpPort: 'EPIC_HTTP_PORT',
  logLevel: 'LOG_LEVEL',
};

function program(): Command {
  return new Command('tunnel-agent')
    .description("Programs this EPIC node's GUE tunnels from the table the dispatcher computed.")
    .addOption(new Option('--node-name <name>', 'this node (spec.nodeName; env EPIC_NODE_NAME)'))
    .addOption(
      new Option('--driver <name>', 'data-plane driver')
        .choices(['true-ingress', 'linux'])
        .default('true-ingress'),
    )
    .addOption(
      new Option(
        '--bin-dir <dir>',
        'where the true-ingress CLIs are (env EPIC_TRUE_INGRESS_BIN)',
      ).default(defaultTrueIngressBinDir),
    )
    .addOption(new Option('--ip <path>', 'the iproute2 ip binary').default('ip'))
    .addOption(
      new Option('--interface-source <source>', "how Envoy pods' veths are found")
        .choices(['netns', 'annotations'])
        .default('netns'),
    )
    .addOption(
      new Option('--netns <name>', 'run every command in this network namespace (dev, tests)'),
    )
    .addOption(new Option('--redis-url <url>', 'Redis of the queues (env EPIC_REDIS_URL)'))
    .addOption(
      new Option('--prefix <prefix>', 'topic/queue prefix (env EPIC_TOPIC_PREFIX)').default(''),
    )
    .addOption(new Option('--kubeconfig <path>', 'kubeconfig, else in-cluster (env KUBECONFIG)'))
    .addOption(
      new Option(
        '--http-port <port>',
        'health and metrics port, 0: any (env EPIC_HTTP_PORT)',
      ).default('8080'),
    )
    .addOption(
      new Option(
        '--resync-seconds <s>',
        'also re-apply the latest table this often (0: never)',
      ).default('300'),
    )
    .addOption(new Option('--command-timeout-ms <ms>', 'kill a command after').default('10000'))
    .addOption(new Option('--log-level <level>', 'pino level (env LOG_LEVEL)').default('info'))
    .exitOverride()
    .configureOutput({ writeErr: () => undefined, writeOut: () => undefined })
    .helpOption(false);
}

/** The agent's configuration from argv (without node and script) and the environment. */
export function parseAgentArgs(
  args: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): AgentConfig {
  const command = program();
  try {
    command.parse(args, { from: 'user' });
  } catch (err) {
    throw new AgentUsageError((err as Error).message);
  }
  const options: Record<string, unknown> = { ...command.opts() };
  for (const [key, variable] of Object.entries(envFallbacks)) {
    const value = env[variable];
    if (command.getOptionValueSource(key) !== 'cli' && value !== undefined && value !== '') {
      options[key] = value;
    }
  }
  const parsed = AgentConfig.safeParse(options);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${flagOf(i.path[0])}: ${i.message}`);
    throw new AgentUsageError(`invalid agent flags: ${problems.join('; ')}`);
  }
  return parsed.data;
}

function flagOf(key: PropertyKey | undefined): string {
  return String(key ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

/** The usage text (for --help in main.ts). */
export function agentUsage(): string {
  return program().helpOption(true).helpInformation();
}
