/**
 * Tells in-process caches that registry data may have changed: every write transaction (GraphQL
 * mutation or CSV import) announces its commit here, and the response cache empties itself; so does
 * every other instance's, heard through PostgreSQL's notification (migrations 51 and 53), which names
 * the API keys that wrote (read replicas keep those callers' reads on the primary until a replica has
 * replayed the write: src/db/read-replicas.ts).
 */
type Listener = (writers: readonly number[]) => void;
const listeners = new Set<Listener>();

export const registryChanges = {
  /** Calls `listener` after each committed write; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  /** A write committed; `writers`: the API keys that wrote it, where a notification named them. */
  committed(writers: readonly number[] = []): void {
    for (const listener of listeners) listener(writers);
  },
};

/** The key ids a registry-change notification names (migration 53: comma-separated; empty for writes without a key). */
export function writersOf(payload: string | undefined): number[] {
  return (payload ?? '').split(',').filter((id) => /^\d{1,10}$/.test(id)).map(Number);
}
