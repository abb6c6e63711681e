import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CityRecordColumns } from '../../db/record-columns';

@Entity('collective_innovation_contract')
export class CollectiveInnovationContractEntity extends CityRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'enterprise_id', type: 'integer' })
  enterpriseId: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn: string | null;

  @Column({ name: 'term_months', type: 'integer', nullable: true })
  termMonths: number | null;

  @Column({ name: 'workers_covered', type: 'integer', nullable: true })
  workersCovered: number | null;

  @Column({ name: 'projects_planned', type: 'integer', nullable: true })
  projectsPlanned: number | null;

  @Column({ name: 'projects_completed', type: 'integer', nullable: true })
  projectsCompleted: number | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;
}
