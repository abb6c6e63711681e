import { createHash, randomBytes } from 'node:crypto';

/** Keys look like `rr_<43 base64url characters>` (256 random bits); only their SHA-256 is stored. */
export const KEY_PREFIX = 'rr_';

export function generateApiKey(): string {
  return KEY_PREFIX + randomBytes(32).toString('base64url');
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The first characters of a key, kept so that a person can tell keys apart in a list. */
export function displayPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}
