// up / status / down on a SECOND stack instance (own state directory and ports), so the
// shared stack that other tests use is never disturbed. It reuses the machine's cache of
// built binaries and jars: nothing is built or fetched again.
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseStatus, stackCli } from './stack-cli.js';

// Below the kernel's ephemeral range (32768+): there a client connection of a parallel test
// can hold the port just when a server here wants to bind it.
const ports = {
  EPIC_ETCD_PORT: '22379',
  EPIC_ETCD_PEER_PORT: '22380',
  EPIC_APISERVER_PORT: '26443',
  EPIC_KAFKA_PORT: '29092',
  EPIC_KAFKA_CONTROLLER_PORT: '29093',
  EPIC_REDIS_PORT: '26379',
};
const state = mkdtempSync(join(tmpdir(), 'epic-stack-lifecycle-'));
const env = { ...ports, EPIC_STACK_STATE: state };

function portOpen(port: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port: Number(port) });
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

afterAll(async () => {
  await stackCli(['down', '--purge'], env);
  rmSync(state, { recursive: true, force: true });
});

describe('a stack instance, from up to down', () => {
  it(
    'comes up from the cache, is idempotent, and frees its ports on down',
    { timeout: 300_000 },
    async () => {
      const first = await stackCli(['up'], env);
      expect(first.code, first.stderr).toBe(0);
      expect(first.stderr).not.toMatch(/building|fetching|apt-get install/);
      expect(first.stderr).toMatch(/stack up in \d+s/);

      const status = await stackCli(['status'], env);
      expect(status.code).toBe(0);
      expect(parseStatus(status.stdout)).toMatchObject({
        etcd: 'up',
        'kube-apiserver': 'up',
        kafka: 'up',
        redis: 'up',
      });
      expect(status.stdout).toContain(`127.0.0.1:${ports.EPIC_APISERVER_PORT}`);

      const second = await stackCli(['up'], env);
      expect(second.code).toBe(0);
      expect(second.stderr.match(/already running/g)).toHaveLength(4);

      const down = await stackCli(['down'], env);
      expect(down.code).toBe(0);
      const after = await stackCli(['status'], env);
      expect(after.code).toBe(1);
      expect(Object.values(parseStatus(after.stdout))).toEqual(['down', 'down', 'down', 'down']);
      for (const port of Object.values(ports))
        expect(await portOpen(port), `port ${port} still open`).toBe(false);
    },
  );

  it(
    'names the port and the variable to change when a port is taken',
    { timeout: 60_000 },
    async () => {
      const { createServer } = await import('node:net');
      const blocker = createServer().listen(Number(ports.EPIC_ETCD_PORT), '127.0.0.1');
      await new Promise((resolve) => blocker.once('listening', resolve));
      try {
        const up = await stackCli(['up'], env);
        expect(up.code).not.toBe(0);
        expect(up.stderr).toContain(`port ${ports.EPIC_ETCD_PORT} (for etcd) is in use`);
        expect(up.stderr).toContain('EPIC_*_PORT');
      } finally {
        blocker.close();
        await stackCli(['down'], env);
      }
    },
  );
});
