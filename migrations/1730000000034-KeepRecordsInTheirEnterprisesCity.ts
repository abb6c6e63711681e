import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Tables whose records may name an enterprise, and so must lie in its city and province. */
const UNDER_ENTERPRISE = ['innovation_studio', 'collective_innovation_contract', 'craftsman'];

/** The enterprises' and craftsmen's rule as this migration made it (migration 38 restores it on the way down). */
export const KEEPS_DEPENDENTS_IN_CITY = `
  CREATE OR REPLACE FUNCTION registry_keeps_dependents_in_city() RETURNS trigger
  LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
      IF NEW.city_code IS DISTINCT FROM OLD.city_code OR NEW.province_code IS DISTINCT FROM OLD.province_code THEN
        IF TG_TABLE_NAME = 'enterprise' AND (EXISTS (SELECT 1 FROM innovation_studio s WHERE s.enterprise_id = NEW.id)
            OR EXISTS (SELECT 1 FROM collective_innovation_contract k WHERE k.enterprise_id = NEW.id)
            OR EXISTS (SELECT 1 FROM craftsman c WHERE c.enterprise_id = NEW.id)) THEN
          RAISE EXCEPTION 'enterprise % has records that lie in its city', NEW.id USING ERRCODE = 'check_violation', CONSTRAINT = 'enterprise_dependents_in_city';
        END IF;
        IF TG_TABLE_NAME = 'craftsman' AND EXISTS (SELECT 1 FROM innovation_studio s WHERE s.lead_craftsman_id = NEW.id AND s.city_code IS DISTINCT FROM NEW.city_code) THEN
          RAISE EXCEPTION 'craftsman % leads a studio in %', NEW.id, OLD.city_code USING ERRCODE = 'check_violation', CONSTRAINT = 'craftsman_leads_studio_in_city';
        END IF;
      END IF;
      RETURN NEW;
    END $$`;

/**
 * The place rules the write engine applies (src/registry/writes/prepare.ts), repeated by PostgreSQL for every
 * writer: a studio, contract or craftsman with an enterprise lies in the enterprise's city and province;
 * an enterprise with such records does not move; a studio's lead craftsman is of the studio's city, and
 * a craftsman who leads a studio does not move away from it. And a national ID number (公民身份号码) belongs
 * to one active craftsman. Violations are check_violation (23514) naming the rule as its constraint.
 */
export class KeepRecordsInTheirEnterprisesCity1730000000034 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION registry_in_enterprise_city() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE place record; lead_city char(6);
        BEGIN
          IF NEW.enterprise_id IS NOT NULL THEN
            SELECT e.city_code, e.province_code INTO place FROM enterprise e WHERE e.id = NEW.enterprise_id;
            IF FOUND AND (place.city_code IS DISTINCT FROM NEW.city_code OR place.province_code IS DISTINCT FROM NEW.province_code) THEN
              RAISE EXCEPTION '% % lies in %, its enterprise % in %', TG_TABLE_NAME, NEW.id, coalesce(NEW.city_code, NEW.province_code), NEW.enterprise_id,
                coalesce(place.city_code, place.province_code) USING ERRCODE = 'check_violation', CONSTRAINT = TG_TABLE_NAME || '_in_enterprise_city';
            END IF;
          END IF;
          -- Nested: PL/pgSQL resolves NEW.lead_craftsman_id even when the first operand of AND is false.
          IF TG_TABLE_NAME = 'innovation_studio' THEN
            IF NEW.lead_craftsman_id IS NOT NULL THEN
              SELECT c.city_code INTO lead_city FROM craftsman c WHERE c.id = NEW.lead_craftsman_id;
              IF FOUND AND lead_city IS DISTINCT FROM NEW.city_code THEN
                RAISE EXCEPTION 'innovation studio % lies in %, its lead craftsman % in %', NEW.id, NEW.city_code, NEW.lead_craftsman_id, lead_city
                  USING ERRCODE = 'check_violation', CONSTRAINT = 'innovation_studio_lead_craftsman_in_city';
              END IF;
            END IF;
          END IF;
          RETURN NEW;
        END $$`);
    for (const table of UNDER_ENTERPRISE) {
      const columns = table === 'innovation_studio' ? 'enterprise_id, lead_craftsman_id, city_code, province_code' : 'enterprise_id, city_code, province_code';
      await q.query(`CREATE TRIGGER ${table}_in_enterprise_city BEFORE INSERT OR UPDATE OF ${columns} ON ${table}
        FOR EACH ROW EXECUTE FUNCTION registry_in_enterprise_city()`);
    }
    await q.query(KEEPS_DEPENDENTS_IN_CITY);
    for (const table of ['enterprise', 'craftsman']) {
      await q.query(`CREATE TRIGGER ${table}_keeps_dependents_in_city BEFORE UPDATE OF city_code, province_code ON ${table}
        FOR EACH ROW EXECUTE FUNCTION registry_keeps_dependents_in_city()`);
    }
    await q.query(`CREATE UNIQUE INDEX craftsman_national_id_number_active_idx ON craftsman (national_id_number)
      WHERE archived_at IS NULL AND national_id_number IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX craftsman_national_id_number_active_idx`);
    for (const table of ['craftsman', 'enterprise']) await q.query(`DROP TRIGGER ${table}_keeps_dependents_in_city ON ${table}`);
    await q.query(`DROP FUNCTION registry_keeps_dependents_in_city()`);
    for (const table of [...UNDER_ENTERPRISE].reverse()) await q.query(`DROP TRIGGER ${table}_in_enterprise_city ON ${table}`);
    await q.query(`DROP FUNCTION registry_in_enterprise_city()`);
  }
}
