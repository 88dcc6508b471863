import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsEmail,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Min,
  ValidateNested,
} from 'class-validator';
import { PresentedComponentDto } from '../forms/completeness-check.dto';
import {
  IsCitizenId,
  IsProvinceOfTree,
  IsVnPhone,
  NormaliseName,
  NormalisePhone,
  NoControlCharacters,
  PERSON_NAME,
  VN_PHONE as VN_PHONE_NUMBER,
} from '../validation/vietnamese-data';

/** Vietnamese mobile (03, 05, 07, 08, 09 + 8 digits) and fixed (02… 11 digits) numbers in national form. */
export const VN_PHONE = VN_PHONE_NUMBER;
/** Citizen identity card (CCCD): 12 digits; the first three are the province of birth registration. */
export const CITIZEN_ID = /^0\d{11}$/;

/** The applicant's residence: province and commune codes, validated like the delivery address. */
export class ResidenceAddressDto {
  @ApiPropertyOptional({ example: 'Thôn 3' }) @IsOptional() @IsString() @Length(1, 300) @NoControlCharacters() line?: string;
  @ApiProperty({ example: '14755', description: 'Mã xã/phường' })
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số' })
  communeCode!: string;
  @ApiPropertyOptional({ description: 'Mã quận/huyện (địa chỉ trước 07/2025)' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'Mã quận/huyện gồm 3 chữ số' })
  districtCode?: string;
  @ApiProperty({ example: '38', description: 'two-level tree (34 provinces) without districtCode, legacy (63) with it' })
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh/thành phố gồm 2 chữ số' })
  @IsProvinceOfTree()
  provinceCode!: string;
}

export class ApplicantDto {
  @ApiPropertyOptional({ example: 'Nguyễn Thị Hòa', description: 'required unless pre-filled from the population database' })
  @IsOptional()
  @NormaliseName()
  @IsString()
  @Length(2, 200)
  @Matches(PERSON_NAME, { message: 'Họ và tên chỉ gồm chữ cái (có dấu), dấu cách, dấu chấm, dấu nháy và dấu nối' })
  fullName?: string;

  @ApiProperty({ example: '038190001234', description: 'Số định danh cá nhân (CCCD), 12 chữ số' })
  @IsCitizenId()
  idNumber!: string;

  @ApiPropertyOptional({ example: '0912345678', description: '+84… and separators are accepted and stored as 0…' })
  @IsOptional()
  @NormalisePhone()
  @IsVnPhone()
  phone?: string;

  @ApiPropertyOptional({ example: 'hoa.nguyen@example.vn' })
  @IsOptional()
  @IsString()
  @Length(3, 254)
  @IsEmail({}, { message: 'Địa chỉ e-mail không hợp lệ' })
  email?: string;

  @ApiPropertyOptional({
    type: ResidenceAddressDto,
    description: 'nơi cư trú: resolves the COMMUNE_OF_RESIDENCE competence rule; filled by the population-data pre-fill',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ResidenceAddressDto)
  residence?: ResidenceAddressDto;
}

export class DeliveryAddressDto {
  @ApiProperty() @NormaliseName() @IsString() @Length(2, 200) @NoControlCharacters() recipientName!: string;
  @ApiProperty() @NormalisePhone() @IsVnPhone('Số điện thoại người nhận không hợp lệ') phone!: string;
  @ApiProperty({ example: 'Số 12 đường Lê Lợi' }) @IsString() @Length(3, 300) @NoControlCharacters() line!: string;
  @ApiProperty({ example: '14755', description: 'Mã xã/phường' })
  @Matches(/^\d{5}$/, { message: 'Mã xã/phường gồm 5 chữ số' })
  communeCode!: string;
  @ApiPropertyOptional({ description: 'Mã quận/huyện (địa chỉ trước 07/2025)' })
  @IsOptional()
  @Matches(/^\d{3}$/, { message: 'Mã quận/huyện gồm 3 chữ số' })
  districtCode?: string;
  @ApiProperty({ example: '38', description: 'two-level tree (34 provinces) without districtCode, legacy (63) with it' })
  @Matches(/^\d{2}$/, { message: 'Mã tỉnh/thành phố gồm 2 chữ số' })
  @IsProvinceOfTree()
  provinceCode!: string;
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
  @ApiPropertyOptional({ description: 'a completeness check of this procedure and agency (COMPLETE, or a form 02 check now completed)' })
  @IsOptional()
  @IsUUID('all', { message: 'completenessCheckId phải là UUID' })
  completenessCheckId?: string;
  @ApiPropertyOptional({
    type: [PresentedComponentDto],
    description: 'the components received (checked inline; required after a form 02 check)',
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PresentedComponentDto)
  components?: PresentedComponentDto[];
  @ApiPropertyOptional({ description: 'conditional components (1-based) that apply to this applicant' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsInt({ each: true })
  @Min(1, { each: true })
  applicableConditional?: number[];
  @ApiPropertyOptional({ description: 'fill missing applicant fields from the population database (counter only)' })
  @IsOptional()
  @IsBoolean()
  prefillFromPopulationData?: boolean;
}
