/** Whether the objects of a namespace are this replica's to serve. */
export type NamespaceScope = (namespace: string) => boolean;

/**
 * The namespaces a replica serves (`EPIC_*_NAMESPACES`): the listed ones, or every namespace
 * when the list is empty — lists are for staged roll-outs and for tests that share one cluster.
 */
export function namespaceScope(namespaces: readonly string[]): NamespaceScope {
  if (namespaces.length === 0) return () => true;
  const served = new Set(namespaces);
  return (namespace) => served.has(namespace);
}
