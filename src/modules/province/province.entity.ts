import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity('province')
export class ProvinceEntity {
  @PrimaryColumn({ type: 'char', length: 6 })
  code: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'name_en', type: 'text', nullable: true })
  nameEn: string | null;

  @Column({ name: 'full_name', type: 'text', nullable: true })
  fullName: string | null;

  @Column({ type: 'text', nullable: true })
  pinyin: string | null;
}
