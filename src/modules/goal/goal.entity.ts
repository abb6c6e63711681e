import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecordColumns } from '../../db/record-columns';

@Entity('goal')
export class GoalEntity extends VersionedRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'integer' })
  target: number;

  @Column({ name: 'target_qualifier', type: 'text', default: 'EXACT' })
  targetQualifier: string;

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
}
