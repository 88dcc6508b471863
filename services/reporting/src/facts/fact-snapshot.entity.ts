import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A snapshot of `dossier_fact` as of a cut: the facts folded from the logged events that occurred at or before
 * `cut_at` and were visible to the transaction that took it (`pg_snapshot`, its `pg_current_snapshot()`).
 */
@Entity({ name: 'fact_snapshot' })
export class FactSnapshot {
  @PrimaryGeneratedColumn({ name: 'id', primaryKeyConstraintName: 'pk_fact_snapshot' }) id!: number;
  @Column({ name: 'cut_at', type: 'timestamptz' }) cutAt!: Date;
  @Column({ name: 'pg_snapshot', type: 'text' }) pgSnapshot!: string;
  @Column({ name: 'dossiers', type: 'integer' }) dossiers!: number;
  @Column({ name: 'taken_at', type: 'timestamptz', default: () => 'now()' }) takenAt!: Date;
}

/** One dossier's facts in a snapshot (the `dossier_fact` row as JSON, restored with `jsonb_populate_record`). */
@Entity({ name: 'fact_snapshot_row' })
@Index('ix_fact_snapshot_row_agency', ['snapshotId', 'agencyCode'])
export class FactSnapshotRow {
  @PrimaryColumn({ name: 'snapshot_id', type: 'integer', primaryKeyConstraintName: 'pk_fact_snapshot_row' }) snapshotId!: number;
  @PrimaryColumn({ name: 'dossier_code', type: 'text', primaryKeyConstraintName: 'pk_fact_snapshot_row' }) dossierCode!: string;
  /** The competent agency: an "as of" query for an agency restores only its rows (and those its later events touch). */
  @Column({ name: 'agency_code', type: 'text', nullable: true }) agencyCode!: string | null;
  @Column({ name: 'row', type: 'jsonb' }) row!: Record<string, unknown>;
}
