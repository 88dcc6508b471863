import { Body, Controller, Headers, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, Length } from 'class-validator';
import { createHash, timingSafeEqual } from 'crypto';
import { Public } from '@motcua/auth';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { NotificationConfig } from '../config/notification.config';
import { normaliseSmsReceipt } from './delivery-status';
import { RecordReceiptUseCase } from './record-receipt.use-case';

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

/**
 * Delivery receipts pushed by providers. Keyed: the gateway is configured with the receipt URL
 * including `?key=<SMS_RECEIPT_KEY>` (or sends the key as header `X-Receipt-Key`); receipts are
 * refused when no key is configured.
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
      throw new DomainError('NOTIFICATION.RECEIPT_KEY_INVALID', 'UNAUTHORIZED', 'Khóa xác thực báo cáo phát không hợp lệ');
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
}
