import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsBase64, IsIn, IsISO8601, IsString, Length, Matches, ValidateNested } from 'class-validator';
import { PROOF_KINDS, ProofKind } from './delivery-proof.entity';

export const PROOF_CONTENT_TYPES = ['image/png', 'image/jpeg'] as const;

export class ProofImageDto {
  @ApiProperty({ enum: PROOF_CONTENT_TYPES })
  @IsIn(PROOF_CONTENT_TYPES, { message: 'Ảnh phải là PNG hoặc JPEG' })
  contentType!: (typeof PROOF_CONTENT_TYPES)[number];
  @ApiProperty({ description: 'Nội dung ảnh (base64)' })
  @IsString()
  @IsBase64(undefined, { message: 'Ảnh phải được mã hóa base64' })
  dataBase64!: string;
}

/** Proof of delivery: who took the item, their identity document, a signature or photo, and when. */
export class RecordProofDto {
  @ApiProperty({ example: 'Nguyễn Thị Hòa' }) @IsString() @Length(2, 200) recipientName!: string;
  @ApiProperty({ example: '038190012345', description: 'Số CCCD (12 số), CMND (9 số) hoặc hộ chiếu' })
  @Matches(/^(\d{9}|\d{12}|[A-Z]\d{7,8})$/, { message: 'Số giấy tờ tùy thân không hợp lệ (CCCD 12 số, CMND 9 số hoặc hộ chiếu)' })
  idNumber!: string;
  @ApiProperty({ enum: PROOF_KINDS, description: 'Chữ ký hoặc ảnh chụp khi giao' }) @IsIn(PROOF_KINDS) kind!: ProofKind;
  @ApiProperty({ type: ProofImageDto }) @ValidateNested() @Type(() => ProofImageDto) image!: ProofImageDto;
  @ApiProperty({ example: '2026-11-25T10:15:00+07:00' }) @IsISO8601({ strict: true }) deliveredAt!: string;
}
