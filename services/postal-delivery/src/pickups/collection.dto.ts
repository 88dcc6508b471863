import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';

export class CollectedComponentDto {
  @ApiProperty({ example: 'TP01', description: 'Mã thành phần hồ sơ trong danh mục thủ tục' }) @IsString() @Length(1, 40) code!: string;
  @ApiProperty({ example: 1 }) @IsInt() @Min(1) @Max(100) quantity!: number;
}

/** What the postman took at the door: components (checked against the procedure's list), fees, the sealed package. */
export class RecordCollectionDto {
  @ApiProperty({ type: [CollectedComponentDto] })
  @IsArray()
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => CollectedComponentDto)
  components!: CollectedComponentDto[];
  @ApiProperty({ example: 8000, description: 'Phí, lệ phí đã thu tại nhà (đồng), có biên lai' })
  @IsInt()
  @Min(0)
  @Max(100_000_000)
  feesCollectedVnd!: number;
  @ApiProperty({ example: 'NP-0012345', description: 'Số niêm phong túi hồ sơ' })
  @Matches(/^[A-Z0-9][A-Z0-9-]{3,29}$/, { message: 'Số niêm phong gồm 4–30 chữ in hoa, chữ số hoặc dấu gạch ngang' })
  sealNumber!: string;
  @ApiProperty({ example: '2026-11-25T09:20:00+07:00' }) @IsISO8601({ strict: true }) at!: string;
  @ApiPropertyOptional({ example: 'Người dân ký phiếu gửi' }) @IsOptional() @IsString() @Length(0, 300) note?: string;
}
