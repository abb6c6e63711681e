/**
 * Tells in-process caches that registry data may have changed: every write transaction (GraphQL
 * mutation or CSV import) announces its commit here, and the response cache empties itself.
 */
type Listener = () => void;
const listeners = new Set<Listener>();

export const registryChanges = {
  /** Calls `listener` after each committed write; returns the function that stops it. */
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
  committed(): void {
    for (const listener of listeners) listener();
  },
};
