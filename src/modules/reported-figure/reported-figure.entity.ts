import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecordColumns } from '../../db/record-columns';

@Entity('reported_figure')
export class ReportedFigureEntity extends VersionedRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  metric: string;

  @Column({ type: 'numeric' })
  value: string;

  @Column({ type: 'text' })
  unit: string;

  @Column({ type: 'text', default: 'EXACT' })
  qualifier: string;

  @Column({ type: 'text', default: 'ACHIEVEMENT' })
  kind: string;

  @Column({ name: 'as_of', type: 'date' })
  asOf: string;

  @Column({ name: 'source_id', type: 'integer' })
  sourceId: number;
}
