import { getNamedType, graphql, isObjectType, type GraphQLField } from 'graphql';
import type { RequestContext } from '../../graphql/context';
import { ErrorCode } from '../../graphql/errors/codes';
import { buildRegistrySchema } from '../schema';
import { FLATTENED_LABELS, leafColumn, leafFields, PLACE_COLUMNS } from './export-columns';
import type { WorkbookColumn } from './export-workbook';
import { badParameter } from './export-parameters';
import type { ExportType } from './export-types';

type StatsField = GraphQLField<unknown, unknown>;

/** The Query statistics field of a type (`innovationStudioStats`), while the schema has it. */
export function statsFieldOf(type: ExportType): StatsField | null {
  if (!type.statsField) return null;
  return buildRegistrySchema().getQueryType()?.getFields()[type.statsField] ?? null;
}

interface StatsShape {
  columns: string[];
  selection: string;
  toValues: (group: Record<string, any>) => unknown[];
  /** The same columns as a workbook writes them (Chinese headers, numbers as numbers). */
  workbook: WorkbookColumn[];
}

/**
 * A statistic's columns: provinceCode, provinceName, cityCode, cityName, districtCode, districtName, then the group type's
 * other scalar fields in the schema's order (its dimensions, then count and the sums). Dimensions
 * not grouped by are empty, as in the API.
 */
function statsShape(field: StatsField): StatsShape {
  const groupType = getNamedType(field.type);
  const fields = leafFields(groupType.name).filter((f) => !['provinceCode', 'cityCode', 'districtCode'].includes(f.name));
  const relations = (['province', 'city', 'district'] as const).filter((r) => isObjectType(groupType) && r in groupType.getFields());
  return {
    columns: [...PLACE_COLUMNS, ...fields.map((f) => f.name)],
    workbook: [...PLACE_COLUMNS.map((name) => ({ name, label: FLATTENED_LABELS[name], kind: 'text' as const })), ...fields.map((f) => leafColumn(f))],
    selection: [...fields.map((f) => f.name), ...relations.map((r) => `${r} { code name }`)].join(' '),
    toValues: (g) => [
      g.province?.code ?? null, g.province?.name ?? null, g.city?.code ?? null, g.city?.name ?? null, g.district?.code ?? null, g.district?.name ?? null,
      ...fields.map((f) => g[f.name] ?? null),
    ],
  };
}

/**
 * Runs the type's statistics field through the schema, exactly as a GraphQL client would (the same
 * resolver, service and GROUP BY, the same place names), with the query parameters as variables.
 * Groups are few, so they are read whole, not through a cursor.
 */
export async function statsRows(ctx: RequestContext, field: StatsField, variables: Record<string, unknown>): Promise<{ columns: WorkbookColumn[]; rows: unknown[][] }> {
  const shape = statsShape(field);
  const definitions = field.args.map((a) => `$${a.name}: ${a.type.toString()}`).join(', ');
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const source = `query Export${definitions ? `(${definitions})` : ''} { groups: ${field.name}${args ? `(${args})` : ''} { ${shape.selection} } }`;
  const result = await graphql({ schema: buildRegistrySchema(), source, variableValues: variables, contextValue: ctx });
  const error = result.errors?.[0];
  if (error?.extensions.code === ErrorCode.BAD_USER_INPUT) throw badParameter(String(error.extensions.argument ?? 'filter'), error.message);
  if (error) throw error.originalError ?? error;
  const groups = (result.data?.groups ?? []) as Record<string, unknown>[];
  return { columns: shape.workbook, rows: groups.map(shape.toValues) };
}
