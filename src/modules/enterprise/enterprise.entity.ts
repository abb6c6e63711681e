import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CityRecordColumns } from '../../db/record-columns';

@Entity('enterprise')
export class EnterpriseEntity extends CityRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'credit_code', type: 'char', length: 18, unique: true })
  creditCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text', nullable: true })
  ownership: string | null;

  @Column({ type: 'text', nullable: true })
  industry: string | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ name: 'employee_count', type: 'integer', nullable: true })
  employeeCount: number | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;
}
