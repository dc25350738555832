import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootWorker } from './boot-worker.js';
import { ConfigError } from './config.js';
import { capturedLines } from './testdata/captured-lines.js';

const scratch = mkdtempSync(join(tmpdir(), 'boot-worker-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A kubeconfig whose apiserver refuses every connection (port 1). */
function unreachableKubeconfig(): string {
  const path = join(scratch, 'kubeconfig');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters: [{name: c, cluster: {server: "http://127.0.0.1:1"}}]',
      'users: [{name: u, user: {}}]',
      'contexts: [{name: x, context: {cluster: c, user: u}}]',
      'current-context: x',
    ].join('\n'),
  );
  return path;
}

async function eventually(check: () => boolean, deadlineMs = 5000): Promise<void> {
  const deadline = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met before the deadline');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

const env = {
  EPIC_KAFKA_BROKERS: 'kafka-0:9092, kafka-1:9092',
  EPIC_REDIS_URL: 'redis://redis:6379',
  EPIC_TOPIC_PREFIX: 't-1',
  EPIC_HTTP_PORT: '0',
  LOG_LEVEL: 'debug',
  EPIC_TEST_SETTING: 'mine',
  KUBECONFIG: unreachableKubeconfig(),
};

describe('bootWorker', () => {
  it('reads the shared settings into start options, the own ones from the same environment', () => {
    const boot = bootWorker('test-worker', (e) => ({ setting: e.EPIC_TEST_SETTING }), { env });
    expect(boot.own).toEqual({ setting: 'mine' });
    expect(boot.startOptions).toMatchObject({
      prefix: 't-1',
      kafkaBrokers: ['kafka-0:9092', 'kafka-1:9092'],
      redisUrl: 'redis://redis:6379',
      httpPort: 0,
    });
    expect(boot.startOptions.logger).toBe(boot.logger);
    expect(boot.logger.level).toBe('debug');
    expect(boot.kc.getCurrentCluster()?.server).toBe('http://127.0.0.1:1');
  });

  it('checks the shared settings before the own ones', () => {
    let ownLoaded = false;
    const boot = () =>
      bootWorker('test-worker', () => (ownLoaded = true), { env: { KUBECONFIG: env.KUBECONFIG } });
    expect(boot).toThrow(ConfigError);
    expect(boot).toThrow(/EPIC_KAFKA_BROKERS: .*; EPIC_REDIS_URL: /);
    expect(ownLoaded).toBe(false);
  });

  it('lets an error of the own settings through', () => {
    const boot = () =>
      bootWorker(
        'test-worker',
        () => {
          throw new ConfigError(['EPIC_TEST_SETTING: bad']);
        },
        { env },
      );
    expect(boot).toThrow('invalid configuration: EPIC_TEST_SETTING: bad');
  });

  it('emits Kubernetes Events without waiting; one not recorded is a warning', async () => {
    const { lines, destination } = capturedLines();
    const { emit } = bootWorker('test-worker', () => undefined, { env, destination });
    const involved = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { namespace: 'a', name: 'b' },
    };
    expect(
      emit(involved, { type: 'Normal', reason: 'Tested', message: 'A test.' }),
    ).toBeUndefined();
    await eventually(() => lines.length > 0);
    expect(lines[0]).toMatchObject({
      app: 'test-worker',
      level: 'warn',
      msg: 'a Kubernetes Event could not be recorded',
      err: {
        message: expect.stringMatching(/^recording event Tested on ConfigMap a\/b/) as unknown,
      },
    });
  });
});
