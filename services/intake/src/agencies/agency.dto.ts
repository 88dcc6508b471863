import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { AGENCY_CODE, AGENCY_LEVELS, AGENCY_TREES } from '../catalog/agency.entity';

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A session of office hours, `HH:mm-HH:mm`. */
export const SESSION = /^([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/;

export class CreateAgencyDto {
  @ApiProperty({ example: '000.21.03.H56' })
  @Matches(AGENCY_CODE, { message: 'Mã cơ quan phải có dạng mã định danh LLL.LL.LL.XNN' })
  code!: string;
  @ApiProperty({ example: 'Ủy ban nhân dân xã Quảng Phú' }) @IsString() @Length(3, 300) name!: string;
  @ApiProperty({ enum: AGENCY_LEVELS }) @IsIn(AGENCY_LEVELS) level!: (typeof AGENCY_LEVELS)[number];
  @ApiPropertyOptional({ description: 'Cơ quan cấp trên; bỏ trống chỉ với cấp tỉnh' })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'Mã cơ quan cấp trên phải có dạng LLL.LL.LL.XNN' })
  parentCode?: string;
  @ApiPropertyOptional({ example: '38', description: 'Mã tỉnh (bắt buộc với cấp tỉnh; cấp dưới lấy theo cấp trên)' })
  @IsOptional()
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh/thành phố gồm 2 chữ số' })
  provinceCode?: string;
  @ApiProperty({ enum: AGENCY_TREES }) @IsIn(AGENCY_TREES) tree!: (typeof AGENCY_TREES)[number];
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_DATE, { message: 'Ngày có dạng YYYY-MM-DD' }) validFrom?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(LOCAL_DATE, { message: 'Ngày có dạng YYYY-MM-DD' }) validTo?: string;
  @ApiPropertyOptional({ description: 'Mã đơn vị hành chính (xã/phường 5 chữ số, huyện 3 chữ số)' })
  @IsOptional()
  @Matches(/^(\d{3}|\d{5})$/, { message: 'Mã đơn vị hành chính gồm 3 (huyện) hoặc 5 (xã) chữ số' })
  adminUnitCode?: string;
}

export class MoveAgencyDto {
  @ApiProperty() @Matches(AGENCY_CODE, { message: 'Mã cơ quan cấp trên phải có dạng LLL.LL.LL.XNN' }) parentCode!: string;
}

export class OfficeHoursDto {
  @ApiProperty({ example: '07:00-11:30', description: 'Buổi sáng HH:mm-HH:mm' })
  @Matches(SESSION, { message: 'Buổi sáng có dạng HH:mm-HH:mm, ví dụ 07:00-11:30' })
  morning!: string;
  @ApiProperty({ example: '13:30-17:00', description: 'Buổi chiều HH:mm-HH:mm' })
  @Matches(SESSION, { message: 'Buổi chiều có dạng HH:mm-HH:mm, ví dụ 13:30-17:00' })
  afternoon!: string;
}

export class ChildrenQuery {
  @IsOptional() @IsIn(['TWO_LEVEL', 'THREE_LEVEL']) tree?: 'TWO_LEVEL' | 'THREE_LEVEL';
  @IsOptional() @IsIn(['true', 'false']) includeInactive?: 'true' | 'false';
}
