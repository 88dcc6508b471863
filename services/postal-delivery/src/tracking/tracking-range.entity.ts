import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A range of S10 serials the carrier assigned to us (prefix + serial from/to). Tracking numbers are
 * taken from the oldest range with serials left; `next_serial` is the next one to hand out.
 */
@Entity({ name: 'tracking_range' })
@Index('ix_tracking_range_open', ['loadedAt'], { where: 'next_serial <= serial_to' })
export class TrackingRange {
  @PrimaryGeneratedColumn('uuid', { name: 'id', primaryKeyConstraintName: 'pk_tracking_range' }) id!: string;
  @Column({ name: 'prefix', type: 'text' }) prefix!: string;
  @Column({ name: 'serial_from', type: 'integer' }) serialFrom!: number;
  @Column({ name: 'serial_to', type: 'integer' }) serialTo!: number;
  @Column({ name: 'next_serial', type: 'integer' }) nextSerial!: number;
  @Column({ name: 'loaded_by', type: 'text' }) loadedBy!: string;
  @CreateDateColumn({ name: 'loaded_at', type: 'timestamptz' }) loadedAt!: Date;
}
