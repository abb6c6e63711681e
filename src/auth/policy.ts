import { Role, type Caller } from './caller';

/**
 * The one place that says who may do what. Services ask it before every read of personal data
 * and every write; PostgreSQL's row-level security repeats the write rules (migration 16).
 */

/** Whether records of this kind are kept by city portals (CITY_EDITOR) or by ADMIN alone. */
export type WriteScope = 'CITY' | 'ADMIN_ONLY';

export type Denial = { allowed: false; reason: string } | { allowed: true };

const ALLOWED: Denial = { allowed: true };
const deny = (reason: string): Denial => ({ allowed: false, reason });

function roleOf(caller: Caller): Role | null {
  return caller.kind === 'key' ? caller.role : null;
}

export const policy = {
  isAdmin(caller: Caller): boolean {
    return roleOf(caller) === Role.ADMIN;
  },

  /** National ID numbers and phone numbers: ADMIN, and the editor of the person's own city. */
  maySeePersonalData(caller: Caller, recordCityCode: string | null): boolean {
    if (caller.kind !== 'key') return false;
    if (caller.role === Role.ADMIN) return true;
    return caller.role === Role.CITY_EDITOR && recordCityCode !== null && caller.cityCode === recordCityCode;
  },

  /** Whether the caller may see any personal data at all (ADMIN, a city editor), before looking at a record. */
  mayHavePersonalData(caller: Caller): boolean {
    return caller.kind === 'key' && (caller.role === Role.ADMIN || caller.role === Role.CITY_EDITOR);
  },

  /** May the caller write records of this kind at all (before looking at any record)? */
  mayWriteKind(caller: Caller, scope: WriteScope): Denial {
    const role = roleOf(caller);
    if (role === Role.ADMIN) return ALLOWED;
    if (role === Role.CITY_EDITOR && scope === 'CITY') return ALLOWED;
    if (role === null) return deny('Writing requires an API key (Authorization: Bearer <key>).');
    return deny(scope === 'ADMIN_ONLY' ? 'Only ADMIN keys may change these records.' : `${role} keys may not change records.`);
  },

  /** May the caller write a record in this city (its city before and after the change)? */
  mayWriteInCity(caller: Caller, scope: WriteScope, recordCityCode: string | null): Denial {
    const kind = policy.mayWriteKind(caller, scope);
    if (!kind.allowed || caller.kind !== 'key' || caller.role === Role.ADMIN) return kind;
    if (recordCityCode === null) return deny('City editors may only change records of their own city; this record has no city.');
    if (recordCityCode !== caller.cityCode) return deny(`This key edits records of city ${caller.cityCode} only; the record is in city ${recordCityCode}.`);
    return ALLOWED;
  },

  /** The audit log as a whole and API keys: ADMIN only. */
  mayAdminister(caller: Caller): Denial {
    return policy.isAdmin(caller) ? ALLOWED : deny('Only ADMIN keys may do this.');
  },

  /**
   * Introspection (`__schema`, `__type`) and "Did you mean …" suggestions in error messages: open in
   * local development; in production for ADMIN and ANALYST keys only, so that other callers cannot
   * map the schema beyond what they are given.
   */
  mayExploreSchema(caller: Caller, production: boolean): boolean {
    if (!production) return true;
    const role = roleOf(caller);
    return role === Role.ADMIN || role === Role.ANALYST;
  },
};
