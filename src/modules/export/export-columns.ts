import {
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  type GraphQLField,
  type GraphQLLeafType,
} from 'graphql';
import { buildRegistrySchema } from '../schema';
import type { ExportRow, ExportType } from './export-types';

/** One column of an export: its header and its value in a row, serialized as the API serializes it. */
export interface ExportColumn {
  name: string;
  value: (row: ExportRow) => unknown;
}

/** Columns that flatten a record's place and enterprise (joined in the export's statement). */
export const PLACE_COLUMNS = ['provinceCode', 'provinceName', 'cityCode', 'cityName', 'districtCode', 'districtName'] as const;
export const ENTERPRISE_COLUMNS = ['enterpriseCreditCode', 'enterpriseName'] as const;

type LeafField = { name: string; leaf: GraphQLLeafType };

/** The fields a flat row can hold: one scalar or enum value, no arguments (relations and lists are left out). */
export function leafFields(typeName: string): LeafField[] {
  const type = buildRegistrySchema().getType(typeName);
  if (!isObjectType(type) && !isInterfaceType(type)) throw new Error(`export: ${typeName} is not an object type in the schema`);
  return Object.values<GraphQLField<unknown, unknown>>(type.getFields())
    .filter((f) => f.args.length === 0 && !isListType(getNullableType(f.type)) && isLeafType(getNamedType(f.type)))
    .map((f) => ({ name: f.name, leaf: getNamedType(f.type) as GraphQLLeafType }));
}

const serialized =
  ({ name, leaf }: LeafField, read: (row: ExportRow) => unknown = (row) => row[name]) =>
  (row: ExportRow): unknown => {
    const value = read(row);
    return value == null ? null : leaf.serialize(value);
  };

const columnsCache = new Map<string, ExportColumn[]>();

/**
 * The columns of a type's export, in this order: `id` (the API's global ID); the type's own scalar
 * fields, in the schema's order; provinceCode, provinceName, cityCode, cityName, districtCode, districtName; enterpriseCreditCode,
 * enterpriseName; the scalar fields of nested objects (a goal's progress and its evidence); and last the record's
 * bookkeeping (version, createdAt, updatedAt, archivedAt). A field the API adds to the type is a new
 * column; header names are GraphQL field names and never change otherwise.
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
  const nested = (type.nested ?? []).flatMap(({ path, typeName }) =>
    leafFields(typeName)
      .filter((f) => !names.has(f.name))
      .map((f) => ({ field: f, read: (row: ExportRow) => (path.reduce<unknown>((at, key) => (at as ExportRow | undefined)?.[key], row) as ExportRow | undefined)?.[f.name] })),
  );
  const columns: ExportColumn[] = [
    ...[...id, ...own].map((f) => ({ name: f.name, value: serialized(f) })),
    ...[...flattened].map((name) => ({ name, value: (row: ExportRow) => row[name] ?? null })),
    ...nested.map(({ field, read }) => ({ name: field.name, value: serialized(field, read) })),
    ...fields.filter((f) => bookkeeping.has(f.name) && f.name !== 'id').map((f) => ({ name: f.name, value: serialized(f) })),
  ];
  columnsCache.set(type.slug, columns);
  return columns;
}
