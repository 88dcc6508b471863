import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Length, Max, Min, ValidateNested } from 'class-validator';
import { NoControlCharacters } from '../validation/vietnamese-data';

const nfc = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export class PresentedComponentDto {
  @ApiPropertyOptional({ description: "1-based position in the procedure's component list (or give name)" })
  @IsOptional()
  @IsInt()
  @Min(1)
  index?: number;
  @ApiPropertyOptional() @IsOptional() @Transform(nfc) @IsString() @Length(1, 500) @NoControlCharacters() name?: string;
  @ApiProperty({ enum: ['ORIGINAL', 'CERTIFIED_COPY', 'COPY'] })
  @IsIn(['ORIGINAL', 'CERTIFIED_COPY', 'COPY'])
  form!: 'ORIGINAL' | 'CERTIFIED_COPY' | 'COPY';
  @ApiProperty() @IsInt() @Min(1) @Max(100) quantity!: number;
}

export class CompletenessCheckDto {
  @ApiProperty() @IsString() @Length(1, 64) procedureCode!: string;
  @ApiProperty({ type: [PresentedComponentDto] })
  @IsArray()
  @ArrayMaxSize(100)
  @ValidateNested({ each: true })
  @Type(() => PresentedComponentDto)
  components!: PresentedComponentDto[];
  @ApiPropertyOptional({ description: 'conditional components (1-based indexes) that apply to this applicant' })
  @IsOptional()
  @IsArray()
  @IsInt({ each: true })
  @Min(1, { each: true })
  applicableConditional?: number[];
  @ApiPropertyOptional({ description: 'the clerk refuses the dossier for this reason (form 03)' })
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @Length(1, 2000)
  @NoControlCharacters({ lineBreaks: true })
  refusalReason?: string;
  @ApiPropertyOptional() @IsOptional() @Transform(nfc) @IsString() @Length(1, 200) @NoControlCharacters() applicantName?: string;
}
