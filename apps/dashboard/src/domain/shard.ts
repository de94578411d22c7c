/**
 * The counters are spread over a few shard documents, each case's always in
 * the same one: concurrent consumers update different documents most of the
 * time, and a summary reads SHARDS small documents whatever the number of cases.
 */
export const SHARDS = 16;

/** FNV-1a: stable across processes and versions, unlike a language's own string hash. */
export function shardOf(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % SHARDS;
}
