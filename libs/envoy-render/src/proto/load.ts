// The real Envoy API: the .proto files @grpc/grpc-js-xds ships in its deps/ folder (envoy-api,
// xds, googleapis, protoc-gen-validate), loaded with protobufjs once per process. They are read
// as data, found by walking up to node_modules, so this pure library never imports the gRPC
// package itself. Every v3 file whose imports are all present is loaded (the few that need
// opencensus / opentelemetry protos, which the package does not ship, are left out), so any
// `@type` an Envoy template may name resolves.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';
import type { Enum, Root, Type } from 'protobufjs';

const includeDirs = ['envoy-api', 'xds', 'googleapis', 'protoc-gen-validate'];
/** protobufjs carries these itself (its `common` set); descriptor.proto is a file it ships. */
const builtIn = new Set(
  ['any', 'duration', 'empty', 'field_mask', 'struct', 'timestamp', 'wrappers'].map(
    (name) => `google/protobuf/${name}.proto`,
  ),
);
const descriptorProto = 'google/protobuf/descriptor.proto';

function findUp(relative: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'node_modules', relative);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(
        `cannot find node_modules/${relative} above ${fileURLToPath(import.meta.url)}`,
      );
    dir = parent;
  }
}

function protoFiles(dir: string, prefix = ''): string[] {
  return readdirSync(join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) return protoFiles(dir, relative);
    return entry.name.endsWith('.proto') ? [relative] : [];
  });
}

class ProtoFiles {
  private readonly loadable = new Map<string, boolean>();
  constructor(
    readonly roots: readonly string[],
    readonly descriptorPath: string,
  ) {}

  locate(file: string): string | undefined {
    if (file === descriptorProto) return this.descriptorPath;
    return this.roots.map((root) => join(root, file)).find((path) => existsSync(path));
  }

  /** Whether the file and everything it imports exist (cycles count as present). */
  isLoadable(file: string): boolean {
    if (builtIn.has(file)) return true;
    const known = this.loadable.get(file);
    if (known !== undefined) return known;
    this.loadable.set(file, true);
    const path = this.locate(file);
    const ok = path !== undefined && importsOf(path).every((imported) => this.isLoadable(imported));
    this.loadable.set(file, ok);
    return ok;
  }
}

function importsOf(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  return [...text.matchAll(/^import\s+(?:public\s+|weak\s+)?"([^"]+)";/gm)].map((m) => m[1]!);
}

export interface EnvoyProtos {
  readonly root: Root;
  /** The message type of a resource or an Any: `type.googleapis.com/<full name>` or the name. */
  messageType(typeUrlOrName: string): Type | undefined;
}

let loaded: EnvoyProtos | undefined;

function load(): EnvoyProtos {
  const deps = findUp('@grpc/grpc-js-xds/deps');
  const files = new ProtoFiles(
    includeDirs.map((dir) => join(deps, dir)),
    findUp(`protobufjs/${descriptorProto}`),
  );
  const wanted = protoFiles(join(deps, 'envoy-api')).filter(
    (file) => file.includes('/v3/') && files.isLoadable(file),
  );
  const root = new protobuf.Root();
  root.resolvePath = (_origin, target) => files.locate(target) ?? target;
  root.loadSync(wanted, { keepCase: true });
  root.resolveAll();
  return {
    root,
    messageType(typeUrlOrName) {
      const name = typeUrlOrName.slice(typeUrlOrName.lastIndexOf('/') + 1);
      const found = root.lookup(name);
      return found instanceof protobuf.Type ? found : undefined;
    },
  };
}

/** The Envoy v3 API, loaded on first use (about a quarter of a second) and kept. */
export function envoyProtos(): EnvoyProtos {
  loaded ??= load();
  return loaded;
}

export function isEnum(value: unknown): value is Enum {
  return value instanceof protobuf.Enum;
}

export function isType(value: unknown): value is Type {
  return value instanceof protobuf.Type;
}
