import { registryTypes } from '..';
import type { ExportDeclaration, ExportRow } from '../../registry/registry-type';
import { columnsByAlias, type TableSpec } from '../../registry/table';

export type { ExportRow };

/**
 * How one registry type is exported (`/export/<slug>.csv|.ndjson`): its module's declaration
 * (ExportDeclaration, src/registry/registry-type.ts) with the type's table, so the rows are the same
 * SQL as the GraphQL list field. The columns are read from the schema (export-columns.ts), so they
 * follow the API's type.
 */
export interface ExportType extends ExportDeclaration {
  /** The GraphQL object type whose scalar fields are the columns. */
  typeName: string;
  /** Filters are typed per module; here they are what the schema coerced, hence `any`. */
  table: TableSpec<unknown, any>;
  /** Has `t.province_code` / `t.city_code` / `t.district_code`: adds provinceCode, provinceName, cityCode, cityName, districtCode, districtName. */
  placed: boolean;
  /** Has `t.enterprise_id`: adds enterpriseCreditCode and enterpriseName. */
  enterprise: boolean;
  /** The records it refers to by ID as its writes take them (sourceId, leadCraftsmanId), other than its enterprise: a column each. */
  references: ReadonlyArray<{ name: string; typename: string }>;
}

let declared: readonly ExportType[] | undefined;

/** Every registry type that declares an export; place and enterprise columns where its table selects them. */
export function exportTypes(): readonly ExportType[] {
  return (declared ??= registryTypes().flatMap((t) => {
    if (!t.export) return [];
    const columns = columnsByAlias(t.table);
    const enterprise = columns.has('enterpriseId');
    const references = Object.entries(t.record?.fields ?? {}).flatMap(([name, f]) =>
      f.kind.type === 'reference' && f.kind.by === 'id' && columns.has(name) && !(enterprise && f.column === 'enterprise_id') ? [{ name, typename: f.kind.typename }] : [],
    );
    return [{ ...t.export, typeName: t.typename, table: t.table, placed: columns.has('provinceCode'), enterprise, references }];
  }));
}

export const exportTypeSlugs = (): string[] => exportTypes().map((t) => t.slug);

export function exportTypeOf(slug: string): ExportType | null {
  return exportTypes().find((t) => t.slug === slug || t.aliases?.includes(slug)) ?? null;
}
