/**
 * Small helpers shared by the integration tests: independent SQL on the test file's own database,
 * GraphQL calls that must succeed, and the raw HTTP response when the status matters.
 */
import request from 'supertest';
import { toGlobalId } from '../../src/graphql/relay/global-id';
import type { TestApp } from './test-app';

/** Rows of an SQL query run directly on the test file's database (not through the API). */
export function sqlRows<T = Record<string, any>>(app: TestApp, text: string, params: unknown[] = []): Promise<T[]> {
  return app.dataSource.query(text, params);
}

/** The single number an SQL query returns, e.g. `SELECT count(*) FROM innovation_studio WHERE ...`. */
export async function sqlNumber(app: TestApp, text: string, params: unknown[] = []): Promise<number> {
  const [row] = await sqlRows(app, text, params);
  return Number(Object.values(row)[0]);
}

/** Posts a query that must succeed; fails the test with the GraphQL errors otherwise. */
export async function gql<T = any>(app: TestApp, query: string, variables?: Record<string, unknown>): Promise<T> {
  const res = await app.graphql<T>(query, variables);
  expect(res.errors).toBeUndefined();
  return res.data as T;
}

/** Posts a query that must fail; returns its first error. */
export async function gqlError(app: TestApp, query: string, variables?: Record<string, unknown>): Promise<{ message: string; extensions: Record<string, any> }> {
  const res = await app.graphql(query, variables);
  expect(res.errors?.length).toBeGreaterThan(0);
  return res.errors![0];
}

/** The HTTP status and body, for checks that an error is a client error and not a 500. */
export async function post(app: TestApp, query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: any }> {
  const res = await request(app.app).post('/graphql').set('content-type', 'application/json').send({ query, variables });
  return { status: res.status, body: res.body };
}

/** The global ID a record of `type` with primary key `key` has (to build IDs from SQL rows). */
export function nodeId(type: string, key: string | number): string {
  return toGlobalId(type, key);
}

/** Today's date in China (Asia/Shanghai), 'YYYY-MM-DD', computed here independently of the API. */
export function todayInShanghai(now = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Whole days from one 'YYYY-MM-DD' date to another. */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.UTC(...ymd(to)) - Date.UTC(...ymd(from))) / 86_400_000);
}

function ymd(date: string): [number, number, number] {
  const [y, m, d] = date.split('-').map(Number);
  return [y, m - 1, d];
}

/** Group rows as comparable strings, so that API rows and SQL GROUP BY rows can be compared as sets. */
export function keyed<T>(rows: T[], key: (row: T) => unknown[]): string[] {
  return rows.map((r) => JSON.stringify(key(r))).sort();
}

/** A response body read as bytes (a workbook, or a download compared byte for byte). */
export const asBytes = (req: request.Test) =>
  req.buffer(true).parse((res, done) => {
    const chunks: Buffer[] = [];
    res.on('data', (chunk: Buffer) => chunks.push(chunk));
    res.on('end', () => done(null, Buffer.concat(chunks)));
  });
