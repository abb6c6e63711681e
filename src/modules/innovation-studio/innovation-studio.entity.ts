import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CityRecordColumns } from '../../db/record-columns';

@Entity('innovation_studio')
export class InnovationStudioEntity extends CityRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  kind: string | null;

  @Column({ name: 'demonstration_level', type: 'text', nullable: true })
  demonstrationLevel: string | null;

  @Column({ name: 'enterprise_id', type: 'integer', nullable: true })
  enterpriseId: number | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ name: 'lead_craftsman_id', type: 'integer', nullable: true })
  leadCraftsmanId: number | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;
}
