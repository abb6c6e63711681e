import type { MigrationInterface, QueryRunner } from 'typeorm';
import { APPLICATION_ROLE } from './1730000000016-CreateApplicationRoleWithRowLevelSecurity';

/**
 * The request pool logs in as the application role itself (src/db/app-role.ts sets its password at
 * every start), instead of logging in as the owner and switching roles: a session that logs in as the
 * owner can `SET ROLE` back to it (or, in the embedded database, to the superuser), and then row-level
 * security no longer applies. The role has no attribute that lifts a limit, and is a member of no role,
 * so there is no role it can become. The owner stays a member of it (so that the owner may act as it,
 * never the reverse).
 */
export class LetTheApplicationRoleLogInAlone1730000000030 implements MigrationInterface {
  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER ROLE ${APPLICATION_ROLE} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT CONNECTION LIMIT -1`);
    // Memberships it may have been given by hand: none may remain.
    await q.query(`DO $$ DECLARE membership record; BEGIN
      FOR membership IN SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member
        WHERE u.rolname = '${APPLICATION_ROLE}' LOOP
        EXECUTE format('REVOKE %I FROM ${APPLICATION_ROLE}', membership.rolname);
      END LOOP;
    END $$`);
  }

  // Nothing to undo: the role is the server's, shared by every database on it (each test database, a
  // second registry), and one database's revert must not lock the others' requests out. A role that may
  // log in is no more than the earlier code needs, which logs in as the owner and switches to it.
  async down(): Promise<void> {}
}
