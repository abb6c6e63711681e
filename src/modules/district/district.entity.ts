import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('district')
export class DistrictEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ name: 'city_code', type: 'char', length: 6 })
  cityCode: string;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'full_name', type: 'text' })
  fullName: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ type: 'text', nullable: true })
  pinyin: string | null;
}
