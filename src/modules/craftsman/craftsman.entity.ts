import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The only place the personal columns exist in code; the GraphQL type does not expose them. */
@Entity('craftsman')
export class CraftsmanEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ name: 'honorary_title', type: 'text', nullable: true })
  honoraryTitle: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ name: 'enterprise_id', type: 'integer', nullable: true })
  enterpriseId: number | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'national_id_number', type: 'text', nullable: true })
  nationalIdNumber: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;

  /** The city portal's own id for the record (外部编号), unique within the city. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;

  /** Optimistic concurrency: an update names the version it read (a plain column; the write engine bumps it). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** Archived records are hidden from lists by default and can be restored. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
