import DataLoader from 'dataloader';

/**
 * The request's DataLoaders, created on first use and dropped with the request, so that no
 * cache outlives it. Modules name their loaders; the same name gives the same loader.
 */
export class Loaders {
  private readonly byName = new Map<string, DataLoader<unknown, unknown>>();

  get<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, cacheKey?: (key: K) => string): DataLoader<K, V> {
    let loader = this.byName.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      // No batch size cap: a capped batch would make statements grow with the number of rows.
      loader = new DataLoader<K, V, string | K>(batch, cacheKey ? { cacheKeyFn: cacheKey } : undefined);
      this.byName.set(name, loader as DataLoader<unknown, unknown>);
    }
    return loader;
  }

  /** Forgets every loaded row: after a write, the request's later reads see the new state. */
  clear(): void {
    this.byName.clear();
  }
}
