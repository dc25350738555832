// The EPIC apps of docker-compose.yml (profile `apps`): every image of deploy/docker is built
// and run, behind a profile so the default `docker compose up` stays the bare infrastructure
// the tests use; each app connects by service name, runs with its own ServiceAccount's
// kubeconfig from epic-setup (deploy/docker/compose/setup.sh), and is confined as in the
// cluster (read-only, no capabilities; the tunnel agent's NET_ADMIN excepted).
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import {
  buildDockerfile,
  dependencyCondition,
  environment,
  imageReference,
  parseCompose,
  volumeMounts,
  type Service,
} from './compose-model.js';
import { parseStackDefaults, stackDefault, stackPort } from './read-stack-defaults.js';

const repoPath = (path: string) => fileURLToPath(new URL(`../../../${path}`, import.meta.url));
const read = (path: string) => readFileSync(repoPath(path), 'utf8');
const compose = parseCompose(read('docker-compose.yml'));
const stack = parseStackDefaults(read('tools/stack/lib.sh'));
const version = (JSON.parse(read('package.json')) as { version: string }).version;

const services = Object.entries(compose.services);
const infrastructure = ['pki', 'probe-tools', 'etcd', 'kube-apiserver', 'kafka', 'redis'];
const apps = services.filter(([, s]) => s.build !== undefined);
const images = readdirSync(repoPath('deploy/docker'))
  .filter((f) => f.endsWith('.Dockerfile'))
  .map((f) => f.slice(0, -'.Dockerfile'.length))
  .sort();

function service(name: string): Service {
  const found = compose.services[name];
  if (!found) throw new Error(`docker-compose.yml has no service '${name}'`);
  return found;
}

/** The ServiceAccounts setup.sh issues kubeconfigs for (its SERVICE_ACCOUNTS array). */
function setupServiceAccounts(): string[] {
  const match = /SERVICE_ACCOUNTS=\(([^)]*)\)/.exec(read('deploy/docker/compose/setup.sh'));
  return (match?.[1] ?? '').split(/\s+/).filter((name) => name !== '');
}

/** The ServiceAccounts deploy/kustomize/rbac and deploy/webhooks/rbac.yaml define. */
function definedServiceAccounts(): string[] {
  const files = [
    ...readdirSync(repoPath('deploy/kustomize/rbac'))
      .filter((f) => f !== 'kustomization.yaml')
      .map((f) => `deploy/kustomize/rbac/${f}`),
    'deploy/webhooks/rbac.yaml',
  ];
  return files.flatMap((file) =>
    parseAllDocuments(read(file))
      .map((doc) => doc.toJS() as { kind?: string; metadata?: { name?: string } })
      .filter((o) => o.kind === 'ServiceAccount')
      .map((o) => o.metadata?.name ?? ''),
  );
}

describe('every EPIC image runs, under the apps profile', () => {
  it('builds every Dockerfile of deploy/docker, from the repository root', () => {
    const built = apps.map(([, s]) => buildDockerfile(s));
    expect([...new Set(built)].sort()).toEqual(images.map((i) => `deploy/docker/${i}.Dockerfile`));
    for (const [name, s] of apps) {
      expect(typeof s.build === 'object' ? s.build.context : s.build, name).toBe('.');
    }
  });

  it.each(apps.map(([name]) => name))(
    '%s is tagged epic/<image>:<version> of its Dockerfile',
    (name) => {
      const s = service(name);
      const image = buildDockerfile(s)?.replace(/^deploy\/docker\/(.*)\.Dockerfile$/, '$1');
      expect(imageReference(s.image ?? '')).toMatchObject({
        repository: `epic/${image}`,
        tag: version,
      });
    },
  );

  it('keeps the default `docker compose up` to the infrastructure', () => {
    for (const [name, s] of services) {
      expect(s.profiles, name).toEqual(infrastructure.includes(name) ? undefined : ['apps']);
    }
  });
});

describe('apps connect by service name, each with its own identity', () => {
  const brokers = environment(service('kafka'))
    .KAFKA_ADVERTISED_LISTENERS?.split(',')
    .find((l) => l.startsWith('DOCKER://'))
    ?.slice('DOCKER://'.length);
  const accounts = setupServiceAccounts();

  it('setup.sh issues kubeconfigs only for ServiceAccounts the RBAC defines', () => {
    expect(accounts.length).toBeGreaterThan(0);
    expect(definedServiceAccounts()).toEqual(expect.arrayContaining(accounts));
  });

  it.each(apps.map(([name]) => name))('%s', (name) => {
    const s = service(name);
    const env = environment(s);
    if (env.EPIC_KAFKA_BROKERS !== undefined) expect(env.EPIC_KAFKA_BROKERS).toBe(brokers);
    if (env.EPIC_REDIS_URL !== undefined) {
      expect(env.EPIC_REDIS_URL).toBe(`redis://redis:${stackPort(stack, 'REDIS_PORT')}`);
    }
    expect(dependencyCondition(s, 'epic-setup')).toBe('service_completed_successfully');
    if (env.KUBECONFIG === undefined) return;
    const account = /^\/kube\/([a-z-]+)\.kubeconfig$/.exec(env.KUBECONFIG)?.[1];
    expect(accounts).toContain(account);
    expect(volumeMounts(s)).toContain('app-kube:/kube:ro');
  });

  it('audit, which never calls the API, gets no kubeconfig at all', () => {
    expect(environment(service('audit')).KUBECONFIG).toBeUndefined();
    expect(volumeMounts(service('audit'))).toEqual([]);
  });
});

describe('apps are confined as in the cluster', () => {
  it.each(apps.map(([name]) => name))('%s: read-only, no capabilities but its own', (name) => {
    const s = service(name);
    expect(s.read_only).toBe(true);
    expect(s.cap_drop).toEqual(['ALL']);
    expect(s.cap_add ?? []).toEqual(name === 'tunnel-agent' ? ['NET_ADMIN'] : []);
    expect(s.user === undefined || name === 'tunnel-agent').toBe(true);
  });

  it.each(apps.map(([name]) => name))('%s: its healthcheck asks the port it serves', (name) => {
    const s = service(name);
    const env = environment(s);
    const port = env.EPIC_HTTP_PORT ?? env.EPIC_ADMISSION_PORT;
    expect(JSON.stringify(s.healthcheck?.test)).toMatch(new RegExp(`(:|port: )${port}\\b`));
  });
});

describe('the one-shots of the apps profile', () => {
  it('epic-setup runs the kubectl of lib.sh K8S_VERSION', () => {
    expect(imageReference(service('epic-setup').image ?? '')).toMatchObject({
      repository: 'registry.k8s.io/kubectl',
      tag: stackDefault(stack, 'K8S_VERSION'),
    });
  });

  it.each([
    ['bash', 'deploy/docker/compose/setup.sh'],
    ['sh', 'deploy/docker/compose/admission-cert.sh'],
  ])('%s -n %s (syntax)', (shell, script) => {
    const result = spawnSync(shell, ['-n', repoPath(script)], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
