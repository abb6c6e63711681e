import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('goal')
export class GoalEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'integer' })
  target: number;

  @Column({ type: 'date' })
  deadline: string;

  @Column({ name: 'baseline_value', type: 'integer', nullable: true })
  baselineValue: number | null;

  @Column({ name: 'baseline_on', type: 'date', nullable: true })
  baselineOn: string | null;

  @Column({ type: 'text', nullable: true })
  description: string | null;

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
