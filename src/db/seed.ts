import type { DataSource } from 'typeorm';
import { loadPublishedDataSet } from '../../seeds/published-data-set';

/**
 * Whether the registry holds no records yet (a fresh database after migrations): no source, no record
 * of any type. Provinces, cities and districts do not count: migrations load them as reference data.
 */
export const REGISTRY_IS_EMPTY = `SELECT NOT EXISTS (SELECT 1 FROM source) AND NOT EXISTS (SELECT 1 FROM enterprise)
  AND NOT EXISTS (SELECT 1 FROM craftsman) AND NOT EXISTS (SELECT 1 FROM craftsman_academy) AND NOT EXISTS (SELECT 1 FROM goal) AS empty`;

export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query(REGISTRY_IS_EMPTY);
  return row.empty as boolean;
}

/** Loads the published data set in one transaction: all of it or nothing. */
export async function seedPublishedDataSet(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await loadPublishedDataSet((sql, params) => manager.query(sql, params));
  });
}
