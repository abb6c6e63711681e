import {
  getNamedType,
  getNullableType,
  isEnumType,
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
import { SCALAR_CELLS, type WorkbookColumn } from './export-workbook';

/**
 * One column of an export: its header, its Chinese label (a workbook's header, which an import reads back), how a
 * workbook writes it, and its value in a row, serialized as the API serializes it.
 */
export interface ExportColumn extends WorkbookColumn {
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

const FLATTENED_DESCRIPTIONS: Record<string, string> = {
  provinceCode: 'Province division code (省份代码).',
  provinceName: 'Province name (省份).',
  cityCode: 'City division code (城市代码); empty for a province-level record.',
  cityName: 'City name (城市).',
  districtCode: 'County-level district division code (区县代码), where placed in one.',
  districtName: 'District name (区县).',
  enterpriseCreditCode: "The enterprise's unified social credit code (企业统一社会信用代码).",
  enterpriseName: "The enterprise's registered name (企业名称).",
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


/** A leaf field as a column: its Chinese label, its kind of cell, an enum's Chinese labels, its description. */
export function leafColumn(f: LeafField, read?: (row: ExportRow) => unknown): ExportColumn {
  const enumLabels = isEnumType(f.leaf) ? new Map(f.leaf.getValues().map((v) => [v.name, chineseTermOf(v.description) ?? v.name])) : undefined;
  return { name: f.name, label: labelOf(f.name, f.description), kind: SCALAR_CELLS[f.leaf.name] ?? 'text', enumLabels, description: f.description, value: serialized(f, read) };
}

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
  const references = type.references.filter((r) => !names.has(r.name)).map((r) => ({ ...r, label: labelOf(r.name, inputFields[r.name]?.description), description: inputFields[r.name]?.description }));
  const nested = (type.nested ?? []).flatMap(({ path, typeName }) =>
    leafFields(typeName)
      .filter((f) => !names.has(f.name))
      .map((f) => ({ field: f, read: (row: ExportRow) => (path.reduce<unknown>((at, key) => (at as ExportRow | undefined)?.[key], row) as ExportRow | undefined)?.[f.name] })),
  );
  const columns: ExportColumn[] = [
    ...[...id, ...own].map((f) => leafColumn(f)),
    ...[...flattened].map((name) => ({ name, label: labelOf(name), kind: 'text' as const, description: FLATTENED_DESCRIPTIONS[name], value: (row: ExportRow) => row[name] ?? null })),
    ...references.map((r) => ({
      name: r.name,
      label: r.label,
      kind: 'text' as const,
      description: r.description,
      value: (row: ExportRow) => (row[r.name] == null ? null : toGlobalId(r.typename, row[r.name] as number)),
    })),
    ...nested.map(({ field, read }) => leafColumn(field, read)),
    ...fields.filter((f) => bookkeeping.has(f.name) && f.name !== 'id').map((f) => leafColumn(f)),
  ];
  columnsCache.set(type.slug, columns);
  return columns;
}
