import { getNamedType, GraphQLInputObjectType, isNonNullType } from 'graphql';
import type { RecordSpec } from '../../registry/writes/record-spec';
import { buildRegistrySchema } from '../schema';
import { registryTypes } from '..';

/** A record type that can be imported from CSV (`POST /import/<slug>`). */
export interface ImportType {
  /** The URL segment, e.g. `innovation-studios`. */
  slug: string;
  spec: RecordSpec;
  /** The GraphQL bulk upsert of the same records: its `input.records` fields are the CSV's columns. */
  mutation: string;
}

let importTypes: readonly ImportType[] | undefined;

/** Every registry type that declares an import. */
const IMPORT_TYPES = (): readonly ImportType[] =>
  (importTypes ??= registryTypes().flatMap((t) => (t.import && t.record ? [{ slug: t.import.slug, spec: t.record, mutation: t.import.mutation }] : [])));

export const importTypeSlugs = (): string[] => IMPORT_TYPES().map((t) => t.slug);

export function importTypeOf(slug: string): ImportType | null {
  return IMPORT_TYPES().find((t) => t.slug === slug) ?? null;
}

/** The columns a CSV of this type may have, in the GraphQL input's order, and those it must have. */
export interface ImportColumns {
  allowed: string[];
  required: string[];
}

const columnsCache = new Map<string, ImportColumns>();

/**
 * The CSV columns are the fields of the bulk upsert's record input (e.g. `InnovationStudioRecordInput`),
 * read from the built schema so that the two can never drift apart; a field the GraphQL input
 * requires (non-null, e.g. externalId) is a required column.
 */
export function importColumns(type: ImportType): ImportColumns {
  const cached = columnsCache.get(type.slug);
  if (cached) return cached;
  const mutation = buildRegistrySchema().getMutationType()?.getFields()[type.mutation];
  const inputArg = mutation?.args.find((a) => a.name === 'input');
  const input = inputArg && getNamedType(inputArg.type);
  const recordsField = input instanceof GraphQLInputObjectType ? input.getFields().records : undefined;
  const record = recordsField && getNamedType(recordsField.type);
  if (!(record instanceof GraphQLInputObjectType)) throw new Error(`CSV import ${type.slug}: mutation ${type.mutation}(input: { records }) is not in the schema`);
  const fields = Object.values(record.getFields()).filter((f) => f.name in type.spec.fields);
  const columns: ImportColumns = {
    allowed: fields.map((f) => f.name),
    required: fields.filter((f) => isNonNullType(f.type)).map((f) => f.name),
  };
  if (!columns.allowed.includes('externalId')) throw new Error(`CSV import ${type.slug}: ${record.name} has no externalId field`);
  if (!columns.required.includes('externalId')) columns.required.unshift('externalId');
  columnsCache.set(type.slug, columns);
  return columns;
}
