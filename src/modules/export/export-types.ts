import { sql } from '../../db/sql';
import { policy } from '../../auth/policy';
import type { TableSpec } from '../../db/table';
import type { RequestContext } from '../../graphql/context';
import { collectiveInnovationContractTable } from '../collective-innovation-contract/collective-innovation-contract.service';
import { craftsmanAcademyTable } from '../craftsman-academy/craftsman-academy.service';
import { craftsmanTable } from '../craftsman/craftsman.service';
import { enterpriseTable } from '../enterprise/enterprise.service';
import { goalService, goalTable } from '../goal/goal.service';
import type { GoalRow } from '../goal/goal.type';
import { innovationStudioTable } from '../innovation-studio/innovation-studio.service';
import { reportedFigureTable } from '../reported-figure/reported-figure.service';
import { sourceTable } from '../source/source.service';

/** A row as the module's TableSpec maps it (global `id`, `rowId`, the selected columns), plus what the export adds. */
export type ExportRow = Record<string, unknown>;

/**
 * How one registry type is exported (`/export/<slug>.csv|.ndjson`). The rows are the module's own
 * TableSpec (`from`, `columns`, `conditions`): the same SQL as the GraphQL list field. The columns
 * are read from the schema (export-columns.ts), so they follow the API's type.
 */
export interface ExportType {
  /** The URL segment, kebab-case plural. */
  slug: string;
  /** Other segments that name the same export (the CSV import's name for contracts). */
  aliases?: readonly string[];
  /** The GraphQL object type whose scalar fields are the columns. */
  typeName: string;
  /** The Query list field whose `filter` argument the query parameters fill. */
  listField: string;
  /** The Query statistics field behind `/export/stats/<slug>`; used only while the schema has it. */
  statsField?: string;
  /** Filters are typed per module; here they are what the schema coerced, hence `any`. */
  table: TableSpec<unknown, any>;
  /** Has `t.province_code` / `t.city_code` / `t.district_code`: adds provinceCode, provinceName, cityCode, cityName, districtCode, districtName. */
  placed: boolean;
  /** Has `t.enterprise_id`: adds enterpriseCreditCode and enterpriseName. */
  enterprise: boolean;
  /** Nested GraphQL objects flattened into the row, by their path from the row: their scalar fields become columns. */
  nested?: ReadonlyArray<{ path: readonly string[]; typeName: string }>;
  /** Computes `nested` for a batch of rows: one call per batch, never a query per row. */
  enrich?: (ctx: RequestContext, rows: ExportRow[]) => Promise<void>;
}

/**
 * Craftsmen: the personal columns, a batch at a time, only for the rows policy.maySeePersonalData
 * allows for the craftsman's city (ADMIN, the city's own editor); everyone else gets the columns empty.
 * PostgreSQL asks again: the application role reads them only through registry_craftsman_personal,
 * for the caller's own API key (migration 33). One statement per batch, none for a caller who may see none.
 */
async function craftsmanPersonalData(ctx: RequestContext, rows: ExportRow[]): Promise<void> {
  const allowed = rows.filter((row) => policy.maySeePersonalData(ctx.caller, (row.cityCode as string | null) ?? null));
  const found = new Map<number, { nationalIdNumber: string | null; phone: string | null }>();
  if (allowed.length && ctx.apiKey !== null) {
    const personal = await ctx.db.query<{ id: number; nationalIdNumber: string | null; phone: string | null }>(
      sql`SELECT id, national_id_number AS "nationalIdNumber", phone FROM registry_craftsman_personal(${ctx.apiKey}, ${allowed.map((row) => row.rowId as number)})`,
    );
    for (const p of personal) found.set(p.id, p);
  }
  for (const row of rows) {
    const personal = found.get(row.rowId as number);
    row.nationalIdNumber = personal?.nationalIdNumber ?? null;
    row.phone = personal?.phone ?? null;
  }
}

/** Goals with their progress, as `Goal.progress` gives it; goalService batches the batch's goals into one statement. */
async function goalProgress(ctx: RequestContext, rows: ExportRow[]): Promise<void> {
  const progress = await Promise.all(rows.map((row) => goalService.progress(ctx, row as unknown as GoalRow)));
  rows.forEach((row, i) => (row.progress = progress[i]));
}

/** A goal's progress and the evidence under it, flattened (status, reason, explanation; registry records, samples, undated …). */
const GOAL_NESTED = [
  { path: ['progress'], typeName: 'GoalProgress' },
  { path: ['progress', 'evidence'], typeName: 'GoalEvidence' },
] as const;

const EXPORT_TYPES: readonly ExportType[] = [
  { slug: 'innovation-studios', typeName: 'InnovationStudio', listField: 'innovationStudios', statsField: 'innovationStudioStats', table: innovationStudioTable, placed: true, enterprise: true },
  { slug: 'craftsman-academies', typeName: 'CraftsmanAcademy', listField: 'craftsmanAcademies', statsField: 'craftsmanAcademyStats', table: craftsmanAcademyTable, placed: true, enterprise: false },
  {
    slug: 'collective-contracts',
    aliases: ['collective-innovation-contracts'],
    typeName: 'CollectiveInnovationContract',
    listField: 'collectiveContracts',
    statsField: 'collectiveContractStats',
    table: collectiveInnovationContractTable,
    placed: true,
    enterprise: true,
  },
  { slug: 'enterprises', typeName: 'Enterprise', listField: 'enterprises', statsField: 'enterpriseStats', table: enterpriseTable, placed: true, enterprise: false },
  {
    slug: 'craftsmen',
    typeName: 'Craftsman',
    listField: 'craftsmen',
    statsField: 'craftsmanStats',
    table: craftsmanTable,
    placed: true,
    enterprise: true,
    enrich: craftsmanPersonalData,
  },
  { slug: 'goals', typeName: 'Goal', listField: 'goals', table: goalTable, placed: true, enterprise: false, nested: GOAL_NESTED, enrich: goalProgress },
  { slug: 'sources', typeName: 'Source', listField: 'sources', table: sourceTable, placed: false, enterprise: false },
  { slug: 'reported-figures', typeName: 'ReportedFigure', listField: 'reportedFigures', table: reportedFigureTable, placed: true, enterprise: false },
];

export const exportTypeSlugs = (): string[] => EXPORT_TYPES.map((t) => t.slug);

export function exportTypeOf(slug: string): ExportType | null {
  return EXPORT_TYPES.find((t) => t.slug === slug || t.aliases?.includes(slug)) ?? null;
}

export const exportTypes = (): readonly ExportType[] => EXPORT_TYPES;
