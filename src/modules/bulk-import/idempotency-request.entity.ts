import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A bulk import by idempotency key, per API key: its payload's hash and its first result, for replays. */
@Entity('idempotency_request')
export class IdempotencyRequestEntity {
  @PrimaryColumn({ name: 'api_key_id', type: 'integer' })
  apiKeyId: number;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  operation: string;

  /** SHA-256 (hex) of the request's payload: a replay with another payload is refused. */
  @Column({ name: 'payload_hash', type: 'char', length: 64 })
  payloadHash: string;

  @Column({ name: 'started_at', type: 'timestamptz', default: () => 'now()' })
  startedAt: Date;

  /** Null while the import runs; set together with `result`. */
  @Column({ name: 'completed_at', type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @Column({ type: 'jsonb', nullable: true })
  result: unknown;
}
