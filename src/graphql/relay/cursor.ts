import { badInput } from '../errors/codes';

/**
 * Keyset cursors: the sort key's value and the row id of the edge, plus the order they belong to,
 * so that a cursor from one ordering is refused under another instead of skipping rows.
 */
export interface CursorPosition {
  order: string;
  value: string | number | null;
  id: number | string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedOrder: string, argument: string): CursorPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const valid =
    Array.isArray(parsed) &&
    parsed.length === 3 &&
    typeof parsed[0] === 'string' &&
    ['string', 'number'].includes(typeof parsed[1]) &&
    ['string', 'number'].includes(typeof parsed[2]);
  if (!valid) throw badInput(`'${cursor.slice(0, 60)}' is not a cursor issued by this API`, argument);
  const [order, value, id] = parsed as [string, string | number, string | number];
  if (order !== expectedOrder) {
    throw badInput(`the cursor in '${argument}' belongs to ordering ${order}, not ${expectedOrder}`, argument);
  }
  return { order, value, id };
}
