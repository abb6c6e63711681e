/**
 * A write transaction that PostgreSQL ends to break a deadlock is run again rather than answered as an
 * error: concurrent writes of one province meet on the same goal-tally rows (src/registry/goal-tally.ts),
 * and a portal's bulk upsert must not fail because another city's ran beside it. Here two transactions
 * take two rows in opposite orders on the application role's own connections; PostgreSQL ends one,
 * and both still commit.
 */
import { randomUUID } from 'node:crypto';
import { RequestDb } from '../../src/db/request-db';
import { raw } from '../../src/db/sql';
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
let admin: string;
let rows: number[];

beforeAll(async () => {
  app = await startTestApp();
  admin = (await app.createKey('ADMIN')).key;
  rows = (await sqlRows<{ id: number }>(app, `SELECT id FROM innovation_studio ORDER BY id LIMIT 2`)).map((r) => r.id);
});
afterAll(() => app.close());

/** Resolves when `release` is called: the two transactions wait for each other's first lock. */
const barrier = () => {
  let release!: () => void;
  const reached = new Promise<void>((resolve) => (release = resolve));
  return { reached, release };
};

it('runs a transaction PostgreSQL ended to break a deadlock again, and both commit', async () => {
  const firstLocked = [barrier(), barrier()];
  const attempts = [0, 0];
  const write = (me: 0 | 1) =>
    new RequestDb(app.requestPool).transaction({ apiKey: admin, requestId: randomUUID() }, async (tx) => {
      attempts[me] += 1;
      const [mine, theirs] = me === 0 ? rows : [...rows].reverse();
      await tx.query(raw(`UPDATE innovation_studio SET name = name WHERE id = ${mine}`));
      if (attempts[me] === 1) {
        // The first time: each holds its row, then reaches for the other's.
        firstLocked[me].release();
        await firstLocked[1 - me].reached;
      }
      await tx.query(raw(`UPDATE innovation_studio SET name = name WHERE id = ${theirs}`));
      return me;
    });
  expect(await Promise.all([write(0), write(1)])).toEqual([0, 1]);
  // One of them was ended by PostgreSQL's deadlock detector and ran a second time.
  expect(attempts.sort()).toEqual([1, 2]);
}, 30_000);

it('does not run again a transaction that failed for any other reason', async () => {
  let attempts = 0;
  await expect(
    new RequestDb(app.requestPool).transaction({ apiKey: admin, requestId: randomUUID() }, async (tx) => {
      attempts += 1;
      await tx.query(raw(`UPDATE innovation_studio SET province_code = 'nowhere' WHERE id = ${rows[0]}`));
    }),
  ).rejects.toThrow();
  expect(attempts).toBe(1);
});
