// The rule for snapshot versions, kept in LBServiceGroup status.proxy-snapshot-versions (proxy
// name -> int): a new version is above everything stored for the proxy and at least what the
// server wants (its last served version + 1), so versions never go backwards, across restarts
// too. A process restart therefore starts at stored + 1: it cannot know whether the objects
// changed while it was down, and a repeated version with different content would be worse
// than a spare version with the same content. Pure; the stores apply it to what they hold.

export type VersionChange =
  | { readonly proxy: string; readonly wanted: number }
  | { readonly proxy: string; readonly forget: true };

export interface AppliedChanges {
  readonly versions: Record<string, number>;
  /** proxy -> the version it got (the last one, when a batch holds several for it). */
  readonly granted: ReadonlyMap<string, number>;
  /** Whether `versions` differs from what was stored. */
  readonly changed: boolean;
}

export function applyVersionChanges(
  stored: Readonly<Record<string, number>>,
  changes: readonly VersionChange[],
): AppliedChanges {
  const versions: Record<string, number> = { ...stored };
  const granted = new Map<string, number>();
  let changed = false;
  for (const change of changes) {
    if ('forget' in change) {
      if (change.proxy in versions) {
        delete versions[change.proxy];
        changed = true;
      }
      continue;
    }
    const next = Math.max((versions[change.proxy] ?? 0) + 1, change.wanted);
    versions[change.proxy] = next;
    granted.set(change.proxy, next);
    changed = true;
  }
  return { versions, granted, changed };
}
