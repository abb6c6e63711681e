import {
  getNamedType,
  getNullableType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLLeafType,
} from 'graphql';
import { chineseTermOf } from '../../common/chinese-term';
import { toGlobalId } from '../../graphql/relay/global-id';
import { buildRegistrySchema } from '../schema';
import type { ExportRow, ExportType } from './export-types';

/** One column of an export: its header, its Chinese label, and its value in a row, serialized as the API serializes it. */
export interface ExportColumn {
  name: string;
  /** The column's Chinese term (the header of a workbook, and one an import reads back); the name where the schema gives none. */
  label: string;
  value: (row: ExportRow) => unknown;
}

/** Columns that flatten a record's place and enterprise (joined in the export's statement). */
export const PLACE_COLUMNS = ['provinceCode', 'provinceName', 'cityCode', 'cityName', 'districtCode', 'districtName'] as const;
export const ENTERPRISE_COLUMNS = ['enterpriseCreditCode', 'enterpriseName'] as const;

/** The Chinese labels of the flattened columns and of the record's ID, which no field description of the type carries. */
export const FLATTENED_LABELS: Record<string, string> = {
  id: 'ID',
  provinceCode: '省份代码',
  provinceName: '省份',
  cityCode: '城市代码',
  cityName: '城市',
  districtCode: '区县代码',
  districtName: '区县',
  enterpriseCreditCode: '企业统一社会信用代码',
  enterpriseName: '企业名称',
};

type LeafField = { name: string; leaf: GraphQLLeafType; description?: string | null };

/** The fields a flat row can hold: one scalar or enum value, no arguments (relations and lists are left out). */
export function leafFields(typeName: string): LeafField[] {
  const type = buildRegistrySchema().getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`export: ${typeName} is not an object type in the schema`);
  return Object.values<GraphQLField<unknown, unknown>>(type.getFields())
    .filter((f) => f.args.length === 0 && !isListType(getNullableType(f.type)) && isLeafType(getNamedType(f.type)))
    .map((f) => ({ name: f.name, leaf: getNamedType(f.type) as GraphQLLeafType, description: f.description }));
}

const serialized =
  ({ name, leaf }: LeafField, read: (row: ExportRow) => unknown = (row) => row[name]) =>
  (row: ExportRow): unknown => {
    const value = read(row);
    return value == null ? null : leaf.serialize(value);
  };

const columnsCache = new Map<string, ExportColumn[]>();

const labelOf = (name: string, description?: string | null) => FLATTENED_LABELS[name] ?? chineseTermOf(description) ?? name;

/**
 * The columns of a type's export, in this order: `id` (the API's global ID); the type's own scalar
 * fields, in the schema's order; provinceCode, provinceName, cityCode, cityName, districtCode, districtName; enterpriseCreditCode,
 * enterpriseName; the IDs of the other records it refers to, as its import takes them (sourceId, leadCraftsmanId…), so that an
 * export edited and sent back to `/import` changes what was edited and nothing else; the scalar fields of nested objects
 * (a goal's progress and its evidence); and last the record's bookkeeping (version, createdAt, updatedAt, archivedAt). A
 * field the API adds to the type is a new column; header names are GraphQL field names and never change otherwise.
 */
export function exportColumns(type: ExportType): ExportColumn[] {
  const cached = columnsCache.get(type.slug);
  if (cached) return cached;
  const bookkeeping = new Set(leafFields('RegistryRecord').map((f) => f.name));
  const flattened = new Set<string>([...(type.placed ? PLACE_COLUMNS : []), ...(type.enterprise ? ENTERPRISE_COLUMNS : [])]);
  const fields = leafFields(type.typeName);
  const id = fields.filter((f) => f.name === 'id');
  const own = fields.filter((f) => !bookkeeping.has(f.name) && f.name !== 'id' && !flattened.has(f.name));
  const names = new Set([...fields.map((f) => f.name), ...flattened]);
  const recordInput = buildRegistrySchema().getType(`${type.typeName}RecordInput`);
  const inputFields = isInputObjectType(recordInput) ? recordInput.getFields() : {};
  const references = type.references.filter((r) => !names.has(r.name)).map((r) => ({ ...r, label: labelOf(r.name, inputFields[r.name]?.description) }));
  const nested = (type.nested ?? []).flatMap(({ path, typeName }) =>
    leafFields(typeName)
      .filter((f) => !names.has(f.name))
      .map((f) => ({ field: f, read: (row: ExportRow) => (path.reduce<unknown>((at, key) => (at as ExportRow | undefined)?.[key], row) as ExportRow | undefined)?.[f.name] })),
  );
  const columns: ExportColumn[] = [
    ...[...id, ...own].map((f) => ({ name: f.name, label: labelOf(f.name, f.description), value: serialized(f) })),
    ...[...flattened].map((name) => ({ name, label: labelOf(name), value: (row: ExportRow) => row[name] ?? null })),
    ...references.map((r) => ({ name: r.name, label: r.label, value: (row: ExportRow) => (row[r.name] == null ? null : toGlobalId(r.typename, row[r.name] as number)) })),
    ...nested.map(({ field, read }) => ({ name: field.name, label: labelOf(field.name, field.description), value: serialized(field, read) })),
    ...fields.filter((f) => bookkeeping.has(f.name) && f.name !== 'id').map((f) => ({ name: f.name, label: labelOf(f.name, f.description), value: serialized(f) })),
  ];
  columnsCache.set(type.slug, columns);
  return columns;
}
