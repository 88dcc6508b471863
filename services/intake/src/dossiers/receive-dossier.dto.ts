import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

/** Vietnamese mobile and fixed numbers in national form (10 digits, leading 0). */
export const VN_PHONE = /^0(3|5|7|8|9|2\d)\d{7,8}$/;
/** Citizen identity card (CCCD): 12 digits; the first three are the province of birth registration. */
export const CITIZEN_ID = /^0\d{11}$/;

export class ApplicantDto {
  @ApiProperty({ example: 'Nguyễn Thị Hòa' })
  @IsString()
  @Length(2, 200)
  @Matches(/^[\p{L}][\p{L}\p{M} .'-]*$/u, { message: 'Họ và tên chỉ gồm chữ cái, dấu cách và dấu nối' })
  fullName!: string;

  @ApiProperty({ example: '038190001234', description: 'Số định danh cá nhân (CCCD), 12 chữ số' })
  @Matches(CITIZEN_ID, { message: 'Số định danh cá nhân phải gồm 12 chữ số, bắt đầu bằng 0' })
  idNumber!: string;

  @ApiPropertyOptional({ example: '0912345678' })
  @IsOptional()
  @Matches(VN_PHONE, { message: 'Số điện thoại không hợp lệ (10 chữ số, bắt đầu bằng 0)' })
  phone?: string;

  @ApiPropertyOptional({ example: 'hoa.nguyen@example.vn' })
  @IsOptional()
  @IsEmail({}, { message: 'Địa chỉ e-mail không hợp lệ' })
  email?: string;
}

export class DeliveryAddressDto {
  @ApiProperty() @IsString() @Length(2, 200) recipientName!: string;
  @ApiProperty() @Matches(VN_PHONE, { message: 'Số điện thoại người nhận không hợp lệ' }) phone!: string;
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

export class ReceiveDossierDto {
  @ApiProperty({ example: '1.001193' }) @IsString() @Length(1, 40) procedureCode!: string;
  @ApiProperty({ enum: ['COUNTER', 'POSTAL', 'ONLINE'] }) @IsIn(['COUNTER', 'POSTAL', 'ONLINE']) channel!: 'COUNTER' | 'POSTAL' | 'ONLINE';
  @ApiProperty({ type: ApplicantDto }) @ValidateNested() @Type(() => ApplicantDto) applicant!: ApplicantDto;
  @ApiProperty({ enum: ['COUNTER', 'POST'] }) @IsIn(['COUNTER', 'POST']) resultDelivery!: 'COUNTER' | 'POST';
  @ApiPropertyOptional({ type: DeliveryAddressDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeliveryAddressDto)
  deliveryAddress?: DeliveryAddressDto;
}
