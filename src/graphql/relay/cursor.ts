import { isCalendarDate } from '../../common/calendar';
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

/** SQL types of a cursor's parts, from the ordering it belongs to (see OrderSpec in src/registry/table.ts). */
export interface CursorTypes {
  value: 'text' | 'integer' | 'date';
  id: 'text' | 'integer';
}

/** Whether a decoded cursor part can be bound as its SQL type without the database rejecting it. */
function fitsType(value: unknown, type: CursorTypes['value']): boolean {
  if (type === 'integer') return Number.isInteger(value) && (value as number) >= -2_147_483_648 && (value as number) <= 2_147_483_647;
  if (typeof value !== 'string' || value.includes('\u0000')) return false;
  return type === 'text' || isCalendarDate(value);
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.order, position.value, position.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string, expectedOrder: string, argument: string, types?: CursorTypes): CursorPosition {
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
  const notIssued = () => badInput(`'${argument}' is not a cursor issued by this API: '${cursor.slice(0, 60)}'`, argument);
  if (!valid) throw notIssued();
  const [order, value, id] = parsed as [string, string | number, string | number];
  if (order !== expectedOrder) {
    throw badInput(`the cursor in '${argument}' belongs to ordering ${order}, not ${expectedOrder}`, argument);
  }
  // A forged cursor of the right shape must not reach SQL with a value its ordering cannot compare.
  if (types && !(fitsType(value, types.value) && fitsType(id, types.id))) throw notIssued();
  return { order, value, id };
}
