/**
 * Name searches (`nameContains`, ILIKE '%…%') are served by pg_trgm's GIN indexes (migration 36), in
 * Chinese too: the embedded database is created with C.UTF-8 character classes, under which PostgreSQL
 * sees trigrams in Chinese text (under plain C it sees none, and the index could not narrow anything).
 */
import { sqlRows } from '../setup/queries';
import { startTestApp, type TestApp } from '../setup/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

it('has a trigram index on every column a name search reads', async () => {
  const indexes = await sqlRows(app, `SELECT tablename || '.' || indexname AS name FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY 1`);
  expect(indexes.map((r) => r.name)).toEqual([
    'competition_award.competition_award_winner_name_trgm_idx',
    'craftsman.craftsman_name_trgm_idx',
    'craftsman_academy.craftsman_academy_name_trgm_idx',
    'enterprise.enterprise_name_en_trgm_idx',
    'enterprise.enterprise_name_trgm_idx',
    'enterprise_service_request.enterprise_service_request_subject_trgm_idx',
    'grassroots_organisation.grassroots_organisation_name_trgm_idx',
    'innovation_studio.innovation_studio_name_trgm_idx',
    'reform_alliance.reform_alliance_name_trgm_idx',
    'reform_demonstration.reform_demonstration_name_trgm_idx',
    'skill_competition.skill_competition_name_trgm_idx',
    'training_programme.training_programme_name_trgm_idx',
  ]);
});

it('sees trigrams in Chinese names, so that the index narrows a Chinese search', async () => {
  const [{ trigrams }] = await sqlRows(app, `SELECT registry_search.show_trgm('南京工匠学院') AS trigrams`);
  expect(trigrams.length).toBeGreaterThan(4);
});

it('answers a search of three characters or more from the index', async () => {
  // The test tables are small enough for a sequential scan to win; without it, the index must serve the search.
  const plan = await app.dataSource.transaction(async (tx) => {
    await tx.query('SET LOCAL enable_seqscan = off');
    return (await tx.query(`EXPLAIN SELECT id FROM innovation_studio t WHERE t.name ILIKE '%创新工作室%' AND t.archived_at IS NULL`)).map((r: any) => r['QUERY PLAN']).join('\n');
  });
  expect(plan).toMatch(/Bitmap Index Scan on innovation_studio_name_trgm_idx/);
});
