import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** API keys (接口密钥): only the SHA-256 of a key is stored; the key itself is shown once. */
@Entity('api_key')
export class ApiKeyEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'key_hash', type: 'char', length: 64, unique: true })
  keyHash: string;

  /** The key's first characters, so that a person can tell keys apart. */
  @Column({ type: 'text' })
  prefix: string;

  @Column({ type: 'text' })
  role: string;

  /** The city a CITY_EDITOR key belongs to; null for other roles. */
  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ type: 'text' })
  label: string;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;
}
