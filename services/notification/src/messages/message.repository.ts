import { Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { DeliveryStatus, Message } from './message.entity';
import type { SmsEncoding } from '../sms/sms-encoding';
import type { NotificationChannel } from '../templates/template-catalog';

/** Channel NOTIFYed (at commit) whenever a message is queued; the dispatcher LISTENs on it. */
export const MESSAGE_QUEUED_CHANNEL = 'motcua_notification_message';

export interface NewMessage {
  dossierCode: string | null;
  pickupId: string | null;
  pickupCentreCode: string | null;
  messageKey: string;
  template: string;
  channel: NotificationChannel;
  recipient: string;
  text: string;
  templateKey: string;
  templateVersion: number | null;
  subject: string | null;
  params: Record<string, string>;
  znsTemplateId: string | null;
  encoding: SmsEncoding | null;
  segments: number | null;
  fallbackOf: string | null;
  urgent: boolean;
  /** Not before (quiet hours); now for an urgent message. */
  nextAttemptAt: Date;
}

@Injectable()
export class MessageRepository {
  /**
   * Queues a message unless one with the same key, channel and recipient exists (`ON CONFLICT DO NOTHING`). Returns the
   * new id, or null when it was already queued. Wakes the dispatchers when the transaction commits.
   */
  async queue(m: EntityManager, msg: NewMessage): Promise<string | null> {
    const rows = (await m.query(
      `INSERT INTO message (id, dossier_code, template, channel, recipient, text, status, attempts, next_attempt_at, created_at,
         template_key, template_version, subject, params, zns_template_id, encoding, segments, fallback_of, urgent, pickup_id, message_key,
         pickup_centre_code)
       VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', 0, $7, now(), $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19)
       ON CONFLICT ON CONSTRAINT uq_message_key_channel_recipient DO NOTHING
       RETURNING id`,
      [
        randomUUID(),
        msg.dossierCode,
        msg.template,
        msg.channel,
        msg.recipient,
        msg.text,
        msg.nextAttemptAt,
        msg.templateKey,
        msg.templateVersion,
        msg.subject,
        JSON.stringify(msg.params),
        msg.znsTemplateId,
        msg.encoding,
        msg.segments,
        msg.fallbackOf,
        msg.urgent,
        msg.pickupId,
        msg.messageKey,
        msg.pickupCentreCode,
      ],
    )) as Array<{ id: string }>;
    if (rows.length === 0) return null;
    await m.query(`SELECT pg_notify($1, '')`, [MESSAGE_QUEUED_CHANNEL]);
    return rows[0].id;
  }

  /**
   * Locks up to `limit` messages due for sending. Rows locked by another dispatcher (another
   * replica) are skipped, so no two dispatchers ever send the same message at once.
   */
  claimDue(m: EntityManager, limit: number): Promise<Message[]> {
    return m
      .getRepository(Message)
      .createQueryBuilder('msg')
      .where(`msg.status = 'PENDING'`)
      .andWhere('msg.nextAttemptAt <= now()')
      .orderBy('msg.nextAttemptAt', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }

  /** Milliseconds until the next pending message is due (0 if one is due now), or null if none. */
  async msUntilNextDue(m: EntityManager): Promise<number | null> {
    const rows = (await m.query(
      `SELECT GREATEST(0, EXTRACT(EPOCH FROM (MIN(next_attempt_at) - now())) * 1000)::float8 AS ms
       FROM message WHERE status = 'PENDING'`,
    )) as Array<{ ms: number | null }>;
    return rows[0]?.ms ?? null;
  }

  /** Marks a batch SENT in one statement (each with the id its provider gave it). */
  async markSentMany(m: EntityManager, sent: Array<{ id: string; gatewayMessageId: string }>, sentAt: Date): Promise<void> {
    await m.query(
      `UPDATE message AS msg SET status = 'SENT', gateway_message_id = v.gid, sent_at = $3, attempts = msg.attempts + 1, last_error = NULL
       FROM unnest($1::uuid[], $2::text[]) AS v(id, gid)
       WHERE msg.id = v.id`,
      [sent.map((s) => s.id), sent.map((s) => s.gatewayMessageId), sentAt],
    );
  }

  async markRetry(m: EntityManager, id: string, error: string, nextAttemptAt: Date): Promise<void> {
    await m.getRepository(Message).update({ id }, { attempts: () => 'attempts + 1', lastError: error, nextAttemptAt });
  }

  async markFailed(m: EntityManager, id: string, error: string, failedAt: Date): Promise<void> {
    await m.getRepository(Message).update({ id }, { status: 'FAILED', attempts: () => 'attempts + 1', lastError: error, failedAt });
  }

  /**
   * The message a receipt is about, locked until commit (receipts of one message serialise; a receipt
   * that races the dispatcher's SENT waits for it). By our id (the gateway's clientRequestId) or the
   * gateway's message id.
   */
  async lockForReceipt(
    m: EntityManager,
    channel: NotificationChannel,
    ids: { id?: string; gatewayMessageId?: string },
  ): Promise<Message | null> {
    const qb = m.getRepository(Message).createQueryBuilder('msg').where('msg.channel = :channel', { channel });
    if (ids.id) qb.andWhere('msg.id = :id', { id: ids.id });
    else if (ids.gatewayMessageId) qb.andWhere('msg.gatewayMessageId = :gid', { gid: ids.gatewayMessageId });
    else return null;
    return qb.setLock('pessimistic_write').getOne();
  }

  async recordReceipt(
    m: EntityManager,
    id: string,
    change: { deliveryStatus: DeliveryStatus; deliveryDetail: string; deliveryReportedAt: Date } | null,
  ): Promise<void> {
    await m.getRepository(Message).update({ id }, { receipts: () => 'receipts + 1', ...(change ?? {}) });
  }

  listByDossier(m: EntityManager, dossierCode: string): Promise<Message[]> {
    return m.getRepository(Message).find({ where: { dossierCode }, order: { createdAt: 'ASC', template: 'ASC' } });
  }

  listByPickup(m: EntityManager, pickupId: string): Promise<Message[]> {
    return m.getRepository(Message).find({ where: { pickupId }, order: { createdAt: 'ASC', template: 'ASC' } });
  }
}
