import { Column, CreateDateColumn, Entity, Index, PrimaryColumn, Unique } from 'typeorm';
import type { SmsEncoding } from '../sms/sms-encoding';
import type { NotificationChannel } from '../templates/template-catalog';

export const MESSAGE_STATUSES = ['PENDING', 'SENT', 'FAILED'] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];
/** Normalised delivery receipt statuses (whatever the provider calls them). */
export const DELIVERY_STATUSES = ['DELIVERED', 'TEMPORARY_FAILURE', 'PERMANENT_FAILURE'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * One message to one person. The unique key (message key, channel, recipient) makes queueing
 * idempotent: the same occasion never produces a second message, whatever the events do.
 */
@Entity({ name: 'message' })
@Unique('uq_message_key_channel_recipient', ['messageKey', 'channel', 'recipient'])
@Index('ix_message_pending_due', ['nextAttemptAt'], { where: `status = 'PENDING'` })
export class Message {
  /** Also the gateway's `clientRequestId`: a resend after a crash is deduplicated by the gateway. */
  @PrimaryColumn({ name: 'id', type: 'uuid', primaryKeyConstraintName: 'pk_message' }) id!: string;
  /** Null for a message about a postal pickup (no dossier code yet): see `pickupId`. */
  @Column({ name: 'dossier_code', type: 'text', nullable: true }) dossierCode!: string | null;
  /** The postal pickup (thu gom) a message is about, before the dossier exists. */
  @Column({ name: 'pickup_id', type: 'text', nullable: true }) pickupId!: string | null;
  /** The centre a pickup brings the dossier to: whose staff may read the pickup's messages. */
  @Column({ name: 'pickup_centre_code', type: 'text', nullable: true }) pickupCentreCode!: string | null;
  /**
   * What the message is about, once: `<dossier code>/<purpose>` for a purpose told once per dossier,
   * `<dossier code>/<purpose>/<occurrence>` for one told per occurrence (each supplement request,
   * extension, delivery attempt), `pickup:<pickupId>/<purpose>[/<attempt>]` for a pickup. The
   * fallback SMS of a Zalo message has the Zalo message's key.
   */
  @Column({ name: 'message_key', type: 'text' }) messageKey!: string;
  /** Purpose of the message, e.g. `DOSSIER_RECEIVED` (see templates.ts). */
  @Column({ name: 'template', type: 'text' }) template!: string;
  @Column({ name: 'channel', type: 'text' }) channel!: NotificationChannel;
  /** Phone number (SMS, Zalo) or e-mail address. Personal data: masked in logs and in the staff API. */
  @Column({ name: 'recipient', type: 'text' }) recipient!: string;
  /** The rendered text, exactly as sent (the body of an e-mail). */
  @Column({ name: 'text', type: 'text' }) text!: string;
  /** Template key and version the text was rendered from (null for messages older than the template table). */
  @Column({ name: 'template_key', type: 'text', nullable: true }) templateKey!: string | null;
  @Column({ name: 'template_version', type: 'integer', nullable: true }) templateVersion!: number | null;
  /** E-mail subject. */
  @Column({ name: 'subject', type: 'text', nullable: true }) subject!: string | null;
  /** Placeholder values as rendered: the ZNS template data, and the source of a fallback SMS. */
  @Column({ name: 'params', type: 'jsonb', nullable: true }) params!: Record<string, string> | null;
  /** Zalo: the ZNS template id. */
  @Column({ name: 'zns_template_id', type: 'text', nullable: true }) znsTemplateId!: string | null;
  /** SMS: GSM7 or UCS2, and the number of parts billed. */
  @Column({ name: 'encoding', type: 'text', nullable: true }) encoding!: SmsEncoding | null;
  @Column({ name: 'segments', type: 'integer', nullable: true }) segments!: number | null;
  /** From the template version: ignores quiet hours (first attempt and retries). */
  @Column({ name: 'urgent', type: 'boolean', default: false }) urgent!: boolean;
  /** The Zalo message this SMS replaces (Zalo failed or the number has no Zalo). */
  @Column({ name: 'fallback_of', type: 'uuid', nullable: true }) fallbackOf!: string | null;
  @Column({ name: 'status', type: 'text' }) status!: MessageStatus;
  @Column({ name: 'attempts', type: 'integer', default: 0 }) attempts!: number;
  @Column({ name: 'next_attempt_at', type: 'timestamptz' }) nextAttemptAt!: Date;
  @Column({ name: 'last_error', type: 'text', nullable: true }) lastError!: string | null;
  /** Id the gateway gave the message (delivery receipts refer to it). */
  @Column({ name: 'gateway_message_id', type: 'text', nullable: true }) gatewayMessageId!: string | null;
  /**
   * From the provider's delivery receipts, after SENT: DELIVERED and PERMANENT_FAILURE are final
   * (the first final receipt wins); TEMPORARY_FAILURE may still become either.
   */
  @Column({ name: 'delivery_status', type: 'text', nullable: true }) deliveryStatus!: DeliveryStatus | null;
  /** The provider's status and error code of the receipt that set `delivery_status`, e.g. `FAILED/SUBSCRIBER_ABSENT`. */
  @Column({ name: 'delivery_detail', type: 'text', nullable: true }) deliveryDetail!: string | null;
  /** When the provider says it happened. */
  @Column({ name: 'delivery_reported_at', type: 'timestamptz', nullable: true }) deliveryReportedAt!: Date | null;
  /** Receipts received for this message, duplicates included. */
  @Column({ name: 'receipts', type: 'integer', default: 0 }) receipts!: number;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt!: Date;
  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true }) sentAt!: Date | null;
  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true }) failedAt!: Date | null;
}
