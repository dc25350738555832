import { describe, expect, it } from 'vitest';
import {
  buildDockerfile,
  commandArgs,
  dependencyCondition,
  environment,
  flagValue,
  hasHealthcheck,
  imageReference,
  isPinned,
  parsePort,
  volumeMounts,
} from './compose-model.js';

describe('parsePort', () => {
  it.each([
    ['127.0.0.1:16443:16443', { hostIp: '127.0.0.1', published: 16443, target: 16443 }],
    ['19092:9092', { hostIp: undefined, published: 19092, target: 9092 }],
    ['6379', { hostIp: undefined, published: undefined, target: 6379 }],
    ['127.0.0.1:53:53/udp', { hostIp: '127.0.0.1', published: 53, target: 53 }],
    ['[::1]:80:8080', { hostIp: '[::1]', published: 80, target: 8080 }],
    [
      { target: 2379, published: '12379', host_ip: '127.0.0.1' },
      { hostIp: '127.0.0.1', published: 12379, target: 2379 },
    ],
  ])('%j', (spec, expected) => {
    expect(parsePort(spec)).toEqual(expected);
  });

  it('refuses port ranges', () => {
    expect(() => parsePort('8000-8010:8000-8010')).toThrow(/unsupported/);
  });
});

describe('image references', () => {
  it.each([
    ['redis:7.0.15', 'redis', '7.0.15', true],
    ['registry.k8s.io/kube-apiserver:v1.35.4', 'registry.k8s.io/kube-apiserver', 'v1.35.4', true],
    ['localhost:5000/epic/app', 'localhost:5000/epic/app', undefined, false],
    ['localhost:5000/epic/app:1.2', 'localhost:5000/epic/app', '1.2', true],
    ['redis:latest', 'redis', 'latest', false],
    ['redis:alpine', 'redis', 'alpine', false],
    ['redis@sha256:abc', 'redis', undefined, true],
  ])('%s', (image, repository, tag, pinned) => {
    expect(imageReference(image)).toMatchObject({ repository, tag });
    expect(isPinned(image)).toBe(pinned);
  });
});

describe('service fields in either syntax', () => {
  it('reads commands and flags', () => {
    const args = commandArgs({ command: 'redis-server --port 1 --save= ' });
    expect(args).toEqual(['redis-server', '--port', '1', '--save=']);
    expect(flagValue(args, '--port')).toBe('1');
    expect(flagValue(args, '--save')).toBe('');
    expect(flagValue(args, '--missing')).toBeUndefined();
  });

  it('reads environment lists and maps', () => {
    expect(environment({ environment: ['A=1', 'B=x=y'] })).toEqual({ A: '1', B: 'x=y' });
    expect(environment({ environment: { A: 1, B: false, C: null } })).toEqual({
      A: '1',
      B: 'false',
      C: '',
    });
  });

  it('reads depends_on lists and maps', () => {
    expect(dependencyCondition({ depends_on: ['etcd'] }, 'etcd')).toBe('service_started');
    expect(dependencyCondition({ depends_on: { etcd: {} } }, 'etcd')).toBe('service_started');
    expect(
      dependencyCondition({ depends_on: { etcd: { condition: 'service_healthy' } } }, 'etcd'),
    ).toBe('service_healthy');
    expect(dependencyCondition({ depends_on: { etcd: {} } }, 'pki')).toBeUndefined();
  });

  it.each([
    [{ healthcheck: { test: ['CMD', 'true'] } }, true],
    [{ healthcheck: { test: 'true' } }, true],
    [{ healthcheck: { test: ['NONE'] } }, false],
    [{ healthcheck: { test: ['CMD', 'true'], disable: true } }, false],
    [{}, false],
  ])('healthcheck %j -> %s', (service, expected) => {
    expect(hasHealthcheck(service)).toBe(expected);
  });
});

describe('build and volumes', () => {
  it.each([
    [{ build: '.' }, 'Dockerfile'],
    [{ build: 'deploy/x/' }, 'deploy/x/Dockerfile'],
    [
      { build: { context: '.', dockerfile: 'deploy/docker/a.Dockerfile' } },
      'deploy/docker/a.Dockerfile',
    ],
    [{ build: { context: 'sub', dockerfile: 'b.Dockerfile' } }, 'sub/b.Dockerfile'],
    [{}, undefined],
  ])('%j builds %s', (service, expected) => {
    expect(buildDockerfile(service)).toBe(expected);
  });

  it('folds long-syntax volumes into short ones', () => {
    expect(volumeMounts({ volumes: ['a:/b:ro', { source: 'v', target: '/t' }] })).toEqual([
      'a:/b:ro',
      'v:/t',
    ]);
  });
});
