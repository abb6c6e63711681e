import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('source')
export class SourceEntity {
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

  /** Optimistic concurrency: an update names the version it read (a plain column; the write engine bumps it). */
  @Column({ type: 'integer', default: 1 })
  version: number;

  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;

  /** Archived records are hidden from lists by default and can be restored. */
  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;
}
