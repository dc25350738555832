import { describe, expect, it } from 'vitest';
import { AgentUsageError, agentUsage, parseAgentArgs } from './agent-cli.js';

const env = { EPIC_REDIS_URL: 'redis://127.0.0.1:6379' };

describe('agent flags', () => {
  it('defaults: true-ingress in /opt/acnodal/bin, veths from netns, resync every 5 minutes', () => {
    expect(parseAgentArgs(['--node-name', 'epic-1'], env)).toEqual({
      nodeName: 'epic-1',
      driver: 'true-ingress',
      binDir: '/opt/acnodal/bin',
      ip: 'ip',
      interfaceSource: 'netns',
      redisUrl: 'redis://127.0.0.1:6379',
      prefix: '',
      httpPort: 8080,
      resyncSeconds: 300,
      commandTimeoutMs: 10000,
      logLevel: 'info',
    });
  });

  it('takes the DaemonSet environment, and a flag wins over it', () => {
    const config = parseAgentArgs(['--driver', 'linux', '--http-port', '0'], {
      ...env,
      EPIC_NODE_NAME: 'worker.rack-3',
      EPIC_HTTP_PORT: '9090',
      EPIC_TOPIC_PREFIX: 't-1',
      KUBECONFIG: '/k',
    });
    expect(config).toMatchObject({
      nodeName: 'worker.rack-3',
      driver: 'linux',
      httpPort: 0,
      prefix: 't-1',
      kubeconfig: '/k',
    });
  });

  it.each([
    [['--node-name', 'epic-1', '--driver', 'ebpf'], "argument 'ebpf' is invalid"],
    [['--node-name', 'Epic_1'], '--node-name: a Node name'],
    [
      ['--node-name', 'epic-1', '--redis-url', 'http://x'],
      '--redis-url: a redis:// or rediss:// URL',
    ],
    [['--node-name', 'epic-1', '--bogus'], "unknown option '--bogus'"],
    [[], '--node-name:'],
  ])('refuses %j', (args, message) => {
    expect(() => parseAgentArgs(args, env)).toThrow(AgentUsageError);
    expect(() => parseAgentArgs(args, env)).toThrow(message);
  });

  it('has a usage text naming every flag', () => {
    const usage = agentUsage();
    for (const flag of [
      '--node-name',
      '--driver',
      '--bin-dir',
      '--interface-source',
      '--netns',
      '--resync-seconds',
    ]) {
      expect(usage).toContain(flag);
    }
  });
});
