import { Body, Controller, Headers, HttpCode, Inject, Post, Req } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsOptional, IsString, Length, Max, Min } from 'class-validator';
import type { RawBodyRequest } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '@motcua/auth';
import { DomainError, SERVICE_CONFIG } from '@motcua/platform';
import { carrierEventId } from '../carriers/carrier-event-id';
import { verifyWebhookSignature } from '../carriers/vnpost.adapter';
import { PostalConfig } from '../config/postal.config';
import { ApplyCarrierUpdateUseCase } from './apply-carrier-update.use-case';

export class VnpostWebhookDto {
  @ApiProperty() @IsString() @Length(1, 100) eventId!: string;
  @ApiProperty() @IsString() @Length(5, 40) itemCode!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 100) orderNumber?: string;
  @ApiProperty() @IsInt() @Min(0) @Max(99) statusCode!: number;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 200) statusName?: string;
  @ApiProperty() @IsISO8601({ strict: true }) time!: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(0, 1000) note?: string;
}

/** Tracking updates pushed by VNPost, signed with HMAC-SHA256 and a timestamp (replay window). */
@ApiTags('carrier webhooks')
@Controller('v1/carriers/vnpost')
export class WebhookController {
  constructor(
    private readonly apply: ApplyCarrierUpdateUseCase,
    @Inject(SERVICE_CONFIG) private readonly config: PostalConfig,
  ) {}

  @Public()
  @Post('webhook')
  @HttpCode(200)
  async webhook(
    @Req() req: RawBodyRequest<Request>,
    @Headers('x-vnpost-timestamp') timestamp: string | undefined,
    @Headers('x-vnpost-signature') signature: string | undefined,
    @Body() body: VnpostWebhookDto,
  ) {
    const verdict = verifyWebhookSignature(
      this.config.vnpostWebhookSecret,
      timestamp,
      signature,
      req.rawBody ?? Buffer.alloc(0),
      Math.floor(Date.now() / 1000),
      this.config.vnpostWebhookToleranceSeconds,
    );
    if (verdict !== 'ok')
      throw new DomainError(
        `POSTAL.WEBHOOK_${verdict.toUpperCase().replace('-', '_')}`,
        'UNAUTHORIZED',
        'Chữ ký webhook không hợp lệ hoặc đã hết hạn',
      );
    const time = new Date(body.time);
    // the identity is derived from the change itself, so the poller's copy of it is recognised too
    const result = await this.apply.execute({
      eventId: carrierEventId(body.itemCode, body.statusCode, time, body.note),
      itemCode: body.itemCode,
      statusCode: body.statusCode,
      time,
      note: body.note,
    });
    return { result };
  }
}
