// The part of the Compose file format the checks read, and small pure helpers over it.
// Both the short and the long syntax of `ports`, `environment` and `depends_on` are
// understood, so a reformatting of docker-compose.yml does not break the checks.
import { parse } from 'yaml';
import { z } from 'zod';

const EnvValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

const LongPort = z.looseObject({
  target: z.coerce.number(),
  published: z.union([z.string(), z.number()]).optional(),
  host_ip: z.string().optional(),
});

const Service = z.looseObject({
  image: z.string().optional(),
  entrypoint: z.union([z.string(), z.array(z.string())]).optional(),
  command: z.union([z.string(), z.array(z.string())]).optional(),
  volumes: z
    .array(
      z.union([z.string(), z.looseObject({ source: z.string().optional(), target: z.string() })]),
    )
    .optional(),
  environment: z.union([z.record(z.string(), EnvValue), z.array(z.string())]).optional(),
  ports: z.array(z.union([z.string(), z.number(), LongPort])).optional(),
  healthcheck: z
    .looseObject({
      test: z.union([z.string(), z.array(z.string())]).optional(),
      disable: z.boolean().optional(),
    })
    .optional(),
  depends_on: z
    .union([
      z.array(z.string()),
      z.record(z.string(), z.looseObject({ condition: z.string().optional() })),
    ])
    .optional(),
  restart: z.string().optional(),
  build: z
    .union([
      z.string(),
      z.looseObject({ context: z.string().optional(), dockerfile: z.string().optional() }),
    ])
    .optional(),
  profiles: z.array(z.string()).optional(),
  user: z.string().optional(),
  read_only: z.boolean().optional(),
  cap_add: z.array(z.string()).optional(),
  cap_drop: z.array(z.string()).optional(),
});
export type Service = z.infer<typeof Service>;

const ComposeFile = z.looseObject({ services: z.record(z.string(), Service) });
export type ComposeFile = z.infer<typeof ComposeFile>;

/** Parses docker-compose.yml; `<<: *anchor` merge keys are resolved as Compose does. */
export function parseCompose(text: string): ComposeFile {
  return ComposeFile.parse(parse(text, { merge: true }));
}

export interface PublishedPort {
  hostIp: string | undefined;
  published: number | undefined;
  target: number;
}

/** `[host_ip:][published:]target[/protocol]`; ranges are not used here and are refused. */
const SHORT_PORT = /^(?:(\[[^\]]+\]|\d+\.\d+\.\d+\.\d+):)?(?:(\d+):)?(\d+)(?:\/(?:tcp|udp|sctp))?$/;

export function parsePort(spec: string | number | z.infer<typeof LongPort>): PublishedPort {
  if (typeof spec === 'object') {
    const published = spec.published === undefined ? undefined : Number(spec.published);
    return { hostIp: spec.host_ip, published, target: spec.target };
  }
  const match = SHORT_PORT.exec(String(spec));
  if (!match) throw new Error(`unsupported port syntax: ${spec}`);
  const [, hostIp, published, target] = match;
  return {
    hostIp,
    published: published === undefined ? undefined : Number(published),
    target: Number(target),
  };
}

export function publishedPorts(service: Service): PublishedPort[] {
  return (service.ports ?? []).map(parsePort);
}

export interface ImageReference {
  repository: string;
  tag: string | undefined;
  digest: string | undefined;
}

/** `registry[:port]/path/name[:tag][@digest]`: a tag's colon comes after the last slash. */
export function imageReference(image: string): ImageReference {
  const [name = '', digest] = image.split('@', 2);
  const colon = name.lastIndexOf(':');
  if (colon > name.lastIndexOf('/')) {
    return { repository: name.slice(0, colon), tag: name.slice(colon + 1), digest };
  }
  return { repository: name, tag: undefined, digest };
}

/** A digest, or a tag that names a version (has a digit) and is not `latest`. */
export function isPinned(image: string): boolean {
  const { tag, digest } = imageReference(image);
  if (digest !== undefined) return true;
  return tag !== undefined && tag !== 'latest' && /\d/.test(tag);
}

/** The command as an argument list (the string form is split on whitespace, as Compose does). */
export function commandArgs(service: Service): string[] {
  const { command } = service;
  if (command === undefined) return [];
  return typeof command === 'string' ? command.trim().split(/\s+/) : command;
}

/** The value of `--flag=value` or `--flag value` in an argument list. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  for (const [i, arg] of args.entries()) {
    if (arg.startsWith(`${flag}=`)) return arg.slice(flag.length + 1);
    if (arg === flag) return args[i + 1];
  }
  return undefined;
}

export function environment(service: Service): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => [entry.split('=', 1)[0] ?? '', entry.slice(entry.indexOf('=') + 1)]),
    );
  }
  return Object.fromEntries(
    Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}

/** The condition `service` waits for on `dependency`, or undefined when it does not depend on it. */
export function dependencyCondition(service: Service, dependency: string): string | undefined {
  const deps = service.depends_on;
  if (deps === undefined) return undefined;
  if (Array.isArray(deps)) return deps.includes(dependency) ? 'service_started' : undefined;
  const dep = deps[dependency];
  return dep === undefined ? undefined : (dep.condition ?? 'service_started');
}

export function hasHealthcheck(service: Service): boolean {
  const check = service.healthcheck;
  if (check === undefined || check.disable === true || check.test === undefined) return false;
  const test = typeof check.test === 'string' ? [check.test] : check.test;
  return test.length > 0 && test[0] !== 'NONE';
}

/** The Dockerfile a service builds from (relative to the project directory), if it builds. */
export function buildDockerfile(service: Service): string | undefined {
  const { build } = service;
  if (build === undefined) return undefined;
  const context = (typeof build === 'string' ? build : (build.context ?? '.')).replace(/\/$/, '');
  const dockerfile = typeof build === 'string' ? 'Dockerfile' : (build.dockerfile ?? 'Dockerfile');
  return context === '.' ? dockerfile : `${context}/${dockerfile}`;
}

/** Volume mounts as `source:target[:mode]` strings (long syntax folded to short). */
export function volumeMounts(service: Service): string[] {
  return (service.volumes ?? []).map((v) =>
    typeof v === 'string' ? v : `${v.source ?? ''}:${v.target}`,
  );
}
