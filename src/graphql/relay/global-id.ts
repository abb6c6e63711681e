import { badInput } from '../errors/codes';

/**
 * Opaque global IDs (Relay): base64url of `Type:key`. Clients must treat them as opaque; we
 * only promise that `node(id:)` gives back the same record.
 */
export function toGlobalId(typename: string, key: string | number): string {
  return Buffer.from(`${typename}:${key}`, 'utf8').toString('base64url');
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
