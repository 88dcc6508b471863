import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per projection of `event_log`. Its row lock is the projection's mutex: a batch locks it
 * (`FOR UPDATE SKIP LOCKED`), so of several replicas one applies at a time and the others skip; the
 * rebuild locks it too. Which events are applied is `event_log.projected` (same transaction).
 */
@Entity({ name: 'projection_position' })
export class ProjectionPosition {
  @PrimaryColumn({ name: 'name', type: 'text', primaryKeyConstraintName: 'pk_projection_position' }) name!: string;
  /** The highest `seq` applied so far and the events applied in all (monitoring: lag = unprojected events). */
  @Column({ name: 'seq', type: 'bigint', default: 0 }) seq!: string;
  @Column({ name: 'events', type: 'bigint', default: 0 }) events!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
