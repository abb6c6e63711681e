import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CityRecordColumns } from '../../db/record-columns';

/** The only place the personal columns exist in code; the GraphQL type does not expose them. */
@Entity('craftsman')
export class CraftsmanEntity extends CityRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  level: string;

  @Column({ name: 'honorary_title', type: 'text', nullable: true })
  honoraryTitle: string | null;

  @Column({ type: 'text' })
  status: string;

  @Column({ type: 'integer', nullable: true })
  year: number | null;

  @Column({ name: 'recognized_on', type: 'date', nullable: true })
  recognizedOn: string | null;

  @Column({ name: 'enterprise_id', type: 'integer', nullable: true })
  enterpriseId: number | null;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ name: 'city_code', type: 'char', length: 6, nullable: true })
  cityCode: string | null;

  @Column({ name: 'district_code', type: 'char', length: 6, nullable: true })
  districtCode: string | null;

  @Column({ name: 'national_id_number', type: 'text', nullable: true })
  nationalIdNumber: string | null;

  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'is_sample', type: 'boolean', default: false })
  isSample: boolean;

  @Column({ name: 'source_id', type: 'integer', nullable: true })
  sourceId: number | null;
}
