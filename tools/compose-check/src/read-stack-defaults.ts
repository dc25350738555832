// The native stack's ports and versions, read from the `NAME=${EPIC_NAME:-default}` lines
// of tools/stack/lib.sh, so docker-compose.yml is checked against the one source of truth.

/** `K8S_VERSION=${EPIC_K8S_VERSION:-v1.35.4}`, optionally followed by a comment. */
const DEFAULT_ASSIGNMENT = /^([A-Z][A-Z0-9_]*)=\$\{(EPIC_[A-Z0-9_]+):-([^}]*)\}\s*(?:#.*)?$/gm;

/** Variable name (e.g. `KAFKA_PORT`) -> its default in lib.sh (e.g. `19092`). */
export type StackDefaults = ReadonlyMap<string, string>;

export function parseStackDefaults(script: string): StackDefaults {
  const defaults = new Map<string, string>();
  for (const [, name, , value] of script.matchAll(DEFAULT_ASSIGNMENT)) {
    if (name !== undefined && value !== undefined) defaults.set(name, value);
  }
  return defaults;
}

export function stackDefault(defaults: StackDefaults, name: string): string {
  const value = defaults.get(name);
  if (value === undefined) {
    throw new Error(
      `tools/stack/lib.sh has no default for ${name} (expected ${name}=\${EPIC_${name}:-...})`,
    );
  }
  return value;
}

export function stackPort(defaults: StackDefaults, name: string): number {
  const value = stackDefault(defaults, name);
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`tools/stack/lib.sh: ${name} default '${value}' is not a port`);
  }
  return port;
}
