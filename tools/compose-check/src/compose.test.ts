// docker-compose.yml must stay interchangeable with the native stack (tools/stack): same
// services, same ports on 127.0.0.1, same versions, same settings that tests rely on.
// Ports and versions are read from tools/stack/lib.sh, so the two cannot drift apart.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  commandArgs,
  dependencyCondition,
  environment,
  flagValue,
  hasHealthcheck,
  imageReference,
  isPinned,
  parseCompose,
  publishedPorts,
  type Service,
} from './compose-model.js';
import { parseStackDefaults, stackDefault, stackPort } from './read-stack-defaults.js';

const repoPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const compose = parseCompose(readFileSync(repoPath('docker-compose.yml'), 'utf8'));
const stack = parseStackDefaults(readFileSync(repoPath('tools/stack/lib.sh'), 'utf8'));
const genPki = repoPath('deploy/compose/gen-pki.sh');

const serviceNames = Object.keys(compose.services);
function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service '${name}'`);
  return found;
}

describe('docker-compose.yml services', () => {
  it.each(['pki', 'etcd', 'kube-apiserver', 'kafka', 'redis'])('defines %s', (name) => {
    expect(serviceNames).toContain(name);
  });

  it.each(serviceNames)('%s has a healthcheck', (name) => {
    expect(hasHealthcheck(service(name))).toBe(true);
  });

  it.each(serviceNames)('%s pins its image version (no latest, no untagged)', (name) => {
    const { image } = service(name);
    expect(image, `${name} has no image`).toBeDefined();
    expect(isPinned(image!), `${name}: ${image}`).toBe(true);
  });
});

describe('ports: the native stack defaults of tools/stack/lib.sh, on 127.0.0.1 only', () => {
  it.each([
    ['etcd', 'ETCD_PORT'],
    ['kube-apiserver', 'APISERVER_PORT'],
    ['kafka', 'KAFKA_PORT'],
    ['redis', 'REDIS_PORT'],
  ])('%s publishes lib.sh %s', (name, variable) => {
    const published = publishedPorts(service(name)).map((p) => p.published);
    expect(published).toContain(stackPort(stack, variable));
  });

  it.each(serviceNames)('%s binds every published port to 127.0.0.1', (name) => {
    for (const port of publishedPorts(service(name))) {
      expect(port.hostIp, `${name}: port ${port.target}`).toBe('127.0.0.1');
    }
  });
});

describe('versions: the native stack defaults of tools/stack/lib.sh', () => {
  // All three images tag releases exactly as upstream does ('v1.35.4', 'v3.6.16', '3.9.2').
  // registry.k8s.io/etcd would not ('3.6.16-0'): map the version here if it is ever used.
  it.each([
    ['kube-apiserver', 'registry.k8s.io/kube-apiserver', 'K8S_VERSION'],
    ['etcd', 'quay.io/coreos/etcd', 'ETCD_VERSION'],
    ['kafka', 'apache/kafka', 'KAFKA_VERSION'],
  ])('%s runs %s at lib.sh %s', (name, repository, variable) => {
    const ref = imageReference(service(name).image ?? '');
    expect(ref.repository).toBe(repository);
    expect(ref.tag).toBe(stackDefault(stack, variable));
  });
});

describe('start-up order', () => {
  it.each([
    ['kube-apiserver', 'etcd', 'service_healthy'],
    ['kube-apiserver', 'pki', 'service_completed_successfully'],
    ['kube-apiserver', 'probe-tools', 'service_completed_successfully'],
  ])('%s waits for %s: %s', (name, dependency, condition) => {
    expect(dependencyCondition(service(name), dependency)).toBe(condition);
  });

  // `docker compose up --wait` treats an exited one-shot as a failure unless a running
  // service waits for it to complete.
  it.each(serviceNames.filter((name) => service(name).restart === 'no'))(
    'one-shot %s is awaited by another service',
    (oneShot) => {
      const awaiting = serviceNames.filter(
        (name) => dependencyCondition(service(name), oneShot) === 'service_completed_successfully',
      );
      expect(awaiting).not.toEqual([]);
    },
  );
});

describe('kube-apiserver: the flags of tools/stack/apiserver.sh', () => {
  const args = commandArgs(service('kube-apiserver'));

  it.each([
    ['--secure-port', String(stackPort(stack, 'APISERVER_PORT'))],
    ['--etcd-servers', `http://etcd:${stackPort(stack, 'ETCD_PORT')}`],
    ['--authorization-mode', 'Node,RBAC'],
    ['--token-auth-file', '/pki/tokens.csv'],
    ['--client-ca-file', '/pki/ca.crt'],
    ['--service-account-key-file', '/pki/sa.pub'],
    ['--service-account-signing-key-file', '/pki/sa.key'],
  ])('%s=%s', (flag, value) => {
    expect(flagValue(args, flag)).toBe(value);
  });

  it('keeps admission on (no --admission-control, only ServiceAccount disabled)', () => {
    expect(flagValue(args, '--admission-control')).toBeUndefined();
    expect(flagValue(args, '--disable-admission-plugins')).toBe('ServiceAccount');
  });
});

describe('kafka: KRaft combined mode with the settings of tools/stack/kafka/server.properties', () => {
  const env = environment(service('kafka'));
  const port = stackPort(stack, 'KAFKA_PORT');

  it.each([
    ['KAFKA_PROCESS_ROLES', 'broker,controller'],
    ['KAFKA_AUTO_CREATE_TOPICS_ENABLE', 'false'],
    ['KAFKA_OFFSETS_TOPIC_NUM_PARTITIONS', '3'],
    ['KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR', '1'],
    ['KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS', '0'],
  ])('%s=%s', (key, value) => {
    expect(env[key]).toBe(value);
  });

  it('advertises 127.0.0.1 on the lib.sh port to the host', () => {
    expect(env.KAFKA_ADVERTISED_LISTENERS?.split(',')).toContainEqual(
      expect.stringMatching(`://127\\.0\\.0\\.1:${port}$`),
    );
  });
});

describe('redis: what BullMQ needs, like tools/stack/redis.sh', () => {
  const args = commandArgs(service('redis'));

  it.each([
    ['--port', String(stackPort(stack, 'REDIS_PORT'))],
    ['--maxmemory-policy', 'noeviction'],
    ['--save', ''],
    ['--appendonly', 'no'],
  ])('%s %j', (flag, value) => {
    expect(flagValue(args, flag)).toBe(value);
  });
});

describe('deploy/compose/gen-pki.sh', () => {
  it('passes sh -n (POSIX syntax)', () => {
    const result = spawnSync('sh', ['-n', genPki], { encoding: 'utf8' });
    expect(result.error).toBeUndefined();
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('is what the pki service runs, mounted from deploy/compose', () => {
    const pki = service('pki');
    expect(commandArgs(pki)).toContain('/scripts/gen-pki.sh');
    expect(pki.volumes).toContain('./deploy/compose:/scripts:ro');
    expect(environment(pki).APISERVER_PORT).toBe(String(stackPort(stack, 'APISERVER_PORT')));
  });

  it.each(['IP:127.0.0.1', 'DNS:kube-apiserver', 'system:masters'])('issues %s', (needle) => {
    expect(readFileSync(genPki, 'utf8')).toContain(needle);
  });
});
