import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min, ValidateBy } from 'class-validator';
import { AgencyPeriodQuery } from '../summary/agency-period.query';
import { decodeLostPointCursor, LOST_POINT_REASONS, LostPointReason } from './lost-points.repository';

/** The lost-point dossiers of a reason, a page after a cursor: the index's agency and period, `reason`, `after`, `limit`. */
export class LostPointsQuery extends AgencyPeriodQuery {
  @ApiProperty({ enum: LOST_POINT_REASONS, example: 'RESOLVED_LATE', description: 'Lý do mất điểm' })
  @IsIn(LOST_POINT_REASONS, { message: `reason phải là một trong: ${LOST_POINT_REASONS.join(', ')}` })
  reason!: LostPointReason;

  @ApiPropertyOptional({ description: 'Con trỏ trang (nextCursor của trang trước); bỏ trống: trang đầu' })
  @IsOptional()
  @ValidateBy({
    name: 'isLostPointCursor',
    validator: {
      validate: (v: unknown) => typeof v === 'string' && decodeLostPointCursor(v) !== null,
      defaultMessage: () => 'after không phải con trỏ trang hợp lệ (dùng nextCursor của trang trước)',
    },
  })
  after?: string;

  @ApiPropertyOptional({ example: 100, minimum: 1, maximum: 1000, description: 'Số hồ sơ mỗi trang (mặc định 100)' })
  @IsOptional()
  @IsInt({ message: 'limit phải là số nguyên' })
  @Min(1, { message: 'limit phải từ 1 đến 1000' })
  @Max(1000, { message: 'limit phải từ 1 đến 1000' })
  limit?: number;
}

/** The index of an agency and period; `dossiers`: how many lost-point dossiers to list per reason (0: totals only). */
export class Index766Query extends AgencyPeriodQuery {
  @ApiPropertyOptional({
    example: 0,
    minimum: 0,
    maximum: 1000,
    description: 'Số hồ sơ mất điểm liệt kê cho mỗi lý do (mặc định 0: chỉ tổng số; danh sách đầy đủ: index-766/lost-points)',
  })
  @IsOptional()
  @IsInt({ message: 'dossiers phải là số nguyên' })
  @Min(0, { message: 'dossiers phải từ 0 đến 1000' })
  @Max(1000, { message: 'dossiers phải từ 0 đến 1000' })
  dossiers?: number;
}
