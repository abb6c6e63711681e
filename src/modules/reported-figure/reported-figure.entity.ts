import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('reported_figure')
export class ReportedFigureEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'numeric' })
  value: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;

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
