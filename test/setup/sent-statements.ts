import { Client } from 'pg';
import { APPLICATION_ROLE } from '../../migrations/1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/**
 * Records the text of every statement the request connections (the application role's) send to
 * PostgreSQL, whichever way they are sent (pool.query, a checked-out client, a transaction), until
 * `stop()`. Spying on pg's Client keeps the count honest: it is what reached the database.
 */
export function recordSentStatements(): { sent: string[]; clear(): void; stop(): void } {
  const sent: string[] = [];
  const original = Client.prototype.query as (...args: unknown[]) => unknown;
  const spy = jest.spyOn(Client.prototype, 'query').mockImplementation(function (this: Client, ...args: unknown[]) {
    if ((this as unknown as { user?: string }).user === APPLICATION_ROLE) {
      const first = args[0] as string | { text: string };
      sent.push(typeof first === 'string' ? first : first.text);
    }
    return original.apply(this, args);
  } as never);
  return { sent, clear: () => void sent.splice(0), stop: () => spy.mockRestore() };
}
