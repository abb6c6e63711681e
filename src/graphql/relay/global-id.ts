import { badInput } from '../errors/codes';

/**
 * Opaque global IDs (Relay): base64url of `Type:key`. Clients must treat them as opaque; we
 * only promise that `node(id:)` gives back the same record.
 */
export function toGlobalId(typename: string, key: string | number): string {
  const text = String(key);
  if (typeof key !== 'number' && !/^[0-9A-Za-z]*$/.test(text)) return Buffer.from(`${typename}:${text}`, 'utf8').toString('base64url');
  let prefix = prefixes.get(typename);
  if (!prefix) prefixes.set(typename, (prefix = encodedPrefix(typename)));
  return prefix.encoded + asciiBase64url(prefix.rest + text);
}

/*
 * Every row gets a global id, so they are made without a Buffer per id: the type's `Type:` prefix is
 * encoded once up to its last whole 3-byte group, and only the rest (1-2 bytes of the prefix and the
 * key, ASCII) per id. The result is exactly Buffer's base64url of the whole text.
 */
const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const prefixes = new Map<string, { encoded: string; rest: string }>();

function encodedPrefix(typename: string): { encoded: string; rest: string } {
  const text = `${typename}:`;
  if (!/^[\x20-\x7e]+$/.test(text)) throw new Error(`type name '${typename}' is not ASCII`);
  const whole = text.length - (text.length % 3);
  return { encoded: asciiBase64url(text.slice(0, whole)), rest: text.slice(whole) };
}

/** Every 12 bits as their two characters: a 3-byte group is two lookups and one join, not four (fewer strings to collect per id). */
const PAIRS = Array.from({ length: 4096 }, (_, n) => BASE64URL[n >> 6] + BASE64URL[n & 63]);

function asciiBase64url(text: string): string {
  let out = '';
  let i = 0;
  for (; i + 2 < text.length; i += 3) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8) | text.charCodeAt(i + 2);
    out += PAIRS[n >> 12] + PAIRS[n & 4095];
  }
  if (text.length - i === 1) {
    const n = text.charCodeAt(i) << 16;
    out += BASE64URL[n >> 18] + BASE64URL[(n >> 12) & 63];
  } else if (text.length - i === 2) {
    const n = (text.charCodeAt(i) << 16) | (text.charCodeAt(i + 1) << 8);
    out += BASE64URL[n >> 18] + BASE64URL[(n >> 12) & 63] + BASE64URL[(n >> 6) & 63];
  }
  return out;
}

export interface DecodedGlobalId {
  typename: string;
  key: string;
}

export function fromGlobalId(id: string, argument = 'id'): DecodedGlobalId {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(id) ? Buffer.from(id, 'base64url').toString('utf8') : '';
  const match = /^([A-Z][A-Za-z]{0,60}):([0-9A-Za-z]{1,40})$/.exec(text);
  if (!match) throw badInput(`'${id.slice(0, 60)}' is not an ID issued by this API`, argument);
  return { typename: match[1], key: match[2] };
}

/** The row id a global ID's key names: a positive PostgreSQL integer; null for any other key (no such row can exist). */
export function integerKeyOf(key: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(key) && Number(key) <= 2_147_483_647 ? Number(key) : null;
}
