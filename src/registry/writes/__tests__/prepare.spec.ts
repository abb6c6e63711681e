import 'reflect-metadata';
import { Role, type Caller } from '../../../auth/caller';
import { UserErrorCode } from '../../../graphql/errors/user-error';
import { toGlobalId } from '../../../graphql/relay/global-id';
import { field } from '../fields';
import { attachReferences, BatchProblems, checkDrafts, checkSameCityReferences, completeRecords, type Draft, type Target } from '../prepare';
import type { RecordSpec } from '../record-spec';

/** A studio-like type: a name, a kind required of new records, a level with a default, under an enterprise, led by a craftsman of its city. */
const spec: RecordSpec = {
  typename: 'Studio',
  table: 'studio',
  read: null as never,
  scope: 'CITY',
  payloadField: 'studio',
  fields: {
    name: field.text('name', 10),
    kind: field.enum('kind', { A: 'A', B: 'B' }),
    level: field.enum('level', { NONE: 'NONE', HIGH: 'HIGH' }),
    enterpriseId: field.reference('enterprise_id', 'Enterprise', 'enterprise'),
    enterpriseExternalId: field.reference('enterprise_id', 'Enterprise', 'enterprise', 'external_id'),
    leadId: field.reference('lead_id', 'Craftsman', 'craftsman', 'id', { sameCity: true }),
    openedOn: field.date('opened_on'),
    cityCode: field.city(),
  },
  required: ['name', 'province_code'],
  requiredOnCreate: ['kind'],
  defaults: { level: 'NONE' },
  place: { parent: { column: 'enterprise_id', noun: 'enterprise' } },
  externalId: true,
  check: (record) => (record.name === 'bad' ? [['name', 'name must not be bad.']] : []),
};

const editor = (cityCode: string): Caller => ({ kind: 'key', apiKeyId: 1, role: Role.CITY_EDITOR, cityCode, label: 'test' });
const draft = (index: number, values: Record<string, unknown>, existing: Draft['existing'] = null, city?: string): Draft => ({ index, values, existing, city });
const target = (id: number, city_code: string | null, archived = false): Target => ({ id, city_code, province_code: city_code ? `${city_code.slice(0, 2)}0000` : null, archived });

describe('checkDrafts: values field by field, before any SQL', () => {
  it('puts checked values in their columns over the defaults of a new record, and reports each bad one under its field', () => {
    const problems = new BatchProblems();
    const { records } = checkDrafts(spec, [draft(0, { name: ' 工作室 ', kind: 'A', openedOn: '2024-02-30' }), draft(1, { name: 'x'.repeat(11), kind: 'C' })], problems);
    expect(records.get(0)).toEqual({ level: 'NONE', name: '工作室', kind: 'A' });
    expect(problems.all.map((p) => [p.index, p.field, p.code])).toEqual([
      [0, 'openedOn', UserErrorCode.INVALID],
      [1, 'name', UserErrorCode.INVALID],
      [1, 'kind', UserErrorCode.INVALID],
    ]);
  });

  it('clears a column with null on a stored record, keeps the default of a new one (a blank spreadsheet cell)', () => {
    const problems = new BatchProblems();
    const stored = { id: 7, name: '旧', kind: 'A', level: 'HIGH', opened_on: '2020-01-01' };
    const { records } = checkDrafts(spec, [draft(0, { openedOn: null, level: null }, stored), draft(1, { name: '新', level: null })], problems);
    expect(records.get(0)).toMatchObject({ opened_on: null, level: null });
    expect(records.get(1)).toMatchObject({ level: 'NONE' });
    expect(problems.all).toEqual([]);
  });

  it('refuses two fields that fill one column, and leaves references pending, the parent of a stored record included', () => {
    const problems = new BatchProblems();
    const enterprise = toGlobalId('Enterprise', 3);
    const { pending } = checkDrafts(spec, [draft(0, { enterpriseId: enterprise, enterpriseExternalId: 'E-1' }), draft(1, { name: '改' }, { id: 9, enterprise_id: 4 })], problems);
    expect(problems.all).toEqual([expect.objectContaining({ index: 0, field: 'enterpriseExternalId', message: 'Give only one of enterpriseId, enterpriseExternalId.' })]);
    expect(pending.map((p) => [p.index, p.field, p.ref.by, p.ref.value])).toEqual([
      [0, 'enterpriseId', 'id', 3],
      [1, 'enterpriseId', 'id', 4],
    ]);
  });
});

describe('attachReferences and checkSameCityReferences: looked-up rows into columns', () => {
  it('finds an external id only in the record’s own city, reports what is missing or newly archived, and hands over the parent', () => {
    const problems = new BatchProblems();
    const drafts = [draft(0, { enterpriseExternalId: 'E-1' }, null, '320100'), draft(1, { enterpriseExternalId: 'E-1' }, null, '320500'), draft(2, { enterpriseId: toGlobalId('Enterprise', 5) })];
    const checked = checkDrafts(spec, drafts, problems);
    const targets = new Map([
      ['enterprise|external_id|E-1', [target(11, '320100')]],
      ['enterprise|id|5', [target(5, '320100', true)]],
    ]);
    const parents = attachReferences(spec, drafts, checked, targets, problems);
    expect(checked.records.get(0)!.enterprise_id).toBe(11);
    expect(parents.get(0)).toMatchObject({ id: 11, city_code: '320100' });
    expect(problems.all.map((p) => [p.index, p.field, p.code])).toEqual([
      [1, 'enterpriseExternalId', UserErrorCode.NOT_FOUND],
      [2, 'enterpriseId', UserErrorCode.INVALID],
    ]);
  });

  it('refuses a same-city reference of another city once the record’s city is known', () => {
    const problems = new BatchProblems();
    const drafts = [draft(0, { leadId: toGlobalId('Craftsman', 8) })];
    const checked = checkDrafts(spec, drafts, problems);
    const targets = new Map([['craftsman|id|8', [target(8, '320500')]]]);
    attachReferences(spec, drafts, checked, targets, problems);
    checked.records.get(0)!.city_code = '320100';
    checkSameCityReferences(spec, checked, targets, problems);
    expect(problems.all).toEqual([expect.objectContaining({ field: 'leadId', code: UserErrorCode.INVALID })]);
  });
});

describe('completeRecords: required values, rules between fields, the policy', () => {
  const complete = (drafts: Draft[], records: Array<Record<string, unknown>>, caller: Caller = editor('320100'), problems = new BatchProblems()) => {
    completeRecords(caller, spec, drafts, new Map(records.map((r, i) => [drafts[i].index, r])), problems);
    return problems.all.map((p) => [p.index, p.field, p.code, p.message]);
  };

  it('requires of a new record what it must state, and of a stored one only what it already has', () => {
    const drafts = [draft(0, {}), draft(1, {}, { id: 1, kind: null }), draft(2, {}, { id: 2, kind: 'A' })];
    const records = [
      { name: '新', province_code: '320000', city_code: '320100' },
      { name: '旧', province_code: '320000', city_code: '320100', kind: null },
      { name: '旧', province_code: '320000', city_code: '320100', kind: null },
    ];
    expect(complete(drafts, records)).toEqual([
      [0, 'kind', UserErrorCode.INVALID, 'kind is required.'],
      [2, 'kind', UserErrorCode.INVALID, 'kind is required.'],
    ]);
  });

  it('does not repeat a problem already reported for the column, nor a province missing for an unknown city', () => {
    const problems = new BatchProblems();
    problems.add(0, 'name', UserErrorCode.INVALID, 'name must be at most 10 characters (got 11).');
    problems.add(0, 'cityCode', UserErrorCode.NOT_FOUND, 'No city with division code 329900 is in the registry.');
    expect(complete([draft(0, {})], [{ kind: 'A', city_code: '320100' }], editor('320100'), problems)).toEqual([
      [0, 'name', UserErrorCode.INVALID, 'name must be at most 10 characters (got 11).'],
      [0, 'cityCode', UserErrorCode.NOT_FOUND, 'No city with division code 329900 is in the registry.'],
    ]);
  });

  it("applies the type's rules and refuses another city's record as FORBIDDEN under cityCode", () => {
    const records = [{ name: 'bad', kind: 'A', province_code: '320000', city_code: '320100' }, { name: '苏州', kind: 'A', province_code: '320000', city_code: '320500' }];
    expect(complete([draft(0, {}), draft(1, {})], records)).toEqual([
      [0, 'name', UserErrorCode.INVALID, 'name must not be bad.'],
      [1, 'cityCode', UserErrorCode.FORBIDDEN, 'This key edits records of city 320100 only; the record is in city 320500.'],
    ]);
  });
});
