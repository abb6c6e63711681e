import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('city')
export class CityEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ name: 'province_code', type: 'char', length: 6 })
  provinceCode: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ name: 'full_name', type: 'text', nullable: true })
  fullName: string | null;

  @Column({ type: 'text', nullable: true })
  pinyin: string | null;
}
