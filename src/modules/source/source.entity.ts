import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { VersionedRecordColumns } from '../../db/record-columns';

@Entity('source')
export class SourceEntity extends VersionedRecordColumns {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'text' })
  publisher: string;

  @Column({ name: 'publisher_en', type: 'text', nullable: true })
  publisherEn: string | null;

  @Column({ type: 'text' })
  title: string;

  @Column({ name: 'published_on', type: 'date' })
  publishedOn: string;

  @Column({ type: 'text', nullable: true })
  url: string | null;
}
