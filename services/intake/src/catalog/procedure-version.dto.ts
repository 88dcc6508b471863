import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { COMPONENT_FORMS, PROCESSING_TIME_UNITS } from '@motcua/contracts';
import { AGENCY_CODE } from './agency.entity';
import { COMPETENT_AGENCY_RULES, ONLINE_LEVELS, PROCEDURE_LEVELS } from './procedure-version.entity';

export const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A code of the national procedure database: `2.000908`, or with a province suffix `1.000948.H38`. */
export const NATIONAL_PROCEDURE_CODE = /^\d\.\d{6}(\.[A-Z]\d{2})?$/;
/** A catalog code: a national code (`1.001193`) or the province's own (`LT.KS-TT-BHYT`). */
export const PROCEDURE_CODE = /^[A-Za-z0-9][A-Za-z0-9.\-_]{0,39}$/;

export class ProcedureComponentDto {
  @ApiPropertyOptional({ example: 'TP01', description: 'Mã thành phần; mặc định TP01, TP02… theo thứ tự' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9.\-_]{1,40}$/, { message: 'Mã thành phần gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự)' })
  code?: string;
  @ApiProperty() @IsString() @Length(1, 500) name!: string;
  @ApiProperty({ enum: COMPONENT_FORMS }) @IsIn(COMPONENT_FORMS) form!: (typeof COMPONENT_FORMS)[number];
  @ApiProperty() @IsInt() @Min(1) @Max(100) quantity!: number;
  @ApiProperty({ description: 'false: thành phần có điều kiện (nêu trong condition)' }) @IsBoolean() required!: boolean;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 500) condition?: string;
}

export class ProcedureFeeDto {
  @ApiProperty({ example: 'Lệ phí đăng ký' }) @IsString() @Length(1, 300) name!: string;
  @ApiProperty({ example: 8000 }) @IsInt() @Min(0) @Max(1_000_000_000_000) amountVnd!: number;
}

export class ProcessingTimeDto {
  @ApiProperty({ enum: PROCESSING_TIME_UNITS }) @IsIn(PROCESSING_TIME_UNITS) unit!: (typeof PROCESSING_TIME_UNITS)[number];
  @ApiProperty({ example: 3 }) @IsInt() @Min(0) @Max(1000) value!: number;
}

/** The content of a new version of a procedure. */
export class ProcedureVersionDto {
  @ApiPropertyOptional({ example: '1.001193', description: 'Mã thủ tục trên CSDL quốc gia (có thể kèm hậu tố tỉnh, ví dụ 1.000948.H38)' })
  @IsOptional()
  @Matches(NATIONAL_PROCEDURE_CODE, { message: 'Mã thủ tục quốc gia có dạng 1.001193 hoặc 1.000948.H38' })
  nationalCode?: string;
  @ApiProperty() @IsString() @Length(2, 500) name!: string;
  @ApiProperty({ example: 'HOTICH' })
  @Matches(/^[A-Z0-9_]{1,50}$/, { message: 'Mã lĩnh vực gồm chữ in hoa, số, gạch dưới' })
  fieldCode!: string;
  @ApiProperty({ example: 'Hộ tịch' }) @IsString() @Length(1, 300) fieldName!: string;
  @ApiProperty({ enum: PROCEDURE_LEVELS }) @IsIn(PROCEDURE_LEVELS) level!: (typeof PROCEDURE_LEVELS)[number];
  @ApiPropertyOptional({ description: 'Cơ quan có thẩm quyền cố định (LLL.LL.LL.XNN); hoặc competentAgencyRule' })
  @IsOptional()
  @Matches(AGENCY_CODE, { message: 'Mã cơ quan phải có dạng LLL.LL.LL.XNN' })
  competentAgencyCode?: string;
  @ApiPropertyOptional({ enum: COMPETENT_AGENCY_RULES })
  @IsOptional()
  @IsIn(COMPETENT_AGENCY_RULES)
  competentAgencyRule?: (typeof COMPETENT_AGENCY_RULES)[number];
  @ApiProperty({ type: [ProcedureComponentDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => ProcedureComponentDto)
  components!: ProcedureComponentDto[];
  @ApiProperty({ type: ProcessingTimeDto }) @ValidateNested() @Type(() => ProcessingTimeDto) processingTime!: ProcessingTimeDto;
  @ApiProperty({ type: [ProcedureFeeDto] })
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ProcedureFeeDto)
  fees!: ProcedureFeeDto[];
  @ApiProperty({ enum: ONLINE_LEVELS }) @IsIn(ONLINE_LEVELS) onlineLevel!: (typeof ONLINE_LEVELS)[number];
  @ApiProperty() @IsBoolean() postMayCarryDossier!: boolean;
  @ApiProperty() @IsBoolean() postMayCarryResult!: boolean;
  @ApiProperty({ example: '2026-01-01' }) @Matches(LOCAL_DATE, { message: 'Ngày có dạng YYYY-MM-DD' }) effectiveFrom!: string;
  @ApiPropertyOptional({ description: 'Ngày hết hiệu lực (không tính ngày này)' })
  @IsOptional()
  @Matches(LOCAL_DATE, { message: 'Ngày có dạng YYYY-MM-DD' })
  effectiveTo?: string;
}

/** A new procedure with its first version. */
export class CreateProcedureDto extends ProcedureVersionDto {
  @ApiProperty({ example: '1.001193' })
  @Matches(PROCEDURE_CODE, { message: 'Mã thủ tục gồm chữ, số, dấu chấm, gạch (tối đa 40 ký tự)' })
  code!: string;
}

export class EffectiveVersionQuery {
  /** Local date (`YYYY-MM-DD`); default today. */
  @IsOptional() @Matches(LOCAL_DATE, { message: 'date có dạng YYYY-MM-DD' }) date?: string;
}

export class ImportQuery {
  /** `true`: validate and report, store nothing. */
  @IsOptional() @IsIn(['true', 'false']) dryRun?: 'true' | 'false';
}
