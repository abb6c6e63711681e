import { InterfaceType } from 'type-graphql';
import { columnFields, columnOf, flag, integer, internal, text, type Column } from './columns';
import { field } from './writes/fields';
import { filterBy } from './filters';
import { DateTimeISOScalar, DivisionCodeScalar } from '../graphql/scalars';
import { Node, type Typed } from '../graphql/relay/node.interface';

const timestamp = columnOf<Date>(() => DateTimeISOScalar);

/** The columns of every writable record (migration 12): its version and its times. */
export const registryRecordColumns = {
  version: integer('t.version', 'Version of the record (版本), 1 when created and one more after every change; an update names the version it read.'),
  createdAt: timestamp('t.created_at', 'When the record was created in the registry.'),
  updatedAt: timestamp('t.updated_at', 'When the record last changed.'),
  archivedAt: timestamp('t.archived_at', 'When the record was archived (归档), or null if it is active. Archived records are left out of lists unless asked for.').orNull(),
};

/** Where a record lies: read by its place relations (province, city, district), not fields of their own. */
export const placeColumns = {
  provinceCode: internal<string>('t.province_code'),
  cityCode: internal<string | null>('t.city_code'),
  districtCode: internal<string | null>('t.district_code'),
};

/**
 * What every record a city portal keeps carries (migration 13): whether it is a sample standing for
 * a published count, the source that documents it, and the portal's own id for it.
 */
export const cityPortalColumns = (noun: string) => ({
  isSample: flag('t.is_sample', SAMPLE_DESCRIPTION),
  sourceId: sourceIdColumn<number | null>(),
  externalId: text('t.external_id', `The city portal's own id for the ${noun} (外部编号), unique within its city.`).orNull().written({ max: 100 }),
});

/** The source that documents a record, written by its ID. */
export const sourceIdColumn = <T extends number | null>() => internal<T>('t.source_id').writtenAs((column) => field.reference(column, 'Source', 'source'));

/** Where a record lies, as clients write it: its city (or, where `province`, a province alone) and district. */
export const placeFields = (province: boolean) => ({
  cityCode: field.city(),
  districtCode: field.district(),
  ...(province ? { provinceCode: field.province() } : {}),
});

const divisionFilter = <T>(column: Column<T>, description: string) => filterBy.equalTo(column, description, () => DivisionCodeScalar);

/** The district filter of every placed record. */
export const districtFilter = { districtCode: divisionFilter(placeColumns.districtCode, 'District division code (区县), e.g. "320102" for 玄武区.') };

/** Where a record lies, as a list filters it. */
export const placeFilters = {
  provinceCode: divisionFilter(placeColumns.provinceCode, 'Province division code, e.g. "320000".'),
  cityCode: divisionFilter(placeColumns.cityCode, 'City division code, e.g. "320100".'),
  ...districtFilter,
};

/**
 * When a record last changed, as every list of records a client writes filters it: what a portal or a BI tool
 * that keeps a copy asks for since its last pull (archived ones too, with `archiveStatus: ANY`). For a sync
 * that misses nothing, even a change committed late, pull `changes` (the change feed) instead.
 */
export const changedFilters = (plural: string) => ({
  updatedFrom: filterBy.atLeast(registryRecordColumns.updatedAt, `${plural[0].toUpperCase()}${plural.slice(1)} changed at or after this instant (更新时间起), e.g. "2026-12-01T00:00:00+08:00".`),
  updatedTo: filterBy.atMost(registryRecordColumns.updatedAt, `${plural[0].toUpperCase()}${plural.slice(1)} changed at or before this instant (更新时间止).`),
});

/** The filters of every record a city portal keeps: samples or real ones, a portal id, archived or not. */
export const cityPortalFilters = (noun: string, plural: string) => {
  const columns = cityPortalColumns(noun);
  return {
    isSample: filterBy.equalTo(columns.isSample, 'true: only sample records; false: only real ones.'),
    externalId: filterBy.equalTo(columns.externalId, `The ${noun} with this portal id (外部编号); combine with cityCode, as ids are unique within a city.`),
    archiveStatus: filterBy.archiveStatus(`Active (default), archived or all ${plural}.`),
    ...changedFilters(plural),
  };
};

/** The bookkeeping every writable record carries: its version for concurrent edits, and its times. */
@InterfaceType('RegistryRecord', {
  implements: Node,
  description: 'A record clients can write (登记记录): versioned for safe concurrent edits, archived rather than deleted.',
  resolveType: (value: Typed) => value.__typename,
})
@columnFields(registryRecordColumns)
export abstract class RegistryRecord extends Node {}

/** What `isSample` says on every type that has sample records. */
export const SAMPLE_DESCRIPTION =
  'A sample record (示例记录): it stands for one of the records a report only counts, so that registry counts equal the published figure. Its name is a label (示例); it carries only what the report states, and every other field is null (unknown, not zero). Filter with isSample: false for real records only.';
