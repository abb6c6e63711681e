/**
 * API keys (接口密钥): the `npm run apikey` commands against a real database, the CLI as a process
 * (DATABASE_URL, or the embedded PostgreSQL in DATA_DIR, running or not), and the ADMIN GraphQL
 * operations. A key is shown once and stored only as its SHA-256; a revoked key stops working.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../src/db/data-source';
import { freePort } from '../../src/db/embedded';
import { createRequestPool } from '../../src/db/request-pool';
import { requestUrlOf } from '../setup/database-url';
import { apiKeyCommand, parseCommand, UsageError } from '../../src/modules/api-key/api-key.commands';
import { createApp } from '../../src/server/app';
import { nodeId } from '../setup/queries';
import { createTestDatabase, startTestApp, type TestApp } from '../setup/test-app';

const ROOT = path.join(__dirname, '..', '..');
const KEY_PATTERN = /^rr_[A-Za-z0-9_-]{43}$/;
const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');
const lastLine = (lines: string[]) => lines[lines.length - 1];

describe('the apikey commands (npm run apikey -- …) on the owner’s connection', () => {
  let database: { url: string; drop: () => Promise<void> };
  let db: DataSource;

  beforeAll(async () => {
    database = await createTestDatabase();
    db = createDataSource(database.url);
    await db.initialize();
  });
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it('create prints the key alone on the last line, after what it is for', async () => {
    const lines = await apiKeyCommand(db, ['create', '--role', 'CITY_EDITOR', '--city', '320100', '--label', 'Nanjing portal']);
    const key = lastLine(lines);
    expect(key).toMatch(KEY_PATTERN);
    const [row] = await db.query('SELECT id, role, city_code AS "cityCode", label FROM api_key WHERE key_hash = $1', [sha256(key)]);
    expect(row).toEqual({ id: expect.any(Number), role: 'CITY_EDITOR', cityCode: '320100', label: 'Nanjing portal' });
    const description = lines.slice(0, -1).join('\n');
    expect(description).toContain(`API key ${row.id}`);
    expect(description).toContain('CITY_EDITOR');
    expect(description).toContain('320100 南京');
    expect(description).toContain('"Nanjing portal"');
    expect(description).toMatch(/shown only this once/);
    expect(description).not.toContain(key);
  });

  it('keeps only the hash and a short prefix: no column of the table holds the key', async () => {
    const key = lastLine(await apiKeyCommand(db, ['create', '--role', 'ADMIN', '--label', '  省总工会 运维  ']));
    const [row] = await db.query('SELECT key_hash, prefix, label FROM api_key WHERE key_hash = $1', [sha256(key)]);
    expect(row).toEqual({ key_hash: sha256(key), prefix: key.slice(0, 9), label: '省总工会 运维' });
    const containing = await db.query(`SELECT id FROM api_key WHERE api_key::text LIKE '%' || $1 || '%'`, [key.slice(3)]);
    expect(containing).toEqual([]);
    // Two keys are never the same.
    const other = lastLine(await apiKeyCommand(db, ['create', '--role', 'ADMIN', '--label', 'second']));
    expect(other).not.toBe(key);
  });

  it('list shows every key in a table, with prefix, role, city and label, never the key', async () => {
    const key = lastLine(await apiKeyCommand(db, ['create', '--role', 'ANALYST', '--label', 'Provincial statistics bureau']));
    const lines = await apiKeyCommand(db, ['list']);
    expect(lines[0].split(/\s{2,}/)).toEqual(['id', 'prefix', 'role', 'city', 'label', 'created', 'last used', 'revoked']);
    expect(lines.join('\n')).not.toContain(key);
    const rows: { id: number; prefix: string }[] = await db.query('SELECT id, prefix FROM api_key ORDER BY id');
    const tableRows = lines.slice(2).filter((l) => /^\d+ {2}/.test(l));
    expect(tableRows.map((l) => Number(l.split(/\s+/)[0]))).toEqual(rows.map((r) => r.id));
    const analyst = tableRows.find((l) => l.includes('Provincial statistics bureau'))!;
    expect(analyst.split(/\s{2,}/).slice(1, 5)).toEqual([`${key.slice(0, 9)}…`, 'ANALYST', '-', 'Provincial statistics bureau']);
    expect(analyst).toMatch(/ \d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+-\s+-$/); // created; never used; not revoked
    expect(lines.join('\n')).toMatch(/320100\s+Nanjing portal/);
  });

  it('revoke marks the key revoked (shown in the list); revoking again changes nothing', async () => {
    const key = lastLine(await apiKeyCommand(db, ['create', '--role', 'ANALYST', '--label', 'to revoke']));
    const [{ id }] = await db.query('SELECT id FROM api_key WHERE key_hash = $1', [sha256(key)]);
    const [out] = await apiKeyCommand(db, ['revoke', String(id)]);
    expect(out).toMatch(new RegExp(`^Revoked API key ${id} `));
    const [{ revoked_at: revokedAt }] = await db.query('SELECT revoked_at FROM api_key WHERE id = $1', [id]);
    expect(revokedAt).toBeInstanceOf(Date);
    const row = (await apiKeyCommand(db, ['list'])).find((l) => new RegExp(`^${id} {2}`).test(l))!;
    expect(row).toMatch(/to revoke\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}\s+-\s+\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);

    const [again] = await apiKeyCommand(db, ['revoke', String(id)]);
    expect(again).toMatch(/already revoked/);
    const [{ revoked_at: still }] = await db.query('SELECT revoked_at FROM api_key WHERE id = $1', [id]);
    expect(still).toEqual(revokedAt);
  });

  it.each([
    ['no command', [], /Missing command/],
    ['an unknown command', ['delete', '1'], /Unknown command 'delete'/],
    ['an unknown role', ['create', '--role', 'EDITOR', '--label', 'x'], /unknown role 'EDITOR'.*ADMIN, ANALYST or CITY_EDITOR/],
    ['no role', ['create', '--label', 'x'], /--role is required/],
    ['CITY_EDITOR without --city', ['create', '--role', 'CITY_EDITOR', '--label', 'x'], /--city: A CITY_EDITOR key belongs to one city/],
    ['--city for ANALYST', ['create', '--role', 'ANALYST', '--city', '320100', '--label', 'x'], /--city: Only CITY_EDITOR keys belong to a city; ANALYST keys/],
    ['--city for ADMIN', ['create', '--role', 'ADMIN', '--city', '320100', '--label', 'x'], /--city: Only CITY_EDITOR keys belong to a city; ADMIN keys/],
    ['a malformed city code', ['create', '--role', 'CITY_EDITOR', '--city', '3201', '--label', 'x'], /'3201' is not a division code/],
    ['a city the registry does not have', ['create', '--role', 'CITY_EDITOR', '--city', '329900', '--label', 'x'], /no city with division code 329900/],
    ['no label', ['create', '--role', 'ADMIN'], /--label: A label is required/],
    ['a blank label', ['create', '--role', 'ADMIN', '--label', '   '], /--label: A label is required/],
    ['a label over 200 characters', ['create', '--role', 'ADMIN', '--label', '长'.repeat(201)], /at most 200 characters; this one has 201/],
    ['an unknown option', ['create', '--role', 'ADMIN', '--label', 'x', '--expires', '2030'], /Unknown option '--expires'/],
    ['revoke without an id', ['revoke'], /give the id of the key/],
    ['revoke with a non-numeric id', ['revoke', 'rr_abc'], /'rr_abc' is not a key id/],
    ['revoke of an unknown id', ['revoke', '999999'], /no API key with id 999999/],
  ])('refuses %s with a clear message, creating and changing nothing', async (_case, argv, message) => {
    const before = await db.query('SELECT id, revoked_at FROM api_key ORDER BY id');
    const error = await apiKeyCommand(db, argv as string[]).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toMatch(message);
    expect((error as UsageError).exitCode).not.toBe(0);
    expect(await db.query('SELECT id, revoked_at FROM api_key ORDER BY id')).toEqual(before);
  });

  it('accepts --opt=value and a lower-case role', () => {
    expect(parseCommand(['create', '--role=city_editor', '--city=320100', '--label=Nanjing portal'])).toEqual({
      name: 'create',
      role: 'CITY_EDITOR',
      cityCode: '320100',
      label: 'Nanjing portal',
    });
  });

  it('help needs no database', async () => {
    const lines = await apiKeyCommand({ query: () => Promise.reject(new Error('no database')) }, ['help']);
    expect(lines.join('\n')).toMatch(/create --role <ADMIN\|ANALYST\|CITY_EDITOR> \[--city <division code>\] --label <text>/);
  });
});

/** Runs `npm run apikey -- …` as a person would, with the given environment on top of ours. */
function runCli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...env };
  delete childEnv.TEST_DATABASE_URL;
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete childEnv[name];
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'apikey', '--', ...args], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `npm start` on DATA_DIR (as test/server/lifecycle.int.spec.ts starts it), ready to answer. */
async function startServer(dataDir: string, attempt = 1): Promise<{ base: string; stop: () => Promise<void> }> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', DATA_DIR: dataDir, SEED_ON_EMPTY: 'false' };
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', 'src/server/main.ts'], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) {
      // Suites run side by side: another one's server may have taken the free port between freePort() and listen.
      if (/EADDRINUSE/.test(output) && attempt < 3) return startServer(dataDir, attempt + 1);
      throw new Error(`the server exited before it was ready:\n${output.slice(-2000)}`);
    }
    // Ready is our server's answer only once its PostgreSQL runs in DATA_DIR: until then a 200 may come from another suite's server on a reused port.
    const ready = existsSync(path.join(dataDir, 'postmaster.pid')) && (await fetch(`${base}/readyz`).then((r) => r.status === 200, () => false));
    if (ready && child.exitCode === null) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the server was not ready in time:\n${output.slice(-2000)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    base,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const stdoutLines = (stdout: string) => stdout.replace(/\n$/, '').split('\n');

describe('the apikey CLI as a process', () => {
  it('with DATABASE_URL: prints on its last line a key the API then accepts, and exits 0', async () => {
    const database = await createTestDatabase();
    const dataSource = createDataSource(database.url);
    const pool = createRequestPool(requestUrlOf(database.url), 2);
    try {
      const created = await runCli(['create', '--role', 'CITY_EDITOR', '--city', '320100', '--label', 'Nanjing portal'], { DATABASE_URL: database.url });
      expect(created).toMatchObject({ code: 0 });
      const key = lastLine(stdoutLines(created.stdout));
      expect(key).toMatch(KEY_PATTERN);

      await dataSource.initialize();
      const { app, apollo } = await createApp(dataSource, pool, { requireKey: true });
      try {
        const ask = (authorization?: string) => {
          const req = request(app).post('/graphql').set('content-type', 'application/json');
          if (authorization) req.set('authorization', authorization);
          return req.send({ query: '{ city(code: "320100") { name } }' });
        };
        expect((await ask()).status).toBe(401);
        const res = await ask(`Bearer ${key}`);
        expect(res.status).toBe(200);
        expect(res.body.data).toEqual({ city: { name: '南京' } });
      } finally {
        await apollo.stop();
      }

      const refused = await runCli(['create', '--role', 'ANALYST', '--city', '320100', '--label', 'x'], { DATABASE_URL: database.url });
      expect(refused.code).toBe(2);
      expect(refused.stdout).toBe('');
      expect(refused.stderr).toMatch(/error: create --city: Only CITY_EDITOR keys belong to a city/);
      expect(Number((await dataSource.query('SELECT count(*) AS n FROM api_key'))[0].n)).toBe(1);
    } finally {
      await pool.end();
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    }
  }, 60_000);

  it('without DATABASE_URL: starts the embedded PostgreSQL in DATA_DIR and stops it, or uses the one a server runs there', async () => {
    const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'registry-apikey-')), 'data');
    const pidFile = path.join(dataDir, 'postmaster.pid');
    try {
      // Nothing runs in DATA_DIR: the CLI starts PostgreSQL, migrates, creates the key and stops it cleanly.
      const created = await runCli(['create', '--role', 'ADMIN', '--label', 'ops'], { DATABASE_URL: undefined, DATA_DIR: dataDir, SEED_ON_EMPTY: 'false' });
      // With its output, should it fail: the exit code alone says nothing of why.
      expect({ code: created.code, output: created.code === 0 ? '' : `${created.stdout}${created.stderr}`.slice(-1500) }).toEqual({ code: 0, output: '' });
      const key = lastLine(stdoutLines(created.stdout));
      expect(key).toMatch(KEY_PATTERN);
      expect(existsSync(pidFile)).toBe(false);

      // A server holds DATA_DIR: the CLI uses its PostgreSQL instead of starting a second one, and
      // the key it creates works on that server at once.
      const server = await startServer(dataDir);
      try {
        const holder = readFileSync(pidFile, 'utf8').split('\n')[0];
        const listed = await runCli(['list'], { DATABASE_URL: undefined, DATA_DIR: dataDir });
        expect(listed).toMatchObject({ code: 0 });
        expect(listed.stdout).toMatch(new RegExp(`^1\\s+${key.slice(0, 9)}…\\s+ADMIN\\s+-\\s+ops\\s`, 'm'));
        const analyst = await runCli(['create', '--role', 'ANALYST', '--label', 'live'], { DATABASE_URL: undefined, DATA_DIR: dataDir });
        expect(analyst).toMatchObject({ code: 0 });
        const res = await fetch(`${server.base}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${lastLine(stdoutLines(analyst.stdout))}` },
          body: JSON.stringify({ query: '{ apiKeys { label } }' }),
        });
        expect(res.status).toBe(200); // authenticated: the key is in the server's database
        expect(((await res.json()) as any).errors[0].extensions.code).toBe('FORBIDDEN'); // as an ANALYST
        expect(readFileSync(pidFile, 'utf8').split('\n')[0]).toBe(holder);
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(path.dirname(dataDir), { recursive: true, force: true });
    }
  }, 120_000);
});

describe('API keys through GraphQL (ADMIN only)', () => {
  let app: TestApp;
  let admin: string;
  beforeAll(async () => {
    app = await startTestApp();
    admin = (await app.createKey('ADMIN', null, 'test admin')).key;
  });
  afterAll(() => app.close());

  const CREATE = `mutation ($input: CreateApiKeyInput!) {
    createApiKey(input: $input) { key apiKey { id prefix role cityCode label createdAt lastUsedAt revokedAt } userErrors { field code message } } }`;
  const REVOKE = `mutation ($id: ID!) { revokeApiKey(input: { id: $id }) { apiKey { id revokedAt } userErrors { field code message } } }`;
  const LIST = '{ apiKeys { id prefix role cityCode label createdAt lastUsedAt revokedAt } }';
  const keyRows = () => app.dataSource.query('SELECT id, revoked_at FROM api_key ORDER BY id');

  it('ADMIN creates a key, shown once, that then authenticates with its role', async () => {
    const res = await app.graphqlAs(admin, CREATE, { input: { role: 'ANALYST', label: '  Statistics bureau ' } });
    expect(res.errors).toBeUndefined();
    const { key, apiKey, userErrors } = res.data.createApiKey;
    expect(userErrors).toEqual([]);
    expect(key).toMatch(KEY_PATTERN);
    const [row] = await app.dataSource.query('SELECT id, created_at FROM api_key WHERE key_hash = $1', [sha256(key)]);
    expect(apiKey).toEqual({
      id: nodeId('ApiKey', row.id),
      prefix: key.slice(0, 9),
      role: 'ANALYST',
      cityCode: null,
      label: 'Statistics bureau',
      createdAt: row.created_at.toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    });

    // It works, as an ANALYST: it reads, but may not list keys.
    const read = await app.graphqlAs(key, '{ city(code: "320100") { name } }');
    expect(read).toMatchObject({ data: { city: { name: '南京' } } });
    const list = await app.graphqlAs(key, LIST);
    expect(list.errors?.[0].extensions.code).toBe('FORBIDDEN');
  });

  it('creates a CITY_EDITOR key for its city; an ADMIN key it creates may administer keys', async () => {
    const editor = await app.graphqlAs(admin, CREATE, { input: { role: 'CITY_EDITOR', cityCode: '320100', label: 'Nanjing portal' } });
    expect(editor.data.createApiKey.apiKey).toMatchObject({ role: 'CITY_EDITOR', cityCode: '320100' });
    const second = await app.graphqlAs(admin, CREATE, { input: { role: 'ADMIN', label: 'second admin' } });
    const res = await app.graphqlAs(second.data.createApiKey.key, LIST);
    expect(res.errors).toBeUndefined();
    expect(res.data.apiKeys.map((k: { label: string }) => k.label)).toEqual(expect.arrayContaining(['Nanjing portal', 'second admin']));
  });

  it('lists every key, in the order created, without the keys themselves', async () => {
    const res = await app.graphqlAs(admin, LIST);
    expect(res.errors).toBeUndefined();
    const rows = await app.dataSource.query(
      `SELECT id, prefix, role, city_code AS "cityCode", label, created_at AS "createdAt", last_used_at AS "lastUsedAt", revoked_at AS "revokedAt" FROM api_key ORDER BY id`,
    );
    expect(res.data.apiKeys).toEqual(
      rows.map((r: any) => ({
        ...r,
        id: nodeId('ApiKey', r.id),
        createdAt: r.createdAt.toISOString(),
        lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
        revokedAt: r.revokedAt?.toISOString() ?? null,
      })),
    );
    // The admin's own key has just been used.
    expect(res.data.apiKeys.find((k: { label: string }) => k.label === 'test admin').lastUsedAt).not.toBeNull();
  });

  it.each([
    ['CITY_EDITOR without a city', { role: 'CITY_EDITOR', label: 'x' }, 'cityCode', 'INVALID'],
    ['a city for an ANALYST key', { role: 'ANALYST', cityCode: '320100', label: 'x' }, 'cityCode', 'INVALID'],
    ['a blank label', { role: 'ADMIN', label: '   ' }, 'label', 'INVALID'],
    ['a label over 200 characters', { role: 'ADMIN', label: 'x'.repeat(201) }, 'label', 'INVALID'],
    ['a city the registry does not have', { role: 'CITY_EDITOR', cityCode: '329900', label: 'x' }, 'cityCode', 'NOT_FOUND'],
  ])('refuses %s as a user error, creating nothing', async (_case, input, field, code) => {
    const before = await keyRows();
    const res = await app.graphqlAs(admin, CREATE, { input });
    expect(res.errors).toBeUndefined();
    expect(res.data.createApiKey).toMatchObject({ key: null, apiKey: null, userErrors: [{ field, code, message: expect.any(String) }] });
    expect(await keyRows()).toEqual(before);
  });

  it('refuses a malformed division code before running (BAD_USER_INPUT)', async () => {
    const res = await app.graphqlAs(admin, CREATE, { input: { role: 'CITY_EDITOR', cityCode: '3201', label: 'x' } });
    expect(res.errors?.[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  describe('for callers that are not ADMIN', () => {
    const callers: Array<[string, () => Promise<string | undefined>]> = [
      ['ANALYST', async () => (await app.createKey('ANALYST')).key],
      ['CITY_EDITOR', async () => (await app.createKey('CITY_EDITOR', '320100')).key],
      ['anonymous', async () => undefined],
    ];
    const as = (key: string | undefined, query: string, variables?: Record<string, unknown>) =>
      key ? app.graphqlAs(key, query, variables) : app.graphql(query, variables);

    it.each(callers)('%s: apiKeys is a FORBIDDEN error', async (_who, keyOf) => {
      const res = await as(await keyOf(), LIST);
      expect(res.data).toEqual({ apiKeys: null });
      expect(res.errors).toEqual([expect.objectContaining({ path: ['apiKeys'], extensions: { code: 'FORBIDDEN' } })]);
    });

    it.each(callers)('%s: createApiKey and revokeApiKey are refused with FORBIDDEN, changing nothing', async (_who, keyOf) => {
      const key = await keyOf();
      const victim = await app.createKey('ANALYST');
      const before = await keyRows();
      const created = await as(key, CREATE, { input: { role: 'ADMIN', label: 'escalation' } });
      expect(created.data.createApiKey).toEqual({ key: null, apiKey: null, userErrors: [{ field: null, code: 'FORBIDDEN', message: expect.any(String) }] });
      const revoked = await as(key, REVOKE, { id: nodeId('ApiKey', victim.id) });
      expect(revoked.data.revokeApiKey).toEqual({ apiKey: null, userErrors: [{ field: null, code: 'FORBIDDEN', message: expect.any(String) }] });
      expect(await keyRows()).toEqual(before);
    });
  });

  it('a revoked key is refused with 401 from then on; revoking again keeps the first time', async () => {
    const { key, id } = await app.createKey('CITY_EDITOR', '320100', 'leaving portal');
    expect((await app.graphqlAs(key, '{ city(code: "320100") { name } }')).errors).toBeUndefined();

    const res = await app.graphqlAs(admin, REVOKE, { id: nodeId('ApiKey', id) });
    expect(res.data.revokeApiKey.userErrors).toEqual([]);
    const [{ revoked_at: revokedAt }] = await app.dataSource.query('SELECT revoked_at FROM api_key WHERE id = $1', [id]);
    expect(res.data.revokeApiKey.apiKey).toEqual({ id: nodeId('ApiKey', id), revokedAt: revokedAt.toISOString() });

    const after = await request(app.app).post('/graphql').set('authorization', `Bearer ${key}`).send({ query: '{ city(code: "320100") { name } }' });
    expect(after.status).toBe(401);
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');

    const again = await app.graphqlAs(admin, REVOKE, { id: nodeId('ApiKey', id) });
    expect(again.data.revokeApiKey.apiKey.revokedAt).toBe(revokedAt.toISOString());
  });

  it.each([
    ['an unknown key id', () => nodeId('ApiKey', 999999), 'NOT_FOUND'],
    ['the ID of another type', () => nodeId('Source', 1), 'NOT_FOUND'],
    ['a malformed ID', () => 'not an id!', 'INVALID'],
  ])('revokeApiKey with %s is a user error on `id`', async (_case, id, code) => {
    const before = await keyRows();
    const res = await app.graphqlAs(admin, REVOKE, { id: id() });
    expect(res.data.revokeApiKey).toEqual({ apiKey: null, userErrors: [{ field: 'id', code, message: expect.any(String) }] });
    expect(await keyRows()).toEqual(before);
  });
});
