// deploy/kustomize as rendered by `kubectl kustomize`, checked without an apiserver: what it
// contains, least-privilege RBAC that grants each app exactly what its code needs
// (app-access.ts), workloads that follow the rules, and the wiring between the pieces (images
// to Dockerfiles, the connection ConfigMap, Services to container ports).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { committedCrds, repoRoot } from '@epic/testing';
import { appAccess, neededGrants } from './app-access.js';
import { deployableApps } from './deployable-apps.js';
import { parseDockerfile } from './dockerfile.js';
import { bundlePaths } from './dockerfile-rules.js';
import {
  bindingProblems,
  findObject,
  grantsOf,
  grantText,
  type KubeObject,
  ofKind,
  refOf,
  render,
  serviceAccountsOf,
  sortGrants,
  wildcardProblems,
} from '@epic/manifests';
import { kubectlPath } from './kubectl.js';
import {
  defaultExpectation,
  Workload,
  workloadProblems,
  type Container,
  type WorkloadExpectation,
} from './workload-rules.js';

const kustomize = (dir: string) => join(repoRoot, 'deploy', 'kustomize', dir);
const rendered: Record<string, KubeObject[]> = {};
const layouts = ['core', 'rbac', 'base', 'overlays/local'];

beforeAll(async () => {
  const all = await Promise.all(layouts.map((dir) => render(kustomize(dir), kubectlPath())));
  layouts.forEach((dir, i) => (rendered[dir] = all[i] ?? []));
});

const base = () => rendered.base ?? [];
const local = () => rendered['overlays/local'] ?? [];
const workloads = (objects: KubeObject[]) =>
  ofKind(objects, 'Deployment', 'DaemonSet').map((o) => Workload.parse(o));
const containerOf = (objects: KubeObject[], name: string): Container => {
  const workload = workloads(objects).find((w) => w.metadata.name === name);
  const container = workload?.spec.template.spec.containers[0];
  if (!container) throw new Error(`no workload ${name}`);
  return container;
};
const env = (container: Container, name: string) =>
  container.env?.find((e) => e.name === name)?.value;

const expectations: Record<string, WorkloadExpectation> = {
  'tunnel-agent': { ...defaultExpectation, capabilities: ['NET_ADMIN', 'SYS_ADMIN'] },
  'epic-admission': {
    ...defaultExpectation,
    portVariable: 'EPIC_ADMISSION_PORT',
    readinessPath: '/healthz',
  },
};

describe('the kustomizations render', () => {
  it.each(layouts)('%s', (dir) => {
    expect(rendered[dir]?.length).toBeGreaterThan(0);
  });

  it('core: the committed CRDs and the namespace epic', () => {
    const crds = committedCrds() as KubeObject[];
    const names = (objects: KubeObject[]) => objects.map((o) => o.metadata.name).sort();
    expect(names(ofKind(rendered.core ?? [], 'CustomResourceDefinition'))).toEqual(names(crds));
    expect(ofKind(rendered.core ?? [], 'Namespace').map((n) => n.metadata.name)).toEqual(['epic']);
  });

  it('base: everything namespaced is in epic', () => {
    const namespaced = base().filter((o) => o.metadata.namespace !== undefined);
    expect(namespaced.filter((o) => o.metadata.namespace !== 'epic').map(refOf)).toEqual([]);
    expect(namespaced.length).toBeGreaterThan(20);
  });

  it('base: cert-manager issues the Secret the admission pods mount, for its Service name', () => {
    const certificate = findObject(base(), 'Certificate', 'epic-admission') as KubeObject & {
      spec: { secretName: string; dnsNames: string[] };
    };
    const pod = Workload.parse(findObject(base(), 'Deployment', 'epic-admission')).spec.template
      .spec;
    expect(JSON.stringify(pod)).toContain(`"secretName":"${certificate.spec.secretName}"`);
    expect(certificate.spec.dnsNames).toContain('epic-admission.epic.svc');
    for (const kind of ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']) {
      expect(ofKind(base(), kind)[0]?.metadata.annotations).toEqual({
        'cert-manager.io/inject-ca-from': 'epic/epic-admission',
      });
    }
  });

  it('overlays/local: no cert-manager objects or annotations (generated-certificate)', () => {
    expect(
      local()
        .filter((o) => o.apiVersion.startsWith('cert-manager.io/'))
        .map(refOf),
    ).toEqual([]);
    expect(JSON.stringify(local())).not.toContain('cert-manager.io/inject-ca-from');
  });
});

describe('RBAC: least privilege, one identity per app', () => {
  it("has no '*' in any rule", () => {
    expect(wildcardProblems(base())).toEqual([]);
  });

  it('binds every role to exactly one ServiceAccount, and no role twice', () => {
    expect(bindingProblems(base())).toEqual([]);
  });

  it('has a ServiceAccount for every app, and no other', () => {
    const accounts = serviceAccountsOf(base()).map((sa) => `${sa.namespace}/${sa.name}`);
    expect(accounts.sort()).toEqual(appAccess.map((a) => `epic/${a.serviceAccount}`).sort());
  });

  it.each(appAccess.map((a) => [a.serviceAccount, a] as const))(
    '%s is granted exactly what its code needs',
    (_name, access) => {
      const granted = grantsOf(base(), { namespace: 'epic', name: access.serviceAccount });
      expect(granted.map(grantText)).toEqual(
        sortGrants(neededGrants(access, 'epic')).map(grantText),
      );
    },
  );

  it('runs every workload as its own ServiceAccount', () => {
    const accounts = workloads(base()).map((w) => w.spec.template.spec.serviceAccountName);
    expect(new Set(accounts).size).toBe(accounts.length);
    expect(accounts.every((a) => appAccess.some((x) => x.serviceAccount === a))).toBe(true);
  });
});

describe('workloads', () => {
  it('every workload follows the rules (non-root, read-only, probes, resources, metrics)', () => {
    const problems = ofKind(base(), 'Deployment', 'DaemonSet').flatMap((o) =>
      workloadProblems(o, expectations[o.metadata.name] ?? defaultExpectation),
    );
    expect(problems).toEqual([]);
  });

  it('every deployable app runs from the image its Dockerfile builds, starting a bundle of it', () => {
    const images = new Map<string, string[]>();
    for (const workload of workloads(base())) {
      for (const container of workload.spec.template.spec.containers) {
        const match = /^epic\/([a-z-]+):(\d[\w.-]*)$/.exec(container.image);
        expect(match, `${workload.metadata.name}: ${container.image}`).not.toBeNull();
        const image = match?.[1] ?? '';
        const dockerfile = join(repoRoot, 'deploy', 'docker', `${image}.Dockerfile`);
        expect(existsSync(dockerfile), `${image}.Dockerfile`).toBe(true);
        const bundles = bundlePaths(parseDockerfile(readFileSync(dockerfile, 'utf8')));
        for (const arg of container.args ?? []) expect(bundles).toContain(arg);
        images.set(image, [...(images.get(image) ?? []), workload.metadata.name]);
      }
    }
    expect([...images.keys()].sort()).toEqual(deployableApps());
  });

  it('runs the tunnel agent on every node, on the host network, with NET_ADMIN', () => {
    const agent = Workload.parse(findObject(base(), 'DaemonSet', 'tunnel-agent'));
    expect(agent.spec.template.spec.hostNetwork).toBe(true);
    expect(containerOf(base(), 'tunnel-agent').securityContext?.capabilities?.add).toContain(
      'NET_ADMIN',
    );
    expect(JSON.stringify(agent.spec)).toContain('"fieldPath":"spec.nodeName"');
  });
});

const ConfigMap = z.looseObject({ data: z.record(z.string(), z.string()) });
const EnvFrom = z.array(z.looseObject({ configMapRef: z.looseObject({ name: z.string() }) }));

function connections(objects: KubeObject[]) {
  const [configMap, ...others] = ofKind(objects, 'ConfigMap');
  expect(others).toEqual([]);
  return { name: configMap?.metadata.name ?? '', data: ConfigMap.parse(configMap).data };
}

describe('Kafka and Redis: one generated ConfigMap', () => {
  it('base holds both settings, under a content-hashed name', () => {
    const { name, data } = connections(base());
    expect(name).toMatch(/^epic-connections-[a-z0-9]{10}$/);
    expect(Object.keys(data).sort()).toEqual(['EPIC_KAFKA_BROKERS', 'EPIC_REDIS_URL']);
  });

  it('overlays/local overrides them, and the name follows the contents', () => {
    expect(connections(local()).data).toEqual({
      EPIC_KAFKA_BROKERS: 'kafka.kafka.svc:9092',
      EPIC_REDIS_URL: 'redis://redis.redis.svc:6379',
    });
    expect(connections(local()).name).not.toBe(connections(base()).name);
  });

  it.each(['base', 'overlays/local'])('%s: every app but admission reads it', (dir) => {
    const objects = rendered[dir] ?? [];
    const readers = ofKind(objects, 'Deployment', 'DaemonSet')
      .filter((o) => JSON.stringify(o).includes(`"name":"${connections(objects).name}"`))
      .map((o) => o.metadata.name);
    expect(readers.sort()).toEqual(
      workloads(objects)
        .map((w) => w.metadata.name)
        .filter((n) => n !== 'epic-admission')
        .sort(),
    );
    for (const workload of workloads(objects)) {
      for (const container of workload.spec.template.spec.containers) {
        EnvFrom.optional().parse(container.envFrom);
      }
    }
  });
});

const Service = z.looseObject({
  spec: z.looseObject({
    selector: z.record(z.string(), z.string()),
    ports: z.array(
      z.looseObject({ port: z.number(), targetPort: z.union([z.number(), z.string()]) }),
    ),
  }),
});

describe('Services', () => {
  it.each([
    ['xds-server', 'xds-server', 18000, 'EPIC_XDS_PORT'],
    ['epic-admission', 'epic-admission', 443, 'EPIC_ADMISSION_PORT'],
  ])('%s: port %i reaches %s of workload %s', (service, workload, port, variable) => {
    const spec = Service.parse(findObject(base(), 'Service', service)).spec;
    const pods = Workload.parse(findObject(base(), 'Deployment', workload)).spec.template;
    const container = containerOf(base(), workload);
    const target = spec.ports.find((p) => p.port === port)?.targetPort;
    const containerPort = container.ports?.find(
      (p) => p.name === target || p.containerPort === target,
    )?.containerPort;
    expect(String(containerPort)).toBe(env(container, variable));
    expect(JSON.stringify(pods.metadata)).toContain(JSON.stringify(spec.selector).slice(1, -1));
  });

  it("envoy-renderer points the Envoys at the xds-server Service's full name and port", () => {
    const renderer = containerOf(base(), 'envoy-renderer');
    expect(env(renderer, 'EPIC_XDS_ADDRESS')).toBe('xds-server.$(POD_NAMESPACE).svc');
    expect(env(renderer, 'EPIC_XDS_PORT')).toBe('18000');
  });

  it("admission trusts id-allocator's ServiceAccount, in whatever namespace EPIC is", () => {
    expect(env(containerOf(base(), 'epic-admission'), 'EPIC_ADMISSION_ID_WRITERS')).toBe(
      'system:serviceaccount:$(POD_NAMESPACE):id-allocator',
    );
  });
});
