import { Role, type Caller } from '../../auth/caller';
import { policy } from '../../auth/policy';
import { UserErrorCode } from '../../graphql/errors/user-error';
import type { RequestDb } from '../../db/request-db';
import { raw, sql } from '../../db/sql';
import { checkValue, type PendingReference } from './fields';
import { fieldOfColumn, type ColumnRecord, type RecordSpec } from './record-spec';

/** One record to write: the input fields given (undefined = not given), and the stored row it changes. */
export interface Draft {
  index: number;
  values: Record<string, unknown>;
  existing: ColumnRecord | null;
  /** The city a new record's portal ids (its own and its references') belong to, when known up front. */
  city?: string | null;
}

export interface Problem {
  index: number;
  field: string | null;
  code: UserErrorCode;
  message: string;
  /** For CONFLICT: the version the record has now. */
  currentVersion?: number;
}

export interface Prepared {
  index: number;
  existing: ColumnRecord | null;
  record: ColumnRecord;
}

export interface Target {
  id: number;
  city_code: string | null;
  province_code: string | null;
  archived: boolean;
}

type Pending = { index: number; column: string; field: string; ref: PendingReference; city: string | null };

/** The problems of a batch, also by draft, so that checks per draft do not scan every problem of the batch (5,000 rows). */
export class BatchProblems {
  readonly all: Problem[] = [];
  private readonly byIndex = new Map<number, Problem[]>();

  add(index: number, field: string | null, code: UserErrorCode, message: string): void {
    const found: Problem = { index, field, code, message };
    this.all.push(found);
    const list = this.byIndex.get(index);
    if (list) list.push(found);
    else this.byIndex.set(index, [found]);
  }

  of(index: number): readonly Problem[] {
    return this.byIndex.get(index) ?? [];
  }
}

/** Drafts checked field by field: the column values so far, the columns each gave, the references still to look up. */
export interface CheckedDrafts {
  records: Map<number, ColumnRecord>;
  given: Map<number, Set<string>>;
  pending: Pending[];
}

/**
 * Step 1, without the database: each given value checked by its field's kind and put in its column
 * (on the stored row, or the defaults of a new one); null clears a column, but on a new record keeps
 * its default (a blank CSV cell); two fields filling one column (by ID and by external id) may not
 * both be given; references are left pending for the batch's lookup.
 */
export function checkDrafts(spec: RecordSpec, drafts: readonly Draft[], problems: BatchProblems): CheckedDrafts {
  const pending: Pending[] = [];
  const records = new Map<number, ColumnRecord>();
  const given = new Map<number, Set<string>>();
  for (const draft of drafts) {
    const record: ColumnRecord = { ...(draft.existing ?? spec.defaults ?? {}) };
    const columnsGiven = new Set<string>();
    const valuesGiven = new Set<string>();
    for (const [name, value] of Object.entries(draft.values)) {
      const f = spec.fields[name];
      if (value === undefined || !f) continue;
      const checked = checkValue(f, value);
      if (!checked.ok) {
        problems.add(draft.index, name, UserErrorCode.INVALID, `${name} ${checked.message}.`);
        continue;
      }
      columnsGiven.add(f.column);
      if (checked.value === null) {
        const keepsDefault = draft.existing === null && spec.defaults?.[f.column] !== undefined;
        if (!valuesGiven.has(f.column) && !keepsDefault) record[f.column] = null;
        continue;
      }
      if (valuesGiven.has(f.column)) {
        const others = Object.entries(spec.fields).filter(([, o]) => o.column === f.column).map(([n]) => n);
        problems.add(draft.index, name, UserErrorCode.INVALID, `Give only one of ${others.join(', ')}.`);
        continue;
      }
      valuesGiven.add(f.column);
      if (f.kind.type === 'reference') pending.push({ index: draft.index, column: f.column, field: name, ref: checked.value as PendingReference, city: draft.city ?? null });
      else record[f.column] = checked.value;
    }
    records.set(draft.index, record);
    given.set(draft.index, columnsGiven);
  }
  // The parent of an existing record is looked up too: its city decides the record's.
  const parent = spec.place?.parent;
  if (parent) {
    const parentPending = new Set(pending.filter((p) => p.column === parent.column).map((p) => p.index));
    for (const draft of drafts) {
      const id = records.get(draft.index)![parent.column];
      if (!parentPending.has(draft.index) && typeof id === 'number') {
        const [field, f] = Object.entries(spec.fields).find(([, o]) => o.column === parent.column)!;
        const kind = f.kind as { typename: string; table: string };
        pending.push({ index: draft.index, column: parent.column, field, ref: { table: kind.table, typename: kind.typename, by: 'id', value: id }, city: null });
        parentPending.add(draft.index);
      }
    }
  }
  return { records, given, pending };
}

/**
 * Step 3, without the database: the looked-up references put in their columns (an external id
 * names a record of the record's own city); one not found is NOT_FOUND, a newly named archived one
 * INVALID. Returns each record's parent row, whose place the record takes.
 */
export function attachReferences(spec: RecordSpec, drafts: readonly Draft[], checked: CheckedDrafts, targets: Map<string, Target[]>, problems: BatchProblems): Map<number, Target> {
  const parent = spec.place?.parent;
  const parents = new Map<number, Target>();
  const draftOf = new Map<number, Draft>();
  for (const d of drafts) if (!draftOf.has(d.index)) draftOf.set(d.index, d);
  for (const p of checked.pending) {
    const record = checked.records.get(p.index)!;
    const city = p.city ?? (record.city_code as string | null) ?? null;
    const found = targets.get(referenceKey(p.ref))?.filter((t) => p.ref.by !== 'external_id' || t.city_code === city) ?? [];
    if (!found.length) {
      const where = p.ref.by === 'external_id' ? ` with external id '${p.ref.value}' in city ${city ?? '(none given)'}` : p.ref.by === 'credit_code' ? ` with credit code ${p.ref.value}` : '';
      problems.add(p.index, p.field, UserErrorCode.NOT_FOUND, `No ${p.ref.typename}${where} exists${p.ref.by === 'id' ? ' with this ID' : ''}.`);
      continue;
    }
    const target = found[0];
    if (target.archived && draftOf.get(p.index)!.existing?.[p.column] !== target.id) {
      problems.add(p.index, p.field, UserErrorCode.INVALID, `${p.field} refers to an archived ${p.ref.typename}; restore it first.`);
    }
    record[p.column] = target.id;
    if (parent && p.column === parent.column) parents.set(p.index, target);
  }
  return parents;
}

/** Step 5, without the database: references that must share the record's city (a studio's lead craftsman), once its city is settled. */
export function checkSameCityReferences(spec: RecordSpec, checked: CheckedDrafts, targets: Map<string, Target[]>, problems: BatchProblems): void {
  for (const p of checked.pending) {
    const kind = spec.fields[p.field].kind;
    if (kind.type !== 'reference' || !kind.sameCity) continue;
    const record = checked.records.get(p.index)!;
    const target = targets.get(referenceKey(p.ref))?.find((t) => t.id === record[p.column]);
    if (target && target.city_code !== (record.city_code ?? null)) {
      problems.add(p.index, p.field, UserErrorCode.INVALID, `${p.field} must name a ${p.ref.typename} of the record's city (${record.city_code ?? 'none'}), not of ${target.city_code ?? 'no city'}.`);
    }
  }
}

/**
 * Step 6, without the database: every required column holds a value (a stored record may lack one
 * its source did not give, requiredOnCreate, but may not lose one it has; a problem already reported
 * for the column is not repeated), the type's rules between fields hold, and the policy lets the
 * caller write in the record's city.
 */
export function completeRecords(caller: Caller, spec: RecordSpec, drafts: readonly Draft[], records: Map<number, ColumnRecord>, problems: BatchProblems): Prepared[] {
  const prepared: Prepared[] = [];
  for (const draft of drafts) {
    const record = records.get(draft.index)!;
    const requiredOnCreate = (spec.requiredOnCreate ?? []).filter((column) => draft.existing === null || draft.existing[column] != null);
    for (const column of [...spec.required, ...requiredOnCreate]) {
      const requiredColumn = spec.fields[fieldOfColumn(spec, column) ?? '']?.column ?? column;
      const earlier = problems.of(draft.index);
      const reported =
        earlier.some((p) => p.field !== null && (spec.fields[p.field]?.column ?? p.field) === requiredColumn) ||
        // an unknown city already says why there is no province
        (column === 'province_code' && earlier.some((p) => p.field === 'cityCode'));
      if (record[column] == null && !reported) {
        problems.add(draft.index, fieldOfColumn(spec, column), UserErrorCode.INVALID, `${fieldOfColumn(spec, column)} is required.`);
      }
    }
    for (const [column, message] of spec.check?.(record) ?? []) problems.add(draft.index, fieldOfColumn(spec, column), UserErrorCode.INVALID, message);
    const allowed = policy.mayWriteInCity(caller, spec.scope, spec.place ? ((record.city_code as string | null) ?? null) : null);
    if (!allowed.allowed && !problems.of(draft.index).some((p) => p.code === UserErrorCode.FORBIDDEN)) {
      problems.add(draft.index, spec.place ? 'cityCode' : null, UserErrorCode.FORBIDDEN, allowed.reason);
    }
    prepared.push({ index: draft.index, existing: draft.existing, record });
  }
  return prepared;
}

const referenceKey = (ref: PendingReference) => `${ref.table}|${ref.by}|${ref.value}`;

/**
 * Checks a batch of drafts and completes them into the rows to store, in steps: values checked
 * field by field (checkDrafts), references looked up (one statement per referenced table and key),
 * attached (attachReferences), the place settled (city from the parent record, province from the
 * city), same-city references checked, required fields, cross-field rules and the caller's right
 * to write each record in its city (completeRecords), then the rules that need stored data. Statements
 * per batch depend on the record type, not on the number of records.
 */
export async function prepareDrafts(tx: RequestDb, caller: Caller, spec: RecordSpec, drafts: Draft[]): Promise<{ prepared: Prepared[]; problems: Problem[] }> {
  const problems = new BatchProblems();
  const checked = checkDrafts(spec, drafts, problems);
  const targets = await lookUpReferences(tx, checked.pending);
  const parents = attachReferences(spec, drafts, checked, targets, problems);
  if (spec.place) await settlePlaces(tx, caller, spec, drafts, checked, parents, problems);
  checkSameCityReferences(spec, checked, targets, problems);
  const prepared = completeRecords(caller, spec, drafts, checked.records, problems);
  for (const p of (await spec.checkStored?.(tx, prepared)) ?? []) problems.add(p.index, p.column === null ? null : fieldOfColumn(spec, p.column), p.code, p.message);
  return { prepared, problems: problems.all.sort((a, b) => a.index - b.index) };
}

/** One statement per (table, key kind): the referenced records with their place and archive state. */
async function lookUpReferences(tx: RequestDb, pending: Pending[]): Promise<Map<string, Target[]>> {
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const key = `${p.ref.table}|${p.ref.by}`;
    const group = groups.get(key);
    if (group) group.push(p);
    else groups.set(key, [p]);
  }
  const found = new Map<string, Target[]>();
  for (const [key, group] of groups) {
    const [table, by] = key.split('|');
    const values = [...new Set(group.map((p) => p.ref.value))];
    const hasPlace = table !== 'source';
    const rows = await tx.query<Target & { key: string }>(sql`
      SELECT id, ${raw(hasPlace ? 'city_code, province_code' : 'NULL AS city_code, NULL AS province_code')},
        archived_at IS NOT NULL AS archived, ${raw(by)}::text AS key
      FROM ${raw(table)} WHERE ${raw(by)} = ANY(${by === 'id' ? values.map(Number) : values})`);
    for (const row of rows) {
      const k = `${table}|${by}|${by === 'id' ? Number(row.key) : row.key.trim()}`;
      const list = found.get(k);
      if (list) list.push(row);
      else found.set(k, [row]);
    }
  }
  return found;
}

/**
 * The place rules: a record with a parent lies in the parent's city (a different city given is an
 * error); a city editor's new record defaults to its city; a district must exist and lie in the
 * record's city, and gives a record with no city its city; the city must exist and decides the
 * province; a record with no city needs a province that exists. A record that changes city without
 * naming a district loses its district (that lay in the old city).
 */
async function settlePlaces(tx: RequestDb, caller: Caller, spec: RecordSpec, drafts: Draft[], checked: CheckedDrafts, parents: Map<number, Target>, problems: BatchProblems): Promise<void> {
  const { records, given } = checked;
  const problem = problems.add.bind(problems);
  for (const draft of drafts) {
    const record = records.get(draft.index)!;
    const parentRow = parents.get(draft.index);
    if (parentRow) {
      if (given.get(draft.index)!.has('city_code') && record.city_code != null && record.city_code !== parentRow.city_code) {
        problem(draft.index, 'cityCode', UserErrorCode.INVALID, `cityCode must be the city of its ${spec.place!.parent!.noun} (${parentRow.city_code ?? 'none'}), not ${record.city_code}.`);
      }
      record.city_code = parentRow.city_code;
      record.province_code = parentRow.province_code;
    } else if (record.city_code == null && draft.existing === null && caller.kind === 'key' && caller.role === Role.CITY_EDITOR && 'cityCode' in spec.fields) {
      record.city_code = caller.cityCode;
    }
  }
  if ('districtCode' in spec.fields) await settleDistricts(tx, drafts, checked, parents, problems);
  const cityCodes = codesIn(records, 'city_code');
  const provinceCodes = codesIn(records, 'province_code');
  const cities = new Map<string, string>();
  const provinces = new Set<string>();
  if (cityCodes.length) {
    for (const c of await tx.query<{ code: string; province: string }>(sql`SELECT code, province_code AS province FROM city WHERE code = ANY(${cityCodes})`)) cities.set(c.code, c.province);
  }
  if (provinceCodes.length) {
    for (const p of await tx.query<{ code: string }>(sql`SELECT code FROM province WHERE code = ANY(${provinceCodes})`)) provinces.add(p.code);
  }
  for (const draft of drafts) {
    const record = records.get(draft.index)!;
    if (parents.has(draft.index)) continue;
    const city = record.city_code as string | null;
    if (city != null) {
      const province = cities.get(city);
      if (!province) {
        problem(draft.index, 'cityCode', UserErrorCode.NOT_FOUND, `No city with division code ${city} is in the registry.`);
        continue;
      }
      if (given.get(draft.index)!.has('province_code') && record.province_code != null && record.province_code !== province) {
        problem(draft.index, 'provinceCode', UserErrorCode.INVALID, `City ${city} lies in province ${province}, not ${record.province_code}.`);
      }
      record.province_code = province;
    } else if (record.province_code != null && !provinces.has(record.province_code as string)) {
      problem(draft.index, 'provinceCode', UserErrorCode.NOT_FOUND, `No province with division code ${record.province_code} is in the registry.`);
    }
  }
}

/** The district rules of settlePlaces: one statement for the batch's districts. */
async function settleDistricts(tx: RequestDb, drafts: Draft[], checked: CheckedDrafts, parents: Map<number, Target>, problems: BatchProblems): Promise<void> {
  const { records, given } = checked;
  const problem = problems.add.bind(problems);
  for (const draft of drafts) {
    const record = records.get(draft.index)!;
    const moved = draft.existing !== null && draft.existing.city_code !== record.city_code;
    if (moved && !given.get(draft.index)!.has('district_code')) record.district_code = null;
  }
  const codes = codesIn(records, 'district_code');
  if (!codes.length) return;
  const districts = new Map<string, { city: string; name: string }>();
  for (const d of await tx.query<{ code: string; city: string; name: string }>(sql`SELECT code, city_code AS city, name FROM district WHERE code = ANY(${codes})`)) {
    districts.set(d.code, { city: d.city, name: d.name });
  }
  for (const draft of drafts) {
    const record = records.get(draft.index)!;
    const code = record.district_code as string | null;
    if (code == null) continue;
    const district = districts.get(code);
    if (!district) {
      problem(draft.index, 'districtCode', UserErrorCode.NOT_FOUND, `No district with division code ${code} is in the registry.`);
      continue;
    }
    if (record.city_code == null && !parents.has(draft.index)) record.city_code = district.city;
    else if (record.city_code !== district.city) {
      problem(draft.index, 'districtCode', UserErrorCode.INVALID, `District ${code} (${district.name}) lies in city ${district.city}, not in the record's city ${record.city_code ?? '(none)'}.`);
    }
  }
}

/** The distinct division codes a column holds across the batch's records, for one lookup statement. */
function codesIn(records: Map<number, ColumnRecord>, column: string): string[] {
  return [...new Set([...records.values()].map((r) => r[column]).filter((c): c is string => typeof c === 'string'))];
}
