import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, Length } from 'class-validator';

export const ATTEMPT_OUTCOMES = ['DELIVERED', 'FAILED'] as const;
export type AttemptOutcome = (typeof ATTEMPT_OUTCOMES)[number];

/** Why an attempt failed: a fixed list (the carrier app's reasons), each with its Vietnamese wording. */
export const FAILURE_REASONS = {
  RECIPIENT_ABSENT: 'Người nhận vắng nhà',
  PHONE_UNREACHABLE: 'Không liên lạc được người nhận',
  WRONG_ADDRESS: 'Sai hoặc không tìm thấy địa chỉ',
  RECIPIENT_MOVED: 'Người nhận đã chuyển đi',
  REFUSED: 'Người nhận từ chối nhận',
  NO_IDENTITY_DOCUMENT: 'Người nhận không xuất trình được giấy tờ tùy thân',
  RESCHEDULED: 'Người nhận hẹn lại thời gian',
  PACKAGE_NOT_READY: 'Hồ sơ chưa sẵn sàng để thu gom',
  MISSING_DOCUMENTS: 'Thiếu giấy tờ trong thành phần hồ sơ',
  CITIZEN_CANCELLED: 'Người dân không còn yêu cầu thu gom',
} as const;
export type FailureReason = keyof typeof FAILURE_REASONS;
const REASONS = Object.keys(FAILURE_REASONS) as FailureReason[];

/** An attempt the postman records by hand (no carrier app): delivered/collected, or failed with a reason. */
export class RecordAttemptDto {
  @ApiProperty({ enum: ATTEMPT_OUTCOMES, description: 'DELIVERED: đã phát (đơn thu gom: đã thu gom); FAILED: không thành công' })
  @IsIn(ATTEMPT_OUTCOMES)
  outcome!: AttemptOutcome;
  @ApiPropertyOptional({ enum: REASONS, description: 'Bắt buộc khi FAILED' })
  @IsOptional()
  @IsIn(REASONS)
  reason?: FailureReason;
  @ApiProperty({ example: '2026-11-25T10:15:00+07:00' }) @IsISO8601({ strict: true }) at!: string;
  @ApiPropertyOptional({ example: 'Gọi 3 lần không nghe máy' }) @IsOptional() @IsString() @Length(0, 300) note?: string;
}
