import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** CARRIER: reported by the carrier (webhook or polling); MANUAL: recorded by the centre's postman without the carrier app. */
export type EventSource = 'CARRIER' | 'MANUAL';

/** The order's timeline as the carrier reported it; duplicates are dropped on the carrier's event id. */
@Entity({ name: 'delivery_order_event' })
@Index('ux_delivery_order_event_carrier_event', ['carrierEventId'], { unique: true })
@Index('ix_delivery_order_event_order', ['orderId', 'occurredAt'])
export class DeliveryOrderEvent {
  @PrimaryGeneratedColumn('increment', { name: 'id', type: 'bigint', primaryKeyConstraintName: 'pk_delivery_order_event' }) id!: string;
  @Column({ name: 'order_id', type: 'uuid' }) orderId!: string;
  @Column({ name: 'carrier_event_id', type: 'text' }) carrierEventId!: string;
  @Column({ name: 'carrier_status', type: 'smallint' }) carrierStatus!: number;
  @Column({ name: 'label', type: 'text' }) label!: string;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'note', type: 'text', nullable: true }) note!: string | null;
  @Column({ name: 'source', type: 'text', default: 'CARRIER' }) source!: EventSource;
  /** Who recorded a MANUAL entry (the postman's user id). */
  @Column({ name: 'recorded_by', type: 'text', nullable: true }) recordedBy!: string | null;
}
