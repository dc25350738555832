// The Redis keys the apps keep under a topic prefix, as SCAN patterns, so `--down` removes
// exactly the demo's: BullMQ queues (`bull:<prefix>.epic.v1.<group>:*`, the node agents'
// `bull:<prefix>.epic.v1.tunnels.<node>:*`), the dispatcher's latest tables
// (`<prefix>.epic.v1.tunnels.<node>.latest`), the id-allocator's claim locks
// (`<prefix>:id-claim:*`) and ingest's checkpoint (`epic:ingest:<prefix>:published`).

/** Glob metacharacters in a prefix are matched literally. */
function literal(text: string): string {
  return text.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

export function redisKeyPatterns(prefix: string): string[] {
  // An empty prefix is a production deployment's key space: never the demo's to clear.
  if (prefix === '') throw new Error('refusing to clear Redis keys of an empty topic prefix');
  const p = literal(prefix);
  return [`bull:${p}.*`, `${p}.*`, `${p}:*`, `epic:ingest:${p}:*`];
}
