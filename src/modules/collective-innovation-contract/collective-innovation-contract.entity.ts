import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('collective_innovation_contract')
export class CollectiveInnovationContractEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'enterprise_id', type: 'integer' })
  enterpriseId: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'signed_on', type: 'date' })
  signedOn: string;

  @Column({ name: 'term_months', type: 'integer' })
  termMonths: number;

  @Column({ name: 'workers_covered', type: 'integer' })
  workersCovered: number;

  @Column({ name: 'projects_planned', type: 'integer', default: 0 })
  projectsPlanned: number;

  @Column({ name: 'projects_completed', type: 'integer', default: 0 })
  projectsCompleted: number;

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
