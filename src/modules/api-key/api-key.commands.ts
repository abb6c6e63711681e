import { parseArgs } from 'node:util';
import type { Role } from '../../auth/caller';
import { apiKeyProblems, isRole, ROLES, type ApiKeyProblem } from './api-key.rules';
import { apiKeyStore, type ApiKeyRecord, type Queryable } from './api-key.store';

/**
 * `npm run apikey -- …`: parsing and running the commands, apart from the process and database
 * set-up in api-key.cli.ts, so that tests run them against a test database.
 */

export const USAGE = [
  'Usage: npm run apikey -- <command>',
  '',
  '  create --role <ADMIN|ANALYST|CITY_EDITOR> [--city <division code>] --label <text>',
  '      Creates an API key (接口密钥) and prints it once, alone on the last line.',
  '      --city is required for CITY_EDITOR (the one city it edits, e.g. 320100) and refused for other roles.',
  '  list',
  '      Lists every key: id, prefix, role, city, label, when created, last used and revoked (never the keys).',
  '  revoke <id>',
  '      Revokes the key with this id (from `list`): requests with it are refused from then on.',
  '  help',
  '      Prints this text.',
  '',
  'Database: DATABASE_URL when set; otherwise the embedded PostgreSQL in DATA_DIR (default .data/),',
  'the running server\'s if `npm start` holds it, else started for the command and stopped after it.',
].join('\n');

/** A command line that cannot be run as given: the message says what to change. */
export class UsageError extends Error {
  readonly exitCode = 2;

  /** showUsage: the whole usage text helps (no or an unknown command); otherwise a pointer to `help`. */
  constructor(message: string, readonly showUsage = false) {
    super(message);
  }
}

export type ApiKeyCommand =
  | { name: 'create'; role: Role; cityCode: string | null; label: string }
  | { name: 'list' }
  | { name: 'revoke'; id: number }
  | { name: 'help' };

const FLAG_OF: Record<ApiKeyProblem['field'], string> = { role: '--role', cityCode: '--city', label: '--label' };
const ROLE_LIST = `${ROLES.slice(0, -1).join(', ')} or ${ROLES[ROLES.length - 1]}`;

function parseOptions(command: string, args: string[], options: Record<string, { type: 'string' }>, positionals: number) {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args, options, strict: true, allowPositionals: positionals > 0 });
  } catch (error) {
    throw new UsageError(`${command}: ${(error as Error).message}`);
  }
  if (parsed.positionals.length > positionals) {
    throw new UsageError(`${command}: unexpected argument '${parsed.positionals[positionals]}'.`);
  }
  return { values: parsed.values as Record<string, string | undefined>, positionals: parsed.positionals };
}

/** The command a command line asks for, or a UsageError saying what is wrong with it. */
export function parseCommand(argv: string[]): ApiKeyCommand {
  const [name, ...rest] = argv;
  switch (name) {
    case 'create': {
      const { values } = parseOptions('create', rest, { role: { type: 'string' }, city: { type: 'string' }, label: { type: 'string' } }, 0);
      if (values.role === undefined) throw new UsageError(`create: --role is required (${ROLE_LIST}).`);
      const role = values.role.trim().toUpperCase();
      if (!isRole(role)) throw new UsageError(`create: unknown role '${values.role}'; use ${ROLE_LIST}.`);
      const input = { role, cityCode: values.city?.trim() || null, label: values.label ?? '' };
      if (values.city !== undefined && !input.cityCode) throw new UsageError('create: --city is empty; give a six-digit division code, e.g. 320100.');
      const problems = apiKeyProblems(input);
      if (problems.length) throw new UsageError(problems.map((p) => `create ${FLAG_OF[p.field]}: ${p.message}`).join('\n'));
      return { name: 'create', ...input, label: input.label.trim() };
    }
    case 'list':
      parseOptions('list', rest, {}, 0);
      return { name: 'list' };
    case 'revoke': {
      const { positionals } = parseOptions('revoke', rest, {}, 1);
      const [id] = positionals;
      if (id === undefined) throw new UsageError('revoke: give the id of the key to revoke (see `npm run apikey -- list`).');
      if (!/^[1-9][0-9]{0,9}$/.test(id) || Number(id) > 2_147_483_647) {
        throw new UsageError(`revoke: '${id}' is not a key id; ids are the numbers in the first column of \`npm run apikey -- list\`.`);
      }
      return { name: 'revoke', id: Number(id) };
    }
    case 'help':
    case '--help':
    case '-h':
      return { name: 'help' };
    case undefined:
      throw new UsageError('Missing command: create, list, revoke or help.', true);
    default:
      throw new UsageError(`Unknown command '${name}': use create, list, revoke or help.`, true);
  }
}

/** Runs a parsed command on the owner's connection; resolves to the lines to print. */
export async function runCommand(db: Queryable, command: ApiKeyCommand): Promise<string[]> {
  switch (command.name) {
    case 'help':
      return USAGE.split('\n');
    case 'create': {
      let cityName: string | null = null;
      if (command.cityCode) {
        cityName = await apiKeyStore.cityName(db, command.cityCode);
        if (cityName === null) throw new UsageError(`create --city: the registry has no city with division code ${command.cityCode}.`);
      }
      const { record, key } = await apiKeyStore.create(db, command);
      const scope = record.cityCode ? ` for city ${record.cityCode} ${cityName}` : '';
      return [
        `Created API key ${record.id}: ${record.role}${scope}, label "${record.label}", prefix ${record.prefix}.`,
        'Store the key now: it is shown only this once and cannot be recovered (only its SHA-256 hash is kept).',
        key,
      ];
    }
    case 'list': {
      const keys = await apiKeyStore.list(db);
      if (!keys.length) return ['No API keys yet. Create one with: npm run apikey -- create --role ADMIN --label "…"'];
      const revoked = keys.filter((k) => k.revokedAt).length;
      return [...keyTable(keys), '', `${keys.length} key${keys.length === 1 ? '' : 's'}, ${revoked} revoked. Times are UTC.`];
    }
    case 'revoke': {
      const existing = await apiKeyStore.byId(db, command.id);
      if (!existing) throw new UsageError(`revoke: there is no API key with id ${command.id} (see \`npm run apikey -- list\`).`);
      if (existing.revokedAt) return [`API key ${existing.id} (${describe(existing)}) was already revoked at ${time(existing.revokedAt)} UTC; nothing changed.`];
      const record = (await apiKeyStore.revoke(db, command.id))!;
      return [`Revoked API key ${record.id} (${describe(record)}) at ${time(record.revokedAt)} UTC: requests with it are refused from now on.`];
    }
  }
}

/** Parses and runs a command line (as `npm run apikey -- …` passes it). */
export async function apiKeyCommand(db: Queryable, argv: string[]): Promise<string[]> {
  return runCommand(db, parseCommand(argv));
}

function describe(key: ApiKeyRecord): string {
  return `${key.prefix}…, ${key.role}${key.cityCode ? ` ${key.cityCode}` : ''}, "${key.label}"`;
}

/** 'YYYY-MM-DD HH:MM' in UTC, or '-'. */
function time(value: Date | string | null): string {
  return value ? new Date(value).toISOString().slice(0, 16).replace('T', ' ') : '-';
}

const TABLE_HEADER = ['id', 'prefix', 'role', 'city', 'label', 'created', 'last used', 'revoked'];

function keyTable(keys: ApiKeyRecord[]): string[] {
  const rows = keys.map((k) => [
    String(k.id),
    `${k.prefix}…`,
    k.role,
    k.cityCode ?? '-',
    k.label.replace(/[\u0000-\u001f\u007f]+/g, ' '),
    time(k.createdAt),
    time(k.lastUsedAt),
    time(k.revokedAt),
  ]);
  const widths = TABLE_HEADER.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const line = (cells: string[]) => cells.map((c, i) => c + ' '.repeat(widths[i] - displayWidth(c))).join('  ').trimEnd();
  return [line(TABLE_HEADER), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

/** Columns a string takes in a terminal: CJK characters (南京 门户) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) || (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) || (c >= 0xffe0 && c <= 0xffe6) || c >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}
