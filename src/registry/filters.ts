import { join, likeContains, planByValues, raw, sql, type SqlFragment } from '../db/sql';

/** Condition builders shared by the modules' filters; each returns [] when the input is absent. */
export const when = {
  equals(column: string, value: unknown): SqlFragment[] {
    return value == null ? [] : [sql`${raw(column)} = ${value}`];
  },
  inList(column: string, values: ReadonlyArray<unknown> | null | undefined): SqlFragment[] {
    return values == null ? [] : [sql`${raw(column)} = ANY(${[...values]})`];
  },
  between(column: string, from: unknown, to: unknown): SqlFragment[] {
    return [...(from == null ? [] : [sql`${raw(column)} >= ${from}`]), ...(to == null ? [] : [sql`${raw(column)} <= ${to}`])];
  },
  /** Archived records only when asked for: ACTIVE (the default), ARCHIVED or ANY. */
  archived(status: 'ACTIVE' | 'ARCHIVED' | 'ANY' | null | undefined): SqlFragment[] {
    if (status === 'ANY') return [];
    return [raw(status === 'ARCHIVED' ? 't.archived_at IS NOT NULL' : 't.archived_at IS NULL')];
  },
  /** Any of the columns contains the text, case-insensitively (names in Chinese or English). */
  contains(columns: string[], text: string | null | undefined): SqlFragment[] {
    const trimmed = text?.trim();
    if (!trimmed) return [];
    const pattern = likeContains(trimmed);
    return [planByValues(sql`(${join(columns.map((c) => sql`${raw(c)} ILIKE ${pattern}`), ' OR ')})`)];
  },
};

/** Filter fields every place-scoped registry type has. */
export interface PlaceFilter {
  provinceCode?: string | null;
  cityCode?: string | null;
  districtCode?: string | null;
}

export function placeConditions(filter: PlaceFilter | null | undefined): SqlFragment[] {
  return [
    ...when.equals('t.province_code', filter?.provinceCode),
    ...when.equals('t.city_code', filter?.cityCode),
    ...when.equals('t.district_code', filter?.districtCode),
  ];
}
