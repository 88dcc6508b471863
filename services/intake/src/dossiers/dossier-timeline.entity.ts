import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** One entry of a dossier's timeline, shown to staff and (without personal data) to the citizen. */
@Entity({ name: 'dossier_timeline' })
@Index('ix_dossier_timeline_dossier_id', ['dossierId', 'occurredAt'])
export class DossierTimelineEntry {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_dossier_timeline' }) id!: string;
  @Column({ name: 'dossier_id', type: 'uuid' }) dossierId!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'national_status', type: 'smallint' }) nationalStatus!: number;
  /** Vietnamese description, e.g. "Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công". */
  @Column({ name: 'description', type: 'text' }) description!: string;
}
