import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, Max, Min, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { AGENCY_CODE_PATTERN } from '@motcua/contracts';
import { PICKUP_CHANNELS, PickupChannel } from './pickup-request.entity';

const VN_PHONE = /^0\d{9}$/;

export class PickupApplicantDto {
  @ApiProperty({ example: 'Nguyễn Thị Hòa' }) @IsString() @Length(2, 200) fullName!: string;
  @ApiProperty({ example: '0912345678' })
  @Matches(VN_PHONE, { message: 'Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)' })
  phone!: string;
}

export class PickupAddressDto {
  @ApiProperty({ example: 'Số 12 đường Lê Lợi' }) @IsString() @Length(3, 300) line!: string;
  @ApiProperty({ example: '14755', description: 'Mã xã/phường' })
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số' })
  communeCode!: string;
  @ApiPropertyOptional({ description: 'Mã quận/huyện (địa chỉ trước 07/2025)' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'Mã quận/huyện gồm 3 chữ số' })
  districtCode?: string;
  @ApiProperty({ example: '38' }) @Matches(/^\d{2}$/, { message: 'Mã tỉnh/thành phố gồm 2 chữ số' }) provinceCode!: string;
}

/** A citizen's request that the post collect a dossier at an address within a time window (thu gom). */
export class RequestPickupDto {
  @ApiProperty({ enum: PICKUP_CHANNELS, description: 'Kênh tiếp nhận yêu cầu: cổng dịch vụ công, quầy, tổng đài' })
  @IsIn(PICKUP_CHANNELS)
  channel!: PickupChannel;
  @ApiPropertyOptional({ example: '000.00.06.H56', description: 'Trung tâm nhận hồ sơ (mặc định: đơn vị của người gọi)' })
  @IsOptional()
  @Matches(AGENCY_CODE_PATTERN, { message: 'centreCode phải có dạng LLL.LL.LL.XNN' })
  centreCode?: string;
  @ApiProperty({ example: '1.001193' }) @IsString() @Length(1, 40) procedureCode!: string;
  @ApiProperty({ example: 'Đăng ký khai sinh' }) @IsString() @Length(1, 500) procedureName!: string;
  @ApiProperty({ type: PickupApplicantDto }) @ValidateNested() @Type(() => PickupApplicantDto) applicant!: PickupApplicantDto;
  @ApiProperty({ type: PickupAddressDto }) @ValidateNested() @Type(() => PickupAddressDto) address!: PickupAddressDto;
  @ApiProperty({ example: '2026-11-26T08:00:00+07:00' }) @IsISO8601({ strict: true }) windowFrom!: string;
  @ApiProperty({ example: '2026-11-26T11:00:00+07:00' }) @IsISO8601({ strict: true }) windowTo!: string;
  @ApiPropertyOptional({ example: 25000, description: 'Cước của đơn này (đồng); mặc định theo cấu hình thủ tục' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(10_000_000)
  postage?: number;
  @ApiPropertyOptional({ example: 0, description: 'Tiền thu hộ của đơn này (COD, đồng); mặc định theo cấu hình thủ tục' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  codAmount?: number;
  @ApiPropertyOptional({ example: 'Gọi trước 15 phút' }) @IsOptional() @IsString() @Length(0, 500) note?: string;
}
