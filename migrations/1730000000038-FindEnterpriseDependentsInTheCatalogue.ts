import type { MigrationInterface, QueryRunner } from 'typeorm';
import { KEEPS_DEPENDENTS_IN_CITY } from './1730000000034-KeepRecordsInTheirEnterprisesCity';

/**
 * An enterprise with records in its city does not move (migration 34): which tables hold such records
 * is now read from the catalogue, every table with a `<table>_in_enterprise_city` trigger, so that a
 * new registry type under an enterprise (migrations/support/registry-table.ts) is covered by adding
 * its own trigger, with no function to rewrite.
 */
export class FindEnterpriseDependentsInTheCatalogue1730000000038 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE OR REPLACE FUNCTION registry_keeps_dependents_in_city() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
        DECLARE dependent regclass; found boolean;
        BEGIN
          IF NEW.city_code IS DISTINCT FROM OLD.city_code OR NEW.province_code IS DISTINCT FROM OLD.province_code THEN
            IF TG_TABLE_NAME = 'enterprise' THEN
              FOR dependent IN
                SELECT t.tgrelid::regclass FROM pg_trigger t
                WHERE t.tgname = t.tgrelid::regclass::text || '_in_enterprise_city' AND NOT t.tgisinternal
              LOOP
                EXECUTE format('SELECT EXISTS (SELECT 1 FROM %s WHERE enterprise_id = $1)', dependent) INTO found USING NEW.id;
                IF found THEN
                  RAISE EXCEPTION 'enterprise % has records that lie in its city (%)', NEW.id, dependent
                    USING ERRCODE = 'check_violation', CONSTRAINT = 'enterprise_dependents_in_city';
                END IF;
              END LOOP;
            END IF;
            IF TG_TABLE_NAME = 'craftsman' AND EXISTS (SELECT 1 FROM innovation_studio s WHERE s.lead_craftsman_id = NEW.id AND s.city_code IS DISTINCT FROM NEW.city_code) THEN
              RAISE EXCEPTION 'craftsman % leads a studio in %', NEW.id, OLD.city_code USING ERRCODE = 'check_violation', CONSTRAINT = 'craftsman_leads_studio_in_city';
            END IF;
          END IF;
          RETURN NEW;
        END $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    // Migration 34's rule, with its tables named in it.
    await q.query(KEEPS_DEPENDENTS_IN_CITY);
  }
}
