/** The identity ingest tracks an object by: kind + namespace + name (names are reused, uids are not). */
export function objectKey(kind: string, obj: unknown): string {
  const meta = (obj as { metadata?: { namespace?: string; name?: string } } | undefined)?.metadata;
  return `${kind}/${meta?.namespace ?? ''}/${meta?.name ?? ''}`;
}

export function uidOf(obj: unknown): string | undefined {
  return (obj as { metadata?: { uid?: string } } | undefined)?.metadata?.uid;
}

export function resourceVersionOf(obj: unknown): string | undefined {
  return (obj as { metadata?: { resourceVersion?: string } } | undefined)?.metadata
    ?.resourceVersion;
}
