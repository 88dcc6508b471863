import { Body, Controller, Headers, HttpCode, Inject, Post, Query, Req, type RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { createHash, timingSafeEqual } from 'crypto';
import { Public } from '@motcua/auth';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { normaliseSmsReceipt, normaliseZaloReceipt } from './delivery-status';
import { RecordReceiptUseCase } from './record-receipt.use-case';
import { verifyZaloSignature } from './zalo-signature';

/** The SMS gateway's delivery receipt (DLR). */
export class SmsReceiptDto {
  /** The gateway's message id. */
  @ApiProperty() @IsString() @Length(1, 100) messageId!: string;
  /** Our message id, given to the gateway when sending. */
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) clientRequestId?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 20) phone?: string;
  /** Provider status: DELIVERED / DELIVRD, FAILED / UNDELIVERABLE / REJECTED / EXPIRED, … */
  @ApiProperty() @IsString() @Length(1, 40) status!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 100) errorCode?: string;
  @ApiPropertyOptional() @IsOptional() @IsISO8601({ strict: true }) doneAt?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function sameKey(given: string | undefined, expected: string | undefined): boolean {
  if (!given || !expected) return false;
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const UNAUTHORIZED = () => new DomainError('NOTIFICATION.RECEIPT_KEY_INVALID', 'UNAUTHORIZED', 'Khóa xác thực báo cáo phát không hợp lệ');

/** The fields of a Zalo webhook event that a delivery receipt uses (Zalo posts other events to the same URL). */
interface ZaloEvent {
  event_name?: unknown;
  timestamp?: unknown;
  message?: { msg_id?: unknown; tracking_id?: unknown; delivery_time?: unknown; error?: unknown; error_message?: unknown };
}

function epochMs(v: unknown): Date | null {
  const n = typeof v === 'string' && /^\d{10,16}$/.test(v) ? Number(v) : typeof v === 'number' ? v : NaN;
  return Number.isFinite(n) ? new Date(n) : null;
}

/**
 * Delivery receipts pushed by providers, each normalised (DELIVERED / TEMPORARY_FAILURE /
 * PERMANENT_FAILURE) and applied by the same use case. SMS: keyed — the gateway is configured with the
 * receipt URL including `?key=<SMS_RECEIPT_KEY>` (or sends the key as header `X-Receipt-Key`). Zalo:
 * signed — `X-ZEvent-Signature` over the raw body with the OA secret key. Refused when not configured.
 */
@ApiTags('delivery receipts')
@Controller('v1/receipts')
export class ReceiptController {
  constructor(
    private readonly record: RecordReceiptUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: NotificationConfig,
  ) {}

  @Public()
  @Post('sms')
  @HttpCode(200)
  async sms(
    @Query('key') queryKey: string | undefined,
    @Headers('x-receipt-key') headerKey: string | undefined,
    @Body() body: SmsReceiptDto,
  ) {
    if (!sameKey(headerKey ?? queryKey, this.config.smsReceiptKey)) {
      throw UNAUTHORIZED();
    }
    const status = normaliseSmsReceipt(body.status, body.errorCode);
    if (!status) {
      throw new DomainError('NOTIFICATION.RECEIPT_INVALID', 'INVALID', 'Trạng thái báo cáo phát không hợp lệ', [
        { field: 'status', rule: 'knownStatus', message: `Trạng thái "${body.status}" không được hỗ trợ` },
      ]);
    }
    return this.record.execute({
      channel: 'SMS',
      id: body.clientRequestId && UUID.test(body.clientRequestId) ? body.clientRequestId : undefined,
      gatewayMessageId: body.messageId,
      status,
      detail: body.errorCode ? `${body.status}/${body.errorCode}` : body.status,
      reportedAt: body.doneAt ? new Date(body.doneAt) : new Date(),
    });
  }

  /**
   * Zalo's OA webhook: `user_received_message` (delivered) and the delivery-failure event, signed
   * (`X-ZEvent-Signature: mac=sha256(appId + raw body + timestamp + OA secret key)`). The message is
   * found by `tracking_id` (our id) or `msg_id`. Other events are acknowledged and ignored (Zalo
   * disables a webhook that does not answer 200).
   */
  @Public()
  @Post('zalo')
  @HttpCode(200)
  async zalo(@Req() req: RawBodyRequest<Request>, @Headers('x-zevent-signature') signature: string | undefined) {
    const raw = req.rawBody ?? Buffer.alloc(0);
    let event: ZaloEvent | null = null;
    try {
      const parsed: unknown = JSON.parse(raw.toString('utf8'));
      if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)) event = parsed as ZaloEvent;
    } catch {
      // answered below
    }
    if (!event) {
      throw new DomainError('NOTIFICATION.RECEIPT_INVALID', 'INVALID', 'Báo cáo phát không phải JSON hợp lệ', [
        { field: 'body', rule: 'isJsonObject', message: 'Nội dung phải là một đối tượng JSON' },
      ]);
    }
    const timestamp = typeof event.timestamp === 'string' || typeof event.timestamp === 'number' ? String(event.timestamp) : '';
    if (!verifyZaloSignature(signature, this.config.zaloAppId, raw, timestamp, this.config.zaloOaSecretKey)) throw UNAUTHORIZED();
    const eventName = typeof event.event_name === 'string' ? event.event_name : '';
    const msg = typeof event.message === 'object' && event.message !== null ? event.message : {};
    const error = typeof msg.error === 'number' ? msg.error : undefined;
    const status = normaliseZaloReceipt(eventName, error);
    if (!status) return { outcome: 'IGNORED' as const, event: eventName };
    const trackingId = typeof msg.tracking_id === 'string' && UUID.test(msg.tracking_id) ? msg.tracking_id : undefined;
    const msgId = typeof msg.msg_id === 'string' && msg.msg_id !== '' ? msg.msg_id : undefined;
    if (!trackingId && !msgId) {
      throw new DomainError('NOTIFICATION.RECEIPT_INVALID', 'INVALID', 'Báo cáo phát thiếu mã tin nhắn', [
        { field: 'message.msg_id', rule: 'isNotEmpty', message: 'Cần message.msg_id hoặc message.tracking_id' },
      ]);
    }
    return this.record.execute({
      channel: 'ZALO',
      id: trackingId,
      gatewayMessageId: msgId,
      status,
      detail: error !== undefined ? `${eventName}/${error}` : eventName,
      reportedAt: epochMs(msg.delivery_time) ?? epochMs(event.timestamp) ?? new Date(),
    });
  }
}
