import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { NotificationChannel } from './templates';

export const MESSAGE_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

/**
 * One message to one person. The unique key (dossier, template, channel, recipient) makes queueing
 * idempotent: the same purpose never produces a second message, whatever the events do.
 */
@Entity({ name: 'message' })
@Unique('uq_message_dossier_template_channel_recipient', ['dossierCode', 'template', 'channel', 'recipient'])
@Index('ix_message_pending_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
export class Message {
  /** Also the gateway's `clientRequestId`: a resend after a crash is deduplicated by the gateway. */
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_message' }) id!: string;
  @Column({ name: 'dossier_code', type: 'text' }) dossierCode!: string;
  /** Purpose of the message, e.g. `DOSSIER_RECEIVED` (see templates.ts). */
  @Column({ name: 'template', type: 'text' }) template!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: NotificationChannel;
  /** Phone number (SMS). Personal data: masked in logs and in the staff API. */
  @Column({ name: 'recipient', type: 'text' }) recipient!: string;
  /** The rendered text, exactly as sent. */
  @Column({ name: 'text', type: 'text' }) text!: string;
  @Column({ name: 'status', type: 'text' }) status!: MessageStatus;
  @Column({ name: 'attempts', type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  /** Id the gateway gave the message (delivery receipts refer to it). */
  @Column({ name: 'gateway_message_id', type: 'text', nullable: true }) gatewayMessageId!: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true }) failedAt!: Date | null;
}
