import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The audit log (变更记录): one entry per changed record, written in the change's transaction; never updated. */
@Entity('audit_entry')
export class AuditEntryEntity {
  /** bigserial: pg returns int8 as a number (src/db/data-source.ts sets the parser). */
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'now()' })
  occurredAt: Date;

  @Column({ name: 'api_key_id', type: 'integer', nullable: true })
  apiKeyId: number | null;

  @Column({ name: 'actor_role', type: 'text' })
  actorRole: string;

  @Column({ name: 'actor_city_code', type: 'char', length: 6, nullable: true })
  actorCityCode: string | null;

  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  /** CREATE, UPDATE, ARCHIVE or RESTORE. */
  @Column({ type: 'text' })
  operation: string;

  @Column({ name: 'record_type', type: 'text' })
  recordType: string;

  @Column({ name: 'record_id', type: 'integer' })
  recordId: number;

  @Column({ name: 'record_city_code', type: 'char', length: 6, nullable: true })
  recordCityCode: string | null;

  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb' })
  after: Record<string, unknown>;
}
