import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Which citizen-facing notice an order's attempt gave rise to. */
export type NoticeKind = 'OUT_FOR_DELIVERY' | 'ATTEMPT_FAILED' | 'PICKUP_FAILED';

/**
 * One row per (order, notice, attempt) published: the claim that makes `postal.delivery.out-for-delivery`,
 * `postal.delivery.attempt-failed` and `postal.pickup.failed` go out once per attempt, however often the
 * carrier repeats or reorders its statuses.
 */
@Entity({ name: 'order_notice' })
export class OrderNotice {
  @PrimaryColumn({ name: 'order_id', type: 'uuid', primaryKeyConstraintName: 'pk_order_notice' }) orderId!: string;
  @PrimaryColumn({ name: 'kind', type: 'text', primaryKeyConstraintName: 'pk_order_notice' }) kind!: NoticeKind;
  @PrimaryColumn({ name: 'attempt', type: 'integer', primaryKeyConstraintName: 'pk_order_notice' }) attempt!: number;
  /** False when the claim was taken without publishing (the attempt's outcome was already known). */
  @Column({ name: 'published', type: 'boolean', default: true }) published!: boolean;
  @Column({ name: 'created_at', type: 'timestamptz', default: () => 'now()' }) createdAt!: Date;
}
