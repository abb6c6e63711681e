import type { DataSource } from 'typeorm';
import { loadPublishedDataSet } from '../../seeds/published-data-set';

/** True when the registry holds no data yet (a fresh database after migrations). */
export async function isEmpty(dataSource: DataSource): Promise<boolean> {
  const [row] = await dataSource.query('SELECT NOT EXISTS (SELECT 1 FROM province) AS empty');
  return row.empty as boolean;
}

/** Loads the published data set in one transaction: all of it or nothing. */
export async function seedPublishedDataSet(dataSource: DataSource): Promise<void> {
  await dataSource.transaction(async (manager) => {
    await loadPublishedDataSet((sql, params) => manager.query(sql, params));
  });
}
