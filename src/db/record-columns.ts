import { Column } from 'typeorm';

/** The bookkeeping columns of every writable table (migration 12); entities extend this. */
export abstract class VersionedRecordColumns {
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

/** Tables city portals keep in sync also carry the portal's own id (migration 13). */
export abstract class CityRecordColumns extends VersionedRecordColumns {
  /** The city portal's own id for the record (外部编号), unique within the city. */
  @Column({ name: 'external_id', type: 'text', nullable: true })
  externalId: string | null;
}
