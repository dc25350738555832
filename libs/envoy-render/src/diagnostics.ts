// How the renderer names the objects it reads, and what it says about them. A diagnostic is a
// value, not an error: the proxy is still rendered from everything that was usable.
import type { Diagnostic } from './ir.js';
import { compareStrings } from './json.js';
import type { ProxyRef } from './names.js';

interface Named {
  readonly metadata: {
    readonly name?: string | undefined;
    readonly namespace?: string | undefined;
  };
}

/** Objects in name order, so what is said about them comes out in the same order every time. */
export function byName(a: Named, b: Named): number {
  return compareStrings(a.metadata.name ?? '', b.metadata.name ?? '');
}

/** `<Kind> <namespace>/<name>`. */
export function objectRef(kind: string, object: Named): string {
  return `${kind} ${object.metadata.namespace ?? ''}/${object.metadata.name ?? ''}`;
}

/** A proxy as read from the API always has both; anything else is a caller bug. */
export function proxyRefOf(kind: string, object: Named): ProxyRef {
  const { namespace, name } = object.metadata;
  if (!namespace || !name) {
    throw new Error(
      `${objectRef(kind, object)}: a proxy to render needs metadata.namespace and metadata.name`,
    );
  }
  return { namespace, name };
}

/** The same fact found twice (a slice behind two clusters, a route on two ports) is said once. */
export function uniqueDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.object}\u0000${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
