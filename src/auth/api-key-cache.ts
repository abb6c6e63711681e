import { registryChanges, writersOf } from '../db/registry-changes';
import { sessionOptions } from '../db/request-pool';
import { Client, type Pool } from 'pg';
import type { Logger } from 'pino';
import type { Caller } from './caller';

export type KeyCaller = Extract<Caller, { kind: 'key' }>;

/** How the LISTEN connection shows in pg_stat_activity. */
export const KEY_CHANGES_APPLICATION_NAME = 'reform-registry key-changes';
/** A cached key is checked in the database again after a minute, which also marks it used (last_used_at). */
const TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;
/** Waits between reconnection attempts; the last one repeats. */
const BACKOFF_MS = [200, 500, 1000, 2000, 5000];

const caches = new Set<ApiKeyCache>();

/** Forgets every cached key in this process: a key was just changed here (revoked through the API). */
export function forgetCachedApiKeys(): void {
  for (const cache of caches) cache.clear();
}

/**
 * The callers of recently seen API keys, by key hash, so that a repeat request runs no SQL to
 * authenticate. Revocation must still bite at once: the cache is used only while its own
 * connection LISTENs for the api_key trigger's channel (`registry_api_key_changed_<secret>`, migrations
 * NotifyApiKeyChanges), any notification empties it, and while that connection is down nothing
 * is cached and every request asks the database. Unknown and revoked keys are never cached.
 * The same connection listens for committed registry changes of every instance (migration 51) and passes them
 * on to registryChanges, so that each instance's response cache empties at another's write, not a minute later.
 */
export class ApiKeyCache {
  private readonly entries = new Map<string, { caller: KeyCaller; expiresAt: number }>();
  /** Bumped by every clear: a lookup that started before a clear must not store what it read. */
  private generation = 0;
  private listener: Client | null = null;
  private connecting: Promise<void> | null = null;
  private retry: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private listening = false;

  constructor(
    private readonly pool: Pool,
    private readonly log: Logger,
    private readonly now: () => number = Date.now,
  ) {
    caches.add(this);
    this.connect();
  }

  /** True while notifications arrive, i.e. while the cache is in use. */
  get isListening(): boolean {
    return this.listening;
  }

  get size(): number {
    return this.entries.size;
  }

  get(keyHash: string): KeyCaller | undefined {
    if (!this.listening) return undefined;
    const entry = this.entries.get(keyHash);
    if (!entry) return undefined;
    if (entry.expiresAt > this.now()) return entry.caller;
    this.entries.delete(keyHash);
    return undefined;
  }

  /** Taken before a lookup in the database and handed to `set` with its result. */
  mark(): number {
    return this.generation;
  }

  set(keyHash: string, caller: KeyCaller, mark: number): void {
    if (!this.listening || mark !== this.generation) return;
    this.entries.delete(keyHash);
    // Oldest first out: a Map iterates in insertion order.
    if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(keyHash, { caller: Object.freeze({ ...caller }), expiresAt: this.now() + TTL_MS });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }

  /** Stops listening for good (the app stops); call before the pool's database goes away. */
  async close(): Promise<void> {
    this.closed = true;
    caches.delete(this);
    if (this.retry) clearTimeout(this.retry);
    this.retry = null;
    this.listening = false;
    this.clear();
    await this.connecting;
    const client = this.listener;
    this.listener = null;
    await client?.end().catch(() => undefined);
  }

  private connect(): void {
    // The request pool's own settings (server, role, timeouts), under a name of its own; straight to PostgreSQL behind a pooler.
    const client = new Client({ ...sessionOptions(this.pool), application_name: KEY_CHANGES_APPLICATION_NAME, keepAlive: true });
    this.listener = client;
    // Two channels: a key changed (empty the key cache), or the registry did, on any instance (empty the response cache).
    let registryChannel: string | undefined;
    client.on('notification', (message) => (message.channel === registryChannel ? registryChanges.committed(writersOf(message.payload)) : this.clear()));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    this.connecting = client
      .connect()
      .then(() => client.query('SELECT registry_api_key_channel() AS channel'))
      // The channel is named with a secret of the database (migration 35), so that no other role can send on it.
      .then(({ rows }) => client.query(`LISTEN "${(rows[0] as { channel: string }).channel}"`))
      .then(() => client.query('SELECT registry_changes_channel() AS channel'))
      .then(({ rows }) => client.query(`LISTEN "${(registryChannel = (rows[0] as { channel: string }).channel)}"`))
      .then(
        () => {
          if (this.closed || this.listener !== client) return;
          // Nothing was cached while down; anything read from now on is followed by its notifications. Answers the response
          // cache kept while no notification could arrive may predate another instance's write: they go too.
          this.clear();
          registryChanges.committed();
          this.listening = true;
          if (this.failures > 0) this.log.info('API-key change notifications resumed: cached key lookups are back on');
          this.failures = 0;
        },
        (error: Error) => this.lost(client, error),
      )
      .finally(() => {
        this.connecting = null;
      });
  }

  private lost(client: Client, error?: Error): void {
    if (client !== this.listener) return;
    this.listener = null;
    this.listening = false;
    this.clear();
    void client.end().catch(() => undefined);
    if (this.closed) return;
    if (this.failures === 0) {
      this.log.warn({ reason: error?.message ?? 'connection ended' }, 'API-key change notifications lost: every request checks its key in the database until they resume');
    }
    const delay = BACKOFF_MS[Math.min(this.failures, BACKOFF_MS.length - 1)];
    this.failures++;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (!this.closed) this.connect();
    }, delay);
    // A pending reconnection alone does not keep the process alive.
    this.retry.unref();
  }
}
