import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('enterprise')
export class EnterpriseEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'credit_code', type: 'char', length: 18, unique: true })
  creditCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text' })
  ownership: string;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'employee_count', type: 'integer', nullable: true })
  employeeCount: number | null;

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
