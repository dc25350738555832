// The shared stack that every integration test uses: each service answers on the address
// that `stack:env` exports, with the settings our components rely on.
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { parseStackEnv } from '@epic/testing';
import { parseStatus, stackCli } from './stack-cli.js';

const run = promisify(execFile);

describe('stack status and env', () => {
  it('reports every core service up', async () => {
    const status = await stackCli(['status']);
    expect(status.code).toBe(0);
    expect(parseStatus(status.stdout)).toMatchObject({
      etcd: 'up',
      'kube-apiserver': 'up',
      kafka: 'up',
      redis: 'up',
    });
  });

  it('exports KUBECONFIG, a PATH with kubectl, EPIC_KAFKA_BROKERS and EPIC_REDIS_URL', async () => {
    const { stdout, code } = await stackCli(['env']);
    expect(code).toBe(0);
    const env = parseStackEnv(stdout, '/usr/bin:/bin');
    expect(Object.keys(env)).toEqual(
      expect.arrayContaining(['KUBECONFIG', 'PATH', 'EPIC_KAFKA_BROKERS', 'EPIC_REDIS_URL']),
    );
    expect(existsSync(env.KUBECONFIG ?? '')).toBe(true);
    const { stdout: version } = await run('kubectl', ['version', '-o', 'json'], {
      env: { ...process.env, ...env },
    });
    const parsed = JSON.parse(version) as {
      clientVersion: { gitVersion: string };
      serverVersion: { gitVersion: string };
    };
    expect(parsed.serverVersion.gitVersion).toMatch(/^v1\.35\./);
    expect(parsed.clientVersion.gitVersion).toBe(parsed.serverVersion.gitVersion);
  });
});

describe('Kafka', () => {
  it('takes an idempotent produce and a consumer-group read with kafkajs', async () => {
    const kafka = new Kafka({
      clientId: 'stack-test',
      brokers: [process.env.EPIC_KAFKA_BROKERS ?? ''],
      logLevel: logLevel.NOTHING,
    });
    const topic = `t-stack-${randomUUID()}`;
    const admin = kafka.admin();
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    const consumer = kafka.consumer({ groupId: `${topic}-group` });
    await admin.connect();
    try {
      await admin.createTopics({ topics: [{ topic, numPartitions: 1 }], waitForLeaders: true });
      await producer.connect();
      await producer.send({ topic, acks: -1, messages: [{ key: 'k', value: 'hello' }] });
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const received = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message within 30 s')), 30_000);
        void consumer.run({
          eachMessage: ({ message }) => {
            clearTimeout(timer);
            resolve(message.value?.toString() ?? '');
            return Promise.resolve();
          },
        });
      });
      expect(received).toBe('hello');
    } finally {
      await consumer.disconnect();
      await producer.disconnect();
      await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
      await admin.disconnect();
    }
  });

  it('never creates a topic by accident (auto.create.topics.enable=false)', async () => {
    const kafka = new Kafka({
      clientId: 'stack-test',
      brokers: [process.env.EPIC_KAFKA_BROKERS ?? ''],
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const configs = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: 4, name: '1' }],
      });
      const entry = configs.resources[0]?.configEntries.find(
        (e) => e.configName === 'auto.create.topics.enable',
      );
      expect(entry?.configValue).toBe('false');
    } finally {
      await admin.disconnect();
    }
  });
});

describe('Redis', () => {
  it('answers and never evicts (BullMQ requires maxmemory-policy noeviction)', async () => {
    const redis = new Redis(process.env.EPIC_REDIS_URL ?? '', {
      lazyConnect: true,
      maxRetriesPerRequest: 1,
    });
    await redis.connect();
    try {
      expect(await redis.ping()).toBe('PONG');
      expect(await redis.config('GET', 'maxmemory-policy')).toEqual([
        'maxmemory-policy',
        'noeviction',
      ]);
    } finally {
      await redis.quit();
    }
  });
});
