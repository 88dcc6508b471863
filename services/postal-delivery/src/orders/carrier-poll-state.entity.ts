import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** How far the tracking poller has read a carrier's update list: a restart continues from here. */
@Entity({ name: 'carrier_poll_state' })
export class CarrierPollState {
  @PrimaryColumn({ name: 'carrier', type: 'text', primaryKeyConstraintName: 'pk_carrier_poll_state' }) carrier!: string;
  /** End (exclusive) of the last window read completely. */
  @Column({ name: 'watermark', type: 'timestamptz' }) watermark!: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
}
