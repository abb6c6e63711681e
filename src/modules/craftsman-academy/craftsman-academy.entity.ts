import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CityRecordColumns } from '../../db/record-columns';

@Entity('craftsman_academy')
export class CraftsmanAcademyEntity extends CityRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ name: 'host_institution', type: 'text', nullable: true })
  hostInstitution: string | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ name: 'on_provincial_support_list', type: 'boolean', nullable: true })
  onProvincialSupportList: boolean | null;

  @Column({ name: 'established_on', type: 'date', nullable: true })
  establishedOn: string | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;
}
