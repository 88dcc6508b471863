import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { IsBoolean, IsOptional, IsString, Length, Matches, ValidateNested } from 'class-validator';

const nfc = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.normalize('NFC').trim() : value);

export class SupplementDto {
  @ApiPropertyOptional({ example: 'Đã nộp bản sao giấy chứng nhận kết hôn' })
  @IsOptional()
  @Transform(nfc)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class WithdrawDto {
  @ApiProperty({ example: 'Công dân không còn nhu cầu' }) @Transform(nfc) @IsString() @Length(3, 2000) reason!: string;
}

export class ResultReceiverDto {
  @ApiProperty({ example: 'Nguyễn Thị Hòa' })
  @Transform(nfc)
  @IsString()
  @Length(2, 200)
  @Matches(/^[\p{L}][\p{L}\p{M} .'-]*$/u, { message: 'Họ và tên chỉ gồm chữ cái, dấu cách và dấu nối' })
  fullName!: string;

  @ApiProperty({ example: '038190001234', description: 'CCCD (12 chữ số) hoặc CMND (9 chữ số) của người nhận' })
  @Matches(/^(\d{9}|0\d{11})$/, { message: 'Số giấy tờ tùy thân gồm 12 chữ số (CCCD) hoặc 9 chữ số (CMND)' })
  idNumber!: string;
}

export class ReturnResultDto {
  @ApiProperty({ type: ResultReceiverDto }) @ValidateNested() @Type(() => ResultReceiverDto) receivedBy!: ResultReceiverDto;
  @ApiPropertyOptional({ description: 'the clerk checked the originals (required when the dossier says originalsRequiredAtReturn)' })
  @IsOptional()
  @IsBoolean()
  originalsChecked?: boolean;
}
